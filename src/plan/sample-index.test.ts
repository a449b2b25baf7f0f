import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertySeed, uniform } from '../../test/support/arbitraries.js';
import type { CoastSamples } from '../domain/coast.js';
import { fastDistanceKm } from '../geo/frame.js';
import { densifyFast, destination } from '../geo/geodesic.js';
import { PIECE_KM } from './free-space.js';
import { NearestSamples, SampleIndex } from './sample-index.js';

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

describe('NearestSamples', () => {
  it('finds the nearest sample left, and forgets deleted ones', () => {
    const s = samplesOf([
      [10, 60],
      [10.5, 60],
      [12, 61],
      [-179.9, 65],
    ]);
    const n = new NearestSamples(s, [0, 1, 2, 3]);
    assert.equal(n.size, 4);
    assert.equal(n.nearest([10.4, 60]), 1);
    n.delete(1);
    assert.equal(n.has(1), false);
    assert.equal(n.nearest([10.4, 60]), 0);
    assert.equal(n.nearest([179.9, 65]), 3, 'across the antimeridian');
    assert.equal(
      n.nearest([10.4, 60], (i) => i === 0),
      2,
      'a dead sample is skipped',
    );
    assert.equal(n.has(0), false, 'and dropped');
    n.delete(0);
    for (const i of [0, 2, 3]) n.delete(i);
    assert.equal(n.nearest([0, 0]), -1);
  });

  it('agrees with a scan over all samples by fastDistanceKm (property)', () => {
    const pt = fc.tuple(
      fc.double({ min: -180, max: 179.99, noNaN: true }),
      fc.double({ min: -85, max: 85, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: -4, max: 4, noNaN: true })),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        pt,
        fc.array(fc.nat(59), { maxLength: 20 }),
        fc.array(
          fc.tuple(
            fc.double({ min: -12, max: 12, noNaN: true }),
            fc.double({ min: -6, max: 6, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (offs, [lon0, lat0], dels, qs) => {
          const pts = offs.map(([dx, dy]) => [wrap(lon0 + dx), clampLat(lat0 + dy)] as [number, number]);
          const s = samplesOf(pts);
          const n = new NearestSamples(
            s,
            pts.map((_p, i) => i),
          );
          const left = new Set(pts.map((_p, i) => i));
          for (const d of dels) {
            if (d < pts.length) {
              n.delete(d);
              left.delete(d);
            }
          }
          for (const [qx, qy] of qs) {
            const q: [number, number] = [wrap(lon0 + qx), clampLat(lat0 + qy)];
            let bestKm = Infinity;
            for (const i of left) bestKm = Math.min(bestKm, fastDistanceKm(q, pts[i]));
            const got = n.nearest(q);
            if (left.size === 0) assert.equal(got, -1);
            else assert.equal(fastDistanceKm(q, pts[got]), bestKm, `nearest to ${q}`);
            // asked again from the same place once that one is gone (the mop-up does so)
            if (got >= 0) {
              n.delete(got);
              left.delete(got);
              let next = Infinity;
              for (const i of left) next = Math.min(next, fastDistanceKm(q, pts[i]));
              const again = n.nearest(q);
              if (left.size === 0) assert.equal(again, -1);
              else assert.equal(fastDistanceKm(q, pts[again]), next, `next nearest to ${q}`);
            }
          }
        },
      ),
      { numRuns: 300, seed: propertySeed(88) },
    );
  });
});

const wrap = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;
const clampLat = (lat: number) => Math.max(-89, Math.min(89, lat));
