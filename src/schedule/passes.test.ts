import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCoastModel } from '../domain/coast.js';
import { destination, distanceKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { SampleIndex } from '../plan/sample-index.js';
import { passesOf } from './passes.js';

// one coast sample (a very short line) at the origin, and paths around it
const origin: LonLat = [12, 33];
const coast = buildCoastModel(
  [{ coords: [origin, destination(origin, 90, 0.01)], closed: false, seaSide: 'left' }],
  1,
);
const sidx = new SampleIndex(coast.samples);
const at = (az: number, km: number) => destination(origin, az, km);
const sightings = (path: LonLat[], range = 50) => {
  const p = passesOf(path, range, sidx);
  return [...p.alongKm].filter((_x, j) => p.sample[j] === 0);
};

describe('passes', () => {
  it('sights a sample once on a straight pass, at the closest point', () => {
    const a = at(270, 100);
    const b = at(90, 100);
    const s = sightings([destination(a, 0, 20), destination(b, 0, 20)]);
    assert.equal(s.length, 1);
    assert.ok(Math.abs(s[0] - 100) < 0.5, `sighted at ${s[0]} km`);
  });

  it('counts leaving range and coming back as a second pass', () => {
    const near = at(0, 20);
    const far = at(0, 120);
    const s = sightings([far, near, far, near, far]);
    assert.equal(s.length, 2);
    const leg = distanceKm(far, near);
    assert.ok(Math.abs(s[0] - leg) < 0.5 && Math.abs(s[1] - 3 * leg) < 0.5);
  });

  it('a turn while still in range is the same pass', () => {
    const a = at(0, 120);
    const b = at(0, 20);
    const c = at(30, 30);
    // in range from b through the turn at c and back: one pass
    const s = sightings([a, b, c, b, a]);
    assert.equal(s.length, 1);
  });

  it('sees nothing beyond range', () => {
    assert.equal(sightings([at(0, 80), at(90, 80)], 50).length, 0);
  });
});
