import { runCase } from './run-case.ts';

// The page script of the Chromium tests: exposes runCase for page.evaluate().
(globalThis as { runCase?: typeof runCase }).runCase = runCase;
document.title = 'urlpool fetch-manager ready';
