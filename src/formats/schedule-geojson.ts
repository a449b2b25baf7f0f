/**
 * Schedules to their GeoJSON file form (CONTRACT section 4): the plan file, each sortie with `tail`, `takeoff`
 * and `landing`, and a summary that adds the horizon, the revisit figures, the lower bounds on the worst
 * revisit, the fleet flown, and per-airframe and per-stretch figures.
 */
import type { Schedule } from '../domain/schedule.js';
import { type PlanFeatureCollection, planToGeoJSON } from './plan-geojson.js';

/** Numbers to 4 decimals (as the plan file), through arrays and objects. */
function rounded(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null;
  if (Array.isArray(v)) return v.map(rounded);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rounded(x)]));
  return v;
}

export function scheduleToGeoJSON(s: Schedule): PlanFeatureCollection {
  const f = s.figures;
  const fc = planToGeoJSON(
    { ...s.plan, bounds: undefined },
    {
      start: f.start,
      horizonH: f.horizonH,
      worstRevisitH: f.worstRevisitH,
      meanRevisitH: f.meanRevisitH,
      revisitBoundH: f.bestBound?.hours ?? null,
      revisitBounds: rounded(f.bounds),
      fleet: f.fleet,
      airframes: rounded(f.airframes),
      stretches: rounded(f.stretches),
      strategy: f.strategy,
    },
  );
  return fc;
}
