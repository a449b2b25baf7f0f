import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildCoastModel } from '../domain/coast.js';
import { gapsOf, maxCircularGap, revisitFigures, stretchesOf } from './revisit.js';

describe('maxCircularGap', () => {
  it('equals the largest step of the sorted times, the wrap included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 167.999, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.boolean(),
        (xs, clump) => {
          // clumped times (many equal or near-equal) are the hard case for buckets
          const t = Float64Array.from(xs, (x) => (clump ? Math.round(x / 20) * 20 : x));
          const s = Float64Array.from(t).sort();
          let g = s[0] + 168 - s[s.length - 1];
          for (let k = 1; k < s.length; k++) g = Math.max(g, s[k] - s[k - 1]);
          assert.equal(maxCircularGap(t, 168), g);
          // the same times as a range of a larger buffer (how the search calls it), other times either side
          const buf = Float64Array.from([7, 99, ...t, 0.5, 160]);
          assert.equal(maxCircularGap(buf, 168, 2, 2 + t.length), g);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('revisit gaps', () => {
  it('wraps the wait from the last sighting round to the first', () => {
    const g = gapsOf([[1, 5, 20], [3], []], 24);
    assert.equal(g[0], 15); // 5 -> 20
    assert.equal(g[1], 24); // seen once: the whole horizon
    assert.ok(Number.isNaN(g[2]));
    // 23 -> 1 (+24) is the wrap: 2 h; the longest is 1 -> 23
    assert.equal(gapsOf([[1, 23]], 24)[0], 22);
  });

  it('folds sightings past the horizon back onto it (the schedule repeats)', () => {
    assert.deepEqual([...gapsOf([[2, 26]], 24)], [24]);
    assert.deepEqual([...gapsOf([[2, 14 + 24]], 24)], [12]);
  });

  it('a point sighted n times has a worst gap of at least horizon / n, and the gaps sum to the horizon', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (ts) => {
          const H = 100;
          const g = gapsOf([ts], H)[0];
          assert.ok(g >= H / ts.length - 1e-9);
          assert.ok(g <= H + 1e-9);
        },
      ),
    );
  });

  it('weights the mean by coast length and leaves never-seen samples out', () => {
    const coast = buildCoastModel(
      [
        {
          coords: [
            [10, 30],
            [10.1, 30],
          ],
          closed: false,
          seaSide: 'left',
        },
      ],
      1,
    );
    const n = coast.samples.count;
    const gaps = new Float64Array(n).fill(2);
    gaps[0] = Number.NaN;
    const f = revisitFigures(coast.samples, gaps);
    assert.equal(f.worst, 2);
    assert.ok(Math.abs((f.mean ?? 0) - 2) < 1e-12);
    assert.ok(f.coveredKm < coast.lengthKm);
    const none = revisitFigures(coast.samples, new Float64Array(n).fill(Number.NaN));
    assert.equal(none.worst, null);
    const st = stretchesOf(coast.samples, coast.lengthKm, gaps, 3);
    assert.equal(st.length, 3);
    assert.ok(Math.abs(st.reduce((s, x) => s + x.coveredKm, 0) - f.coveredKm) < 1e-9);
    // no stretch is covered for more than its length, whatever the samples' extents
    for (const x of stretchesOf(coast.samples, coast.lengthKm, new Float64Array(n).fill(1), 7))
      assert.ok(x.coveredKm <= x.toKm - x.fromKm + 1e-9, `${x.coveredKm} of ${x.toKm - x.fromKm}`);
  });
});
