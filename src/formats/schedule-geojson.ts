/**
 * Schedules to their GeoJSON file form (docs/formats.md): the plan file, each sortie with `tail`, `takeoff`
 * and `landing`, and a summary that adds the horizon, the revisit figures, the lower bounds on the worst
 * revisit, the fleet flown, and per-airframe and per-stretch figures.
 */
import type { Schedule } from '../domain/schedule.js';
import { type PlanFeatureCollection, planToGeoJSON } from './plan-geojson.js';

export function scheduleToGeoJSON(s: Schedule): PlanFeatureCollection {
  const f = s.figures;
  const fc = planToGeoJSON(s.plan, {
    start: f.start,
    horizonH: f.horizonH,
    worstRevisitH: f.worstRevisitH,
    meanRevisitH: f.meanRevisitH,
    neverSeenKm: f.neverSeenKm,
    ...(f.priorities ? { priorities: f.priorities } : {}),
    revisitBoundH: f.bestBound?.hours ?? null,
    revisitBounds: f.bounds,
    fleet: f.fleet,
    airframes: f.airframes,
    stretches: f.stretches,
    strategy: f.strategy,
  });
  return fc;
}
