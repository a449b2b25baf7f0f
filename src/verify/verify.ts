/**
 * An independent check of a plan (or schedule) against every rule of docs/formats.md (plan and schedule files). It shares
 * no code with the planner (src/plan), only geodesy and domain types, so a planner bug is not repeated here.
 * Every distance that decides a rule is a GeographicLib geodesic distance; legs are geodesics and are checked
 * along their whole length, not only at their vertices. Returns the violations found, none for a good plan.
 */
import Flatbush from 'flatbush';
import { buildCoastModel, type CoastModel, intervalsKm, mergeIntervals } from '../domain/coast.js';
import type { CoastInterval, Plan, Sortie } from '../domain/plan.js';
import type { AircraftType, Base, Scenario } from '../domain/scenario.js';
import { chordOffKm, chordPoint, DRAWN_OFF_KM, quickOffKm } from '../geo/drawn.js';
import { degreePadding, fastPointToSegmentKm } from '../geo/frame.js';
import {
  densifyGeodesic,
  destination,
  distanceKm,
  inverse,
  KM_PER_NM,
  pointToSegmentKm,
} from '../geo/geodesic.js';
import { isLonLat, type LonLat, wrapLon } from '../geo/lonlat.js';
import { CoastGeometry, fastMargin, type Near, PIECE_KM, searchWrapped } from './coast-geometry.js';
import { NoFlyAreas } from './no-fly.js';
import { recomputeRevisit } from './revisit.js';
import { RingBands } from './ring-bands.js';
import { searchWitnesses, type WitnessJudge, witnessMessage } from './witness.js';

export type Rule =
  | 'sortie'
  | 'aircraft'
  | 'base'
  | 'endurance'
  | 'distance'
  | 'duration'
  | 'standoff'
  | 'no-fly'
  | 'covers'
  | 'summary'
  | 'gaps'
  | 'coast'
  | 'schedule'
  | 'land'
  | 'drawn'
  | 'antimeridian'
  | 'reachable'
  | 'priority';

export interface Violation {
  rule: Rule;
  /** Sortie id, for rules about one sortie. */
  sortie?: string;
  message: string;
  /** Where, as [lon, lat]. */
  at?: LonLat;
  /** Coast km of the coast point concerned (the nearest one, for distances). */
  coastKm?: number;
}

/** One country's land polygon (Natural Earth 1:10m as src/data/land gives it), passed in as plain data. */
export interface LandArea {
  country: string;
  /** Outer ring then holes, [lon, lat]. */
  rings: LonLat[][];
  /** [west, south, east, north] of the outer ring. */
  bbox: readonly [number, number, number, number];
}

export interface VerifyOptions {
  /** Slack on every distance comparison, km. Default 0.001 (1 m). */
  toleranceKm?: number;
  /**
   * Countries' land, for `overflyLand: "avoid"` and for the witness search of gaps. Without it those checks
   * cannot be made: land is then not checked, and witnesses are searched as if there were none only when
   * the scenario allows overflying land.
   */
  land?: readonly LandArea[];
  /** Search for a legal sortie that would see each gap and uncovered stretch (default true). */
  witnesses?: boolean;
  /**
   * The situation's priorities in force during the schedule's horizon: each stretch's worst revisit is recomputed
   * from the file alone and checked against the file's `summary.priorities` (achieved, met).
   */
  targets?: readonly VerifyTarget[];
}

/** A prioritised stretch with its revisit target, as the situation gives it. */
export interface VerifyTarget {
  id?: string;
  fromKm: number;
  toKm: number;
  targetRevisitH: number;
}

/** Declared numbers must match recomputed ones to this relative error (docs/formats.md: correct to 0.1%). */
const REL = 0.001;
/** Times in schedules are compared to the minute (files may round them). */
const MINUTE_H = 1 / 60;
/** Recomputed revisit figures may differ from the declared ones by this much plus 0.5% (hours). */
const REVISIT_SLACK_H = 1 / 60;
/** At most this many violations of one kind about the whole plan (missing stretches, coast lines). */
const MAX_LISTED = 50;

const f3 = (x: number) => x.toFixed(3);
const f1 = (x: number) => x.toFixed(1);

interface Ctx {
  scenario: Scenario;
  plan: Plan;
  tol: number;
  land: LandRules | null;
  /** The plan came from a file: its lines are checked as drawn too. */
  drawn: boolean;
  model: CoastModel;
  coast: CoastGeometry;
  noFly: NoFlyAreas;
  targets: readonly VerifyTarget[];
  /** Countries' land whatever overflyLand says, to tell the sea side of the band for the climb-out's bound. */
  sea: LandRules | null;
  /** climbBound per base and standoff. */
  climbBounds: Map<string, { km: number; az: number } | null>;
  out: Violation[];
}

export function verifyPlan(scenario: Scenario, plan: Plan, opts: VerifyOptions = {}): Violation[] {
  const tol = opts.toleranceKm ?? 0.001;
  const model = buildCoastModel(scenario.coast.lines, scenario.sampleKm);
  const land = opts.land ? new LandRules(opts.land, landRegion(scenario, plan, model)) : null;
  const ctx: Ctx = {
    scenario,
    plan,
    tol,
    land: scenario.overflyLand === 'avoid' ? land : null,
    drawn: plan.drawn !== undefined,
    model,
    coast: new CoastGeometry(model),
    noFly: new NoFlyAreas(scenario.noFly),
    targets: opts.targets ?? [],
    sea: land,
    climbBounds: new Map(),
    out: [],
  };
  checkCoastFeature(ctx);
  checkPlanBases(ctx);
  const seen = new Set<string>();
  const flown = new Map<Sortie, { km: number; h: number }>();
  for (const s of plan.sorties) {
    if (seen.has(s.id))
      ctx.out.push({ rule: 'sortie', sortie: s.id, message: `sortie id ${s.id} is used twice` });
    seen.add(s.id);
    const r = checkSortie(ctx, s);
    if (r) flown.set(s, r);
  }
  // a recomputed summary (the file lost its own) has nothing declared to check
  if (!ctx.plan.summaryRecomputed) checkSummary(ctx, flown);
  checkGaps(ctx);
  checkSchedule(ctx, flown);
  checkDrawnLines(ctx);
  // a gap is proved only with every rule at hand: under "avoid" that needs the land
  if (opts.witnesses !== false && (scenario.overflyLand === 'allowed' || opts.land))
    for (const w of searchWitnesses(scenario, plan, model, () => makeJudge(ctx)))
      ctx.out.push({ rule: 'reachable', at: w.turn, coastKm: w.coastKm, message: witnessMessage(w) });
  return ctx.out;
}

// ---------------------------------------------------------------------------------------------- sorties

function checkSortie(ctx: Ctx, s: Sortie): { km: number; h: number } | null {
  const { scenario, tol, out } = ctx;
  const id = s.id;
  const bad = Array.isArray(s.path) ? s.path.findIndex((p) => !isLonLat(p)) : 0;
  if (!Array.isArray(s.path) || s.path.length < 2 || bad >= 0) {
    out.push({
      rule: 'sortie',
      sortie: id,
      message:
        bad >= 0 && Array.isArray(s.path)
          ? `path[${bad}] is not a [lon, lat] position`
          : 'path must have at least 2 positions (base to base)',
    });
    return null;
  }
  const path = s.path;
  const type = scenario.aircraft.find((a) => a.name === s.aircraft);
  if (!type)
    out.push({
      rule: 'aircraft',
      sortie: id,
      message: `aircraft "${s.aircraft}" is not a type of the scenario (${scenario.aircraft.map((a) => a.name).join(', ')})`,
    });
  const base = checkBase(ctx, s, type);

  let km = 0;
  for (let i = 1; i < path.length; i++) km += distanceKm(path[i - 1], path[i]);
  if (!(Math.abs(s.distanceKm - km) <= REL * km + tol))
    out.push({
      rule: 'distance',
      sortie: id,
      message: `declares distanceKm ${s.distanceKm} but its geodesic length is ${f3(km)} km`,
    });
  let h = Number.NaN;
  if (type) {
    const kmh = type.speedKts * KM_PER_NM;
    h = km / kmh;
    const usable = type.enduranceH - type.reserveH;
    if (h > usable + tol / kmh + 1e-9)
      out.push({
        rule: 'endurance',
        sortie: id,
        message: `needs ${f3(h)} h (${f3(km)} km at ${type.speedKts} kt) but ${type.name} has ${usable} h usable (enduranceH ${type.enduranceH} - reserveH ${type.reserveH})`,
      });
    if (!(Math.abs(s.durationH - h) <= REL * h + tol / kmh))
      out.push({
        rule: 'duration',
        sortie: id,
        message: `declares durationH ${s.durationH} but ${f3(km)} km at ${type.speedKts} kt takes ${f3(h)} h`,
      });
  }

  if (scenario.standoffKm > 0 && !ctx.coast.empty) {
    const v = checkStandoff(ctx, s, base);
    if (v) out.push(v);
  }
  const flownEntry = ctx.noFly.firstEntry(path, tol);
  // the rule holds for the line as a GeoJSON reader draws it too (docs/formats.md, "The plan file")
  const entry = flownEntry ?? (ctx.drawn ? ctx.noFly.firstEntry(path, tol, { asDrawn: true }) : null);
  if (entry)
    out.push({
      rule: 'no-fly',
      sortie: id,
      at: entry.at,
      message: `leg ${entry.leg} (vertex ${entry.leg} to ${entry.leg + 1})${flownEntry ? '' : ' drawn as a straight lon/lat line (as GeoJSON readers draw it)'} enters no-fly area ${entry.polygon} at [${entry.at[0].toFixed(5)}, ${entry.at[1].toFixed(5)}] and reaches ${f3(entry.depthKm)} km inside`,
    });
  if (ctx.land && base) {
    const v = ctx.land.check(s, base, tol);
    if (v) out.push(v);
  }
  if (type) checkCovers(ctx, s, type);
  return { km, h: type ? h : s.durationH };
}

/** The sortie's base must be its type's base, and the path must start and end on it. Returns that base. */
function checkBase(ctx: Ctx, s: Sortie, type: AircraftType | undefined): Base | null {
  const { scenario, tol, out } = ctx;
  if (type && s.base !== type.base)
    out.push({
      rule: 'base',
      sortie: s.id,
      message: `flies from base "${s.base}" but ${type.name} is based at "${type.base}"`,
    });
  const name = type ? type.base : s.base;
  const base = scenario.bases.find((b) => b.name === name);
  if (!base) {
    out.push({ rule: 'base', sortie: s.id, message: `base "${name}" is not in the scenario` });
    return null;
  }
  const ends: [string, LonLat][] = [
    ['starts', s.path[0]],
    ['ends', s.path[s.path.length - 1]],
  ];
  for (const [verb, p] of ends) {
    const d = distanceKm(p, base.position);
    if (d > tol)
      out.push({
        rule: 'base',
        sortie: s.id,
        at: p,
        message: `${verb} ${f3(d)} km from its base ${base.name} [${base.position.join(', ')}]`,
      });
  }
  return base;
}

/**
 * Standoff: no point of any leg closer than standoffKm to the coast, except the climb-out and the approach of a
 * sortie whose base lies inside the band (docs/formats.md, "The scenario file"). The climb-out is the part of the path from the
 * base to where it first leaves the band (the approach: from where it last enters the band to the base); inside
 * it only the no-fly areas and overflyLand apply (checked elsewhere), and it must be "the shortest way": its
 * length may exceed CLIMB_REL times an upper bound of the shortest legal way out of the band (climbBound) by at
 * most CLIMB_KM. A climb-out that wanders along the coast inside the band, or never leaves it, is reported.
 */
function checkStandoff(
  ctx: Ctx,
  s: Sortie,
  base: Base | null,
  S = ctx.scenario.standoffKm,
  asDrawn = ctx.drawn,
): Violation | null {
  const { coast, tol } = ctx;
  const bandAt = (p: LonLat): Near | null => {
    if (!base || distanceKm(p, base.position) > tol) return null;
    const near = coast.nearest(p, S);
    return near && near.km < S - tol ? near : null;
  };
  const path = s.path;
  const n = path.length;
  // a base on land (the land known) outside the band must cross it to reach the sea: its climb-out too
  const onLand = (p: LonLat): boolean =>
    ctx.sea !== null && !!base && distanceKm(p, base.position) <= tol && ctx.sea.countryAt(p) !== undefined;
  let firstLeg = 0;
  let lastLeg = n - 2;
  let startAt: LonLat | null = null;
  let endAt: LonLat | null = null;
  for (const end of ['start', 'end'] as const) {
    if (!base || (end === 'end' && n <= 2)) continue;
    const p = end === 'start' ? path[0] : path[n - 1];
    const inBand = bandAt(p);
    if (!inBand && !onLand(p)) continue;
    const walked = end === 'start' ? path : [...path].reverse();
    // out of the band at sea, where the land is known; else (or never at sea) the band's edge anywhere
    let w = ctx.sea ? walkOut(coast, walked, S, tol, ctx.sea) : null;
    if (!w && inBand) w = walkOut(coast, walked, S, tol, null);
    // a base on land outside the band whose sortie never reaches the sea, or reaches it without crossing the
    // band (round over its own land): held to the standoff all along
    if (!w?.entered && !inBand) continue;
    const where = inBand
      ? `${f3(inBand.km)} km from the coast (inside the ${S} km standoff)`
      : `on land outside the ${S} km standoff`;
    const what = `${end === 'start' ? 'climb-out from' : 'approach to'} base ${s.base}, ${where}`;
    const v = climbViolation(ctx, s, base, what, inBand?.coastKm ?? coast.nearest(p, 2000)?.coastKm, w, S);
    if (v || !w) return v;
    if (end === 'start') {
      firstLeg = w.leg;
      startAt = w.at;
    } else {
      lastLeg = n - 2 - w.leg;
      endAt = w.at;
    }
  }
  // each vertex ends two legs: measure it once
  const cache = new Map<number, Near | null>();
  const at = (i: number): Near | null => {
    if (!cache.has(i)) cache.set(i, coast.nearest(path[i], S));
    return cache.get(i) ?? null;
  };
  for (let i = firstLeg; i <= lastLeg; i++) {
    const a = i === firstLeg && startAt ? startAt : path[i];
    const b = i === lastLeg && endAt ? endAt : path[i + 1];
    const nearA = a === path[i] ? at(i) : coast.nearest(a, S);
    const nearB = b === path[i + 1] ? at(i + 1) : coast.nearest(b, S);
    const near = coast.legNearest(a, b, S, nearA, nearB);
    if (near && near.km < S - tol)
      return {
        rule: 'standoff',
        sortie: s.id,
        at: near.at,
        coastKm: near.coastKm,
        message: `leg ${i} (vertex ${i} to ${i + 1}) comes ${f3(near.km)} km from the coast at [${near.at[0].toFixed(5)}, ${near.at[1].toFixed(5)}] (coast km ${f1(near.coastKm)}), inside the ${S} km standoff`,
      };
    // the standoff holds for the line as drawn (docs/formats.md, "The plan file"): a straight lon/lat chord between positions
    const drawn = asDrawn ? chordNearest(coast, a, b, S) : null;
    if (drawn && drawn.km < S - tol)
      return {
        rule: 'standoff',
        sortie: s.id,
        at: drawn.at,
        coastKm: drawn.coastKm,
        message: `leg ${i} (vertex ${i} to ${i + 1}, ${f1(distanceKm(path[i], path[i + 1]))} km) drawn as a straight lon/lat line (as GeoJSON readers draw it) comes ${f3(drawn.km)} km from the coast at [${drawn.at[0].toFixed(5)}, ${drawn.at[1].toFixed(5)}] (coast km ${f1(drawn.coastKm)}), inside the ${S} km standoff: densify the leg (docs/formats.md, "The plan file")`,
      };
  }
  return null;
}

/** A climb-out (approach) may be this much longer than the bound of the shortest way out of the band... */
const CLIMB_REL = 1.05;
/** ...plus this (km): an exit a hair beyond the band's edge, a bearing between two of the bound's. */
const CLIMB_KM = 2;

/** The climb-out (approach) rule's verdict on the walk out of the band from the base; null when it holds. */
function climbViolation(
  ctx: Ctx,
  s: Sortie,
  base: Base,
  head: string,
  coastKm: number | undefined,
  w: { leg: number; at: LonLat; km: number } | null,
  S: number,
): Violation | null {
  // (the climb-out of a base inside the band starts inside it; one from inland is measured from the base)
  if (!w)
    return {
      rule: 'standoff',
      sortie: s.id,
      at: base.position,
      ...(coastKm !== undefined && { coastKm }),
      message: `${head}, never leaves the band`,
    };
  const ub = climbBound(ctx, base, S);
  // no straight legal way out found: the bound is unknown, and a legal plan is never refused on a guess
  if (!ub || w.km <= CLIMB_REL * ub.km + CLIMB_KM) return null;
  return {
    rule: 'standoff',
    sortie: s.id,
    at: w.at,
    ...(coastKm !== undefined && { coastKm }),
    message: `${head}, does not leave the band by the shortest way: it flies ${f1(w.km)} km before it leaves the band for the sea at [${w.at[0].toFixed(5)}, ${w.at[1].toFixed(5)}], but a straight climb on bearing ${ub.az.toFixed(1)}° leaves it for the sea after ${f1(ub.km)} km (at most ${f1(CLIMB_REL * ub.km + CLIMB_KM)} km allowed)`,
  };
}

/**
 * Walks the path from its start (the base) to the first point at least S from the coast: the leg it lies on,
 * the point and the distance flown to it; null when the path never leaves the band. The distance to the coast
 * changes no faster than the distance flown, so steps of S minus that distance never jump over the band's edge.
 */
function walkOut(
  coast: CoastGeometry,
  path: readonly LonLat[],
  S: number,
  tol: number,
  sea: LandRules | null,
): { leg: number; at: LonLat; km: number; entered: boolean } | null {
  let flown = 0;
  let entered = false;
  for (let i = 0; i + 1 < path.length; i++) {
    const a = path[i];
    const b = path[i + 1];
    const { km: L, azi1 } = inverse(a, b);
    for (let d = 0; ; ) {
      const p = d >= L ? b : d === 0 ? a : destination(a, azi1, d);
      const m = fastMargin(S, p[1]);
      const c = coast.fastNearest(p, S);
      if (c >= S - m) {
        const near = coast.nearest(p, S);
        if ((!near || near.km >= S - tol) && (!sea || sea.countryAt(p) === undefined))
          return { leg: i, at: p, km: flown + Math.min(d, L), entered };
      }
      if (c < S - m) entered = true;
      if (d >= L) break;
      // over land beyond the band (looking for the sea): the band is at least c - S further on
      d += c >= S - m ? Math.max(0.01, Math.min(0.5, c - S)) : Math.max(0.01, S - m - c);
    }
    flown += L;
  }
  return null;
}

/**
 * An upper bound of the shortest legal way out of the band from a base: the shortest of the straight climbs on
 * 144 bearings (every 2.5 degrees) to the first point outside the band at sea (on no
 * country's land) whose straight line from the base keeps out of the no-fly areas and,
 * under "avoid", off foreign land. Null when no straight climb within 600 km is legal, or without the land
 * (verify was given none): then only "it leaves the band" is checked.
 */
function climbBound(ctx: Ctx, base: Base, S: number): { km: number; az: number } | null {
  const key = `${base.name}\u0000${S}`;
  const cached = ctx.climbBounds.get(key);
  if (cached !== undefined) return cached;
  const { coast } = ctx;
  const from = base.position;
  const foreign = ctx.land?.foreignTo(ctx.land.countryAt(from))?.areas ?? null;
  const sea = ctx.sea;
  // without the land, the sea side of the band is unknown: no bound (a way inland is no way to the sea)
  if (!sea) {
    ctx.climbBounds.set(key, null);
    return null;
  }
  const LIMIT = 600;
  let best: { km: number; az: number } | null = null;
  for (let k = 0; k < 144; k++) {
    const az = k * 2.5;
    for (let d = 0; d <= LIMIT && (!best || d < best.km); ) {
      const p = d === 0 ? from : destination(from, az, d);
      const m = fastMargin(S + 50, p[1]);
      const c = coast.fastNearest(p, S + 50);
      // a hair beyond the edge, so the bound is never below the exact shortest way on this bearing
      if (c >= S + m) {
        if (sea.countryAt(p) === undefined) {
          if (!ctx.noFly.firstEntry([from, p], 0) && !foreign?.firstEntry([from, p], 0)) best = { km: d, az };
          break;
        }
        // over land beyond the band: it cannot come back into the band before c - S further on
        d += Math.max(0.5, Math.min(c, S + 50) - S);
      } else d += Math.max(0.01, S + m - c);
    }
  }
  ctx.climbBounds.set(key, best);
  return best;
}

/**
 * Least distance from the coast of the lon/lat chord a-b (the leg as GeoJSON draws it), when it comes within r;
 * null otherwise. The chord strays at most chordOffKm from the geodesic, so only where the geodesic comes within
 * r plus that can the chord enter; there it is measured as geodesic pieces of at most 1 km between points of
 * the chord (a 1 km piece is centimetres from its chord).
 */
function chordNearest(coast: CoastGeometry, a: LonLat, b: LonLat, r: number): Near | null {
  if (Math.abs(b[0] - a[0]) > 180) return null; // drawn round the world: reported as an antimeridian jump
  const m = 1.25 * chordOffKm(a, b) + 0.005;
  const g = coast.legNearest(a, b, r + m);
  if (!g || g.km >= r + m) return null;
  const n = Math.max(1, Math.ceil(distanceKm(a, b) / 1));
  let best: Near | null = null;
  let prev = a;
  let prevNear = coast.nearest(a, r);
  for (let k = 1; k <= n; k++) {
    const q = k === n ? b : chordPoint(a, b, k / n);
    const qNear = coast.nearest(q, r);
    const d = coast.legNearest(prev, q, r, prevNear, qNear);
    if (d && (!best || d.km < best.km)) best = d;
    prev = q;
    prevNear = qNear;
  }
  return best;
}

/**
 * Every coast sample inside a declared interval must be within the type's sensor range of the path. Samples
 * are those of buildCoastModel (at most sampleKm apart), as the contract decides coverage on them.
 */
function checkCovers(ctx: Ctx, s: Sortie, type: AircraftType): void {
  const { model, tol, out } = ctx;
  const L = model.lengthKm;
  const R = type.sensorRangeKm;
  const path = s.path;
  const good: CoastInterval[] = [];
  if (!Array.isArray(s.covers)) {
    out.push({ rule: 'covers', sortie: s.id, message: 'covers must be a list of [fromKm, toKm] intervals' });
    return;
  }
  s.covers.forEach((iv, j) => {
    const [a, b] = Array.isArray(iv) ? iv : [Number.NaN, Number.NaN];
    if (!Number.isFinite(a) || !Number.isFinite(b) || a > b) {
      out.push({
        rule: 'covers',
        sortie: s.id,
        message: `covers[${j}] = ${JSON.stringify(iv)} is not [fromKm, toKm] with fromKm <= toKm`,
      });
      return;
    }
    if (a < -tol || b > L + tol)
      out.push({
        rule: 'covers',
        sortie: s.id,
        coastKm: a < -tol ? a : b,
        message: `covers[${j}] = [${a}, ${b}] reaches beyond the coast, which runs from 0 to ${f3(L)} km`,
      });
    good.push([a, b]);
  });
  if (good.length === 0) return;

  // pieces of the path's legs, indexed, so a sample finds the legs near it
  const legOf: number[] = [];
  const boxes: number[] = [];
  const pieces: number[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const pts = densifyGeodesic(path[i], path[i + 1], PIECE_KM);
    for (let k = 0; k + 1 < pts.length; k++) {
      const [x0, y0] = pts[k];
      const [x1, y1] = pts[k + 1];
      legOf.push(i);
      pieces.push(x0, y0, x1, y1);
      boxes.push(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }
  }
  const idx = new Flatbush(legOf.length);
  for (let i = 0; i < legOf.length; i++)
    idx.add(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]);
  idx.finish();

  const seen: (p: LonLat) => boolean = (p) => {
    const m = fastMargin(R, p[1]);
    const { dLon, dLat } = degreePadding(p[1], R + m);
    const legs = new Map<number, number>();
    for (const i of searchWrapped(idx, p[0] - dLon, p[1] - dLat, p[0] + dLon, p[1] + dLat)) {
      const d = fastPointToSegmentKm(
        p[0],
        p[1],
        pieces[4 * i],
        pieces[4 * i + 1],
        pieces[4 * i + 2],
        pieces[4 * i + 3],
      );
      // the approximation errs by less than the margin: clearly inside needs no exact check
      if (d <= R - m) return true;
      if (d > R + m) continue;
      const prev = legs.get(legOf[i]);
      if (prev === undefined || d < prev) legs.set(legOf[i], d);
    }
    for (const [leg] of [...legs].sort((x, y) => x[1] - y[1]))
      if (pointToSegmentKm(p, path[leg], path[leg + 1]).km <= R + tol) return true;
    return false;
  };

  const { samples } = model;
  const done = new Uint8Array(samples.count);
  let first = -1;
  let count = 0;
  let lastKm = 0;
  // where one line ends the next begins at the same coast km: an interval ending (or starting) there (to the
  // file's rounding)
  // claims only the line it lies on, not the neighbour's first (or last) point
  const lineAt = (km: number): number => {
    let li = 0;
    while (li + 1 < model.lines.length && model.lineStartKm[li + 1] <= km) li++;
    return li;
  };
  for (const [a, b] of good.sort((x, y) => x[0] - y[0])) {
    const lineA = lineAt(Math.min(a + 5e-3, b));
    const lineB = lineAt(Math.max(b - 5e-3, a));
    for (let k = lowerBound(samples.km, a - 1e-9); k < samples.count && samples.km[k] <= b + 1e-9; k++) {
      if (Math.abs(samples.km[k] - b) < 5e-3 && samples.line[k] !== lineB && b > a) continue;
      if (Math.abs(samples.km[k] - a) < 5e-3 && samples.line[k] !== lineA && b > a) continue;
      if (done[k]) continue;
      done[k] = 1;
      if (seen([samples.lon[k], samples.lat[k]])) continue;
      if (first < 0) first = k;
      count++;
      lastKm = samples.km[k];
    }
  }
  if (first < 0) return;
  const p: LonLat = [samples.lon[first], samples.lat[first]];
  let d = Infinity;
  for (let i = 0; i + 1 < path.length; i++) d = Math.min(d, pointToSegmentKm(p, path[i], path[i + 1]).km);
  out.push({
    rule: 'covers',
    sortie: s.id,
    at: p,
    coastKm: samples.km[first],
    message: `claims coast km ${f1(samples.km[first])} [${p[0].toFixed(5)}, ${p[1].toFixed(5)}] but passes ${f3(d)} km from it, beyond the ${R} km sensor range of ${type.name}${count > 1 ? ` (${count} samples uncovered up to km ${f1(lastKm)})` : ''}`,
  });
}

function lowerBound(arr: Float64Array, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ----------------------------------------------------------------------------------------- land, drawing

/** overflyLand "avoid": no sortie over the land of a country other than its base's (docs/formats.md, "The scenario file"). */
class LandRules {
  /** Foreign land per home country (undefined: at sea), indexed once per verify. */
  private readonly foreign = new Map<string | undefined, { areas: NoFlyAreas; names: string[] } | null>();

  /** `region`: [west, south, east, north] holding every sortie and witness; land outside it is not indexed. */
  constructor(
    private readonly land: readonly LandArea[],
    private readonly region: readonly [number, number, number, number],
  ) {}

  /** Per land area, its rings by latitude band (built when a point first falls in its box). */
  private readonly bands = new Map<LandArea, RingBands>();

  /** Per 1-degree cell, the areas whose box meets it, in the land's order (built on the first ask). */
  private cells: Map<number, LandArea[]> | null = null;

  private areasAt(p: LonLat): readonly LandArea[] {
    // a point off the grid (east of 180 in a shifted frame) reads every area
    if (!(p[0] >= -180 && p[0] < 180 && p[1] >= -90 && p[1] < 90)) return this.land;
    if (!this.cells) {
      const cells = new Map<number, LandArea[]>();
      for (const a of this.land) {
        const [w, s, e, n] = a.bbox;
        const c0 = Math.max(-180, Math.floor(w));
        const c1 = Math.min(179, Math.floor(e));
        const r0 = Math.max(-90, Math.floor(s));
        const r1 = Math.min(89, Math.floor(n));
        for (let r = r0; r <= r1; r++)
          for (let c = c0; c <= c1; c++) {
            const key = (r + 90) * 360 + (c + 180);
            const list = cells.get(key);
            if (list) list.push(a);
            else cells.set(key, [a]);
          }
      }
      this.cells = cells;
    }
    return this.cells.get((Math.floor(p[1]) + 90) * 360 + (Math.floor(p[0]) + 180)) ?? [];
  }

  /** The country whose land holds p, or undefined at sea. */
  countryAt(p: LonLat): string | undefined {
    // the first area in the land's order that holds p, as a scan of them all would find
    for (const a of this.areasAt(p)) {
      const [w, s, e, n] = a.bbox;
      if (!(p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n)) continue;
      // the walk out of the band asks every 0.5 km: a scan of a whole 1:10m coast per ask was most of verify
      let b = this.bands.get(a);
      if (!b) {
        b = new RingBands(a.rings);
        this.bands.set(a, b);
      }
      if (b.contains(p)) return a.country;
    }
    return undefined;
  }

  /** Every country's land in the region but `home`'s, as areas a sortie from there may not enter. */
  foreignTo(home: string | undefined): { areas: NoFlyAreas; names: string[] } | null {
    if (!this.foreign.has(home)) {
      const [w, s, e, n] = this.region;
      const near = this.land.filter(
        (a) => a.country !== home && a.bbox[0] <= e && a.bbox[2] >= w && a.bbox[1] <= n && a.bbox[3] >= s,
      );
      this.foreign.set(
        home,
        near.length
          ? { areas: new NoFlyAreas(near.map((a) => a.rings)), names: near.map((a) => a.country) }
          : null,
      );
    }
    return this.foreign.get(home) ?? null;
  }

  check(sortie: Sortie, base: Base, tol: number): Violation | null {
    const home = this.countryAt(base.position);
    const foreign = this.foreignTo(home);
    const hit = foreign?.areas.firstEntry(sortie.path, tol);
    if (!foreign || !hit) return null;
    return {
      rule: 'land',
      sortie: sortie.id,
      at: hit.at,
      message: `leg ${hit.leg} (vertex ${hit.leg} to ${hit.leg + 1}) flies over ${foreign.names[hit.polygon]}'s land from [${hit.at[0].toFixed(5)}, ${hit.at[1].toFixed(5)}], ${f3(hit.depthKm)} km inside its coast: with overflyLand "avoid" a sortie from ${base.name} (${home ? `in ${home}` : "on no country's land"}) overflies no other country's land`,
    };
  }
}

/**
 * Where land matters: the coast, the bases and every sortie, padded by as far as a witness may turn from the
 * coast and go round an obstacle (sensor range, standoff and 60 km).
 */
function landRegion(scenario: Scenario, plan: Plan, model: CoastModel): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const take = (x: number, y: number) => {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  };
  for (let k = 0; k < model.samples.count; k++) take(model.samples.lon[k], model.samples.lat[k]);
  for (const b of scenario.bases) take(b.position[0], b.position[1]);
  for (const x of plan.sorties)
    if (Array.isArray(x.path)) for (const p of x.path) if (isLonLat(p)) take(p[0], p[1]);
  if (w > e) return [-180, -90, 180, 90];
  const maxSee = Math.max(0, ...scenario.aircraft.map((a) => a.sensorRangeKm));
  const { dLon, dLat } = degreePadding(Math.max(Math.abs(s), Math.abs(n)), maxSee + scenario.standoffKm + 60);
  return [w - dLon, s - dLat, e + dLon, n + dLat];
}

/**
 * Every line of a plan file as written (docs/formats.md, "The plan file"): no chord between consecutive positions may jump
 * across the antimeridian (a GeoJSON reader draws it round the world), and each chord must stay within 0.1 km
 * of the geodesic it stands for.
 */
function checkDrawnLines(ctx: Ctx): void {
  const { plan, tol, out } = ctx;
  if (!plan.drawn) return;
  let listed = 0;
  for (const l of plan.drawn) {
    if (listed >= MAX_LISTED) break;
    let jump: { a: LonLat; b: LonLat; i: number; part: number } | null = null;
    let worst = { off: 0, i: -1, part: 0, km: 0 };
    l.parts.forEach((part, pi) => {
      for (let i = 1; i < part.length; i++) {
        const a = part[i - 1];
        const b = part[i];
        if (Math.abs(b[0] - a[0]) > 180) {
          jump ??= { a, b, i: i - 1, part: pi };
          continue;
        }
        // most chords are short coast segments: a cheap estimate clears them
        if (quickOffKm(a, b) <= 0.2 * DRAWN_OFF_KM) continue;
        const off = chordOffKm(a, b);
        if (off > worst.off) worst = { off, i: i - 1, part: pi, km: distanceKm(a, b) };
      }
    });
    const where = (part: number, i: number) =>
      `${l.parts.length > 1 ? `part ${part}, ` : ''}positions ${i} to ${i + 1}`;
    if (jump) {
      const j = jump as { a: LonLat; b: LonLat; i: number; part: number };
      listed++;
      out.push({
        rule: 'antimeridian',
        ...(l.sortie ? { sortie: l.sortie } : {}),
        at: j.a,
        message: `${l.what}: ${where(j.part, j.i)} ([${j.a.join(', ')}] to [${j.b.join(', ')}]) cross the antimeridian unsplit, so GeoJSON readers draw that line round the world: split it at ±180 into a MultiLineString (RFC 7946 section 3.1.9)`,
      });
    }
    if (worst.off > DRAWN_OFF_KM + tol) {
      listed++;
      const a = l.parts[worst.part][worst.i];
      out.push({
        rule: 'drawn',
        ...(l.sortie ? { sortie: l.sortie } : {}),
        at: a,
        message: `${l.what}: ${where(worst.part, worst.i)} (${f1(worst.km)} km apart) drawn as a straight lon/lat line run up to ${f1(worst.off)} km off their geodesic: densify it until every chord is within ${DRAWN_OFF_KM} km (docs/formats.md, "The plan file")`,
      });
    }
  }
}

/**
 * The rules a witness sortie must obey, judged by the same code as the plan's sorties: the standoff with a
 * margin (and the climb-out exception), the no-fly areas, and under "avoid" every country's land but its base's.
 */
function makeJudge(ctx: Ctx): WitnessJudge {
  const S = ctx.scenario.standoffKm;
  const byBase = new Map<Base, NoFlyAreas | null>();
  const landFor = (base: Base): NoFlyAreas | null => {
    if (!ctx.land) return null;
    if (!byBase.has(base))
      byBase.set(base, ctx.land.foreignTo(ctx.land.countryAt(base.position))?.areas ?? null);
    return byBase.get(base) ?? null;
  };
  return {
    legal(path, base, clearKm) {
      const s: Sortie = {
        id: 'witness',
        aircraft: '',
        base: base.name,
        path,
        distanceKm: 0,
        durationH: 0,
        covers: [],
      };
      if (S > 0 && !ctx.coast.empty && checkStandoff(ctx, s, base, S + clearKm, false)) return false;
      if (ctx.noFly.firstEntry(path, 0)) return false;
      const l = landFor(base);
      return !l?.firstEntry(path, 0);
    },
    free(p, base, clearKm, radiusKm) {
      if (S > 0 && !ctx.coast.empty) {
        const need = S + clearKm + radiusKm;
        const d = ctx.coast.fastNearest(p, need);
        if (d < need + fastMargin(need, p[1])) return false;
      }
      if (!ctx.noFly.clearOf(p, radiusKm)) return false;
      const l = landFor(base);
      return !l || l.clearOf(p, radiusKm);
    },
  };
}

// ------------------------------------------------------------------------------------------ whole plan

/** The plan's coast feature must be the scenario's coast, since `covers` are measured along it. */
function checkCoastFeature(ctx: Ctx): void {
  const { plan, model, tol, out } = ctx;
  const lines = model.lines;
  if (plan.coast.length !== lines.length) {
    out.push({
      rule: 'coast',
      message: `the plan's coast has ${plan.coast.length} lines, the scenario's ${lines.length}: covers would be measured along another coast`,
    });
    return;
  }
  let listed = 0;
  plan.coast.forEach((l, li) => {
    if (listed >= MAX_LISTED) return;
    if (!Array.isArray(l) || l.length === 0 || !l.every(isLonLat)) {
      listed++;
      out.push({
        rule: 'coast',
        message: `coast line ${li} of the plan is not a line of [lon, lat] positions`,
      });
      return;
    }
    const want = model.lineStartKm[li + 1] - model.lineStartKm[li];
    let got = 0;
    for (let i = 1; i < l.length; i++) got += distanceKm(l[i - 1], l[i]);
    const ref = lines[li].coords;
    // files may round coordinates: ends are compared to 10 m, lengths to 0.1%
    const endsOff = Math.max(distanceKm(l[0], ref[0]), distanceKm(l[l.length - 1], ref[ref.length - 1]));
    if (Math.abs(got - want) > REL * want + tol || endsOff > Math.max(tol, 0.01)) {
      listed++;
      out.push({
        rule: 'coast',
        at: l[0],
        coastKm: model.lineStartKm[li],
        message: `coast line ${li} of the plan (${f3(got)} km, ends up to ${f3(endsOff)} km off) is not the scenario's (${f3(want)} km)`,
      });
    }
  });
}

function checkPlanBases(ctx: Ctx): void {
  for (const b of ctx.plan.bases) {
    const sb = ctx.scenario.bases.find((x) => x.name === b.name);
    if (!sb) {
      ctx.out.push({
        rule: 'base',
        at: b.position,
        message: `the plan lists base "${b.name}", which is not in the scenario`,
      });
      continue;
    }
    const d = distanceKm(b.position, sb.position);
    if (d > ctx.tol)
      ctx.out.push({
        rule: 'base',
        at: b.position,
        message: `the plan puts base ${b.name} ${f3(d)} km from its scenario position [${sb.position.join(', ')}]`,
      });
  }
}

function checkSummary(ctx: Ctx, flown: Map<Sortie, { km: number; h: number }>): void {
  const { plan, scenario, model, tol, out } = ctx;
  const sum = plan.summary;
  const bad = (message: string) => out.push({ rule: 'summary', message });
  const near = (got: unknown, want: number, slack: number) =>
    typeof got === 'number' && Math.abs(got - want) <= REL * Math.abs(want) + slack;
  if (sum.scenario !== scenario.name)
    bad(`summary.scenario is "${sum.scenario}", the scenario is "${scenario.name}"`);
  const L = model.lengthKm;
  if (!near(sum.coastKm, L, tol)) bad(`summary.coastKm is ${sum.coastKm}, the coast is ${f3(L)} km long`);
  const covered = intervalsKm(union(validCovers(plan)));
  if (!near(sum.coveredKm, covered, tol))
    bad(`summary.coveredKm is ${sum.coveredKm}, the sorties' covers add up to ${f3(covered)} km`);
  const coverage = L > 0 ? covered / L : 0;
  if (!near(sum.coverage, coverage, 1e-4))
    bad(
      `summary.coverage is ${sum.coverage}, covered ${f3(covered)} km of ${f3(L)} km is ${coverage.toFixed(4)}`,
    );
  if (sum.sorties !== plan.sorties.length)
    bad(`summary.sorties is ${sum.sorties}, the plan has ${plan.sorties.length}`);
  let km = 0;
  let h = 0;
  for (const s of plan.sorties) {
    const f = flown.get(s);
    km += f ? f.km : s.distanceKm;
    h += f && Number.isFinite(f.h) ? f.h : s.durationH;
  }
  if (!near(sum.distanceKm, km, tol))
    bad(`summary.distanceKm is ${sum.distanceKm}, the sorties fly ${f3(km)} km`);
  if (!near(sum.flightHours, h, 1e-4))
    bad(`summary.flightHours is ${sum.flightHours}, the sorties fly ${f3(h)} h`);
}

/** Gaps and covers together must account for the whole coast, and no gap may claim a covered stretch. */
function checkGaps(ctx: Ctx): void {
  const { plan, model, tol, out } = ctx;
  const L = model.lengthKm;
  const covered = union(validCovers(plan).map(([a, b]): CoastInterval => [Math.max(0, a), Math.min(L, b)]));
  const gapIvs: CoastInterval[] = [];
  plan.gaps.forEach((g, j) => {
    if (!Number.isFinite(g.fromKm) || !Number.isFinite(g.toKm) || g.fromKm > g.toKm) {
      out.push({ rule: 'gaps', message: `gap ${j} runs from km ${g.fromKm} to ${g.toKm}: not an interval` });
      return;
    }
    gapIvs.push([g.fromKm, g.toKm]);
    const len = g.toKm - g.fromKm;
    if (!(Math.abs(g.lengthKm - len) <= REL * len + tol))
      out.push({
        rule: 'gaps',
        coastKm: g.fromKm,
        message: `gap ${j} (km ${f1(g.fromKm)}-${f1(g.toKm)}) declares lengthKm ${g.lengthKm} but spans ${f3(len)} km`,
      });
    if (g.fromKm < -tol || g.toKm > L + tol)
      out.push({
        rule: 'gaps',
        coastKm: g.fromKm,
        message: `gap ${j} (km ${g.fromKm}-${g.toKm}) reaches beyond the coast (0-${f3(L)} km)`,
      });
    const o = overlapOf(g.fromKm, g.toKm, covered);
    if (o.km > tol) {
      const by = plan.sorties.find(
        (s) => Array.isArray(s.covers) && s.covers.some((iv) => iv[0] < o.to && iv[1] > o.from),
      );
      out.push({
        rule: 'gaps',
        sortie: by?.id,
        coastKm: o.from,
        at: pointAtKm(model, o.from),
        message: `gap ${j} (km ${f1(g.fromKm)}-${f1(g.toKm)}) claims ${f3(o.km)} km that ${by ? `sortie ${by.id}` : 'a sortie'} covers (from km ${f1(o.from)})`,
      });
    }
  });
  const all = union([...covered, ...gapIvs]);
  let at = 0;
  let listed = 0;
  let more = 0;
  const missing = (a: number, b: number) => {
    if (b - a <= tol) return;
    if (listed >= MAX_LISTED) {
      more++;
      return;
    }
    listed++;
    out.push({
      rule: 'gaps',
      coastKm: a,
      at: pointAtKm(model, a),
      message: `coast km ${f3(a)}-${f3(b)} (${f3(b - a)} km) is neither covered by a sortie nor listed as a gap`,
    });
  };
  for (const [a, b] of all) {
    if (a > at) missing(at, Math.min(a, L));
    at = Math.max(at, b);
  }
  if (at < L) missing(at, L);
  if (more > 0)
    out.push({ rule: 'gaps', message: `and ${more} more stretches neither covered nor listed as gaps` });
}

/**
 * Airframes per type a schedule may use: the scenario's counts, or those the file declares in `summary.fleet`
 * (a what-if made with `--count`): the file then answers for its own fleet, and verify holds it to that.
 */
function fleetCounts(ctx: Ctx): { count: (type: AircraftType) => number; declared: boolean } {
  const f = ctx.plan.summary.fleet;
  if (f && typeof f === 'object' && !Array.isArray(f)) {
    const decl = f as Record<string, unknown>;
    return {
      declared: true,
      count: (type) => {
        const n = decl[type.name];
        return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : type.count;
      },
    };
  }
  return { declared: false, count: (type) => type.count };
}

/** Schedule files (section 4): airframes, times consistent with the flight, turnarounds kept, revisit figures. */
function checkSchedule(ctx: Ctx, flown: Map<Sortie, { km: number; h: number }>): void {
  const { scenario, plan, out } = ctx;
  const byTail = new Map<string, { s: Sortie; t0: number; t1: number }[]>();
  const fleet = fleetCounts(ctx);
  for (const s of plan.sorties) {
    if (s.tail === undefined && s.takeoff === undefined && s.landing === undefined) continue;
    const type = scenario.aircraft.find((a) => a.name === s.aircraft);
    const bad = (message: string) => out.push({ rule: 'schedule', sortie: s.id, message });
    if (s.tail !== undefined && type) {
      const m = /^(.*)#(\d+)$/.exec(s.tail);
      const n = fleet.count(type);
      if (!m || m[1] !== type.name || Number(m[2]) < 1 || Number(m[2]) > n)
        bad(
          `tail "${s.tail}" is not an airframe of ${type.name} (${type.name}#1 to #${n}${fleet.declared ? ', as summary.fleet declares' : ', as the scenario has'})`,
        );
    }
    if ((s.takeoff === undefined) !== (s.landing === undefined)) {
      bad('has only one of takeoff and landing');
      continue;
    }
    if (s.takeoff === undefined || s.landing === undefined) continue;
    const t0 = Date.parse(s.takeoff);
    const t1 = Date.parse(s.landing);
    if (Number.isNaN(t0) || Number.isNaN(t1)) {
      bad(`takeoff "${s.takeoff}" or landing "${s.landing}" is not an ISO 8601 time`);
      continue;
    }
    const h = flown.get(s)?.h ?? s.durationH;
    const dh = (t1 - t0) / 3.6e6;
    if (Number.isFinite(h) && Math.abs(dh - h) > REL * h + MINUTE_H)
      bad(`takeoff ${s.takeoff} to landing ${s.landing} is ${f3(dh)} h, the flight takes ${f3(h)} h`);
    if (s.tail !== undefined) {
      const list = byTail.get(s.tail) ?? [];
      list.push({ s, t0, t1 });
      byTail.set(s.tail, list);
    }
  }
  const horizonH =
    typeof plan.summary.horizonH === 'number'
      ? plan.summary.horizonH
      : scenario.schedule
        ? scenario.schedule.days * 24
        : undefined;
  for (const [tail, list] of byTail) {
    const type = scenario.aircraft.find((a) => a.name === list[0].s.aircraft);
    if (!type) continue;
    list.sort((x, y) => x.t0 - y.t0);
    for (let i = 1; i < list.length; i++) {
      const groundH = (list[i].t0 - list[i - 1].t1) / 3.6e6;
      if (groundH < -MINUTE_H)
        out.push({
          rule: 'schedule',
          sortie: list[i].s.id,
          message: `${tail} takes off at ${list[i].s.takeoff} while still flying sortie ${list[i - 1].s.id} (it lands at ${list[i - 1].s.landing}): one airframe cannot fly two sorties at once`,
        });
      else if (groundH < type.turnaroundH - MINUTE_H)
        out.push({
          rule: 'schedule',
          sortie: list[i].s.id,
          message: `${tail} lands at ${list[i - 1].s.landing} (sortie ${list[i - 1].s.id}) and takes off at ${list[i].s.takeoff}: ${f3(groundH)} h on the ground, turnaround is ${type.turnaroundH} h`,
        });
    }
    // the schedule repeats: the last landing must leave the turnaround before the first takeoff comes round
    if (horizonH !== undefined && list.length > 0) {
      const wrapH = (list[0].t0 + horizonH * 3.6e6 - list[list.length - 1].t1) / 3.6e6;
      if (wrapH < type.turnaroundH - MINUTE_H)
        out.push({
          rule: 'schedule',
          sortie: list[0].s.id,
          message: `${tail}: the schedule repeats every ${horizonH} h, and its last landing leaves ${f3(wrapH)} h before its first takeoff comes round, less than the ${type.turnaroundH} h turnaround`,
        });
    }
  }
  checkRevisit(ctx, horizonH);
}

/** Declared revisit figures against those recomputed from the sorties alone (schedules: summary.horizonH). */
function checkRevisit(ctx: Ctx, horizonH: number | undefined): void {
  const { plan, scenario, out } = ctx;
  const sum = plan.summary;
  const timed = plan.sorties.some((s) => s.takeoff !== undefined);
  if (ctx.targets.length > 0 && (!timed || horizonH === undefined || plan.summaryRecomputed)) {
    out.push({
      rule: 'priority',
      message: `the situation has ${ctx.targets.length} prioritised stretch(es) in force, but the file is not a schedule with its summary (summary.horizonH and timed sorties): nothing says they are kept`,
    });
    return;
  }
  if (!timed || horizonH === undefined || plan.summaryRecomputed) return;
  if (!(horizonH > 0)) {
    out.push({
      rule: 'summary',
      message: `summary.horizonH is ${horizonH}: a schedule repeats over a horizon of more than 0 h`,
    });
    return;
  }
  const declared = (k: 'worstRevisitH' | 'meanRevisitH') => {
    const v = sum[k];
    if (v === null) return null;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    out.push({
      rule: 'summary',
      message: `summary.${k} is missing: a schedule file gives it (hours, or null when nothing is seen)`,
    });
    return undefined;
  };
  const worst = declared('worstRevisitH');
  const mean = declared('meanRevisitH');
  const r = recomputeRevisit(ctx.model, plan.sorties, scenario.aircraft, horizonH, plan.gaps);
  if (ctx.targets.length > 0) checkPriorities(ctx, r.gaps);
  // watch edges at the very limit of sensor range may move on rounding of the file: a minute and 1% of slack
  const same = (a: number | null, b: number | null) =>
    a === null || b === null ? a === b : Math.abs(a - b) <= REVISIT_SLACK_H + 0.01 * Math.abs(b);
  const show = (x: number | null) => (x === null ? 'null (nothing seen)' : `${f3(x)} h`);
  if (worst !== undefined && !same(worst, r.worstH))
    out.push({
      rule: 'summary',
      message: `summary.worstRevisitH is ${show(worst)}, but flying the sorties from their takeoffs gives ${show(r.worstH)}`,
    });
  const never = sum.neverSeenKm;
  if (typeof never === 'number' && Math.abs(never - r.neverSeenKm) > Math.max(1, 0.01 * r.neverSeenKm))
    out.push({
      rule: 'summary',
      message: `summary.neverSeenKm is ${never}, but ${f3(r.neverSeenKm)} km of coast outside the unreachable gaps is never watched`,
    });
  if (mean !== undefined && !same(mean, r.meanH))
    out.push({
      rule: 'summary',
      message: `summary.meanRevisitH is ${show(mean)}, but flying the sorties from their takeoffs gives ${show(r.meanH)}`,
    });
}

/**
 * Each prioritised stretch: its worst unwatched time recomputed from the sorties alone against the file's
 * `summary.priorities` entry for it (same stretch and target): the achieved figure within the revisit slack, and a
 * claim of "met" only where the recomputed worst is within the target (plus the slack for rounding).
 */
function checkPriorities(ctx: Ctx, gaps: Float64Array): void {
  const { plan, out, model } = ctx;
  const { samples } = model;
  const listed = Array.isArray(plan.summary.priorities) ? (plan.summary.priorities as unknown[]) : null;
  const slack = (x: number) => REVISIT_SLACK_H + 0.01 * Math.abs(x);
  const where = (t: VerifyTarget) =>
    `${t.id ? `priority ${t.id} ` : ''}(coast km ${f1(t.fromKm)}-${f1(t.toKm)}, target ${t.targetRevisitH} h)`;
  for (const t of ctx.targets) {
    let worst: number | null = null;
    let worstAt = Number.NaN;
    for (let i = 0; i < samples.count; i++) {
      if (samples.km[i] < t.fromKm || samples.km[i] > t.toKm || Number.isNaN(gaps[i])) continue;
      if (worst === null || gaps[i] > worst) {
        worst = gaps[i];
        worstAt = samples.km[i];
      }
    }
    const entry = listed?.find((e): e is Record<string, unknown> => {
      if (typeof e !== 'object' || e === null) return false;
      const o = e as Record<string, unknown>;
      return (
        typeof o.fromKm === 'number' &&
        typeof o.toKm === 'number' &&
        Math.abs(o.fromKm - t.fromKm) < 1e-6 &&
        Math.abs(o.toKm - t.toKm) < 1e-6 &&
        o.targetRevisitH === t.targetRevisitH
      );
    });
    if (!entry) {
      out.push({
        rule: 'priority',
        message: `${where(t)} is not in summary.priorities: a schedule made with the situation reports each prioritised stretch`,
      });
      continue;
    }
    const achieved = entry.achievedRevisitH;
    const show = (x: number | null) => (x === null ? 'null (nothing seen)' : `${f3(x)} h`);
    if (!(achieved === null || (typeof achieved === 'number' && Number.isFinite(achieved))))
      out.push({ rule: 'priority', message: `${where(t)}: achievedRevisitH must be hours or null` });
    else if (
      achieved === null || worst === null ? achieved !== worst : Math.abs(achieved - worst) > slack(worst)
    )
      out.push({
        rule: 'priority',
        coastKm: Number.isNaN(worstAt) ? undefined : worstAt,
        message: `${where(t)}: achievedRevisitH is ${show(achieved as number | null)}, but flying the sorties from their takeoffs gives ${show(worst)}`,
      });
    if (entry.met === true && (worst === null || worst > t.targetRevisitH + slack(t.targetRevisitH)))
      out.push({
        rule: 'priority',
        coastKm: Number.isNaN(worstAt) ? undefined : worstAt,
        message: `${where(t)} is claimed met, but flying the sorties from their takeoffs leaves ${show(worst)} unwatched there`,
      });
    else if (entry.met === false && worst !== null && worst <= t.targetRevisitH - slack(t.targetRevisitH))
      out.push({
        rule: 'priority',
        message: `${where(t)} is claimed not met, but flying the sorties gives ${show(worst)}, within the target`,
      });
    else if (typeof entry.met !== 'boolean')
      out.push({ rule: 'priority', message: `${where(t)}: met must be true or false` });
  }
}

// ------------------------------------------------------------------------------------------- intervals

function validCovers(plan: Plan): CoastInterval[] {
  const out: CoastInterval[] = [];
  for (const s of plan.sorties)
    for (const iv of Array.isArray(s.covers) ? s.covers : [])
      if (Array.isArray(iv) && Number.isFinite(iv[0]) && Number.isFinite(iv[1]) && iv[0] <= iv[1])
        out.push([iv[0], iv[1]]);
  return out;
}

/** Sorted union of intervals; touching ones merge. */
function union(ivs: CoastInterval[]): CoastInterval[] {
  return mergeIntervals(
    ivs.filter(([a, b]) => b >= a),
    0,
  );
}

/** How much of [a, b] the sorted union covers, and the extent of that overlap. */
function overlapOf(a: number, b: number, u: CoastInterval[]): { km: number; from: number; to: number } {
  let km = 0;
  let from = Infinity;
  let to = -Infinity;
  for (const [x, y] of u) {
    const lo = Math.max(a, x);
    const hi = Math.min(b, y);
    if (hi <= lo) continue;
    km += hi - lo;
    from = Math.min(from, lo);
    to = Math.max(to, hi);
  }
  return { km, from, to };
}

/** The coast point at a coast km (vertices are close: linear between them, as buildCoastModel samples). */
function pointAtKm(model: CoastModel, km: number): LonLat | undefined {
  const n = model.lines.length;
  if (n === 0) return undefined;
  let li = 0;
  while (li < n - 1 && model.lineStartKm[li + 1] <= km) li++;
  const coords = model.lines[li].coords;
  const cum = model.vertexKm[li];
  const d = Math.min(Math.max(0, km - model.lineStartKm[li]), cum[cum.length - 1]);
  if (coords.length === 1) return coords[0];
  let seg = Math.max(0, lowerBound(cum, d) - 1);
  seg = Math.min(seg, coords.length - 2);
  const len = cum[seg + 1] - cum[seg];
  const t = len > 0 ? (d - cum[seg]) / len : 0;
  const a = coords[seg];
  const b = coords[seg + 1];
  return [a[0] + wrapLon(b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}
