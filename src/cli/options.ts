/**
 * Option value parsers for commander: each names the option and the fix when a value is wrong, and refuses an
 * option given twice (a second `--sweep` would otherwise silently replace the first).
 */
import { inputError } from '../domain/errors.js';

export type Parse<T> = (value: string, previous: T | undefined) => T;

/** Takes the value as it is, refusing a second one. */
export function once<T = string>(flag: string, parse: (value: string) => T = (v) => v as T): Parse<T> {
  return (value, previous) => {
    if (previous !== undefined)
      throw inputError(
        'cli.repeated-option',
        `given twice ("${String(previous)}", then "${value}"): give it once`,
        flag,
      );
    return parse(value);
  };
}

/** A number > 0 (`--days 7`): anything else is refused with an example. */
export function positiveNumber(flag: string, what: string, example: string): (value: string) => number {
  return (value) => {
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
      throw inputError(
        'cli.bad-number',
        `must be a positive number of ${what}, e.g. ${flag} ${example} (got "${value}")`,
        flag,
      );
    return n;
  };
}

/** A whole number >= 0 (`--port 8080`). */
export function wholeNumber(flag: string, what: string, example: string): (value: string) => number {
  return (value) => {
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isInteger(n) || n < 0)
      throw inputError(
        'cli.bad-number',
        `must be a whole number of ${what}, e.g. ${flag} ${example} (got "${value}")`,
        flag,
      );
    return n;
  };
}

/** A repeatable option: every value, in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
