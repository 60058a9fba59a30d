/** Body sizes shared by the server (what it sends) and the harness (what clients must read). */

/** `/small` response body bytes. */
export const SMALL_BYTES = 100;
/** `/post` request body bytes. */
export const POST_BODY_BYTES = 1024;
/** `/post` response body: `{"received":1024}`. */
export const POST_RESPONSE_BYTES: number = `{"received":${POST_BODY_BYTES}}`.length;
/** `/upload` request body bytes (1 MiB). */
export const UPLOAD_BYTES: number = 1024 * 1024;
/** `/upload` response body: `{"received":1048576}`. */
export const UPLOAD_RESPONSE_BYTES: number = `{"received":${UPLOAD_BYTES}}`.length;
/** `/big` response body bytes (64 MiB). */
export const BIG_BYTES: number = 64 * 1024 * 1024;
/** `/gzip` decoded body bytes (1 MiB). */
export const GZIP_DECODED_BYTES: number = 1024 * 1024;
/** Extra listening ports for the many-origins scenario. */
export const ORIGIN_COUNT = 200;
/** Slice size the server writes /big in. */
export const BIG_SLICE_BYTES: number = 1024 * 1024;
