import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
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
import { repoRoot } from './support/golden.js';
import { island, scenarioFor, zigzagCoast } from './support/synthetic.js';

const START = '2026-12-01T00:00:00Z';

function run(s: Scenario, days: number, counts?: Record<string, number>): Schedule {
  const ctx = scheduleContext(s, buildCoastModel(s.coast.lines, s.sampleKm));
  return scheduleWith(ctx, { start: START, days, counts, budget: 300 });
}

/** The schedule as the file has it, read back and verified: every plan and schedule rule. */
function verifyFile(s: Scenario, sch: Schedule): void {
  const file = parsePlanGeoJSON(JSON.parse(JSON.stringify(scheduleToGeoJSON(sch))), 'schedule');
  const v = verifyPlan(s, file);
  assert.deepEqual(v, [], `verify found: ${JSON.stringify(v.slice(0, 3))}`);
}

function checkTimes(s: Scenario, sch: Schedule): void {
  const H = sch.figures.horizonH * 3.6e6;
  const byTail = new Map<string, [number, number][]>();
  for (const x of sch.plan.sorties) {
    const t0 = Date.parse(x.takeoff!);
    const t1 = Date.parse(x.landing!);
    assert.ok(Math.abs((t1 - t0) / 3.6e6 - x.durationH) < 1 / 60, 'landing - takeoff is the flight time');
    assert.ok(t0 >= Date.parse(START) && t0 < Date.parse(START) + H, 'takeoffs lie in the horizon');
    byTail.set(x.tail!, [...(byTail.get(x.tail!) ?? []), [t0, t1]]);
  }
  for (const [tail, list] of byTail) {
    const type = s.aircraft.find((a) => tail.startsWith(`${a.name}#`))!;
    list.sort((a, b) => a[0] - b[0]);
    // consecutive sorties, and the last round to the first (the schedule repeats)
    for (let i = 0; i < list.length; i++) {
      const next = i + 1 < list.length ? list[i + 1][0] : list[0][0] + H;
      const ground = (next - list[i][1]) / 3.6e6;
      assert.ok(
        ground >= type.turnaroundH - 1e-9,
        `${tail}: ${ground} h on the ground, turnaround ${type.turnaroundH} h`,
      );
    }
  }
}

describe('schedule', () => {
  it('property: sorties never overlap, keep the turnaround, pass verify, and the revisit figures recompute', () => {
    fc.assert(
      fc.property(
        fc.record({
          length: fc.integer({ min: 150, max: 700 }),
          amp: fc.integer({ min: 0, max: 20 }),
          baseOff: fc.integer({ min: 40, max: 250 }),
          count: fc.integer({ min: 1, max: 3 }),
          days: fc.integer({ min: 1, max: 3 }),
          endurance: fc.integer({ min: 4, max: 12 }),
          islandToo: fc.boolean(),
        }),
        (p) => {
          const lines = [zigzagCoast([12, 33], p.length, p.amp, 70)];
          if (p.islandToo) lines.push(island([13, 33.9], 8));
          const s = scenarioFor(lines, {
            base: [12.5, 33 + p.baseOff / 111],
            enduranceH: p.endurance,
            sampleKm: 3,
          });
          s.aircraft[0].count = p.count;
          const sch = run(s, p.days);
          checkTimes(s, sch);
          verifyFile(s, sch);
          const coast = buildCoastModel(s.coast.lines, s.sampleKm);
          const r = recomputeRevisit(coast, sch.plan.sorties, s.aircraft, sch.figures.horizonH);
          const w = sch.figures.worstRevisitH;
          if (w === null) assert.equal(r.worstH, null);
          else {
            assert.ok(Math.abs((r.worstH ?? Infinity) - w) < 1 / 60, `worst ${w} vs recomputed ${r.worstH}`);
            assert.ok(Math.abs((r.meanH ?? Infinity) - (sch.figures.meanRevisitH ?? 0)) < 1 / 60);
            // no schedule beats a lower bound, this one included
            assert.ok(
              w >= (sch.figures.bestBound?.hours ?? 0) - 1e-9,
              `worst ${w} below bound ${sch.figures.bestBound?.hours}`,
            );
          }
        },
      ),
      { numRuns: 6, seed: 4 },
    );
  });

  it('one airframe: its turnaround shows as a gap no shorter than the duty bound', () => {
    const s = scenarioFor([zigzagCoast([12, 33], 300, 5, 80)], { base: [13, 34.2], sampleKm: 2 });
    s.aircraft[0].count = 1;
    const sch = run(s, 2);
    verifyFile(s, sch);
    const duty = sch.figures.bounds.find((b) => b.name === 'duty')!;
    // one airframe cannot watch anything while it turns round on the ground
    assert.ok(duty.hours >= s.aircraft[0].turnaroundH);
    assert.ok((sch.figures.worstRevisitH ?? 0) >= duty.hours);
    assert.equal(sch.figures.airframes.length, 1);
    assert.ok(sch.figures.airframes[0].sorties > 0);
  });

  it('a type that reaches nothing flies nothing and says why; the rest of the fleet still flies', () => {
    const s = scenarioFor([zigzagCoast([12, 33], 300, 5, 80)], { base: [13, 34.2], sampleKm: 2 });
    s.bases.push({ name: 'Far', position: [20, 40] });
    s.aircraft.push({
      ...s.aircraft[0],
      name: 'Short legs',
      base: 'Far',
      count: 2,
      enduranceH: 2,
      reserveH: 0.5,
    });
    const sch = run(s, 2);
    verifyFile(s, sch);
    const idle = sch.figures.airframes.filter((a) => a.aircraft === 'Short legs');
    assert.equal(idle.length, 2);
    for (const a of idle) {
      assert.equal(a.sorties, 0);
      assert.match(a.note ?? '', /reaches no coast/);
    }
    assert.ok(sch.plan.sorties.length > 0);
  });

  it('a fleet that reaches nothing gives an empty schedule with the whole coast as a gap, not a crash', () => {
    const s = scenarioFor([zigzagCoast([12, 33], 300, 5, 80)], {
      base: [20, 40],
      enduranceH: 2,
      sampleKm: 2,
    });
    const sch = run(s, 1);
    assert.equal(sch.plan.sorties.length, 0);
    assert.equal(sch.figures.worstRevisitH, null);
    assert.equal(sch.figures.bestBound, null);
    assert.equal(sch.plan.gaps.length, 1);
    assert.match(sch.plan.gaps[0].reason, /beyond reach|no route|no point/);
    verifyFile(s, sch);
    // and with every airframe counted out
    const none = run(s, 1, { Patrol: 0 });
    assert.equal(none.plan.sorties.length, 0);
    assert.match(none.plan.gaps[0].reason, /no airframe/);
  });

  it('refuses an unknown type in --count, naming the known ones', () => {
    const s = scenarioFor([zigzagCoast([12, 33], 200, 5, 80)], { base: [13, 34] });
    assert.throws(
      () => run(s, 1, { Glider: 2 }),
      (e: Error & { kind?: string }) => e.kind === 'input' && /"Patrol"/.test(e.message),
    );
    assert.throws(
      () => run(s, 1, { Patrol: -1 }),
      (e: Error & { kind?: string }) => e.kind === 'input',
    );
  });
});

describe('coastwatch schedule (CLI)', () => {
  const root = repoRoot();
  const main = join(root, 'dist', 'src', 'cli', 'main.js');
  const libya = join(root, 'scenarios', 'libya-pantelleria.json');
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', cwd: root });

  it('--count with an unknown type exits 2 and names the known types', () => {
    const r = cli('schedule', libya, '--count', 'Glider=2', '--days', '1');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /"Turboprop ISR", "MALE UAV"/);
    const bad = cli('schedule', libya, '--count', 'Turboprop ISR', '--days', '1');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /TYPE=N/);
  });

  it('--count overrides the fleet and --json prints the summary', () => {
    const r = cli(
      'schedule',
      libya,
      '--count',
      'turboprop isr=1',
      '--count',
      'MALE UAV=0',
      '--days',
      '2',
      '--json',
      '--out',
      join(root, 'dist', 'cli-test.schedule.geojson'),
    );
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.fleet, { 'Turboprop ISR': 1, 'MALE UAV': 0 });
    assert.equal(j.horizonH, 48);
    assert.ok(j.worstRevisitH >= j.revisitBoundH);
    const v = cli('verify', libya, join(root, 'dist', 'cli-test.schedule.geojson'));
    assert.equal(v.status, 0, v.stdout);
  });

  it('--sweep prints worst revisit and bound per fleet size', () => {
    const r = cli('schedule', libya, '--sweep', 'MALE UAV=0..1', '--days', '1');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /MALE UAV\s+worst revisit h\s+mean h\s+bound h\s+ratio/);
    assert.equal(
      r.stdout
        .trim()
        .split('\n')
        .filter((l) => /^\s*[01]\s/.test(l)).length,
      2,
    );
    const j = cli('schedule', libya, '--sweep', 'MALE UAV=1..2', '--days', '1', '--json');
    assert.equal(j.status, 0, j.stderr);
    const rows = JSON.parse(j.stdout).rows;
    assert.deepEqual(
      rows.map((x: { count: number }) => x.count),
      [1, 2],
    );
    const bad = cli('schedule', libya, '--sweep', 'Glider=1..2');
    assert.equal(bad.status, 2);
  });
});
