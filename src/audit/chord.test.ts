import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { uniform } from '../../test/support/arbitraries.js';
import { destination, distanceKm } from '../geo/geodesic.js';
import { arcFromChord, chordFromArc, ecefInto, modelErrorKm, rangeChords, sagittaKm } from './chord.js';
import { PointGrid } from './grid.js';

function chordKm(a: [number, number], b: [number, number]): number {
  const e = new Float64Array(6);
  ecefInto(a[0], a[1], e, 0);
  ecefInto(b[0], b[1], e, 3);
  return Math.hypot(e[0] - e[3], e[1] - e[4], e[2] - e[5]);
}

const lonlat = fc.tuple(uniform(-180, 180), uniform(-89, 89));

describe('chord distance model', () => {
  it('is within modelErrorKm of GeographicLib at any latitude, azimuth and distance up to 1,000 km', () => {
    fc.assert(
      fc.property(lonlat, uniform(0, 360), uniform(0, 1000), (a, az, km) => {
        const b = destination(a, az, km);
        const s = distanceKm(a, b);
        const err = Math.abs(arcFromChord(chordKm(a, b)) - s);
        assert.ok(
          err <= modelErrorKm(s),
          `${s} km: error ${err * 1000} m > bound ${modelErrorKm(s) * 1000} m`,
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the bound tight where it matters: under 2 cm at sensor ranges up to 100 km', () => {
    assert.ok(modelErrorKm(100) < 2e-5);
  });

  it('chordFromArc inverts arcFromChord', () => {
    for (const s of [0, 0.001, 1, 40, 60, 400, 5000])
      assert.ok(Math.abs(arcFromChord(chordFromArc(s)) - s) < 1e-9);
  });

  it('range thresholds bracket the range', () => {
    const r = rangeChords(60);
    assert.ok(arcFromChord(r.cLo) < 60 && arcFromChord(r.cHi) > 60);
    assert.ok(arcFromChord(r.cHi) - arcFromChord(r.cLo) < 1e-5);
  });

  it('a geodesic runs within its sagitta of the chord between its ends', () => {
    fc.assert(
      fc.property(lonlat, uniform(0, 360), uniform(0.01, 200), (a, az, L) => {
        const b = destination(a, az, L);
        const m = destination(a, az, L / 2);
        // distance of the geodesic's midpoint from the chord a-b, in 3D
        const e = new Float64Array(9);
        ecefInto(a[0], a[1], e, 0);
        ecefInto(b[0], b[1], e, 3);
        ecefInto(m[0], m[1], e, 6);
        const ab = [e[3] - e[0], e[4] - e[1], e[5] - e[2]];
        const am = [e[6] - e[0], e[7] - e[1], e[8] - e[2]];
        const t = (ab[0] * am[0] + ab[1] * am[1] + ab[2] * am[2]) / (ab[0] ** 2 + ab[1] ** 2 + ab[2] ** 2);
        const d = Math.hypot(am[0] - t * ab[0], am[1] - t * ab[1], am[2] - t * ab[2]);
        assert.ok(d <= sagittaKm(L) * 1.0001 + 1e-9, `${L} km: ${d} > ${sagittaKm(L)}`);
      }),
      { numRuns: 500 },
    );
  });
});

describe('PointGrid', () => {
  it('returns every point within the padding of a box, across the antimeridian and near the poles', () => {
    fc.assert(
      fc.property(
        fc.array(lonlat, { minLength: 1, maxLength: 200 }),
        lonlat,
        uniform(0, 300),
        uniform(0.05, 2),
        (pts, c, pad, cell) => {
          const grid = new PointGrid(
            Float64Array.from(pts, (p) => p[0]),
            Float64Array.from(pts, (p) => p[1]),
            cell,
          );
          const out = new Int32Array(pts.length);
          const n = grid.query(c[0], c[1], c[0], c[1], pad, out);
          const got = new Set(out.subarray(0, n));
          assert.equal(got.size, n, 'no duplicates');
          pts.forEach((p, i) => {
            if (distanceKm(c, p) <= pad) assert.ok(got.has(i), `point ${i} at ${distanceKm(c, p)} km missed`);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
