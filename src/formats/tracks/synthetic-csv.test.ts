import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/support/temp.js';
import { pointToSegmentKm } from '../../geo/geodesic.js';
import { readTracks } from './read.js';
import { LIBYA_COAST, writeSyntheticCsv } from './synthetic-csv.js';

describe('writeSyntheticCsv', () => {
  it('writes aircraft patrolling 30-80 km off Libya, a fix every 10 s, that the reader reads back', async () => {
    const { dir, done } = tempDir();
    try {
      const p = join(dir, 'syn.csv');
      const { bytes } = await writeSyntheticCsv(p, { points: 20003, tracks: 4, seed: 7 });
      assert.ok(bytes > 20003 * 40);
      const { tracks, report } = await readTracks(p);
      assert.equal(report.format, 'csv-plain');
      assert.equal(report.fixes, 20003);
      assert.equal(report.skippedCount, 0);
      assert.deepEqual(
        tracks.map((t) => [t.id, t.t.length]),
        [
          ['syn.csv#SEEK01', 5001],
          ['syn.csv#SEEK02', 5001],
          ['syn.csv#SEEK03', 5001],
          ['syn.csv#SEEK04', 5000],
        ],
      );
      let minOff = Number.POSITIVE_INFINITY;
      let maxOff = 0;
      for (const t of tracks) {
        for (let i = 0; i < t.t.length; i++) {
          if (i > 0) assert.equal(t.t[i] - t.t[i - 1], 10000);
          assert.ok(
            t.lon[i] > 11 && t.lon[i] < 26 && t.lat[i] > 30.3 && t.lat[i] < 34.2,
            `${t.lon[i]},${t.lat[i]}`,
          );
          // sample the geodesic check: every 50th fix
          if (i % 50 !== 0) continue;
          let d = Number.POSITIVE_INFINITY;
          for (let k = 1; k < LIBYA_COAST.length; k++) {
            d = Math.min(d, pointToSegmentKm([t.lon[i], t.lat[i]], LIBYA_COAST[k - 1], LIBYA_COAST[k]).km);
          }
          minOff = Math.min(minOff, d);
          maxOff = Math.max(maxOff, d);
        }
        // 240-300 kt: 1.23-1.54 km per 10 s along the line, a little more or less off it
        const step = Math.hypot((t.lon[1] - t.lon[0]) * 94.5, (t.lat[1] - t.lat[0]) * 110.9);
        assert.ok(step > 1 && step < 2, `step ${step} km`);
      }
      assert.ok(minOff > 25 && maxOff < 85, `offshore ${minOff}..${maxOff} km`);
    } finally {
      done();
    }
  });

  it('is deterministic for a seed', async () => {
    const { dir, done } = tempDir();
    try {
      await writeSyntheticCsv(join(dir, 'a.csv'), { points: 3000, tracks: 3, seed: 5 });
      await writeSyntheticCsv(join(dir, 'b.csv'), { points: 3000, tracks: 3, seed: 5 });
      await writeSyntheticCsv(join(dir, 'c.csv'), { points: 3000, tracks: 3, seed: 6 });
      const [a, b, c] = ['a', 'b', 'c'].map((n) => readFileSync(join(dir, `${n}.csv`), 'utf8'));
      assert.equal(a, b);
      assert.notEqual(a, c);
    } finally {
      done();
    }
  });
});
