import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { planScenarioFile } from '../src/app/plan.js';
import { scheduleScenarioFile } from '../src/app/schedule.js';
import { worldLand } from '../src/data/land.js';
import { parsePlanGeoJSON } from '../src/verify/plan-file.js';
import { type Violation, verifyPlan } from '../src/verify/verify.js';
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

const land = () => ({ land: worldLand().polygons });
const notReachable = (v: Violation[]) => v.filter((x) => x.rule !== 'reachable');
const reachable = (v: Violation[]) => v.filter((x) => x.rule === 'reachable').map((x) => x.message);

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
      const v = verifyPlan(r.scenario, r.plan, land());
      assert.deepEqual(notReachable(v), []);
      // the file as written, lines as drawn included, passes too
      const file = parsePlanGeoJSON(JSON.parse(JSON.stringify(r.geojson)), 'plan');
      assert.deepEqual(notReachable(verifyPlan(r.scenario, file, land())), []);
    });
    const name = path.split('/').pop()!;
    it(`${name}: no gap is reachable`, async () => {
      const r = await planScenarioFile(path, { write: false });
      assert.deepEqual(reachable(verifyPlan(r.scenario, r.plan, land())), []);
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
      const v = verifyPlan(r.scenario, file, land());
      assert.deepEqual(notReachable(v), []);
      // no stretch the schedule calls out of reach is one verify can reach (Tunisia's Gulf of Gabes was, while
      // the twin flew its own sensor's tour across the gulf)
      assert.deepEqual(reachable(v), []);
    });
  }
});
