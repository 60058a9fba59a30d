/** Shared checks for client adapters. */

/** Throws unless the response status is 200 (a client must not win by failing fast). */
export function expect200(client: string, status: number | undefined): void {
  if (status !== 200) throw new Error(`${client}: expected status 200, got ${status}`);
}

/** Request headers for a spec: gzip scenarios ask for gzip explicitly. */
export function gzipHeaders(gzip: boolean): Record<string, string> {
  return gzip ? { 'accept-encoding': 'gzip' } : {};
}
