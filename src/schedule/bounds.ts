/**
 * Lower bounds on the worst revisit gap that no schedule of a fleet can beat (proofs in
 * docs/schedule-bounds.md). Both rest only on geometry, speeds, endurance and turnarounds:
 *
 * - `duty`: one coast point. An airframe can be within sensor range of it only between its transit out and its
 *   transit back; every stretch of time when no airframe can see it lies inside one revisit gap.
 * - `sweep`: a stretch of coast, in the spirit of fence patrolling. In every window as long as the worst gap
 *   the fleet must see all of it; what one airframe's flight in a window sees spans at most its length plus
 *   twice the sensor range along any 1-Lipschitz coordinate; averaged over all windows of the horizon.
 * - `packing`: coast points pairwise at least D apart, watched one after another: each visit to one (a phase)
 *   earns its watch time plus at most W of the horizon for that point, and a flight covers D - 2S between two
 *   visits. Where a coast folds (gulfs, islands) this counts far more coast than any one coordinate can.
 * - `pair`: two far points that at most two airframes can reach: one must cross between them, or cover both while
 *   the other is on the ground.
 *
 * Distances are great-circle distances on a sphere of radius a(1 - e^2), the smallest radius of curvature of
 * WGS84: that sphere never lengthens a path, so every distance here is at most the geodesic one, as a bound
 * needs.
 */
import type { RevisitBound } from '../domain/schedule.js';
import { destination } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { MIN_CURVATURE_KM } from '../geo/wgs84.js';
import type { ScheduleContext } from './context.js';
import type { FleetCounts } from './search.js';

const R_MIN = MIN_CURVATURE_KM;
const RAD = Math.PI / 180;

/** Great-circle km on the R_MIN sphere: never more than the WGS84 geodesic distance. */
export function lowDistanceKm(a: LonLat, b: LonLat): number {
  const f1 = a[1] * RAD;
  const f2 = b[1] * RAD;
  const df = f2 - f1;
  const dl = (b[0] - a[0]) * RAD;
  const h = Math.sin(df / 2) ** 2 + Math.cos(f1) * Math.cos(f2) * Math.sin(dl / 2) ** 2;
  return 2 * R_MIN * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** One aircraft type of the fleet as the bounds see it. */
export interface Flier {
  /** Airframes of the type. */
  n: number;
  kmh: number;
  /** Usable endurance, h (enduranceH - reserveH). */
  U: number;
  /** Turnaround, h. */
  T: number;
  /** Sensor range, km. */
  S: number;
  base: LonLat;
  name: string;
}

export function revisitBounds(
  ctx: ScheduleContext,
  fleet: FleetCounts,
  opts: { seen: (i: number) => boolean; horizonH?: number },
): RevisitBound[] {
  const { samples } = ctx.plan.coast;
  const fliers: Flier[] = ctx.types
    .filter((t) => fleet[t.index] > 0)
    .map((t) => ({
      n: fleet[t.index],
      kmh: t.kmh,
      U: t.usableH,
      T: t.type.turnaroundH,
      S: t.type.sensorRangeKm,
      base: t.base.position,
      name: t.type.name,
    }));
  const idx: number[] = [];
  for (let i = 0; i < samples.count; i++) if (opts.seen(i)) idx.push(i);
  if (idx.length === 0 || fliers.length === 0) return [];
  const pts = idx.map((i): LonLat => [samples.lon[i], samples.lat[i]]);
  // a point never watched has a gap of the whole horizon, whatever a bound says
  const H = opts.horizonH ?? Infinity;
  return [
    dutyBound(fliers, pts, idx, samples.km),
    sweepBound(fliers, pts),
    packingBound(fliers, pts),
    pairBound(fliers, pts, idx, samples.km),
  ].map((b) => (b.hours > H ? { ...b, hours: H } : b));
}

/** Smallest W >= 0 with f(W) >= need, f increasing. */
function solve(f: (w: number) => number, need: number): number {
  if (f(0) >= need) return 0;
  let hi = 1;
  while (f(hi) < need && hi < 1e6) hi *= 2;
  let lo = 0;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    if (f(mid) >= need) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Per point p: a flier with transit tau = (d(base, p) - S) / v sees p only inside [takeoff + tau, landing -
 * tau]; the times none can see p fall into at most as many stretches as there are sorties, each inside one gap
 * (<= W). Summing over a horizon H: H <= sum over sorties of (d - 2 tau + W) with sum of (d + T) <= H per
 * airframe, so 1 <= sum_a n_a max(W / (2 tau + T), (U - 2 tau + W) / (U + T)).
 */
export function dutyBound(
  fliers: Flier[],
  pts: LonLat[],
  idx: number[],
  coastKm: Float64Array,
): RevisitBound {
  let best = 0;
  let at = 0;
  for (let k = 0; k < pts.length; k++) {
    const taus = fliers.map((f) => Math.max(0, lowDistanceKm(f.base, pts[k]) - f.S) / f.kmh);
    const F = (w: number) =>
      fliers.reduce((s, f, j) => {
        const tau = taus[j];
        if (2 * tau > f.U) return s;
        return s + f.n * Math.max(w / (2 * tau + f.T), (f.U - 2 * tau + w) / (f.U + f.T));
      }, 0);
    const w = solve(F, 1);
    if (w > best) {
      best = w;
      at = k;
    }
  }
  return {
    name: 'duty',
    hours: best,
    how:
      best > 0
        ? `coast km ${coastKm[idx[at]].toFixed(0)}: the fleet cannot keep an airframe within sensor range of it all the time (transit out and back, turnaround)`
        : 'the fleet can keep an airframe within sensor range of every point all the time: no point bound',
  };
}

/**
 * Anchors of the 1-Lipschitz coordinates u(x) = d(anchor, x): points along the coast and far points all round it,
 * each with how the output names it (a far anchor's own position would mean nothing to a reader).
 */
export function sweepAnchors(pts: LonLat[]): { anchors: LonLat[]; anchorName: string[] } {
  const n = pts.length;
  // each with how the table names it: a far anchor's distances measure the coast along one direction, and its
  // own position (thousands of km away, e.g. [29.30, -15.80] for Tunisia) would mean nothing to a reader
  const anchors: LonLat[] = [];
  const anchorName: string[] = [];
  for (let k = 0; k < 8; k++) {
    const p = pts[Math.min(n - 1, Math.floor((k * (n - 1)) / 7))];
    anchors.push(p);
    anchorName.push(`distances along the coast from its point [${p[0].toFixed(2)}, ${p[1].toFixed(2)}]`);
  }
  let sx = 0;
  let sy = 0;
  let sz = 0;
  for (const [lon, lat] of pts) {
    sx += Math.cos(lat * RAD) * Math.cos(lon * RAD);
    sy += Math.cos(lat * RAD) * Math.sin(lon * RAD);
    sz += Math.sin(lat * RAD);
  }
  const centre: LonLat = [Math.atan2(sy, sx) / RAD, Math.atan2(sz, Math.hypot(sx, sy)) / RAD];
  const compass = [
    'N',
    'NNE',
    'NE',
    'ENE',
    'E',
    'ESE',
    'SE',
    'SSE',
    'S',
    'SSW',
    'SW',
    'WSW',
    'W',
    'WNW',
    'NW',
    'NNW',
  ];
  for (let az = 0; az < 360; az += 22.5) {
    anchors.push(destination(centre, az, 6000));
    anchorName.push(
      `measured ${compass[Math.round(az / 22.5) % 16]}-${compass[(Math.round(az / 22.5) + 8) % 16]} across the coast`,
    );
  }

  return { anchors, anchorName };
}

/**
 * Per stretch R (coast points whose coordinate u, a distance from an anchor, lies in [u0, u1]): in every
 * window of length W each point of R is sighted, and the part of one sortie's flight inside a window that can
 * see R is one path of length v * t, whose sightings span at most v * t + 2S in u. Averaging the covering
 * condition over all windows of the horizon gives sum_a n_a rho_a(W) >= u1 - u0 with
 * rho(W) = max over d in {2 tau, U} of ((v W + 2S + g)(d - 2 tau) + (2S + g) W) / (d + T), g the largest step in u
 * between neighbouring points of R.
 */
export function sweepBound(fliers: Flier[], pts: LonLat[]): RevisitBound {
  const n = pts.length;
  const { anchors, anchorName } = sweepAnchors(pts);
  const Q = Math.min(64, n);
  let best: RevisitBound = { name: 'sweep', hours: 0, how: 'nothing to sweep' };
  const baseD = fliers.map((f) => pts.map((p) => lowDistanceKm(f.base, p)));
  for (let ai = 0; ai < anchors.length; ai++) {
    const A = anchors[ai];
    const u = pts.map((p) => lowDistanceKm(A, p));
    const order = u.map((_x, i) => i).sort((a, b) => u[a] - u[b]);
    // blocks of the sorted points: per block the largest inner step and the nearest point to each base
    const cut = Array.from({ length: Q + 1 }, (_v, q) => Math.round((q * (n - 1)) / Q));
    const blockGap: number[] = [];
    const blockNear: number[][] = fliers.map(() => []);
    for (let q = 0; q < Q; q++) {
      let g = 0;
      for (let r = cut[q] + 1; r <= cut[q + 1]; r++) g = Math.max(g, u[order[r]] - u[order[r - 1]]);
      blockGap.push(g);
      fliers.forEach((_f, j) => {
        let m = Infinity;
        for (let r = cut[q]; r <= cut[q + 1]; r++) m = Math.min(m, baseD[j][order[r]]);
        blockNear[j].push(m);
      });
    }
    for (let q0 = 0; q0 < Q; q0++) {
      let g = 0;
      const near = fliers.map(() => Infinity);
      for (let q1 = q0; q1 < Q; q1++) {
        g = Math.max(g, blockGap[q1]);
        fliers.forEach((_f, j) => {
          near[j] = Math.min(near[j], blockNear[j][q1]);
        });
        const span = u[order[cut[q1 + 1]]] - u[order[cut[q0]]];
        if (span <= 0) continue;
        const taus = fliers.map((f, j) => Math.max(0, near[j] - f.S) / f.kmh);
        const F = (w: number) =>
          fliers.reduce((s, f, j) => {
            const tau = taus[j];
            if (2 * tau > f.U) return s;
            const c = 2 * f.S + g;
            const atU = ((f.kmh * w + c) * (f.U - 2 * tau) + c * w) / (f.U + f.T);
            const atMin = (c * w) / (2 * tau + f.T);
            return s + f.n * Math.max(atU, atMin);
          }, 0);
        const w = solve(F, span);
        if (w > best.hours) {
          best = {
            name: 'sweep',
            hours: w,
            how: `in every ${w.toFixed(1)} h window the fleet must see a ${span.toFixed(0)} km spread of coast (${anchorName[ai]}), with transit, duty cycles and sensor reach taken off`,
          };
        }
      }
    }
  }
  return best;
}

/**
 * Witnesses: coast points pairwise at least D apart (D > 2S for every type). Per witness, the union of all
 * airframes' phases there (first to last sighting with no other witness sighted between) leaves gaps of at most
 * W, one per phase: H <= sum over its phases of (|phase| + W). A sortie's phases are at least (D - 2S) / v apart
 * and lie within [takeoff + tau, landing - tau], so summed over witnesses a sortie earns at most
 * c(d) = max(d - 2 tau + W, W ((d - 2 tau) v / (D - 2S) + 1)), and witnesses <= sum_a n_a max over d in {2 tau, U}
 * of c(d) / (d + T).
 */
export function packingBound(fliers: Flier[], pts: LonLat[]): RevisitBound {
  const Smax = Math.max(...fliers.map((f) => f.S));
  let best: RevisitBound = { name: 'packing', hours: 0, how: 'no witnesses' };
  // picked in coast order, so the picks follow the coast (runs of them far from the bases were tried: no gain)
  for (const factor of [1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 5, 6, 8]) {
    const D = 2 * Smax * factor;
    const picked = spreadPoints(pts, D);
    if (picked.length < 2) continue;
    const taus = fliers.map(
      (f) => Math.max(0, Math.min(...picked.map((p) => lowDistanceKm(f.base, p))) - f.S) / f.kmh,
    );
    const F = (w: number) =>
      fliers.reduce((s, f, j) => {
        const tau = taus[j];
        if (2 * tau > f.U) return s;
        // a sortie watching witnesses one after another earns its watch time plus W per visit and flies D - 2S
        // between two visits (docs/schedule-bounds.md, `packing`): linear in the visits, so one or all that fit
        const vis = f.U - 2 * tau;
        const atU = Math.max(vis + w, w * ((f.kmh * vis) / (D - 2 * f.S) + 1)) / (f.U + f.T);
        const atMin = w / (2 * tau + f.T);
        return s + f.n * Math.max(atU, atMin);
      }, 0);
    const w = solve(F, picked.length);
    if (w > best.hours)
      best = {
        name: 'packing',
        hours: w,
        how: `the fleet must watch ${picked.length} coast points pairwise ${D.toFixed(0)} km apart, each at least once in every ${w.toFixed(1)} h, and flies at least ${D.toFixed(0)} km less two sensor ranges between watching one and the next, with transit, duty cycles and turnarounds taken off`,
      };
  }
  return best;
}

/** Coast points pairwise at least D apart (low metric), picked greedily in coast order. */
export function spreadPoints(pts: LonLat[], D: number): LonLat[] {
  const picked: LonLat[] = [];
  // a grid of cells about D wide keeps the distance checks local
  const cell = D / 111;
  const grid = new Map<string, LonLat[]>();
  const key = (p: LonLat, dx = 0, dy = 0) =>
    `${Math.floor(p[0] / (cell / Math.max(0.2, Math.cos(p[1] * RAD)))) + dx},${Math.floor(p[1] / cell) + dy}`;
  for (const p of pts) {
    let ok = true;
    for (let dx = -2; dx <= 2 && ok; dx++)
      for (let dy = -2; dy <= 2 && ok; dy++)
        for (const q of grid.get(key(p, dx, dy)) ?? []) if (lowDistanceKm(p, q) < D) ok = false;
    if (!ok) continue;
    picked.push(p);
    const k = key(p);
    grid.set(k, [...(grid.get(k) ?? []), p]);
  }
  return picked;
}

/** Points the `pair` bound tries (pairs of them: quadratic), a stride through the coast. */
const PAIR_POINTS = 400;

/**
 * Two coast points x, z farther apart than any sensor can span, with delta the least time any airframe able to
 * see them takes between their sensor reaches, when at most two airframes can see either (docs/schedule-bounds.md,
 * `pair`). One airframe alone: x is unwatched from its last sighting before each trip to z (or landing) to the
 * next: W >= max(2 tau_x + T, 2 tau_z + T, min(2 delta, delta + tau_x + tau_z + T)). Two airframes A and B: unless
 * W >= 2 delta_B (B's own crossing time), while A is away from both (ground and transit, G_A = T_A + 2
 * min(tau_A(x), tau_A(z))) B alone cannot go x, z, x, so W >= min(2 delta_B, G_A, (G_A + delta_B) / 2), and likewise
 * with A and B swapped; or one of them sees neither and the other is alone.
 */
export function pairBound(
  fliers: Flier[],
  pts: LonLat[],
  idx: number[],
  coastKm: Float64Array,
  horizonH = Infinity,
): RevisitBound {
  let best: RevisitBound = {
    name: 'pair',
    hours: 0,
    how: 'more than two airframes can reach every pair of points',
  };
  const stride = Math.max(1, Math.ceil(pts.length / PAIR_POINTS));
  const ks: number[] = [];
  for (let k = 0; k < pts.length; k += stride) ks.push(k);
  if (ks[ks.length - 1] !== pts.length - 1) ks.push(pts.length - 1);
  // per type and point: transit time, Infinity where a round trip cannot reach it
  const tau = fliers.map((f) =>
    ks.map((k) => {
      const t = Math.max(0, lowDistanceKm(f.base, pts[k]) - f.S) / f.kmh;
      return 2 * t > f.U ? Infinity : t;
    }),
  );
  const lone = (f: Flier, tx: number, tz: number, delta: number) =>
    Math.max(2 * tx + f.T, 2 * tz + f.T, Math.min(2 * delta, delta + tx + tz + f.T));
  for (let i = 0; i < ks.length; i++)
    for (let l = i + 1; l < ks.length; l++) {
      const types = fliers.map((_f, j) => j).filter((j) => tau[j][i] < Infinity || tau[j][l] < Infinity);
      const count = types.reduce((s, j) => s + fliers[j].n, 0);
      if (count === 0 || count > 2) continue;
      const d = lowDistanceKm(pts[ks[i]], pts[ks[l]]);
      const delta = Math.min(...types.map((j) => (d - 2 * fliers[j].S) / fliers[j].kmh));
      if (!(delta > 0)) continue;
      // one airframe per entry: a type with two airframes counts twice
      const air = types.flatMap((j) => (fliers[j].n === 2 ? [j, j] : [j]));
      const both = (j: number) => tau[j][i] < Infinity && tau[j][l] < Infinity;
      let phi: number;
      if (air.length === 1) {
        const j = air[0];
        // the one airframe must see both (each is seen: the bound counts seen points)
        if (!both(j)) continue;
        phi = lone(fliers[j], tau[j][i], tau[j][l], delta);
      } else {
        // while airframe j is away from both, the other one (type o) alone watches them: it crosses between them
        // in its own delta, and cannot go x, z, x unless W >= 2 delta_o
        const own = (j: number) => (d - 2 * fliers[j].S) / fliers[j].kmh;
        const away = (j: number, o: number) => {
          const G = fliers[j].T + 2 * Math.min(tau[j][i], tau[j][l]);
          return Math.min(2 * own(o), G, (G + own(o)) / 2);
        };
        // both see x or z; or only one of them does, alone
        phi = Math.max(away(air[0], air[1]), away(air[1], air[0]));
        for (const j of new Set(air))
          if (both(j)) phi = Math.min(phi, lone(fliers[j], tau[j][i], tau[j][l], own(j)));
      }
      const w = Math.min(horizonH, phi);
      if (w > best.hours)
        best = {
          name: 'pair',
          hours: w,
          how: `coast km ${coastKm[idx[ks[i]]].toFixed(0)} and km ${coastKm[idx[ks[l]]].toFixed(0)} lie ${d.toFixed(0)} km apart and only ${air.length === 1 ? 'one airframe' : 'two airframes'} can reach them: one must cross between them or cover for the other's turnaround`,
        };
    }
  return best;
}
