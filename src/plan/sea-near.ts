/**
 * Whether any point outside the standoff band (and outside the no-fly areas, at sea) lies within a distance of a
 * coast point: the fact behind the gap reason "no point at sea outside the band lies within the sensor range".
 * The planner's own searches keep margins (viewpoint rings inside the range, a keep distance beyond the band), so
 * a sliver just outside them can exist; this looks for it, exactly up to `toleranceKm`, before the reason is
 * written.
 */
import { kxAt, kyAt } from '../geo/frame.js';
import { distanceKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import type { FreeSpace } from './free-space.js';

export interface SeaNearOptions {
  /** How far beyond the standoff a point must be to count (km, default 0). */
  beyondKm?: number;
  /** Cells smaller than this (km) are not split further: a point that near the band's edge is not looked for. */
  toleranceKm?: number;
  /** Clearance checks at most (the search gives up, returning null, beyond it). */
  maxChecks?: number;
}

export interface SeaNear {
  /** A point found, or null. */
  point: LonLat | null;
  /** Whether the search ran to the end (false: it stopped at `maxChecks`, and null proves nothing). */
  complete: boolean;
}

/**
 * A point within `rangeKm` of `p`, at least the standoff (+ `beyondKm`) from the coast, at sea and outside every no-fly area, or
 * null when none is farther than `toleranceKm` inside both. Branch and bound over square cells: the distance to
 * the coast changes no faster than the distance moved, so a cell whose centre lacks more clearance than its half
 * diagonal holds no such point; nor does a cell wholly on land.
 */
export function seaPointNear(
  p: LonLat,
  rangeKm: number,
  free: FreeSpace,
  opts: SeaNearOptions = {},
): SeaNear {
  if (free.standoffKm <= 0) return { point: null, complete: true };
  const S = free.standoffKm + (opts.beyondKm ?? 0);
  if (rangeKm <= S) return { point: null, complete: true };
  const tol = opts.toleranceKm ?? 0.05;
  let checks = opts.maxChecks ?? 20_000;
  const [dLon, dLat] = [1 / kxAt(p[1]), 1 / kyAt(p[1])];
  // cells as [east km, north km, size km] in a local frame round p (the frame's error is far below the tolerance
  // at these distances; every point is measured on the ellipsoid)
  const at = (x: number, y: number): LonLat => [p[0] + x * dLon, p[1] + y * dLat];
  const size0 = 8;
  const n0 = Math.ceil((2 * rangeKm) / size0);
  const stack: [number, number, number][] = [];
  for (let i = 0; i < n0; i++)
    for (let j = 0; j < n0; j++)
      stack.push([-rangeKm + (i + 0.5) * size0, -rangeKm + (j + 0.5) * size0, size0]);
  while (stack.length > 0 && checks > 0) {
    const [x, y, s] = stack.pop()!;
    const half = (s / 2) * Math.SQRT2 * 1.05;
    const q = at(x, y);
    const r = distanceKm(p, q);
    if (r - half > rangeKm) continue;
    checks--;
    const c = free.clearance(q, S + half + 1);
    if (c + half < S) continue;
    if (c >= S && r <= rangeKm && free.atSea(q) && !free.inNoFly(q)) return { point: q, complete: true };
    if (s / 2 < tol) continue;
    const land = free.anyLand;
    if (land?.contains(q) && land.edges.clearance(q, half + 0.01) >= half) continue;
    const h = s / 4;
    stack.push([x - h, y - h, s / 2], [x + h, y - h, s / 2], [x - h, y + h, s / 2], [x + h, y + h, s / 2]);
  }
  return { point: null, complete: stack.length === 0 };
}
