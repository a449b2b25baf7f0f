import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LonLat } from '../geo/lonlat.js';
import { dutyBound, type Flier, lowDistanceKm, pairBound } from './bounds.js';

// points on the equator: distances are R_MIN times the longitude difference, easy to follow by hand
const at = (lon: number): LonLat => [lon, 0];
const flier = (o: Partial<Flier> = {}): Flier => ({
  n: 1,
  kmh: 100,
  U: 10,
  T: 2,
  S: 10,
  base: at(0),
  name: 'F',
  ...o,
});
const km = (pts: LonLat[]) => Float64Array.from(pts, (_p, i) => i * 10);
const idx = (pts: LonLat[]) => pts.map((_p, i) => i);
const near = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) < 1e-6, `${what}: ${a} vs ${b}`);

describe('duty bound', () => {
  const p = [at(1)];
  const tau = (lowDistanceKm(at(0), at(1)) - 10) / 100;

  it('one airframe, one point: it is away for its turnaround and the transit out and back', () => {
    near(dutyBound([flier()], p, idx(p), km(p)).hours, 2 + 2 * tau, 'T + 2 tau');
  });

  it('two airframes: 0 when they can take turns without a break, (U + T) / 2 - (U - 2 tau) when they cannot', () => {
    near(dutyBound([flier({ n: 2 })], p, idx(p), km(p)).hours, 0, 'U = 10 covers the other one');
    // U = 3: each is over the point 3 - 2 tau of every 5 h; two of them leave W = 2.5 - (3 - 2 tau)
    near(dutyBound([flier({ n: 2, U: 3 })], p, idx(p), km(p)).hours, 2.5 - (3 - 2 * tau), 'short endurance');
  });

  it('a point only one type reaches: the other type counts for nothing there', () => {
    // the second type's base is 20 degrees away: 2 tau > U, it cannot get there and back
    const far = flier({ n: 5, base: at(21), name: 'Far' });
    near(dutyBound([flier(), far], p, idx(p), km(p)).hours, 2 + 2 * tau, 'as if alone');
  });
});

describe('pair bound', () => {
  const x = at(0);
  const z = at(4);
  const d = lowDistanceKm(x, z);
  const delta = (d - 20) / 100;

  it('one airframe and two points: it must cross between them, or land, between two sightings of one', () => {
    // base in the middle: crossing from one to the other and back (2 delta) is longer than landing (2 tau + T)
    const mid = at(2);
    const tau = (lowDistanceKm(mid, x) - 10) / 100;
    const want = Math.max(2 * tau + 2, Math.min(2 * delta, delta + 2 * tau + 2));
    near(pairBound([flier({ base: mid })], [x, z], idx([x, z]), km([x, z])).hours, want, 'lone');
    near(want, 2 * delta, 'the crossing decides');
    assert.ok(want > 2 * tau + 2, 'and beats the duty bound at either point');
  });

  it('two airframes from the middle: one covers both while the other turns round', () => {
    const mid = at(2);
    const tau = (lowDistanceKm(mid, x) - 10) / 100;
    const G = 2 + 2 * tau;
    const want = Math.min(2 * delta, G, (G + delta) / 2);
    const b = pairBound([flier({ n: 2, base: mid })], [x, z], idx([x, z]), km([x, z]));
    near(b.hours, want, '(G + delta) / 2');
    assert.match(b.how, /only two airframes/);
  });

  it('three airframes: no pair bound; and never more than the horizon', () => {
    const mid = at(2);
    assert.equal(pairBound([flier({ n: 3, base: mid })], [x, z], idx([x, z]), km([x, z])).hours, 0);
    assert.equal(pairBound([flier({ base: x })], [x, z], idx([x, z]), km([x, z]), 3).hours, 3);
  });

  it('points closer than two sensor ranges give nothing', () => {
    const y = at(0.1);
    assert.equal(pairBound([flier({ base: x })], [x, y], idx([x, y]), km([x, y])).hours, 0);
  });
});
