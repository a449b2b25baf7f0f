/**
 * The web map end to end: Debian's Chromium against a real `coastwatch serve` (fresh SQLite store, token from
 * the command line). Every step asserts on what a person sees and leaves a screenshot in test-output/web/; with
 * UPDATE_DOCS_IMAGES=1 (`npm run docs-images`) the plan and schedule views are also written to docs/img/ for the
 * README (an explicit refresh, like the golden files: a test run leaves the checkout clean).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, requireChromium } from './support/browser.js';
import { repoRoot } from './support/golden.js';
import { type Served, startServe } from './support/serve.js';

const out = join(repoRoot(), 'test-output', 'web');
const docs = join(repoRoot(), 'docs', 'img');

/** A flown track along Libya's coast off Tripoli, with a 40-minute data gap in the middle. */
function gpxTrack(): string {
  const t0 = Date.parse('2026-12-01T06:00:00Z');
  const pts: string[] = [];
  for (let i = 0; i <= 40; i++) {
    const gap = i > 20 ? 40 * 60e3 : 0;
    const t = new Date(t0 + i * 60e3 + gap).toISOString();
    const lon = 12.0 + i * 0.09 + (i > 20 ? 0.5 : 0);
    pts.push(`<trkpt lat="33.25" lon="${lon.toFixed(5)}"><ele>6000</ele><time>${t}</time></trkpt>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="coastwatch test" xmlns="http://www.topografix.com/GPX/1/1">
<trk><name>SEEK21</name><trkseg>${pts.join('\n')}</trkseg></trk></gpx>`;
}

describe('web map against coastwatch serve', { timeout: 600_000 }, () => {
  let served: Served | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const foreign: string[] = [];
  const consoleErrors: string[] = [];

  before(async () => {
    mkdirSync(out, { recursive: true });
    mkdirSync(docs, { recursive: true });
    if (!chromiumAvailable().ok) return;
    served = await startServe();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(`${served!.base}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))
        foreign.push(u);
    });
    page.on('console', (m) => {
      // the refused token (401) and the misspelt country (400) are steps of this test, answered as designed
      if (m.type() === 'error' && !/Failed to load resource: .* status of (400|401)\b/.test(m.text()))
        consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });
  after(async () => {
    await browser?.close();
    await served?.stop();
  });

  const shot = async (name: string, alsoDocs = false) => {
    await page!.screenshot({ path: join(out, `${name}.png`) });
    if (alsoDocs && process.env.UPDATE_DOCS_IMAGES === '1')
      await page!.screenshot({ path: join(docs, `${name}.png`) });
  };
  /** Reads back what the OpenLayers map holds in one of its sources. */
  const features = (layer: string, kind?: string) =>
    page!.evaluate(
      ([l, k]) => {
        const cw = (
          window as unknown as {
            __coastwatch: { layers: Record<string, { getFeatures(): { get(p: string): unknown }[] }> };
          }
        ).__coastwatch;
        return cw.layers[l!].getFeatures().filter((f) => !k || f.get('kind') === k).length;
      },
      [layer, kind],
    );

  it('logs in, loads the Libya example, shows field messages, draws a no-fly area', async (t) => {
    if (!requireChromium(t) || !page || !served) return;
    await page.goto(`${served.base}/`);
    await page.locator('#login').waitFor({ state: 'visible' });
    await shot('01-login');
    await page.fill('#login-token', 'not-a-token');
    await page.click('#login-submit');
    await page.locator('#login-error').filter({ hasText: 'refused' }).waitFor();
    await page.fill('#login-token', served.token);
    await page.click('#login-submit');
    // an empty store: the page says what to do first
    await page.locator('#empty-state').waitFor();
    assert.match((await page.textContent('#empty-state')) ?? '', /Load the Libya example/);
    assert.ok((await features('land')) > 200, 'Natural Earth countries drawn');
    await shot('02-empty');
    await page.click('#load-libya');
    await page.locator('#aircraft .aircraft-card').nth(1).waitFor();
    assert.equal(await page.inputValue('[data-path="name"]'), 'Libya coast from Pantelleria');
    assert.equal(await page.locator('#aircraft .aircraft-card').count(), 2);
    assert.equal(await page.inputValue('[data-path="aircraft[1].speedKts"]'), '170');
    assert.match((await page.textContent('#bases')) ?? '', /LICG/);
    assert.match((await page.textContent('h2')) ?? '', /version 1/);
    assert.ok((await features('scenario', 'base')) === 1, 'the base is on the map');
    assert.ok((await features('scenario', 'coast')) >= 1, 'the coast and its standoff band are on the map');

    // a misspelt country: the server's did-you-mean shows next to the field
    await page.fill('[data-path="coast.country"]', 'Lybia');
    await page.click('#save');
    const msg = page.locator('.field-error');
    await msg.first().waitFor();
    assert.match((await msg.first().textContent()) ?? '', /Libya/);
    await shot('03-field-error');
    await page.fill('[data-path="coast.country"]', 'Libya');

    // a no-fly area drawn on the map, off the Gulf of Sidra
    await page.click('#draw-nofly');
    const px = (lon: number, lat: number) =>
      page!.evaluate(
        ([x, y]) => {
          const cw = (
            window as unknown as { __coastwatch: { map: { getPixelFromCoordinate(c: number[]): number[] } } }
          ).__coastwatch;
          const m = 6378137;
          const c = [(x! * Math.PI * m) / 180, m * Math.log(Math.tan(Math.PI / 4 + (y! * Math.PI) / 360))];
          return cw.map.getPixelFromCoordinate(c);
        },
        [lon, lat],
      );
    const box = (await page.locator('#map').boundingBox())!;
    const corners: [number, number][] = [
      [17.6, 33.0],
      [18.6, 33.0],
      [18.1, 33.6],
    ];
    for (let i = 0; i < corners.length; i++) {
      const [x, y] = await px(...corners[i]);
      if (i === corners.length - 1) await page.mouse.dblclick(box.x + x, box.y + y);
      else await page.mouse.click(box.x + x, box.y + y);
      await page.waitForTimeout(150);
    }
    await page.locator('#nofly-count').filter({ hasText: '1 no-fly' }).waitFor();
    assert.equal(await features('noFly'), 1);
    await page.click('#save');
    await page.locator('h2').filter({ hasText: 'version 2' }).waitFor();
    assert.equal(await page.locator('.field-error').count(), 0);
    await shot('04-scenario-saved');
  });

  it('runs a plan and shows its sorties in the table and on the map', async (t) => {
    if (!requireChromium(t) || !page || !served) return;
    await page.click('[data-view=plan]');
    await page.click('#run-plan');
    await page.locator('#sortie-table tbody tr').first().waitFor({ timeout: 240_000 });
    const rows = await page.locator('#sortie-table tbody tr').count();
    assert.ok(rows >= 1);
    assert.equal(Number(await page.textContent('#fig-sorties')), rows);
    assert.equal(await features('plan', 'sortie'), rows);
    assert.match((await page.textContent('#plan-figures')) ?? '', /Lower bound, sorties/);
    assert.match((await page.textContent('#plan-figures')) ?? '', /NM/);
    await page.locator('#sortie-table tbody tr').first().click();
    assert.equal(await page.locator('#sortie-table tr.selected').count(), 1);
    await page.waitForTimeout(400);
    await shot('plan-view', true);
  });

  it('runs a 2-day schedule and moves the time slider', async (t) => {
    if (!requireChromium(t) || !page || !served) return;
    await page.click('[data-view=schedule]');
    await page.fill('#sched-days', '2');
    await page.click('#run-schedule');
    await page.locator('#gantt').waitFor({ timeout: 300_000 });
    assert.match((await page.textContent('#schedule-figures')) ?? '', /48\.0 h/);
    const bars = await page.locator('#gantt rect.bar').count();
    assert.equal(bars, await page.locator('#sortie-table tbody tr').count());
    const legend = await page.locator('#legend span').allTextContents();
    assert.ok(
      legend.length >= 5 && legend.slice(0, 5).every((s) => /^\d+(\.\d+)? h$/.test(s)),
      legend.join('|'),
    );
    assert.ok((await features('coast', 'stretch')) > 0, 'the revisit strip is drawn along the coast');
    const before = await page.textContent('#time-label');
    // a bar click moves the slider into that sortie: its aircraft is airborne and its sensor shades the coast
    await page.locator('#gantt rect.bar').nth(1).click();
    const label = (await page.textContent('#time-label')) ?? '';
    assert.notEqual(label, before);
    assert.match(label, /[1-9]\d* aircraft airborne/);
    assert.ok((await features('aircraft', 'aircraft')) >= 1);
    assert.ok((await features('aircraft', 'sensor')) >= 1);
    await page.focus('#time-slider');
    await page.keyboard.press('PageUp');
    await page.waitForTimeout(400);
    await shot('schedule-view', true);
  });

  it('audits a dropped GPX track', async (t) => {
    if (!requireChromium(t) || !page || !served) return;
    await page.click('[data-view=audit]');
    // a GPX track's name is not a callsign: the person says which type flew it
    await page.selectOption('#audit-aircraft', 'Turboprop ISR');
    const dt = await page.evaluateHandle((text) => {
      const d = new DataTransfer();
      d.items.add(new File([text], 'seek21.gpx', { type: 'application/gpx+xml' }));
      return d;
    }, gpxTrack());
    await page.dispatchEvent('#dropzone', 'drop', { dataTransfer: dt });
    await page.locator('#audit-figures').waitFor({ timeout: 120_000 });
    assert.equal((await page.textContent('#fig-tracks'))?.trim(), '1');
    assert.equal((await page.textContent('#fig-points'))?.trim(), '41');
    assert.equal(await features('tracks'), 1, 'the track is on the map');
    assert.match((await page.textContent('#fig-data-gaps')) ?? '', /^1 /);
    // the data gap is a break in the drawn track: two parts
    const parts = await page.evaluate(() => {
      const cw = (
        window as unknown as {
          __coastwatch: {
            layers: {
              tracks: {
                getFeatures(): { getGeometry(): { getType(): string; getLineStrings?(): unknown[] } }[];
              };
            };
          };
        }
      ).__coastwatch;
      const g = cw.layers.tracks.getFeatures()[0].getGeometry();
      return g.getType() === 'MultiLineString' ? g.getLineStrings!().length : 1;
    });
    assert.equal(parts, 2);
    assert.ok((await page.locator('#seen-table tbody tr').count()) >= 1);
    await shot('05-audit');
  });

  it('asked no host but the server and logged no console errors', async (t) => {
    if (!requireChromium(t) || !page) return;
    assert.deepEqual(foreign, []);
    assert.deepEqual(consoleErrors, []);
  });
});
