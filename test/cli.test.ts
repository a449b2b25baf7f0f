/**
 * The command line in-process (runCli): files a GIS re-saved, --json figures as the table shows them, and the
 * messages of the commands, each checked on what the program prints and writes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli } from './support/cli.js';
import { repoRoot } from './support/golden.js';

const ROOT = repoRoot();
const LIBYA = join(ROOT, 'scenarios', 'libya-pantelleria.json');
const dir = mkdtempSync(join(tmpdir(), 'coastwatch-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: a plan file edited freely in place, as a GIS would
type Json = Record<string, any>;

/** What QGIS does on "save as GeoJSON": foreign members dropped, `name` and `crs` added, lists as text. */
function qgisResave(fc: Json, name: string): Json {
  return {
    type: 'FeatureCollection',
    name,
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
    features: fc.features.map((f: Json) => ({
      type: 'Feature',
      properties: Object.fromEntries(
        Object.entries(f.properties).map(([k, v]) => [k, Array.isArray(v) ? JSON.stringify(v) : v]),
      ),
      geometry: f.geometry,
    })),
  };
}

describe('a plan file a GIS re-saved (summary dropped)', () => {
  const planPath = join(dir, 'libya.plan.geojson');
  const qgisPath = join(dir, 'libya-qgis.geojson');
  before(async () => {
    const r = await cli(['plan', LIBYA, '--out', planPath, '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    const fc = JSON.parse(readFileSync(planPath, 'utf8'));
    assert.ok(fc.summary, 'the planner writes a summary');
    writeFileSync(qgisPath, JSON.stringify(qgisResave(fc, 'libya.plan')));
  });

  it('verify accepts it, recomputes the summary and says so', async () => {
    const r = await cli(['verify', LIBYA, qgisPath]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /note: the file has no "summary" .*recomputed from its features/);
    assert.match(r.stdout, /1 sortie, every rule holds/);
  });

  it('verify still finds a rule it breaks', async () => {
    const fc = JSON.parse(readFileSync(qgisPath, 'utf8'));
    const s = fc.features.find((f: Json) => f.properties.kind === 'sortie');
    // the sortie no longer returns to its base
    s.geometry.coordinates[s.geometry.coordinates.length - 1] = [20, 33];
    const bad = join(dir, 'libya-qgis-bad.geojson');
    writeFileSync(bad, JSON.stringify(fc));
    const r = await cli(['verify', LIBYA, bad, '--json']);
    assert.equal(r.status, 2);
    const j = JSON.parse(r.stdout);
    assert.equal(j.ok, false);
    assert.ok(j.violations.length > 0);
  });

  it('audit --plan reads it', async () => {
    const track = join(dir, 'track.csv');
    writeFileSync(track, 'time,lat,lon\n2026-12-01T10:00:00Z,33.0,13.0\n2026-12-01T10:01:00Z,33.05,13.1\n');
    const r = await cli([
      'audit',
      LIBYA,
      track,
      '--plan',
      qgisPath,
      '--aircraft',
      'Turboprop ISR',
      '--json',
      '--out',
      join(dir, 'a.geojson'),
    ]);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.tracks, 1);
  });
});

describe('--json output', () => {
  it('every number of plan --json is as rounded as the file writes it', async () => {
    const r = await cli(['plan', LIBYA, '--json', '--out', join(dir, 'p.geojson')]);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(typeof j.coastKm, 'number');
    assert.deepEqual(j.warnings, []);
    // no float noise like 24.000000000000014
    assert.doesNotMatch(r.stdout, /\d\.\d{7,}/);
  });
});
