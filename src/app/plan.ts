/** Use case: plan a scenario file and write the plan file. */
import { companionNotes } from '../data/countries.js';
import { buildCoastModel } from '../domain/coast.js';
import type { Plan } from '../domain/plan.js';
import type { Scenario } from '../domain/scenario.js';
import { type PlanFeatureCollection, planToGeoJSON } from '../formats/plan-geojson.js';
import { plan } from '../plan/planner.js';
import { planEnvFor } from './land-env.js';
import { loadScenario } from './load-scenario.js';
import { defaultOutPath, writeFileAtomic } from './output.js';

export interface PlanResult {
  scenario: Scenario;
  plan: Plan;
  geojson: PlanFeatureCollection;
  outPath: string;
  /** Things the user should know about the scenario (a country Natural Earth draws apart from one asked for). */
  notes: string[];
  /** Milliseconds spent loading (data and scenario) and planning. */
  timings: { loadMs: number; planMs: number };
}

export async function planScenarioFile(
  path: string,
  opts: { out?: string; write?: boolean } = {},
): Promise<PlanResult> {
  const t0 = performance.now();
  const scenario = await loadScenario(path);
  const coast = buildCoastModel(scenario.coast.lines, scenario.sampleKm);
  const t1 = performance.now();
  const p = plan(scenario, coast, {}, planEnvFor(scenario));
  const t2 = performance.now();
  const geojson = planToGeoJSON(p);
  const outPath = opts.out ?? defaultOutPath(path, 'plan');
  if (opts.write !== false) await writeFileAtomic(outPath, `${JSON.stringify(geojson)}\n`);
  const notes = companionNotes(scenario.coast.countries ?? []);
  return { scenario, plan: p, geojson, outPath, notes, timings: { loadMs: t1 - t0, planMs: t2 - t1 } };
}
