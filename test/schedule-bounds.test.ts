import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildCoastModel } from '../src/domain/coast.js';
import type { Scenario } from '../src/domain/scenario.js';
import type { Schedule } from '../src/domain/schedule.js';
import { scheduleToGeoJSON } from '../src/formats/schedule-geojson.js';
import { scheduleContext } from '../src/schedule/context.js';
import { scheduleWith } from '../src/schedule/scheduler.js';
import { parsePlanGeoJSON } from '../src/verify/plan-file.js';
import { recomputeRevisit } from '../src/verify/revisit.js';
import { verifyPlan } from '../src/verify/verify.js';
import { island, scenarioFor, zigzagCoast } from './support/synthetic.js';

const START = '2026-12-01T00:00:00Z';

function run(s: Scenario, days: number): Schedule {
  const ctx = scheduleContext(s, buildCoastModel(s.coast.lines, s.sampleKm));
  return scheduleWith(ctx, { start: START, days, budget: 200 });
}

/** Verified from the file alone, and its worst revisit recomputed from the file's sorties. */
function checked(s: Scenario, sch: Schedule): number | null {
  const file = parsePlanGeoJSON(JSON.parse(JSON.stringify(scheduleToGeoJSON(sch))), 'schedule');
  assert.deepEqual(verifyPlan(s, file), [], 'verify accepts the schedule');
  const r = recomputeRevisit(
    buildCoastModel(s.coast.lines, s.sampleKm),
    sch.plan.sorties,
    s.aircraft,
    sch.figures.horizonH,
  );
  return r.worstH;
}

describe('schedule lower bounds', () => {
  it('property: no schedule the scheduler makes beats any bound, small fleets (where `pair` applies) and one of three', () => {
    fc.assert(
      fc.property(
        fc.record({
          length: fc.integer({ min: 150, max: 900 }),
          amp: fc.integer({ min: 0, max: 20 }),
          baseAlong: fc.integer({ min: 0, max: 100 }),
          baseOff: fc.integer({ min: 40, max: 250 }),
          count: fc.integer({ min: 1, max: 3 }),
          second: fc.boolean(),
          days: fc.integer({ min: 1, max: 2 }),
          endurance: fc.integer({ min: 4, max: 12 }),
          turnaround: fc.integer({ min: 0, max: 4 }),
        }),
        (p) => {
          const s = scenarioFor([zigzagCoast([12, 33], p.length, p.amp, 70)], {
            base: [12 + ((p.baseAlong / 100) * p.length) / 93, 33 + p.baseOff / 111],
            enduranceH: p.endurance,
            sampleKm: 3,
          });
          s.aircraft[0].count = p.count;
          s.aircraft[0].turnaroundH = p.turnaround;
          if (p.second) {
            // a second type at a second base: one airframe, slower, shorter sensor
            s.bases.push({ name: 'East', position: [12 + p.length / 93, 33 + 1.2] });
            s.aircraft.push({
              ...s.aircraft[0],
              name: 'Slow',
              base: 'East',
              count: 1,
              speedKts: 150,
              sensorRangeKm: 30,
            });
          }
          const sch = run(s, p.days);
          const worst = checked(s, sch);
          if (worst === null) return;
          assert.ok(Math.abs(worst - (sch.figures.worstRevisitH ?? 0)) < 1 / 60, 'the figure recomputes');
          for (const b of sch.figures.bounds)
            assert.ok(
              worst >= b.hours - 1e-9,
              `worst ${worst} h below bound ${b.name} ${b.hours} h (${b.how})`,
            );
          assert.ok(
            sch.figures.bounds.every((b) => b.hours <= sch.figures.horizonH),
            'no bound past the horizon',
          );
        },
      ),
      { numRuns: 8, seed: 15 },
    );
  });

  it('islands far apart, three airframes: packing (watch one island, fly to the next) is printed and respected', () => {
    const s = scenarioFor(
      [island([12, 33], 12), island([15.5, 33], 12), island([13.75, 35.6], 12), island([13.75, 30.5], 12)],
      { base: [13.75, 33], sampleKm: 3, sensorKm: 30, standoffKm: 0 },
    );
    s.aircraft[0].count = 3;
    s.aircraft[0].turnaroundH = 1;
    const sch = run(s, 2);
    const worst = checked(s, sch);
    const packing = sch.figures.bounds.find((b) => b.name === 'packing')!;
    const sweep = sch.figures.bounds.find((b) => b.name === 'sweep')!;
    assert.ok(packing.hours > sweep.hours, `packing ${packing.hours} h, sweep ${sweep.hours} h`);
    assert.equal(sch.figures.bestBound?.name, 'packing');
    assert.ok((worst ?? 0) >= packing.hours, `worst ${worst} h, packing ${packing.hours} h`);
  });

  it('one airframe on a long coast: the pair bound (crossing it) is the best bound and the schedule respects it', () => {
    const s = scenarioFor([zigzagCoast([12, 33], 700, 5, 80)], { base: [15.4, 34.2], sampleKm: 3 });
    s.aircraft[0].count = 1;
    s.aircraft[0].turnaroundH = 0.5;
    const sch = run(s, 2);
    const worst = checked(s, sch);
    const pair = sch.figures.bounds.find((b) => b.name === 'pair')!;
    const duty = sch.figures.bounds.find((b) => b.name === 'duty')!;
    assert.ok(pair.hours > duty.hours, `pair ${pair.hours} h, duty ${duty.hours} h`);
    assert.equal(sch.figures.bestBound?.name, 'pair');
    assert.ok((worst ?? 0) >= pair.hours);
  });
});
