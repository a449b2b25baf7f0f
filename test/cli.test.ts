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

describe('plausibility warnings', () => {
  const scenario = (edit: (s: Json) => void) => {
    const s = JSON.parse(readFileSync(LIBYA, 'utf8'));
    delete s.$schema;
    s.aircraft = [s.aircraft[0]];
    edit(s);
    const p = join(dir, `w${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(p, JSON.stringify(s));
    return p;
  };

  it('never block: printed once on stderr, listed in --json as warnings', async () => {
    const p = scenario((s) => {
      s.aircraft[0].enduranceH = 600;
    });
    const r = await cli(['plan', p, '--json', '--out', join(dir, 'w.geojson')]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stderr.split('\n').filter((l) => l.includes('enduranceH'));
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^coastwatch: warning: aircraft\[0\]\.enduranceH: 600 h is more than 40 h/);
    const j = JSON.parse(r.stdout);
    assert.equal(j.warnings.length, 1);
    assert.match(j.warnings[0], /enduranceH: 600 h/);
  });

  it('a base inside a no-fly area: warned, and the gap reason names it', async () => {
    const p = scenario((s) => {
      s.standoffKm = 0;
      s.noFly = {
        type: 'Polygon',
        coordinates: [
          [
            [11.8, 36.7],
            [12.1, 36.7],
            [12.1, 36.9],
            [11.8, 36.9],
            [11.8, 36.7],
          ],
        ],
      };
    });
    const out = join(dir, 'nofly.geojson');
    const r = await cli(['plan', p, '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /warning: bases\[0\] \(LICG\): the base \[11\.9\d, 36\.8\d\] lies inside a no-fly area/,
    );
    assert.match(r.stdout, /by 0 sorties/);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    const gaps = fc.features.filter((f: Json) => f.properties.kind === 'gap');
    assert.ok(gaps.length > 0);
    for (const g of gaps) assert.match(g.properties.reason, /base LICG lies inside a no-fly area/);
  });

  it('a base Natural Earth puts at sea (Rio, SBGL): warned with a fix, and the fix plans the bay and passes verify', async () => {
    const rio = (bases: Json[]) => {
      const p = join(dir, `rio${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(
        p,
        JSON.stringify({
          name: 'Rio',
          coast: { country: 'Brazil', bbox: [-44.5, -23.5, -42, -22.5] },
          bases,
          aircraft: [
            {
              name: 'T',
              count: 1,
              speedKts: 280,
              enduranceH: 10,
              reserveH: 1,
              sensorRangeKm: 60,
              turnaroundH: 3,
            },
          ],
          standoffKm: 22.2,
        }),
      );
      return p;
    };
    const shut = await cli(['plan', rio([{ icao: 'SBGL' }]), '--json', '--out', join(dir, 'rio0.geojson')]);
    assert.equal(shut.status, 0, shut.stderr);
    const j = JSON.parse(shut.stdout);
    assert.equal(j.sorties, 0);
    const w = j.warnings.find((x: string) => x.startsWith('bases[0] (SBGL)'));
    assert.match(w, /lies at sea on Natural Earth 1:10m, [0-9.]+ km off Brazil's land/);
    // the message's own fix, taken as written
    const fix = JSON.parse(/e\.g\. (\{.*?\})/.exec(w)![1]);
    const out = join(dir, 'rio1.geojson');
    const fixed = await cli(['plan', rio([fix]), '--json', '--out', out]);
    assert.equal(fixed.status, 0, fixed.stderr);
    const k = JSON.parse(fixed.stdout);
    assert.equal(k.warnings.length, 0);
    assert.ok(k.coverage > 0.99, `coverage ${k.coverage}`);
    const v = await cli(['verify', rio([fix]), out]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
  });
});

describe('audit on the command line', () => {
  const one = join(dir, 'one-type.json');
  before(() => {
    const s = JSON.parse(readFileSync(LIBYA, 'utf8'));
    delete s.$schema;
    s.aircraft = [{ ...s.aircraft[0], callsigns: [] }];
    writeFileSync(one, JSON.stringify(s));
  });
  const track = () => {
    const p = join(dir, 'flown.csv');
    writeFileSync(p, 'time,lat,lon\n2026-12-01T10:00:00Z,33.2,13.0\n2026-12-01T10:10:00Z,33.2,13.5\n');
    return p;
  };

  it('needs no --aircraft when the scenario has one type', async () => {
    const r = await cli(['audit', one, track(), '--json', '--out', join(dir, 'a1.geojson')]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).byTrack[0].aircraft, 'Turboprop ISR');
  });

  it('an empty file and a route-only GPX among several are reported and skipped, not fatal', async () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const route = join(ROOT, 'test', 'fixtures', 'tracks', 'gpx', 'trek.gpx');
    const r = await cli(['audit', one, track(), empty, route, '--out', join(dir, 'a2.geojson')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /skipped file .*empty\.csv: no usable fix: the file is empty \(0 bytes\)/);
    assert.match(
      r.stdout,
      /skipped file .*trek\.gpx: no usable fix: it holds only a route \(<rte>\), which is a plan, not a flown track/,
    );
    const j = await cli(['audit', one, track(), empty, '--json', '--out', join(dir, 'a3.geojson')]);
    assert.deepEqual(
      JSON.parse(j.stdout).skippedFiles.map((x: Json) => x.path),
      [empty],
    );
  });

  it('a route-only GPX alone is refused, saying it is a route', async () => {
    const route = join(ROOT, 'test', 'fixtures', 'tracks', 'gpx', 'trek.gpx');
    const r = await cli(['audit', one, route]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /only a route \(<rte>\), which is a plan, not a flown track/);
  });

  it('a track with a data gap comes out as a MultiLineString', async () => {
    const p = join(dir, 'gappy.csv');
    writeFileSync(
      p,
      'time,lat,lon\n2026-12-01T10:00:00Z,33.2,13.0\n2026-12-01T10:01:00Z,33.2,13.05\n2026-12-01T10:02:00Z,33.2,13.1\n' +
        '2026-12-01T13:00:00Z,33.2,13.4\n2026-12-01T13:01:00Z,33.2,13.45\n',
    );
    const out = join(dir, 'gappy.audit.geojson');
    const r = await cli(['audit', one, p, '--out', out, '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    const t = fc.features.find((f: Json) => f.properties.kind === 'track');
    assert.equal(t.geometry.type, 'MultiLineString');
    assert.equal(t.geometry.coordinates.length, 2);
    assert.deepEqual(t.properties.times[1], ['2026-12-01T13:00:00Z', '2026-12-01T13:01:00Z']);
  });

  it('progress goes to stderr only on a terminal, and never under --json', async () => {
    const tty = await cli(['schedule', LIBYA, '--sweep', 'MALE UAV=1..2', '--days', '1'], { tty: true });
    assert.equal(tty.status, 0, tty.stderr);
    assert.match(tty.stderr, /\[#*\.*\] +\d+%/);
    const json = await cli(['schedule', LIBYA, '--sweep', 'MALE UAV=1..2', '--days', '1', '--json'], {
      tty: true,
    });
    assert.equal(json.stderr, '');
    const piped = await cli(['schedule', LIBYA, '--sweep', 'MALE UAV=1..2', '--days', '1']);
    assert.equal(piped.stderr, '');
    // the sweep's figures are rounded as the table shows them
    for (const row of JSON.parse(json.stdout).rows)
      for (const k of ['worstRevisitH', 'meanRevisitH', 'boundH', 'flightHours'])
        if (row[k] !== null) assert.equal(row[k], Math.round(row[k] * 10) / 10, `${k} ${row[k]}`);
  });
});

describe('schedule bounds as printed', () => {
  it('name no far-away anchor point (Tunisia printed [29.30, -15.80])', async () => {
    const r = await cli([
      'schedule',
      join(ROOT, 'scenarios', 'tunisia-sar.json'),
      '--days',
      '1',
      '--out',
      join(dir, 't.geojson'),
    ]);
    assert.equal(r.status, 0, r.stderr);
    // each coast stretch is also named by where it is: its middle and the nearest airfield
    const rows = r.stdout.split('\n').filter((l) => /^\d+-\d+ /.test(l));
    assert.equal(rows.length, 10, r.stdout);
    for (const l of rows) assert.match(l, /^\d+-\d+ +\[\d+\.\d\d, \d+\.\d\d\] near .+ \([A-Z0-9]{4}\) /);
    assert.match(rows[0], /near Tabarka/);
    const bounds = r.stdout.split('\n').filter((l) => /^ {2}bound /.test(l));
    assert.ok(bounds.length > 0, r.stdout);
    for (const l of bounds)
      for (const m of l.matchAll(/\[(-?[\d.]+), (-?[\d.]+)\]/g)) {
        // every position printed is on or near Tunisia's coast
        const [lon, lat] = [Number(m[1]), Number(m[2])];
        assert.ok(lon > 6 && lon < 13 && lat > 30 && lat < 38.5, `${l}`);
      }
  });
});
