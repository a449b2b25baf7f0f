/**
 * A sortie that sweeps two stretches of its tour with a hop between (issue 15: coast one type alone sees at both
 * ends of its tour is seen every cycle, not every other one): its length in the model is the built path's, the
 * coast the model says it sees is watched on the built path, and a schedule flying it passes verify.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCoastModel } from '../src/domain/coast.js';
import { scheduleToGeoJSON } from '../src/formats/schedule-geojson.js';
import { lineLengthKm } from '../src/geo/geodesic.js';
import { scheduleContext, sortieKm, sortiePath } from '../src/schedule/context.js';
import { Model, type Rotation } from '../src/schedule/model.js';
import { passesOf } from '../src/schedule/passes.js';
import { scheduleRun } from '../src/schedule/scheduler.js';
import { parsePlanGeoJSON } from '../src/verify/plan-file.js';
import { recomputeRevisit } from '../src/verify/revisit.js';
import { verifyPlan } from '../src/verify/verify.js';
import { scenarioFor, zigzagCoast } from './support/synthetic.js';

const START = '2026-12-01T00:00:00Z';

describe('sorties with a hop between two stretches', () => {
  const s = scenarioFor([zigzagCoast([12, 33], 400, 5, 80)], { base: [13.5, 34.2], sampleKm: 2 });
  s.aircraft[0].count = 1;
  const coast = buildCoastModel(s.coast.lines, s.sampleKm);
  const ctx = scheduleContext(s, coast);
  const t = ctx.types[0];
  const G = t.grid.length - 1;
  const model = new Model(ctx, 48);
  const r: Rotation = {
    type: 0,
    tails: [1],
    lo: 0,
    hi: Math.round(G * 0.2),
    legs: 1,
    startHi: false,
    perHorizon: 0,
    phase: 0,
    offsets: [0],
    hop: { lo: Math.round(G * 0.75), hi: G, legs: 1, startHi: false },
  };
  r.perHorizon = model.maxPerHorizon(r);

  it('is flyable and its length in the model is the built path length', () => {
    assert.ok(r.perHorizon > 0, 'the test sortie fits the endurance');
    const path = sortiePath(ctx, t, r.lo, r.hi, r.legs, r.startHi, r.hop)!;
    assert.ok(path);
    const km = sortieKm(ctx, t, r.lo, r.hi, r.legs, r.startHi, r.hop);
    assert.ok(Math.abs(lineLengthKm(path) - km) < 1e-6 * km + 0.01, `${lineLengthKm(path)} vs ${km}`);
    // the hop's route is counted: longer than the two sweeps and the transits alone
    assert.ok(km > sortieKm(ctx, t, r.lo, r.hi, 1, false) - ctx.transit(t, r.hi));
  });

  it('the coast the model says it sees is watched on the built path, both stretches', () => {
    const tpl = model.template(r)!;
    const path = sortiePath(ctx, t, r.lo, r.hi, r.legs, r.startHi, r.hop)!;
    const seen = new Set(passesOf(path, t.type.sensorRangeKm, ctx.plan.sidx).sample);
    const claimed = [...tpl.coverList];
    assert.ok(claimed.length > 0);
    for (const i of claimed) assert.ok(seen.has(i), `sample ${i} (km ${coast.samples.km[i]}) not watched`);
    // and the middle of the tour, skipped by the hop, is not claimed
    const plain = model.template({ ...r, hop: undefined })!;
    assert.ok(tpl.coverList.length > plain.coverList.length);
  });

  it('a schedule flying it passes verify, revisit figures recomputed from the file', () => {
    const run = scheduleRun(ctx, {
      start: START,
      days: 2,
      budget: 1,
      lattice: false,
      candidates: [{ name: 'hop', rotations: [r] }],
    });
    const sch = run.schedule;
    const file = parsePlanGeoJSON(JSON.parse(JSON.stringify(scheduleToGeoJSON(sch))), 'schedule');
    assert.deepEqual(verifyPlan(s, file), []);
    const again = recomputeRevisit(coast, sch.plan.sorties, s.aircraft, sch.figures.horizonH);
    assert.ok(sch.figures.worstRevisitH !== null && again.worstH !== null);
    assert.ok(Math.abs(again.worstH - sch.figures.worstRevisitH) <= 0.01 * sch.figures.worstRevisitH + 1e-9);
  });
});
