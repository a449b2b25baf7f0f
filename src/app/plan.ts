/** Use case: plan a scenario file and write the plan file. */
import { buildCoastModel } from '../domain/coast.js';
import type { Plan } from '../domain/plan.js';
import type { Scenario } from '../domain/scenario.js';
import { type PlanFeatureCollection, planToGeoJSON } from '../formats/plan-geojson.js';
import { plan } from '../plan/planner.js';
import { loadScenario } from './load-scenario.js';
import { defaultOutPath, writeFileAtomic } from './output.js';
import { basesInNoFly, placeNamer, scenarioWarnings } from './places.js';

export interface PlanResult {
  scenario: Scenario;
  plan: Plan;
  geojson: PlanFeatureCollection;
  outPath: string;
  /** Milliseconds spent loading (data and scenario) and planning. */
  timings: { loadMs: number; planMs: number };
  /** Plausibility warnings about the scenario (never blocking). */
  warnings: string[];
  /** Names a coast stretch by the places at its ends, e.g. `near Zuwara (HLZW) [12.08, 32.93] to ...`. */
  placeOf: (fromKm: number, toKm: number) => string;
}

export async function planScenarioFile(
  path: string,
  opts: { out?: string; write?: boolean; onProgress?: (fraction: number, label: string) => void } = {},
): Promise<PlanResult> {
  const t0 = performance.now();
  const scenario = await loadScenario(path);
  const coast = buildCoastModel(scenario.coast.lines, scenario.sampleKm);
  const warnings = scenarioWarnings(scenario, coast);
  const t1 = performance.now();
  opts.onProgress?.(0, 'planning');
  let p = plan(scenario, coast);
  opts.onProgress?.(1, 'planning');
  // a gap left because a base is unusable says so, rather than only what the planner measured
  const blocked = basesInNoFly(scenario);
  if (blocked.length && p.gaps.length)
    p = {
      ...p,
      gaps: p.gaps.map((g) => ({
        ...g,
        reason: `${g.reason} (base ${blocked.join(', ')} lies inside a no-fly area: no sortie can take off there)`,
      })),
    };
  const t2 = performance.now();
  const geojson = planToGeoJSON(p);
  const outPath = opts.out ?? defaultOutPath(path, 'plan');
  if (opts.write !== false) await writeFileAtomic(outPath, `${JSON.stringify(geojson)}\n`);
  return {
    scenario,
    plan: p,
    geojson,
    outPath,
    timings: { loadMs: t1 - t0, planMs: t2 - t1 },
    warnings,
    placeOf: placeNamer(coast, scenario),
  };
}
