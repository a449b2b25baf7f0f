import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { tempDir } from '../../../test/support/temp.js';
import { assertFacts, type Facts, fixture } from '../../../test/support/tracks.js';
import { readTracks } from './read.js';

// readsb's trace layout in a small file of made-up data: the real trace may not be redistributed
// (test/fixtures/SOURCES.md)
const FACTS: Facts = {
  fixes: 5,
  tracks: 2,
  first: '2025-02-04T21:13:42.500Z',
  last: '2025-02-04T22:13:52.500Z',
  bbox: [-88.4, 16, -88, 16.4],
};

describe('readsb/tar1090 trace reader', () => {
  it('readsb-trace.json: its facts, one track per leg with its callsign', async (t) => {
    const p = fixture(t, 'made/readsb-trace.json');
    const { tracks, report } = await readTracks(p);
    assert.equal(report.format, 'readsb');
    assertFacts(p, tracks, report, FACTS);
    assert.deepEqual(
      tracks.map((x) => [x.id, x.icao24, x.callsign, x.t.length]),
      [
        ['readsb-trace.json#abc123/1', 'abc123', 'TST100', 3],
        ['readsb-trace.json#abc123/2', 'abc123', 'TST200', 2],
      ],
    );
    // barometric feet to metres; "ground" is unknown
    assert.equal(tracks[0].altM[0], 32000 * 0.3048);
    const ground = tracks.reduce((s, x) => s + x.altM.filter(Number.isNaN).length, 0);
    assert.equal(ground, 1);
  });

  it('reads the same trace gzip-compressed, as readsb writes it (detected by magic bytes, not name)', async (t) => {
    const p = fixture(t, 'made/readsb-trace.json');
    const { dir, done } = tempDir();
    try {
      const gz = join(dir, 'readsb-trace.json');
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
