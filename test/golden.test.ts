import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { planScenarioFile } from '../src/app/plan.js';
import { scheduleScenarioFile } from '../src/app/schedule.js';
import { parsePlanGeoJSON } from '../src/verify/plan-file.js';
import { verifyPlan } from '../src/verify/verify.js';
import { builtInScenarios, goldenPath, repoRoot } from './support/golden.js';
import { compactSchedule, scheduleGoldenPath } from './support/schedule-golden.js';

describe('golden files', () => {
  it('exist for exactly the built-in scenarios, which are at least three', () => {
    const scenarios = builtInScenarios();
    assert.ok(scenarios.length >= 3, `${scenarios.length} built-in scenarios`);
    const want = scenarios
      .flatMap((p) => [basename(goldenPath(p, 'plan')), basename(scheduleGoldenPath(p))])
      .sort();
    assert.deepEqual(readdirSync(join(repoRoot(), 'scenarios', 'golden')).sort(), want);
  });
});

describe('golden plans of the built-in scenarios', () => {
  for (const path of builtInScenarios()) {
    it(path.split('/').pop()!, async () => {
      const r = await planScenarioFile(path, { write: false });
      const want = JSON.parse(readFileSync(goldenPath(path, 'plan'), 'utf8'));
      const got = JSON.parse(JSON.stringify(r.geojson));
      assert.deepEqual(
        got.summary,
        want.summary,
        'summary differs from the golden file: run `npm run golden` if the change is intended',
      );
      assert.deepEqual(
        got,
        want,
        'plan differs from the golden file: run `npm run golden` if the change is intended',
      );
      const v = verifyPlan(r.scenario, r.plan);
      assert.deepEqual(v, []);
    });
  }
});

describe('golden schedules of the built-in scenarios', () => {
  for (const path of builtInScenarios()) {
    it(path.split('/').pop()!, async () => {
      const r = await scheduleScenarioFile(path, { write: false });
      const want = JSON.parse(readFileSync(scheduleGoldenPath(path), 'utf8'));
      assert.deepEqual(
        compactSchedule(r),
        want,
        'schedule differs from the golden file: run `npm run golden` if the change is intended',
      );
      // the file as written passes verify, revisit figures recomputed from it included
      const file = parsePlanGeoJSON(JSON.parse(JSON.stringify(r.geojson)), 'schedule');
      assert.deepEqual(verifyPlan(r.scenario, file), []);
    });
  }
});
