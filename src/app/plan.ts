/** Use case: plan a scenario (in memory), and its file adapter: plan a scenario file and write the plan file. */
import { basename } from 'node:path';
import { buildCoastModel } from '../domain/coast.js';
import type { Plan } from '../domain/plan.js';
import type { Scenario } from '../domain/scenario.js';
import { type PlanFeatureCollection, planToGeoJSON } from '../formats/plan-geojson.js';
import { plan } from '../plan/planner.js';
import { readJsonFile, scenarioFromJson } from './load-scenario.js';
import { defaultOutPath, writeFileAtomic } from './output.js';
import { checkAborted, type UseCaseOptions } from './use-case.js';

export interface PlanOutcome {
  scenario: Scenario;
  plan: Plan;
  geojson: PlanFeatureCollection;
  /** Milliseconds spent loading (data and scenario) and planning. */
  timings: { loadMs: number; planMs: number };
}

export interface PlanResult extends PlanOutcome {
  outPath: string;
}

/** Plans a scenario file's JSON: the plan file's content, as the command line writes it. */
export async function planScenario(scenarioJson: unknown, opts: UseCaseOptions = {}): Promise<PlanOutcome> {
  const t0 = performance.now();
  opts.onProgress?.(0);
  const scenario = scenarioFromJson(scenarioJson, opts.source);
  const coast = buildCoastModel(scenario.coast.lines, scenario.sampleKm);
  checkAborted(opts.signal);
  opts.onProgress?.(0.1);
  const t1 = performance.now();
  const p = plan(scenario, coast);
  const t2 = performance.now();
  checkAborted(opts.signal);
  const geojson = planToGeoJSON(p);
  opts.onProgress?.(1);
  return { scenario, plan: p, geojson, timings: { loadMs: t1 - t0, planMs: t2 - t1 } };
}

export async function planScenarioFile(
  path: string,
  opts: { out?: string; write?: boolean } = {},
): Promise<PlanResult> {
  const t0 = performance.now();
  const json = await readJsonFile(path, 'scenario file');
  const r = await planScenario(json, { source: basename(path) });
  const loadMs = performance.now() - t0 - r.timings.planMs;
  const outPath = opts.out ?? defaultOutPath(path, 'plan');
  if (opts.write !== false) await writeFileAtomic(outPath, planFileText(r.geojson));
  return { ...r, outPath, timings: { loadMs, planMs: r.timings.planMs } };
}

/** The plan file's text, exactly as written. */
export const planFileText = (geojson: PlanFeatureCollection): string => `${JSON.stringify(geojson)}\n`;
