export { type Bundle, type BundleTarget, bundle } from './bundle.ts';
export {
  CHROMIUM_PATH,
  type HeadlessChromium,
  hasChromium,
  launchChromium,
  type Page,
} from './chromium.ts';
export { type DenoServer, denoPath, hasDeno, startDeno } from './deno.ts';
export { type EdgeFunction, startEdgeRuntime } from './edge-runtime.ts';
export { type PageServer, startPageServer } from './page-server.ts';
export { startWorkerd, type Workerd } from './workerd.ts';
