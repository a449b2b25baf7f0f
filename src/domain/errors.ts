/**
 * The small typed error set every layer throws (after VROOM): `input` for anything the user can fix in what
 * they gave us, `infeasible` for a valid request no plan can satisfy, `internal` for our own bugs.
 * The CLI and the server map kinds to exit codes / HTTP status in one place each.
 */
export type ErrorKind = 'input' | 'infeasible' | 'internal';

export class CoastwatchError extends Error {
  readonly kind: ErrorKind;
  /** Stable machine-readable code, e.g. `scenario.invalid`, `track.no-fixes`. */
  readonly code: string;
  /** Field path (`aircraft[0].reserveH`) or file:line the problem is in, when there is one. */
  readonly where?: string;

  constructor(kind: ErrorKind, code: string, message: string, where?: string) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'CoastwatchError';
    this.kind = kind;
    this.code = code;
    this.where = where;
  }
}

export function inputError(code: string, message: string, where?: string): CoastwatchError {
  return new CoastwatchError('input', code, message, where);
}

export function infeasibleError(code: string, message: string, where?: string): CoastwatchError {
  return new CoastwatchError('infeasible', code, message, where);
}

export function internalError(code: string, message: string): CoastwatchError {
  return new CoastwatchError('internal', code, message);
}

/** Wraps anything thrown into the typed set, so callers at the edge see one shape. */
export function asCoastwatchError(err: unknown): CoastwatchError {
  if (err instanceof CoastwatchError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new CoastwatchError('internal', 'internal', `unexpected error: ${message} (please report it)`);
}

/** Exit status of the CLI per docs/cli.md: 2 bad input, 1 anything else. */
export function exitCodeFor(err: CoastwatchError): number {
  return err.kind === 'input' ? 2 : 1;
}

/** HTTP status for the server: input 400, infeasible 422, internal 500. */
export function httpStatusFor(err: CoastwatchError): number {
  return err.kind === 'input' ? 400 : err.kind === 'infeasible' ? 422 : 500;
}
