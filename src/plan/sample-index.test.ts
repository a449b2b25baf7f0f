import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertySeed, uniform } from '../../test/support/arbitraries.js';
import type { CoastSamples } from '../domain/coast.js';
import { densifyFast, destination } from '../geo/geodesic.js';
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

/** A leg of 60-1500 km (4 pieces or more, so the constant-time path runs) and samples around it. */
const legAndSamples = fc
  .record({
    a: fc.tuple(uniform(-20, 40), uniform(-60, 60)),
    azi: uniform(0, 360),
    km: uniform(60, 1500),
    ps: fc.array(fc.tuple(uniform(0, 1), uniform(-150, 150)), { minLength: 1, maxLength: 20 }),
  })
  .map(({ a, azi, km, ps }) => {
    const b = destination(a, azi, km);
    // each sample at a fraction along the leg, pushed off it sideways by up to 150 km
    const samples = ps.map(([f, off]) => destination(destination(a, azi, km * f), azi + 90, off));
    return { a, b, samples };
  });

describe('SampleIndex.arcDistance', () => {
  it('equals the scan over every piece of the leg', () => {
    fc.assert(
      fc.property(legAndSamples, ({ a, b, samples }) => {
        const sidx = new SampleIndex(samplesOf(samples));
        const leg = sidx.arcLeg(a, b);
        assert.deepEqual(leg.pts, densifyFast(a, b, PIECE_KM));
        assert.ok(leg.pts.length - 1 > 3 && leg.omega > 0, 'the constant-time path runs');
        for (let i = 0; i < samples.length; i++) {
          const scan = sidx.legDistance(i, leg.pts);
          // only distances a sensor could see matter: within 500 km the two agree to the metre
          if (scan < 500)
            assert.ok(
              Math.abs(sidx.arcDistance(i, leg) - scan) < 1e-3,
              `${sidx.arcDistance(i, leg)} vs ${scan}`,
            );
        }
      }),
      { numRuns: 300, seed: propertySeed(11) },
    );
  });

  it('arcWithin agrees with arcDistance everywhere, right at the sensor edge too', () => {
    fc.assert(
      fc.property(legAndSamples, uniform(10, 150), uniform(-0.012, 0.012), ({ a, b, samples }, S, edge) => {
        const sidx = new SampleIndex(samplesOf(samples));
        const leg = sidx.arcLeg(a, b);
        for (let i = 0; i < samples.length; i++) {
          const d = sidx.arcDistance(i, leg);
          assert.equal(sidx.arcWithin(i, leg, S), d <= S, `d=${d} S=${S}`);
          // and with the range within 1.2% of the distance, where the quick tests' margins decide
          const R = d * (1 + edge);
          assert.equal(sidx.arcWithin(i, leg, R), d <= R, `d=${d} R=${R}`);
        }
      }),
      { numRuns: 300, seed: propertySeed(11) },
    );
  });
});
