/**
 * Mop-up: the coast the first covering tour's sorties leave unseen, planned instead of declared a gap
 * (docs/mop-up.md).
 *
 * 1. Out-and-backs on the planning grid for what those sorties just miss (one sortie, not a further tour).
 * 2. Further tours: over the samples still uncovered that some base could reach, another covering tour from
 *    each way out of each base that may fly the sea, on a navigator fine enough for corridors the planner's
 *    coarse grid closes (a strait between the band and foreign land), each cut into sorties like the first.
 * 3. Out-and-backs on that fine grid for what is left; all out-and-backs within one budget of routes.
 */
import type { Sortie } from '../domain/plan.js';
import { type AircraftType, baseOf, rangeKm, speedKmh } from '../domain/scenario.js';
import { degreePadding, fastDestination, fastDistanceKm, kxAt, kyAt } from '../geo/frame.js';
import { destination, distanceKm, geodesicSteps, inverse, lineLengthKm } from '../geo/geodesic.js';
import { type BBox, bboxOf, type LonLat } from '../geo/lonlat.js';
import { joinPaths } from '../geo/polyline.js';
import { FreeSpace } from './free-space.js';
import { Navigator } from './navigator.js';
import {
  CLIMB_KM,
  CLIMB_REL,
  type ClimbOut,
  climbBoundKm,
  cutTour,
  type Flyer,
  originsOf,
  type PlanContext,
  planningRange,
  sortieRecord,
} from './planner.js';
import { buildTour, type Tour, viewpoints } from './tour.js';

/** Grid cells of the mop-up's navigator at most, and its cells' least size (km). */
const FINE_CELLS = 1_000_000;
const FINE_MIN_CELL_KM = 1;
/** Routes the per-sample out-and-backs may try in all (each one is a grid search or a field's walk back). */
const OUT_AND_BACK_ROUTES = 20_000;
/** Straight legs the straight out-and-backs may check in all, and their coverage measures (big coasts stay fast). */
const STRAIGHT_LEGS = 20_000;
const STRAIGHT_COVERS = 3_000;
/** Where in each stretch still uncovered the straight out-and-backs try once their budget has run out (shares of it). */
const SPREAD_AT = [0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875, 0, 1];
/** Distance the straight out-and-backs keep beyond the standoff (km): verify's witnesses keep 0.1. */
const STRAIGHT_MARGIN_KM = 0.1;
/**
 * Bearings of the straight out-and-backs' turn points round a sample, off the bearing to the base (nearest first),
 * every 5 degrees: over land the legal turn points can be a sliver between the band and the sensor circle (Scotland's
 * Loch Fyne from Edinburgh, Hormuz from Tehran), missed by a coarser fan.
 */
const STRAIGHT_TURNS = [0, ...Array.from({ length: 35 }, (_v, k) => [5 * (k + 1), -5 * (k + 1)]).flat(), 180];

export interface MopUpResult {
  /**
   * Per sample left uncovered: 1 if no free point lies within sensor range of it, 2 if none of those is
   * reachable from any way out of any base (on the mop-up's navigator), 3 if beyond reach by straight line.
   */
  unseen: Uint8Array;
  /** Per sample marked 3: the hours the shortest straight out-and-back to it takes, and by which type. */
  need: Float64Array;
  needType: (AircraftType | null)[];
}

interface Origin {
  base: string;
  ex: ClimbOut;
}

/** The mop-up (see the module's comment): adds sorties, marks what they see in `covered`. */
export function mopUp(
  ctx: PlanContext,
  sensorKm: number,
  types: AircraftType[],
  flyers: Flyer[],
  covered: Uint8Array,
  sorties: Sortie[],
  tour: Tour,
  opts: { stopKm: number },
): MopUpResult {
  const { samples } = ctx.coast;
  const S = planningRange(sensorKm);
  const unseen = new Uint8Array(samples.count);
  const bases = [...new Set(types.map((a) => baseOf(ctx.scenario, a).name))];
  const origins: Origin[] = bases.flatMap((base) => originsOf(ctx, base).map((ex) => ({ base, ex })));
  // no route is shorter than the straight line: what no type reaches even so is left out from the start
  const need = new Float64Array(samples.count);
  const needType: (AircraftType | null)[] = new Array(samples.count).fill(null);
  const straight = (i: number): boolean => {
    const c: LonLat = [samples.lon[i], samples.lat[i]];
    let best = Infinity;
    for (const a of types)
      for (const ex of originsOf(ctx, a.base)) {
        const km = 2 * (ex.climbKm + Math.max(0, distanceKm(ex.exit, c) - S));
        if (km <= rangeKm(a)) return true;
        const h = km / speedKmh(a);
        if (h < best) [best, needType[i]] = [h, a];
      }
    need[i] = best;
    return false;
  };
  const todo = new Uint8Array(samples.count);
  let count = 0;
  for (let i = 0; i < samples.count; i++) {
    if (covered[i]) continue;
    if (tour.unseen[i] === 1) unseen[i] = 1;
    else if (!straight(i)) unseen[i] = 3;
    else {
      todo[i] = 1;
      count++;
    }
  }
  const result = { unseen, need, needType };
  if (origins.length === 0) return result;
  if (count > 0) mopUpRoutes(ctx, sensorKm, types, covered, sorties, opts, todo, unseen, origins, flyers);
  // last, straight out-and-backs from the base itself: a turn point at the full planning range round a sample,
  // legal by the climb-out rule (verify's witnesses of "reachable" gaps are such legs, turning beyond the rings
  // of viewpoints and off the ways out routes start from)
  straightOutAndBacks(ctx, sensorKm, flyers, covered, sorties, (i) => unseen[i] === 3);
  for (let i = 0; i < samples.count; i++) if (covered[i]) unseen[i] = 0;
  return result;
}

/** Steps 1-3 of the mop-up (the module's comment). */
function mopUpRoutes(
  ctx: PlanContext,
  sensorKm: number,
  types: AircraftType[],
  covered: Uint8Array,
  sorties: Sortie[],
  opts: { stopKm: number },
  todo: Uint8Array,
  unseen: Uint8Array,
  origins: Origin[],
  flyers: Flyer[],
): void {
  const { samples } = ctx.coast;
  const S = planningRange(sensorKm);

  // out-and-backs on the planning grid first (its fields from each way out are built already): what the tour's
  // sorties just miss costs one sortie there, where a further tour would fly a second
  const budget = { routes: OUT_AND_BACK_ROUTES };
  outAndBack(ctx, sensorKm, flyers, covered, sorties, (i) => !todo[i], budget);
  for (let i = 0; i < samples.count; i++) if (covered[i]) todo[i] = 0;
  if (!todo.includes(1)) return;
  const nav = fineNavigator(ctx, todo, S);
  const fctx: PlanContext = { ...ctx, nav };
  // a tour's sorties fly their slice of the tour: not from a climb whose sorties must stay over land
  const tourOrigins = origins.filter((o) => !o.ex.overLand);
  const reached = new Uint8Array(samples.count);
  for (const o of tourOrigins) {
    const near = nearReached(nav, o.ex.exit, S, todo, samples);
    const cover = new Uint8Array(samples.count);
    let n = 0;
    for (let i = 0; i < samples.count; i++)
      if (near[i] && !covered[i]) {
        cover[i] = 1;
        n++;
      }
    if (n === 0) continue;
    const t = buildTour(ctx.coast, ctx.free, nav, ctx.sidx, {
      rangeKm: S,
      home: o.ex.exit,
      reach: (p) => nav.reachable(o.ex.exit, p),
      cover,
    });
    for (let i = 0; i < samples.count; i++) if (Number.isFinite(t.firstKm[i])) reached[i] = 1;
    if (t.pts.length > 0) sortiesOfTour(fctx, t, types, covered, sorties, opts.stopKm);
  }
  // what no tour got to is unreachable on this navigator, but for climbs onto land (their out-and-backs below)
  const landOrigins = origins.length > tourOrigins.length;
  for (let i = 0; i < samples.count; i++)
    if (todo[i] && !covered[i] && !reached[i] && !landOrigins) {
      unseen[i] = 2;
      todo[i] = 0;
    }
  if (nav !== ctx.nav) outAndBack(fctx, sensorKm, flyers, covered, sorties, (i) => !todo[i], budget);
}

/** Cells of the reach map's blocks: about this many km across. */
const BLOCK_KM = 10;

/**
 * The samples of `todo` a tour from `source` may get to: those within about S of a grid cell the source's field
 * reaches (blocks of BLOCK_KM, widened by S and three blocks: more than the 8 cells reachable looks round). A source that reaches
 * almost no cell (a pocket the grid does not resolve) is flown from by straight legs: then every sample within
 * 300 km plus S.
 */
function nearReached(
  nav: Navigator,
  source: LonLat,
  S: number,
  todo: Uint8Array,
  samples: PlanContext['coast']['samples'],
): Uint8Array {
  const f = nav.field(source);
  const b = Math.max(1, Math.round(BLOCK_KM / nav.cellKm));
  const bx = Math.ceil(nav.nx / b);
  const by = Math.ceil(nav.ny / b);
  const hit = new Uint8Array(bx * by);
  let cells = 0;
  for (let j = 0; j < nav.ny; j++)
    for (let i = 0; i < nav.nx; i++)
      if (Number.isFinite(f.dist[j * nav.nx + i])) {
        hit[Math.floor(j / b) * bx + Math.floor(i / b)] = 1;
        cells++;
      }
  const out = new Uint8Array(todo.length);
  if (cells < 50) {
    for (let i = 0; i < todo.length; i++)
      if (todo[i] && fastDistanceKm(source, [samples.lon[i], samples.lat[i]]) <= 300 + S) out[i] = 1;
    return out;
  }
  // blocks to widen by, each way: with a block's narrowest size on the grid (east-west at its highest latitude)
  const north = nav.south + nav.dLat * (nav.ny - 1);
  const topLat = Math.min(89, Math.max(Math.abs(nav.south), Math.abs(north)));
  const rx = Math.ceil(S / (b * nav.dLon * kxAt(topLat))) + 3;
  const ry = Math.ceil(S / (b * nav.dLat * kyAt(topLat))) + 3;
  const near = new Uint8Array(bx * by);
  for (let J = 0; J < by; J++)
    for (let I = 0; I < bx; I++) {
      if (!hit[J * bx + I]) continue;
      for (let y = Math.max(0, J - ry); y <= Math.min(by - 1, J + ry); y++)
        for (let x = Math.max(0, I - rx); x <= Math.min(bx - 1, I + rx); x++) near[y * bx + x] = 1;
    }
  for (let k = 0; k < todo.length; k++) {
    if (!todo[k]) continue;
    const i = Math.round((samples.lon[k] - nav.west) / nav.dLon);
    const j = Math.round((samples.lat[k] - nav.south) / nav.dLat);
    // off the grid: the navigator cannot route there
    if (i < 0 || i >= nav.nx || j < 0 || j >= nav.ny) continue;
    if (near[Math.floor(j / b) * bx + Math.floor(i / b)]) out[k] = 1;
  }
  return out;
}

/**
 * A navigator over the coast still to cover and the bases, with cells fine enough for narrow corridors; the
 * planner's own when that is already as fine.
 */
function fineNavigator(ctx: PlanContext, todo: Uint8Array, S: number): Navigator {
  const { samples } = ctx.coast;
  const pts: LonLat[] = [];
  for (const b of ctx.scenario.bases) for (const ex of originsOf(ctx, b.name)) pts.push(...ex.climb);
  for (let i = 0; i < samples.count; i++) if (todo[i]) pts.push([samples.lon[i], samples.lat[i]]);
  const [w, s, e, n] = bboxOf(pts);
  const padKm = S + Math.max(150, ctx.scenario.standoffKm * 3);
  const { dLon, dLat } = degreePadding(Math.min(80, Math.max(Math.abs(s), Math.abs(n))), padKm);
  const east = e > 180 ? 360 : 180;
  const region: BBox = [
    Math.max(-180, w - dLon),
    Math.max(-89, s - dLat),
    Math.min(east, e + dLon),
    Math.min(89, n + dLat),
  ];
  // cells of the fine grid: as many as FINE_CELLS allows, none smaller than FINE_MIN_CELL_KM (area as Navigator reckons it)
  const midLat = (region[1] + region[3]) / 2;
  const areaKm2 = (region[2] - region[0]) * kxAt(midLat) * (region[3] - region[1]) * kyAt(midLat);
  const cells = Math.min(FINE_CELLS, Math.ceil(areaKm2 / (FINE_MIN_CELL_KM * FINE_MIN_CELL_KM)));
  const cellKm = Math.max(FINE_MIN_CELL_KM, Math.sqrt(areaKm2 / cells));
  if (cellKm >= ctx.nav.cellKm * 0.8) return ctx.nav;
  return new Navigator(ctx.free, region, { maxCells: cells });
}

/** Cuts a further tour into sorties as the planner cuts its first, adds those that see something new; returns how many samples became covered. */
function sortiesOfTour(
  ctx: PlanContext,
  tour: Tour,
  types: AircraftType[],
  covered: Uint8Array,
  sorties: Sortie[],
  stopKm: number,
): number {
  const { samples } = ctx.coast;
  let gained = 0;
  for (const { type, path, cov } of cutTour(ctx, tour, types, stopKm).legs) {
    // a sortie that sees nothing new is not flown
    let fresh = 0;
    for (let i = 0; i < samples.count; i++) if (cov[i] && !covered[i]) fresh++;
    if (fresh === 0) continue;
    for (let i = 0; i < samples.count; i++) if (cov[i]) covered[i] = 1;
    gained += fresh;
    sorties.push(sortieRecord(samples, sorties.length, type, path, cov));
  }
  return gained;
}

/** Sortie number `at` (new or grown) flying path: recorded, and what it sees marked covered. */
function putSortie(
  ctx: PlanContext,
  covered: Uint8Array,
  sorties: Sortie[],
  at: number,
  a: AircraftType,
  path: LonLat[],
  cov: Uint8Array,
): void {
  const { samples } = ctx.coast;
  for (let k = 0; k < samples.count; k++) if (cov[k]) covered[k] = 1;
  sorties[at] = sortieRecord(samples, at, a, path, cov);
}

/**
 * For each sample still uncovered (in coast order), the cheapest out-and-back: from some flyer's base to the
 * viewpoint within sensor range nearest by route, and back the same way, if it fits the type's range.
 */
export function outAndBack(
  ctx: PlanContext,
  sensorKm: number,
  flyers: Flyer[],
  covered: Uint8Array,
  sorties: Sortie[],
  skip: (i: number) => boolean,
  budget: { routes: number },
): void {
  const { samples } = ctx.coast;
  const S = planningRange(sensorKm);
  // out-and-backs made here, each open to one more turn point before it comes back
  const open: { at: number; f: Flyer; ex: ClimbOut; outward: LonLat[]; outKm: number; cov: Uint8Array }[] =
    [];
  const put = (at: number, a: AircraftType, path: LonLat[], cov: Uint8Array) =>
    putSortie(ctx, covered, sorties, at, a, path, cov);
  for (let i = 0; i < samples.count; i++) {
    // what the tour sees but no sortie cut from it reaches, and what the tour could not get to from where it
    // was (a pocket another way out of the base reaches: over the base's own land)
    if (covered[i] || skip(i)) continue;
    if (budget.routes <= 0) break;
    const c: LonLat = [samples.lon[i], samples.lat[i]];
    // no route is shorter than the straight line: skip what no flyer could reach even so
    const fits = (f: Flyer, ex: ClimbOut) =>
      2 * (ex.climbKm + Math.max(0, distanceKm(ex.exit, c) - S)) <= rangeKm(f.type);
    const hopeful = flyers.filter((f) => originsOf(ctx, f.type.base).some((ex) => fits(f, ex)));
    if (hopeful.length === 0) continue;
    const views = viewpoints(c, S, ctx.free);
    if (views.length === 0) continue;
    let best: { path: LonLat[]; out: LonLat[]; km: number; f: Flyer; ex: ClimbOut } | null = null;
    for (const f of hopeful)
      for (const ex of originsOf(ctx, f.type.base)) {
        if (!fits(f, ex)) continue;
        const est = views.map((v) => ctx.nav.fieldKm(ex.exit, v));
        // a climb onto land keeps its sortie over land: its turn point too (a fine grid may join land and sea round
        // the band's end, and the nearest few would then be at sea)
        const order = views
          .map((_v, k) => k)
          .filter((k) => Number.isFinite(est[k]) && !(ex.overLand && ctx.free.atSea(views[k])));
        order.sort((x, y) => est[x] - est[y]);
        // the grid's distance overstates the pulled route by a few percent at most: try the nearest few
        for (const k of order.slice(0, 3)) {
          const v = views[k];
          if (2 * (ex.climbKm + est[k]) * 0.9 > rangeKm(f.type)) break;
          budget.routes--;
          const r = ctx.nav.route(ex.exit, v, { reuse: true });
          if (!r) continue;
          if (ex.overLand && !overLand(r.path, ctx.free)) continue;
          const out = joinPaths([ex.climb, r.path]);
          const km = 2 * lineLengthKm(out);
          if (km <= rangeKm(f.type) * (1 - 1e-9) && (!best || km < best.km))
            best = { path: joinPaths([out, [...out].reverse()]), out, km, f, ex };
        }
      }
    if (!best) continue;
    const a = best.f.type;
    // fewer sorties: an earlier out-and-back of the same type and way out flies on to this turn point first
    let merged = false;
    // the latest one only (samples come in coast order, so it is the nearest), and only if a straight hop fits
    const o = open.findLast((x) => x.f === best!.f && x.ex === best!.ex);
    const v = best.out[best.out.length - 1];
    if (o && o.outKm + distanceKm(o.outward[o.outward.length - 1], v) + best.km / 2 <= rangeKm(a)) {
      const last = o.outward[o.outward.length - 1];
      const hop = ctx.nav.route(last, v);
      const outward =
        hop && (!o.ex.overLand || overLand(hop.path, ctx.free)) ? joinPaths([o.outward, hop.path]) : null;
      const path = outward && joinPaths([outward, [...best.out].reverse()]);
      if (outward && path && lineLengthKm(path) <= rangeKm(a) * (1 - 1e-9)) {
        const cov = ctx.sidx.coveredBy(path, a.sensorRangeKm);
        // the old way back is dropped: keep the merge only if it still sees all it saw
        if (cov[i] && !o.cov.some((x, k) => x === 1 && cov[k] !== 1)) {
          o.cov = cov;
          o.outward = outward;
          o.outKm = lineLengthKm(outward);
          put(o.at, a, path, cov);
          merged = true;
        }
      }
    }
    if (merged) continue;
    const cov = ctx.sidx.coveredBy(best.path, a.sensorRangeKm);
    if (!cov[i]) continue;
    open.push({ at: sorties.length, f: best.f, ex: best.ex, outward: best.out, outKm: best.km / 2, cov });
    put(sorties.length, a, best.path, cov);
  }
}

/**
 * For each sample still uncovered (in coast order, but `skip`), a straight out-and-back from a flyer's base: turn
 * points on the circle of the planning range round the sample, towards the base first and fanning out; the leg
 * leaves the band (a base inside it) within the climb-out rule's bound (as `climbOuts` judges it: 1.05 x verify's
 * bound of the shortest straight climb + 2 km) and is in free space from there on. Kept only if what it sees,
 * measured exactly, includes the sample; an earlier one of the same flyer flies on to the next turn point when
 * range allows.
 */
export function straightOutAndBacks(
  ctx: PlanContext,
  sensorKm: number,
  flyers: Flyer[],
  covered: Uint8Array,
  sorties: Sortie[],
  skip: (i: number) => boolean,
): void {
  const { samples } = ctx.coast;
  if (!samples.km.some((_k, i) => !covered[i] && !skip(i))) return;
  // held to the standoff with verify's witnesses' margin (0.1 km), not the planner's wider one: these legs are
  // checked exactly (no grid), and a witness may turn just outside the wider margin (North Korea off Haeju)
  const wide = ctx.free;
  const free =
    wide.keepKm > 0 && wide.keepKm - wide.standoffKm > STRAIGHT_MARGIN_KM
      ? new FreeSpace(
          ctx.coast.lines.map((l) => l.coords),
          wide.standoffKm,
          wide.noFly,
          {
            marginKm: STRAIGHT_MARGIN_KM,
            noLand: wide.noLand ?? undefined,
            anyLand: wide.anyLand ?? undefined,
            landKeepKm: wide.landKeepKm,
          },
        )
      : wide;
  const S = planningRange(sensorKm);
  const budget = { legs: STRAIGHT_LEGS, covers: STRAIGHT_COVERS };
  // per base: its position and how far a straight climb may run inside the band (0: the base is outside it)
  const climbs = new Map<string, { at: LonLat; limit: number } | null>();
  const climbOf = (f: Flyer) => {
    const b = baseOf(ctx.scenario, f.type);
    if (!climbs.has(b.name)) {
      let c: { at: LonLat; limit: number } | null = null;
      if (free.pointFree(b.position)) c = { at: b.position, limit: 0 };
      // without land too (a library call): verify then asks only that the climb leave the band, and this bound is
      // stricter
      else if (!free.inNoFly(b.position) && free.keepKm > 0) {
        const ub = climbBoundKm(b.position, free);
        if (ub !== null) c = { at: b.position, limit: CLIMB_REL * ub + CLIMB_KM };
      }
      climbs.set(b.name, c);
    }
    return climbs.get(b.name) ?? null;
  };
  // cheap first filter, per base: the bearings (every STEP_DEG) on which a straight climb gets out of the band
  // within its bound; a turn point between two bearings with none is not tried
  const STEP_DEG = 0.5;
  const outs = new Map<{ at: LonLat; limit: number }, Uint8Array>();
  const bearingsOut = (base: { at: LonLat; limit: number }) => {
    let m = outs.get(base);
    if (!m) {
      m = new Uint8Array(360 / STEP_DEG);
      for (let k = 0; k < m.length; k++)
        for (let d = 0.25; d <= base.limit + 0.5; d += 0.5)
          if (free.pointFree(destination(base.at, k * STEP_DEG, d))) {
            m[k] = 1;
            break;
          }
      outs.set(base, m);
    }
    return m;
  };
  const mayLeave = (base: { at: LonLat; limit: number }, q: LonLat) => {
    if (base.limit === 0) return true;
    const m = bearingsOut(base);
    const az = (((inverse(base.at, q).azi1 % 360) + 360) % 360) / STEP_DEG;
    return m[Math.floor(az) % m.length] === 1 || m[Math.ceil(az) % m.length] === 1;
  };
  // the outward legs of the base to q: [base, exit?, q], or null if not legal
  const outward = (base: { at: LonLat; limit: number }, q: LonLat): LonLat[] | null => {
    const B = base.at;
    if (base.limit === 0) {
      budget.legs--;
      return free.legFree(B, q) ? [B, q] : null;
    }
    const L = distanceKm(B, q);
    const az = inverse(B, q).azi1;
    const lim = Math.min(base.limit, L);
    let d = 0.25;
    while (d <= lim && !free.pointFree(destination(B, az, d))) d += 0.5;
    // the last half-step ends on the limit itself (the band's edge may lie just short of it: the Ross Sea from AQBC)
    if (d > lim) {
      if (!free.pointFree(destination(B, az, lim))) return null;
      d = lim;
    }
    // refine to the band's edge, then out a hair beyond it (as climbOut stands off)
    let [lo, hi] = [Math.max(0, d - 0.5), d];
    for (let it = 0; it < 16; it++) {
      const mid = (lo + hi) / 2;
      if (free.pointFree(destination(B, az, mid))) hi = mid;
      else lo = mid;
    }
    // the climb-out is bounded up to where it leaves the band (hi), not to the exit a hair beyond it
    if (hi > base.limit) return null;
    const at = Math.min(L, hi + Math.max(free.standKm - free.keepKm, 0.5));
    const exit = destination(B, az, at);
    if (!free.pointFree(exit) || !free.climbClear(B, exit)) return null;
    budget.legs--;
    return free.legFree(exit, q) ? [B, exit, q] : null;
  };
  // on each bearing the full planning range, then halfway in to the band (a sliver may lie nearer the coast)
  const mid = (S + free.standoffKm) / 2 + STRAIGHT_MARGIN_KM;
  const turns: [number, number][] = STRAIGHT_TURNS.flatMap((t) =>
    mid < S - STRAIGHT_MARGIN_KM
      ? [[t, S] as [number, number], [t, mid] as [number, number]]
      : [[t, S] as [number, number]],
  );
  const open: { at: number; f: Flyer; out: LonLat[]; cov: Uint8Array }[] = [];
  const put = (at: number, a: AircraftType, path: LonLat[], cov: Uint8Array) =>
    putSortie(ctx, covered, sorties, at, a, path, cov);
  const spent = () => budget.legs <= 0 || budget.covers <= 0;
  let stoppedAt = -1;
  for (let i = 0; i < samples.count; i++) {
    if (covered[i] || skip(i)) continue;
    if (spent()) {
      stoppedAt = i;
      break;
    }
    tryAt(i);
  }
  // the budget ran out before the end of the coast (a long coast much of which no straight leg reaches: Antarctica
  // from AQBC): a second budget for a few samples spread over each stretch still uncovered, as verify's witnesses
  // are searched, so no stretch is left untried
  if (stoppedAt < 0) return;
  budget.legs = STRAIGHT_LEGS;
  budget.covers = STRAIGHT_COVERS;
  const runs: number[][] = [];
  for (let i = 0; i < samples.count; i++) {
    if (covered[i] || skip(i)) continue;
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev === i - 1 && samples.line[prev] === samples.line[i]) last.push(i);
    else runs.push([i]);
  }
  // the longest stretches first (verify searches those), each one's middle first, then its quarters, and so on
  runs.sort((x, y) => y.length - x.length);
  const order: number[] = [];
  for (const t of SPREAD_AT) for (const r of runs) order.push(r[Math.round(t * (r.length - 1))]);
  for (const i of order) {
    if (spent()) break;
    if (!covered[i]) tryAt(i);
  }

  // turn points round P: the fan of `turns`, then (a base inside the band) points within range of P on the
  // bearings a straight climb leaves the band on, where they cross the sensor circle: a base whose way out is a
  // narrow sector (AQBC on the Ross Sea) sees through it what no point of the fan lines up with
  function* turnPoints(P: LonLat, base: { at: LonLat; limit: number }): Generator<LonLat> {
    const toBase = inverse(P, base.at).azi1;
    // a fan of candidates: each at its distance within metres, its bearing near enough (what it sees is measured)
    for (const [turn, r] of turns)
      yield Math.abs(P[1]) < 70 ? fastDestination(P, toBase + turn, r) : destination(P, toBase + turn, r);
    if (base.limit === 0) return;
    const { km: D, azi1: toP } = inverse(base.at, P);
    if (D <= 2 * S) return;
    const m = bearingsOut(base);
    const half = (Math.asin(Math.min(1, S / D)) * 180) / Math.PI;
    const k0 = Math.ceil((toP - half) / STEP_DEG);
    const k1 = Math.floor((toP + half) / STEP_DEG);
    for (let k = k0; k <= k1; k++) {
      if (m[((k % m.length) + m.length) % m.length] !== 1) continue;
      const az = k * STEP_DEG;
      const d = ((az - toP) * Math.PI) / 180;
      const xt = D * Math.sin(d);
      const w = Math.sqrt(Math.max(0, (S * 0.97) ** 2 - xt * xt));
      const a = D * Math.cos(d);
      for (const t of [a, a - 0.6 * w, a + 0.6 * w]) if (t > 0) yield destination(base.at, az, t);
    }
  }

  function tryAt(i: number): void {
    const P: LonLat = [samples.lon[i], samples.lat[i]];
    let done = false;
    for (const f of flyers) {
      const base = climbOf(f);
      const R = rangeKm(f.type) * (1 - 1e-9);
      // no straight out-and-back is shorter than to the circle's nearest point and back
      if (!base || 2 * (distanceKm(base.at, P) - S) > R) continue;
      for (const q of turnPoints(P, base)) {
        if (spent()) break;
        // the cheap test first: most turn points in a fjord lie in the band
        if (!free.pointFree(q) || 2 * distanceKm(base.at, q) > R || !mayLeave(base, q)) continue;
        const out = outward(base, q);
        if (!out) continue;
        // fewer sorties: the latest one of this flyer flies on to q and comes back from there
        const o = open.findLast((x) => x.f === f);
        if (o && free.legFree(o.out[o.out.length - 1], q)) {
          budget.legs--;
          const path = joinPaths([o.out, [...out].reverse()]);
          if (lineLengthKm(path) <= R) {
            budget.covers--;
            const cov = ctx.sidx.coveredBy(path, f.type.sensorRangeKm);
            if (cov[i] && !o.cov.some((x, k) => x === 1 && cov[k] !== 1)) {
              o.out = [...o.out, q];
              o.cov = cov;
              put(o.at, f.type, path, cov);
              done = true;
              break;
            }
          }
        }
        const path = joinPaths([out, [...out].reverse()]);
        if (lineLengthKm(path) > R) continue;
        budget.covers--;
        const cov = ctx.sidx.coveredBy(path, f.type.sensorRangeKm);
        if (!cov[i]) continue;
        open.push({ at: sorties.length, f, out, cov });
        put(sorties.length, f.type, path, cov);
        done = true;
        break;
      }
      if (done) break;
    }
  }
}

/** Whether a route stays over land all along (checked at most 1 km apart). */
function overLand(path: readonly LonLat[], free: FreeSpace): boolean {
  for (let i = 0; i + 1 < path.length; i++) {
    const leg = geodesicSteps(path[i], path[i + 1], 1);
    for (let k = 0; k <= leg.n; k++) if (free.atSea(leg.at(k))) return false;
  }
  return true;
}
