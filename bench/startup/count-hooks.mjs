// Module loader hook for `--import startup/count-register.mjs`: prints every module URL loaded.
export async function load(url, context, next) {
  process.stderr.write(`module ${url}\n`);
  return next(url, context);
}
