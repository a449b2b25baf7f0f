/**
 * Debian's Chromium (package `chromium`, see scripts/install-system-deps.sh) driven by playwright-core for tests.
 * Nothing here downloads a browser: playwright-core is given /usr/bin/chromium as its executable.
 *
 * Playwright gives each launch() a fresh, empty profile of its own in a temp dir (playwright_chromiumdev_profile-*)
 * and removes it on close; it refuses a `--user-data-dir` argument to launch(), so none is passed here.
 */
import { accessSync, constants } from 'node:fs';
import type { TestContext } from 'node:test';
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../src/app/export-pdf.js';
import { type Availability, requireOrSkip } from './external.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags the PDF brief launches it with: the tests' browser is the same. */
export { CHROMIUM_ARGS };

/** Whether Debian's Chromium is installed where launchChromium() looks for it. */
export function chromiumAvailable(): Availability {
  if (process.platform !== 'linux')
    return { ok: false, why: `the test harness supports Linux only, not ${process.platform}` };
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    return { ok: false, why: `${CHROMIUM_PATH} not found or not executable (Debian package \`chromium\`)` };
  }
  return { ok: true };
}

/** In a test: returns true when Chromium can be launched; else skips the test (returns false) or, under CI, fails it. */
export function requireChromium(t: TestContext): boolean {
  return requireOrSkip(t, 'Chromium', chromiumAvailable());
}

/** Launches headless Debian Chromium. Extra `args` are appended to CHROMIUM_ARGS. Close the browser when done. */
export async function launchChromium(opts: LaunchOptions = {}): Promise<Browser> {
  const avail = chromiumAvailable();
  if (!avail.ok)
    throw new Error(`cannot launch Chromium: ${avail.why}; run \`sudo bash scripts/install-system-deps.sh\``);
  return chromium.launch({
    timeout: 30_000,
    ...opts,
    headless: true,
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
  });
}
