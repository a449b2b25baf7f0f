import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AircraftType, Scenario } from '../domain/scenario.js';
import { destination, distanceKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { shiftedFrame } from './antimeridian.js';
import { reachOf, samplesInReach } from './reach.js';

// 280 kts, 9 usable hours: 4,667 km of range, 2,333 km out
const TYPE: AircraftType = {
  name: 'T',
  base: 'B',
  count: 1,
  speedKts: 280,
  enduranceH: 10,
  reserveH: 1,
  sensorRangeKm: 60,
  turnaroundH: 3,
  callsigns: [],
};
const HALF = (280 * 1.852 * 9) / 2;

function scenario(base: LonLat, lines: LonLat[][]): Scenario {
  return {
    name: 't',
    coast: { lines: lines.map((coords) => ({ coords, closed: false, seaSide: 'unknown' })), source: 't' },
    bases: [{ name: 'B', icao: 'BBBB', position: base }],
    aircraft: [TYPE],
    noFly: [],
    sampleKm: 1,
    standoffKm: 22.2,
  } as unknown as Scenario;
}

describe('reach', () => {
  it('holds every point within half the range of the base (geodesic), and none much beyond', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0, max: 2 * HALF, noNaN: true }),
        (lat, lon, az, km) => {
          const b: LonLat = [lon, lat];
          const p = destination(b, az, km);
          const r = reachOf(scenario(b, []));
          const d = distanceKm(b, p);
          if (d <= HALF) assert.ok(r.point(p), `${d} km`);
          if (d > HALF * 1.02 + 1) assert.ok(!r.point(p), `${d} km`);
          // within S of the reach: the sensor's reach
          if (d <= HALF + 60) assert.ok(r.point(p, 60));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('counts the samples a sensor may see, not the whole coast', () => {
    const base: LonLat = [0, 0];
    const near: LonLat[] = [destination(base, 90, 100), destination(base, 90, 200)];
    const far: LonLat[] = [destination(base, 0, 5000), destination(base, 0, 5100)];
    const s = scenario(base, [near, far]);
    const samples = {
      count: 4,
      lon: [...near, ...far].map((p) => p[0]),
      lat: [...near, ...far].map((p) => p[1]),
    };
    assert.equal(samplesInReach(s, samples), 2);
  });
});

describe('the antimeridian frame', () => {
  // a coast across ±180 (split there, as Natural Earth's) and one line across the prime meridian
  const lines: LonLat[][] = [
    [
      [179.6, -70],
      [179.99, -70.2],
    ],
    [
      [-179.99, -70.2],
      [-179.6, -70],
    ],
    [
      [-10, -70],
      [10, -70],
    ],
  ];

  it("is used when the line cut at the prime meridian lies beyond every base's reach (the Ross Sea)", () => {
    const sh = shiftedFrame(scenario([170, -72], lines));
    assert.ok(sh);
    assert.ok(sh.coast.lines.flatMap((l) => l.coords).every((p) => p[0] >= 0));
    assert.deepEqual(sh.scenario.bases[0].position, [170, -72]);
  });

  it('is not used when a base reaches the cut', () => {
    assert.equal(shiftedFrame(scenario([5, -72], lines)), null);
  });
});
