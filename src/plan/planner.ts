/**
 * `plan`: cover the coast once with the fewest sorties, then the least distance (docs/formats.md).
 *
 * 1. Free space: outside the standoff band of the scenario's coast and the no-fly areas.
 * 2. One covering tour of the coast for the shortest sensor range in the fleet (tour.ts).
 * 3. The tour is cut into sorties by an exact dynamic programme (split.ts), each flown by the base and type
 *    that does it shortest; transits to and from the tour go round obstacles (navigator.ts).
 * 4. Each sortie's coverage is measured exactly; what no sortie sees becomes a gap with its reason.
 */
import {
  type CoastModel,
  coastBetween,
  intervalsKm,
  sampleRuns,
  samplesToIntervals,
} from '../domain/coast.js';
import type { Gap, Plan, PlanBounds, Sortie } from '../domain/plan.js';
import {
  type AircraftType,
  baseOf,
  rangeKm,
  type Scenario,
  speedKmh,
  usableHours,
} from '../domain/scenario.js';
import { degreePadding, fastDistanceKm } from '../geo/frame.js';
import { densifyFast, destination, distanceKm, inverse, lineLengthKm } from '../geo/geodesic.js';
import { type BBox, bboxOf, type LonLat, wrapLon } from '../geo/lonlat.js';
import { joinPaths, pointInPolygon } from '../geo/polyline.js';
import { shiftedFrame, shiftPolygons, unshiftPlan } from './antimeridian.js';
import { lowerBounds } from './bounds.js';
import { FreeSpace, PIECE_KM } from './free-space.js';
import { LandMask } from './land-mask.js';
import { type MergeOptions, mergeSorties } from './merge.js';
import { type MopUpResult, mopUp } from './mop-up.js';
import { Navigator } from './navigator.js';
import { reachOf } from './reach.js';
import { SampleIndex } from './sample-index.js';
import { seaPointNear } from './sea-near.js';
import { type SplitFlyer, type SplitStop, splitTour } from './split.js';
import { buildTour, type Tour } from './tour.js';
import { pointAtKm, sliceKm } from './tour-point.js';

export interface PlanOptions {
  /** Tour stops closer than this along the tour are merged (km); smaller is slower and slightly better. */
  stopKm?: number;
  /** The savings pass that merges sorties (merge.ts): its options, or false to keep the mop-up's sorties as they are. */
  merge?: MergeOptions | false;
}

/** How a sortie leaves its base's standoff band: where it is out (the base itself when it is outside). */
export interface ClimbOut {
  exit: LonLat;
  climb: LonLat[];
  climbKm: number;
  /** A climb out of the band onto land: its sorties must stay over land (verify's climb-out ends at the sea). */
  overLand?: boolean;
}

/** Everything a plan is made from, reusable by the scheduler. */
export interface PlanContext {
  scenario: Scenario;
  coast: CoastModel;
  free: FreeSpace;
  nav: Navigator;
  sidx: SampleIndex;
  /** Per base name: where a sortie leaves the standoff band by the shortest way (the base itself when it is outside). */
  exits: Map<string, ClimbOut | null>;
  /**
   * Per base name, every way its sorties may start (`climbOuts`): the shortest climb first, then the base itself
   * when it lies outside the band on land it may overfly but free space does not join it to that exit's sea
   * (Phnom Penh: Cambodia's coast is seen from over Cambodia), climbs to other seas verify's climb-out rule allows
   * (Hamburg: the Baltic as well as the North Sea), and climbs out of the band onto the base's own land.
   */
  origins: Map<string, ClimbOut[]>;
}

/** The ways a base's sorties start (`PlanContext.origins`). */
export function originsOf(ctx: PlanContext, base: string): ClimbOut[] {
  return ctx.origins.get(base) ?? [];
}

/** Land the planner is given as plain data (the app reads it from Natural Earth); none: land is not checked. */
export interface PlanLand {
  /** Country polygons (outer ring, then holes) around the coast and the bases. */
  polygons: readonly { country: string; rings: LonLat[][] }[];
  /** Per base name, the country whose land holds it (undefined: at sea or on no country's land). */
  baseCountry: Readonly<Record<string, string | undefined>>;
}

export interface PlanEnv {
  land?: PlanLand;
}

/**
 * The land a sortie must not overfly: with `overflyLand: "avoid"`, every country's but the one all bases share.
 * With bases in different countries, only the land mass each base stands on stays open (one free space serves
 * every base: a sortie may cross another base's island, never any other land).
 */
export function forbiddenLand(scenario: Scenario, land: PlanLand): LonLat[][][] {
  if (scenario.overflyLand === 'allowed') return [];
  const own = new Set(scenario.bases.map((b) => land.baseCountry[b.name]));
  const shared = own.size === 1 ? [...own][0] : undefined;
  return land.polygons
    .filter(
      (p) =>
        (shared === undefined || p.country !== shared) &&
        !scenario.bases.some(
          (b) => land.baseCountry[b.name] === p.country && pointInPolygon(b.position, p.rings),
        ),
    )
    .map((p) => p.rings);
}

export function planContext(scenario: Scenario, coast: CoastModel, env: PlanEnv = {}): PlanContext {
  const maxS = Math.max(...scenario.aircraft.map((a) => a.sensorRangeKm));
  const land = env.land;
  const free = new FreeSpace(
    coast.lines.map((l) => l.coords),
    scenario.standoffKm,
    scenario.noFly,
    land
      ? {
          noLand: new LandMask(forbiddenLand(scenario, land)),
          anyLand: new LandMask(land.polygons.map((p) => p.rings)),
        }
      : {},
  );
  const reachKm = Math.max(...scenario.aircraft.map((a) => rangeKm(a) / 2 + a.sensorRangeKm)) * 1.05;
  const region = regionOf(
    coast,
    scenario.bases.map((b) => b.position),
    maxS + Math.max(150, scenario.standoffKm * 3),
    reachKm,
  );
  const nav = new Navigator(free, region);
  const sidx = new SampleIndex(coast.samples);
  const exits = new Map<string, ClimbOut | null>();
  const origins = new Map<string, ClimbOut[]>();
  for (const b of scenario.bases) {
    const ex = climbOut(b.position, free, nav);
    exits.set(b.name, ex);
    origins.set(b.name, climbOuts(b.position, free, nav, ex));
  }
  return { scenario, coast, free, nav, sidx, exits, origins };
}

/** Planner's sensor range: a hair inside the real one, so fast measurements never overstate coverage. */
export function planningRange(sensorKm: number): number {
  return sensorKm * 0.996 - 0.01;
}

export function plan(scenario: Scenario, coast: CoastModel, opts: PlanOptions = {}, env: PlanEnv = {}): Plan {
  // a coast across ±180 is planned where its longitudes run on (Fiji: 177 to 182), then wrapped back
  const sh = shiftedFrame(scenario);
  if (sh) {
    const land = env.land && {
      ...env.land,
      polygons: env.land.polygons.flatMap((p) => shiftPolygons([p.rings]).map((rings) => ({ ...p, rings }))),
    };
    const p = planWith(planContext(sh.scenario, sh.coast, { ...env, ...(land && { land }) }), opts);
    return unshiftPlan(p, scenario, coast);
  }
  const ctx = planContext(scenario, coast, env);
  return wrapPaths(planWith(ctx, opts));
}

/**
 * Positions back in [-180, 180]: near the poles a viewpoint or chain point off a coast at 179.9 E can land at
 * 180.7 (Antarctica's Ross Sea), the same place as 179.3 W; the legs stay the same geodesics.
 */
function wrapPaths(p: Plan): Plan {
  const off = (q: LonLat) => q[0] > 180 || q[0] < -180;
  if (!p.sorties.some((s) => s.path.some(off))) return p;
  return {
    ...p,
    sorties: p.sorties.map((s) =>
      s.path.some(off) ? { ...s, path: s.path.map((q): LonLat => (off(q) ? [wrapLon(q[0]), q[1]] : q)) } : s,
    ),
  };
}

export function planWith(ctx: PlanContext, opts: PlanOptions = {}): Plan {
  // one tour per distinct sensor range, flown by the types that see at least that far; keep the best
  const ranges = [...new Set(ctx.scenario.aircraft.map((a) => a.sensorRangeKm))].sort((a, b) => a - b);
  let best: { plan: Plan; covered: Uint8Array } | null = null;
  for (const S of ranges) {
    const types = ctx.scenario.aircraft.filter((a) => a.sensorRangeKm >= S);
    const p = planForRange(ctx, S, types, opts);
    if (!best || better(p.plan, best.plan)) best = p;
  }
  // bounds over the coast the chosen plan reaches, once
  return { ...best!.plan, bounds: planBounds(ctx.scenario, ctx.coast, best!.covered) };
}

/** Lower bounds over the coast a plan covers (`reached`, per sample). */
function planBounds(scenario: Scenario, coast: CoastModel, reached: Uint8Array): PlanBounds {
  const { samples } = coast;
  const points: LonLat[] = [];
  for (let i = 0; i < samples.count; i++) if (reached[i]) points.push([samples.lon[i], samples.lat[i]]);
  const baseNames = scenario.bases.map((b) => b.name);
  const b = lowerBounds({
    points,
    bases: scenario.bases.map((x) => x.position),
    types: scenario.aircraft.map((a) => ({
      base: baseNames.indexOf(a.base),
      sensorKm: a.sensorRangeKm,
      rangeKm: rangeKm(a),
    })),
  });
  return { minSorties: b.minSorties, minDistanceKm: b.minDistanceKm, notes: b.notes };
}

function better(a: Plan, b: Plan): boolean {
  const ca = Math.round(a.summary.coveredKm * 10);
  const cb = Math.round(b.summary.coveredKm * 10);
  if (ca !== cb) return ca > cb;
  if (a.summary.sorties !== b.summary.sorties) return a.summary.sorties < b.summary.sorties;
  return a.summary.distanceKm < b.summary.distanceKm;
}

function planForRange(
  ctx: PlanContext,
  sensorKm: number,
  types: AircraftType[],
  opts: PlanOptions,
): { plan: Plan; covered: Uint8Array } {
  const { scenario, coast, nav, sidx } = ctx;
  const { samples } = coast;
  const stopKm = opts.stopKm ?? 1;
  // the tour flies from the sea exits, and only where free space joins them to its start or to a base's shortest
  // way out (a leg to a part it does not join is a search of the whole grid, and an exit the grid joins to one of
  // these reaches nothing more); the rest, and what only a base's own land reaches, is left to the out-and-backs
  const firstBase = tourHome(ctx, originsOf(ctx, types[0].base)) ?? baseOf(scenario, types[0]).position;
  const exits = [
    ...new Set([
      firstBase,
      ...types.map((a) => ctx.exits.get(a.base)?.exit).filter((e): e is LonLat => e !== undefined),
    ]),
  ];
  // no sortie flies farther from its base than half its range: coast beyond that plus the sensor range is out of
  // reach at once, its samples settled without a visit (Canada's Arctic from Vancouver). The tour's own points are
  // not held to it: near the edge that cut its walk into more sorties (Argentina from SABE at standoff 0: 10 -> 14)
  const within = reachOf(scenario, types);
  const reach = (p: LonLat) => exits.some((e) => nav.reachable(e, p));
  const S = planningRange(sensorKm);
  const tour = buildTour(coast, ctx.free, nav, sidx, {
    rangeKm: S,
    home: firstBase,
    reach,
    beyond: (c) => !within.point(c, S),
  });
  const { flyers, legs } = cutTour(ctx, tour, types, stopKm);
  const sorties: Sortie[] = [];
  const coveredAll = new Uint8Array(samples.count);
  legs.forEach((leg, n) => {
    for (let i = 0; i < samples.count; i++) if (leg.cov[i]) coveredAll[i] = 1;
    sorties.push(sortieRecord(samples, n, leg.type, leg.path, leg.cov));
  });

  // what the tour's sorties leave unseen: further tours, then out-and-backs (mop-up.ts)
  const mop = mopUp(ctx, sensorKm, types, flyers, coveredAll, sorties, tour, { stopKm });
  // fewer sorties: the mop-up's out-and-backs joined to each other and to the tour's sorties (merge.ts)
  if (opts.merge !== false) {
    const merged = mergeSorties(ctx, sorties, coveredAll, opts.merge);
    sorties.splice(0, sorties.length, ...merged.sorties);
    coveredAll.set(merged.covered);
  }
  const gaps = gapsOf(ctx, coveredAll, tour, flyers, mop);
  const coveredKm = intervalsKm(samplesToIntervals(samples, (i) => coveredAll[i] === 1));
  const distanceTotal = sorties.reduce((s, x) => s + x.distanceKm, 0);
  const plan: Plan = {
    summary: {
      scenario: scenario.name,
      coastKm: coast.lengthKm,
      coveredKm,
      coverage: coast.lengthKm > 0 ? coveredKm / coast.lengthKm : 0,
      sorties: sorties.length,
      distanceKm: distanceTotal,
      flightHours: sorties.reduce((s, x) => s + x.durationH, 0),
      gapKm: gaps.reduce((s, g) => s + g.lengthKm, 0),
    },
    coast: coast.lines.map((l) => l.coords),
    bases: scenario.bases.map((x) => ({ name: x.name, icao: x.icao, position: x.position })),
    sorties,
    gaps,
  };
  return { plan, covered: coveredAll };
}

/**
 * Where the tour starts: the first way out to the sea (the shortest), unless another one reaches more of the
 * coast through free space (Kastrup's shortest climb ends in a pocket of the Sound; the tour would see nothing).
 * Judged on up to 40 coast samples pushed out of the band.
 */
function tourHome(ctx: PlanContext, origins: ClimbOut[]): LonLat | null {
  const sea = origins.filter((o) => !o.overLand);
  if (sea.length <= 1) return sea[0]?.exit ?? null;
  const { samples } = ctx.coast;
  const step = Math.max(1, Math.floor(samples.count / 40));
  const probes: LonLat[] = [];
  for (let i = 0; i < samples.count; i += step) {
    const q = ctx.free.pushOut([samples.lon[i], samples.lat[i]], ctx.free.standKm + 5);
    if (q) probes.push(q);
  }
  let best = sea[0];
  let bestN = -1;
  for (const o of sea) {
    const n = probes.filter((q) => ctx.nav.reachable(o.exit, q)).length;
    if (n > bestN) [best, bestN] = [o, n];
  }
  return best.exit;
}

/**
 * A covering tour cut into sorties: stops are runs of samples first seen within stopKm of each other along the
 * tour, cut by the exact dynamic programme (split.ts); each leg is flown from its base and measured exactly.
 * The planner's first tour and the mop-up's further tours both go through here.
 */
export function cutTour(
  ctx: PlanContext,
  tour: Tour,
  types: AircraftType[],
  stopKm: number,
): { flyers: Flyer[]; legs: { type: AircraftType; path: LonLat[]; cov: Uint8Array }[] } {
  const { samples } = ctx.coast;
  const order = Array.from({ length: samples.count }, (_v, i) => i)
    .filter((i) => Number.isFinite(tour.firstKm[i]))
    .sort((a, b) => tour.firstKm[a] - tour.firstKm[b]);
  const stops: SplitStop[] = [];
  for (const i of order) {
    const km = tour.firstKm[i];
    const last = stops[stops.length - 1];
    if (last && km - last.startKm <= stopKm) last.endKm = km;
    else stops.push({ startKm: km, endKm: km });
  }
  const flyers = types.map((a) => flyerFor(ctx, tour, stops, a));
  if (stops.length === 0) return { flyers, legs: [] };
  const { legs } = splitTour(
    stops,
    flyers.map((f) => f.split),
  );
  return {
    flyers,
    legs: legs.map((leg) => {
      const f = flyers[leg.flyer];
      const startKm = stops[leg.from].startKm;
      const endKm = stops[leg.to].endKm;
      const out = f.routeTo(startKm)!;
      const back = f.routeTo(endKm)!;
      const path = joinPaths([out, sliceKm(tour.pts, tour.cum, startKm, endKm), [...back].reverse()]);
      return { type: f.type, path, cov: ctx.sidx.coveredBy(path, f.type.sensorRangeKm) };
    }),
  };
}

/** Sortie number n (from 0) of type a flying path, seeing the samples cov marks. */
export function sortieRecord(
  samples: PlanContext['coast']['samples'],
  n: number,
  a: AircraftType,
  path: LonLat[],
  cov: Uint8Array,
): Sortie {
  const km = lineLengthKm(path);
  return {
    id: `S${String(n + 1).padStart(2, '0')}`,
    aircraft: a.name,
    base: a.base,
    path,
    distanceKm: km,
    durationH: km / speedKmh(a),
    covers: samplesToIntervals(samples, (k) => cov[k] === 1),
  };
}

export interface Flyer {
  type: AircraftType;
  split: SplitFlyer;
  /** Base to the tour point at a tour km (climb-out included); null when unreachable. */
  routeTo(km: number): LonLat[] | null;
}

function flyerFor(ctx: PlanContext, tour: Tour, stops: SplitStop[], a: AircraftType): Flyer {
  const base = baseOf(ctx.scenario, a);
  // a tour's sortie flies its slice of the tour too, over the sea: not from a climb whose sorties stay over land
  const origins = originsOf(ctx, base.name).filter((o) => !o.overLand);
  const cache = new Map<number, LonLat[] | null>();
  const routeTo = (km: number): LonLat[] | null => {
    const hit = cache.get(km);
    if (hit !== undefined) return hit;
    let r: LonLat[] | null = null;
    let rKm = Infinity;
    const target = origins.length > 0 ? pointAtKm(tour.pts, tour.cum, km) : null;
    for (const ex of origins) {
      const route = ctx.nav.route(ex.exit, target!, { reuse: true });
      if (!route) continue;
      const path = joinPaths([ex.climb, route.path]);
      const L = lineLengthKm(path);
      if (L < rKm) [r, rKm] = [path, L];
    }
    cache.set(km, r);
    return r;
  };
  const len = (km: number) => {
    const r = routeTo(km);
    return r ? lineLengthKm(r) : Infinity;
  };
  return {
    type: a,
    routeTo,
    split: {
      rangeKm: rangeKm(a) * (1 - 1e-9),
      transitToStart: Float64Array.from(stops, (s) => len(s.startKm)),
      transitToEnd: Float64Array.from(stops, (s) => len(s.endKm)),
    },
  };
}

/**
 * The climb-out: a base inside the standoff band, or on land, leaves by the shortest straight way to a point at
 * sea outside the band (first trying straight away from the nearest coast, then every 2.5 degrees). The climb
 * may cross the band and the base's own land, never a no-fly area or land the sortie must not overfly.
 */
export function climbOut(base: LonLat, free: FreeSpace, nav?: Navigator): ClimbOut | null {
  const ok = (p: LonLat) => free.pointFree(p) && free.atSea(p);
  if (ok(base)) return { exit: base, climb: [base], climbKm: 0 };
  if (free.inNoFly(base)) return null;
  let best: { exit: LonLat; km: number } | null = null;
  const near = free.coast.nearest(base, free.keepKm);
  const reach = free.anyLand ? 400 : free.keepKm * 2 + 1;
  // the climb leaves the band by the shortest straight way to the sea (docs/formats.md, "The scenario file"; verify bounds its
  // length), crossing the shore if it must: the distance to the coast need not grow on the way
  const tryBearing = (az: number) => {
    for (let d = 0.1; d <= reach; d += 0.5) {
      if (best && d > best.km) return;
      const p = destination(base, az, d);
      if (ok(p)) {
        // refine to the first free point on this bearing
        let lo = Math.max(0, d - 0.5);
        let hi = d;
        for (let it = 0; it < 20; it++) {
          const mid = (lo + hi) / 2;
          if (ok(destination(base, az, mid))) hi = mid;
          else lo = mid;
        }
        // out to where the planner stands off (a hair beyond the band's edge), so legs leaving the exit along the band stay clear
        const stand = hi + Math.max(free.standKm - free.keepKm, free.anyLand ? 0.5 : 0);
        const at = ok(destination(base, az, stand)) ? stand : hi;
        const exit = destination(base, az, at);
        if ((!best || at < best.km) && climbLegal(base, exit, free)) best = { exit, km: at };
        return;
      }
    }
  };
  if (near && near.km > 1e-6) tryBearing(inverse(near.point, base).azi2);
  for (let az = 0; az < 360; az += 2.5) tryBearing(az);
  // no legal way to the sea (Mostar: Bosnia's sea lies behind Croatia): a base outside the band still patrols
  // over its own land, held to the standoff all along
  if (!best) return free.pointFree(base) ? { exit: base, climb: [base], climbKm: 0 } : null;
  const found = best as { exit: LonLat; km: number };
  // a base on its own land outside the band that free space joins to that sea needs no climb of its own
  if (free.pointFree(base) && nav?.reachable(base, found.exit))
    return { exit: base, climb: [base], climbKm: 0 };
  return { exit: found.exit, climb: [base, found.exit], climbKm: distanceKm(base, found.exit) };
}

/** verify allows a climb-out this much longer than its bound of the shortest way out (docs/verify.md, rule 3)... */
export const CLIMB_REL = 1.05;
/** ...plus this (km), less a margin for the difference between its walk and ours (its bound's point lies 0.03 km or so beyond the band's edge, ours on it). */
export const CLIMB_KM = 2 - 0.1;
/** At most this many climbs to the sea per base (each one more distance field to route from). */
const MAX_SEA_EXITS = 4;
/** At most this many climbs onto the base's own land per base. */
const MAX_LAND_EXITS = 3;
/** A further climb to the sea is kept only if reaching its exit round from a kept one costs this much more (km). */
const EXIT_GAIN_KM = 50;

/**
 * Every way a base's sorties may start, `first` (its shortest climb, from climbOut) first. verify lets a sortie
 * leave the band in any direction whose way out is at most 1.05 x the shortest straight climb + 2 km long (docs/
 * verify.md, "The climb-out and the approach", rule 3), so besides the shortest climb a base also gets:
 * - the base itself, when it stands on land outside the band that free space does not join to `first`'s sea;
 * - straight climbs to other seas within that bound, one per part of free space (or one whose exit saves at
 *   least EXIT_GAIN_KM over flying round from a kept one): Hamburg's Baltic as well as its North Sea;
 * - straight climbs out of the band onto land it may overfly (a base inside the band), one per part of free
 *   space, marked `overLand`: their sorties stay over land all along, as verify then ends the climb-out at the
 *   first point outside the band (Hamburg, Wonsan, Kuala Lumpur see coast from over their own land).
 */
export function climbOuts(base: LonLat, free: FreeSpace, nav: Navigator, first: ClimbOut | null): ClimbOut[] {
  const out: ClimbOut[] = first ? [first] : [];
  // a base at sea outside the band flies from where it is; one on land outside it may still climb straight
  // across the band to a sea its free space does not reach (Kyiv: the water off Odesa)
  if (first && first.climbKm === 0 && free.atSea(base)) return out;
  if (free.inNoFly(base)) return out;
  const baseFree = free.pointFree(base);
  if (first && first.climbKm > 0 && baseFree) out.push({ exit: base, climb: [base], climbKm: 0 });
  // without the land verify knows no bound (only "it leaves the band"): keep to the shortest climb there
  if (!free.anyLand || free.keepKm <= 0) return out;
  const ub = climbBoundKm(base, free);
  const limit = ub === null ? (first?.climbKm ?? 0) : CLIMB_REL * ub + CLIMB_KM;
  if (limit <= 0) return out;
  const { sea, land, far } = straightClimbs(base, free, limit, !baseFree, 3 * nav.cellKm);
  const seaKept = first ? [first] : [];
  const joined = (c: ClimbOut) => (k: ClimbOut) => {
    // next to a kept exit (a pocket too narrow for the grid): no other sea
    if (distanceKm(k.exit, c.exit) < 5) return true;
    // an exit out in open water is joined only if the routing grid joins it: a straight leg from a pocket does
    // not make the pocket's routes reach it
    if (far.has(c)) {
      const km = nav.fieldKm(k.exit, c.exit);
      return Number.isFinite(km) && k.climbKm + km <= c.climbKm + EXIT_GAIN_KM;
    }
    const r = nav.route(k.exit, c.exit, { reuse: true });
    return r !== null && k.climbKm + r.km <= c.climbKm + EXIT_GAIN_KM;
  };
  for (const c of sea.filter((x) => !far.has(x))) {
    if (seaKept.length >= MAX_SEA_EXITS) break;
    if (seaKept.some(joined(c))) continue;
    seaKept.push(c);
    out.push(c);
  }
  // from each exit short of open water, straight on to open water in any direction (a climb-out ends where it is
  // out of the band at sea; what follows is held to the standoff like any leg): the way out of a pocket
  const roomKm = 3 * nav.cellKm;
  for (const k of [...seaKept])
    for (const c of onToOpenWater(k, free, roomKm)) {
      sea.push(c);
      far.add(c);
    }
  let farKept = 0;
  for (const c of sea.filter((x) => far.has(x)).sort((a, b) => a.climbKm - b.climbKm)) {
    if (farKept >= MAX_SEA_EXITS - 1) break;
    if (seaKept.some(joined(c))) continue;
    seaKept.push(c);
    out.push(c);
    farKept++;
  }
  const landKept: ClimbOut[] = [];
  for (const c of land) {
    if (landKept.length >= MAX_LAND_EXITS) break;
    if (landKept.some((k) => nav.reachable(k.exit, c.exit))) continue;
    landKept.push(c);
    out.push(c);
  }
  return out;
}

/**
 * Straight climbs from a base no longer than `limitKm`, every 2.5 degrees: to the first point at sea outside the
 * band on each bearing, and (with `onto`) onto land it may overfly where the bearing first leaves the band;
 * each list shortest first, each climb legal (climbLegal).
 */
export function straightClimbs(
  base: LonLat,
  free: FreeSpace,
  limitKm: number,
  onto: boolean,
  roomKm: number,
): { sea: ClimbOut[]; land: ClimbOut[]; far: Set<ClimbOut> } {
  const sea: ClimbOut[] = [];
  const far = new Set<ClimbOut>();
  const land: ClimbOut[] = [];
  const ok = (p: LonLat) => free.pointFree(p) && free.atSea(p);
  // the first d in (lo, hi] where test holds, to 1 m or so
  const refine = (az: number, lo: number, hi: number, test: (p: LonLat) => boolean) => {
    for (let it = 0; it < 20; it++) {
      const mid = (lo + hi) / 2;
      if (test(destination(base, az, mid))) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  const climb = (exit: LonLat, km: number, overLand?: boolean): ClimbOut => ({
    exit,
    climb: [base, exit],
    climbKm: km,
    ...(overLand && { overLand }),
  });
  // where verify's climb-out ends: at sea, the standoff (and a hair) from the coast
  const S = free.standoffKm + 0.02;
  const out = (q: LonLat) => free.clearance(q, S) >= S && free.atSea(q);
  // the line on from there keeps the standoff (verify holds it to the standoff after its climb-out)
  const bandClear = (a: LonLat, b: LonLat) => {
    const pts = densifyFast(a, b, PIECE_KM);
    for (let i = 0; i + 1 < pts.length; i++)
      if (free.coast.segmentClearance(pts[i], pts[i + 1], S - 0.01) < S - 0.01) return false;
    return true;
  };
  for (let az = 0; az < 360; az += 2.5) {
    let landDone = !onto;
    // verify's climb-out on this bearing (km), once out at sea: the planner's exit may lie a little further on
    let vKm: number | null = null;
    for (let d = 0.5; d <= limitKm + 10; d += 0.5) {
      const p = destination(base, az, d);
      if (vKm === null) {
        // (the last step ends on the limit)
        const at = Math.min(d, limitKm);
        if (out(at === d ? p : destination(base, az, at))) vKm = refine(az, d - 0.5, at, out);
        else if (d >= limitKm) break;
      }
      if (!free.pointFree(p)) continue;
      if (free.atSea(p)) {
        if (vKm === null) break;
        const hi = refine(az, d - 0.5, d, ok);
        // a hair beyond the band's edge, as climbOut's exit, so legs leaving it along the band stay clear
        const at = hi + Math.max(free.standKm - free.keepKm, 0.5);
        const exit = destination(base, az, at);
        if (ok(exit) && climbLegal(base, exit, free) && bandClear(destination(base, az, vKm), exit)) {
          sea.push(climb(exit, at));
          // an exit in a pocket too narrow for the routing grid (the Sound off Kastrup): the same straight line
          // flown on, clear of the band, out to open water is a way out too (verify bounds only its part in the band)
          const on = openWater(base, az, at, free, roomKm);
          if (on) {
            const c = climb(destination(base, az, on), on);
            sea.push(c);
            far.add(c);
          }
        }
        break;
      }
      if (!landDone && vKm === null) {
        landDone = true;
        // a hair further in, so its first legs keep clear of the band's edge
        const at = refine(az, d - 0.5, d, (q) => free.pointFree(q)) + 0.5;
        const exit = destination(base, az, at);
        if (at <= limitKm && free.pointFree(exit) && !free.atSea(exit) && climbLegal(base, exit, free))
          land.push(climb(exit, at, true));
      }
    }
  }
  const byKm = (a: ClimbOut, b: ClimbOut) => a.climbKm - b.climbKm;
  return { sea: sea.sort(byKm), land: land.sort(byKm), far };
}

/** Points `roomKm` clear of every obstacle that straight free legs from a climb's exit reach (every 10 degrees, up to 120 km); none if the exit is in open water already. */
function onToOpenWater(k: ClimbOut, free: FreeSpace, roomKm: number): ClimbOut[] {
  const out: ClimbOut[] = [];
  if (roomy(k.exit, free, roomKm)) return out;
  for (let az = 0; az < 360; az += 10) {
    let prev = k.exit;
    for (let d = 1; d <= 120; d += 1) {
      const p = destination(k.exit, az, d);
      if (!free.pieceFree(prev, p)) break;
      if (roomy(p, free, roomKm) && free.pointFree(p)) {
        out.push({ exit: p, climb: [...k.climb, p], climbKm: k.climbKm + d });
        break;
      }
      prev = p;
    }
  }
  return out;
}

function roomy(p: LonLat, free: FreeSpace, roomKm: number): boolean {
  return (
    free.clearance(p, free.keepKm + roomKm) >= free.keepKm + roomKm &&
    (!free.noLand || free.noLand.edges.clearance(p, free.landKeepKm + roomKm) >= free.landKeepKm + roomKm)
  );
}

/** How far on along bearing `az` from `fromKm` the line stays free until a point `roomKm` clear of every obstacle; null if it does not within 150 km (or is there already). */
function openWater(base: LonLat, az: number, fromKm: number, free: FreeSpace, roomKm: number): number | null {
  if (roomy(destination(base, az, fromKm), free, roomKm)) return null;
  let prev = destination(base, az, fromKm);
  for (let d = fromKm + 1; d <= fromKm + 150; d += 1) {
    const p = destination(base, az, d);
    if (!free.pieceFree(prev, p)) return null;
    if (roomy(p, free, roomKm) && free.pointFree(p)) return d;
    prev = p;
  }
  return null;
}

/**
 * verify's upper bound of the shortest way out of the band, as it finds it (src/verify/verify.ts, climbBound;
 * not imported: verify stays independent of the planner): the shortest straight climb on 144 bearings to the first
 * point at sea at least the standoff from the coast, whose line from the base enters no no-fly area and no land
 * it must not overfly. Measured to the band's exact edge, so it is never above verify's. Null when none within
 * 600 km.
 */
export function climbBoundKm(base: LonLat, free: FreeSpace): number | null {
  const S = free.standoffKm;
  let best: number | null = null;
  for (let k = 0; k < 144; k++) {
    const az = k * 2.5;
    for (let d = 0, prev = 0; d <= 600 && (best === null || d < best); ) {
      const p = d === 0 ? base : destination(base, az, d);
      const c = free.clearance(p, S + 50);
      if (c >= S && free.atSea(p)) {
        if (free.lineEntersNothing(base, p)) {
          // back to where this bearing first gets out at sea since the last step: verify's point is no nearer
          let [lo, hi] = [prev, d];
          for (let it = 0; it < 20 && d > 0; it++) {
            const mid = (lo + hi) / 2;
            const q = destination(base, az, mid);
            if (free.clearance(q, S) >= S && free.atSea(q)) hi = mid;
            else lo = mid;
          }
          best = best === null ? hi : Math.min(best, hi);
        }
        break;
      }
      prev = d;
      // over land beyond the band it cannot come back into the band before c - S further on
      d += c >= S ? Math.max(0.5, Math.min(c, S + 50) - S) : Math.max(0.01, S - c);
    }
  }
  return best;
}

/**
 * Whether a climb from `base` to `exit` keeps off no-fly areas and land it must not overfly. A base at sea a few
 * metres off such land (Barbados' TBPB, Diego Garcia's FJDG on Natural Earth's shore) cannot keep the usual
 * clearance at its start: there the first stretch only has to stay off the land, checked every 10 m.
 */
function climbLegal(base: LonLat, exit: LonLat, free: FreeSpace): boolean {
  const land = free.noLand;
  const near = 2 * free.landKeepKm;
  if (!land || land.edges.clearance(base, free.landKeepKm) >= free.landKeepKm)
    return free.climbClear(base, exit);
  const L = distanceKm(base, exit);
  if (L <= near) return false;
  const az = inverse(base, exit).azi1;
  for (let d = 0; d <= near; d += 0.01) {
    const p = destination(base, az, d);
    if (land.contains(p) || free.inNoFly(p)) return false;
  }
  return free.climbClear(destination(base, az, near), exit);
}

function gapsOf(ctx: PlanContext, covered: Uint8Array, tour: Tour, flyers: Flyer[], mop: MopUpResult): Gap[] {
  const { coast, scenario } = ctx;
  const { samples } = coast;
  const gaps: Gap[] = [];
  for (const {
    interval: [fromKm, toKm],
    samples: inRun,
  } of sampleRuns(samples, (i) => covered[i] === 0)) {
    gaps.push({
      fromKm,
      toKm,
      lines: coastBetween(coast, fromKm, toKm),
      lengthKm: toKm - fromKm,
      reason: gapReason(ctx, inRun, tour, flyers, scenario, mop),
    });
  }
  return gaps;
}

/**
 * The margins of the fact a gap reason states (as verify's witnesses keep them): a point within the sensor range
 * less SEE_MARGIN_KM, at least CLEAR_MARGIN_KM beyond the standoff. The planner's own searches reach that far
 * (the straight out-and-backs), so a point nearer the limits is not one a plan could be held to.
 */
const SEE_MARGIN_KM = 0.2;
const CLEAR_MARGIN_KM = 0.1;

/** At most `n` of `idx`, evenly spread, both ends included. */
function spread(idx: number[], n: number): number[] {
  if (idx.length <= n) return idx;
  return Array.from({ length: n }, (_v, k) => idx[Math.round((k * (idx.length - 1)) / (n - 1))]);
}

function gapReason(
  ctx: PlanContext,
  idx: number[],
  tour: Tour,
  flyers: Flyer[],
  scenario: Scenario,
  mop: MopUpResult,
): string {
  const has = Math.max(...scenario.aircraft.map(usableHours));
  // beyond reach even in a straight line (the mop-up's measure): the farthest sample's straight round trip
  const far = idx.filter((i) => mop.unseen[i] === 3);
  if (far.length > 0) {
    const i = far.reduce((w, k) => (mop.need[k] > mop.need[w] ? k : w), far[0]);
    const t = mop.needType[i];
    if (t)
      return `beyond reach of every aircraft: needs ${mop.need[i].toFixed(1)} h (${t.name}), has ${has.toFixed(1)} h`;
  }
  const seen = idx.filter((i) => Number.isFinite(tour.firstKm[i]));
  if (seen.length === 0) {
    const s = Math.max(...scenario.aircraft.map((a) => a.sensorRangeKm));
    if (idx.some((i) => tour.unseen[i] === 2 || mop.unseen[i] === 2))
      return 'no route from any base reaches a point within sensor range of this stretch without entering the standoff band, a no-fly area or land it must not overfly';
    // the planner's searches keep margins: the fact is checked exactly before it is stated (a sliver between
    // islands' bands at the sensor's full range was missed, and the reason was false)
    const sliver =
      ctx.free.keepKm > 0 &&
      spread(idx, 9).some((i) => {
        const r = seaPointNear(
          [ctx.coast.samples.lon[i], ctx.coast.samples.lat[i]],
          s - SEE_MARGIN_KM,
          ctx.free,
          {
            beyondKm: CLEAR_MARGIN_KM,
          },
        );
        return r.point !== null || !r.complete;
      });
    if (sliver)
      return 'no route from any base reaches a point within sensor range of this stretch without entering the standoff band, a no-fly area or land it must not overfly';
    if (ctx.free.keepKm > 0) {
      return `no point at sea outside the ${scenario.standoffKm} km standoff band${scenario.noFly.length ? ' and the no-fly areas' : ''} lies within the longest sensor range (${s} km) of this stretch (an inlet or a coast hemmed in by other coast)`;
    }
    return `no point outside the no-fly areas lies within the longest sensor range (${s} km) of this stretch`;
  }
  // the hardest sample of the stretch: the one whose cheapest round trip is longest
  let worst = 0;
  let worstType: AircraftType | null = null;
  for (const i of seen) {
    let bestH = Infinity;
    let bestT: AircraftType | null = null;
    for (const f of flyers) {
      const r = f.routeTo(tour.firstKm[i]);
      if (!r) continue;
      const h = (2 * lineLengthKm(r)) / speedKmh(f.type);
      if (h < bestH) {
        bestH = h;
        bestT = f.type;
      }
    }
    if (bestH > worst) {
      worst = bestH;
      worstType = bestT;
    }
  }
  if (!Number.isFinite(worst) || !worstType)
    return 'no route from any base reaches this stretch without entering the standoff band or a no-fly area';
  return `beyond reach of every aircraft: needs ${worst.toFixed(1)} h (${worstType.name}), has ${has.toFixed(1)} h`;
}

/**
 * The routing grid's box: bases and the coast some aircraft could reach (within half its range plus its sensor
 * range of a base, in a straight line), padded. Coast beyond (Norway's Bouvet Island, 8,000 km south) would
 * only stretch the grid's cells.
 */
function regionOf(coast: CoastModel, bases: LonLat[], padKm: number, reachKm = Infinity): BBox {
  const { samples } = coast;
  const pts: LonLat[] = [...bases];
  for (let i = 0; i < samples.count; i++) {
    const p: LonLat = [samples.lon[i], samples.lat[i]];
    if (reachKm === Infinity || bases.some((b) => fastDistanceKm(b, p) <= reachKm)) pts.push(p);
  }
  const [w, s, e, n] = bboxOf(pts);
  const { dLon, dLat } = degreePadding(Math.min(80, Math.max(Math.abs(s), Math.abs(n))), padKm);
  // east of 180 only in the antimeridian frame (antimeridian.ts), where longitudes run on to 360
  const east = e > 180 ? 360 : 180;
  return [
    Math.max(-180, w - dLon),
    Math.max(-89, s - dLat),
    Math.min(east, e + dLon),
    Math.min(89, n + dLat),
  ];
}
