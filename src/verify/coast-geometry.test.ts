import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { uniform } from '../../test/support/arbitraries.js';
import { buildCoastModel } from '../domain/coast.js';
import { fastPointToSegmentKm } from '../geo/frame.js';
import { densifyGeodesic, destination, pointToSegmentKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { CoastGeometry, fastMargin } from './coast-geometry.js';
import { line } from './fixtures.js';

const runs = (numRuns: number) => ({
  numRuns,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
});

const lonLat = (maxLat: number) => fc.tuple(uniform(-179, 179), uniform(-maxLat, maxLat));

/** A random wiggly coast line: `n` vertices, each step 0.2-8 km in a random direction. */
const coastArb = (maxLat: number) =>
  fc
    .tuple(
      lonLat(maxLat),
      fc.array(fc.tuple(uniform(0, 360), uniform(0.2, 8)), {
        minLength: 1,
        maxLength: 60,
      }),
    )
    .map(([start, steps]) => {
      const coords: LonLat[] = [start as LonLat];
      for (const [az, km] of steps) coords.push(destination(coords[coords.length - 1], az, km));
      return coords;
    });

function bruteNearest(p: LonLat, coords: LonLat[]): number {
  let d = Infinity;
  for (let i = 0; i + 1 < coords.length; i++)
    d = Math.min(d, pointToSegmentKm(p, coords[i], coords[i + 1]).km);
  return d;
}

describe('fastMargin', () => {
  it('bounds the local-frame error on pieces up to 5 km, for distances up to 300 km and latitudes up to 85°', () => {
    fc.assert(
      fc.property(
        lonLat(85),
        uniform(0, 360),
        uniform(0, 5),
        uniform(0, 360),
        uniform(0, 300),
        (a, az, len, azp, d) => {
          const b = destination(a as LonLat, az, len);
          const p = destination(a as LonLat, azp, d);
          const exact = pointToSegmentKm(p, a as LonLat, b).km;
          const fast = fastPointToSegmentKm(p[0], p[1], a[0], a[1], b[0], b[1]);
          assert.ok(Math.abs(fast - exact) <= fastMargin(Math.min(fast, exact), p[1]), `${fast} vs ${exact}`);
        },
      ),
      runs(3000),
    );
  });
});

describe('CoastGeometry', () => {
  it('nearest() is the brute-force least distance whenever that is within range', () => {
    fc.assert(
      fc.property(coastArb(70), fc.nat(), uniform(0, 360), uniform(0, 40), (coords, k, az, d) => {
        const g = new CoastGeometry(buildCoastModel([line(coords)], 1));
        const p = destination(coords[k % coords.length], az, d);
        const want = bruteNearest(p, coords);
        const got = g.nearest(p, 20);
        if (want <= 20) {
          assert.ok(got, `nothing found, brute force ${want}`);
          assert.ok(Math.abs(got.km - want) < 1e-6, `${got.km} vs ${want}`);
        } else assert.ok(!got || got.km > 20 - 1e-6);
      }),
      runs(200),
    );
  });

  it('legNearest() finds the least distance along the whole geodesic leg (checked on a 50 m walk)', () => {
    fc.assert(
      fc.property(
        coastArb(70),
        fc.nat(),
        uniform(0, 360),
        uniform(0, 30),
        uniform(0, 360),
        uniform(0, 120),
        (coords, k, az, d, legAz, legKm) => {
          const g = new CoastGeometry(buildCoastModel([line(coords)], 1));
          const a = destination(coords[k % coords.length], az, d);
          const b = destination(a, legAz, legKm);
          let walked = Infinity;
          for (const q of densifyGeodesic(a, b, 0.05)) walked = Math.min(walked, bruteNearest(q, coords));
          const got = g.legNearest(a, b, 25);
          if (walked <= 25) {
            assert.ok(got, `nothing found, walk gives ${walked}`);
            // the walk can only overestimate, by at most half a step
            assert.ok(got.km <= walked + 1e-6 && got.km >= walked - 0.026, `${got.km} vs ${walked}`);
            assert.ok(Math.abs(bruteNearest(got.at, coords) - got.km) < 0.005, 'reported point is that far');
          } else assert.ok(!got || got.km > 25 - 0.026);
        },
      ),
      runs(150),
    );
  });
});
