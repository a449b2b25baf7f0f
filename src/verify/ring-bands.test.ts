import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { LonLat } from '../geo/lonlat.js';
import { pointInPolygon } from '../geo/polyline.js';
import { RingBands } from './ring-bands.js';

/** A star-shaped ring round (lon0, lat0) with `n` jagged vertices (fjord-like), open or closed. */
function star(lon0: number, lat0: number, radii: number[], closed: boolean): LonLat[] {
  const ring: LonLat[] = radii.map((r, k) => {
    const t = (2 * Math.PI * k) / radii.length;
    return [lon0 + r * Math.cos(t), lat0 + r * Math.sin(t)];
  });
  return closed ? [...ring, ring[0]] : ring;
}

describe('RingBands', () => {
  it('says what pointInPolygon says, for rings with holes, open or closed, at any point', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -170, max: 170, noNaN: true }),
        fc.double({ min: -70, max: 70, noNaN: true }),
        fc.array(fc.double({ min: 0.05, max: 2, noNaN: true }), { minLength: 3, maxLength: 80 }),
        fc.boolean(),
        fc.array(
          fc.tuple(
            fc.double({ min: -2.5, max: 2.5, noNaN: true }),
            fc.double({ min: -2.5, max: 2.5, noNaN: true }),
          ),
          {
            minLength: 20,
            maxLength: 60,
          },
        ),
        (lon0, lat0, radii, closed, offsets) => {
          const outer = star(lon0, lat0, radii, closed);
          const hole = star(
            lon0,
            lat0,
            radii.map((r) => r * 0.3),
            !closed,
          );
          const rings = [outer, hole];
          const b = new RingBands(rings);
          // points on the vertices' own latitudes and longitudes test the edge cases of the crossing rule
          const pts: LonLat[] = [
            ...offsets.map(([dx, dy]): LonLat => [lon0 + dx, lat0 + dy]),
            ...outer.map((v): LonLat => [v[0] - 1e-9, v[1]]),
            ...outer.map((v): LonLat => [v[0], v[1]]),
          ];
          for (const p of pts) assert.equal(b.contains(p), pointInPolygon(p, rings), `at ${p}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a point inside a square and not outside it (so a constant answer fails)', () => {
    const b = new RingBands([
      [
        [10, 50],
        [11, 50],
        [11, 51],
        [10, 51],
      ],
    ]);
    assert.equal(b.contains([10.5, 50.5]), true);
    assert.equal(b.contains([11.5, 50.5]), false);
    assert.equal(b.contains([10.5, 51.5]), false);
  });
});
