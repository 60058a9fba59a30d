// `pnpm demo`: walks through the guide's sections against a local server, narrating.
import { walkthrough } from './walkthrough.ts';

walkthrough(true).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
