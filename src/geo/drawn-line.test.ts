import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { drawnLines, drawnTimedLines, joinAtAntimeridian } from './drawn-line.js';
import { destination, distanceKm, pointToSegmentKm } from './geodesic.js';
import type { LonLat } from './lonlat.js';

/** The straight lon/lat chord a-b at fraction t, as RFC 7946 readers draw it. */
const onChord = (a: LonLat, b: LonLat, t: number): LonLat => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
];

describe('drawnLines', () => {
  it('keeps every drawn chord within 0.1 km of the geodesic leg', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -170, max: 170, noNaN: true }),
        fc.double({ min: -70, max: 70, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 5, max: 3000, noNaN: true }),
        (lon, lat, azi, km) => {
          const a: LonLat = [lon, lat];
          const b = destination(a, azi, km);
          fc.pre(Math.abs(b[0] - a[0]) < 180 && Math.abs(b[1]) < 80);
          const [line] = drawnLines([a, b]);
          for (let i = 0; i + 1 < line.length; i++)
            for (const t of [0.25, 0.5, 0.75]) {
              const p = onChord(line[i], line[i + 1], t);
              const off = pointToSegmentKm(p, a, b).km;
              assert.ok(off <= 0.1 + 1e-3, `chord ${i} at ${t} is ${off.toFixed(4)} km off the geodesic`);
            }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('splits a line crossing the antimeridian, each part ending on it, and joins it back', () => {
    const a: LonLat = [179.2, -17];
    const b: LonLat = [-179.4, -16.5];
    const parts = drawnLines([a, b]);
    assert.equal(parts.length, 2);
    assert.equal(parts[0][parts[0].length - 1][0], 180);
    assert.equal(parts[1][0][0], -180);
    assert.equal(parts[0][parts[0].length - 1][1], parts[1][0][1]);
    for (const part of parts)
      for (let i = 1; i < part.length; i++) assert.ok(Math.abs(part[i][0] - part[i - 1][0]) < 180);
    const joined = joinAtAntimeridian(parts);
    assert.equal(joined.length, 1);
    assert.deepEqual(joined[0][0], a);
    assert.deepEqual(joined[0][joined[0].length - 1], b);
  });

  it('interpolates times by distance and honours maxStepKm', () => {
    const a: LonLat = [10, 30];
    const b: LonLat = [11, 30];
    const [line] = drawnTimedLines([a, b], [0, 1000], { maxStepKm: 20 });
    for (let i = 1; i < line.coords.length; i++) {
      assert.ok(distanceKm(line.coords[i - 1], line.coords[i]) <= 20 + 1e-9);
      assert.ok(line.times[i] > line.times[i - 1]);
    }
    assert.equal(line.times[line.times.length - 1], 1000);
  });
});
