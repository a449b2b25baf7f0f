/**
 * Prints the mission brief's HTML to PDF with Debian's Chromium through playwright-core (nothing downloads a
 * browser): one A4 page per `.page` section.
 */
import { accessSync, constants } from 'node:fs';
import { internalError } from '../domain/errors.js';

export const CHROMIUM_PATH = process.env.COASTWATCH_CHROMIUM ?? '/usr/bin/chromium';
/**
 * As root Chromium needs --no-sandbox; the background-networking group keeps it from reaching out to Google's
 * hosts at start, which a closed network refuses (and which would only slow it down). The tests launch it so too.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export async function printPdf(html: string): Promise<Uint8Array> {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw internalError(
      'export.no-browser',
      `the PDF brief needs Chromium at ${CHROMIUM_PATH} (Debian package chromium: sudo bash scripts/install-system-deps.sh)`,
    );
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    headless: true,
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
  });
  try {
    const page = await browser.newPage();
    // the page is self-contained: refuse any request so printing never waits on the network
    await page.route('**/*', (r) => r.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
