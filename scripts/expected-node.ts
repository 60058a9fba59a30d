// vitest setup file: when scripts/run-tests.mjs runs the suite on a given Node.js (URLPOOL_TEST_NODE
// is that binary's version), a test process on any other runtime fails instead of passing on the
// wrong one (e.g. if a tool put its own node first on PATH).
const expected = process.env.URLPOOL_TEST_NODE;
if (expected !== undefined && expected !== '' && expected !== process.version) {
  throw new Error(
    `This test run is meant for Node.js ${expected} but runs on ${process.version} ` +
      `(${process.execPath}): check PATH in scripts/run-tests.mjs.`,
  );
}
