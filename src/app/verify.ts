/** Use case: check a plan or schedule against the scenario's rules (independent of the planner); its file adapter. */
import { basename } from 'node:path';
import type { Scenario } from '../domain/scenario.js';
import { parsePlanGeoJSON } from '../verify/plan-file.js';
import { type Violation, verifyPlan } from '../verify/verify.js';
import { loadScenario, readJsonFile, scenarioFromJson } from './load-scenario.js';
import type { UseCaseOptions } from './use-case.js';

export interface VerifyOutcome {
  violations: Violation[];
  sorties: number;
}

/** Checks a plan (or schedule) file's JSON against a scenario file's JSON. */
export async function verifyScenarioPlan(
  scenarioJson: unknown,
  planJson: unknown,
  opts: UseCaseOptions & { planName?: string } = {},
): Promise<VerifyOutcome> {
  opts.onProgress?.(0);
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
  const violations = verifyPlan(scenario, plan);
  opts.onProgress?.(1);
  return { violations, sorties: plan.sorties.length };
}

export async function verifyFiles(scenarioPath: string, planPath: string): Promise<VerifyOutcome> {
  // the scenario is checked before the plan file is read, so its errors come first
  const scenario = await loadScenario(scenarioPath);
  return verifyResolved(scenario, await readJsonFile(planPath, 'plan file'), {
    planName: basename(planPath),
  });
}
