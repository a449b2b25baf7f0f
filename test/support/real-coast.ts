/** Planning real coasts in tests: a scenario object resolved like a file, planned with Natural Earth land, verified. */
import assert from 'node:assert/strict';
import { planEnvFor } from '../../src/app/land-env.js';
import { resolveScenario } from '../../src/app/load-scenario.js';
import { countryAt, worldLand } from '../../src/data/land.js';
import { buildCoastModel } from '../../src/domain/coast.js';
import type { Plan } from '../../src/domain/plan.js';
import type { Scenario } from '../../src/domain/scenario.js';
import { parseScenarioFile } from '../../src/domain/scenario-schema.js';
import { densifyGeodesic } from '../../src/geo/geodesic.js';
import { plan } from '../../src/plan/planner.js';
import { verifyPlan } from '../../src/verify/verify.js';

export const TURBOPROP = {
  name: 'Turboprop',
  count: 2,
  speedKts: 280,
  enduranceH: 10,
  reserveH: 1,
  sensorRangeKm: 60,
  turnaroundH: 3,
};

export function realScenario(json: Record<string, unknown>): Scenario {
  return resolveScenario(
    parseScenarioFile({ name: 'test', aircraft: [TURBOPROP], standoffKm: 22.2, ...json }, 'test.json'),
  );
}

/** Plans with the app's land, asserts verify (given the land too) finds nothing, returns the plan. */
export function planReal(s: Scenario): Plan {
  const p = plan(s, buildCoastModel(s.coast.lines, s.sampleKm), {}, planEnvFor(s));
  // with the land, as `coastwatch verify` runs: overflyLand and the climb-out's bound need it
  const v = verifyPlan(s, p, { land: worldLand().polygons });
  assert.deepEqual(v, [], `verify found: ${JSON.stringify(v.slice(0, 3))}`);
  return p;
}

/**
 * Km of the plan's sorties over land other than `except` (the base's country), checked every 0.5 km along
 * each leg's geodesic; the first `skipKm` of each sortie's ends (climb-out, approach) are left out if given.
 */
export function kmOverLand(p: Plan, except: (string | undefined)[]): number {
  let km = 0;
  for (const s of p.sorties) {
    for (let i = 0; i + 1 < s.path.length; i++) {
      const pts = densifyGeodesic(s.path[i], s.path[i + 1], 0.5);
      for (let k = 0; k + 1 < pts.length; k++) {
        const c = countryAt(pts[k]);
        if (c !== undefined && !except.includes(c)) km += 0.5;
      }
    }
  }
  return km;
}
