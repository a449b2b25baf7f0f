/** The Chromium harness works end to end: Debian's chromium driven by playwright-core, on loopback only. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, launchChromium, requireChromium } from '../support/browser.js';

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>coastwatch harness</title></head>
<body style="background:#fff;font:24px sans-serif">
<h1 id="static">Static text</h1>
<p id="out">script did not run</p>
<script>document.getElementById('out').textContent = 'sorties: ' + (6 * 7);</script>
</body></html>`;

describe('Chromium driven by playwright-core', { timeout: 60_000 }, () => {
  let browser: Browser | undefined;
  let server: Server | undefined;
  let base = '';
  const dir = mkdtempSync(join(tmpdir(), 'coastwatch-browser-test-'));

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(PAGE);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (chromiumAvailable().ok) browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders a data: URL', async (t) => {
    if (!requireChromium(t) || !browser) return;
    const page = await browser.newPage();
    try {
      await page.goto(`data:text/html,${encodeURIComponent('<p id="x">hello from a data URL</p>')}`);
      assert.equal(await page.textContent('#x'), 'hello from a data URL');
    } finally {
      await page.close();
    }
  });

  it('loads a page served on 127.0.0.1, runs its script, and takes a screenshot', async (t) => {
    if (!requireChromium(t) || !browser) return;
    const page = await browser.newPage({ viewport: { width: 640, height: 360 } });
    try {
      const res = await page.goto(`${base}/`);
      assert.equal(res?.status(), 200);
      assert.equal(await page.title(), 'coastwatch harness');
      assert.equal(await page.textContent('#static'), 'Static text');
      assert.equal(await page.textContent('#out'), 'sorties: 42');
      const shot = join(dir, 'page.png');
      await page.screenshot({ path: shot });
      const png = readFileSync(shot);
      assert.deepEqual(
        [...png.subarray(0, 8)],
        [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
        'PNG signature',
      );
      assert.equal(png.readUInt32BE(16), 640, 'PNG width');
      assert.equal(png.readUInt32BE(20), 360, 'PNG height');
      assert.ok(statSync(shot).size > 1000);
    } finally {
      await page.close();
    }
  });

  it('reports the Debian chromium version', async (t) => {
    if (!requireChromium(t) || !browser) return;
    assert.match(browser.version(), /^\d+\.\d+\.\d+\.\d+$/);
  });
});
