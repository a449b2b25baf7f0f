/** Errors as application/problem+json (RFC 9457), fields named as the command line names them. */
import { type CoastwatchError, httpStatusFor } from '../domain/errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable',
  500: 'Internal server error',
};

export const problem = (status: number, detail: string, extra: Partial<Problem> = {}): Problem => ({
  type: 'about:blank',
  title: TITLES[status] ?? 'Error',
  status,
  detail,
  ...extra,
});

/** `aircraft[0].reserveH: must be ...` lines of a CoastwatchError as `{ path, message }`. */
export function issuesOf(e: CoastwatchError): { path: string; message: string }[] {
  const lines = e.message
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter(Boolean);
  const split = (l: string) => {
    const i = l.indexOf(': ');
    return i > 0 ? { path: l.slice(0, i), message: l.slice(i + 2) } : { path: '(root)', message: l };
  };
  if (lines.length > 0) return lines.map(split);
  if (e.where) return [{ path: e.where, message: e.message.slice(e.where.length + 2) }];
  return [];
}

export function problemOfCoastwatch(e: CoastwatchError): Problem {
  const status = httpStatusFor(e);
  const errors = e.kind === 'input' ? issuesOf(e) : undefined;
  return problem(status, e.message.split('\n')[0], {
    type: `urn:coastwatch:error:${e.code}`,
    ...(errors ? { errors } : {}),
  });
}

/** `/aircraft/0/reserveH` (JSON pointer) to `aircraft[0].reserveH`. */
export function pathOfPointer(pointer: string, context: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .filter((p) => p !== '');
  if (parts.length === 0) return context;
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
