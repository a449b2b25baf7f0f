/**
 * Priorities steer the schedule (issue #14) on the built-in Libya scenario over 2 days: a 2 h target on one
 * stretch is met and verify confirms it from the file alone; a target no fleet of this size can meet gets the
 * computed reason; a false "met" claim is a violation.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { type ScheduleOutcome, scheduleScenario } from '../src/app/schedule.js';
import { verifyScenarioPlan } from '../src/app/verify.js';
import type { PriorityFigure } from '../src/domain/schedule.js';
import { parseSituation } from '../src/domain/situation.js';
import { repoRoot } from './support/golden.js';
import { tempDir } from './support/temp.js';

const root = repoRoot();
const scenario = JSON.parse(readFileSync(join(root, 'scenarios', 'libya-pantelleria.json'), 'utf8'));
const DAYS = 2;
/** The factor the worst revisit outside the targets may grow by against the plain schedule (docs/situation.md). */
const ELSEWHERE_FACTOR = 2;

const situationWith = (coastKm: [number, number], targetRevisitH: number) => ({
  version: 1,
  priorities: [{ id: 'p', coastKm: [coastKm], targetRevisitH, from: '2016-01-01T00:00:00Z', to: null }],
});

function worstOutside(s: ScheduleOutcome, from: number, to: number): number {
  // per stretch rows of the file: those wholly outside the target
  return Math.max(
    ...s.schedule.figures.stretches
      .filter((x) => x.toKm <= from || x.fromKm >= to)
      .map((x) => x.worstRevisitH ?? Number.POSITIVE_INFINITY),
  );
}

describe('schedule with a situation (Libya, 2 days)', () => {
  let plain: ScheduleOutcome;
  before(async () => {
    plain = await scheduleScenario(scenario, { days: DAYS });
  });

  it('meets a 2 h target on coast km 300-400, verified from the file alone', async () => {
    const sit = situationWith([300, 400], 2);
    const r = await scheduleScenario(scenario, { days: DAYS, situation: sit });
    const p = r.schedule.figures.priorities as PriorityFigure[];
    assert.equal(p.length, 1);
    assert.equal(p[0].id, 'p');
    assert.ok(
      p[0].achievedRevisitH !== null && p[0].achievedRevisitH <= 2,
      `achieved ${p[0].achievedRevisitH}`,
    );
    assert.equal(p[0].met, true);
    assert.equal(p[0].reason, undefined);
    // the plain schedule does not meet it: the priority is what moved it
    const plainThere = plain.schedule.figures.stretches
      .filter((x) => x.fromKm < 400 && x.toKm > 300)
      .map((x) => x.worstRevisitH ?? Infinity);
    assert.ok(Math.max(...plainThere) > 2, `plain ${plainThere}`);
    const summary = r.geojson.summary as Record<string, unknown>;
    assert.ok(typeof summary.worstTargetRatio === 'number' && summary.worstTargetRatio <= 1);
    const v = await verifyScenarioPlan(scenario, r.geojson, { situation: parseSituation(sit) });
    assert.deepEqual(v.violations, []);
    // elsewhere: within the stated factor of the plain schedule's worst revisit
    const plainWorst = plain.schedule.figures.worstRevisitH as number;
    assert.ok(
      worstOutside(r, 300, 400) <= ELSEWHERE_FACTOR * plainWorst,
      `${worstOutside(r, 300, 400)} vs plain ${plainWorst}`,
    );
    // a file that drops the priority is caught
    const dropped = structuredClone(r.geojson) as unknown as { summary: Record<string, unknown> };
    delete dropped.summary.priorities;
    const v2 = await verifyScenarioPlan(scenario, dropped, { situation: parseSituation(sit) });
    assert.ok(
      v2.violations.some((x) => x.rule === 'priority' && /not in summary.priorities/.test(x.message)),
    );
  });

  it('a 0.1 h target on the whole coast is not met, with the computed reason; a false "met" is a violation', async () => {
    const sit = situationWith([0, 1781], 0.1);
    const r = await scheduleScenario(scenario, { days: DAYS, situation: sit });
    const p = (r.schedule.figures.priorities as PriorityFigure[])[0];
    assert.equal(p.met, false);
    assert.ok(p.boundH !== null && p.boundH > 0.1, `bound ${p.boundH}`);
    assert.match(p.reason ?? '', /needs \d+ airframes of Turboprop ISR \(the fleet has 2\)/);
    assert.match(p.reason ?? '', /or \d+ airframes of MALE UAV \(the fleet has 2\) on this stretch alone/);
    const situation = parseSituation(sit);
    const v = await verifyScenarioPlan(scenario, r.geojson, { situation });
    assert.deepEqual(v.violations, []);
    const lying = structuredClone(r.geojson) as unknown as { summary: { priorities: PriorityFigure[] } };
    lying.summary.priorities[0].met = true;
    lying.summary.priorities[0].achievedRevisitH = 0.05;
    const v2 = await verifyScenarioPlan(scenario, lying, { situation });
    assert.ok(v2.violations.some((x) => x.rule === 'priority' && /claimed met/.test(x.message)));
    assert.ok(
      v2.violations.some((x) => x.rule === 'priority' && /achievedRevisitH is 0.050 h/.test(x.message)),
    );
  });

  it('refuses a priority beyond the coast, naming the field', async () => {
    await assert.rejects(
      scheduleScenario(scenario, { days: DAYS, situation: situationWith([100, 5000], 2) }),
      /priorities\[0\]\.coastKm\[0\]: ends at 5000 km, beyond the coast/,
    );
  });
});

describe('coastwatch schedule/verify --situation (CLI)', () => {
  const main = join(root, 'dist', 'src', 'cli', 'main.js');
  const libya = join(root, 'scenarios', 'libya-pantelleria.json');
  const demo = join(root, 'scenarios', 'libya-pantelleria.situation.json');
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', cwd: root });

  it('prints the priority rows, writes them to the file, and verify checks them', () => {
    const tmp = tempDir('coastwatch-sitcli-');
    try {
      const out = join(tmp.dir, 's.geojson');
      const r = cli('schedule', libya, '--days', '1', '--situation', demo, '--out', out);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /priority\s+coast km\s+target h\s+achieved h\s+bound h\s+met/);
      assert.match(r.stdout, /p1\s+500-780\s+2\.0/);
      assert.match(r.stdout, /worst ratio of revisit to target \d+\.\d\d/);
      const file = JSON.parse(readFileSync(out, 'utf8'));
      assert.equal(file.summary.priorities[0].id, 'p1');
      assert.equal(typeof file.summary.worstTargetRatio, 'number');
      const v = cli('verify', libya, out, '--situation', demo);
      assert.equal(v.status, 0, v.stdout + v.stderr);
      // the file's claim turned round: exit 2 with the priority rule, whichever way it was
      const p = file.summary.priorities[0];
      p.met = !p.met;
      writeFileSync(out, JSON.stringify(file));
      const bad = cli('verify', libya, out, '--situation', demo);
      assert.equal(bad.status, 2, bad.stdout);
      assert.match(
        bad.stdout,
        /priority( \(coast km [\d.]+\))?: priority p1 \(coast km 500\.0-780\.0, target 2 h\) is claimed (not )?met/,
      );
      // a missing situation file is refused before any work, naming it
      const none = cli(
        'schedule',
        libya,
        '--days',
        '1',
        '--situation',
        join(tmp.dir, 'missing.json'),
        '--out',
        out,
      );
      assert.equal(none.status, 2);
      assert.match(none.stderr, /situation file/);
    } finally {
      tmp.done();
    }
  });
});
