/**
 * Situation benchmark (issue #14): the Libya scenario scheduled plainly and with the demo situation's priorities
 * (7 and 30 days, the use case in process, scenario JSON already read): time, worst revisit on each prioritised
 * stretch against its target (and the plain schedule's there), and the worst revisit elsewhere against the plain
 * schedule's. Numbers, not verdicts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ScheduleOutcome, scheduleScenario } from '../src/app/schedule.js';
import { buildCoastModel } from '../src/domain/coast.js';
import { recomputeRevisit } from '../src/verify/revisit.js';
import { repoRoot } from '../test/support/golden.js';

const h = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(2));

/** Per coast sample, the unwatched time recomputed from the schedule's sorties alone (verify's recomputation). */
function perSample(s: ScheduleOutcome): { km: Float64Array; gaps: Float64Array } {
  const model = buildCoastModel(s.scenario.coast.lines, s.scenario.sampleKm);
  const r = recomputeRevisit(
    model,
    s.schedule.plan.sorties,
    s.scenario.aircraft,
    s.schedule.figures.horizonH,
    s.schedule.plan.gaps,
  );
  return { km: model.samples.km, gaps: r.gaps };
}

/** Worst unwatched time over the samples `inside` picks (null when none is seen). */
function worstWhere(
  x: { km: Float64Array; gaps: Float64Array },
  inside: (km: number) => boolean,
): number | null {
  let w: number | null = null;
  for (let i = 0; i < x.km.length; i++)
    if (inside(x.km[i]) && !Number.isNaN(x.gaps[i])) w = Math.max(w ?? 0, x.gaps[i]);
  return w;
}

export async function bench(): Promise<void> {
  const root = repoRoot();
  const scenario = JSON.parse(readFileSync(join(root, 'scenarios', 'libya-pantelleria.json'), 'utf8'));
  const situation = JSON.parse(
    readFileSync(join(root, 'scenarios', 'libya-pantelleria.situation.json'), 'utf8'),
  );
  console.log('\n## situation\n');
  console.log(
    '| days | plain (s) | with situation (s) | stretch | target (h) | plain there (h) | achieved (h) | met | bound there (h) | worst elsewhere plain (h) | with situation (h) | factor |',
  );
  console.log('| ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
  for (const days of [7, 30]) {
    let t0 = performance.now();
    const plain = await scheduleScenario(scenario, { days });
    const plainS = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const withSit = await scheduleScenario(scenario, { days, situation });
    const sitS = (performance.now() - t0) / 1000;
    const ps = withSit.schedule.figures.priorities ?? [];
    const gp = perSample(plain);
    const gs = perSample(withSit);
    const outside = (km: number) => ps.every((p) => km < p.fromKm || km > p.toKm);
    const elsePlain = worstWhere(gp, outside);
    const elseSit = worstWhere(gs, outside);
    for (const p of ps) {
      const plainThere = worstWhere(gp, (km) => km >= p.fromKm && km <= p.toKm);
      console.log(
        `| ${days} | ${plainS.toFixed(1)} | ${sitS.toFixed(1)} | ${p.id ?? ''} km ${Math.round(p.fromKm)}-${Math.round(p.toKm)} | ${h(p.targetRevisitH)} | ${h(plainThere)} | ${h(p.achievedRevisitH)} | ${p.met ? 'yes' : 'no'} | ${h(p.boundH)} | ${h(elsePlain)} | ${h(elseSit)} | ${elsePlain && elseSit ? (elseSit / elsePlain).toFixed(2) : '-'} |`,
      );
      if (p.reason) console.log(`\n${p.id}: ${p.reason}\n`);
    }
  }
}
