/**
 * Checks one timeout duration (milliseconds). `null` and `undefined` mean "no limit" and come
 * back as `undefined`. As in urllib3, zero is refused: a zero timeout can never be met, and
 * "no limit" is spelled `undefined`.
 *
 * @throws TypeError when the value is not a number (booleans included, as in urllib3).
 * @throws RangeError when the value is NaN, infinite, zero or negative.
 */
export function validateDuration(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  // The messages keep urllib3's wording ("cannot be a boolean", "less than or equal to 0"), so
  // code and tests that match on it keep working.
  if (typeof value === 'boolean') {
    throw new TypeError(
      `Timeout value ${name} was ${value}, but it cannot be a boolean: it must be a number of milliseconds, or undefined for no limit.`,
    );
  }
  if (typeof value !== 'number') {
    throw new TypeError(
      `Timeout value ${name} was ${String(value)} (${typeof value}), but it must be an int, float or undefined (a number of milliseconds, or undefined for no limit).`,
    );
  }
  if (!Number.isFinite(value)) {
    throw new RangeError(
      `Attempted to set ${name} timeout to ${value}, but the timeout must be a finite number of milliseconds (use undefined for no limit).`,
    );
  }
  if (value <= 0) {
    throw new RangeError(
      `Attempted to set ${name} timeout to ${value}, but the timeout cannot be set to a value less than or equal to 0 (use undefined for no limit).`,
    );
  }
  return value;
}
