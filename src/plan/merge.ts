/**
 * Fewer sorties: a savings (Clarke-Wright) post-pass over a plan's sorties (docs/mop-up.md, "Fewer sorties").
 *
 * Two sorties X and Y of the same aircraft type (and so the same base) become one that flies X up to one of its
 * vertices, hops to a vertex of Y (a straight leg in free space, else a route through the navigator's grid) and
 * flies Y from there home. Either sortie may be flown backwards (verify judges the climb-out and the approach
 * alike). Clarke-Wright's greedy, run twice (the largest saving first, then the shortest merged sortie first; the
 * result with fewer sorties, then fewer km, is kept); a merge is made only when
 * - the merged sortie fits the type's range;
 * - it sees everything X and Y saw (measured exactly, `SampleIndex.coveredBy`): X's part up to the vertex sees
 *   all X saw and Y's part from its vertex all Y saw;
 * - it is legal as verify judges it: X's part keeps X's climb-out, Y's part Y's approach, and everything between
 *   is held to the standoff. So both vertices are outside the band (with the planner's margin) and, for a sortie
 *   that reaches the sea, at sea there (verify's climb-out ends at the first point at sea outside the band: it
 *   must be X's own); the hop is free space (standoff band, no-fly areas, land it must not overfly). A sortie
 *   that stays over land all along (a climb onto the base's own land) merges only with another one such, by a hop
 *   over land, so that verify's climb-out still ends where it did.
 * A sortie flying "A then B through the base without landing" is the case of both vertices at the base: legal
 * only for a base at sea outside the band (elsewhere the middle of the sortie would cross the band).
 */
import FlatQueue from 'flatqueue';
import { samplesToIntervals } from '../domain/coast.js';
import type { Sortie } from '../domain/plan.js';
import { type AircraftType, rangeKm, speedKmh } from '../domain/scenario.js';
import { fastDistanceKm } from '../geo/frame.js';
import { distanceKm, geodesicSteps, lineLengthKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { joinPaths } from '../geo/polyline.js';
import { originsOf, type PlanContext } from './planner.js';

export interface MergeOptions {
  /** A merge may add at most this many km to the two sorties' total (default 0: it never lengthens the plan). */
  maxExtraKm?: number;
  /** Routed hops (grid searches) the pass may try in all. */
  routes?: number;
  /** Which merge first: the largest saving, or the shortest merged sortie (default: both are run, the better kept). */
  rank?: 'saving' | 'short';
  /** Vertices of a sortie tried as a merge's end (the rest are thinned out evenly). */
  ends?: number;
}

export interface MergeResult {
  sorties: Sortie[];
  /** Per sample, 1 if some sortie sees it (what the input saw, and any more a hop sees). */
  covered: Uint8Array;
  /** Merges made. */
  merges: number;
}

/** Where a sortie may be left or joined: a sea sortie at sea outside the band, a land sortie over land. */
type Kind = 'sea' | 'land';

interface Item {
  type: AircraftType;
  path: LonLat[];
  /** Cumulative km along path, per vertex. */
  cum: number[];
  cov: Uint8Array;
  kind: Kind;
  /** Per vertex: a merge may leave or join the sortie there. */
  ends: Uint8Array;
  /** Least vertex whose part of the path from the start sees all the sortie sees. */
  kmin: number;
  /** Greatest vertex whose part of the path to the end sees all the sortie sees. */
  jmax: number;
  /** Where it stood in the input (merged: the first of its parts), for the output's order. */
  order: number;
  /** Made by a merge (else an input sortie, whose record is kept). */
  merged?: boolean;
}

interface Option {
  x: Item;
  y: Item;
  /** Flown backwards. */
  rx: boolean;
  ry: boolean;
  /** Vertex of x (as flown) left at, and of y (as flown) joined at. */
  k: number;
  j: number;
  /** Saving (km): estimated with a straight hop, or exact once the hop is found. */
  saving: number;
  /** The merged sortie's km (as saving). */
  km: number;
  hop?: LonLat[];
}

/** Options kept per pair of sorties and way of flying them (the best by a straight hop's estimate). */
const OPTIONS_PER_WAY = 3;

/** Samples along a hop judged for land (km): a land sortie's hop may not touch the sea outside the band. */
const LAND_STEP_KM = 0.5;

/**
 * The savings pass (see the module's comment). Pure: returns new sorties (renumbered S01...) and coverage; the
 * input's are not changed.
 */
export function mergeSorties(
  ctx: PlanContext,
  sorties: readonly Sortie[],
  covered: Uint8Array,
  opts: MergeOptions = {},
): MergeResult {
  const { samples } = ctx.coast;
  const run: Run = {
    ctx,
    maxExtra: opts.maxExtraKm ?? 0,
    nEnds: opts.ends ?? 12,
    budget: { routes: opts.routes ?? 400 },
    hops: new Map(),
  };
  // every sortie is an item (its place in the output); those no merge may touch have no options
  const items: (Item | Sortie)[] = sorties.map((s, n) => {
    const type = ctx.scenario.aircraft.find((a) => a.name === s.aircraft && a.base === s.base);
    return (type && itemOf(ctx, type, s.path, n)) ?? s;
  });
  // groups: one type flies from one base
  const groups = new Map<AircraftType, Item[]>();
  for (const it of items) if ('kind' in it) groups.set(it.type, [...(groups.get(it.type) ?? []), it]);
  // the greedy's order matters: the largest saving first, and the shortest merged sortie first (that leaves
  // room for more merges); the one with fewer sorties, then fewer km, is kept (they share the sorties' measures)
  const ranks = opts.rank ? [opts.rank] : (['saving', 'short'] as const);
  const kept: Item[] = [];
  let merges = 0;
  for (const group of groups.values()) {
    let best: Item[] = group;
    for (const rank of ranks) {
      const got = greedy(run, group, rank);
      if (got.length < best.length || (got.length === best.length && kmOf(got) < kmOf(best) - 1e-9))
        best = got;
    }
    merges += group.length - best.length;
    kept.push(...best);
  }
  const out = Uint8Array.from(covered);
  if (merges === 0) return { sorties: [...sorties], covered: out, merges };
  for (const it of kept) for (let i = 0; i < samples.count; i++) if (it.cov[i]) out[i] = 1;
  // in the input's order (a merged sortie where its first part was), renumbered S01...
  const all: { order: number; s: Sortie | Item }[] = kept.map((it) => ({ order: it.order, s: it }));
  items.forEach((it, n) => {
    if (!('kind' in it)) all.push({ order: n, s: it });
  });
  all.sort((a, b) => a.order - b.order);
  const result = all.map(({ s }, n): Sortie => {
    const id = `S${String(n + 1).padStart(2, '0')}`;
    if (!('kind' in s)) return { ...s, id };
    // a sortie no merge touched keeps its record
    if (!s.merged) return { ...sorties[s.order], id };
    const km = lineLengthKm(s.path);
    return {
      id,
      aircraft: s.type.name,
      base: s.type.base,
      path: s.path,
      distanceKm: km,
      durationH: km / speedKmh(s.type),
      covers: samplesToIntervals(samples, (k) => s.cov[k] === 1),
    };
  });
  return { sorties: result, covered: out, merges };
}

/** What one savings pass shares with another: the context, the limits, the hops found. */
interface Run {
  ctx: PlanContext;
  maxExtra: number;
  nEnds: number;
  budget: { routes: number };
  /** Hops between two vertices already looked for (null: none legal). */
  hops: Map<string, LonLat[] | null>;
}

function kmOf(items: readonly Item[]): number {
  return items.reduce((t, it) => t + it.cum[it.cum.length - 1], 0);
}

/** One greedy pass over a group's sorties (one type and base), merges in the order `rank` says; the sorties left. */
function greedy(run: Run, group: readonly Item[], rank: 'saving' | 'short'): Item[] {
  const { ctx, maxExtra, nEnds } = run;
  if (group.length < 2) return [...group];
  const key = rank === 'short' ? (o: Option) => -o.km : (o: Option) => o.saving;
  const R = rangeKm(group[0].type) * (1 - 1e-9);
  const live = new Set(group);
  // a heap of the options' numbers, the best on top (FlatQueue keeps the least: the key negated)
  const pool: Option[] = [];
  const heap = new FlatQueue<number>();
  const push = (o: Option) => {
    pool.push(o);
    heap.push(pool.length - 1, -key(o));
  };
  const offer = (a: Item, b: Item) => {
    for (const o of optionsOf(a, b, R, maxExtra, nEnds)) push(o);
  };
  for (let p = 0; p < group.length; p++) for (let q = p + 1; q < group.length; q++) offer(group[p], group[q]);
  while (heap.length > 0) {
    const o = pool[heap.pop()!];
    if (!live.has(o.x) || !live.has(o.y)) continue;
    if (!o.hop) {
      // find the hop; back into the heap with its exact figures
      const hop = hopBetween(run, o);
      if (!hop) continue;
      const km = pathKm(o.x, o.rx, 0, o.k) + lineLengthKm(hop) + pathKm(o.y, o.ry, o.j, o.y.path.length - 1);
      const saving = o.x.cum[o.x.cum.length - 1] + o.y.cum[o.y.cum.length - 1] - km;
      if (km > R || saving < -maxExtra) continue;
      push({ ...o, saving, km, hop });
      continue;
    }
    const path = joinPaths([part(o.x, o.rx, 0, o.k), o.hop, part(o.y, o.ry, o.j, o.y.path.length - 1)]);
    if (lineLengthKm(path) > R) continue;
    // what it sees is measured leg by leg (the union is coveredBy's own measure of the path); by construction it
    // sees all both saw, and a merge that would lose a sample is not made all the same
    const m = itemOf(ctx, o.x.type, path, Math.min(o.x.order, o.y.order), o.x.kind);
    if (!m || !superset(m.cov, o.x.cov) || !superset(m.cov, o.y.cov)) continue;
    m.merged = true;
    live.delete(o.x);
    live.delete(o.y);
    for (const other of live) offer(other, m);
    live.add(m);
  }
  return [...live];
}

/** A sortie prepared for merging; null when it may not be merged (it reaches the sea but has no vertex there). */
function itemOf(
  ctx: PlanContext,
  type: AircraftType,
  path: LonLat[],
  order: number,
  kind?: Kind,
): Item | null {
  if (path.length < 2) return null;
  const { free, sidx } = ctx;
  const cum = [0];
  for (let i = 1; i < path.length; i++) cum.push(cum[i - 1] + distanceKm(path[i - 1], path[i]));
  const k = kind ?? kindOf(ctx, path);
  if (!k) return null;
  const ends = new Uint8Array(path.length);
  for (let i = 0; i < path.length; i++)
    ends[i] = free.pointFree(path[i]) && (k === 'land' ? !free.atSea(path[i]) : free.atSea(path[i])) ? 1 : 0;
  // no vertex where a merge may leave or join it: it is left as it is
  if (!ends.includes(1)) return null;
  // per sample, the first and the last leg that sees it (what the path sees is the union of what its legs see, each
  // measured as coveredBy measures it): the least vertex whose part from the start sees all ends the latest first
  // leg, the greatest one whose part to the end sees all starts the earliest last leg
  const count = ctx.coast.samples.count;
  const first = new Int32Array(count).fill(-1);
  const last = new Int32Array(count).fill(-1);
  const scratch = new Uint8Array(count);
  const hit: number[] = [];
  for (let leg = 0; leg + 1 < path.length; leg++) {
    sidx.coveredBy([path[leg], path[leg + 1]], type.sensorRangeKm, scratch);
    // only the samples this leg marked: scratch is cleared behind them
    for (const i of touched(sidx, path[leg], path[leg + 1], type.sensorRangeKm, scratch, hit)) {
      if (first[i] < 0) first[i] = leg;
      last[i] = leg;
      scratch[i] = 0;
    }
  }
  const seen = Uint8Array.from(first, (f) => (f >= 0 ? 1 : 0));
  let kmin = 0;
  let jmax = path.length - 1;
  for (let i = 0; i < count; i++) {
    if (!seen[i] || first[i] < 0) continue;
    kmin = Math.max(kmin, first[i] + 1);
    jmax = Math.min(jmax, last[i]);
  }
  return { type, path, cum, cov: seen, kind: k, ends, kmin, jmax, order };
}

/**
 * A sortie reaching the sea outside the band somewhere is a sea sortie; one that never does (checked every
 * LAND_STEP_KM) a land sortie. Without land data every point is at sea: all are sea sorties.
 */
function kindOf(ctx: PlanContext, path: LonLat[]): Kind {
  const { free } = ctx;
  if (!free.anyLand) return 'sea';
  for (const p of path) if (free.atSea(p) && free.pointFree(p)) return 'sea';
  return touchesSea(ctx, path) ? 'sea' : 'land';
}

/** Whether some point of the path (at most LAND_STEP_KM apart) lies at sea at least the standoff from the coast. */
function touchesSea(ctx: PlanContext, path: readonly LonLat[]): boolean {
  const { free } = ctx;
  const S = free.standoffKm;
  for (let i = 0; i + 1 < path.length; i++) {
    const leg = geodesicSteps(path[i], path[i + 1], LAND_STEP_KM);
    for (let k = 0; k <= leg.n; k++) {
      const p = leg.at(k);
      if (free.atSea(p) && free.clearance(p, S) >= S) return true;
    }
  }
  return false;
}

/** The samples near leg a-b (where coveredBy looks) that `marks` has set; into `into`, which is returned. */
function touched(
  sidx: PlanContext['sidx'],
  a: LonLat,
  b: LonLat,
  rangeKm: number,
  marks: Uint8Array,
  into: number[],
): number[] {
  into.length = 0;
  // wider than coveredBy looks (range + 0.3% + 5 m), so every sample it marked is found and cleared
  sidx.nearLeg(a, b, rangeKm * 1.01 + 0.1, (i) => {
    if (marks[i]) into.push(i);
  });
  return into;
}

function superset(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] && !a[i]) return false;
  return true;
}

/** Vertex i of an item as flown (forwards or backwards). */
function vertex(it: Item, rev: boolean, i: number): LonLat {
  return it.path[rev ? it.path.length - 1 - i : i];
}

/** Km flown from vertex a to vertex b (as flown). */
function pathKm(it: Item, rev: boolean, a: number, b: number): number {
  const n = it.path.length - 1;
  return rev ? it.cum[n - a] - it.cum[n - b] : it.cum[b] - it.cum[a];
}

/** The path from vertex a to vertex b (as flown). */
function part(it: Item, rev: boolean, a: number, b: number): LonLat[] {
  const n = it.path.length - 1;
  return rev ? it.path.slice(n - b, n - a + 1).reverse() : it.path.slice(a, b + 1);
}

/** The vertices a merge may leave x at (as flown): after all x sees, and a legal end; at most n, evenly thinned. */
function leaveAt(it: Item, rev: boolean, n: number): number[] {
  const last = it.path.length - 1;
  // flown backwards, the part from the start that sees all is the forwards part from jmax on
  const from = rev ? last - it.jmax : it.kmin;
  const out: number[] = [];
  for (let i = from; i <= last; i++) if (it.ends[rev ? last - i : i]) out.push(i);
  return thin(out, n);
}

/** The vertices a merge may join y at (as flown): before all y sees, and a legal end. */
function joinAt(it: Item, rev: boolean, n: number): number[] {
  const last = it.path.length - 1;
  const to = rev ? last - it.kmin : it.jmax;
  const out: number[] = [];
  for (let i = 0; i <= to; i++) if (it.ends[rev ? last - i : i]) out.push(i);
  return thin(out, n);
}

function thin(xs: number[], n: number): number[] {
  if (xs.length <= n) return xs;
  const out: number[] = [];
  for (let k = 0; k < n; k++) out.push(xs[Math.round((k * (xs.length - 1)) / (n - 1))]);
  return [...new Set(out)];
}

/**
 * The merges of a and b worth trying: each way round (a then b, b then a) and each flown either way, the best
 * pair of ends by a straight hop's estimate; those that fit the range and save at least -maxExtra km.
 */
function optionsOf(a: Item, b: Item, R: number, maxExtra: number, nEnds: number): Option[] {
  if (a.kind !== b.kind) return [];
  const out: Option[] = [];
  const total = a.cum[a.cum.length - 1] + b.cum[b.cum.length - 1];
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const)
    for (const rx of [false, true])
      for (const ry of [false, true]) {
        const mine: Option[] = [];
        const ks = leaveAt(x, rx, nEnds);
        const js = joinAt(y, ry, nEnds);
        for (const k of ks) {
          const xKm = pathKm(x, rx, 0, k);
          const p = vertex(x, rx, k);
          for (const j of js) {
            const km = xKm + fastDistanceKm(p, vertex(y, ry, j)) + pathKm(y, ry, j, y.path.length - 1);
            const saving = total - km;
            if (km <= R && saving >= -maxExtra) mine.push({ x, y, rx, ry, k, j, saving, km });
          }
        }
        // the best few: when the best one's hop is not free, the next may be (or a worse but free one)
        mine.sort((p, q) => q.saving - p.saving);
        const kept = mine.slice(0, OPTIONS_PER_WAY);
        // and through the base without landing, where that is legal (a base at sea outside the band): no hop at all
        const through = mine.find((o) => o.k === x.path.length - 1 && o.j === 0);
        if (through && !kept.includes(through)) kept.push(through);
        out.push(...kept);
      }
  return out;
}

/** The hop of an option: a straight free leg, else a route on the navigator's grid; for land sorties over land. */
function hopBetween(run: Run, o: Option): LonLat[] | null {
  const { ctx, budget } = run;
  const a = vertex(o.x, o.rx, o.k);
  const b = vertex(o.y, o.ry, o.j);
  if (fastDistanceKm(a, b) < 1e-9) return [a];
  const land = o.x.kind === 'land';
  const id = `${a[0]},${a[1]},${b[0]},${b[1]},${land}`;
  const known = run.hops.get(id);
  if (known !== undefined) return known;
  const ok = (path: LonLat[]) => !land || !touchesSea(ctx, path);
  let hop: LonLat[] | null = null;
  if (ctx.free.legFree(a, b)) hop = ok([a, b]) ? [a, b] : null;
  else if (budget.routes > 0 && joined(ctx, o.x.type.base, a, b)) {
    budget.routes--;
    const r = ctx.nav.route(a, b);
    hop = r && ok(r.path) ? r.path : null;
  }
  run.hops.set(id, hop);
  return hop;
}

/**
 * Whether the grid joins a and b: both reached from one way out of the base (those fields are built already). A
 * search between parts of free space the grid does not join (the Baltic and the North Sea off Hamburg) would
 * walk the whole part before it failed.
 */
function joined(ctx: PlanContext, base: string, a: LonLat, b: LonLat): boolean {
  return originsOf(ctx, base).some((o) => ctx.nav.reachable(o.exit, a) && ctx.nav.reachable(o.exit, b));
}
