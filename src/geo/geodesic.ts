/**
 * WGS84 geodesics through GeographicLib: every distance coastwatch reports comes from here.
 * Inputs and outputs are `[lon, lat]` and kilometres.
 */
// CommonJS package: Node's named-export detection does not see through its minified build
import geographiclib from 'geographiclib-geodesic';
import type { LonLat } from './lonlat.js';
import { MEAN_RADIUS_KM } from './wgs84.js';

const { Geodesic } = geographiclib;
const WGS84 = Geodesic.WGS84;
const DIST = Geodesic.DISTANCE;
const DIST_AZI = Geodesic.DISTANCE | Geodesic.AZIMUTH;
const LINE_CAPS = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.AZIMUTH | Geodesic.DISTANCE_IN;

/** Geodesic distance in km. */
export function distanceKm(a: LonLat, b: LonLat): number {
  return (WGS84.Inverse(a[1], a[0], b[1], b[0], DIST).s12 as number) / 1000;
}

/** Distance (km) and azimuths (degrees clockwise from north) at both ends. */
export function inverse(a: LonLat, b: LonLat): { km: number; azi1: number; azi2: number } {
  const r = WGS84.Inverse(a[1], a[0], b[1], b[0], DIST_AZI);
  return { km: (r.s12 as number) / 1000, azi1: r.azi1 as number, azi2: r.azi2 as number };
}

/** The point `km` from `a` along azimuth `azimuthDeg`. */
export function destination(a: LonLat, azimuthDeg: number, km: number): LonLat {
  const r = WGS84.Direct(a[1], a[0], azimuthDeg, km * 1000) as { lat2: number; lon2: number };
  return [r.lon2, r.lat2];
}

/** Length in km of a polyline whose legs are geodesics. */
export function lineLengthKm(coords: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 1; i < coords.length; i++) sum += distanceKm(coords[i - 1], coords[i]);
  return sum;
}

/**
 * Points along the geodesic a->b, at most `stepKm` apart, including both ends.
 * Used to turn long legs into pieces short enough to treat as straight in a local frame.
 */
export function densifyGeodesic(a: LonLat, b: LonLat, stepKm: number): LonLat[] {
  const line = WGS84.InverseLine(a[1], a[0], b[1], b[0], LINE_CAPS);
  const total = line.s13 / 1000;
  const n = Math.max(1, Math.ceil(total / stepKm));
  const out: LonLat[] = [a];
  for (let i = 1; i < n; i++) {
    const p = line.Position((line.s13 * i) / n, Geodesic.LATITUDE | Geodesic.LONGITUDE);
    out.push([p.lon2 as number, p.lat2 as number]);
  }
  out.push(b);
  return out;
}

/**
 * densifyGeodesic's points one at a time (`at(i)`, i from 0 to n), so that a caller that stops at the first
 * bad piece does not compute the rest: the same points, the same arithmetic.
 */
export function geodesicSteps(a: LonLat, b: LonLat, stepKm: number): { n: number; at(i: number): LonLat } {
  const line = WGS84.InverseLine(a[1], a[0], b[1], b[0], LINE_CAPS);
  const n = Math.max(1, Math.ceil(line.s13 / 1000 / stepKm));
  return {
    n,
    at(i: number): LonLat {
      if (i <= 0) return a;
      if (i >= n) return b;
      const p = line.Position((line.s13 * i) / n, Geodesic.LATITUDE | Geodesic.LONGITUDE);
      return [p.lon2 as number, p.lat2 as number];
    },
  };
}

/** The point a fraction `t` of the way along the geodesic a->b. */
export function interpolate(a: LonLat, b: LonLat, t: number): LonLat {
  const line = WGS84.InverseLine(a[1], a[0], b[1], b[0], LINE_CAPS);
  const p = line.Position(line.s13 * t, Geodesic.LATITUDE | Geodesic.LONGITUDE);
  return [p.lon2 as number, p.lat2 as number];
}

/**
 * Exact distance (km) from point p to the geodesic segment a-b, and where along it (km from a) it is closest.
 * Newton's method along the geodesic: the rate of change of the distance to p as one moves along the line is
 * -cos(angle between the line and the direction to p), which is exact on the ellipsoid. A handful of steps
 * reach millimetres for segments of any length the planner makes.
 */
export function pointToSegmentKm(p: LonLat, a: LonLat, b: LonLat): { km: number; alongKm: number } {
  const line = WGS84.InverseLine(a[1], a[0], b[1], b[0], LINE_CAPS);
  const L = line.s13;
  if (L < 1e-3) return { km: distanceKm(p, a), alongKm: 0 };
  let s = 0;
  // start from the end closer in azimuth terms: project with the azimuth at a
  const ra = WGS84.Inverse(a[1], a[0], p[1], p[0], DIST_AZI);
  s = (ra.s12 as number) * Math.cos(((ra.azi1 as number) - line.azi1) * (Math.PI / 180));
  s = Math.min(L, Math.max(0, s));
  let best = Infinity;
  let bestS = 0;
  for (let iter = 0; iter < 20; iter++) {
    const pos = line.Position(s, Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.AZIMUTH);
    const r = WGS84.Inverse(pos.lat2 as number, pos.lon2 as number, p[1], p[0], DIST_AZI);
    const d = r.s12 as number;
    if (d < best) {
      best = d;
      bestS = s;
    }
    const step = d * Math.cos(((r.azi1 as number) - (pos.azi2 as number)) * (Math.PI / 180));
    const next = Math.min(L, Math.max(0, s + step));
    if (Math.abs(next - s) < 1e-3) break;
    s = next;
  }
  // the ends are candidates too (Newton may stop at a clamp)
  const da = distanceKm(p, a) * 1000;
  const db = distanceKm(p, b) * 1000;
  if (da < best) {
    best = da;
    bestS = 0;
  }
  if (db < best) {
    best = db;
    bestS = L;
  }
  return { km: best / 1000, alongKm: bestS / 1000 };
}

/**
 * Great-circle distance (km) on the mean sphere: within 0.6% of the WGS84 geodesic, for cheap bounds that keep
 * a margin wider than that (what lies beyond a base's reach); never for anything reported.
 */
export function sphereKm(a: LonLat, b: LonLat): number {
  const R = Math.PI / 180;
  const h =
    Math.sin(((b[1] - a[1]) * R) / 2) ** 2 +
    Math.cos(a[1] * R) * Math.cos(b[1] * R) * Math.sin(((b[0] - a[0]) * R) / 2) ** 2;
  return 2 * MEAN_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Knots to km/h. */
export const KM_PER_NM = 1.852;

/**
 * Points along the great circle a->b on a sphere, at most `stepKm` apart: within a few tens of metres of the
 * WGS84 geodesic for legs of a few hundred km, and ~20x cheaper than densifyGeodesic. For the planner's
 * searches, which keep margins wider than that; anything reported is measured with GeographicLib.
 */
export function densifyFast(a: LonLat, b: LonLat, stepKm: number): LonLat[] {
  const R = Math.PI / 180;
  const f1 = a[1] * R;
  const l1 = a[0] * R;
  const f2 = b[1] * R;
  const l2 = b[0] * R;
  const ax = Math.cos(f1) * Math.cos(l1);
  const ay = Math.cos(f1) * Math.sin(l1);
  const az = Math.sin(f1);
  const bx = Math.cos(f2) * Math.cos(l2);
  const by = Math.cos(f2) * Math.sin(l2);
  const bz = Math.sin(f2);
  const dotp = Math.min(1, Math.max(-1, ax * bx + ay * by + az * bz));
  const omega = Math.acos(dotp);
  const n = Math.max(1, Math.ceil((omega * MEAN_RADIUS_KM) / stepKm));
  const out: LonLat[] = [a];
  if (omega < 1e-12) {
    out.push(b);
    return out;
  }
  const so = Math.sin(omega);
  for (let i = 1; i < n; i++) {
    const t = i / n;
    const wa = Math.sin((1 - t) * omega) / so;
    const wb = Math.sin(t * omega) / so;
    const x = wa * ax + wb * bx;
    const y = wa * ay + wb * by;
    const z = wa * az + wb * bz;
    out.push([Math.atan2(y, x) / R, Math.atan2(z, Math.hypot(x, y)) / R]);
  }
  out.push(b);
  return out;
}
