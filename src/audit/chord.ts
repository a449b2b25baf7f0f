/**
 * The audit's distance model: points as WGS84 Earth-centred (ECEF) vectors in km, distances as straight
 * chords between them turned into arc lengths on a sphere of the mean radius.
 *
 * Error bound (why this can decide coverage): between two points on the ellipsoid the geodesic length is
 * s = c + c^3 / (24 rho^2) + O(c^5 / rho^4), where c is the chord and rho the radius of curvature of the normal
 * section joining them. WGS84's radii of curvature lie between M(0) = 6335.44 km and N(90) = 6399.59 km; we use
 * rho0 = 6371.0088 km, so the error of arcFromChord is at most c^3 / 24 * (1 / 6335.44^2 - 1 / 6371.0088^2)
 * = 1.16e-11 c^3 km (2.5 mm at 60 km, 0.74 m at 400 km), independent of latitude. chord.test.ts checks it against
 * GeographicLib. A geodesic between two fixes runs above the chord between them by at most its sagitta,
 * L^2 / (8 * 6335.44) (1.8 mm for a 150 m segment, 49 m for 50 km), which the auditor adds to its bounds.
 */

import { MEAN_RADIUS_KM, MIN_CURVATURE_KM, WGS84_A_KM, WGS84_E2 } from '../geo/wgs84.js';

const A = WGS84_A_KM;
const E2 = WGS84_E2;
const RAD = Math.PI / 180;
/** Mean Earth radius (IUGG R1), km. */
export const RHO = MEAN_RADIUS_KM;
/** Smallest radius of curvature of WGS84 (meridian at the equator), km. */
export const RHO_MIN = MIN_CURVATURE_KM;

/** Writes the ECEF vector (km) of [lon, lat] on the ellipsoid's surface into out[k..k+2]. */
export function ecefInto(lon: number, lat: number, out: Float64Array, k: number): void {
  const f = lat * RAD;
  const l = lon * RAD;
  const sf = Math.sin(f);
  const cf = Math.cos(f);
  const n = A / Math.sqrt(1 - E2 * sf * sf);
  out[k] = n * cf * Math.cos(l);
  out[k + 1] = n * cf * Math.sin(l);
  out[k + 2] = n * (1 - E2) * sf;
}

/** Geodesic km for a chord (km), within modelErrorKm. */
export function arcFromChord(c: number): number {
  return 2 * RHO * Math.asin(Math.min(1, c / (2 * RHO)));
}

/** The chord (km) that arcFromChord turns into `s` km. */
export function chordFromArc(s: number): number {
  return 2 * RHO * Math.sin(Math.min(Math.PI / 2, s / (2 * RHO)));
}

/** Bound on |arcFromChord(chord) - geodesic| for a geodesic of `s` km, plus 1 mm for rounding. */
export function modelErrorKm(s: number): number {
  return 1.2e-11 * s * s * s + 1e-6;
}

/** How far (km) a geodesic of length `L` km can run from the chord between its ends. */
export function sagittaKm(L: number): number {
  return (L * L) / (8 * RHO_MIN);
}

/** Chord thresholds for a sensor range: within cLo a sample is surely in range, beyond cHi surely not. */
export interface RangeChords {
  rangeKm: number;
  cLo: number;
  cHi: number;
}

export function rangeChords(rangeKm: number): RangeChords {
  const e = modelErrorKm(rangeKm);
  return { rangeKm, cLo: chordFromArc(Math.max(0, rangeKm - e)), cHi: chordFromArc(rangeKm + e) };
}
