/**
 * One tour that brings the whole coast under a sensor of range S: line by line (nearest unfinished line
 * next), each walked greedily along its inner chain, every leg reaching as far ahead as it can while it stays
 * clear of the band and keeps every passed sample within S. That is what flies straight across a bay when the
 * sensor reaches its head, and follows it when it does not. Sorties are later cut from this tour.
 */
import type { CoastModel } from '../domain/coast.js';
import { fastDistanceKm, kxAt, kyAt } from '../geo/frame.js';
import { distanceKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { buildChain, type Chain } from './chain.js';
import type { FreeSpace } from './free-space.js';
import type { Navigator } from './navigator.js';
import { NearestSamples, type SampleIndex } from './sample-index.js';

export interface Tour {
  pts: LonLat[];
  /** Geodesic km from the tour's start to each vertex. */
  cum: number[];
  /** Per sample, the tour km at which it first comes within range; NaN if the tour never sees it. */
  firstKm: Float64Array;
  /** Per sample the tour does not see: 1 if no free point within range was found, 2 if none of those is reachable. */
  unseen: Uint8Array;
}

export interface TourOptions {
  /** Sensor range the tour is built for, with the planner's safety margin already taken off. */
  rangeKm: number;
  /** Where the tour should begin (the base, usually). */
  home: LonLat;
  /** Whether a point can be reached from some base (default: every free point can). */
  reach?: (p: LonLat) => boolean;
  /**
   * Samples the tour must bring within range (1); the others count as seen already and only the stretches of
   * coast round the marked ones are walked. Default: every sample.
   */
  cover?: Uint8Array;
  /**
   * Samples no point `reach` allows lies within range of (beyond every base's reach): settled at once, never
   * visited (unseen 1 or 2, as a visit would find), so the tour's work follows the coast it can reach.
   */
  beyond?: (c: LonLat) => boolean;
}

/** Samples either side of a stretch to cover that its walked piece takes along (its chain's tangents need them). */
const PIECE_PAD = 8;

/** A stretch of one coast line the tour walks: the whole line, or (with `cover`) a run of it. */
interface Piece {
  li: number;
  samples: number[];
  closed: boolean;
}

/**
 * The runs of a line's samples that hold samples to cover, each padded by PIECE_PAD samples (runs that then
 * touch are merged); a closed line wholly to cover stays one closed piece.
 */
function coverPieces(
  li: number,
  lineSamples: readonly number[],
  closed: boolean,
  cover: Uint8Array,
): Piece[] {
  const n = lineSamples.length;
  const want = new Uint8Array(n);
  let any = false;
  for (let t = 0; t < n; t++)
    if (cover[lineSamples[t]]) {
      any = true;
      for (let d = -PIECE_PAD; d <= PIECE_PAD; d++) {
        const u = t + d;
        if (closed) want[((u % n) + n) % n] = 1;
        else if (u >= 0 && u < n) want[u] = 1;
      }
    }
  if (!any) return [];
  if (want.every((w) => w === 1)) return [{ li, samples: [...lineSamples], closed }];
  // on a closed line start after a sample not wanted, so no run is cut at the seam
  const start = closed ? (want.indexOf(0) + 1) % n : 0;
  const out: Piece[] = [];
  let run: number[] = [];
  for (let k = 0; k < n; k++) {
    const t = (start + k) % n;
    if (want[t]) run.push(lineSamples[t]);
    else if (run.length > 0) {
      out.push({ li, samples: run, closed: false });
      run = [];
    }
  }
  if (run.length > 0) out.push({ li, samples: run, closed: false });
  return out;
}

export function buildTour(
  coast: CoastModel,
  free: FreeSpace,
  nav: Navigator,
  sidx: SampleIndex,
  opts: TourOptions,
): Tour {
  const { samples } = coast;
  const S = opts.rangeKm;
  const covered = new Uint8Array(samples.count);
  const firstKm = new Float64Array(samples.count).fill(Number.NaN);
  const pts: LonLat[] = [];
  const cum: number[] = [];

  if (opts.cover) for (let i = 0; i < samples.count; i++) if (!opts.cover[i]) covered[i] = 1;

  const byLine: number[][] = coast.lines.map(() => []);
  for (let i = 0; i < samples.count; i++) byLine[samples.line[i]].push(i);
  const pieces: Piece[] = opts.cover
    ? coast.lines.flatMap((l, li) => coverPieces(li, byLine[li], l.closed, opts.cover!))
    : coast.lines.map((l, li) => ({ li, samples: byLine[li], closed: l.closed }));
  const lineSamples = pieces.map((pc) => pc.samples);
  const chains: (Chain | null)[] = pieces.map(() => null);
  const chainOf = (li: number): Chain => {
    let c = chains[li];
    if (!c) {
      const line = coast.lines[pieces[li].li];
      let side: 1 | -1 = 1;
      if (line.seaSide === 'unknown') side = pickSide(lineSamples[li], coast, free, S, opts.home);
      c = buildChain(lineSamples[li], pieces[li].closed, samples, free, { side, maxOffsetKm: S });
      if (opts.reach) {
        // points in pockets no base reaches (a strait closed by the band) are left to the mop-up below
        const keep = c.pts.map((p) => opts.reach!(p));
        c = {
          pts: c.pts.filter((_p, i) => keep[i]),
          owner: c.owner.filter((_o, i) => keep[i]),
          closed: c.closed && keep.every((k) => k),
        };
      }
      chains[li] = c;
    }
    return c;
  };

  const mark = (a: LonLat, b: LonLat, startKm: number) => {
    sidx.nearLeg(a, b, S, (i, _d, along) => {
      if (!covered[i]) {
        covered[i] = 1;
        firstKm[i] = startKm + along;
      }
    });
  };
  const append = (p: LonLat) => {
    if (pts.length === 0) {
      pts.push(p);
      cum.push(0);
      sidx.nearPiece(p, p, S, (i) => {
        if (!covered[i]) {
          covered[i] = 1;
          firstKm[i] = 0;
        }
      });
      return;
    }
    const a = pts[pts.length - 1];
    if (a[0] === p[0] && a[1] === p[1]) return;
    const start = cum[cum.length - 1];
    mark(a, p, start);
    pts.push(p);
    cum.push(start + distanceKm(a, p));
  };
  const travelTo = (p: LonLat): boolean => {
    if (pts.length === 0) {
      append(p);
      return true;
    }
    const r = nav.route(pts[pts.length - 1], p);
    if (!r) return false;
    for (let k = 1; k < r.path.length; k++) append(r.path[k]);
    return true;
  };

  const lineDone = (li: number) => lineSamples[li].every((i) => covered[i]);
  const remaining = new Set<number>();
  pieces.forEach((_pc, li) => {
    if (lineSamples[li].length > 0) remaining.add(li);
  });
  let here = opts.home;
  while (remaining.size > 0) {
    for (const li of [...remaining]) if (lineDone(li)) remaining.delete(li);
    if (remaining.size === 0) break;
    // nearest unfinished line, entering at its nearest usable chain point
    let best: { li: number; entry: number; d: number } | null = null;
    for (const li of remaining) {
      const ch = chainOf(li);
      if (ch.pts.length === 0) continue;
      const cands = ch.closed ? ch.pts.map((_p, i) => i) : [0, ch.pts.length - 1];
      for (const e of cands) {
        const d = fastDistanceKm(here, ch.pts[e]);
        if (!best || d < best.d) best = { li, entry: e, d };
      }
    }
    if (!best) break;
    remaining.delete(best.li);
    const ch = chainOf(best.li);
    const seqs = walkOrders(ch, best.entry);
    let chosen = seqs[0];
    if (seqs.length > 1) {
      // a ring: go round whichever way finishes it sooner
      const lens = seqs.map((s) => walkLength(s, ch, lineSamples[best!.li], covered, sidx, free, S));
      chosen = lens[1] < lens[0] ? seqs[1] : seqs[0];
    }
    if (!travelTo(ch.pts[chosen.seq[0]])) continue;
    walk(chosen, ch, lineSamples[best.li], covered, sidx, free, S, nav, pts, append);
    here = pts[pts.length - 1];
  }
  // mop-up: every sample still unseen gets a visit to a free, reachable point within range of it, nearest
  // first from where the tour is (coast order would jump between lines far apart)
  const unseen = new Uint8Array(samples.count);
  const todo: number[] = [];
  for (let i = 0; i < samples.count; i++) {
    if (covered[i]) continue;
    const c: LonLat = [samples.lon[i], samples.lat[i]];
    // a visit would find no viewpoint (1) or none reachable (2); which one, the gap's reason tells
    if (opts.beyond?.(c)) unseen[i] = viewpoints(c, S, free).length === 0 ? 1 : 2;
    else todo.push(i);
  }
  const pending = new NearestSamples(samples, todo);
  while (pending.size > 0) {
    const from = pts.length > 0 ? pts[pts.length - 1] : opts.home;
    const i = pending.nearest(from, (k) => covered[k] === 1);
    if (i < 0) break;
    pending.delete(i);
    const views = viewpoints([samples.lon[i], samples.lat[i]], S, free);
    if (views.length === 0) {
      unseen[i] = 1;
      continue;
    }
    views.sort((a, b) => fastDistanceKm(from, a) - fastDistanceKm(from, b));
    const v = opts.reach ? views.find((x) => opts.reach!(x)) : views[0];
    if (!v || !travelTo(v)) unseen[i] = 2;
  }
  for (let i = 0; i < samples.count; i++) if (covered[i]) unseen[i] = 0;
  return { pts, cum, firstKm, unseen };
}

/**
 * Free points from which coast point c is within S: rings at several distances, 24 bearings each, nearest
 * rings first (the caller picks among them).
 */
export function viewpoints(c: LonLat, S: number, free: FreeSpace): LonLat[] {
  const out: LonLat[] = [];
  const kx = kxAt(c[1]);
  const ky = kyAt(c[1]);
  const lo = Math.min(free.standKm + 0.3, S * 0.95);
  const radii = [lo, lo + (S * 0.97 - lo) * 0.33, lo + (S * 0.97 - lo) * 0.66, S * 0.97];
  for (const r of radii) {
    for (let az = 0; az < 360; az += 15) {
      const t = (az * Math.PI) / 180;
      const p: LonLat = [c[0] + (Math.sin(t) * r) / kx, c[1] + (Math.cos(t) * r) / ky];
      if (free.pointFree(p) && fastDistanceKm(c, p) < S) out.push(p);
    }
  }
  return out;
}

interface WalkOrder {
  seq: number[];
  /** Whether the walk runs with the line's direction (sample indices rising). */
  forward: boolean;
}

function walkOrders(ch: Chain, entry: number): WalkOrder[] {
  const n = ch.pts.length;
  if (!ch.closed) {
    const fwd = Array.from({ length: n }, (_v, i) => i);
    return [entry === 0 ? { seq: fwd, forward: true } : { seq: fwd.reverse(), forward: false }];
  }
  const cw = Array.from({ length: n + 1 }, (_v, i) => (entry + i) % n);
  const ccw = Array.from({ length: n + 1 }, (_v, i) => (((entry - i) % n) + n) % n);
  return [
    { seq: cw, forward: true },
    { seq: ccw, forward: false },
  ];
}

/** Samples each walk position answers for: its own, plus any before it that had no chain point. */
function dueLists(order: WalkOrder, ch: Chain, lineSamples: readonly number[]): number[][] {
  const { seq, forward } = order;
  const n = lineSamples.length;
  const due: number[][] = seq.map(() => []);
  const seen = new Uint8Array(n);
  let last = -1;
  for (let m = 0; m < seq.length; m++) {
    const o = ch.owner[seq[m]];
    if (o < 0) continue;
    if (last >= 0) {
      // samples skipped between two owners (no free point of their own) are due at the later one
      let t = last;
      for (let g = 0; g < n; g++) {
        t = forward ? (t + 1) % n : (t - 1 + n) % n;
        if (t === o) break;
        if (!seen[t]) {
          seen[t] = 1;
          due[m].push(lineSamples[t]);
        }
      }
    }
    if (!seen[o]) {
      seen[o] = 1;
      due[m].push(lineSamples[o]);
    }
    last = o;
  }
  return due;
}

function walkLength(
  seq: WalkOrder,
  ch: Chain,
  lineSamples: number[],
  covered: Uint8Array,
  sidx: SampleIndex,
  free: FreeSpace,
  S: number,
): number {
  const tmp = covered.slice();
  const pts: LonLat[] = [];
  let len = 0;
  walk(seq, ch, lineSamples, tmp, sidx, free, S, null, pts, (p) => {
    if (pts.length > 0) {
      const a = pts[pts.length - 1];
      sidx.nearLeg(a, p, S, (i) => {
        tmp[i] = 1;
      });
      len += distanceKm(a, p);
    }
    pts.push(p);
  });
  return len;
}

function walk(
  order: WalkOrder,
  ch: Chain,
  lineSamples: number[],
  covered: Uint8Array,
  sidx: SampleIndex,
  free: FreeSpace,
  S: number,
  nav: Navigator | null,
  pts: LonLat[],
  append: (p: LonLat) => void,
): void {
  const seq = order.seq;
  const due = dueLists(order, ch, lineSamples);
  const isPending = new Uint8Array(sidx.samples.count);
  const lineDone = () => lineSamples.every((i) => covered[i]);
  if (pts.length === 0) append(ch.pts[seq[0]]);
  let cur = 0;
  const patience = 400;
  while (cur < seq.length - 1 && !lineDone()) {
    const from = ch.pts[seq[cur]];
    let best = cur + 1;
    const pending: number[] = [];
    let lastFail = -1;
    for (let m = cur + 1; m < seq.length && m - best <= patience; m++) {
      for (const i of due[m]) {
        if (!covered[i]) {
          pending.push(i);
          isPending[i] = 1;
        }
      }
      const to = ch.pts[seq[m]];
      if (m === cur + 1) continue;
      if (!coversAll(from, to, pending, isPending, sidx, S, lastFail, (f) => (lastFail = f))) continue;
      if (free.legFree(from, to)) best = m;
    }
    for (const i of pending) isPending[i] = 0;
    const to = ch.pts[seq[best]];
    if (best === cur + 1 && !free.legFree(from, to)) {
      // the chain is broken here (a pinch between two coasts): go round through free space; where no route
      // joins them, go on from the first later chain point one does join
      let m = best;
      let r = nav?.route(from, ch.pts[seq[m]]) ?? null;
      while (!r && m + 1 < seq.length && m - best < 50) {
        m++;
        r = nav?.route(from, ch.pts[seq[m]]) ?? null;
      }
      if (!r) return;
      for (let k = 1; k < r.path.length; k++) append(r.path[k]);
      cur = m;
      continue;
    }
    append(to);
    cur = best;
  }
}

/** Whether every pending sample lies within S of the leg a-b (checks the last failure first: it usually fails again). */
function coversAll(
  a: LonLat,
  b: LonLat,
  pending: readonly number[],
  isPending: Uint8Array,
  sidx: SampleIndex,
  S: number,
  lastFail: number,
  setFail: (i: number) => void,
): boolean {
  if (pending.length === 0) return true;
  const leg = sidx.arcLeg(a, b);
  if (lastFail >= 0 && isPending[lastFail] && !sidx.arcWithin(lastFail, leg, S)) return false;
  for (let k = pending.length - 1; k >= 0; k--) {
    const i = pending[k];
    if (!sidx.arcWithin(i, leg, S)) {
      setFail(i);
      return false;
    }
  }
  return true;
}

function pickSide(
  lineSamples: readonly number[],
  coast: CoastModel,
  free: FreeSpace,
  S: number,
  home: LonLat,
): 1 | -1 {
  // with no sea side given, stand off on the side that faces home (the base)
  const left = buildChain(lineSamples, false, coast.samples, free, { side: 1, maxOffsetKm: S });
  const right = buildChain(lineSamples, false, coast.samples, free, { side: -1, maxOffsetKm: S });
  const score = (c: Chain) =>
    c.pts.length === 0
      ? Infinity
      : Math.min(...c.pts.map((p) => fastDistanceKm(p, home))) - c.pts.length * 1e-3;
  return score(right) < score(left) ? -1 : 1;
}
