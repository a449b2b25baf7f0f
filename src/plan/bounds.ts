/**
 * Lower bounds that no plan can beat, computed from the geometry alone, so a user can see how far a plan is
 * from the best possible. Each bound is proven in a comment (and in the README).
 */
import { distanceKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { wrapLon } from '../geo/lonlat.js';
import { WGS84_A_KM, WGS84_E2 } from '../geo/wgs84.js';

export interface BoundInput {
  /** Coast samples that must be covered (those the plan can reach). */
  points: LonLat[];
  bases: LonLat[];
  /** One per aircraft type: its base (index into bases), sensor range and longest sortie. */
  types: { base: number; sensorKm: number; rangeKm: number }[];
}

export interface Bounds {
  minSorties: number;
  minDistanceKm: number;
  notes: string[];
}

export function lowerBounds(input: BoundInput): Bounds {
  const { points, bases, types } = input;
  if (points.length === 0 || types.length === 0)
    return { minSorties: 0, minDistanceKm: 0, notes: ['nothing reachable to cover'] };
  const maxS = Math.max(...types.map((t) => t.sensorKm));
  const maxR = Math.max(...types.map((t) => t.rangeKm));
  const notes: string[] = [];

  // Distance, MST form. All sorties start and end at bases, so their union joined at the bases is connected,
  // and touches every sensor disk (radius S around each point). For points chosen > 2S apart, any curve
  // joining their disks is at least d - 2S long between two of them, and d - S from a base: a spanning tree
  // over these reduced distances (bases merged into one node) is no longer than the union. Geodesic distances
  // ignore obstacles, which only lengthen real routes.
  // Points farther apart lose less to their disks but are fewer: try a few spacings and keep the best.
  let minDistanceKm = 0;
  let bestNote = '';
  for (const f of [1, 1.25, 1.5, 2, 3, 4, 6]) {
    const picked = spreadOut(points, 2 * maxS * f, 400);
    const mst = mstWithBases(picked, bases, maxS);
    if (mst > minDistanceKm || !bestNote) {
      minDistanceKm = mst;
      bestNote = `distance >= ${mst.toFixed(0)} km: spanning tree over ${picked.length} coast points more than ${(2 * f).toFixed(1)}x sensor range apart`;
    }
  }
  notes.push(bestNote);

  // Distance, hull form: the sorties together with the shortest tree joining the bases, walked twice, make one
  // closed walk through every base that passes within S of every point; so it is at least as long as the
  // perimeter of the convex hull of points and bases, less 2*pi*S (a convex set grown by S gains exactly
  // 2*pi*S of perimeter, and perimeter grows under inclusion). Sorties alone: that, less twice the tree.
  // Measured in a stereographic plane of a sphere no larger than the ellipsoid anywhere in the region (so
  // lengths only shrink), divided by the plane's largest scale.
  const baseTree = bases.length > 1 ? mstWithBases(bases.slice(1), [bases[0]], 0) : 0;
  const hull = hullBound([...points, ...bases], maxS) - 2 * baseTree;
  if (hull > minDistanceKm) minDistanceKm = hull;
  notes.push(
    bases.length > 1
      ? `distance >= ${hull.toFixed(0)} km: convex hull of coast and bases, less 2*pi*S and twice the ${baseTree.toFixed(0)} km joining the bases`
      : `distance >= ${hull.toFixed(0)} km: convex hull of coast and base, less 2*pi*S`,
  );

  // Sorties, length form: each sortie is at most the longest range.
  const byLength = Math.ceil(minDistanceKm / maxR - 1e-9);
  // Sorties, packing form: points no single sortie of any type can see together each need a sortie.
  const packing = incompatibleSet(points, bases, types);
  notes.push(`sorties >= ${byLength}: distance bound / longest sortie (${maxR.toFixed(0)} km)`);
  notes.push(`sorties >= ${packing}: coast points no single sortie can see together`);
  // Sorties, one-sortie test: a single sortie is one closed walk from its type's base, so the hull bound
  // with that base and that type's sensor range applies to it; if it exceeds the type's range for every
  // type, one sortie cannot do it.
  let minSorties = Math.max(byLength, packing, 1);
  if (minSorties === 1) {
    // the same two lower bounds as for distance, for one closed walk from that type's base with its sensor
    const oneWalk = (t: BoundInput['types'][number]): number => {
      let best = hullBound([...points, bases[t.base]], t.sensorKm);
      for (const f of [1, 1.5, 2, 3, 4])
        best = Math.max(
          best,
          mstWithBases(spreadOut(points, 2 * t.sensorKm * f, 400), [bases[t.base]], t.sensorKm),
        );
      return best;
    };
    const alone = types.every((t) => oneWalk(t) > t.rangeKm);
    if (alone) {
      minSorties = 2;
      notes.push(
        'sorties >= 2: for every type, one closed walk from its base covering the coast is longer than its range',
      );
    }
  }
  return { minSorties, minDistanceKm, notes };
}

/** Greedy subset, in coast order, whose members are pairwise more than `gapKm` apart (at most `cap`). */
function spreadOut(points: LonLat[], gapKm: number, cap: number): LonLat[] {
  const out: LonLat[] = [];
  const step = Math.max(1, Math.floor(points.length / 4000));
  for (let i = 0; i < points.length && out.length < cap; i += step) {
    const p = points[i];
    if (out.every((q) => distanceKm(p, q) > gapKm)) out.push(p);
  }
  return out;
}

function mstWithBases(pts: LonLat[], bases: LonLat[], S: number): number {
  // Prim's algorithm; node 0 is all bases merged
  const n = pts.length;
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n);
  for (let i = 0; i < n; i++) best[i] = Math.max(0, Math.min(...bases.map((b) => distanceKm(b, pts[i]))) - S);
  let total = 0;
  for (let it = 0; it < n; it++) {
    let k = -1;
    for (let i = 0; i < n; i++) if (!inTree[i] && (k < 0 || best[i] < best[k])) k = i;
    inTree[k] = 1;
    total += best[k];
    for (let i = 0; i < n; i++) {
      if (inTree[i]) continue;
      const w = Math.max(0, distanceKm(pts[k], pts[i]) - 2 * S);
      if (w < best[i]) best[i] = w;
    }
  }
  return total;
}

const A = WGS84_A_KM;
const E2 = WGS84_E2;

function hullBound(pts: LonLat[], S: number): number {
  let minAbsLat = 90;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  const ref = pts[0][0];
  for (const [lon, lat] of pts) {
    minAbsLat = Math.min(minAbsLat, Math.abs(lat));
    const l = ((ref + wrapLon(lon - ref)) * Math.PI) / 180;
    const f = (lat * Math.PI) / 180;
    sx += Math.cos(f) * Math.cos(l);
    sy += Math.cos(f) * Math.sin(l);
    sz += Math.sin(f);
  }
  // the meridional radius of curvature is the smallest radius anywhere: a sphere of it never lengthens paths
  const s = Math.sin((minAbsLat * Math.PI) / 180);
  const R = (A * (1 - E2)) / (1 - E2 * s * s) ** 1.5;
  const norm = Math.hypot(sx, sy, sz);
  const c = [sx / norm, sy / norm, sz / norm];
  // tangent basis at the centre
  const east = normalise([-c[1], c[0], 0]);
  const north = cross(c, east);
  let kMax = 1;
  const proj: [number, number][] = pts.map(([lon, lat]) => {
    const l = (lon * Math.PI) / 180;
    const f = (lat * Math.PI) / 180;
    const p = [Math.cos(f) * Math.cos(l), Math.cos(f) * Math.sin(l), Math.sin(f)];
    const cosT = Math.min(1, p[0] * c[0] + p[1] * c[1] + p[2] * c[2]);
    const k = 2 / (1 + cosT); // stereographic scale 1/cos^2(theta/2)
    kMax = Math.max(kMax, k);
    return [R * k * dot(p, east), R * k * dot(p, north)];
  });
  const per = perimeter(convexHull(proj));
  return Math.max(0, (per - 2 * Math.PI * S * kMax) / kMax);
}

function dot(a: number[], b: number[]): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
function cross(a: number[], b: number[]): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function normalise(a: number[]): number[] {
  const n = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / n, a[1] / n, a[2] / n];
}

/** Andrew's monotone chain. */
export function convexHull(points: [number, number][]): [number, number][] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const crossZ = (o: number[], a: number[], b: number[]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const q of p) {
    while (lower.length >= 2 && crossZ(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: [number, number][] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i];
    while (upper.length >= 2 && crossZ(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop();
    upper.push(q);
  }
  upper.pop();
  lower.pop();
  return [...lower, ...upper];
}

function perimeter(h: [number, number][]): number {
  if (h.length < 2) return 0;
  let s = 0;
  for (let i = 0; i < h.length; i++) {
    const a = h[i];
    const b = h[(i + 1) % h.length];
    s += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  return s;
}

/**
 * Points pairwise impossible to see in one sortie: for every type, reaching within S of both and returning
 * takes at least (d(base,p) - S) + (d(p,q) - 2S) + (d(q,base) - S) > range. Each needs its own sortie.
 */
function incompatibleSet(points: LonLat[], bases: LonLat[], types: BoundInput['types']): number {
  const order = points
    .map((p, i) => ({ i, d: Math.max(...bases.map((b) => distanceKm(b, p))) }))
    .sort((a, b) => b.d - a.d);
  const step = Math.max(1, Math.floor(order.length / 3000));
  const chosen: LonLat[] = [];
  const baseDist = (p: LonLat, t: BoundInput['types'][number]) =>
    Math.max(0, distanceKm(bases[t.base], p) - t.sensorKm);
  const canPair = (p: LonLat, q: LonLat) =>
    types.some(
      (t) => baseDist(p, t) + Math.max(0, distanceKm(p, q) - 2 * t.sensorKm) + baseDist(q, t) <= t.rangeKm,
    );
  for (let k = 0; k < order.length; k += step) {
    const p = points[order[k].i];
    if (chosen.every((q) => !canPair(p, q))) chosen.push(p);
    if (chosen.length > 500) break;
  }
  return chosen.length;
}
