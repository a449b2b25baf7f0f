import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { runOne } from '../bench/world-one.js';
import {
  buildCoastModel,
  coastBetween,
  intervalsKm,
  sampleRuns,
  samplesToIntervals,
} from '../src/domain/coast.js';
import type { Plan, Sortie } from '../src/domain/plan.js';
import { rangeKm, type Scenario } from '../src/domain/scenario.js';
import { destination } from '../src/geo/geodesic.js';
import type { LonLat } from '../src/geo/lonlat.js';
import { mergeSorties } from '../src/plan/merge.js';
import { type PlanContext, type PlanEnv, planContext, sortieRecord } from '../src/plan/planner.js';
import { verifyPlan } from '../src/verify/verify.js';
import { propertySeed, uniform } from './support/arbitraries.js';
import { scenarioFor, zigzagCoast } from './support/synthetic.js';

/** Foreign land south of a west-to-east coast (sea on its left): no sortie may go round that way. */
function landSouth(s: Scenario): PlanEnv {
  const c = s.coast.lines[0].coords;
  const ring: LonLat[] = [...c, [c[c.length - 1][0], c[0][1] - 2], [c[0][0], c[0][1] - 2], c[0]];
  return { land: { polygons: [{ country: 'Land', rings: [ring] }], baseCountry: {} } };
}

/** A plan of these sorties, with the gaps they leave (as the planner writes them). */
function planOf(ctx: PlanContext, sorties: Sortie[], covered: Uint8Array): Plan {
  const { coast } = ctx;
  const coveredKm = intervalsKm(samplesToIntervals(coast.samples, (i) => covered[i] === 1));
  const gaps = sampleRuns(coast.samples, (i) => covered[i] === 0).map(({ interval: [fromKm, toKm] }) => ({
    fromKm,
    toKm,
    lines: coastBetween(coast, fromKm, toKm),
    lengthKm: toKm - fromKm,
    reason: 'not planned (test)',
  }));
  return {
    summary: {
      scenario: ctx.scenario.name,
      coastKm: coast.lengthKm,
      coveredKm,
      coverage: coveredKm / coast.lengthKm,
      sorties: sorties.length,
      distanceKm: sorties.reduce((s, x) => s + x.distanceKm, 0),
      flightHours: sorties.reduce((s, x) => s + x.durationH, 0),
      gapKm: gaps.reduce((s, g) => s + g.lengthKm, 0),
    },
    coast: coast.lines.map((l) => l.coords),
    bases: ctx.scenario.bases.map((b) => ({ name: b.name, position: b.position })),
    sorties,
    gaps,
  };
}

/**
 * Out-and-backs as the mop-up flies them: from the base (through its climb-out when it lies inside the band) straight
 * to a turn point north of a coast sample, and back the same way. Those whose leg is not free are left out.
 */
function outAndBacks(
  ctx: PlanContext,
  turns: [number, number][],
): { sorties: Sortie[]; covered: Uint8Array } {
  const { samples } = ctx.coast;
  const a = ctx.scenario.aircraft[0];
  const ex = ctx.exits.get(a.base);
  const covered = new Uint8Array(samples.count);
  const sorties: Sortie[] = [];
  if (!ex) return { sorties, covered };
  for (const [at, frac] of turns) {
    const i = Math.min(samples.count - 1, Math.floor(at * samples.count));
    const d = ctx.scenario.standoffKm + 1 + frac * (a.sensorRangeKm - ctx.scenario.standoffKm - 2);
    const q = destination([samples.lon[i], samples.lat[i]], 0, d);
    if (!ctx.free.pointFree(q) || !ctx.free.legFree(ex.exit, q)) continue;
    const path = [...ex.climb, q, ...[...ex.climb].reverse()];
    const cov = ctx.sidx.coveredBy(path, a.sensorRangeKm);
    const s = sortieRecord(samples, sorties.length, a, path, cov);
    if (s.distanceKm > rangeKm(a)) continue;
    for (let k = 0; k < samples.count; k++) if (cov[k]) covered[k] = 1;
    sorties.push(s);
  }
  return { sorties, covered };
}

describe('merge: fewer sorties (issue 8)', () => {
  it('property: merged out-and-backs pass verify, see all they saw, and neither add sorties nor km', () => {
    // runs that merged something: the property must not hold only because nothing was merged
    let runs = 0;
    let merged = 0;
    fc.assert(
      fc.property(
        uniform(250, 600),
        uniform(2, 40),
        fc.boolean(),
        fc.boolean(),
        uniform(2.5, 8),
        fc.array(fc.tuple(uniform(0, 1), uniform(0, 1)), { minLength: 2, maxLength: 14 }),
        (lengthKm, amplitudeKm, baseAtSea, land, enduranceH, turns) => {
          // headlands up to 40 km high: a straight hop between turn points off two bays crosses the band
          const coast = zigzagCoast([0, 30], lengthKm, amplitudeKm, 120);
          // a base far out at sea (outside the band), or in the band 6 km off the coast (a climb-out)
          const base: LonLat = baseAtSea ? [1.5, 31.2] : destination(coast.coords[20], 0, 6);
          const s0 = scenarioFor([coast], { base, enduranceH, sensorKm: 50, standoffKm: 20 });
          const s: Scenario = land ? { ...s0, overflyLand: 'avoid' } : s0;
          const ctx = planContext(s, buildCoastModel(s.coast.lines, s.sampleKm), land ? landSouth(s) : {});
          const before = outAndBacks(ctx, turns);
          fc.pre(before.sorties.length >= 2);
          const opts = { witnesses: false };
          assert.deepEqual(verifyPlan(s, planOf(ctx, before.sorties, before.covered), opts), [], 'input');
          const m = mergeSorties(ctx, before.sorties, before.covered);
          runs++;
          if (m.merges > 0) merged++;
          assert.deepEqual(verifyPlan(s, planOf(ctx, m.sorties, m.covered), opts), []);
          // what the merged sorties see, measured from their paths, includes all the out-and-backs saw
          const seen = new Uint8Array(ctx.coast.samples.count);
          for (const x of m.sorties) ctx.sidx.coveredBy(x.path, s.aircraft[0].sensorRangeKm, seen);
          for (let i = 0; i < seen.length; i++) {
            if (before.covered[i]) assert.equal(seen[i], 1, `sample ${i} lost`);
            assert.equal(m.covered[i], seen[i], `sample ${i}: covered as returned`);
          }
          const km = (xs: Sortie[]) => xs.reduce((t, x) => t + x.distanceKm, 0);
          assert.ok(
            km(m.sorties) <= km(before.sorties) + 1e-6,
            `${km(m.sorties)} > ${km(before.sorties)} km`,
          );
          assert.equal(m.sorties.length, before.sorties.length - m.merges);
          assert.deepEqual(
            m.sorties.map((x) => x.id),
            m.sorties.map((_x, n) => `S${String(n + 1).padStart(2, '0')}`),
          );
          // from a base at sea outside the band every pair can at least be flown one after the other without
          // landing: sorties that all fit in one range become one
          if (baseAtSea && km(before.sorties) <= rangeKm(s.aircraft[0]) * (1 - 1e-6))
            assert.equal(m.sorties.length, 1);
          else assert.ok(m.sorties.length <= before.sorties.length);
        },
      ),
      { numRuns: 100, seed: propertySeed(8) },
    );
    assert.ok(merged >= runs / 2, `${merged} of ${runs} runs merged anything`);
  });

  it('Firth of Clyde from Edinburgh (EGPH, bbox -7 55 -4 57) at standoff 22.2: fewer sorties, no more km, the same coverage, verify passes', () => {
    // the mop-up left 4 sorties there (5,067 km), two of them short out-and-backs over Scotland
    const off = runOne('United Kingdom', 'EGPH', 22.2, [-7, 55, -4, 57], {}, { merge: false });
    const on = runOne('United Kingdom', 'EGPH', 22.2, [-7, 55, -4, 57]);
    assert.equal(on.violations, 0, on.firstViolation);
    assert.ok(on.sorties < off.sorties, `${on.sorties} sorties, ${off.sorties} without merging`);
    assert.ok(on.sorties <= 2, `${on.sorties} sorties`);
    assert.ok(on.distanceKm <= off.distanceKm + 1e-6, `${on.distanceKm} km > ${off.distanceKm}`);
    assert.ok(on.coverage >= off.coverage - 1e-12, `coverage ${on.coverage} < ${off.coverage}`);
  });
});
