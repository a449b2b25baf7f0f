import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { longestUnwatched, WatchLog } from './watch.js';

const H = 24;

/** Brute force: unwatched time on a fine grid of the horizon (or span), the longest run. */
function bruteForce(iv: [number, number][], from: number, to: number, wrap: boolean): number {
  const steps = 4800;
  const dt = (to - from) / steps;
  const watched = (t: number) =>
    iv.some(([a, b]) => {
      if (!wrap) return t >= a && t <= b;
      if (b - a >= to - from) return true;
      const H0 = to - from;
      const s = (((a - from) % H0) + H0) % H0;
      const x = (((t - from) % H0) + H0) % H0;
      return (x >= s && x <= s + (b - a)) || (x + H0 >= s && x + H0 <= s + (b - a));
    });
  const w = Array.from({ length: steps }, (_v, k) => watched(from + (k + 0.5) * dt));
  if (wrap && w.every((x) => !x)) return to - from;
  let best = 0;
  let run = 0;
  const rounds = wrap ? 2 : 1;
  for (let k = 0; k < steps * rounds; k++) {
    if (!w[k % steps]) run++;
    else run = 0;
    best = Math.max(best, Math.min(run, steps));
  }
  return best * dt;
}

describe('longestUnwatched', () => {
  it('a point watched all the time waits 0, also through the wrap', () => {
    assert.equal(longestUnwatched([0], [H], { horizonH: H }), 0);
    assert.equal(longestUnwatched([20, 2], [26, 20], { horizonH: H }), 0);
    assert.equal(longestUnwatched([0], [10], { span: { from: 0, to: 10 } }), 0);
  });
  it('overlapping watches merge: their union leaves one hole', () => {
    // 2-6 and 4-9 watched: unwatched 9 -> 26 (wrapping round to 2): 17 h
    assert.equal(longestUnwatched([2, 4], [6, 9], { horizonH: H }), 17);
    // the same on a span without wrap: 0-2 and 9-24: 15 h
    assert.equal(longestUnwatched([4, 2], [9, 6], { span: { from: 0, to: 24 } }), 15);
  });
  it('wraps round: the unwatched time after the last watch continues at the first', () => {
    // watched 1-2 and 12-13: holes 2-12 (10 h) and 13 -> 25 (12 h)
    assert.equal(longestUnwatched([12, 1], [13, 2], { horizonH: H }), 12);
    // a watch running past the end comes round at the start: 23-27 is 23-24 and 0-3; hole 3-23
    assert.equal(longestUnwatched([23], [27], { horizonH: H }), 20);
    // times beyond the horizon fold back onto it
    assert.equal(longestUnwatched([49], [50], { horizonH: H }), 23);
  });
  it('a point never watched waits the whole horizon or span', () => {
    assert.equal(longestUnwatched([], [], { horizonH: H }), H);
    assert.equal(longestUnwatched([], [], { span: { from: 3, to: 10 } }), 7);
    const log = new WatchLog(2);
    log.add(0, 1, 2);
    const g = log.gaps({ horizonH: H });
    assert.equal(g[0], 23);
    assert.ok(Number.isNaN(g[1]));
  });
  it('an instant sighting leaves the whole horizon but nothing', () => {
    assert.equal(longestUnwatched([5], [5], { horizonH: H }), H);
    assert.equal(longestUnwatched([5, 17], [5, 17], { horizonH: H }), 12);
  });
  it('agrees with a brute-force count of unwatched time', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -30, max: 60, noNaN: true }),
            fc.double({ min: 0.05, max: 8, noNaN: true }),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        fc.boolean(),
        (raw, wrap) => {
          const iv = raw.map(([a, l]): [number, number] => [a, a + l]);
          const got = wrap
            ? longestUnwatched(
                iv.map((x) => x[0]),
                iv.map((x) => x[1]),
                { horizonH: H },
              )
            : longestUnwatched(
                iv.map((x) => x[0]),
                iv.map((x) => x[1]),
                { span: { from: 0, to: H } },
              );
          const want = bruteForce(iv, 0, H, wrap);
          // the grid resolves to 2 steps
          assert.ok(Math.abs(got - want) <= (2 * H) / 4800 + 1e-9, `got ${got}, brute force ${want}`);
        },
      ),
      { numRuns: 200 },
    );
  });
});
