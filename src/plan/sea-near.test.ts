import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertySeed, uniform } from '../../test/support/arbitraries.js';
import { destination, distanceKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { FreeSpace } from './free-space.js';
import { LandMask } from './land-mask.js';
import { seaPointNear } from './sea-near.js';

/** A closed ring round `c` of radius `r` km. */
function ring(c: LonLat, r: number, n = 48): LonLat[] {
  const pts = Array.from({ length: n }, (_v, k) => destination(c, (360 * k) / n, r));
  return [...pts, pts[0]];
}

describe('seaPointNear', () => {
  const p: LonLat = [13, 33];

  it('finds the sea just beyond the band, and proves there is none when the band fills the range', () => {
    // a lone coast point's band is a disc: within 30 km of it nothing lies outside 20 km... except the ring 20-30 km
    const f = new FreeSpace([[p, [13.0001, 33]]], 20, []);
    const hit = seaPointNear(p, 30, f);
    assert.ok(hit.point, 'the ring between 20 and 30 km is outside the band');
    assert.ok(f.clearance(hit.point, 50) >= 20 && distanceKm(p, hit.point) <= 30);
    const none = seaPointNear(p, 19.9, f);
    assert.deepEqual(none, { point: null, complete: true });
  });

  it('an inlet: a lake of sea 18 km wide round the point, the band fills it (none), the same lake 50 km wide (found)', () => {
    // land all round the lake: a polygon with the lake as its hole
    const lake = (r: number) =>
      new FreeSpace([ring(p, r)], 12, [], { anyLand: new LandMask([[ring(p, 100), ring(p, r)]]) });
    assert.deepEqual(seaPointNear(destination(p, 0, 9), 40, lake(9)), { point: null, complete: true });
    const r = seaPointNear(destination(p, 0, 25), 40, lake(25));
    assert.ok(r.point, 'the lake middle is 25 km off its shore');
  });

  it('a point outside the band but on land or in a no-fly area does not count', () => {
    const coast: LonLat[] = [p, [13.0001, 33]];
    // the whole disc of 40 km round p is land, or no-fly
    const land = new LandMask([[ring(p, 60)]]);
    assert.deepEqual(seaPointNear(p, 40, new FreeSpace([coast], 20, [], { anyLand: land })), {
      point: null,
      complete: true,
    });
    assert.equal(seaPointNear(p, 40, new FreeSpace([coast], 20, [[ring(p, 60)]])).point, null);
  });

  it('property: what it finds is outside the band and in range; when it finds nothing, a dense scan finds no point clearly outside the band', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(uniform(-0.5, 0.5), uniform(-0.5, 0.5)), { minLength: 2, maxLength: 8 }),
        uniform(5, 25),
        uniform(10, 45),
        (pts, standoff, range) => {
          const coast: LonLat[] = pts.map(([x, y]) => [p[0] + x, p[1] + y]);
          const f = new FreeSpace([coast], standoff, []);
          const q = coast[0];
          const r = seaPointNear(q, range, f);
          assert.ok(r.complete);
          if (r.point) {
            assert.ok(f.clearance(r.point, standoff + 1) >= standoff - 1e-9);
            assert.ok(distanceKm(q, r.point) <= range + 1e-9);
            return;
          }
          for (let az = 0; az < 360; az += 3)
            for (let d = 0.5; d < range - 0.1; d += 0.5)
              assert.ok(f.clearance(destination(q, az, d), standoff + 1) < standoff + 0.2, `${az} ${d}`);
        },
      ),
      { numRuns: 60, seed: propertySeed(7) },
    );
  });
});
