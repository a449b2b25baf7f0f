/** Use case: plan a scenario (in memory), and its file adapter: plan a scenario file and write the plan file. */
import { basename } from 'node:path';
import { companionNotes } from '../data/countries.js';
import { buildCoastModel } from '../domain/coast.js';
import type { Plan } from '../domain/plan.js';
import type { Scenario } from '../domain/scenario.js';
import { type PlanFeatureCollection, planToGeoJSON } from '../formats/plan-geojson.js';
import { plan } from '../plan/planner.js';
import { planEnvFor } from './land-env.js';
import { readJsonFile, scenarioFromJson } from './load-scenario.js';
import { checkOutput, defaultOutPath, writeFileAtomic } from './output.js';
import { basesInNoFly, placeNamer, scenarioWarnings } from './places.js';
import { checkPlanSize } from './plan-limits.js';
import type { SavedResult } from './save.js';
import { checkAborted, type UseCaseOptions } from './use-case.js';

export interface PlanOutcome {
  scenario: Scenario;
  plan: Plan;
  geojson: PlanFeatureCollection;
  /** Milliseconds spent loading (data and scenario) and planning. */
  timings: { loadMs: number; planMs: number };
  /** Things the user should know about the scenario (a country Natural Earth draws apart from one asked for). */
  notes: string[];
  /** Plausibility warnings about the scenario (never blocking). */
  warnings: string[];
  /** Names a coast stretch by the places at its ends, e.g. `near Zuwara (HLZW) [12.08, 32.93] to ...`. */
  placeOf: (fromKm: number, toKm: number) => string;
}

export interface PlanResult extends PlanOutcome {
  outPath: string;
  /** Where `save` kept the scenario and the plan. */
  saved?: SavedResult;
}

/** Plans a scenario file's JSON: the plan file's content, as the command line writes it. */
export async function planScenario(scenarioJson: unknown, opts: UseCaseOptions = {}): Promise<PlanOutcome> {
  const t0 = performance.now();
  opts.onProgress?.(0, 'loading');
  const scenario = scenarioFromJson(scenarioJson, opts.source);
  const coast = buildCoastModel(scenario.coast.lines, scenario.sampleKm);
  // a coast too long for the machine is refused before any planning, with what it needs
  checkPlanSize(scenario, coast);
  const warnings = scenarioWarnings(scenario, coast);
  checkAborted(opts.signal);
  opts.onProgress?.(0.1, 'planning');
  const t1 = performance.now();
  let p = plan(scenario, coast, {}, planEnvFor(scenario));
  const t2 = performance.now();
  checkAborted(opts.signal);
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
  const geojson = planToGeoJSON(p);
  opts.onProgress?.(1, 'planning');
  return {
    scenario,
    plan: p,
    geojson,
    timings: { loadMs: t1 - t0, planMs: t2 - t1 },
    notes: companionNotes(scenario.coast.countries ?? []),
    warnings,
    placeOf: placeNamer(coast, scenario),
  };
}

export async function planScenarioFile(
  path: string,
  opts: {
    out?: string;
    write?: boolean;
    onProgress?: UseCaseOptions['onProgress'];
    /** Also keep the scenario and the plan in the store (`db`: as `coastwatch serve --db`). */
    save?: { db?: string };
  } = {},
): Promise<PlanResult> {
  const t0 = performance.now();
  const outPath = opts.out ?? defaultOutPath(path, 'plan');
  // a bad --out (a device, a folder, the scenario itself) fails before any work
  if (opts.write !== false) await checkOutput(outPath, { inputs: [path] });
  const json = await readJsonFile(path, 'scenario file');
  const r = await planScenario(json, { source: basename(path), onProgress: opts.onProgress });
  const loadMs = performance.now() - t0 - r.timings.planMs;
  if (opts.write !== false) await writeFileAtomic(outPath, planFileText(r.geojson), { inputs: [path] });
  // the store (SQLite or PostgreSQL drivers) is loaded only when asked for
  const saved = opts.save
    ? await (await import('./save.js')).saveResult(
        'plan',
        json,
        {
          body: planFileText(r.geojson),
          summary: r.geojson.summary,
          lines: sortieLines(r.geojson as unknown as Parameters<typeof sortieLines>[0]),
        },
        { ...opts.save, scenario: r.scenario },
      )
    : undefined;
  return { ...r, outPath, timings: { loadMs, planMs: r.timings.planMs }, ...(saved ? { saved } : {}) };
}

/** The plan file's text, exactly as written. */
export const planFileText = (geojson: PlanFeatureCollection): string => `${JSON.stringify(geojson)}\n`;

/** A result file's sortie lines, kept as geometry where the store has it (PostGIS). */
export function sortieLines(fc: {
  features: { geometry: unknown; properties: Record<string, unknown> | null }[];
}): { id: string; geometry: unknown }[] {
  return fc.features
    .filter((f) => f.properties?.kind === 'sortie')
    .map((f) => ({ id: String(f.properties?.id), geometry: f.geometry }));
}
