/**
 * Tunisia (issue 15): coast only the twin sees lies at three places no one sortie of it reaches (Bizerte, the
 * Gulf of Gabes, Djerba), so the layouts left it an every-other-sortie pattern (worst revisit 12.0 h over 7 days).
 * The complement layout now tries the twin's sortie over all but one small place of it, that place flown as a
 * short dash after each sortie. Since the twin flies the shortest sensor's tour where that sees more (the Gulf of
 * Gabes, which its own tour cut across and the schedule called out of reach), all the coast is watched and the
 * worst revisit is 12.0 h again. The schedule is checked by verify with Natural Earth land, as the CLI does.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { planEnvFor } from '../src/app/land-env.js';
import { loadScenario } from '../src/app/load-scenario.js';
import { worldLand } from '../src/data/land.js';
import { buildCoastModel } from '../src/domain/coast.js';
import { scheduleToGeoJSON } from '../src/formats/schedule-geojson.js';
import { scheduleContext } from '../src/schedule/context.js';
import { scheduleRun } from '../src/schedule/scheduler.js';
import { parsePlanGeoJSON } from '../src/verify/plan-file.js';
import { verifyPlan } from '../src/verify/verify.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('Tunisia: a short dash for the twin-only coast one sortie cannot reach', () => {
  it('schedules 7 days watching all the coast, worst revisit at most 12.0 h, and passes verify', async () => {
    const s = await loadScenario(join(ROOT, 'scenarios', 'tunisia-sar.json'));
    const coast = buildCoastModel(s.coast.lines, s.sampleKm);
    const ctx = scheduleContext(s, coast, planEnvFor(s));
    const run = scheduleRun(ctx, { start: '2026-12-01T00:00:00Z', days: 7 });
    const w = run.schedule.figures.worstRevisitH;
    assert.ok(w !== null && w <= 12.0, `worst revisit ${w}`);
    // no coast left out as unreachable: the Gulf of Gabes (km 1000-1016) is watched
    assert.equal(run.schedule.plan.gaps.length, 0, JSON.stringify(run.schedule.plan.gaps));
    const file = parsePlanGeoJSON(JSON.parse(JSON.stringify(scheduleToGeoJSON(run.schedule))), 'schedule');
    const v = verifyPlan(s, file, { land: worldLand().polygons });
    assert.deepEqual(v, []);
  });
});
