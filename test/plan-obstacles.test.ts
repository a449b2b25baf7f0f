import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildCoastModel } from '../src/domain/coast.js';
import type { Plan } from '../src/domain/plan.js';
import type { CoastLine, Scenario } from '../src/domain/scenario.js';
import type { LonLat } from '../src/geo/lonlat.js';
import { type PlanEnv, plan } from '../src/plan/planner.js';
import { verifyPlan } from '../src/verify/verify.js';
import { uniform } from './support/arbitraries.js';
import { island, scenarioFor, zigzagCoast } from './support/synthetic.js';

/** The land south of a west-to-east coast (sea on its left), a foreign country's: no sortie may cross it. */
function landSouthOf(line: CoastLine): PlanEnv {
  const c = line.coords;
  const ring: LonLat[] = [...c, [c[c.length - 1][0], c[0][1] - 2], [c[0][0], c[0][1] - 2]];
  return { land: { polygons: [{ country: 'Land', rings: [ring] }], baseCountry: {} } };
}

function planAndVerify(s: Scenario, env: PlanEnv): Plan {
  const p = plan(s, buildCoastModel(s.coast.lines, s.sampleKm), {}, env);
  assert.deepEqual(verifyPlan(s, p), []);
  return p;
}

const KM_PER_DEG_LAT = 110.9;

describe('planner round obstacles (issue 8)', () => {
  it('property: a no-fly box off the coast touching the band never cuts the tour: open sea goes round it', () => {
    fc.assert(
      fc.property(uniform(0.1, 0.85), uniform(15, 45), uniform(40, 120), (at, widthKm, depthKm) => {
        const coast = zigzagCoast([12, 33], 400, 3, 100);
        const c = coast.coords;
        const lon0 = c[0][0] + (c[c.length - 1][0] - c[0][0]) * at;
        const dLon = widthKm / 93;
        const south = 33 + 21.5 / KM_PER_DEG_LAT;
        const north = south + depthKm / KM_PER_DEG_LAT;
        const box: LonLat[] = [
          [lon0, south],
          [lon0 + dLon, south],
          [lon0 + dLon, north],
          [lon0, north],
          [lon0, south],
        ];
        const s: Scenario = {
          ...scenarioFor([coast], { base: [11.5, 34], standoffKm: 20, sensorKm: 50, noFly: [[box]] }),
          overflyLand: 'avoid',
        };
        const p = planAndVerify(s, landSouthOf(coast));
        // before: everything past the box was declared unreachable
        assert.ok(
          p.summary.coverage > 0.999,
          `coverage ${p.summary.coverage}: ${p.gaps.map((g) => g.reason)}`,
        );
      }),
      { numRuns: 6, seed: 8 },
    );
  });

  it('islands beyond a strait narrower than twice the standoff are covered from the open sea', () => {
    const coast = zigzagCoast([12, 33], 300, 2, 100);
    // 30 km of strait, closed by two 20 km bands
    const isl = island([13.3, 33 + 38 / KM_PER_DEG_LAT], 8);
    const s: Scenario = {
      ...scenarioFor([coast, isl], { base: [12.5, 34.2], standoffKm: 20, sensorKm: 50 }),
      overflyLand: 'avoid',
    };
    const p = planAndVerify(s, landSouthOf(coast));
    assert.equal(p.summary.coverage, 1);
  });
});
