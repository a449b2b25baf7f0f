/**
 * The land the planner is given: Natural Earth country polygons around the coast and the bases (as plain data:
 * the planner never reads files), and the country each base stands in.
 */
import { countryAt, landIn } from '../data/land.js';
import type { Scenario } from '../domain/scenario.js';
import { degreePadding } from '../geo/frame.js';
import { bboxOf } from '../geo/lonlat.js';
import type { PlanEnv } from '../plan/planner.js';

export function planEnvFor(scenario: Scenario): PlanEnv {
  const maxS = Math.max(...scenario.aircraft.map((a) => a.sensorRangeKm));
  // the planner's region (planner.regionOf) with room to spare
  const padKm = maxS + Math.max(150, scenario.standoffKm * 3) + 100;
  const [w, s, e, n] = bboxOf([
    ...scenario.coast.lines.flatMap((l) => l.coords),
    ...scenario.bases.map((b) => b.position),
  ]);
  const { dLon, dLat } = degreePadding(Math.min(80, Math.max(Math.abs(s), Math.abs(n))), padKm);
  const box: [number, number, number, number] = [
    Math.max(-180, w - dLon),
    Math.max(-90, s - dLat),
    Math.min(180, e + dLon),
    Math.min(90, n + dLat),
  ];
  const polygons = landIn(box).map((p) => ({ country: p.country, rings: p.rings }));
  const baseCountry: Record<string, string | undefined> = {};
  for (const b of scenario.bases) baseCountry[b.name] = countryAt(b.position);
  return { land: { polygons, baseCountry } };
}
