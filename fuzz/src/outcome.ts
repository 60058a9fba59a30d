/** What one client made of one case. */
export type Outcome =
  | {
      readonly kind: 'ok';
      readonly status: number;
      readonly body: string;
      /** The client would reuse the connection. */
      readonly reusable: boolean;
    }
  | { readonly kind: 'error'; readonly name: string; readonly detail: string }
  | { readonly kind: 'timeout' };

/** A defect of urlpool (never a disagreement): the run fails when any occurs. */
export type FaultKind =
  | 'crash'
  | 'untyped-error'
  | 'hang'
  | 'leaked-socket'
  | 'unhandled-rejection';

export class Fault extends Error {
  readonly kind: FaultKind;

  constructor(kind: FaultKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

/** Error messages with numbers and quoted bytes removed, so like errors group together. */
export function errorShape(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, 'N')
    .slice(0, 70);
}
