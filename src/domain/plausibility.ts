/**
 * Plausibility warnings over a resolved scenario: values the schema accepts but a user most likely did not
 * mean (minutes typed as hours, lon and lat swapped, a base in a no-fly area). They never block; the app
 * prints them once and lists them in the JSON summary as `warnings`. Pure: no files, no output.
 */
import type { LonLat } from '../geo/lonlat.js';
import { pointInPolygon } from '../geo/polyline.js';
import type { Scenario } from './scenario.js';

const KM_PER_NM = 1.852;
const EARTH_KM = 6371.0088;

/** Limits past which a figure is taken for a typing slip; docs/formats.md lists them. */
export const PLAUSIBLE = { maxEnduranceH: 40, maxSpeedKts: 600, minSpeedKts: 40 } as const;

/** Great-circle distance on the mean sphere: a screen, well within the 0.5% these warnings need. */
function sphereKm(a: LonLat, b: LonLat): number {
  const r = Math.PI / 180;
  const dLat = (b[1] - a[1]) * r;
  const dLon = (b[0] - a[0]) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Distance from p to the nearest vertex of the coast (vertices are at most a few km apart). */
function nearestVertexKm(p: LonLat, coast: readonly LonLat[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const q of coast) {
    const d = sphereKm(p, q);
    if (d < best) best = d;
  }
  return best;
}

/** At most `n` vertices spread along the coast: enough to judge distances of hundreds of km. */
function thin(coast: readonly LonLat[], n: number): LonLat[] {
  if (coast.length <= n) return [...coast];
  const step = coast.length / n;
  const out: LonLat[] = [];
  for (let i = 0; i < n; i++) out.push(coast[Math.floor(i * step)]);
  out.push(coast[coast.length - 1]);
  return out;
}

const km0 = (x: number) => Math.round(x).toLocaleString('en-US');
const fmtPos = (p: LonLat) => `[${p[0].toFixed(2)}, ${p[1].toFixed(2)}]`;

/** Positions a slip could have made of the intended one: lon/lat swapped, or a sign lost. */
function slips(p: LonLat): { what: string; at: LonLat }[] {
  const out: { what: string; at: LonLat }[] = [];
  if (Math.abs(p[0]) <= 90) out.push({ what: 'lon and lat swapped', at: [p[1], p[0]] });
  out.push({ what: 'the longitude with the wrong sign (wrong hemisphere)', at: [-p[0], p[1]] });
  out.push({ what: 'the latitude with the wrong sign (wrong hemisphere)', at: [p[0], -p[1]] });
  return out;
}

export function plausibilityWarnings(scenario: Scenario): string[] {
  const warnings: string[] = [];
  const coast = thin(
    scenario.coast.lines.flatMap((l) => l.coords),
    4000,
  );
  scenario.aircraft.forEach((a, i) => {
    const at = `aircraft[${i}]`;
    if (a.enduranceH > PLAUSIBLE.maxEnduranceH)
      warnings.push(
        `${at}.enduranceH: ${a.enduranceH} h is more than ${PLAUSIBLE.maxEnduranceH} h airborne; if it was given in minutes, it is ${+(a.enduranceH / 60).toFixed(2)} h`,
      );
    if (a.speedKts > PLAUSIBLE.maxSpeedKts)
      warnings.push(
        `${at}.speedKts: ${a.speedKts} kt is faster than ${PLAUSIBLE.maxSpeedKts} kt (a surveillance aircraft flies 100-400 kt); if it was given in km/h, it is ${Math.round(a.speedKts / KM_PER_NM)} kt`,
      );
    else if (a.speedKts < PLAUSIBLE.minSpeedKts)
      warnings.push(
        `${at}.speedKts: ${a.speedKts} kt is slower than ${PLAUSIBLE.minSpeedKts} kt; speeds are in knots (1 kt = 1.852 km/h)`,
      );
  });
  if (coast.length === 0) return warnings;

  // how far each base's aircraft can reach: out and back on usable time, plus the sensor's range
  const reachOf = (baseName: string) => {
    let r = -1;
    for (const a of scenario.aircraft)
      if (a.base === baseName)
        r = Math.max(
          r,
          (a.speedKts * KM_PER_NM * Math.max(0, a.enduranceH - a.reserveH)) / 2 + a.sensorRangeKm,
        );
    return r;
  };
  // a misplaced typed base also makes the coast look far: the coast is judged only when no such slip explains it
  let baseSlip = false;
  scenario.bases.forEach((b, i) => {
    const at = `bases[${i}] (${b.name})`;
    for (const area of scenario.noFly)
      if (pointInPolygon(b.position, area)) {
        warnings.push(
          `${at}: the base ${fmtPos(b.position)} lies inside a no-fly area: its aircraft cannot take off, so no sortie flies from it`,
        );
        break;
      }
    const reach = reachOf(b.name);
    if (reach < 0) return;
    const d = nearestVertexKm(b.position, coast);
    if (d <= reach) return;
    // an airfield looked up by ICAO code is where it is; a typed position may hold a slip
    const better = (b.icao ? [] : slips(b.position))
      .map((s) => ({ ...s, d: nearestVertexKm(s.at, coast) }))
      .filter((s) => s.d <= reach)
      .sort((x, y) => x.d - y.d)[0];
    if (better) baseSlip = true;
    warnings.push(
      `${at}: the base ${fmtPos(b.position)} is ${km0(d)} km from the nearest coast, but its aircraft reach only ${km0(reach)} km (out and back on usable endurance, plus sensor range)` +
        (better
          ? `; with ${better.what} it would be ${fmtPos(better.at)}, ${km0(better.d)} km from the coast`
          : ''),
    );
  });

  // a coast written lat,lon lies far from every base; swapped, it lies where the bases can reach
  if (scenario.coast.source.startsWith('GeoJSON') && scenario.bases.length > 0 && !baseSlip) {
    const maxReach = Math.max(...scenario.bases.map((b) => reachOf(b.name)));
    const nearest = (pts: readonly LonLat[]) =>
      Math.min(...scenario.bases.map((b) => nearestVertexKm(b.position, pts)));
    const asGiven = nearest(coast);
    if (maxReach > 0 && asGiven > maxReach && coast.every((p) => Math.abs(p[0]) <= 90)) {
      const swapped = nearest(coast.map((p): LonLat => [p[1], p[0]]));
      if (swapped <= maxReach)
        warnings.push(
          `coast: every base is at least ${km0(asGiven)} km from the coast, beyond the aircraft's reach; with each position's lon and lat swapped it would be ${km0(swapped)} km: was it written [lat, lon]? GeoJSON is [lon, lat]`,
        );
    }
  }
  return warnings;
}
