import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planEnvFor } from '../src/app/land-env.js';
import { worldLand } from '../src/data/land.js';
import { buildCoastModel } from '../src/domain/coast.js';
import { scheduleToGeoJSON } from '../src/formats/schedule-geojson.js';
import { scheduleContext } from '../src/schedule/context.js';
import { scheduleWith } from '../src/schedule/scheduler.js';
import { parsePlanGeoJSON } from '../src/verify/plan-file.js';
import { recomputeRevisit } from '../src/verify/revisit.js';
import { verifyPlan } from '../src/verify/verify.js';
import { realScenario } from './support/real-coast.js';

// issue 15: a coast across the antimeridian is scheduled in the planner's shifted frame (src/plan/antimeridian.ts)
describe('schedule across the antimeridian', () => {
  it('Fiji from NFFN: every position in [-180, 180), the file passes verify, the revisit recomputes to 1%', () => {
    const s = realScenario({ coast: { country: 'Fiji' }, bases: [{ icao: 'NFFN' }] });
    const coast = buildCoastModel(s.coast.lines, s.sampleKm);
    const ctx = scheduleContext(s, coast, planEnvFor(s));
    const sch = scheduleWith(ctx, { start: '2026-12-01T00:00:00Z', days: 1, budget: 200 });
    assert.ok(sch.plan.sorties.length > 0);
    let west = 0;
    for (const so of sch.plan.sorties)
      for (const q of so.path) {
        assert.ok(q[0] >= -180 && q[0] < 180, `${so.id} at ${q[0]}`);
        if (q[0] < 0) west++;
      }
    // the islands east of 180 (Lau, Taveuni's east) are flown: positions west of the antimeridian
    assert.ok(west > 0, 'no sortie crosses the antimeridian');
    // the schedule's coast and bases are the scenario's own, not the shifted frame's
    assert.deepEqual(sch.plan.bases[0].position, s.bases[0].position);
    assert.ok(sch.figures.neverSeenKm === 0, `never seen ${sch.figures.neverSeenKm} km`);
    assert.ok(sch.plan.summary.coverage > 0.95, `coverage ${sch.plan.summary.coverage}`);
    const file = parsePlanGeoJSON(JSON.parse(JSON.stringify(scheduleToGeoJSON(sch))), 'schedule');
    const v = verifyPlan(s, file, { land: worldLand().polygons });
    assert.deepEqual(v, [], `verify found: ${JSON.stringify(v.slice(0, 3))}`);
    const again = recomputeRevisit(coast, file.sorties, s.aircraft, sch.figures.horizonH, file.gaps);
    assert.ok(sch.figures.worstRevisitH !== null && again.worstH !== null);
    assert.ok(
      Math.abs(again.worstH - sch.figures.worstRevisitH) <= 0.01 * sch.figures.worstRevisitH + 1e-9,
      `verify ${again.worstH} h, scheduler ${sch.figures.worstRevisitH} h`,
    );
  });
});
