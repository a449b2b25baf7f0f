import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { runOne } from '../bench/world-one.js';
import { buildCoastModel } from '../src/domain/coast.js';
import type { Plan } from '../src/domain/plan.js';
import type { Scenario } from '../src/domain/scenario.js';
import type { LonLat } from '../src/geo/lonlat.js';
import { Navigator } from '../src/plan/navigator.js';
import { type PlanEnv, planContext, planWith } from '../src/plan/planner.js';
import { verifyPlan } from '../src/verify/verify.js';
import { uniform } from './support/arbitraries.js';
import { island, scenarioFor, zigzagCoast } from './support/synthetic.js';

const KM_PER_DEG_LAT = 110.9;

/** Foreign land south of a west-to-east coast (sea on its left): no sortie may go round that way. */
function landSouth(s: Scenario): PlanEnv {
  const c = s.coast.lines[0].coords;
  const ring: LonLat[] = [...c, [c[c.length - 1][0], c[0][1] - 2], [c[0][0], c[0][1] - 2], c[0]];
  return { land: { polygons: [{ country: 'Land', rings: [ring] }], baseCountry: {} } };
}

/** Plans with the planner's grid made `cells` cells (coarse: its corridors close), verifies, returns the plan. */
function planCoarse(s: Scenario, cells: number, env: PlanEnv = landSouth(s)): Plan {
  const ctx = planContext(s, buildCoastModel(s.coast.lines, s.sampleKm), env);
  const nav = ctx.nav;
  const region: [number, number, number, number] = [
    nav.west,
    nav.south,
    nav.west + nav.dLon * (nav.nx - 1),
    nav.south + nav.dLat * (nav.ny - 1),
  ];
  const p = planWith({ ...ctx, nav: new Navigator(ctx.free, region, { maxCells: cells }) });
  assert.deepEqual(verifyPlan(s, p), []);
  return p;
}

/** A coast running east from 0 E, 30 N and a no-fly wall north of it from `lon`, `gapKm` off the coast. */
function walled(lon: number, gapKm: number, lengthKm: number): Scenario {
  const coast = zigzagCoast([0, 30], lengthKm, 0.1, 100);
  const south = 30 + gapKm / KM_PER_DEG_LAT;
  const wall: LonLat[] = [
    [lon, south],
    [lon + 0.2, south],
    [lon + 0.2, 45],
    [lon, 45],
    [lon, south],
  ];
  return { ...scenarioFor([coast], { base: [0.5, 30.5], noFly: [[wall]] }), overflyLand: 'avoid' };
}

// issue 8, "coverage that does not give up": where the one covering tour stops, the mop-up plans the rest
describe('mop-up: further tours and out-and-backs (issue 8)', () => {
  it('a corridor the planning grid closes (6 km between the band and a no-fly wall): a further tour covers the coast beyond', () => {
    // the grid's ~17 km cells close the corridor: the first tour stops at the wall (was 60% covered, the rest a
    // gap "no route reaches"); the mop-up's finer grid gets through
    const s = walled(3, 26, 700);
    const p = planCoarse(s, 3000);
    assert.equal(p.summary.coverage, 1, p.gaps.map((g) => `${g.fromKm}-${g.toKm}: ${g.reason}`).join('; '));
  });

  it('property: islands scattered in open sea, planned on a grid too coarse for the channels between them: every island reachable is covered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(uniform(0.2, 4.8), uniform(30.3, 32.7), uniform(3, 14)), {
          minLength: 3,
          maxLength: 9,
        }),
        (isles) => {
          const lines = [zigzagCoast([0, 30], 600, 0.1, 100), ...isles.map(([x, y, r]) => island([x, y], r))];
          const s = scenarioFor(lines, { base: [2.5, 33.3], enduranceH: 10 });
          const p = planCoarse(s, 1500, {});
          // open sea all round (no land, no no-fly): only coast the bands of near neighbours hem in can be a gap
          for (const g of p.gaps) assert.match(g.reason, /^no point at sea outside the/, g.reason);
        },
      ),
      { numRuns: 5, seed: 8 },
    );
  });

  it('Camotes Sea from Mactan (RPVM) at standoff 22.2: the coast a straight out-and-back sees from the full range is covered', () => {
    // the old mop-up left km 388.2-392.2 a gap verify proved reachable (a straight leg from the base turning 59.8
    // km off it; the viewpoint rings stop at ~58 km): the straight out-and-backs close it
    const r = runOne('Philippines', 'RPVM', 22.2, [123.5, 10, 124.5, 11.5]);
    assert.equal(r.violations, 0, r.firstViolation);
    assert.ok(r.coverage > 0.995, `coverage ${r.coverage}`);
  });

  it('Firth of Clyde from Edinburgh (EGPH) at standoff 22.2: a turn point on a sliver of land between the band and the sensor circle is found', () => {
    // km 473-489 is seen only from over Scotland, from a sliver ~15 degrees off the bearing to the base: the old
    // fan (every 10-15 degrees, full range only) missed it and verify proved the gap reachable
    const r = runOne('United Kingdom', 'EGPH', 22.2, [-7, 55, -4, 57]);
    assert.equal(r.violations, 0, r.firstViolation);
    assert.ok(r.coverage > 0.88, `coverage ${r.coverage}`);
  });
});
