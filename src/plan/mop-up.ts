/**
 * Mop-up: what the tour's sorties leave unseen but a routed out-and-back from some base reaches.
 */
import type { Sortie } from '../domain/plan.js';
import { type AircraftType, rangeKm } from '../domain/scenario.js';
import { destination, distanceKm, inverse, lineLengthKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { joinPaths } from '../geo/polyline.js';
import type { FreeSpace } from './free-space.js';
import {
  type ClimbOut,
  type Flyer,
  originsOf,
  type PlanContext,
  planningRange,
  sortieRecord,
} from './planner.js';
import { type Tour, viewpoints } from './tour.js';

/**
 * For each sample still uncovered (in coast order), the cheapest out-and-back: from some flyer's base to the
 * viewpoint within sensor range nearest by route, and back the same way, if it fits the type's range.
 */
export function outAndBack(
  ctx: PlanContext,
  sensorKm: number,
  flyers: Flyer[],
  covered: Uint8Array,
  sorties: Sortie[],
  tour: Tour,
): void {
  const { samples } = ctx.coast;
  const S = planningRange(sensorKm);
  // out-and-backs made here, each open to one more turn point before it comes back
  const open: { at: number; f: Flyer; ex: ClimbOut; outward: LonLat[]; outKm: number; cov: Uint8Array }[] =
    [];
  const put = (at: number, a: AircraftType, path: LonLat[], cov: Uint8Array) => {
    for (let k = 0; k < samples.count; k++) if (cov[k]) covered[k] = 1;
    sorties[at] = sortieRecord(samples, at, a, path, cov);
  };
  for (let i = 0; i < samples.count; i++) {
    // what the tour sees but no sortie cut from it reaches, and what the tour could not get to from where it
    // was (a pocket another way out of the base reaches: over the base's own land)
    if (covered[i] || tour.unseen[i] === 1) continue;
    const c: LonLat = [samples.lon[i], samples.lat[i]];
    // no route is shorter than the straight line: skip what no flyer could reach even so
    const fits = (f: Flyer, ex: ClimbOut) =>
      2 * (ex.climbKm + Math.max(0, distanceKm(ex.exit, c) - S)) <= rangeKm(f.type);
    const hopeful = flyers.filter((f) => originsOf(ctx, f.type.base).some((ex) => fits(f, ex)));
    if (hopeful.length === 0) continue;
    const views = viewpoints(c, S, ctx.free);
    if (views.length === 0) continue;
    let best: { path: LonLat[]; out: LonLat[]; km: number; f: Flyer; ex: ClimbOut } | null = null;
    for (const f of hopeful)
      for (const ex of originsOf(ctx, f.type.base)) {
        if (!fits(f, ex)) continue;
        const est = views.map((v) => ctx.nav.fieldKm(ex.exit, v));
        const order = views.map((_v, k) => k).filter((k) => Number.isFinite(est[k]));
        order.sort((x, y) => est[x] - est[y]);
        // the grid's distance overstates the pulled route by a few percent at most: try the nearest few
        for (const k of order.slice(0, 3)) {
          const v = views[k];
          if (2 * (ex.climbKm + est[k]) * 0.9 > rangeKm(f.type)) break;
          const r = ctx.nav.route(ex.exit, v, { reuse: true });
          if (!r) continue;
          if (ex.overLand && !overLand(r.path, ctx.free)) continue;
          const out = joinPaths([ex.climb, r.path]);
          const km = 2 * lineLengthKm(out);
          if (km <= rangeKm(f.type) * (1 - 1e-9) && (!best || km < best.km))
            best = { path: joinPaths([out, [...out].reverse()]), out, km, f, ex };
        }
      }
    if (!best) continue;
    const a = best.f.type;
    // fewer sorties: an earlier out-and-back of the same type and way out flies on to this turn point first
    let merged = false;
    // the latest one only (samples come in coast order, so it is the nearest), and only if a straight hop fits
    const o = open.findLast((x) => x.f === best!.f && x.ex === best!.ex);
    const v = best.out[best.out.length - 1];
    if (o && o.outKm + distanceKm(o.outward[o.outward.length - 1], v) + best.km / 2 <= rangeKm(a)) {
      const last = o.outward[o.outward.length - 1];
      const hop = ctx.nav.route(last, v);
      const outward =
        hop && (!o.ex.overLand || overLand(hop.path, ctx.free)) ? joinPaths([o.outward, hop.path]) : null;
      const path = outward && joinPaths([outward, [...best.out].reverse()]);
      if (outward && path && lineLengthKm(path) <= rangeKm(a) * (1 - 1e-9)) {
        const cov = ctx.sidx.coveredBy(path, a.sensorRangeKm);
        // the old way back is dropped: keep the merge only if it still sees all it saw
        if (cov[i] && !o.cov.some((x, k) => x === 1 && cov[k] !== 1)) {
          o.cov = cov;
          o.outward = outward;
          o.outKm = lineLengthKm(outward);
          put(o.at, a, path, cov);
          merged = true;
        }
      }
    }
    if (merged) continue;
    const cov = ctx.sidx.coveredBy(best.path, a.sensorRangeKm);
    if (!cov[i]) continue;
    open.push({ at: sorties.length, f: best.f, ex: best.ex, outward: best.out, outKm: best.km / 2, cov });
    put(sorties.length, a, best.path, cov);
  }
}

/** Whether a route stays over land all along (checked every 1 km). */
function overLand(path: readonly LonLat[], free: FreeSpace): boolean {
  for (let i = 0; i + 1 < path.length; i++) {
    const L = distanceKm(path[i], path[i + 1]);
    const az = inverse(path[i], path[i + 1]).azi1;
    for (let d = 0; d <= L; d += 1) if (free.atSea(destination(path[i], az, d))) return false;
    if (free.atSea(path[i + 1])) return false;
  }
  return true;
}
