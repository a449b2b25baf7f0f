/** `coastwatch export` end to end: the command's files, stdout, exit codes and messages. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from './support/golden.js';
import { tempDir } from './support/temp.js';

const ROOT = repoRoot();
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const PLAN = join(ROOT, 'scenarios', 'golden', 'tunisia-sar.plan.geojson');
const SCENARIO = join(ROOT, 'scenarios', 'tunisia-sar.json');

function cli(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('coastwatch export', () => {
  const tmp = tempDir('coastwatch-export-cli-');
  after(() => tmp.done());

  it('writes FILE.EXT in the working directory by default, and --out elsewhere', () => {
    const r = cli(tmp.dir, ['export', PLAN, '--to', 'gpx', '--scenario', SCENARIO]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /gpx written to tunisia-sar\.plan\.gpx/);
    assert.ok(readFileSync(join(tmp.dir, 'tunisia-sar.plan.gpx'), 'utf8').includes('<rte><name>S01</name>'));
    const out = join(tmp.dir, 'x.kmz');
    const k = cli(tmp.dir, ['export', PLAN, '--to', 'KMZ', '--out', out, '--json']);
    assert.equal(k.code, 0, k.err);
    const info = JSON.parse(k.out);
    assert.equal(info.out, out);
    assert.equal(info.contentType, 'application/vnd.google-earth.kmz');
    assert.equal(readFileSync(out).subarray(0, 2).toString('latin1'), 'PK');
  });

  it('writes the file to stdout with --out -, messages to stderr', () => {
    const r = cli(tmp.dir, ['export', PLAN, '--to', 'csv', '--out', '-']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^sortie,seq,name,lat,lon,leg_km,cumulative_km,heading_deg,eta\r\nS01,1,S01-W01,/);
    assert.match(r.err, /--scenario/);
  });

  it('refuses an unknown format, a format the kind has not, a missing --to, a bad altitude: exit 2, nothing written', () => {
    const cases: [string[], RegExp][] = [
      [['--to', 'shp'], /unknown format "shp": use one of kml, kmz, gpx/],
      [[], /--to FORMAT is required/],
      [['--to', 'qgc', '--altitude', 'high'], /--altitude.*height in metres/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(tmp.dir, ['export', PLAN, ...args, '--out', join(tmp.dir, 'never')]);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, msg);
      assert.doesNotMatch(r.err, /at .*\.js:\d+/, 'no stack trace');
    }
    assert.equal(existsSync(join(tmp.dir, 'never')), false);
    const audit = join(tmp.dir, 'a.audit.geojson');
    writeFileSync(
      audit,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { kind: 'track', id: 't', times: [] },
            geometry: {
              type: 'LineString',
              coordinates: [
                [12, 33],
                [12.1, 33],
              ],
            },
          },
        ],
      }),
    );
    const r = cli(tmp.dir, ['export', audit, '--to', 'waypoints']);
    assert.equal(r.code, 2);
    assert.match(r.err, /an audit file cannot be exported to waypoints: use one of kml, kmz, gpx, geojson/);
    const bad = cli(tmp.dir, ['export', join(tmp.dir, 'nope.geojson'), '--to', 'kml']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /no such file/);
  });
});
