/**
 * The search over schedules: a few layouts to start from (every airframe sweeping the whole coast in turn; one
 * sector per aircraft type; one sector per airframe), each tuned by coordinate descent on the model (takeoff
 * phases, sectors, sweeps per sortie, sorties per horizon), keeping the best by worst revisit, then the worst
 * 5%, then the mean, then flight hours. Deterministic: the same input always gives the same schedule.
 */
import { fastDistanceKm } from '../geo/frame.js';
import type { LonLat } from '../geo/lonlat.js';
import { pointAtKm } from '../plan/tour-point.js';
import type { HopSector, ScheduleContext, TypeModel } from './context.js';
import { type AltSortie, better, type Model, type Rotation, type Score, type Strategy } from './model.js';

export interface SearchOptions {
  /** Model evaluations to spend in all. */
  budget: number;
  /**
   * Schedules of smaller fleets to start from (a sweep's previous row): the search then grows them by the
   * airframes they lack and descends from those alone, instead of every layout from scratch.
   */
  seeds?: Strategy[];
}

export interface SearchResult {
  strategy: Strategy;
  score: Score;
  /** Runners-up worth measuring exactly (the model's measure is an approximation). */
  also?: Strategy[];
}

/** Airframes per type index (the fleet being scheduled). */
export type FleetCounts = number[];

/** A seeded search spends this fraction of the budget (the seed is already tuned). */
const SEEDED_SHARE = 3;
/** Fleets larger than this, given a seed, spend the smaller budget. */
const SEEDS_ONLY_ABOVE = 8;

export function searchSchedule(model: Model, fleet: FleetCounts, opts: SearchOptions): SearchResult {
  const seeded = (opts.seeds ?? []).flatMap((s) => grow(model, s, fleet));
  const airframes = fleet.reduce((a, b) => a + b, 0);
  // large fleets grown from a seed search their layouts too, on a smaller budget: the seed is already tuned
  const fromSeeds = seeded.length > 0 && airframes > SEEDS_ONLY_ABOVE;
  const starts = [...seeded, ...layouts(model, fleet)].map((s) => coverAll(model, s));
  // the budget is for descents: what building the layouts scored is not counted
  const evals0 = model.evals;
  if (starts.length === 0)
    return { strategy: { name: 'none', rotations: [] }, score: model.score({ name: 'none', rotations: [] }) };
  // grown from a tuned smaller fleet, a quarter of the budget tunes what the new airframes change
  const budget = fromSeeds ? Math.max(100, Math.round(opts.budget / SEEDED_SHARE)) : opts.budget;
  // a short descent from every layout, then the two best go on with what is left
  const share = Math.max(20, Math.floor(budget / (starts.length + 4)));
  const tried: SearchResult[] = [];
  for (const s of starts) {
    const r = descend(model, s, model.evals + share);
    tried.push(r);
  }
  tried.sort((a, b) => (better(a.score, b.score) ? -1 : better(b.score, a.score) ? 1 : 0));
  // the rest of this search's own budget (not the model's running count: a fleet is searched alike wherever it
  // stands in the lattice)
  const left = Math.max(2 * share, evals0 + budget - model.evals);
  // in two stages: a share each first, then the rest; the model can overfit its own measure (sighting instants,
  // a subset of points), so the best after the first stage is offered to the exact measure too
  let first = tried[0];
  const staged: SearchResult[] = [];
  for (const r of tried.slice(0, 2)) {
    const done = descend(model, r.strategy, model.evals + share);
    staged.push(done);
    if (better(done.score, first.score)) first = done;
  }
  let best = first;
  const more = Math.floor(left / 2) - share;
  if (more > 0)
    for (const r of staged) {
      const done = descend(model, r.strategy, model.evals + more);
      if (better(done.score, best.score)) best = done;
    }
  return best === first ? best : { ...best, also: [first.strategy] };
}

// ----------------------------------------------------------------------------------------------- layouts

function capacity(model: Model, t: TypeModel): number {
  // km of sweeping an airframe of this type gives per hour, after the nearest transit and the turnaround
  let tr = Infinity;
  for (let g = 0; g < t.grid.length; g += Math.max(1, Math.floor(t.grid.length / 16)))
    tr = Math.min(tr, model.ctx.transit(t, g));
  if (!Number.isFinite(tr)) return 0;
  const onH = Math.max(0, t.usableH - (2 * tr) / t.kmh);
  return (t.kmh * onH) / (t.usableH + t.type.turnaroundH);
}

const ranksCache = new WeakMap<ScheduleContext, { order: number[] }>();

/** Samples in their order along the reference tour (the finest one); samples that tour does not see are left out. */
function referenceRanks(ctx: ScheduleContext): { order: number[] } {
  const hit = ranksCache.get(ctx);
  if (hit) return hit;
  const r = computeRanks(ctx);
  ranksCache.set(ctx, r);
  return r;
}

function computeRanks(ctx: ScheduleContext): { order: number[] } {
  const withTour = ctx.types.filter((t) => t.passes);
  const ref = withTour.reduce<TypeModel | null>(
    (a, t) => (!a || t.type.sensorRangeKm < a.type.sensorRangeKm ? t : a),
    null,
  );
  if (!ref) return { order: [] };
  const pos: { i: number; km: number }[] = [];
  ref.passOf.forEach((list, i) => {
    if (list.length > 0) pos.push({ i, km: ref.passes!.alongKm[list[0]] });
  });
  pos.sort((a, b) => a.km - b.km || a.i - b.i);
  return { order: pos.map((p) => p.i) };
}

/** The grid span of a type's tour that sees the samples ranked [r0, r1) on the reference tour. */
function spanFor(t: TypeModel, order: number[], r0: number, r1: number): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = r0; r < r1; r++) {
    const list = t.passOf[order[r]];
    if (!list || list.length === 0) continue;
    const km = t.passes!.alongKm[list[0]];
    if (km < lo) lo = km;
    if (km > hi) hi = km;
  }
  if (!Number.isFinite(lo)) return null;
  const step = t.tourKm / (t.grid.length - 1);
  const a = Math.max(0, Math.floor(lo / step));
  const b = Math.min(t.grid.length - 1, Math.ceil(hi / step));
  return [a, Math.max(b, Math.min(t.grid.length - 1, a + 1))];
}

/** A rotation over [lo, hi] (shrunk until one sweep fits), with the sweeps per sortie that sweep most often. */
function makeRotation(model: Model, t: TypeModel, tails: number[], lo: number, hi: number): Rotation | null {
  const ctx = model.ctx;
  const base = (l: number, h: number, legs: number, startHi: boolean): Rotation => ({
    type: t.index,
    tails,
    lo: l,
    hi: h,
    legs,
    startHi,
    perHorizon: 0,
    phase: 0,
    offsets: tails.map(() => 0),
  });
  let startHi = false;
  for (;;) {
    if (lo >= hi) return null;
    const a = base(lo, hi, 1, false);
    const b = base(lo, hi, 1, true);
    if (model.maxPerHorizon(a) > 0) break;
    if (model.maxPerHorizon(b) > 0) {
      startHi = true;
      break;
    }
    // drop the costlier end
    if (ctx.transit(t, lo) >= ctx.transit(t, hi)) lo++;
    else hi--;
  }
  let bestR: Rotation | null = null;
  let bestRate = -1;
  for (let legs = 1; legs <= 60; legs++) {
    const r = base(lo, hi, legs, startHi);
    const J = model.maxPerHorizon(r);
    if (J <= 0) {
      if (legs > 2) break;
      continue;
    }
    const rate = legs * J;
    if (rate > bestRate) {
      bestRate = rate;
      bestR = { ...r, perHorizon: J };
    }
  }
  if (!bestR) return null;
  spread(model, bestR);
  return bestR;
}

/** Airframes of a rotation evenly apart over its cycle. */
function spread(model: Model, r: Rotation): void {
  const c = model.horizonH / r.perHorizon;
  r.offsets = r.tails.map((_t, m) => (m * c) / r.tails.length);
}

function tailsOf(fleet: FleetCounts, type: number): number[] {
  return Array.from({ length: fleet[type] }, (_v, k) => k + 1);
}

function layouts(model: Model, fleet: FleetCounts): Strategy[] {
  const ctx = model.ctx;
  const flying = ctx.types.filter((t) => fleet[t.index] > 0 && t.passes && capacity(model, t) > 0);
  if (flying.length === 0) return [];
  const out: Strategy[] = [];
  const full = (t: TypeModel) => [0, t.grid.length - 1] as const;

  // relay: every airframe sweeps the whole of what it reaches, the fleet in turn
  const relay: Rotation[] = [];
  const relayEach: Rotation[] = [];
  for (const t of flying) {
    const [lo, hi] = full(t);
    const r = makeRotation(model, t, tailsOf(fleet, t.index), lo, hi);
    if (r) relay.push(r);
    for (const tail of tailsOf(fleet, t.index)) {
      const e = makeRotation(model, t, [tail], lo, hi);
      if (e) relayEach.push(e);
    }
  }
  staggerAcross(model, relayEach);
  out.push({ name: 'relay', rotations: relay }, { name: 'relay, airframes apart', rotations: relayEach });

  // sectors in the order of the reference tour, sized by what each flier can sweep
  const { order } = referenceRanks(ctx);
  const sectors = (name: string, groups: { t: TypeModel; tails: number[]; cap: number }[]) => {
    const total = groups.reduce((s, g) => s + g.cap, 0);
    if (total <= 0) return;
    const rotations: Rotation[] = [];
    const cuts = [0];
    let acc = 0;
    groups.forEach((g, k) => {
      const r0 = cuts[k];
      acc += g.cap;
      const r1 = Math.round((acc / total) * order.length);
      cuts.push(r1);
      const span = spanFor(g.t, order, r0, r1);
      if (!span) return;
      const r = makeRotation(model, g.t, g.tails, span[0], span[1]);
      if (r) rotations.push({ ...r, sector: k });
    });
    staggerAcross(model, rotations);
    if (rotations.length > 0) out.push({ name, rotations, cuts });
  };
  // with revisit targets: one type's airframes kept on the targeted coast, the other types sweeping all they reach
  if (model.targets.length > 0 && flying.length > 1) {
    const km = ctx.plan.coast.samples.km;
    let r0 = Infinity;
    let r1 = -Infinity;
    order.forEach((i, r) => {
      if (model.targets.some((x) => km[i] >= x.fromKm && km[i] <= x.toKm)) {
        r0 = Math.min(r0, r);
        r1 = Math.max(r1, r + 1);
      }
    });
    if (Number.isFinite(r0))
      for (const t of flying) {
        const span = spanFor(t, order, r0, r1);
        if (!span) continue;
        const focus = makeRotation(model, t, tailsOf(fleet, t.index), span[0], span[1]);
        if (!focus) continue;
        const rest: Rotation[] = [];
        for (const o of flying) {
          if (o === t) continue;
          const [lo, hi] = full(o);
          const r = makeRotation(model, o, tailsOf(fleet, o.index), lo, hi);
          if (r) rest.push(r);
        }
        out.push({ name: `targets: ${t.type.name} on the targeted coast`, rotations: [focus, ...rest] });
      }
  }
  // coast only one type sees: that type's sorties planned around it first, the others sharing what is left
  const own = ownCoastLayout(model, fleet, flying, order);
  if (own) out.push(own);
  const comp = complementLayout(model, fleet, flying);
  if (comp) out.push(comp);
  const perms = flying.length <= 3 ? permutations(flying) : [flying];
  for (const p of perms) {
    const label = p.map((t) => t.type.name).join(' | ');
    if (flying.length > 1)
      sectors(
        `sector per type: ${label}`,
        p.map((t) => ({ t, tails: tailsOf(fleet, t.index), cap: capacity(model, t) * fleet[t.index] })),
      );
    const each = p.flatMap((t) =>
      tailsOf(fleet, t.index).map((tail) => ({ t, tails: [tail], cap: capacity(model, t) })),
    );
    if (each.length > 1 && each.length <= 16) sectors(`sector per airframe: ${label}`, each);
  }
  return out;
}

/**
 * A smaller fleet's strategy with the airframes it lacks added, in each of a few ways: joined to each rotation of
 * their type (the rotation's airframes spread evenly again), or flying the whole tour of their type on their own.
 */
function grow(model: Model, seed: Strategy, fleet: FleetCounts): Strategy[] {
  let out: Strategy[] = [clone(seed)];
  for (const t of model.ctx.types) {
    const used = new Set<number>();
    for (const r of seed.rotations) if (r.type === t.index) for (const tail of r.tails) used.add(tail);
    const missing = tailsOf(fleet, t.index).filter((tail) => !used.has(tail));
    if (missing.length === 0) continue;
    const next: Strategy[] = [];
    for (const s of out) {
      s.rotations.forEach((r, k) => {
        if (r.type !== t.index) return;
        const n = clone(s);
        const x = n.rotations[k];
        x.tails = [...x.tails, ...missing];
        spread(model, x);
        next.push(n);
      });
      if (t.passes && capacity(model, t) > 0) {
        const solo = makeRotation(model, t, missing, 0, t.grid.length - 1);
        if (solo) {
          const n = clone(s);
          solo.phase = (model.horizonH / solo.perHorizon) * 0.5;
          n.rotations.push(solo);
          next.push(n);
        }
      }
    }
    // a few variants at most: each is descended from
    out = next.slice(0, 4);
  }
  // airframes beyond the seed's fleet are dropped (a seed from a larger fleet)
  return out.map((s) => ({
    ...s,
    rotations: s.rotations
      .map((r) => {
        const keep = r.tails
          .map((tail, m) => ({ tail, off: r.offsets[m] ?? 0 }))
          .filter((x) => x.tail <= fleet[r.type]);
        return { ...r, tails: keep.map((x) => x.tail), offsets: keep.map((x) => x.off) };
      })
      .filter((r) => r.tails.length > 0),
  }));
}

/** Most distinct places along a tour the own-coast layout weighs (beyond it the layout is not tried). */
const OWN_CLUSTERS = 20;

/**
 * Where one flying type alone sees some coast (the Tunisian twin's lagoon and island shores), a layout that first
 * gives that type the shortest sortie seeing all of it: one stretch of its tour, or two with a hop between (so
 * the coast is seen every cycle, not every other one as an alternate sortie gives). The other types then share
 * the coast left unseen, sectors sized by capacity.
 */
function ownCoastLayout(
  model: Model,
  fleet: FleetCounts,
  flying: TypeModel[],
  order: number[],
): Strategy | null {
  if (flying.length < 2) return null;
  const rotations: Rotation[] = [];
  for (const t of flying) {
    const mine: number[] = [];
    for (let i = 0; i < model.seeable.length; i++)
      if (t.passOf[i]?.length && flying.every((o) => o === t || !o.passOf[i]?.length)) mine.push(i);
    if (mine.length === 0) continue;
    const r = ownRotation(model, t, tailsOf(fleet, t.index), mine);
    if (r) rotations.push(r);
  }
  if (rotations.length === 0) return null;
  // the rest: coast the own-coast sorties leave unseen, in reference order, split among the other types
  const seen = new Uint8Array(model.seeable.length);
  for (const r of rotations) {
    const tpl = model.template(r);
    if (tpl) for (const i of tpl.coverList) seen[i] = 1;
  }
  const rest = flying.filter((t) => !rotations.some((r) => r.type === t.index));
  const left: number[] = [];
  order.forEach((i, rank) => {
    if (!seen[i]) left.push(rank);
  });
  // one other type: the shortest sortie of it that sees all the rest, if there is one
  const whole =
    rest.length === 1 && left.length > 0
      ? ownRotation(
          model,
          rest[0],
          tailsOf(fleet, rest[0].index),
          left.map((rank) => order[rank]),
        )
      : null;
  if (whole) rotations.push(whole);
  else if (rest.length > 0 && left.length > 0) {
    const caps = rest.map((t) => capacity(model, t) * fleet[t.index]);
    const total = caps.reduce((a, b) => a + b, 0);
    let acc = 0;
    let from = 0;
    rest.forEach((t, k) => {
      acc += caps[k];
      const to = total > 0 ? Math.round((acc / total) * left.length) : left.length;
      if (to <= from) return;
      const span = spanFor(t, order, left[from], left[to - 1] + 1);
      from = to;
      if (!span) return;
      const r = makeRotation(model, t, tailsOf(fleet, t.index), span[0], span[1]);
      if (r) rotations.push(r);
    });
  }
  staggerAcross(model, rotations);
  return { name: 'own coast first', rotations };
}

/** Stretches of the first type's tour tried by the complement layout. */
const COMPLEMENT_STARTS = 16;

/**
 * Two flying types: one sweeps the longest stretch of its tour one sortie can, the other the shortest sortie
 * (one stretch or two and a hop) that sees all the rest, so neither alternates sorties. Each stretch start and
 * both orders of the types are tried; the best by the model is the layout.
 */
function complementLayout(model: Model, fleet: FleetCounts, flying: TypeModel[]): Strategy | null {
  if (flying.length !== 2) return null;
  let best: Strategy | null = null;
  let bestScore: Score | null = null;
  const offer = (rotations: Rotation[]) => {
    const s: Strategy = { name: 'complement', rotations };
    staggerAcross(model, s.rotations);
    const sc = model.score(s);
    if (!bestScore || better(sc, bestScore)) {
      best = s;
      bestScore = sc;
    }
  };
  for (const [a, b] of [flying, [flying[1], flying[0]]]) {
    // stretches whose rest no one sortie of b sees: the few with the least rest are tried with a dash
    const unsplit: { ra: Rotation; left: number[] }[] = [];
    const G = a.grid.length - 1;
    for (let k = 0; k < COMPLEMENT_STARTS; k++) {
      const lo = Math.floor((k * G) / COMPLEMENT_STARTS);
      // the longest stretch from lo one sweep can fly
      let hi = lo;
      const one = (h: number) =>
        [false, true].some(
          (startHi) =>
            model.maxPerHorizon({
              type: a.index,
              tails: [1],
              lo,
              hi: h,
              legs: 1,
              startHi,
              perHorizon: 0,
              phase: 0,
              offsets: [0],
            }) > 0,
        );
      for (let step = 64; step >= 1; step >>= 1) while (hi + step <= G && one(hi + step)) hi += step;
      if (hi <= lo) continue;
      const ra = makeRotation(model, a, tailsOf(fleet, a.index), lo, hi);
      if (!ra) continue;
      const tpl = model.template(ra);
      if (!tpl) continue;
      const left: number[] = [];
      for (let i = 0; i < model.seeable.length; i++) if (model.seeable[i] && !tpl.covers[i]) left.push(i);
      if (left.some((i) => !b.passOf[i]?.length)) continue;
      const rb = left.length > 0 ? ownRotation(model, b, tailsOf(fleet, b.index), left) : null;
      // a dash only for coast b alone sees (coast a sees, a's own sortie can take on)
      if (left.length > 0 && !rb) {
        if (left.some((i) => !a.passOf[i]?.length)) unsplit.push({ ra, left });
      } else offer(rb ? [ra, rb] : [ra]);
    }
    for (const { ra, left } of unsplit) {
      const rb = withDash(model, b, tailsOf(fleet, b.index), left, a);
      if (rb) offer([ra, rb]);
    }
  }
  return best;
}

/** Places of the rest tried as a dash (the fewest samples first). */
const DASH_PLACES = 3;
/** A dash's place holds at most this fraction (as 1 / n) of the rest's passes. */
const DASH_SHARE = 10;

/**
 * When no one sortie of type t sees all of `rest`: the shortest sortie that sees all but one small place of it,
 * with that place flown as a short alternate sortie (a dash) after each. Only the dash's coast is then seen every
 * other cycle, and the cycle is the sortie and the dash, not two full sweeps.
 */
function withDash(
  model: Model,
  t: TypeModel,
  tails: number[],
  rest: number[],
  other: TypeModel,
): Rotation | null {
  if (!t.passes) return null;
  const G = t.grid.length - 1;
  const at = (j: number) => (t.passes!.alongKm[j] / t.tourKm) * G;
  const { xs, places } = placesOf(t, rest);
  let best: Rotation | null = null;
  // a dash is for a small place: a larger one is a sector of its own (the other layouts)
  const small = places.filter((p) => p.n * DASH_SHARE <= xs.length).sort((a, b) => a.n - b.n);
  for (const p of small.slice(0, DASH_PLACES)) {
    const inP = (i: number) => t.passOf[i].some((j) => at(j) >= p.lo - 1e-9 && at(j) <= p.hi + 1e-9);
    // only coast the other type cannot see is worth a dash
    if (!rest.some((i) => inP(i) && !other.passOf[i]?.length)) continue;
    const others = rest.filter((i) => !inP(i));
    if (others.length === 0 || others.length === rest.length) continue;
    const r = ownRotation(model, t, tails, others);
    if (!r || r.alt) continue;
    const lo = Math.max(0, Math.floor(p.lo));
    const hi = Math.min(G, Math.max(lo + 1, Math.ceil(p.hi)));
    for (const startHi of [false, true]) {
      const x: Rotation = {
        ...r,
        tails: [...tails],
        offsets: tails.map(() => 0),
        alt: { lo, hi, legs: 1, startHi },
      };
      if (!refit(model, x)) continue;
      if (!best || x.perHorizon > best.perHorizon) best = x;
    }
  }
  if (best) spread(model, best);
  return best;
}

/** Places along t's tour (grid units) where the samples are seen, merged within two grid steps. */
function placesOf(
  t: TypeModel,
  samples: number[],
): { xs: number[]; places: { lo: number; hi: number; n: number }[] } {
  const G = t.grid.length - 1;
  const xs = samples
    .flatMap((i) => t.passOf[i].map((j) => (t.passes!.alongKm[j] / t.tourKm) * G))
    .sort((a, b) => a - b);
  const places: { lo: number; hi: number; n: number }[] = [];
  for (const x of xs) {
    const last = places[places.length - 1];
    if (last && x - last.hi <= 2) {
      last.hi = x;
      last.n++;
    } else places.push({ lo: x, hi: x, n: 1 });
  }
  return { xs, places };
}

const ownCache = new WeakMap<Model, Map<string, Rotation | null>>();

/** The shortest flyable sortie of type t seeing every sample of `mine`: one stretch of its tour, or two and a hop. */
function ownRotation(model: Model, t: TypeModel, tails: number[], mine: number[]): Rotation | null {
  // the sortie depends on the type and the samples alone: the lattice's fleets and a sweep's rows ask again and again
  let cache = ownCache.get(model);
  if (!cache) {
    cache = new Map();
    ownCache.set(model, cache);
  }
  const key = `${t.index}|${mine.join(',')}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = shortestOwn(model, t, mine);
    cache.set(key, found);
  }
  if (!found) return null;
  const r: Rotation = { ...found, tails, offsets: tails.map(() => 0) };
  spread(model, r);
  return r;
}

function shortestOwn(model: Model, t: TypeModel, mine: number[]): Rotation | null {
  const tails = [1];
  if (!t.passes) return null;
  const G = t.grid.length - 1;
  const at = (j: number) => (t.passes!.alongKm[j] / t.tourKm) * G;
  // places along the tour where the samples are seen, merged within two grid steps
  const xs = mine.flatMap((i) => t.passOf[i].map(at)).sort((a, b) => a - b);
  const places: { lo: number; hi: number }[] = [];
  for (const x of xs) {
    const last = places[places.length - 1];
    if (last && x - last.hi <= 2) last.hi = x;
    else places.push({ lo: x, hi: x });
  }
  if (places.length > OWN_CLUSTERS) return null;
  const placeOf = (x: number) => places.findIndex((p) => x >= p.lo - 1e-9 && x <= p.hi + 1e-9);
  const masks = new Set<number>();
  for (const i of mine) {
    let m = 0;
    for (const j of t.passOf[i]) m |= 1 << placeOf(at(j));
    masks.add(m);
  }
  const need = [...masks];
  const span = (a: number, b: number) => ((b >= 31 ? -1 : (1 << (b + 1)) - 1) & ~((1 << a) - 1)) >>> 0;
  const grid = (a: number, b: number): [number, number] => {
    const lo = Math.max(0, Math.floor(places[a].lo));
    return [lo, Math.min(G, Math.max(lo + 1, Math.ceil(places[b].hi)))];
  };
  const base = (lo: number, hi: number, startHi: boolean, hop?: HopSector): Rotation => ({
    type: t.index,
    tails,
    lo,
    hi,
    legs: 1,
    startHi,
    perHorizon: 0,
    phase: 0,
    offsets: tails.map(() => 0),
    ...(hop ? { hop } : {}),
  });
  const P = places.length;
  const point = (g: number) => pointOn(t, g);
  type Cand = { lb: number; make: () => Rotation[] };
  const cands: Cand[] = [];
  for (let a = 0; a < P; a++)
    for (let b = a; b < P; b++) {
      const m1 = span(a, b);
      const [lo, hi] = grid(a, b);
      const len = t.grid[hi] - t.grid[lo];
      if (need.every((m) => (m & m1) !== 0)) {
        cands.push({ lb: len, make: () => [base(lo, hi, false), base(lo, hi, true)] });
        continue;
      }
      for (let c = 0; c < P; c++)
        for (let d = c; d < P; d++) {
          if (!(d < a || c > b)) continue;
          const m2 = span(c, d);
          if (!need.every((m) => (m & (m1 | m2)) !== 0)) continue;
          const [lo2, hi2] = grid(c, d);
          // a lower bound to rank by: the sweeps and the straight distance between the nearest ends
          const gapKm = Math.min(
            ...[lo, hi].flatMap((e) => [lo2, hi2].map((f) => fastDistanceKm(point(e), point(f)) * 0.95)),
          );
          cands.push({
            lb: len + t.grid[hi2] - t.grid[lo2] + gapKm,
            make: () =>
              [false, true].flatMap((s1) =>
                [false, true].map((s2) => base(lo, hi, s1, { lo: lo2, hi: hi2, legs: 1, startHi: s2 })),
              ),
          });
        }
    }
  cands.sort((x, y) => x.lb - y.lb);
  let best: Rotation | null = null;
  let bestKm = Infinity;
  // the exact length needs routes: only the most promising few are measured
  for (const c of cands.slice(0, 12)) {
    if (c.lb >= bestKm) break;
    for (const r of c.make()) {
      const km = model.sortie(r).km;
      if (km <= t.rangeKm && km < bestKm) {
        bestKm = km;
        best = r;
      }
    }
  }
  if (!best) return null;
  const J = model.maxPerHorizon(best);
  if (J <= 0) return null;
  return { ...best, perHorizon: J };
}

function pointOn(t: TypeModel, g: number): LonLat {
  return pointAtKm(t.tour!.pts, t.tour!.cum, t.grid[g]);
}

/** Start single-airframe rotations of the same cycle evenly apart. */
function staggerAcross(model: Model, rotations: Rotation[]): void {
  const byType = new Map<number, Rotation[]>();
  for (const r of rotations) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  for (const list of byType.values()) {
    list.forEach((r, k) => {
      r.phase = ((model.horizonH / r.perHorizon) * k) / list.length;
    });
  }
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  const out: T[][] = [];
  xs.forEach((x, i) => {
    for (const rest of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) out.push([x, ...rest]);
  });
  return out;
}

/**
 * All reachable coast first: stretches a layout leaves unseen (a sector cut where the reference tour does not
 * see the coast, say) are given to the rotation whose type sees them and that reaches them with the smallest
 * change of its sector. Descent alone cannot find these: widening a sector step by step only costs until the
 * step that reaches the stretch.
 */
function coverAll(model: Model, start: Strategy): Strategy {
  const s = clone(start);
  const seen = new Uint8Array(model.seeable.length);
  const mark = () => {
    seen.fill(0);
    for (const r of s.rotations) {
      const tpl = model.template(r);
      if (tpl) for (let i = 0; i < seen.length; i++) seen[i] |= tpl.covers[i];
    }
  };
  mark();
  for (let i = 0; i < seen.length; i++) {
    if (!model.seeable[i] || seen[i]) continue;
    const options: { k: number; lo: number; hi: number; cost: number }[] = [];
    s.rotations.forEach((r, k) => {
      const t = model.ctx.types[r.type];
      if (!t.passes) return;
      const G = t.grid.length - 1;
      for (const j of t.passOf[i] ?? []) {
        const x = (t.passes.alongKm[j] / t.tourKm) * G;
        const lo = Math.min(r.lo, Math.max(0, Math.floor(x)));
        const hi = Math.max(r.hi, Math.min(G, Math.ceil(x)));
        const cost = t.grid[hi] - t.grid[lo] - (t.grid[r.hi] - t.grid[r.lo]);
        options.push({ k, lo, hi, cost });
      }
    });
    // the cheapest widening that can still be flown
    options.sort((a, b) => a.cost - b.cost);
    let done = false;
    for (const { k, lo, hi } of options) {
      const x = { ...s.rotations[k], tails: [...s.rotations[k].tails], offsets: [...s.rotations[k].offsets] };
      x.lo = lo;
      x.hi = hi;
      if (!refit(model, x)) continue;
      s.rotations[k] = x;
      mark();
      done = true;
      break;
    }
    if (done) continue;
    // else a second stretch in the same sortie, a hop away: seen every cycle
    for (const { k } of options) {
      const r = s.rotations[k];
      if (r.hop || r.alt) continue;
      const hop = hopSector(model, r, seen, i);
      if (!hop) continue;
      const x = { ...r, tails: [...r.tails], offsets: [...r.offsets], hop };
      if (!refit(model, x)) continue;
      s.rotations[k] = x;
      mark();
      done = true;
      break;
    }
    if (done) continue;
    // else an alternate sortie: the airframes fly it after each of their sorties, over the coast left unseen
    for (const { k } of options) {
      const r = s.rotations[k];
      if (r.alt) continue;
      const alt = altSector(model, r, seen, i);
      if (!alt) continue;
      const x = { ...r, tails: [...r.tails], offsets: [...r.offsets], alt };
      if (!refit(model, x)) continue;
      s.rotations[k] = x;
      mark();
      break;
    }
  }
  return s;
}

/** Grid positions (along t's tour) of the passes over coast the strategy leaves unseen and the model can see. */
function unseenAlong(model: Model, t: TypeModel, seen: Uint8Array): number[] {
  const G = t.grid.length - 1;
  const want: number[] = [];
  for (let q = 0; q < seen.length; q++) {
    if (!model.seeable[q] || seen[q]) continue;
    for (const j of t.passOf[q] ?? []) want.push((t.passes!.alongKm[j] / t.tourKm) * G);
  }
  return want;
}

/**
 * The widest stretch [lo, hi] of a tour of G grid steps around position x that `fit` accepts, grown from x towards
 * each of `want` nearest first; `fit` gives what the stretch is flown as, or null when it cannot be.
 */
function growStretch<T>(
  x: number,
  want: readonly number[],
  G: number,
  fit: (lo: number, hi: number) => T | null,
): { lo: number; hi: number; got: T } | null {
  let lo = Math.max(0, Math.floor(x));
  let hi = Math.min(G, Math.max(lo + 1, Math.ceil(x)));
  let got = lo < hi ? fit(lo, hi) : null;
  if (got === null && lo > 0) {
    lo--;
    got = fit(lo, hi);
  }
  if (got === null) return null;
  for (const w of [...want].sort((a, b) => Math.abs(a - x) - Math.abs(b - x))) {
    const l = Math.min(lo, Math.max(0, Math.floor(w)));
    const h = Math.max(hi, Math.min(G, Math.ceil(w)));
    if (l === lo && h === hi) continue;
    const c = fit(l, h);
    if (c !== null) [lo, hi, got] = [l, h, c];
  }
  return { lo, hi, got };
}

/**
 * A second stretch for rotation r's sorties around sample i's pass, grown as altSector grows its stretch, one
 * sweep of it after the rotation's own sweeps and a hop: the direction that makes the sortie shortest.
 */
function hopSector(model: Model, r: Rotation, seen: Uint8Array, i: number): HopSector | null {
  const t = model.ctx.types[r.type];
  if (!t.passes) return null;
  const G = t.grid.length - 1;
  const want = unseenAlong(model, t, seen);
  const fly = (lo: number, hi: number): HopSector | null => {
    let pick: HopSector | null = null;
    let km = Infinity;
    for (const startHi of [false, true]) {
      const hop = { lo, hi, legs: 1, startHi };
      const x2 = { ...r, legs: r.legs, hop };
      if (model.maxPerHorizon(x2) <= 0) continue;
      const k = model.sortie(x2).km;
      if (k < km) {
        km = k;
        pick = hop;
      }
    }
    return pick;
  };
  let best: HopSector | null = null;
  let bestKm = Infinity;
  for (const j of t.passOf[i] ?? []) {
    const grown = growStretch((t.passes.alongKm[j] / t.tourKm) * G, want, G, fly);
    if (!grown) continue;
    const km = model.sortie({ ...r, hop: grown.got }).km;
    if (km < bestKm) {
      bestKm = km;
      best = grown.got;
    }
  }
  return best;
}

/**
 * The widest stretch of a rotation's tour around sample i's pass, one sweep of it flyable, that covers the coast
 * its type sees and the strategy leaves unseen: grown from the pass towards the nearest unseen coast either side.
 */
function altSector(model: Model, r: Rotation, seen: Uint8Array, i: number): AltSortie | null {
  const t = model.ctx.types[r.type];
  if (!t.passes) return null;
  const G = t.grid.length - 1;
  const x = (t.passes.alongKm[(t.passOf[i] ?? [])[0]] / t.tourKm) * G;
  if (!Number.isFinite(x)) return null;
  const flyable = (lo: number, hi: number) =>
    model.maxPerHorizon({ ...r, alt: { lo, hi, legs: 1, startHi: false } }) > 0 ? true : null;
  const grown = growStretch(x, unseenAlong(model, t, seen), G, flyable);
  return grown && { lo: grown.lo, hi: grown.hi, legs: 1, startHi: false };
}

// ------------------------------------------------------------------------------------ coordinate descent

function clone(s: Strategy): Strategy {
  return {
    name: s.name,
    rotations: s.rotations.map((r) => ({ ...r, tails: [...r.tails], offsets: [...r.offsets] })),
    ...(s.cuts ? { cuts: [...s.cuts] } : {}),
  };
}

/** Keeps the sweeps if they still fit, else the most that do; sorties per horizon as many as fit. */
function refit(model: Model, x: Rotation): boolean {
  while (x.legs > 1 && model.maxPerHorizon(x) <= 0) x.legs--;
  const J = model.maxPerHorizon(x);
  if (J <= 0) return false;
  x.perHorizon = J;
  return true;
}

/** Moves of the boundary between sectors i - 1 and i: both neighbours' spans follow. */
function boundaryMoves(model: Model, s: Strategy): Strategy[][] {
  const cuts = s.cuts;
  if (!cuts) return [];
  const { order } = referenceRanks(model.ctx);
  const groups: Strategy[][] = [];
  for (let i = 1; i + 1 < cuts.length; i++) {
    const list: Strategy[] = [];
    for (const f of [0.002, 0.006, 0.02, 0.06]) {
      for (const sign of [1, -1]) {
        const d = Math.max(1, Math.round(f * order.length)) * sign;
        const c = cuts[i] + d;
        if (c <= cuts[i - 1] || c >= cuts[i + 1]) continue;
        const n = clone(s);
        n.cuts![i] = c;
        let ok = true;
        for (const r of n.rotations) {
          if (r.sector !== i - 1 && r.sector !== i) continue;
          const span = spanFor(model.ctx.types[r.type], order, n.cuts![r.sector], n.cuts![r.sector + 1]);
          if (!span) {
            ok = false;
            break;
          }
          [r.lo, r.hi] = span;
          if (!refit(model, r)) {
            ok = false;
            break;
          }
        }
        if (ok) list.push(n);
      }
    }
    if (list.length) groups.push(list);
  }
  return groups;
}

/** Variants of rotation k, grouped: the best of each group is tried against the current strategy. */
function neighbourGroups(model: Model, s: Strategy, k: number): Strategy[][] {
  const r = s.rotations[k];
  const t = model.ctx.types[r.type];
  const c = model.horizonH / r.perHorizon;
  const G = t.grid.length - 1;
  const groups: Strategy[][] = [];
  const variant = (f: (x: Rotation) => boolean): Strategy | null => {
    const n = clone(s);
    return f(n.rotations[k]) ? n : null;
  };
  const fit = (x: Rotation): boolean => refit(model, x);
  const push = (list: (Strategy | null)[]) => {
    const ok = list.filter((x): x is Strategy => x !== null);
    if (ok.length) groups.push(ok);
  };
  const shifts = [1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64, 1 / 128];
  /** A variant that changes the rotation and needs no refit. */
  const set = (f: (x: Rotation) => void) =>
    variant((x) => {
      f(x);
      return true;
    });
  /** A variant whose sector or sweeps changed, when it can still be flown (`when` false: not tried). */
  const moved = (when: (x: Rotation) => boolean, f: (x: Rotation) => void) =>
    variant((x) => {
      if (!when(x)) return false;
      f(x);
      return fit(x);
    });
  const always = () => true;
  // each timing scanned across its whole cycle, then refined around where it is
  const SCAN = 24;
  push(
    Array.from({ length: SCAN - 1 }, (_v, j) =>
      set((x) => {
        x.phase += ((j + 1) * c) / SCAN;
      }),
    ),
  );
  push(
    shifts.flatMap((f) => [
      set((x) => {
        x.phase += (f * c) / SCAN;
      }),
      set((x) => {
        x.phase -= (f * c) / SCAN;
      }),
    ]),
  );
  for (let m = 1; m < r.tails.length; m++) {
    push(
      Array.from({ length: SCAN - 1 }, (_v, j) =>
        set((x) => {
          x.offsets[m] += ((j + 1) * c) / SCAN;
        }),
      ),
    );
    push(
      shifts.flatMap((f) => [
        set((x) => {
          x.offsets[m] += (f * c) / SCAN;
        }),
        set((x) => {
          x.offsets[m] -= (f * c) / SCAN;
        }),
      ]),
    );
  }
  // every sortie length that fits, each with as many sorties as fit, airframes spread evenly again
  const lengths: (Strategy | null)[] = [];
  for (let legs = 1; legs <= 40; legs++) {
    if (legs === r.legs) continue;
    lengths.push(
      variant((x) => {
        x.legs = legs;
        const J = model.maxPerHorizon(x);
        if (J <= 0) return false;
        x.perHorizon = J;
        const cc = model.horizonH / J;
        x.offsets = x.tails.map((_t, m) => (m * cc) / x.tails.length);
        return true;
      }),
    );
  }
  push(lengths);
  push([
    moved(always, (x) => {
      x.legs += 1;
    }),
    moved(
      (x) => x.legs > 1,
      (x) => {
        x.legs -= 1;
      },
    ),
    // one sortie more per horizon, with as many sweeps as still fit in the shorter cycle
    variant((x) => {
      x.perHorizon += 1;
      while (x.legs > 1 && model.maxPerHorizon(x) < x.perHorizon) x.legs--;
      return model.maxPerHorizon(x) >= x.perHorizon;
    }),
    moved(always, (x) => {
      x.startHi = !x.startHi;
    }),
    variant((x) => {
      if (x.perHorizon <= 1) return false;
      x.perHorizon -= 1;
      return true;
    }),
  ]);
  const steps = [1, 3, 9, 27];
  if (r.alt) {
    const a = r.alt;
    push([
      variant((x) => {
        x.alt = undefined;
        return fit(x);
      }),
      // the alternate's stretch flown in the same sortie instead, a hop away
      ...(r.hop
        ? []
        : [false, true].map((startHi) =>
            variant((x) => {
              x.alt = undefined;
              x.hop = { lo: a.lo, hi: a.hi, legs: 1, startHi };
              return fit(x);
            }),
          )),
      ...steps.flatMap((d) =>
        [
          { lo: a.lo - d, hi: a.hi },
          { lo: a.lo + d, hi: a.hi },
          { lo: a.lo, hi: a.hi + d },
          { lo: a.lo, hi: a.hi - d },
        ].map((b) =>
          variant((x) => {
            if (b.lo < 0 || b.hi > G || b.lo >= b.hi) return false;
            x.alt = { ...a, ...b };
            return fit(x);
          }),
        ),
      ),
    ]);
  }
  if (r.hop) {
    const hopMove = (f: (h: HopSector) => HopSector | null) =>
      variant((x) => {
        const h = f({ ...x.hop! });
        if (!h || h.lo < 0 || h.hi > G || h.lo >= h.hi) return false;
        x.hop = h;
        return fit(x);
      });
    push([
      ...steps.flatMap((d) => [
        hopMove((h) => ({ ...h, lo: h.lo - d })),
        hopMove((h) => ({ ...h, lo: h.lo + d })),
        hopMove((h) => ({ ...h, hi: h.hi + d })),
        hopMove((h) => ({ ...h, hi: h.hi - d })),
      ]),
      hopMove((h) => ({ ...h, startHi: !h.startHi })),
      variant((x) => {
        x.hop = undefined;
        return fit(x);
      }),
    ]);
  }
  push(
    steps.flatMap((d) => [
      moved(
        (x) => x.lo - d >= 0,
        (x) => {
          x.lo -= d;
        },
      ),
      moved(
        (x) => x.lo + d < x.hi,
        (x) => {
          x.lo += d;
        },
      ),
      moved(
        (x) => x.hi + d <= G,
        (x) => {
          x.hi += d;
        },
      ),
      moved(
        (x) => x.hi - d > x.lo,
        (x) => {
          x.hi -= d;
        },
      ),
      moved(
        (x) => x.lo - d >= 0,
        (x) => {
          x.lo -= d;
          x.hi -= d;
        },
      ),
      moved(
        (x) => x.hi + d <= G,
        (x) => {
          x.lo += d;
          x.hi += d;
        },
      ),
    ]),
  );
  return groups;
}

function descend(model: Model, start: Strategy, stopAt: number): SearchResult {
  let cur = clone(start);
  let curScore = model.score(cur);
  let improved = true;
  while (improved && model.evals < stopAt) {
    improved = false;
    // variants are rebuilt only when a move was accepted: building every group for each group was most of the garbage
    let groups: Strategy[][] | null = null;
    for (let g = 0; model.evals < stopAt; g++) {
      groups ??= boundaryMoves(model, cur);
      if (g >= groups.length) break;
      let bestS: Strategy | null = null;
      let bestScore = curScore;
      for (const cand of groups[g]) {
        if (model.evals >= stopAt) break;
        const sc = model.score(cand, bestScore);
        if (better(sc, bestScore)) {
          bestS = cand;
          bestScore = sc;
        }
      }
      if (bestS) {
        cur = bestS;
        curScore = bestScore;
        improved = true;
        groups = null;
      }
    }
    for (let k = 0; k < cur.rotations.length && model.evals < stopAt; k++) {
      let groups: Strategy[][] | null = null;
      for (let g = 0; model.evals < stopAt; g++) {
        // variants of the current strategy: an accepted change shows in the next group
        groups ??= neighbourGroups(model, cur, k);
        if (g >= groups.length) break;
        const group = groups[g];
        let bestS: Strategy | null = null;
        let bestScore = curScore;
        for (const cand of group) {
          if (model.evals >= stopAt) break;
          const sc = model.score(cand, bestScore);
          if (better(sc, bestScore)) {
            bestS = cand;
            bestScore = sc;
          }
        }
        if (bestS) {
          cur = bestS;
          curScore = bestScore;
          improved = true;
          groups = null;
        }
      }
    }
  }
  return { strategy: cur, score: curScore };
}
