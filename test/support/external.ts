/**
 * Tests against real external programs (PostgreSQL/PostGIS, Chromium) skip on a developer's machine that lacks
 * them, with a hint how to install them, but fail under CI (`CI` set), so that CI can never pass by skipping.
 */
import type { TestContext } from 'node:test';

export interface Availability {
  ok: boolean;
  why?: string;
}

export const INSTALL_HINT = 'run `sudo bash scripts/install-system-deps.sh`';

/** True when CI is set to anything but an empty string, "0" or "false". */
export function inCI(): boolean {
  const v = process.env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/**
 * Returns true when `avail.ok`; otherwise skips the test (returns false: the caller should return) or, under CI,
 * throws so the test fails.
 */
export function requireOrSkip(t: TestContext, what: string, avail: Availability): boolean {
  if (avail.ok) return true;
  const msg = `${what} is not available (${avail.why ?? 'unknown reason'}): ${INSTALL_HINT}`;
  if (inCI()) throw new Error(`${msg} [CI is set, so this fails instead of skipping]`);
  t.skip(msg);
  return false;
}
