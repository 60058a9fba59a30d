/** Default port of each scheme urlpool speaks. */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = Object.freeze({
  http: 80,
  https: 443,
});
