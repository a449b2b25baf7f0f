/** Use case: check a plan or schedule against the scenario's rules (independent of the planner); its file adapter. */
import { basename } from 'node:path';
import { worldLand } from '../data/land.js';
import type { Scenario } from '../domain/scenario.js';
import { parsePlanGeoJSON } from '../verify/plan-file.js';
import { type Violation, verifyPlan } from '../verify/verify.js';
import { loadScenario, readJsonFile, scenarioFromJson } from './load-scenario.js';
import type { UseCaseOptions } from './use-case.js';

export interface VerifyOutcome {
  violations: Violation[];
  sorties: number;
  /** Things the user should know about the file (a summary a GIS dropped, recomputed). */
  notes: string[];
}

/** Checks a plan (or schedule) file's JSON against a scenario file's JSON. */
export async function verifyScenarioPlan(
  scenarioJson: unknown,
  planJson: unknown,
  opts: UseCaseOptions & { planName?: string } = {},
): Promise<VerifyOutcome> {
  opts.onProgress?.(0, 'verifying');
  const scenario = scenarioFromJson(scenarioJson, opts.source);
  return verifyResolved(scenario, planJson, opts);
}

function verifyResolved(
  scenario: Scenario,
  planJson: unknown,
  opts: UseCaseOptions & { planName?: string },
): VerifyOutcome {
  const plan = parsePlanGeoJSON(planJson, opts.planName ?? 'plan');
  opts.signal?.throwIfAborted();
  // countries' land as plain polygons: overflyLand and the witness search of gaps need it
  const violations = verifyPlan(scenario, plan, { land: worldLand().polygons });
  opts.onProgress?.(1, 'verifying');
  return {
    violations,
    sorties: plan.sorties.length,
    notes: plan.summaryRecomputed
      ? ['the file has no "summary" (a GIS such as QGIS drops it on saving): recomputed from its features']
      : [],
  };
}

export async function verifyFiles(scenarioPath: string, planPath: string): Promise<VerifyOutcome> {
  // the scenario is checked before the plan file is read, so its errors come first
  const scenario = await loadScenario(scenarioPath);
  return verifyResolved(scenario, await readJsonFile(planPath, 'plan file'), {
    planName: basename(planPath),
  });
}
