/** Plausibility warnings, and names for coast stretches, for what the commands print (docs/cli.md). */
import { nearestAirport } from '../data/airports.js';
import { type CoastModel, coastBetween } from '../domain/coast.js';
import { plausibilityWarnings } from '../domain/plausibility.js';
import type { Scenario } from '../domain/scenario.js';
import type { LonLat } from '../geo/lonlat.js';
import { pointInPolygon } from '../geo/polyline.js';

export function scenarioWarnings(scenario: Scenario, _coast: CoastModel): string[] {
  return plausibilityWarnings(scenario);
}

/** Names of the bases that lie inside a no-fly area (their aircraft cannot take off). */
export function basesInNoFly(scenario: Scenario): string[] {
  return scenario.bases
    .filter((b) => scenario.noFly.some((area) => pointInPolygon(b.position, area)))
    .map((b) => b.name);
}

const at = (p: LonLat) => `[${p[0].toFixed(2)}, ${p[1].toFixed(2)}]`;

/**
 * Names a coast stretch for a reader without a map: its middle as lon/lat and the nearest airfield (within
 * 150 km), e.g. `[12.08, 32.93] near Zuwara (HLZW)`; without one near, the stretch's end points.
 */
export function placeNamer(coast: CoastModel, _scenario: Scenario): (fromKm: number, toKm: number) => string {
  return (fromKm, toKm) => {
    const lines = coastBetween(coast, fromKm, Math.max(toKm, fromKm + 1e-6));
    const pts = lines.flat();
    if (pts.length === 0) return '';
    const mid = coastBetween(coast, (fromKm + toKm) / 2, (fromKm + toKm) / 2 + 1e-6).flat()[0] ?? pts[0];
    const ap = nearestAirport(mid);
    return ap ? `${at(mid)} near ${ap.name} (${ap.icao})` : `${at(pts[0])} to ${at(pts[pts.length - 1])}`;
  };
}
