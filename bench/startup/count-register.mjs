// `--import` this to list every module a process loads (on stderr, one `module <url>` a line).
// In-thread hooks (module.registerHooks, Node >= 22.15) where there are, else off-thread ones.
import * as nodeModule from 'node:module';

if (typeof nodeModule.registerHooks === 'function') {
  nodeModule.registerHooks({
    load(url, context, next) {
      process.stderr.write(`module ${url}\n`);
      return next(url, context);
    },
  });
} else {
  nodeModule.register(new URL('./count-hooks.mjs', import.meta.url));
}
