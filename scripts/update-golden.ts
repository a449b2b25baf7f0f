/** Rewrites scenarios/golden/* from the current code (npm run golden). Review the diff before committing. */
import { writeFile } from 'node:fs/promises';
import { planScenarioFile } from '../src/app/plan.js';
import { scheduleScenarioFile } from '../src/app/schedule.js';
import { builtInScenarios, goldenPath } from '../test/support/golden.js';
import { compactSchedule, scheduleGoldenPath } from '../test/support/schedule-golden.js';

for (const path of builtInScenarios()) {
  const out = goldenPath(path, 'plan');
  const r = await planScenarioFile(path, { out });
  const s = r.plan.summary;
  console.log(
    `${out}: ${s.sorties} sorties, ${Math.round(s.distanceKm)} km, coverage ${(s.coverage * 100).toFixed(1)}%`,
  );
  const sout = scheduleGoldenPath(path);
  const sr = await scheduleScenarioFile(path, { write: false });
  await writeFile(sout, `${JSON.stringify(compactSchedule(sr), null, 1)}\n`);
  const f = sr.schedule.figures;
  console.log(
    `${sout}: ${sr.schedule.plan.summary.sorties} sorties, worst revisit ${f.worstRevisitH?.toFixed(2)} h, bound ${f.bestBound?.hours.toFixed(2)} h`,
  );
}
