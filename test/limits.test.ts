/**
 * Limits stated and enforced (issue 9): every scenario number at and past its bound; `--count __proto__=1`; and
 * each fuzz reproducer of the issue (times out of range, deep JSON and XML, gzip and zip bombs, a 200 MB line),
 * made on the fly and small (bombs from a repeated compressed piece, huge files sparse).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { auditFiles } from '../src/app/audit.js';
import { runCli } from '../src/cli/program.js';
import { CoastwatchError } from '../src/domain/errors.js';
import { jsonDeeperThan, MAX_JSON_DEPTH, MAX_XML_DEPTH, xmlDeeperThan } from '../src/domain/nesting.js';
import { LIMITS, parseScenarioFile } from '../src/domain/scenario-schema.js';
import { isoTime } from '../src/formats/audit-geojson.js';
import { KMZ_MAX_ENTRIES, KMZ_TOTAL_CAP } from '../src/formats/tracks/kml.js';
import { readTrackFile, WHOLE_FILE_CAPS } from '../src/formats/tracks/read.js';
import { repoRoot } from './support/golden.js';
import {
  CSV_HUGE_TIME,
  geojsonDeep,
  geojsonDeepCollection,
  gpxDeep,
  gzipBomb,
  kmlDeep,
  kmzBomb,
  kmzManyEntries,
  READSB_HUGE_OFFSET,
  sparseFile,
} from './support/hostile.js';
import { tempDir } from './support/temp.js';

const ROOT = repoRoot();
const SCENARIO = join(ROOT, 'scenarios', 'libya-pantelleria.json');
const VALID = JSON.parse(readFileSync(SCENARIO, 'utf8')) as Record<string, unknown>;
const { dir, done } = tempDir('coastwatch-limits-');
after(done);
let n = 0;
const file = (name: string, bytes: string | Uint8Array) => {
  const p = join(dir, `${n++}-${name}`);
  writeFileSync(p, bytes);
  return p;
};

/** A scenario file as the tests edit it. */
type Editable = { [field: string]: unknown; aircraft: Record<string, unknown>[] };

/** The scenario with `edit` applied to a copy. */
function scenarioWith(edit: (s: Editable) => void): unknown {
  const s = structuredClone(VALID) as Editable;
  edit(s);
  return s;
}

function rejectsWith(f: () => unknown, re: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof CoastwatchError && e.kind === 'input', String(e));
    assert.match(e.message, re);
    return true;
  });
}

async function refusedRead(path: string, code: string, re: RegExp): Promise<void> {
  await assert.rejects(
    readTrackFile(path, () => undefined),
    (e: unknown) => {
      assert.ok(e instanceof CoastwatchError, `not a coastwatch error: ${String(e)}`);
      assert.equal(e.kind, 'input');
      assert.equal(e.code, code, e.message);
      assert.match(e.message, re);
      return true;
    },
  );
}

describe('scenario limits: each number at its bound is read, past it refused with the reason', () => {
  const fields: [keyof typeof LIMITS, (s: Editable, v: number) => void, number][] = [
    ['standoffKm', (s, v) => (s.standoffKm = v), 0.1],
    ['count', (s, v) => (s.aircraft[0].count = v), 1],
    ['speedKts', (s, v) => (s.aircraft[0].speedKts = v), 0.1],
    ['enduranceH', (s, v) => (s.aircraft[1].enduranceH = v), 0.1],
    ['sensorRangeKm', (s, v) => (s.aircraft[0].sensorRangeKm = v), 0.1],
    ['turnaroundH', (s, v) => (s.aircraft[0].turnaroundH = v), 0.1],
  ];
  for (const [name, set, step] of fields) {
    it(`${name} <= ${LIMITS[name].max}`, () => {
      const max = LIMITS[name].max;
      parseScenarioFile(scenarioWith((s) => set(s, max)));
      for (const v of [max + step, 1e9, 1e308])
        rejectsWith(
          () => parseScenarioFile(scenarioWith((s) => set(s, v))),
          new RegExp(
            `${name}: must be at most ${max}\\b.*\\(${LIMITS[name].why.slice(0, 20).replace(/[()]/g, '.')}`,
          ),
        );
    });
  }

  it(`reserveH <= ${LIMITS.reserveH.max} (and below enduranceH)`, () => {
    parseScenarioFile(
      scenarioWith((s) => {
        s.aircraft[1].enduranceH = 2000;
        s.aircraft[1].reserveH = 1999;
      }),
    );
    rejectsWith(
      () => parseScenarioFile(scenarioWith((s) => (s.aircraft[1].reserveH = 2001))),
      /aircraft\[1\]\.reserveH: must be at most 2000 h/,
    );
  });

  it(`bases <= ${LIMITS.bases.max}, aircraft types <= ${LIMITS.aircraft.max}, callsigns <= ${LIMITS.callsigns.max}`, () => {
    const bases = (k: number) => Array.from({ length: k }, (_, i) => ({ name: `b${i}`, lon: 12, lat: 35 }));
    const types = (k: number) =>
      Array.from({ length: k }, (_, i) => ({
        name: `t${i}`,
        base: 'b0',
        speedKts: 200,
        enduranceH: 10,
        sensorRangeKm: 50,
      }));
    parseScenarioFile(
      scenarioWith((s) => {
        s.bases = bases(LIMITS.bases.max);
        s.aircraft = types(LIMITS.aircraft.max);
        s.aircraft[0].callsigns = Array.from({ length: LIMITS.callsigns.max }, (_, i) => `C${i}`);
      }),
    );
    rejectsWith(
      () => parseScenarioFile(scenarioWith((s) => (s.bases = bases(LIMITS.bases.max + 1)))),
      /bases: must be at most 200 bases \(more than 200 bases for one coast: split/,
    );
    rejectsWith(
      () =>
        parseScenarioFile(
          scenarioWith((s) => {
            s.bases = bases(1);
            s.aircraft = types(LIMITS.aircraft.max + 1);
          }),
        ),
      /aircraft: must be at most 50 types/,
    );
    rejectsWith(
      () =>
        parseScenarioFile(
          scenarioWith((s) => (s.aircraft[0].callsigns = Array.from({ length: 10001 }, (_, i) => `C${i}`))),
        ),
      /aircraft\[0\]\.callsigns: must be at most 10000/,
    );
  });

  it(`noFly holds at most ${LIMITS.noFlyPositions.max} positions, nested no deeper than GeoJSON`, () => {
    const ring = (k: number) => {
      const r = Array.from({ length: k - 1 }, (_, i) => [
        12 + (i % 1000) * 1e-4,
        34 + Math.floor(i / 1000) * 1e-4,
      ]);
      r.push(r[0]);
      return { type: 'Polygon', coordinates: [r] };
    };
    parseScenarioFile(scenarioWith((s) => (s.noFly = ring(LIMITS.noFlyPositions.max))));
    rejectsWith(
      () => parseScenarioFile(scenarioWith((s) => (s.noFly = ring(LIMITS.noFlyPositions.max + 1)))),
      /noFly: must be at most 200000 positions \(a no-fly area of more than 200,000 positions: simplify it/,
    );
    let deep: unknown = [12, 34];
    for (let i = 0; i < 10000; i++) deep = [deep];
    rejectsWith(
      () => parseScenarioFile(scenarioWith((s) => (s.noFly = { type: 'Polygon', coordinates: deep }))),
      /noFly: must be at most/,
    );
  });

  it('a scenario file nested 10,000 deep is refused before anything walks it', async () => {
    const p = file('deep.json', `{"name":${'['.repeat(10000)}${']'.repeat(10000)}}`);
    const { loadScenario } = await import('../src/app/load-scenario.js');
    await assert.rejects(loadScenario(p), /nests arrays or objects more than 100 deep/);
  });

  it('--count __proto__=1 is refused as an unknown type, not silently ignored', async () => {
    let err = '';
    const io = {
      stdout: { write: () => true },
      stderr: {
        write: (t: string) => {
          err += t;
          return true;
        },
      },
    };
    const code = await runCli(['schedule', SCENARIO, '--count', '__proto__=1', '--out', '-'], io);
    assert.equal(code, 2);
    assert.match(err, /"__proto__" is not an aircraft type of the scenario/);
  });
});

describe('fix times: outside 1900-2200 skipped per row, never a crash', () => {
  it('CSV time 9000000000000000 is skipped naming its line', async () => {
    const p = file('huge-time.csv', CSV_HUGE_TIME);
    const r = await readTrackFile(p, () => undefined);
    assert.equal(r.fixes, 2);
    assert.equal(r.skippedCount, 1);
    assert.equal(r.skipped[0].where, `${p}:3`);
    assert.match(r.skipped[0].why, /outside the years 1900 to 2200/);
  });

  it('the bounds themselves are read, a second past them is not', async () => {
    const p = file(
      'bounds.csv',
      'time,lat,lon\n1900-01-01T00:00:00Z,33,13\n1899-12-31T23:59:59Z,33,13\n2200-01-01T00:00:00Z,33,13\n2200-01-01T00:00:01Z,33,13\n',
    );
    const r = await readTrackFile(p, () => undefined);
    assert.equal(r.fixes, 2);
    assert.deepEqual(
      r.skipped.map((s) => s.where),
      [`${p}:3`, `${p}:5`],
    );
  });

  it('readsb offset 1e308: the row is skipped, and the audit writes its file and reports, no internal error', async () => {
    const p = file('trace_full_abc123.json', READSB_HUGE_OFFSET);
    const r = await readTrackFile(p, () => undefined);
    assert.equal(r.fixes, 2);
    assert.equal(r.skipped[0].where, `${p}: trace[1]`);
    const out = join(dir, 'audit.geojson');
    const a = await auditFiles(SCENARIO, [p], { aircraft: 'MALE UAV', out, worker: false });
    assert.equal(a.audit.points, 2);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(written.summary.spanStart, '2025-12-01T00:00:00Z');
  });

  it('isoTime of a time Date cannot hold is null, not a RangeError', () => {
    assert.equal(isoTime(9e15), null);
    assert.equal(isoTime(1e308 * 1000), null);
    assert.equal(isoTime(0), '1970-01-01T00:00:00Z');
  });
});

describe('nesting: JSON and XML refused past their depth, at it read', () => {
  it(`jsonDeeperThan: ${MAX_JSON_DEPTH} deep is fine, ${MAX_JSON_DEPTH + 1} is not; brackets in strings do not count`, () => {
    const nest = (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`;
    assert.equal(jsonDeeperThan(nest(MAX_JSON_DEPTH)), false);
    assert.equal(jsonDeeperThan(nest(MAX_JSON_DEPTH + 1)), true);
    assert.equal(jsonDeeperThan(`["${'['.repeat(500)}\\"${'{'.repeat(500)}"]`), false);
  });

  it(`xmlDeeperThan: ${MAX_XML_DEPTH} deep is fine, ${MAX_XML_DEPTH + 1} is not; comments, CDATA, empty tags do not count`, () => {
    const nest = (d: number) => `${'<a>'.repeat(d)}${'</a>'.repeat(d)}`;
    assert.equal(xmlDeeperThan(nest(MAX_XML_DEPTH)), false);
    assert.equal(xmlDeeperThan(nest(MAX_XML_DEPTH + 1)), true);
    assert.equal(
      xmlDeeperThan(
        `<r>${'<b/>'.repeat(1000)}<!--${'<a>'.repeat(1000)}--><![CDATA[${'<a>'.repeat(1000)}]]></r>`,
      ),
      false,
    );
  });

  it('a GeoJSON coordinate nested 10,000 deep, and a GeometryCollection 10,000 deep, are refused', async () => {
    await refusedRead(file('deep.geojson', geojsonDeep(10000)), 'track.no-fixes', /nest more than 100 deep/);
    await refusedRead(
      file('deepc.geojson', geojsonDeepCollection(10000)),
      'track.no-fixes',
      /nest more than 100 deep/,
    );
  });

  it('a GPX and a KML nested 10,000 deep are refused; nested 50 deep they are read', async () => {
    await refusedRead(
      file('deep.gpx', gpxDeep(10000)),
      'track.no-fixes',
      /XML elements nest more than 500 deep/,
    );
    await refusedRead(
      file('deep.kml', kmlDeep(10000)),
      'track.no-fixes',
      /XML elements nest more than 500 deep/,
    );
    assert.equal((await readTrackFile(file('ok.gpx', gpxDeep(50)), () => undefined)).fixes, 1);
    assert.equal((await readTrackFile(file('ok.kml', kmlDeep(50)), () => undefined)).fixes, 2);
  });
});

describe('size: bombs and huge lines refused quickly, in bounded memory', () => {
  it('a 200 MB one-line GPX is refused by its size, unread', async () => {
    const p = join(dir, 'one-line.gpx');
    await sparseFile(p, '<gpx version="1.1"><trk><trkseg><trkpt lat="33" lon="13">', 200 * 2 ** 20);
    const rss = process.memoryUsage().rss;
    await refusedRead(
      p,
      'track.too-big',
      /more than 64 MB of XML \(GPX, KML\), a format read whole; split it, or convert it to CSV/,
    );
    assert.ok(process.memoryUsage().rss - rss < 64 * 2 ** 20);
  });

  it(`a gzip GPX inflating to 700 MiB stops at ${WHOLE_FILE_CAPS.xml / 2 ** 20} MiB; a gzip GeoJSON of 600 MiB is refused, never "Cannot create a string"`, async () => {
    await refusedRead(
      file('bomb.gpx.gz', gzipBomb('<gpx version="1.1">', 700 * 2 ** 20)),
      'track.too-big',
      /inflates to\) more than 64 MB of XML/,
    );
    await refusedRead(
      file('bomb.geojson.gz', gzipBomb('{"type":"FeatureCollection","features":[', 600 * 2 ** 20)),
      'track.too-big',
      /more than 256 MB of JSON/,
    );
  });

  it('a gzip CSV with one 200 MB line is refused as a bomb past its ratio', async () => {
    await refusedRead(
      file('line.csv.gz', gzipBomb('time,lat,lon\n2026-12-01T00:00:00Z,33,13\n', 200 * 2 ** 20, 'a')),
      'track.too-big',
      /inflates more than 200 times .* gzip bomb/,
    );
  });

  it(`a KMZ of eight entries past ${KMZ_TOTAL_CAP / 2 ** 20} MiB in all is refused at the total`, async () => {
    await refusedRead(
      file('bomb.kmz', kmzBomb(8, 24 * 2 ** 20)),
      'track.too-big',
      /\.kml entries inflate to more than 64 MB in all/,
    );
  });

  it(`a KMZ of ${KMZ_MAX_ENTRIES} entries is read, of ${KMZ_MAX_ENTRIES + 1} or 100,001 refused, with or without its end record`, async () => {
    await refusedRead(
      file('ok.kmz', kmzManyEntries(KMZ_MAX_ENTRIES)),
      'track.no-fixes',
      /no readable \.kml file/,
    );
    const many = kmzManyEntries(KMZ_MAX_ENTRIES + 1);
    await refusedRead(file('many.kmz', many), 'track.too-big', /has 10001 entries, more than the 10000/);
    await refusedRead(
      file('many-noend.kmz', many.subarray(0, many.length - 22)),
      'track.too-big',
      /more than 10000 entries/,
    );
    await refusedRead(file('huge.kmz', kmzManyEntries(100001)), 'track.too-big', /more than 65535 entries/);
  });
});
