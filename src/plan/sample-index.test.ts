import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CoastSamples } from '../domain/coast.js';
import { densifyFast } from '../geo/geodesic.js';
import { PIECE_KM } from './free-space.js';
import { SampleIndex } from './sample-index.js';

function samplesOf(pts: [number, number][]): CoastSamples {
  return {
    count: pts.length,
    lon: Float64Array.from(pts, (p) => p[0]),
    lat: Float64Array.from(pts, (p) => p[1]),
    km: new Float64Array(pts.length),
    line: new Uint32Array(pts.length),
    lo: new Float64Array(pts.length),
    hi: new Float64Array(pts.length),
  };
}

describe('SampleIndex.arcDistance', () => {
  it('equals the scan over every piece of the leg', () => {
    const lonlat = fc.tuple(
      fc.double({ min: -20, max: 40, noNaN: true }),
      fc.double({ min: -60, max: 60, noNaN: true }),
    );
    fc.assert(
      fc.property(lonlat, lonlat, fc.array(lonlat, { minLength: 1, maxLength: 20 }), (a, b, ps) => {
        const sidx = new SampleIndex(samplesOf(ps));
        const leg = sidx.arcLeg(a, b);
        assert.deepEqual(leg.pts, densifyFast(a, b, PIECE_KM));
        for (let i = 0; i < ps.length; i++) {
          const scan = sidx.legDistance(i, leg.pts);
          // only distances a sensor could see matter: within 500 km the two agree to the metre
          if (scan < 500)
            assert.ok(
              Math.abs(sidx.arcDistance(i, leg) - scan) < 1e-3,
              `${sidx.arcDistance(i, leg)} vs ${scan}`,
            );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('arcWithin agrees with arcDistance except within 1% of the range', () => {
    const lonlat = fc.tuple(
      fc.double({ min: 10, max: 16, noNaN: true }),
      fc.double({ min: 30, max: 36, noNaN: true }),
    );
    fc.assert(
      fc.property(
        lonlat,
        lonlat,
        fc.array(lonlat, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 10, max: 150 }),
        (a, b, ps, S) => {
          const sidx = new SampleIndex(samplesOf(ps));
          const leg = sidx.arcLeg(a, b);
          for (let i = 0; i < ps.length; i++) {
            const d = sidx.arcDistance(i, leg);
            if (Math.abs(d - S) > 0.01 * S + 0.05)
              assert.equal(sidx.arcWithin(i, leg, S), d <= S, `d=${d} S=${S}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
