// `pnpm examples` (part of the test command): every example must run and check its results.
import { walkthrough } from './walkthrough.ts';

walkthrough(false).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
