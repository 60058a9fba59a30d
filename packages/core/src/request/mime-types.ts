// A small extension -> media type table for multipart file fields (urllib3 asks Python's
// `mimetypes`, which reads the system's table; a fixed table keeps results the same everywhere).
const TYPES: Readonly<Record<string, string>> = {
  avif: 'image/avif',
  bmp: 'image/bmp',
  css: 'text/css',
  csv: 'text/csv',
  gif: 'image/gif',
  gz: 'application/gzip',
  htm: 'text/html',
  html: 'text/html',
  ico: 'image/vnd.microsoft.icon',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  js: 'text/javascript',
  json: 'application/json',
  md: 'text/markdown',
  mjs: 'text/javascript',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  ogg: 'audio/ogg',
  pdf: 'application/pdf',
  png: 'image/png',
  svg: 'image/svg+xml',
  tar: 'application/x-tar',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  txt: 'text/plain',
  wasm: 'application/wasm',
  wav: 'audio/x-wav',
  webm: 'video/webm',
  webp: 'image/webp',
  woff: 'font/woff',
  woff2: 'font/woff2',
  xml: 'text/xml',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  zip: 'application/zip',
};

/**
 * Guesses a media type from a file name's extension (case-insensitive), or returns `fallback`
 * (urllib3's `guess_content_type`).
 *
 * @example
 * ```ts
 * guessContentType('photo.JPG');   // 'image/jpeg'
 * guessContentType('data.bin');    // 'application/octet-stream'
 * ```
 */
export function guessContentType(
  filename: string | null | undefined,
  fallback = 'application/octet-stream',
): string {
  if (!filename) return fallback;
  const dot = filename.lastIndexOf('.');
  if (dot === -1) return fallback;
  const ext = filename.slice(dot + 1).toLowerCase();
  return Object.hasOwn(TYPES, ext) ? TYPES[ext]! : fallback;
}
