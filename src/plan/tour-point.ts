/** Positions and slices of a polyline by km along it (geodesic legs). */
import { interpolate } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';

function legAt(cum: readonly number[], km: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] <= km) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function pointAtKm(pts: readonly LonLat[], cum: readonly number[], km: number): LonLat {
  if (pts.length === 1 || km <= 0) return pts[0];
  if (km >= cum[cum.length - 1]) return pts[pts.length - 1];
  const i = legAt(cum, km);
  const len = cum[i + 1] - cum[i];
  if (len <= 0) return pts[i];
  const t = (km - cum[i]) / len;
  if (t <= 1e-12) return pts[i];
  return interpolate(pts[i], pts[i + 1], t);
}

/** The part of the polyline between two km marks, ends included. */
export function sliceKm(
  pts: readonly LonLat[],
  cum: readonly number[],
  fromKm: number,
  toKm: number,
): LonLat[] {
  const out: LonLat[] = [pointAtKm(pts, cum, fromKm)];
  for (let i = 0; i < pts.length; i++) if (cum[i] > fromKm + 1e-9 && cum[i] < toKm - 1e-9) out.push(pts[i]);
  const end = pointAtKm(pts, cum, toKm);
  const last = out[out.length - 1];
  if (toKm > fromKm + 1e-9 && (last[0] !== end[0] || last[1] !== end[1])) out.push(end);
  return out;
}
