import { brotliEncoding } from './brotli-encoding.ts';
import { customizingPoolBehavior } from './customizing-pool-behavior.ts';
import type { Example } from './example-context.ts';
import { streamingAndIo } from './streaming-and-io.ts';

/** Every guide section, in the guide's order. */
export const ALL_EXAMPLES: readonly Example[] = [
  customizingPoolBehavior,
  streamingAndIo,
  brotliEncoding,
];
