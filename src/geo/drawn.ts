/**
 * Lines as GeoJSON readers draw them (docs/formats.md, "The plan file", RFC 7946): a straight line in lon/lat between
 * consecutive positions, and never across the antimeridian (section 3.1.9). `drawnLines` turns a line whose
 * legs are geodesics into such parts: each leg densified until its lon/lat chord stays within `maxOffKm` of the
 * geodesic, then cut where it crosses ±180° with the crossing point at exactly 180 and -180.
 */
import { fastDistanceKm } from './frame.js';
import { densifyGeodesic, distanceKm, interpolate, pointToSegmentKm } from './geodesic.js';
import { type LonLat, wrapLon } from './lonlat.js';
import { MIN_CURVATURE_KM, WGS84_A_KM, WGS84_E2 } from './wgs84.js';

/** The contract's bound on how far a drawn line may stray from the geodesic, km. */
export const DRAWN_OFF_KM = 0.1;
/** What our writers keep to: half the contract's bound, so legs the planner keeps just outside a band stay out. */
export const WRITE_OFF_KM = 0.05;

export interface DrawnOptions {
  /** Largest distance between a leg's geodesic and the lon/lat chords that draw it, km. Default 0.1. */
  maxOffKm?: number;
  /** Also cut legs into equal geodesic pieces no longer than this, km (readers that take long hops for data gaps). Default: no limit. */
  maxStepKm?: number;
}

/** The point a fraction t along the lon/lat chord a-b, taken the short way round (longitude in [-180, 180]). */
export function chordPoint(a: LonLat, b: LonLat, t: number): LonLat {
  let lon = a[0] + wrapLon(b[0] - a[0]) * t;
  if (lon > 180) lon -= 360;
  else if (lon < -180) lon += 360;
  return [lon, a[1] + (b[1] - a[1]) * t];
}

/** Fractions at which a chord is compared with its geodesic: its deviation is smooth, nearly a parabola. */
const PROBES = [0.25, 0.5, 0.75];

/**
 * How far the lon/lat chord a-b strays from the geodesic a-b, km, probed at a quarter, half and three quarters
 * (exact GeographicLib distances to the geodesic). For a leg whose deviation is one smooth bulge this is its
 * maximum to well under a percent; callers keep a margin.
 */
export function chordOffKm(a: LonLat, b: LonLat): number {
  let worst = 0;
  for (const t of PROBES) worst = Math.max(worst, pointToSegmentKm(chordPoint(a, b, t), a, b).km);
  return worst;
}

/**
 * A cheap estimate of chordOffKm for the many short legs of a coast: the great circle's midpoint on a sphere
 * against the chord's, in a local frame. Sphere and ellipsoid part by far less than the factor of 4 it is
 * given over the exact test below (it is used only to skip that test, never to pass a long leg).
 */
export function quickOffKm(a: LonLat, b: LonLat): number {
  if (fastDistanceKm(a, b) > 50 || Math.abs(a[1]) > 80 || Math.abs(b[1]) > 80) return Infinity;
  // the great circle's midpoint is the normalised sum of the ends' unit vectors
  const R = Math.PI / 180;
  const [x1, y1, z1] = unit(a, R);
  const [x2, y2, z2] = unit(b, R);
  const x = x1 + x2;
  const y = y1 + y2;
  const z = z1 + z2;
  const mid: LonLat = [Math.atan2(y, x) / R, Math.atan2(z, Math.hypot(x, y)) / R];
  return fastDistanceKm(mid, chordPoint(a, b, 0.5));
}

/** Largest radius of curvature on WGS84, a / sqrt(1 - e²) (the meridian at a pole), km: bounds km per radian. */
const MAX_CURVATURE_KM = WGS84_A_KM / Math.sqrt(1 - WGS84_E2);

/**
 * A proven upper bound on how far the lon/lat chord a-b strays from the geodesic a-b, km (so on chordOffKm);
 * Infinity near the poles. Tight to a few percent for legs of tens of km away from the poles, which lets
 * densifyLeg pass them without the exact test. Why it holds, in the plane x = lon, y = lat (radians):
 * - The geodesic, by arc length s over [0, L], has x' = sin α / (N cos φ), y' = cos α / M, α' = sin α tan φ / N
 *   (N, M the radii of curvature; d(N cos φ)/dφ = -M sin φ, M'(φ) = 3 M e² sin φ cos φ / W², W² = 1 - e² sin² φ), so
 *   x'' = sin 2α sin φ / (N cos φ)²  and  y'' = -sin² α tan φ / (N M) - cos² α · 3 e² sin φ cos φ / (M² W²).
 *   With N ≥ a, M ≥ a(1 - e²), W² ≥ 1 - e²: |x''| ≤ X = sin φm / (a cos φm)², |y''| ≤ Y = tan φm / (a² (1 - e²))
 *   + 3 e² sin φm / (a² (1 - e²)³), both growing with φm, a bound on |φ| along the leg: |dφ/ds| ≤ 1 / (a(1 - e²)).
 * - Take n the unit normal of the chord in the plane. e(s) = n·(γ(s) - a) vanishes at both ends and |e''| =
 *   |n·γ''| ≤ |n_x| X + |n_y| Y, so |e(s)| ≤ (|n_x| X + |n_y| Y) L² / 8. Every chord point P has some γ(s) with
 *   P - γ(s) along n (γ's place along the chord runs continuously from a to b), at most that far in the plane.
 * - That plane step is at most (a cos φlo / sqrt(1 - e²)) |n_x| + (a / sqrt(1 - e²)) |n_y| km long on the ellipsoid
 *   (N cos φ ≤ a cos φ / sqrt(1 - e²), falling with |φ| ≥ φlo; M ≤ a / sqrt(1 - e²)), and the geodesic distance
 *   is no longer than that path.
 * - L is at most the length of the chord's own path on the ellipsoid, sqrt((N cos φ)max Δx)² + (Mmax Δy)²), the
 *   geodesic being the shortest; the shortest geodesic has |Δλ| ≤ 180°, the short way round as the chord takes.
 * A relative 1e-9 and 1 mm are added for rounding (the exact test's own probes are GeographicLib distances).
 */
export function chordOffBoundKm(a: LonLat, b: LonLat): number {
  const R = Math.PI / 180;
  const dx = wrapLon(b[0] - a[0]) * R;
  const dy = (b[1] - a[1]) * R;
  const la = Math.abs(a[1]) * R;
  const lb = Math.abs(b[1]) * R;
  // the chord's own latitudes: |φ| is smallest at the end nearer the equator, or 0 where it crosses
  const chordLo = a[1] * b[1] <= 0 ? 0 : Math.min(la, lb);
  const hi = Math.max(la, lb);
  const lenKm = Math.hypot(MAX_CURVATURE_KM * Math.cos(chordLo) * dx, MAX_CURVATURE_KM * dy);
  const reach = lenKm / MIN_CURVATURE_KM;
  const phiM = hi + reach;
  if (!(phiM < (89 * Math.PI) / 180) || Math.abs(dx) >= Math.PI) return Number.POSITIVE_INFINITY;
  const phiLo = Math.max(0, Math.min(la, lb) - reach);
  const a2 = WGS84_A_KM * WGS84_A_KM;
  const q = 1 - WGS84_E2;
  const sinM = Math.sin(phiM);
  const cosM = Math.cos(phiM);
  const X = sinM / (a2 * cosM * cosM);
  const Y = Math.tan(phiM) / (a2 * q) + (3 * WGS84_E2 * sinM) / (a2 * q * q * q);
  const h = Math.hypot(dx, dy);
  if (h === 0) return 0;
  const nx = Math.abs(dy) / h;
  const ny = Math.abs(dx) / h;
  const plane = ((nx * X + ny * Y) * lenKm * lenKm) / 8;
  const kmPerRad = MAX_CURVATURE_KM * (Math.cos(phiLo) * nx + ny);
  return plane * kmPerRad * (1 + 1e-9) + 1e-6;
}

function unit(p: LonLat, R: number): [number, number, number] {
  const c = Math.cos(p[1] * R);
  return [c * Math.cos(p[0] * R), c * Math.sin(p[0] * R), Math.sin(p[1] * R)];
}

/**
 * The geodesic a-b as positions whose lon/lat chords stay within maxOffKm of it: bisected (at geodesic
 * midpoints) until each piece's chord is within 80% of the bound, which leaves room for what three probes miss.
 * Returns the positions after a, b included.
 */
function densifyLeg(a: LonLat, b: LonLat, maxOffKm: number, out: LonLat[], depth = 0): void {
  // a piece of a few km is metres from its chord anywhere but next to a pole: stop at 2^20 pieces regardless
  if (depth >= 20 || (a[0] === b[0] && a[1] === b[1]) || quickOffKm(a, b) <= 0.2 * maxOffKm) {
    out.push(b);
    return;
  }
  // a proven bound within the limit passes the leg as the exact test would, at a fraction of its cost
  if (chordOffBoundKm(a, b) <= 0.8 * maxOffKm || chordOffKm(a, b) <= 0.8 * maxOffKm) {
    out.push(b);
    return;
  }
  const m = interpolate(a, b, 0.5);
  densifyLeg(a, m, maxOffKm, out, depth + 1);
  densifyLeg(m, b, maxOffKm, out, depth + 1);
}

/** densifyLeg after cutting a leg longer than maxStepKm into equal geodesic pieces. */
function densifyStepped(a: LonLat, b: LonLat, maxOffKm: number, maxStepKm: number, out: LonLat[]): void {
  if (!(maxStepKm < Infinity) || distanceKm(a, b) <= maxStepKm) {
    densifyLeg(a, b, maxOffKm, out);
    return;
  }
  const pieces = densifyGeodesic(a, b, maxStepKm);
  for (let k = 1; k < pieces.length; k++) densifyLeg(pieces[k - 1], pieces[k], maxOffKm, out);
}

/** The line with its geodesic legs densified so that every lon/lat chord is within maxOffKm of its geodesic. */
export function densifyForDrawing(coords: readonly LonLat[], opts: DrawnOptions = {}): LonLat[] {
  const maxOff = opts.maxOffKm ?? DRAWN_OFF_KM;
  const maxStep = opts.maxStepKm ?? Infinity;
  if (coords.length === 0) return [];
  const out: LonLat[] = [coords[0]];
  for (let i = 1; i < coords.length; i++) densifyStepped(coords[i - 1], coords[i], maxOff, maxStep, out);
  return out;
}

/**
 * The line cut where its chords (taken the short way round) cross the antimeridian: one part per side, each
 * ending or starting at exactly 180 or -180, the crossing latitude interpolated along the chord. A line that
 * never crosses comes back as one part (a copy).
 */
export function splitAtAntimeridian(coords: readonly LonLat[]): LonLat[][] {
  return splitWithValues(coords).parts;
}

/**
 * splitAtAntimeridian carrying a number per vertex (a time): a crossing point gets the value interpolated at its
 * place along its chord.
 */
export function splitWithValues(
  coords: readonly LonLat[],
  values?: readonly number[],
): { parts: LonLat[][]; values: number[][] } {
  const vals: number[][] = [];
  let curV: number[] = [];
  const v = (i: number) => (values ? values[i] : Number.NaN);
  if (coords.length === 0) return { parts: [], values: [] };
  // longitudes unwrapped into one continuous run; `sheet` k means X - 360k is the written longitude
  const X: number[] = [coords[0][0]];
  for (let i = 1; i < coords.length; i++) X.push(X[i - 1] + wrapLon(coords[i][0] - coords[i - 1][0]));
  const parts: LonLat[][] = [];
  let cur: LonLat[] | null = null;
  let sheet = Math.round(X[0] / 360);
  // a vertex keeps its own longitude (no arithmetic noise), but ±180 takes the side of the part it ends or starts
  const put = (x: number, y: number, k: number, orig?: number): LonLat => {
    const v = x - 360 * k;
    if (orig === undefined) return [v, y];
    return [Math.abs(orig) === 180 ? (v > 0 ? 180 : -180) : orig, y];
  };
  if (coords.length === 1) return { parts: [[[coords[0][0], coords[0][1]]]], values: [[v(0)]] };
  for (let i = 0; i + 1 < coords.length; i++) {
    const xa = X[i];
    const xb = X[i + 1];
    const ya = coords[i][1];
    const yb = coords[i + 1][1];
    // cut points strictly inside the chord, in its order
    const cuts: { t: number; x: number; orig?: number }[] = [];
    if (xa !== xb) {
      const lo = Math.min(xa, xb);
      const hi = Math.max(xa, xb);
      for (let k = Math.ceil((lo - 180) / 360); 180 + 360 * k <= hi; k++) {
        const x = 180 + 360 * k;
        if (x > lo && x < hi) cuts.push({ t: (x - xa) / (xb - xa), x });
      }
      cuts.sort((p, q) => p.t - q.t);
    }
    cuts.push({ t: 1, x: xb, orig: coords[i + 1][0] });
    let x0 = xa;
    let y0 = ya;
    let o0: number | undefined = coords[i][0];
    let v0 = v(i);
    for (const c of cuts) {
      const x1 = c.x;
      const y1 = c.t === 1 ? yb : ya + (yb - ya) * c.t;
      const v1 = c.t === 1 ? v(i + 1) : v(i) + (v(i + 1) - v(i)) * c.t;
      // a piece lies on one sheet: the one holding its middle (a repeated vertex keeps the current one)
      const k = x1 === x0 ? sheet : Math.round((x0 + x1) / 2 / 360);
      if (!cur || k !== sheet) {
        if (cur) {
          parts.push(cur);
          vals.push(curV);
        }
        sheet = k;
        cur = [put(x0, y0, k, o0)];
        curV = [v0];
      }
      cur.push(put(x1, y1, k, c.orig));
      curV.push(v1);
      x0 = x1;
      y0 = y1;
      o0 = c.orig;
      v0 = v1;
    }
  }
  if (cur) {
    parts.push(cur);
    vals.push(curV);
  }
  return { parts, values: vals };
}

/** A line of geodesic legs as the parts a GeoJSON reader draws right: densified, then split at ±180°. */
export function drawnLines(coords: readonly LonLat[], opts: DrawnOptions = {}): LonLat[][] {
  return splitAtAntimeridian(densifyForDrawing(coords, opts));
}

/**
 * Parts split at the antimeridian joined back into lines: a part that ends at ±180° where the next one starts
 * at the opposite ±180° and the same latitude continues it. Lines that do not meet so stay apart.
 */
export function rejoinAntimeridian(parts: readonly (readonly LonLat[])[]): LonLat[][] {
  const out: LonLat[][] = [];
  for (const part of parts) {
    const prev = out[out.length - 1];
    const last = prev?.[prev.length - 1];
    const first = part[0];
    if (
      prev &&
      last &&
      first &&
      Math.abs(last[0]) === 180 &&
      first[0] === -last[0] &&
      Math.abs(first[1] - last[1]) < 1e-9
    ) {
      prev.push(...part.slice(1).map((p): LonLat => [p[0], p[1]]));
      continue;
    }
    out.push(part.map((p): LonLat => [p[0], p[1]]));
  }
  return out;
}

/** The GeoJSON geometry of one line as drawn: a LineString, or a MultiLineString where it crosses ±180°. */
export function drawnGeometry(
  coords: readonly LonLat[],
  opts: DrawnOptions & { round?: (p: LonLat) => LonLat } = {},
): { type: 'LineString'; coordinates: LonLat[] } | { type: 'MultiLineString'; coordinates: LonLat[][] } {
  const round = opts.round ?? ((p: LonLat) => p);
  const parts = drawnLines(coords, opts).map((l) => l.map(round));
  return parts.length === 1
    ? { type: 'LineString', coordinates: parts[0] }
    : { type: 'MultiLineString', coordinates: parts };
}

/**
 * A flown track as drawn lines with a time per vertex (docs/formats.md, "The audit file"): legs densified as drawnLines does,
 * added vertices timed in proportion to distance along their leg (even speed between two fixes), then split at
 * the antimeridian with each crossing timed at its place. `times` in milliseconds (NaN for untimed fixes).
 * For the audit writer, part by part of a track already cut at its data gaps.
 */
export function drawnTrack(
  coords: readonly LonLat[],
  times: readonly number[],
  opts: DrawnOptions = {},
): { coords: LonLat[]; times: number[] }[] {
  const maxOff = opts.maxOffKm ?? DRAWN_OFF_KM;
  const maxStep = opts.maxStepKm ?? Infinity;
  if (coords.length === 0) return [];
  const dense: LonLat[] = [coords[0]];
  const t: number[] = [times[0]];
  for (let i = 1; i < coords.length; i++) {
    const from = dense.length;
    densifyStepped(coords[i - 1], coords[i], maxOff, maxStep, dense);
    const t0 = times[i - 1];
    const t1 = times[i];
    // the leg's time shared by distance along it (pieces of a few km: the local frame is exact enough)
    const cum: number[] = [];
    let total = 0;
    for (let k = from; k < dense.length; k++) {
      total += fastDistanceKm(dense[k - 1], dense[k]);
      cum.push(total);
    }
    cum.forEach((c, k) => {
      t.push(k === cum.length - 1 || total === 0 ? t1 : t0 + ((t1 - t0) * c) / total);
    });
  }
  const { parts, values } = splitWithValues(dense, t);
  return parts.map((c, j) => ({ coords: c, times: values[j] }));
}
