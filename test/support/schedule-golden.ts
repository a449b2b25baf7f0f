/**
 * The golden form of a schedule: a compact summary (figures, bounds, airframes, and one line per sortie), not
 * the whole GeoJSON, so a change shows as a readable diff. Kept in scenarios/golden/<name>.schedule.json.
 */
import { join } from 'node:path';
import type { ScheduleResult } from '../../src/app/schedule.js';
import { repoRoot } from './golden.js';

export function scheduleGoldenPath(scenarioPath: string): string {
  const name = scenarioPath
    .split('/')
    .pop()!
    .replace(/\.json$/, '');
  return join(repoRoot(), 'scenarios', 'golden', `${name}.schedule.json`);
}

const r3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

export function compactSchedule(r: ScheduleResult): Record<string, unknown> {
  const s = r.schedule.plan.summary;
  const f = r.schedule.figures;
  return {
    scenario: s.scenario,
    start: f.start,
    horizonH: f.horizonH,
    fleet: f.fleet,
    strategy: f.strategy,
    sorties: s.sorties,
    flightHours: r3(s.flightHours),
    coverage: r3(s.coverage),
    worstRevisitH: r3(f.worstRevisitH),
    meanRevisitH: r3(f.meanRevisitH),
    bounds: f.bounds.map((b) => ({ name: b.name, hours: r3(b.hours) })),
    airframes: f.airframes.map((a) => ({ tail: a.tail, sorties: a.sorties, hours: r3(a.hours) })),
    sortieList: r.schedule.plan.sorties.map(
      (x) => `${x.id} ${x.tail} ${x.takeoff} ${x.durationH.toFixed(3)} h`,
    ),
  };
}
