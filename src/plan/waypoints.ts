/**
 * Routes for flight tools: a sortie's vertices reduced to its turns (Douglas-Peucker on the geodesic), named
 * `S01-W03`, with leg distances and courses. With the scenario's rules a shortcut that would cut into the
 * standoff band or a no-fly area is refused and the vertex kept.
 */
import type { Waypoint } from '../domain/export.js';
import { distanceKm, inverse, pointToSegmentKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { FreeSpace } from './free-space.js';

export interface SimplifyOptions {
  /** Largest distance of a dropped vertex from the shortcut, km. Default 0.1. */
  toleranceKm?: number;
  /** Whether the geodesic leg a-b may replace the vertices between them (default: always). */
  legAllowed?: (a: LonLat, b: LonLat) => boolean;
}

/** Indices of the vertices kept, first and last always. */
export function simplifyRoute(path: readonly LonLat[], opts: SimplifyOptions = {}): number[] {
  const tol = opts.toleranceKm ?? 0.1;
  const n = path.length;
  if (n <= 2) return [...Array(n).keys()];
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  // explicit stack: long schedules' routes would recurse deep
  const stack: [number, number][] = [[0, n - 1]];
  while (stack.length) {
    const [i, j] = stack.pop()!;
    if (j - i < 2) continue;
    let worst = -1;
    let at = i + 1;
    for (let k = i + 1; k < j; k++) {
      const d = pointToSegmentKm(path[k], path[i], path[j]).km;
      if (d > worst) {
        worst = d;
        at = k;
      }
    }
    const same = path[i][0] === path[j][0] && path[i][1] === path[j][1];
    if (worst > tol || same || (opts.legAllowed && !opts.legAllowed(path[i], path[j]))) {
      keep[at] = 1;
      stack.push([i, at], [at, j]);
    }
  }
  const out: number[] = [];
  for (let k = 0; k < n; k++) if (keep[k]) out.push(k);
  return out;
}

/**
 * The scenario's rules as a leg check: at least the standoff from the coast (the exact standoff: the planner
 * keeps a margin beyond it that absorbs the 0.1 km tolerance) and out of every no-fly area.
 */
export function ruleCheck(
  coast: readonly (readonly LonLat[])[],
  standoffKm: number,
  noFly: LonLat[][][],
): (a: LonLat, b: LonLat) => boolean {
  const free = new FreeSpace(coast, standoffKm, noFly, { marginKm: 0 });
  return (a, b) => free.legFree(a, b);
}

/**
 * Waypoints of a route: names, legs, cumulative distance, course, and with `timeAt` the time over each (given
 * the km flown along the whole route to it, which the aircraft flies, not the shortcut).
 */
export function routeWaypoints(
  id: string,
  path: readonly LonLat[],
  opts: SimplifyOptions & { timeAt?: (km: number) => number } = {},
): Waypoint[] {
  const kept = simplifyRoute(path, opts);
  const width = Math.max(2, String(kept.length).length);
  let cum = 0;
  const along: number[] = [0];
  if (opts.timeAt)
    for (let i = 1; i < path.length; i++) along.push(along[i - 1] + distanceKm(path[i - 1], path[i]));
  return kept.map((k, n) => {
    const p: LonLat = [path[k][0], path[k][1]];
    let legKm = 0;
    let courseDeg: number | null = null;
    if (n > 0) {
      const r = inverse(path[kept[n - 1]], p);
      legKm = r.km;
      courseDeg = (r.azi1 + 360) % 360;
    }
    cum += legKm;
    const w: Waypoint = {
      name: `${id}-W${String(n + 1).padStart(width, '0')}`,
      position: p,
      legKm,
      cumulativeKm: cum,
      courseDeg,
    };
    if (opts.timeAt) w.time = opts.timeAt(along[k]);
    return w;
  });
}
