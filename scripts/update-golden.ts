/** Rewrites scenarios/golden/* from the current code (npm run golden). Review the diff before committing. */
import { planScenarioFile } from '../src/app/plan.js';
import { builtInScenarios, goldenPath } from '../test/support/golden.js';

for (const path of builtInScenarios()) {
  const out = goldenPath(path, 'plan');
  const r = await planScenarioFile(path, { out });
  const s = r.plan.summary;
  console.log(
    `${out}: ${s.sorties} sorties, ${Math.round(s.distanceKm)} km, coverage ${(s.coverage * 100).toFixed(1)}%`,
  );
}
