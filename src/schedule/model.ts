/**
 * The scheduler's fast model of a candidate schedule, for the search: sorties are sweeps of a stretch of their
 * type's tour, and a sample is sighted when a sweep passes where the tour sees it (a sweep that turns while the
 * sample is still in range sees it once, as the contract counts passes). Revisit gaps are measured on a subset
 * of the samples. The schedule that wins is then built and measured exactly (scheduler.ts).
 */
import type { HopSector, ScheduleContext, TypeModel } from './context.js';
import { endOf, sortieKm } from './context.js';
import { maxCircularGap, mod } from './revisit.js';

/** Airframes of one type flying the same sortie over and over, evenly or as tuned. */
export interface Rotation {
  type: number;
  /** Airframe numbers (1-based) of that type. */
  tails: number[];
  /** Sector: grid indices on the type's tour, lo < hi. */
  lo: number;
  hi: number;
  /** Sweeps of the sector per sortie. */
  legs: number;
  /** Whether the first sweep runs from hi to lo. */
  startHi: boolean;
  /** Sorties per airframe over the horizon (evenly spaced: the cycle is horizon / perHorizon). */
  perHorizon: number;
  /** Takeoff of the first sortie, hours from the start. */
  phase: number;
  /** Per airframe, added to phase (hours). */
  offsets: number[];
  /** In sector layouts: which sector (between Strategy.cuts) the rotation sweeps. */
  sector?: number;
  /**
   * A second sortie each airframe flies after every sortie above, a turnaround between (coast one sortie cannot
   * reach together with the sector, say). Never mutated: variants replace it whole.
   */
  alt?: AltSortie;
  /**
   * A second stretch of the tour each sortie sweeps after the first, a route between them (coast the type alone
   * sees at both ends of its tour, say): one sortie, so that coast is seen every cycle. Never mutated.
   */
  hop?: HopSector;
}

export interface AltSortie {
  lo: number;
  hi: number;
  legs: number;
  startHi: boolean;
}

export interface Strategy {
  name: string;
  rotations: Rotation[];
  /** Sector layouts: sector boundaries as ranks along the reference tour (ascending, first 0, last all). */
  cuts?: number[];
}

export interface Score {
  /** Samples a tour sees that no sortie of the candidate does. */
  unseen: number;
  /** Worst ratio of gap to target over the model points with a revisit target (0 without targets). */
  ratio: number;
  worst: number;
  /** Mean of the worst 5% of point gaps: it moves when the worst does not, which guides the search. */
  top: number;
  mean: number;
  hours: number;
}

/** Minimum slack kept above the turnaround, hours, so takeoffs can be rounded to the minute. */
export const TURN_SLACK_H = 2 / 60;

export interface Template {
  km: number;
  hours: number;
  /** Per model point: offsets[start[p] .. start[p + 1]) are sighting times, hours after takeoff. */
  start: Int32Array;
  offsets: Float64Array;
  /** Every sample the sortie sights (all of them, not only model points): coverage must not slip between points. */
  covers: Uint8Array;
  /** The same as a list of sample indices, for the scoring loop. */
  coverList: Int32Array;
}

export class Model {
  readonly ctx: ScheduleContext;
  readonly horizonH: number;
  /** Sample index of each model point and the coast km it stands for. */
  readonly points: Int32Array;
  readonly weight: Float64Array;
  /** Samples some type's tour sees: the ones a schedule can be asked to cover. */
  readonly seeable: Uint8Array;
  evals = 0;
  /** Per model point its revisit target, hours (0: none; then worst counts only untargeted points). */
  private target: Float64Array | null = null;
  /** The targeted stretches as given (the search lays out sectors over them). */
  targets: { fromKm: number; toKm: number; targetRevisitH: number }[] = [];
  private readonly templates = new Map<string, Template | null>();
  private buf = new Float64Array(1 << 16);
  // scratch reused by every score: the search scores thousands of candidates and allocation dominated
  private seenStamp: Int32Array = new Int32Array(0);
  private seeableList: Int32Array = new Int32Array(0);
  private gapBuf: Float64Array = new Float64Array(0);
  private sortBuf: Float64Array = new Float64Array(0);
  private hasBuf: Uint8Array = new Uint8Array(0);
  /** Model points in the order the pruned score tries them: those that last rejected a candidate first. */
  private hot: Int32Array = new Int32Array(0);
  private timePool: Float64Array[] = [];

  constructor(ctx: ScheduleContext, horizonH: number, maxPoints = 320) {
    this.ctx = ctx;
    this.horizonH = horizonH;
    const { samples } = ctx.plan.coast;
    const seen: number[] = [];
    this.seeable = new Uint8Array(samples.count);
    for (let i = 0; i < samples.count; i++)
      if (ctx.types.some((t) => t.passOf[i]?.length)) {
        seen.push(i);
        this.seeable[i] = 1;
      }
    const step = Math.max(1, Math.ceil(seen.length / maxPoints));
    const pts: number[] = [];
    const w: number[] = [];
    for (let k = 0; k < seen.length; k += step) {
      pts.push(seen[k]);
      let len = 0;
      for (let j = k; j < Math.min(seen.length, k + step); j++)
        len += samples.hi[seen[j]] - samples.lo[seen[j]];
      w.push(len);
    }
    this.points = Int32Array.from(pts);
    this.weight = Float64Array.from(w);
  }

  /** Revisit targets per stretch of coast km: the objective becomes the worst ratio of gap to target there. */
  setTargets(targets: readonly { fromKm: number; toKm: number; targetRevisitH: number }[]): void {
    const km = this.ctx.plan.coast.samples.km;
    this.targets = targets.filter((x) => x.targetRevisitH > 0).map((x) => ({ ...x }));
    this.target = Float64Array.from(this.points, (i) => {
      let t = 0;
      for (const x of targets)
        if (km[i] >= x.fromKm && km[i] <= x.toKm && x.targetRevisitH > 0)
          t = t > 0 ? Math.min(t, x.targetRevisitH) : x.targetRevisitH;
      return t;
    });
  }

  /** Sortie length and duration for a rotation's sortie (Infinity when it cannot be flown). */
  sortie(r: Rotation): { km: number; hours: number } {
    const t = this.ctx.types[r.type];
    const km = sortieKm(this.ctx, t, r.lo, r.hi, r.legs, r.startHi, r.hop);
    return { km, hours: km / t.kmh };
  }

  /** The alternate sortie's length and duration (null without one). */
  altSortie(r: Rotation): { km: number; hours: number } | null {
    if (!r.alt) return null;
    const t = this.ctx.types[r.type];
    const a = r.alt;
    const km = sortieKm(this.ctx, t, a.lo, a.hi, a.legs, a.startHi);
    return { km, hours: km / t.kmh };
  }

  /** Hours from a sortie's takeoff to its alternate's (the sortie, the turnaround and the rounding slack). */
  altDelayH(r: Rotation): number {
    const t = this.ctx.types[r.type];
    return this.sortie(r).hours + t.type.turnaroundH + TURN_SLACK_H;
  }

  /** Most sorties (pairs with an alternate) per airframe the horizon holds (0 when not flyable). */
  maxPerHorizon(r: Rotation): number {
    const t = this.ctx.types[r.type];
    const s = this.sortie(r);
    if (!(s.km <= t.rangeKm)) return 0;
    let cycle = s.hours + t.type.turnaroundH + TURN_SLACK_H;
    const a = this.altSortie(r);
    if (a) {
      if (!(a.km <= t.rangeKm)) return 0;
      cycle += a.hours + t.type.turnaroundH + TURN_SLACK_H;
    }
    return Math.floor(this.horizonH / cycle + 1e-9);
  }

  template(r: Rotation): Template | null {
    const a = r.alt;
    const hp = r.hop;
    const key = `${r.type}:${r.lo}:${r.hi}:${r.legs}:${r.startHi ? 1 : 0}${a ? `|${a.lo}:${a.hi}:${a.legs}:${a.startHi ? 1 : 0}` : ''}${hp ? `>${hp.lo}:${hp.hi}:${hp.legs}:${hp.startHi ? 1 : 0}` : ''}`;
    const hit = this.templates.get(key);
    if (hit !== undefined) return hit;
    const t = this.ctx.types[r.type];
    const s = this.sortie(r);
    let tpl: Template | null = null;
    if (s.km <= t.rangeKm && t.passes) tpl = this.buildTemplate(t, r, s.km);
    if (tpl && hp) {
      // the second stretch starts where the first one's sweeps and the hop end
      const outKm =
        this.ctx.transit(t, r.startHi ? r.hi : r.lo) +
        r.legs * (t.grid[r.hi] - t.grid[r.lo]) +
        this.ctx.hopKm(t, endOf(r.lo, r.hi, r.legs, r.startHi), hp.startHi ? hp.hi : hp.lo);
      const second = this.buildTemplate(t, { ...r, ...hp, alt: undefined, hop: undefined }, s.km, outKm);
      tpl = { ...merge(tpl, second, 0, this.points.length), km: s.km, hours: s.hours };
    }
    if (tpl && a) {
      const as = this.altSortie(r)!;
      const alt =
        as.km <= t.rangeKm
          ? this.buildTemplate(t, { ...r, ...a, alt: undefined, hop: undefined }, as.km)
          : null;
      tpl = alt ? merge(tpl, alt, this.altDelayH(r), this.points.length) : null;
    }
    this.templates.set(key, tpl);
    return tpl;
  }

  private buildTemplate(t: TypeModel, r: Rotation, km: number, outAt?: number): Template {
    const passes = t.passes!;
    const x0 = t.grid[r.lo];
    const x1 = t.grid[r.hi];
    const len = x1 - x0;
    const outKm = outAt ?? this.ctx.transit(t, r.startHi ? r.hi : r.lo);
    // a sector at an end of the tour reaches past it: a pass measured a hair beyond the tour's length is on it
    const G = t.grid.length - 1;
    const e0 = r.lo === 0 ? -Infinity : x0;
    const e1 = r.hi === G ? Infinity : x1;
    const start = new Int32Array(this.points.length + 1);
    const offs: number[] = [];
    for (let p = 0; p < this.points.length; p++) {
      start[p] = offs.length;
      for (const j of t.passOf[this.points[p]]) {
        const enter = passes.enterKm[j];
        const exit = passes.exitKm[j];
        if (exit < e0 || enter > e1) continue;
        const c = Math.min(x1, Math.max(x0, passes.alongKm[j]));
        const atLo = enter <= x0;
        const atHi = exit >= x1;
        for (let leg = 0; leg < r.legs; leg++) {
          const fwd = (leg % 2 === 0) !== r.startHi;
          // still in range where the sweep turned: the same pass, sighted once
          if (leg > 0 && (fwd ? atLo : atHi)) continue;
          const along = outKm + leg * len + (fwd ? c - x0 : x1 - c);
          offs.push(along / t.kmh);
        }
      }
    }
    start[this.points.length] = offs.length;
    const covers = new Uint8Array(this.seeable.length);
    // surely seen: the pass's closest point lies on the swept stretch (the in-range ends are estimates)
    for (let j = 0; j < passes.sample.length; j++)
      if (passes.alongKm[j] >= e0 && passes.alongKm[j] <= e1) covers[passes.sample[j]] = 1;
    const coverList: number[] = [];
    for (let i = 0; i < covers.length; i++) if (covers[i]) coverList.push(i);
    return {
      km,
      hours: km / t.kmh,
      start,
      offsets: Float64Array.from(offs),
      covers,
      coverList: Int32Array.from(coverList),
    };
  }

  /** Takeoff times (hours from the start, in [0, horizon)) of each airframe of a rotation. */
  takeoffs(r: Rotation): number[][] {
    const H = this.horizonH;
    const c = H / r.perHorizon;
    return r.tails.map((_tail, m) => {
      const out: number[] = [];
      for (let j = 0; j < r.perHorizon; j++) out.push(mod(r.phase + (r.offsets[m] ?? 0) + j * c, H));
      return out.sort((a, b) => a - b);
    });
  }

  /**
   * The model's score of a strategy. Given `beat` (the incumbent of a descent), a candidate that cannot be better
   * than it is given up as soon as that is sure (more coast unseen, or one point's gap over the incumbent's worst)
   * and scored `REJECTED`-worst: `better` then says exactly what the full score would have said, for a fraction
   * of the work. Points that rejected a candidate are tried first next time.
   */
  score(s: Strategy, beat?: Score): Score {
    this.evals++;
    const H = this.horizonH;
    const n = this.points.length;
    const parts: { tpl: Template; times: Float64Array }[] = [];
    let hours = 0;
    for (const r of s.rotations) {
      if (r.perHorizon <= 0 || r.tails.length === 0) continue;
      const tpl = this.template(r);
      if (!tpl) continue;
      // takeoffs straight into reused scratch (their order does not matter to the gaps)
      const need = r.perHorizon * r.tails.length;
      let times = this.timePool[parts.length];
      if (!times || times.length !== need) {
        times = new Float64Array(need);
        this.timePool[parts.length] = times;
      }
      const c = H / r.perHorizon;
      let q = 0;
      for (let m = 0; m < r.tails.length; m++) {
        const at = r.phase + (r.offsets[m] ?? 0);
        for (let j = 0; j < r.perHorizon; j++) times[q++] = mod(at + j * c, H);
      }
      parts.push({ tpl, times });
      hours += tpl.hours * need;
    }
    if (this.gapBuf.length !== n) {
      this.gapBuf = new Float64Array(n);
      this.sortBuf = new Float64Array(n);
      this.hot = Int32Array.from({ length: n }, (_v, p) => p);
      this.seenStamp = new Int32Array(this.seeable.length);
      const list: number[] = [];
      for (let i = 0; i < this.seeable.length; i++) if (this.seeable[i]) list.push(i);
      this.seeableList = Int32Array.from(list);
    }
    // coverage over every sample, so a sector edge cannot leave coast unseen between model points
    const stamp = this.seenStamp;
    const mark = this.evals;
    for (const { tpl } of parts) for (const i of tpl.coverList) stamp[i] = mark;
    let unseen = 0;
    for (const i of this.seeableList) if (stamp[i] !== mark) unseen++;
    const target = this.target;
    // pruning compares worst gaps only: with revisit targets the ratio comes first, so every candidate is scored whole
    const prune = beat !== undefined && !target;
    if (prune && unseen > beat.unseen) return rejected(unseen, hours);
    const limit = prune && unseen === beat.unseen ? beat.worst + 1e-3 : Infinity;
    const gaps = this.gapBuf;
    const has = this.hasBuf.length === n ? this.hasBuf : (this.hasBuf = new Uint8Array(n));
    const hot = this.hot;
    for (let h = 0; h < n; h++) {
      const p = hot[h];
      let need = 0;
      for (const { tpl, times } of parts) need += (tpl.start[p + 1] - tpl.start[p]) * times.length;
      has[p] = need > 0 ? 1 : 0;
      gaps[p] = 0;
      if (need === 0) continue;
      if (this.buf.length < need) this.buf = new Float64Array(need * 2);
      const buf = this.buf;
      let k = 0;
      for (const { tpl, times } of parts) {
        for (let o = tpl.start[p]; o < tpl.start[p + 1]; o++) {
          const off = tpl.offsets[o];
          for (let j = 0; j < times.length; j++) {
            let x = times[j] + off;
            while (x >= H) x -= H;
            buf[k++] = x;
          }
        }
      }
      const g = maxCircularGap(buf, H, 0, k);
      if (g > limit) {
        // this point beat the incumbent's worst: it is tried first next time
        if (h > 0) {
          hot.copyWithin(1, 0, h);
          hot[0] = p;
        }
        return rejected(unseen, hours);
      }
      gaps[p] = g;
    }
    let worst = 0;
    let ratio = 0;
    let wsum = 0;
    let msum = 0;
    // summed in point order whatever order the gaps were found in: the same figures to the last bit
    for (let p = 0; p < n; p++) {
      if (!has[p]) continue;
      const g = gaps[p];
      if (target && target[p] > 0) {
        if (g / target[p] > ratio) ratio = g / target[p];
      } else if (g > worst) worst = g;
      wsum += this.weight[p];
      msum += this.weight[p] * g;
    }
    const sorted = this.sortBuf;
    sorted.set(gaps);
    sorted.sort();
    const m = Math.max(1, Math.ceil(n * 0.05));
    let top = 0;
    for (let k = n - m; k < n; k++) top += sorted[k];
    return { unseen, ratio, worst, top: top / m, mean: wsum > 0 ? msum / wsum : 0, hours };
  }
}

/** A candidate given up as worse than the incumbent: worse than any scored one in `better`'s order. */
function rejected(unseen: number, hours: number): Score {
  return { unseen, ratio: Infinity, worst: Infinity, top: Infinity, mean: Infinity, hours };
}

/** A sortie and its alternate `delay` hours later as one template. */
function merge(a: Template, b: Template, delay: number, points: number): Template {
  const start = new Int32Array(points + 1);
  const offs: number[] = [];
  for (let p = 0; p < points; p++) {
    start[p] = offs.length;
    for (let o = a.start[p]; o < a.start[p + 1]; o++) offs.push(a.offsets[o]);
    for (let o = b.start[p]; o < b.start[p + 1]; o++) offs.push(b.offsets[o] + delay);
  }
  start[points] = offs.length;
  const covers = Uint8Array.from(a.covers, (x, i) => x | b.covers[i]);
  const coverList: number[] = [];
  for (let i = 0; i < covers.length; i++) if (covers[i]) coverList.push(i);
  return {
    km: a.km + b.km,
    hours: a.hours + b.hours,
    start,
    offsets: Float64Array.from(offs),
    covers,
    coverList: Int32Array.from(coverList),
  };
}

/** Ratio of gap to target the model counts as met: under 1 so that the exact measure meets it too. */
const MODEL_MET = 0.9;

export function better(a: Score, b: Score): boolean {
  if (a.unseen !== b.unseen) return a.unseen < b.unseen;
  // a target met (with a margin for the model's approximation) is enough: beyond it the plain objective decides
  const ra = Math.max(a.ratio, MODEL_MET);
  const rb = Math.max(b.ratio, MODEL_MET);
  if (Math.abs(ra - rb) > 1e-4) return ra < rb;
  if (Math.abs(a.worst - b.worst) > 1e-3) return a.worst < b.worst;
  if (Math.abs(a.top - b.top) > 1e-3) return a.top < b.top;
  if (Math.abs(a.mean - b.mean) > 1e-4) return a.mean < b.mean;
  return a.hours < b.hours - 1e-6;
}
