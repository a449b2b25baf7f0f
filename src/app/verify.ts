/** Use case: check a plan or schedule against the scenario's rules (independent of the planner); its file adapter. */
import { basename } from 'node:path';
import { worldLand } from '../data/land.js';
import type { Scenario } from '../domain/scenario.js';
import type { Situation } from '../domain/situation.js';
import { prioritiesDuring } from '../situation/picture.js';
import { parsePlanGeoJSON } from '../verify/plan-file.js';
import { type VerifyTarget, type Violation, verifyPlan } from '../verify/verify.js';
import { loadScenario, readJsonFile, scenarioFromJson } from './load-scenario.js';
import { loadSituation } from './situation.js';
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
  opts: UseCaseOptions & { planName?: string; situation?: Situation } = {},
): Promise<VerifyOutcome> {
  opts.onProgress?.(0, 'verifying');
  const scenario = scenarioFromJson(scenarioJson, opts.source);
  return verifyResolved(scenario, planJson, opts);
}

function verifyResolved(
  scenario: Scenario,
  planJson: unknown,
  opts: UseCaseOptions & { planName?: string; situation?: Situation },
): VerifyOutcome {
  const plan = parsePlanGeoJSON(planJson, opts.planName ?? 'plan');
  opts.signal?.throwIfAborted();
  let targets: VerifyTarget[] | undefined;
  if (opts.situation) {
    // the priorities in force over the file's own horizon (a file without one is reported by verify)
    const start = typeof plan.summary.start === 'string' ? plan.summary.start : undefined;
    const hours = typeof plan.summary.horizonH === 'number' ? plan.summary.horizonH : undefined;
    targets =
      start !== undefined && hours !== undefined && Number.isFinite(Date.parse(start))
        ? prioritiesDuring(opts.situation, start, hours)
        : opts.situation.priorities.flatMap((p) =>
            p.coastKm.map(([a, b]) => ({ id: p.id, fromKm: a, toKm: b, targetRevisitH: p.targetRevisitH })),
          );
  }
  // countries' land as plain polygons: overflyLand and the witness search of gaps need it
  const violations = verifyPlan(scenario, plan, { land: worldLand().polygons, targets });
  opts.onProgress?.(1, 'verifying');
  return {
    violations,
    sorties: plan.sorties.length,
    notes: plan.summaryRecomputed
      ? ['the file has no "summary" (a GIS such as QGIS drops it on saving): recomputed from its features']
      : [],
  };
}

export async function verifyFiles(
  scenarioPath: string,
  planPath: string,
  opts: { situation?: string } = {},
): Promise<VerifyOutcome> {
  // the scenario is checked before the plan file is read, so its errors come first
  const scenario = await loadScenario(scenarioPath);
  const situation = opts.situation === undefined ? undefined : await loadSituation(opts.situation, scenario);
  return verifyResolved(scenario, await readJsonFile(planPath, 'plan file'), {
    planName: basename(planPath),
    situation,
  });
}
