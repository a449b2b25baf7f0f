/**
 * Where a fleet may be at all: a sortie starts and ends at its base, so no aircraft is ever farther from its base
 * than half its range, and no coast farther than that plus its sensor range is ever seen. The planner's tour settles
 * the coast beyond at once (tour.ts), and the size guard counts only the coast within (src/app/plan-limits.ts).
 */
import { type AircraftType, rangeKm, type Scenario } from '../domain/scenario.js';
import { sphereKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';

export interface Reach {
  /** Whether p may lie within `S` km (default 0) of a place some aircraft may be. */
  point(p: LonLat, S?: number): boolean;
}

/**
 * The reach of `types` (default: the whole fleet): within half the range of each one's base, measured on the
 * sphere with 1% and 1 km to spare (the sphere is within 0.6% of the ellipsoid), so never tighter than the truth.
 */
export function reachOf(scenario: Scenario, types: readonly AircraftType[] = scenario.aircraft): Reach {
  const far = new Map<string, number>();
  for (const a of types) far.set(a.base, Math.max(far.get(a.base) ?? 0, rangeKm(a) / 2));
  const at: { p: LonLat; km: number }[] = [];
  for (const [name, km] of far) {
    const b = scenario.bases.find((x) => x.name === name);
    if (b) at.push({ p: b.position, km: km * 1.01 + 1 });
  }
  return {
    point: (p, S = 0) => at.some((b) => sphereKm(b.p, p) <= b.km + S * 1.05),
  };
}

/** How many samples some type of the fleet may see: within half its range plus its sensor range of its base. */
export function samplesInReach(
  scenario: Scenario,
  samples: { count: number; lon: ArrayLike<number>; lat: ArrayLike<number> },
): number {
  const per = scenario.aircraft.map((a) => ({ r: reachOf(scenario, [a]), S: a.sensorRangeKm }));
  let n = 0;
  for (let i = 0; i < samples.count; i++) {
    const p: LonLat = [samples.lon[i], samples.lat[i]];
    if (per.some(({ r, S }) => r.point(p, S))) n++;
  }
  return n;
}
