/**
 * Scheduling benchmark (issue #4): per built-in scenario and horizon (7 and 30 days), the time to schedule
 * (context with the app's land, search, exact build and bounds, in-process, scenario already loaded; wall and
 * CPU seconds, the machine being shared), the worst and mean revisit,
 * the best lower bound on the worst revisit and their ratio, and how even the revisit is along the coast (the
 * worst of the schedule's ten stretches over the median stretch's worst). Targets: 7 days < 2 s, 30 days < 10 s;
 * ratio < 2.0; Libya worst < 3.0 h; no stretch above 1.5 times the median (issue #15).
 */
import { planEnvFor } from '../src/app/land-env.js';
import { loadScenario } from '../src/app/load-scenario.js';
import { buildCoastModel } from '../src/domain/coast.js';
import { scheduleContext } from '../src/schedule/context.js';
import { scheduleWith } from '../src/schedule/scheduler.js';
import { builtInScenarios } from '../test/support/golden.js';

const h = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(2));

/** The worst stretch's worst revisit over the median stretch's (stretches with a figure): 1.0 is an even coast. */
export function stretchSpread(stretches: readonly { worstRevisitH: number | null }[]): number | null {
  const w = stretches
    .map((s) => s.worstRevisitH)
    .filter((x): x is number => x !== null)
    .sort((a, b) => a - b);
  if (w.length === 0) return null;
  const m = w.length % 2 ? w[(w.length - 1) / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2;
  return m > 0 ? w[w.length - 1] / m : null;
}

export async function bench(): Promise<void> {
  console.log('\n## schedule\n');
  console.log(
    '| scenario | days | schedule (s) | CPU (s) | sorties | worst revisit (h) | mean (h) | best bound (h) | bound | ratio | max/median stretch |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
  // the land polygons are parsed once per process: load them before the clock starts so every row is alike
  const scenarios = builtInScenarios();
  if (scenarios.length > 0) planEnvFor(await loadScenario(scenarios[0]));
  for (const path of scenarios) {
    const scenario = await loadScenario(path);
    const coast = buildCoastModel(scenario.coast.lines, scenario.sampleKm);
    const start = scenario.schedule?.start ?? '2026-12-01T00:00:00Z';
    for (const days of [7, 30]) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      // the land the app gives the planner (coastwatch schedule): the bench measures what a user gets
      const ctx = scheduleContext(scenario, coast, planEnvFor(scenario));
      const s = scheduleWith(ctx, { start, days });
      const secs = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      const cpu = (c.user + c.system) / 1e6;
      const f = s.figures;
      const b = f.bestBound;
      const ratio =
        f.worstRevisitH !== null && b && b.hours > 0 ? (f.worstRevisitH / b.hours).toFixed(2) : '-';
      console.log(
        `| ${scenario.name} | ${days} | ${secs.toFixed(2)} | ${cpu.toFixed(2)} | ${s.plan.summary.sorties} | ${h(f.worstRevisitH)} | ${h(f.meanRevisitH)} | ${h(b?.hours)} | ${b?.name ?? '-'} | ${ratio} | ${h(stretchSpread(f.stretches))} |`,
      );
    }
  }
}
