/**
 * What the scheduler builds once per scenario and reuses for every fleet it tries (`--sweep`): the planner's
 * free space, navigator and sample index, one covering tour per sensor range, and per aircraft type the transit
 * from its base to points along its tour and where on the tour each coast sample is sighted.
 */
import type { CoastModel } from '../domain/coast.js';
import {
  type AircraftType,
  type Base,
  baseOf,
  rangeKm,
  type Scenario,
  speedKmh,
  usableHours,
} from '../domain/scenario.js';
import { lineLengthKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { joinPaths } from '../geo/polyline.js';
import { shiftedFrame, shiftPolygons } from '../plan/antimeridian.js';
import {
  type ClimbOut,
  type PlanContext,
  type PlanEnv,
  planContext,
  planningRange,
} from '../plan/planner.js';
import { buildTour, type Tour } from '../plan/tour.js';
import { pointAtKm, sliceKm } from '../plan/tour-point.js';
import { type PathPasses, passesOf } from './passes.js';

export interface TypeModel {
  index: number;
  type: AircraftType;
  base: Base;
  kmh: number;
  /** Longest sortie, km (a hair short of the rule, as the planner keeps). */
  rangeKm: number;
  usableH: number;
  /** Where sorties leave the standoff band, null when the base cannot get out of it. */
  exit: ClimbOut | null;
  tour: Tour | null;
  tourKm: number;
  /** Sector ends lie on this grid of tour km. */
  grid: Float64Array;
  /** Base to grid point, km, climb-out included; Infinity where no route or beyond a round trip; NaN until asked (transit()). */
  transitKm: Float64Array;
  /** The tour's passes over the samples, with this type's sensor range. */
  passes: PathPasses | null;
  /** Per sample, its passes on the tour: indices into `passes`. */
  passOf: number[][];
}

export interface ScheduleContext {
  /** The planner's context: in the shifted frame for a coast across ±180 (src/plan/antimeridian.ts). */
  plan: PlanContext;
  /**
   * A coast across ±180 is scheduled where its longitudes run on (Fiji: 177 to 182): the scenario and coast as
   * given, that the schedule's positions are wrapped back to. Undefined when no shift was needed.
   */
  unshifted?: { scenario: Scenario; coast: CoastModel };
  types: TypeModel[];
  /** Route (climb-out included) from a type's base to a grid point, built on demand. */
  routeTo(t: TypeModel, g: number): LonLat[] | null;
  /** Its length, km (cached; Infinity when unreachable or no round trip fits). */
  transit(t: TypeModel, g: number): number;
  /** Route between two grid points of a type's tour through free space (a sortie's hop between sectors). */
  hopRoute(t: TypeModel, a: number, b: number): LonLat[] | null;
  /** Its length, km (cached; Infinity when there is none). */
  hopKm(t: TypeModel, a: number, b: number): number;
}

/** A second stretch of the tour a sortie sweeps after its first, reached by a route between them. */
export interface HopSector {
  lo: number;
  hi: number;
  legs: number;
  startHi: boolean;
}

export function scheduleContext(given: Scenario, givenCoast: CoastModel, env: PlanEnv = {}): ScheduleContext {
  // a coast across ±180 is scheduled in the planner's shifted frame, with the land shifted alike, as plan() does
  const sh = shiftedFrame(given);
  const scenario = sh ? sh.scenario : given;
  const coast = sh ? sh.coast : givenCoast;
  const land =
    sh && env.land
      ? {
          ...env.land,
          polygons: env.land.polygons.flatMap((p) =>
            shiftPolygons([p.rings]).map((rings) => ({ ...p, rings })),
          ),
        }
      : env.land;
  const plan = planContext(scenario, coast, { ...env, ...(land && { land }) });
  const tours = new Map<number, Tour>();
  const types: TypeModel[] = [];
  const routes = new Map<string, LonLat[] | null>();
  const routeTo = (t: TypeModel, g: number): LonLat[] | null => {
    const key = `${t.index}:${g}`;
    const hit = routes.get(key);
    if (hit !== undefined) return hit;
    let r: LonLat[] | null = null;
    if (t.exit && t.tour) {
      const target = pointAtKm(t.tour.pts, t.tour.cum, t.grid[g]);
      const route = plan.nav.route(t.exit.exit, target, { reuse: true });
      if (route) r = joinPaths([t.exit.climb, route.path]);
    }
    routes.set(key, r);
    return r;
  };
  const tourFor = (rangeKm: number, home: LonLat): Tour => {
    let tour = tours.get(rangeKm);
    if (!tour) {
      tour = buildTour(coast, plan.free, plan.nav, plan.sidx, { rangeKm: planningRange(rangeKm), home });
      tours.set(rangeKm, tour);
    }
    return tour;
  };
  const seenBy = (pts: readonly LonLat[], rangeKm: number): number => {
    const ps = passesOf(pts, rangeKm, plan.sidx);
    return new Set(ps.sample).size;
  };
  const shortest = Math.min(...scenario.aircraft.map((x) => x.sensorRangeKm));
  scenario.aircraft.forEach((a, index) => {
    const base = baseOf(scenario, a);
    const exit = plan.exits.get(base.name) ?? null;
    let tour: Tour | null = null;
    if (exit) {
      tour = tourFor(a.sensorRangeKm, exit.exit);
      // a longer sensor's tour stands further out and may cut across a gulf the shortest sensor's tour (the
      // plan's) follows: fly that one instead when it lets this type see more (Tunisia's twin, the Gulf of Gabes)
      if (shortest < a.sensorRangeKm && tour.pts.length > 0) {
        const close = tourFor(shortest, exit.exit);
        if (close.pts.length > 0 && seenBy(close.pts, a.sensorRangeKm) > seenBy(tour.pts, a.sensorRangeKm))
          tour = close;
      }
      if (tour.pts.length === 0) tour = null;
    }
    const tourKm = tour ? tour.cum[tour.cum.length - 1] : 0;
    const G = tour ? Math.min(400, Math.max(16, Math.ceil(tourKm / 6))) : 0;
    const grid = Float64Array.from({ length: tour ? G + 1 : 0 }, (_v, g) => (tourKm * g) / G);
    const t: TypeModel = {
      index,
      type: a,
      base,
      kmh: speedKmh(a),
      rangeKm: rangeKm(a) * (1 - 1e-9),
      usableH: usableHours(a),
      exit,
      tour,
      tourKm,
      grid,
      transitKm: new Float64Array(grid.length).fill(Number.NaN),
      passes: null,
      passOf: [],
    };
    if (tour && tour.pts.length > 0) {
      t.passes = passesOf(tour.pts, a.sensorRangeKm, plan.sidx);
      t.passOf = Array.from({ length: coast.samples.count }, () => []);
      for (let j = 0; j < t.passes.sample.length; j++) t.passOf[t.passes.sample[j]].push(j);
    }
    types.push(t);
  });
  const hops = new Map<string, LonLat[] | null>();
  const hopRoute = (t: TypeModel, a: number, b: number): LonLat[] | null => {
    if (!t.tour) return null;
    const key = `${t.index}:${a}:${b}`;
    const hit = hops.get(key);
    if (hit !== undefined) return hit;
    const r =
      a === b
        ? [pointAtKm(t.tour.pts, t.tour.cum, t.grid[a])]
        : (plan.nav.route(
            pointAtKm(t.tour.pts, t.tour.cum, t.grid[a]),
            pointAtKm(t.tour.pts, t.tour.cum, t.grid[b]),
          )?.path ?? null);
    hops.set(key, r);
    return r;
  };
  const hopKms = new Map<string, number>();
  const ctx: ScheduleContext = {
    plan,
    ...(sh ? { unshifted: { scenario: given, coast: givenCoast } } : {}),
    types,
    routeTo,
    hopRoute,
    hopKm(t: TypeModel, a: number, b: number): number {
      const key = `${t.index}:${a}:${b}`;
      let km = hopKms.get(key);
      if (km === undefined) {
        const r = hopRoute(t, a, b);
        km = r ? lineLengthKm(r) : Infinity;
        hopKms.set(key, km);
      }
      return km;
    },
    transit(t: TypeModel, g: number): number {
      let km = t.transitKm[g];
      if (Number.isNaN(km)) {
        const r = routeTo(t, g);
        km = r ? lineLengthKm(r) : Infinity;
        if (2 * km > t.rangeKm) km = Infinity;
        t.transitKm[g] = km;
      }
      return km;
    },
  };
  return ctx;
}

/** The path of a sortie: out to one end of the sector, `legs` sweeps along the tour, home from where it ends. */
export function sortiePath(
  ctx: ScheduleContext,
  t: TypeModel,
  lo: number,
  hi: number,
  legs: number,
  startHi: boolean,
  hop?: HopSector,
): LonLat[] | null {
  if (!t.tour) return null;
  const tour = t.tour;
  const start = startHi ? hi : lo;
  const end = endOf(lo, hi, legs, startHi);
  const out = ctx.routeTo(t, start);
  const last = hop ? endOf(hop.lo, hop.hi, hop.legs, hop.startHi) : end;
  const back = ctx.routeTo(t, last);
  if (!out || !back) return null;
  const parts: LonLat[][] = [out];
  const sweeps = (a: number, b: number, n: number, fromHi: boolean) => {
    const fwd = sliceKm(tour.pts, tour.cum, t.grid[a], t.grid[b]);
    const rev = [...fwd].reverse();
    for (let j = 0; j < n; j++) parts.push((j % 2 === 0) !== fromHi ? fwd : rev);
  };
  sweeps(lo, hi, legs, startHi);
  if (hop) {
    const link = ctx.hopRoute(t, end, hop.startHi ? hop.hi : hop.lo);
    if (!link) return null;
    parts.push(link);
    sweeps(hop.lo, hop.hi, hop.legs, hop.startHi);
  }
  parts.push([...back].reverse());
  return joinPaths(parts);
}

/** The grid point where `legs` sweeps of [lo, hi] end. */
export function endOf(lo: number, hi: number, legs: number, startHi: boolean): number {
  const start = startHi ? hi : lo;
  return legs % 2 === 0 ? start : startHi ? lo : hi;
}

/** Sortie length, km, from the transit table (the same figure the built path has). */
export function sortieKm(
  ctx: ScheduleContext,
  t: TypeModel,
  lo: number,
  hi: number,
  legs: number,
  startHi: boolean,
  hop?: HopSector,
): number {
  const start = startHi ? hi : lo;
  const end = endOf(lo, hi, legs, startHi);
  if (!hop) return ctx.transit(t, start) + legs * (t.grid[hi] - t.grid[lo]) + ctx.transit(t, end);
  return (
    ctx.transit(t, start) +
    legs * (t.grid[hi] - t.grid[lo]) +
    ctx.hopKm(t, end, hop.startHi ? hop.hi : hop.lo) +
    hop.legs * (t.grid[hop.hi] - t.grid[hop.lo]) +
    ctx.transit(t, endOf(hop.lo, hop.hi, hop.legs, hop.startHi))
  );
}
