import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { tempDir } from '../../../test/support/temp.js';
import { assertFacts, type Facts, fixture } from '../../../test/support/tracks.js';
import { readTracks } from './read.js';

const FACTS: Facts = {
  fixes: 2500,
  tracks: 4,
  first: '2025-02-04T21:13:42.619Z',
  last: '2025-02-05T19:54:38.089Z',
  bbox: [-117.276165, 16.777359, -88.036868, 47.526111],
};

describe('readsb/tar1090 trace reader', () => {
  it('trace_full_ac671b.json: the facts of SOURCES.md, one track per leg with its callsign', async (t) => {
    const p = fixture(t, 'readsb/trace_full_ac671b.json');
    if (!p) return;
    const { tracks, report } = await readTracks(p);
    assert.equal(report.format, 'readsb');
    assertFacts(p, tracks, report, { ...FACTS, sha: '995347cbfe9fedb9' });
    assert.deepEqual(
      tracks.map((x) => [x.id, x.icao24, x.callsign, x.t.length]),
      [
        ['trace_full_ac671b.json#ac671b/1', 'ac671b', 'DAL1812', 770],
        ['trace_full_ac671b.json#ac671b/2', 'ac671b', 'DAL2418', 562],
        ['trace_full_ac671b.json#ac671b/3', 'ac671b', 'DAL1615', 474],
        ['trace_full_ac671b.json#ac671b/4', 'ac671b', 'DAL2927', 694],
      ],
    );
    // barometric feet to metres; "ground" is unknown
    assert.equal(tracks[0].altM[0], 32000 * 0.3048);
    const ground = tracks.reduce((s, x) => s + x.altM.filter(Number.isNaN).length, 0);
    assert.equal(ground, 394);
  });

  it('reads the same trace gzip-compressed, as readsb writes it (detected by magic bytes, not name)', async (t) => {
    const p = fixture(t, 'readsb/trace_full_ac671b.json');
    if (!p) return;
    const { dir, done } = tempDir();
    try {
      const gz = join(dir, 'trace_full_ac671b.json');
      writeFileSync(gz, gzipSync(readFileSync(p)));
      const { tracks, report } = await readTracks(gz);
      assert.equal(report.format, 'readsb');
      assertFacts(gz, tracks, report, FACTS);
    } finally {
      done();
    }
  });

  it('skips rows without a position, naming them', async () => {
    const { dir, done } = tempDir();
    try {
      const p = join(dir, 'trace.json');
      writeFileSync(
        p,
        JSON.stringify({
          icao: 'ABC123',
          timestamp: 1796119200,
          trace: [
            [0, 32.5, 15, 10000, 250, 90, 0],
            [10, null, null, 'ground'],
            [20, 32.6, 15.1, null],
          ],
        }),
      );
      const { tracks, report } = await readTracks(p);
      assert.equal(tracks[0].id, 'trace.json#abc123');
      assert.equal(report.fixes, 2);
      assert.deepEqual(report.skipped, [
        { where: `${p}: trace[1]`, why: 'no position (lat or lon not a number)' },
      ]);
    } finally {
      done();
    }
  });
});
