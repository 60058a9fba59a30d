import type { Fields, FieldValue } from './request-field.ts';
import { RequestField } from './request-field.ts';

/** Visits each `(name, value)` of `fields` in order; `RequestField`s are passed as the value. */
export function forEachField(
  fields: Fields,
  visit: (name: string, value: FieldValue | RequestField) => void,
): void {
  if (Array.isArray(fields) || fields instanceof Map) {
    for (const entry of fields as Iterable<readonly [string, FieldValue] | RequestField>) {
      if (entry instanceof RequestField) {
        visit(entry.name, entry);
      } else if (Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string') {
        visit(entry[0], entry[1]);
      } else {
        throw new TypeError(
          'Each field must be a [name, value] pair or a RequestField; got ' +
            (Array.isArray(entry) ? `an array of length ${entry.length}` : typeof entry),
        );
      }
    }
    return;
  }
  if (fields === null || typeof fields !== 'object') {
    throw new TypeError(
      `fields must be an object, an array of [name, value] pairs or a Map; got ${fields === null ? 'null' : typeof fields}`,
    );
  }
  const record = fields as Readonly<Record<string, FieldValue>>;
  for (const name of Object.keys(record)) visit(name, record[name]!);
}

/** Whether `fields` has at least one field (urllib3 ignores empty `fields`). */
export function hasFields(fields: Fields | null | undefined): fields is Fields {
  if (fields == null) return false;
  if (Array.isArray(fields)) return fields.length > 0;
  if (fields instanceof Map) return fields.size > 0;
  if (typeof fields !== 'object') return true; // forEachField reports the type error.
  for (const _ in fields) return true;
  return false;
}
