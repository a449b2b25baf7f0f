/**
 * Fast local flat-frame measurements on the WGS84 ellipsoid, for hot loops.
 *
 * Around a latitude, one degree of longitude is `kx` km and one of latitude `ky` km (radii of curvature of
 * WGS84, the formulation of mapbox's cheap-ruler). Distances up to ~100 km measured this way, with the
 * scales taken at the mean latitude, agree with GeographicLib to better than 0.05% (see frame.test.ts);
 * every result that is reported or decides a rule near its threshold is confirmed with geodesic.ts.
 */
import { type LonLat, wrapLon } from './lonlat.js';
import { WGS84_A_KM, WGS84_E2 } from './wgs84.js';

const RE = WGS84_A_KM;
const E2 = WGS84_E2;
const RAD = Math.PI / 180;

/** km per degree of longitude at latitude `lat`. */
export function kxAt(lat: number): number {
  const cos = Math.cos(lat * RAD);
  const w2 = 1 / (1 - E2 * (1 - cos * cos));
  return RAD * RE * Math.sqrt(w2) * cos;
}

/** km per degree of latitude at latitude `lat`. */
export function kyAt(lat: number): number {
  const cos = Math.cos(lat * RAD);
  const w2 = 1 / (1 - E2 * (1 - cos * cos));
  return RAD * RE * Math.sqrt(w2) * w2 * (1 - E2);
}

/** Approximate distance in km, scales at the mean latitude. */
export function fastDistanceKm(a: LonLat, b: LonLat): number {
  const m = (a[1] + b[1]) / 2;
  const dx = wrapLon(b[0] - a[0]) * kxAt(m);
  const dy = (b[1] - a[1]) * kyAt(m);
  return Math.sqrt(dx * dx + dy * dy);
}

/** Same, on raw numbers (no array allocation) for the hottest loops. */
export function fastDistanceKmXY(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const m = (lat1 + lat2) / 2;
  const dx = wrapLon(lon2 - lon1) * kxAt(m);
  const dy = (lat2 - lat1) * kyAt(m);
  return Math.sqrt(dx * dx + dy * dy);
}

/**
 * Approximate distance (km) from point p to the short segment a-b (pieces of at most ~20 km, where the
 * geodesic and the straight line in the local frame part by metres). The closest point is found in a frame
 * centred on p, then measured with mean-latitude scales, which keeps the error second order.
 */
export function fastPointToSegmentKm(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const kx = kxAt(py);
  const ky = kyAt(py);
  const x1 = wrapLon(ax - px) * kx;
  const y1 = (ay - py) * ky;
  const x2 = wrapLon(bx - px) * kx;
  const y2 = (by - py) * ky;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? -(x1 * dx + y1 * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const cx = px + (x1 + t * dx) / kx;
  const cy = py + (y1 + t * dy) / ky;
  return fastDistanceKmXY(px, py, cx, cy);
}

/** A local tangent frame at an origin: lon/lat <-> km east/north, for geometry on a neighbourhood. */
export interface LocalFrame {
  readonly origin: LonLat;
  readonly kx: number;
  readonly ky: number;
  toXY(p: LonLat): [number, number];
  toLonLat(x: number, y: number): LonLat;
}

export function localFrame(origin: LonLat): LocalFrame {
  const kx = kxAt(origin[1]);
  const ky = kyAt(origin[1]);
  return {
    origin,
    kx,
    ky,
    toXY: (p) => [wrapLon(p[0] - origin[0]) * kx, (p[1] - origin[1]) * ky],
    toLonLat: (x, y) => {
      let lon = origin[0] + x / kx;
      if (lon > 180) lon -= 360;
      else if (lon < -180) lon += 360;
      return [lon, origin[1] + y / ky];
    },
  };
}

/**
 * A point `km` from `a` about bearing `azimuthDeg`, in the local frame at the mean latitude (no wrap of the
 * longitude): for a fan of candidates a search measures exactly afterwards. Its distance from `a` is right
 * within 10 m up to 100 km below 70 degrees of latitude (a test bounds it); its bearing is not (it runs a rhumb
 * line: at 60 km and 60 degrees it ends up to 0.5 km aside of the geodesic's end).
 */
export function fastDestination(a: LonLat, azimuthDeg: number, km: number): LonLat {
  const dx = km * Math.sin(azimuthDeg * RAD);
  const dy = km * Math.cos(azimuthDeg * RAD);
  const lat = a[1] + dy / kyAt(a[1] + dy / (2 * kyAt(a[1])));
  const m = (a[1] + lat) / 2;
  return [a[0] + dx / kxAt(m), lat];
}

/** Degrees of longitude and latitude that surely contain a `km` radius around latitude `lat`. */
export function degreePadding(lat: number, km: number): { dLon: number; dLat: number } {
  const dLat = (km / kyAt(0)) * 1.01; // ky is smallest at the equator
  const worstLat = Math.min(89.9, Math.abs(lat) + dLat);
  const dLon = Math.min(360, (km / kxAt(worstLat)) * 1.01);
  return { dLon, dLat };
}
