import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { uniform } from '../../test/support/arbitraries.js';
import {
  chordOffBoundKm,
  chordOffKm,
  chordPoint,
  DRAWN_OFF_KM,
  densifyForDrawing,
  drawnGeometry,
  drawnLines,
  drawnTrack,
  rejoinAntimeridian,
  splitAtAntimeridian,
} from './drawn.js';
import { destination, distanceKm, pointToSegmentKm } from './geodesic.js';
import type { LonLat } from './lonlat.js';

/** A leg anywhere off the poles, up to 3,000 km long, in any direction. */
const leg = fc
  .tuple(uniform(-180, 180), uniform(-75, 75), uniform(0, 360), uniform(1, 3000))
  .map(([lon, lat, azi, km]): [LonLat, LonLat] => {
    const a: LonLat = [lon, lat];
    return [a, destination(a, azi, km)];
  });

/** Farthest, over 16 points of each chord of the drawn parts, from the geodesic a-b (GeographicLib). */
function worstOffKm(parts: LonLat[][], a: LonLat, b: LonLat): number {
  let worst = 0;
  for (const part of parts)
    for (let i = 1; i < part.length; i++)
      for (let k = 1; k < 16; k++) {
        // chords inside a part never cross ±180: plain interpolation is what a GeoJSON reader draws
        const p: LonLat = [
          part[i - 1][0] + ((part[i][0] - part[i - 1][0]) * k) / 16,
          part[i - 1][1] + ((part[i][1] - part[i - 1][1]) * k) / 16,
        ];
        worst = Math.max(worst, pointToSegmentKm(p, a, b).km);
      }
  return worst;
}

describe('chordOffBoundKm', () => {
  /** The chord's farthest point from the geodesic over 32 probes (GeographicLib): what the bound must cover. */
  const probedOffKm = (a: LonLat, b: LonLat) => {
    let worst = 0;
    for (let k = 1; k < 32; k++) worst = Math.max(worst, pointToSegmentKm(chordPoint(a, b, k / 32), a, b).km);
    return worst;
  };
  /** Legs of up to 150 km in any direction at any latitude short of the poles, and across ±180°. */
  const shortLeg = fc
    .tuple(uniform(-180, 180), uniform(-88.5, 88.5), uniform(0, 360), uniform(0.01, 150))
    .map(([lon, lat, azi, km]): [LonLat, LonLat] => {
      const a: LonLat = [lon, lat];
      return [a, destination(a, azi, km)];
    });

  it('is never below the exact test, nor below the chord probed finely, wherever the leg runs', () => {
    fc.assert(
      fc.property(shortLeg, ([a, b]) => {
        const bound = chordOffBoundKm(a, b);
        const exact = chordOffKm(a, b);
        assert.ok(bound >= exact, `${JSON.stringify([a, b])}: bound ${bound} < chordOffKm ${exact}`);
        const probed = probedOffKm(a, b);
        assert.ok(bound >= probed, `${JSON.stringify([a, b])}: bound ${bound} < probed ${probed}`);
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it('is close on east-west legs and gives up only near the poles', () => {
    // 40 km due east at 33° N: the chord bulges some 20 m from the geodesic, the bound within 10% of it
    const a: LonLat = [12, 33];
    const b = destination(a, 90, 40);
    const exact = chordOffKm(a, b);
    assert.ok(exact > 0.015 && chordOffBoundKm(a, b) <= 1.1 * exact, `${chordOffBoundKm(a, b)} vs ${exact}`);
    assert.equal(chordOffBoundKm([0, 89.2], [1, 89.2]), Number.POSITIVE_INFINITY);
    assert.equal(chordOffBoundKm([5, 10], [5, 10]), 0);
  });
});

describe('drawnLines', () => {
  it('keeps every drawn chord within 0.1 km of the geodesic (GeographicLib), wherever the leg runs', () => {
    fc.assert(
      fc.property(leg, ([a, b]) => {
        const parts = drawnLines([a, b]);
        const off = worstOffKm(parts, a, b);
        assert.ok(off <= DRAWN_OFF_KM, `${JSON.stringify([a, b])}: a chord strays ${off.toFixed(4)} km`);
      }),
      { numRuns: 150, seed: 8 },
    );
  });

  it('splits at the antimeridian at exactly ±180, each part on one side, and joins back to the same line', () => {
    fc.assert(
      fc.property(leg, ([a, b]) => {
        const dense = densifyForDrawing([a, b]);
        const parts = splitAtAntimeridian(dense);
        for (const part of parts) {
          assert.ok(part.length >= 2);
          for (let i = 1; i < part.length; i++) {
            assert.ok(Math.abs(part[i][0] - part[i - 1][0]) <= 180, 'no chord jumps across ±180');
            assert.ok(Math.abs(part[i][0]) <= 180);
          }
        }
        for (let j = 1; j < parts.length; j++) {
          const end = parts[j - 1].at(-1)!;
          const start = parts[j][0];
          assert.equal(Math.abs(end[0]), 180, 'a part ends on the antimeridian');
          assert.equal(start[0], -end[0], 'the next starts on its other side');
          assert.equal(start[1], end[1]);
        }
        const back = rejoinAntimeridian(parts);
        assert.equal(back.length, 1);
        // the same positions as the densified line, plus the crossing points
        // (a vertex on the antimeridian may be written as 180 or -180: the same place)
        const same = (p: LonLat): LonLat => [p[0] === -180 ? 180 : p[0], p[1]];
        const plain = back[0]
          .map(same)
          .filter((p) => Math.abs(p[0]) !== 180 || dense.some((q) => same(q)[0] === p[0] && q[1] === p[1]));
        assert.deepEqual(plain, dense.map(same));
      }),
      { numRuns: 200, seed: 9 },
    );
  });

  it('draws the failures the issue found: Libya and Tunisia legs densified, Fiji split', () => {
    // Tunisia: LMML to off Cap Bon, 415 km; undensified its chord strays 2.7 km (20.8 km from Cap Bon)
    const tun: [LonLat, LonLat] = [
      [14.4775, 35.857498],
      [10.351195, 37.58455],
    ];
    assert.ok(worstOffKm([tun], ...tun) > 2);
    assert.ok(worstOffKm(drawnLines(tun), ...tun) <= DRAWN_OFF_KM);
    // a 1,308 km leg along the Libyan coast
    const lib: [LonLat, LonLat] = [
      [11.6, 33.3],
      [25.0, 31.9],
    ];
    assert.ok(distanceKm(...lib) > 1200);
    assert.ok(worstOffKm([lib], ...lib) > 15);
    assert.ok(worstOffKm(drawnLines(lib), ...lib) <= DRAWN_OFF_KM);
    // Fiji: Nadi to east of the antimeridian and back
    const fiji: LonLat[] = [
      [177.44, -17.75],
      [-179.8, -16.6],
      [177.44, -17.75],
    ];
    const g = drawnGeometry(fiji);
    assert.equal(g.type, 'MultiLineString');
    assert.equal(g.coordinates.length, 3);
    assert.deepEqual(
      (g.coordinates as LonLat[][]).map((p) => [p[0][0], p.at(-1)![0]]),
      [
        [177.44, 180],
        [-180, -180],
        [180, 177.44],
      ],
    );
  });

  it('keeps a line that does not cross as one LineString, short coast segments untouched', () => {
    const coast: LonLat[] = [
      [10, 33],
      [10.01, 33.005],
      [10.03, 33.002],
    ];
    assert.deepEqual(drawnGeometry(coast), { type: 'LineString', coordinates: coast });
    assert.deepEqual(chordPoint([179, 0], [-179, 2], 0.5), [180, 1]);
  });

  it('draws a track with a time per vertex: added vertices and crossings timed along the leg', () => {
    const t0 = Date.parse('2026-12-01T00:00:00Z');
    const h = 3.6e6;
    const parts = drawnTrack(
      [
        [177, -17],
        [-177, -17.5],
        [-176.9, -17.5],
      ],
      [t0, t0 + 2 * h, t0 + 2.1 * h],
    );
    assert.equal(parts.length, 2);
    for (const p of parts) {
      assert.equal(p.times.length, p.coords.length);
      for (let i = 1; i < p.times.length; i++) assert.ok(p.times[i] > p.times[i - 1], 'times ascend');
    }
    assert.equal(parts[0].times[0], t0);
    assert.equal(parts[1].times.at(-1), t0 + 2.1 * h);
    // the crossing at 180° is halfway along the 6° leg: an hour in
    const cross = parts[0].times.at(-1)!;
    assert.ok(Math.abs(cross - (t0 + h)) < 0.02 * h, `${(cross - t0) / h} h`);
    assert.equal(parts[1].times[0], cross);
    assert.equal(parts[0].coords.at(-1)![0], 180);
    assert.equal(parts[1].coords[0][0], -180);
  });

  it('cuts legs longer than maxStepKm into equal pieces, timed by distance', () => {
    // 1° of longitude at 30N is 96 km: five pieces of at most 20 km, times ascending to the fix's
    const parts = drawnTrack(
      [
        [10, 30],
        [11, 30],
      ],
      [0, 1000],
      { maxStepKm: 20 },
    );
    assert.equal(parts.length, 1);
    const { coords, times } = parts[0];
    assert.ok(coords.length >= 6, `${coords.length} vertices`);
    for (let i = 1; i < coords.length; i++) {
      assert.ok(distanceKm(coords[i - 1], coords[i]) <= 20 + 1e-9);
      assert.ok(times[i] > times[i - 1]);
    }
    assert.equal(times.at(-1), 1000);
    // without the option the 0.1 km bound alone needs fewer vertices (one, at the middle)
    assert.ok(drawnTrack([coords[0], coords.at(-1)!], [0, 1000])[0].coords.length < coords.length);
  });
});
