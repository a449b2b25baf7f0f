import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { densifyGeodesic, geodesicSteps } from './geodesic.js';
import type { LonLat } from './lonlat.js';
import { SegmentIndex } from './segment-index.js';

/** A ragged polyline round (lon0, lat0): teeth like a fjord coast, crossing ±180 when lon0 is near it. */
function ragged(lon0: number, lat0: number, teeth: number[]): LonLat[] {
  return teeth.map((h, k): LonLat => {
    const lon = lon0 - 1 + k * 0.05;
    return [lon > 180 ? lon - 360 : lon, lat0 + (k % 2 ? h : -h)];
  });
}

describe('SegmentIndex.segmentWithin', () => {
  it('says what segmentClearance < limit says, pieces near and far, at the antimeridian too', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(13, 179.5, -20),
        fc.constantFrom(33, 69, -52),
        fc.array(fc.double({ min: 0, max: 0.3, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.array(
          fc.tuple(
            fc.double({ min: -1.5, max: 1.5, noNaN: true }),
            fc.double({ min: -0.6, max: 0.6, noNaN: true }),
            fc.double({ min: -0.15, max: 0.15, noNaN: true }),
            fc.double({ min: -0.1, max: 0.1, noNaN: true }),
          ),
          { minLength: 10, maxLength: 30 },
        ),
        fc.constantFrom(0.3, 5, 22.3),
        (lon0, lat0, teeth, pieces, limit) => {
          const idx = new SegmentIndex([ragged(lon0, lat0, teeth)]);
          let near = 0;
          for (const [dx, dy, ex, ey] of pieces) {
            const a: LonLat = [lon0 + dx, lat0 + dy];
            const b: LonLat = [a[0] + ex, a[1] + ey];
            const want = idx.segmentClearance(a, b, limit) < limit;
            if (want) near++;
            assert.equal(idx.segmentWithin(a, b, limit), want, `piece ${a} ${b}, limit ${limit}`);
            // right at the piece's own clearance: within just above it, not just below it
            const c = idx.segmentClearance(a, b, 50);
            if (c > 0 && c < 50) {
              assert.equal(idx.segmentWithin(a, b, c * 1.0001), true, `just above ${c}`);
              assert.equal(idx.segmentWithin(a, b, c * 0.9999), false, `just below ${c}`);
            }
          }
          return near >= 0;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds a segment across the piece and none far from it (so a constant answer fails)', () => {
    const idx = new SegmentIndex([
      [
        [10, 40],
        [11, 40],
      ],
    ]);
    assert.equal(idx.segmentWithin([10.5, 39.9], [10.5, 40.1], 1), true);
    assert.equal(idx.segmentWithin([10.5, 41], [10.6, 41], 1), false);
    assert.equal(new SegmentIndex([]).segmentWithin([0, 0], [1, 1], 5), false);
  });
});

describe('geodesicSteps', () => {
  it("gives densifyGeodesic's points, one at a time", () => {
    for (const [a, b] of [
      [
        [151.2, -33.9],
        [115.9, -31.9],
      ],
      [
        [10.9, 63.5],
        [16.0, 78.2],
      ],
      [
        [179, -17],
        [-178, -18],
      ],
    ] as [LonLat, LonLat][]) {
      const pts = densifyGeodesic(a, b, 15);
      const g = geodesicSteps(a, b, 15);
      assert.equal(g.n, pts.length - 1);
      for (let i = 0; i <= g.n; i++) assert.deepEqual(g.at(i), pts[i]);
    }
  });
});
