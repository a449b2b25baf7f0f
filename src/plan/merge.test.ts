import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scenarioFor, zigzagCoast } from '../../test/support/synthetic.js';
import { buildCoastModel } from '../domain/coast.js';
import { destination } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { mergeSorties } from './merge.js';
import { planContext, sortieRecord } from './planner.js';

// plans made with merging go through verify in test/plan-merge.test.ts (src/plan may not import src/verify)
describe('mergeSorties', () => {
  const coast = zigzagCoast([0, 30], 300, 3, 80);
  const s = scenarioFor([coast], { base: [1.5, 31] });
  const ctx = planContext(s, buildCoastModel(s.coast.lines, s.sampleKm));
  const a = s.aircraft[0];
  const n = ctx.coast.samples.count;
  const outAndBack = (k: number, id: number) => {
    const i = Math.floor(k * n);
    const q = destination([ctx.coast.samples.lon[i], ctx.coast.samples.lat[i]], 0, 35);
    const path: LonLat[] = [s.bases[0].position, q, s.bases[0].position];
    return sortieRecord(ctx.coast.samples, id, a, path, ctx.sidx.coveredBy(path, a.sensorRangeKm));
  };

  it('one sortie, or none, comes back as it was', () => {
    const one = outAndBack(0.5, 0);
    const covered = ctx.sidx.coveredBy(one.path, a.sensorRangeKm);
    const m = mergeSorties(ctx, [one], covered);
    assert.equal(m.merges, 0);
    assert.deepEqual(m.sorties, [one]);
    assert.deepEqual(m.covered, covered);
    assert.deepEqual(mergeSorties(ctx, [], new Uint8Array(n)).sorties, []);
  });

  it('two out-and-backs from a base at sea outside the band: one sortie, turn point to turn point, shorter, seeing both', () => {
    const x = outAndBack(0.2, 0);
    const y = outAndBack(0.4, 1);
    const covered = new Uint8Array(n);
    for (const p of [x, y]) ctx.sidx.coveredBy(p.path, a.sensorRangeKm, covered);
    const m = mergeSorties(ctx, [x, y], covered);
    assert.equal(m.merges, 1);
    assert.equal(m.sorties.length, 1);
    const [z] = m.sorties;
    assert.equal(z.id, 'S01');
    // base, one turn point, the other, base: the legs between the turn points and the base saved
    assert.equal(z.path.length, 4);
    assert.ok(z.distanceKm < x.distanceKm + y.distanceKm - 1);
    const seen = ctx.sidx.coveredBy(z.path, a.sensorRangeKm);
    for (let i = 0; i < n; i++) if (covered[i]) assert.equal(seen[i], 1, `sample ${i}`);
  });

  it('input is not changed', () => {
    const x = outAndBack(0.2, 0);
    const y = outAndBack(0.7, 1);
    const covered = new Uint8Array(n);
    for (const p of [x, y]) ctx.sidx.coveredBy(p.path, a.sensorRangeKm, covered);
    const copy = structuredClone([x, y]);
    const cov = Uint8Array.from(covered);
    mergeSorties(ctx, [x, y], covered);
    assert.deepEqual([x, y], copy);
    assert.deepEqual(covered, cov);
  });
});

describe('mergeSorties from a base inside the band', () => {
  const coast = zigzagCoast([0, 30], 300, 2, 120);
  const base = destination(coast.coords[20], 0, 6);
  const s = scenarioFor([coast], { base, enduranceH: 2.5 });
  const ctx = planContext(s, buildCoastModel(s.coast.lines, s.sampleKm));
  const a = s.aircraft[0];
  const n = ctx.coast.samples.count;

  it('never flies through the base without landing (the middle of the sortie would cross the band)', () => {
    const ex = ctx.exits.get('Base')!;
    assert.ok(ex.climbKm > 0);
    const q = destination([ctx.coast.samples.lon[0], ctx.coast.samples.lat[0]], 0, 25);
    const path: LonLat[] = [...ex.climb, q, ...[...ex.climb].reverse()];
    const cov = ctx.sidx.coveredBy(path, a.sensorRangeKm);
    const x = sortieRecord(ctx.coast.samples, 0, a, path, cov);
    const m = mergeSorties(ctx, [x, { ...x, id: 'S02' }], cov);
    for (const z of m.sorties)
      z.path.forEach((p, i) => {
        if (i > 0 && i < z.path.length - 1)
          assert.notDeepEqual(p, base, `vertex ${i} of ${z.id} is the base`);
      });
    assert.ok(m.sorties.length <= 2);
    assert.equal(n, cov.length);
  });
});
