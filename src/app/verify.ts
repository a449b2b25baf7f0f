/** Use case: check a plan or schedule file against the scenario's rules (independent of the planner). */
import { basename } from 'node:path';
import { parsePlanGeoJSON } from '../verify/plan-file.js';
import { type Violation, verifyPlan } from '../verify/verify.js';
import { loadScenario, readJsonFile } from './load-scenario.js';

export async function verifyFiles(
  scenarioPath: string,
  planPath: string,
): Promise<{ violations: Violation[]; sorties: number; notes: string[] }> {
  const scenario = await loadScenario(scenarioPath);
  const plan = parsePlanGeoJSON(await readJsonFile(planPath, 'plan file'), basename(planPath));
  return {
    violations: verifyPlan(scenario, plan),
    sorties: plan.sorties.length,
    notes: plan.summaryRecomputed
      ? ['the file has no "summary" (a GIS such as QGIS drops it on saving): recomputed from its features']
      : [],
  };
}
