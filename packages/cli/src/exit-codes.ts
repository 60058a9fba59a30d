/**
 * curl's exit codes (`man curl`, "EXIT CODES"), the subset urlpool's failures map to, so
 * scripts written for curl keep working: `if [ $? -eq 28 ]` still means "timed out".
 */
export const EXIT_CODES: Readonly<{
  ok: 0;
  unsupportedProtocol: 1;
  usage: 2;
  badUrl: 3;
  couldNotResolveProxy: 5;
  couldNotResolveHost: 6;
  couldNotConnect: 7;
  partialFile: 18;
  httpError: 22;
  writeError: 23;
  readError: 26;
  timeout: 28;
  tlsConnect: 35;
  tooManyRedirects: 47;
  emptyReply: 52;
  receiveError: 56;
  localCertificate: 58;
  peerCertificate: 60;
  badContentEncoding: 61;
  maxFileSize: 63;
  caCertificate: 77;
  pinnedKey: 90;
  proxy: 97;
}> = Object.freeze({
  ok: 0,
  unsupportedProtocol: 1,
  usage: 2,
  badUrl: 3,
  couldNotResolveProxy: 5,
  couldNotResolveHost: 6,
  couldNotConnect: 7,
  partialFile: 18,
  httpError: 22,
  writeError: 23,
  readError: 26,
  timeout: 28,
  tlsConnect: 35,
  tooManyRedirects: 47,
  emptyReply: 52,
  receiveError: 56,
  localCertificate: 58,
  peerCertificate: 60,
  badContentEncoding: 61,
  maxFileSize: 63,
  caCertificate: 77,
  pinnedKey: 90,
  proxy: 97,
});

/** A curl exit code. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
