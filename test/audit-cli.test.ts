/**
 * `coastwatch audit` end to end (docs/formats.md): the built CLI in a child process on small
 * synthetic tracks along the Libyan coast. Exit 0 with the audit file written; exit 2 with a message naming
 * the fix, and nothing written, on bad input.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadScenario } from '../src/app/load-scenario.js';
import { buildCoastModel, type CoastModel } from '../src/domain/coast.js';
import { destination } from '../src/geo/geodesic.js';
import { repoRoot } from './support/golden.js';

const ROOT = repoRoot();
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const SCENARIO = join(ROOT, 'scenarios', 'libya-pantelleria.json');
const T0 = Date.UTC(2026, 11, 1, 6);

const scratch = mkdtempSync(join(tmpdir(), 'coastwatch-audit-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;
function freshDir(): string {
  const d = join(scratch, String(dirs++));
  mkdirSync(d);
  return d;
}

function cli(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A plain CSV flown 25 km off the coast (north of it) over coast samples from..to, a fix every `everyS`. */
function csvAlongCoast(
  coast: CoastModel,
  from: number,
  to: number,
  callsign: string,
  startMs = T0,
  everyS = 20,
): string {
  const s = coast.samples;
  const rows = ['time,lat,lon,alt,callsign'];
  let t = startMs;
  for (let i = from; i <= to; i++) {
    const p = destination([s.lon[i], s.lat[i]], 0, 25);
    rows.push(`${new Date(t).toISOString()},${p[1].toFixed(6)},${p[0].toFixed(6)},2100,${callsign}`);
    t += everyS * 1000;
  }
  return `${rows.join('\n')}\n`;
}

describe('coastwatch audit', { timeout: 120_000 }, () => {
  let coast: CoastModel;
  before(async () => {
    const sc = await loadScenario(SCENARIO);
    coast = buildCoastModel(sc.coast.lines, sc.sampleKm);
  });

  it('writes the audit file of docs/formats.md and prints the table', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'a.csv'), csvAlongCoast(coast, 0, 400, 'SEEK21'));
    writeFileSync(join(dir, 'b.csv'), csvAlongCoast(coast, 200, 600, 'REAPER1', T0 + 3_600_000));
    const r = cli(dir, ['audit', SCENARIO, 'a.csv', 'b.csv']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '', 'no progress bar when stderr is not a terminal');
    assert.match(r.out, /a\.csv#SEEK21\s+Turboprop ISR\s+401/);
    assert.match(r.out, /b\.csv#REAPER1\s+MALE UAV\s+401/);
    assert.match(r.out, /worst revisit/);
    assert.match(r.out, /audit written to libya-pantelleria\.audit\.geojson/);
    const fc = JSON.parse(readFileSync(join(dir, 'libya-pantelleria.audit.geojson'), 'utf8'));
    assert.equal(fc.type, 'FeatureCollection');
    const kinds = fc.features.map((f: { properties: { kind: string } }) => f.properties.kind);
    assert.equal(kinds.filter((k: string) => k === 'coast').length, 1);
    assert.equal(kinds.filter((k: string) => k === 'track').length, 2);
    assert.ok(kinds.filter((k: string) => k === 'seen').length > 5);
    for (const f of fc.features) {
      const p = f.properties;
      if (p.kind === 'track') {
        assert.equal(f.geometry.type, 'LineString');
        assert.equal(p.times.length, f.geometry.coordinates.length);
        assert.ok(['Turboprop ISR', 'MALE UAV'].includes(p.aircraft));
        for (let i = 1; i < p.times.length; i++)
          assert.ok(Date.parse(p.times[i]) >= Date.parse(p.times[i - 1]));
      }
      if (p.kind === 'seen') {
        assert.equal(f.geometry.type, 'MultiLineString');
        assert.ok(p.sightings.length >= 1);
        const ts = p.sightings.map((x: string) => Date.parse(x));
        assert.deepEqual(
          ts,
          [...ts].sort((x: number, y: number) => x - y),
        );
        assert.equal(typeof p.worstGapH, 'number');
      }
    }
    const s = fc.summary;
    assert.equal(s.tracks, 2);
    assert.equal(s.points, 802);
    assert.ok(s.coverage > 0.3 && s.coverage < 0.4, String(s.coverage));
    assert.ok(Math.abs(s.coveredKm - s.coverage * s.coastKm) < 1);
    assert.ok(s.worstRevisitH > 0);
  });

  it('prints one JSON object with --json, and writes where --out says', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'a.csv'), csvAlongCoast(coast, 100, 300, 'NOBODY'));
    const r = cli(dir, [
      'audit',
      SCENARIO,
      'a.csv',
      '--aircraft',
      'male uav',
      '--out',
      'x.geojson',
      '--json',
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.tracks, 1);
    assert.equal(j.points, 201);
    assert.equal(j.out, 'x.geojson');
    assert.equal(j.byTrack[0].aircraft, 'MALE UAV');
    assert.ok(j.peakRssMB > 0);
    assert.ok(existsSync(join(dir, 'x.geojson')));
  });

  it('compares with a plan: sorties flown, planned coverage achieved, holes', () => {
    const dir = freshDir();
    assert.equal(cli(dir, ['plan', SCENARIO, '--out', 'plan.geojson']).code, 0);
    writeFileSync(join(dir, 'a.csv'), csvAlongCoast(coast, 0, 900, 'SEEK21'));
    const r = cli(dir, ['audit', SCENARIO, 'a.csv', '--plan', 'plan.geojson', '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.ok(j.planned.sorties >= 1);
    assert.ok(j.planned.achieved > 0.4 && j.planned.achieved < 0.6, String(j.planned.achieved));
    assert.ok(j.planned.holesKm > 700);
    const fc = JSON.parse(readFileSync(join(dir, 'libya-pantelleria.audit.geojson'), 'utf8'));
    assert.ok(fc.features.some((f: { properties: { kind: string } }) => f.properties.kind === 'hole'));
  });

  it('counts and names skipped rows without failing the file', () => {
    const dir = freshDir();
    const text = csvAlongCoast(coast, 0, 50, 'SEEK22').replace(/\n(.*?),(.*?),/, '\n$1,95.5,');
    writeFileSync(join(dir, 'a.csv'), text);
    const r = cli(dir, ['audit', SCENARIO, 'a.csv']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /skipped 1 row of a\.csv \(a\.csv:2/);
  });

  const bad: [string, (dir: string) => string[], RegExp][] = [
    [
      'a callsign no aircraft lists, without --aircraft',
      (dir) => {
        writeFileSync(join(dir, 'a.csv'), csvAlongCoast(coast, 0, 50, 'SEEK21'));
        writeFileSync(join(dir, 'b.csv'), csvAlongCoast(coast, 0, 50, 'ZZZ99'));
        return ['a.csv', 'b.csv'];
      },
      /ZZZ99.*--aircraft NAME.*"callsigns"/s,
    ],
    [
      'an unknown --aircraft',
      (dir) => {
        writeFileSync(join(dir, 'a.csv'), csvAlongCoast(coast, 0, 50, 'SEEK21'));
        return ['a.csv', '--aircraft', 'Blimp'];
      },
      /--aircraft: "Blimp" is not an aircraft type of the scenario: use one of "Turboprop ISR", "MALE UAV"/,
    ],
    ['a missing track file', () => ['nope.gpx'], /nope\.gpx: no such file/],
    ['no track file at all', () => [], /missing the track files/],
    [
      'a file with no usable fix',
      (dir) => {
        writeFileSync(join(dir, 'a.csv'), 'time,lat,lon\n2026-12-01T06:00:00Z,95,13\n');
        return ['a.csv', '--aircraft', 'MALE UAV'];
      },
      /a\.csv/,
    ],
  ];
  for (const [name, make, message] of bad) {
    it(`exits 2 and writes nothing on ${name}`, () => {
      const dir = freshDir();
      const args = make(dir);
      const before = readdirSync(dir).sort();
      const r = cli(dir, ['audit', SCENARIO, ...args]);
      assert.equal(r.code, 2, `${r.out}\n${r.err}`);
      assert.match(r.err, message);
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
      assert.deepEqual(readdirSync(dir).sort(), before, 'nothing written');
    });
  }
});
