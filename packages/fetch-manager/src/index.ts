export { FetchManager } from './fetch-manager.ts';
export type {
  FetchFunction,
  FetchManagerOptions,
  FetchRequestOptions,
  FetchUrlopenOptions,
  RedirectMode,
  UnsupportedPoolOptions,
} from './fetch-manager-options.ts';
export { FETCH_UNSUPPORTED_OPTIONS } from './unsupported-options.ts';
