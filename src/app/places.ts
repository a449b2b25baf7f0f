/** Plausibility warnings, and names for coast stretches, for what the commands print (docs/cli.md). */
import { nearestAirport } from '../data/airports.js';
import { countryAt } from '../data/land.js';
import { type CoastModel, coastBetween } from '../domain/coast.js';
import { plausibilityWarnings } from '../domain/plausibility.js';
import type { Scenario } from '../domain/scenario.js';
import { destination } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { pointInPolygon } from '../geo/polyline.js';

export function scenarioWarnings(scenario: Scenario, _coast: CoastModel): string[] {
  return [...plausibilityWarnings(scenario), ...basesAtSea(scenario)];
}

/**
 * Bases Natural Earth puts at sea although land lies within 5 km (Rio's SBGL: Ilha do Governador is not drawn;
 * Kangerlussuaq's BGSF 0.17 km off the fjord's shore). With overflyLand "avoid" such a base may overfly no land
 * at all (the contract's rule), which shuts a base in a bay or fjord in: say so, and how to fix it.
 */
export function basesAtSea(scenario: Scenario): string[] {
  if (scenario.overflyLand !== 'avoid') return [];
  const out: string[] = [];
  scenario.bases.forEach((b, i) => {
    if (countryAt(b.position) !== undefined) return;
    const near = nearestLand(b.position, 5);
    if (!near) return;
    out.push(
      `bases[${i}] (${b.icao ?? b.name}): lies at sea on Natural Earth 1:10m, ${near.km.toFixed(1)} km off ${near.country}'s land, so with overflyLand "avoid" its sorties may overfly no land at all, not even ${near.country}'s (a base in a bay or fjord can then be shut in). If it stands on ${near.country}'s land, give it as a named point there (e.g. { "name": "${b.icao ?? b.name}", "lon": ${near.at[0].toFixed(4)}, "lat": ${near.at[1].toFixed(4)} }), or set "overflyLand": "allowed"`,
    );
  });
  return out;
}

/** The nearest land within maxKm, searched on 36 bearings every 0.1 km (a warning's estimate, not geometry). */
function nearestLand(p: LonLat, maxKm: number): { country: string; km: number; at: LonLat } | null {
  for (let d = 0.1; d <= maxKm + 1e-9; d += 0.1)
    for (let az = 0; az < 360; az += 10) {
      const q = destination(p, az, d);
      // a hair further in, so the position suggested is inside the land, not on its edge
      const inside = destination(p, az, d + 0.2);
      const c = countryAt(q);
      if (c !== undefined && countryAt(inside) === c) return { country: c, km: d, at: inside };
    }
  return null;
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
