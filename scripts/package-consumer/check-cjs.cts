// The same declarations seen from a CommonJS TypeScript file (module nodenext: TypeScript >= 5.8
// types require() of an ES module, as Node >= 20.19 runs it).
import urlpool = require('urlpool');

export const http: urlpool.PoolManager = new urlpool.PoolManager({ numPools: 1 });
export const retries: urlpool.Retry = urlpool.Retry.from(3);
