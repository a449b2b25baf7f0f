/**
 * `schedule`: fly the fleet over a horizon so that every coast point's worst revisit gap is as small as it can
 * be (docs/formats.md).
 *
 * 1. scheduleContext (context.ts): free space, a covering tour per sensor range, transits from each base.
 * 2. The search (search.ts) tries layouts (relay sweeps of the whole coast, a sector per type, a sector per
 *    airframe) on a fast model (model.ts) and tunes phases, sectors and sweeps per sortie.
 * 3. The winner is built: each sortie is base -> tour -> sweeps back and forth along it -> base, so every
 *    plan rule holds by construction (routes and tour come from the planner's free space). Every sighting is
 *    then measured exactly on the built paths (passes.ts) and the revisit figures follow (revisit.ts).
 * 4. Lower bounds on the worst revisit (bounds.ts) come beside the result.
 */
import { coastBetween, intervalsKm, sampleRuns, samplesToIntervals } from '../domain/coast.js';
import { inputError } from '../domain/errors.js';
import type { Gap, Plan, Sortie } from '../domain/plan.js';
import type { Scenario } from '../domain/scenario.js';
import type { AirframeSummary, Schedule } from '../domain/schedule.js';
import { WatchLog } from '../domain/watch.js';
import { lineLengthKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { unshiftPlan } from '../plan/antimeridian.js';
import { revisitBounds } from './bounds.js';
import { type ScheduleContext, sortiePath, type TypeModel } from './context.js';
import { Model, type Rotation, type Strategy } from './model.js';
import { type PathPasses, passesOf } from './passes.js';
import { revisitFigures, stretchesOf } from './revisit.js';
import { type FleetCounts, searchSchedule } from './search.js';
import { explainTargets } from './targets.js';

export interface ScheduleOptions {
  /** ISO 8601 UTC start of the horizon. */
  start: string;
  days: number;
  /** Airframes per type name; types not named keep the scenario's count. */
  counts?: Record<string, number>;
  /** Model evaluations the search may spend (default grows with the fleet, fixed: results are deterministic). */
  budget?: number;
}

export function fleetOf(scenario: Scenario, counts: Record<string, number> = {}): FleetCounts {
  const names = scenario.aircraft.map((a) => a.name);
  const out = scenario.aircraft.map((a) => a.count);
  for (const [name, n] of Object.entries(counts)) {
    // type names as the scenario spells them, or in any case
    let k = names.indexOf(name);
    if (k < 0) k = names.findIndex((x) => x.toLowerCase() === name.toLowerCase());
    if (k < 0)
      throw inputError(
        'schedule.unknown-type',
        `"${name}" is not an aircraft type of the scenario: use one of ${names.map((x) => `"${x}"`).join(', ')}`,
        '--count',
      );
    if (!Number.isInteger(n) || n < 0 || n > 1000)
      throw inputError(
        'schedule.bad-count',
        `${names[k]}: the count must be a whole number from 0 to 1000, got ${n}`,
        '--count',
      );
    out[k] = n;
  }
  return out;
}

/** The horizon a schedule may have: refused with the fix named (callers check it before any work too). */
export function checkDays(days: number): void {
  if (!(days > 0 && days <= 366))
    throw inputError(
      'schedule.bad-days',
      `the horizon must be more than 0 and at most 366 days, got ${days}`,
      '--days',
    );
}

/** A stretch of coast with a revisit target (priorities, issue #14): the objective weighs revisit against it. */
export interface StretchTarget {
  /** The situation's priority id, carried into the schedule's figures. */
  id?: string;
  reason?: string;
  fromKm: number;
  toKm: number;
  targetRevisitH: number;
}

export interface ScheduleRunOptions extends ScheduleOptions {
  /** Called as the work goes on: fraction done in [0, 1] and what is being done. */
  onProgress?: (fraction: number, label: string) => void;
  /** Strategies to measure beside the search's (a sweep passes the smaller fleet's winner). */
  candidates?: Strategy[];
  /** Per-stretch revisit targets: where they exist the objective is the worst ratio of revisit to target. */
  targets?: StretchTarget[];
  /** Search the smaller fleets too (default); a sweep passes false and offers the previous row instead. */
  lattice?: boolean;
  /**
   * Strategies the search of the fleet asked for starts from instead of its layouts (a sweep passes the previous
   * row's): a larger fleet's schedule is the smaller one's with airframes added, tuned.
   */
  seeds?: Strategy[];
}

/** Model evaluations the search spends on a fleet of this many airframes. */
export function defaultBudget(airframes: number): number {
  return Math.round(400 + 100 * Math.min(airframes, 12));
}

/** A schedule and the strategy it flies (so a sweep can offer it to the next, larger fleet). */
export interface ScheduleRun {
  schedule: Schedule;
  strategy: Strategy;
}

export function scheduleWith(ctx: ScheduleContext, opts: ScheduleRunOptions): Schedule {
  return scheduleRun(ctx, opts).schedule;
}

/** Largest sub-fleet lattice searched so that a larger fleet never schedules worse than a smaller one. */
const LATTICE_MAX = 48;

export function scheduleRun(ctx: ScheduleContext, opts: ScheduleRunOptions): ScheduleRun {
  checkDays(opts.days);
  const t0 = Date.parse(opts.start);
  if (Number.isNaN(t0))
    throw inputError('schedule.bad-start', `not an ISO 8601 time: "${opts.start}"`, 'schedule.start');
  const H = opts.days * 24;
  const fleet = fleetOf(ctx.plan.scenario, opts.counts);
  const model = new Model(ctx, H);
  if (opts.targets?.length) model.setTargets(opts.targets);
  const progress = opts.onProgress ?? (() => {});
  // every sub-fleet (airframes left on the ground) is a candidate: its schedule flies with the larger fleet too
  const lattice = fleet.reduce((p, n) => p * (n + 1), 1);
  const subs: FleetCounts[] =
    opts.lattice === false ? [fleet] : lattice <= LATTICE_MAX ? subFleets(fleet) : chainOf(fleet);
  const memo = new Map<string, Measured>();
  const total = subs.length + (opts.candidates?.length ?? 0);
  let done = 0;
  // smallest sub-fleets first: each node's best is at least as good as every node below it
  for (const f of subs) {
    const key = f.join(',');
    const airframes = f.reduce((s, n) => s + n, 0);
    // the budget depends on the node alone: a node searched here is searched the same way when it is the fleet asked for
    const budget = opts.budget ?? defaultBudget(airframes);
    progress(done / (total + 1), `searching ${airframes} airframe${airframes === 1 ? '' : 's'}`);
    let best: Measured | null = null;
    if (airframes > 0) {
      const seeds = opts.seeds?.length && key === fleet.join(',') ? opts.seeds : undefined;
      const found = searchSchedule(model, f, { budget, seeds });
      best = measure(ctx, model, found.strategy, H, t0, opts.targets);
      for (const alt of found.also ?? []) {
        const m = measure(ctx, model, alt, H, t0, opts.targets);
        if (exactBetter(m.score, best.score)) best = m;
      }
    } else best = measure(ctx, model, { name: 'none', rotations: [] }, H, t0, opts.targets);
    for (let k = 0; k < f.length; k++) {
      if (f[k] === 0) continue;
      const below = memo.get(f.map((n, j) => (j === k ? n - 1 : n)).join(','));
      if (below && exactBetter(below.score, best.score)) best = below;
    }
    memo.set(key, best);
    done++;
  }
  let best = memo.get(fleet.join(','))!;
  for (const c of opts.candidates ?? []) {
    const m = measure(ctx, model, c, H, t0, opts.targets);
    if (exactBetter(m.score, best.score)) best = m;
    done++;
  }
  progress(1, 'done');
  const schedule = assemble(ctx, fleet, best, H, t0, opts.targets);
  // scheduled in the shifted frame (a coast across ±180): positions back in [-180, 180), the coast as given
  const u = ctx.unshifted;
  if (u) schedule.plan = unshiftPlan(schedule.plan, u.scenario, u.coast);
  return { schedule, strategy: best.strategy };
}

/** Every fleet with at most the given airframes per type, smaller ones first. */
function subFleets(fleet: FleetCounts): FleetCounts[] {
  let out: FleetCounts[] = [[]];
  for (const n of fleet) {
    const next: FleetCounts[] = [];
    for (const f of out) for (let k = 0; k <= n; k++) next.push([...f, k]);
    out = next;
  }
  return out.sort((a, b) => a.reduce((s, x) => s + x, 0) - b.reduce((s, x) => s + x, 0));
}

/** For fleets too large for the lattice: the fleet with one airframe fewer of each type in turn, down to none. */
function chainOf(fleet: FleetCounts): FleetCounts[] {
  const out: FleetCounts[] = [];
  const f = [...fleet];
  out.push([...f]);
  while (f.some((n) => n > 0)) {
    const k = f.indexOf(Math.max(...f));
    f[k]--;
    out.push([...f]);
  }
  return out.reverse().slice(-8);
}

/** The exact objective: reachable coast never watched, then (with targets) the worst ratio, the worst, the mean, flight hours. */
export interface ExactScore {
  neverSeenKm: number;
  ratio: number;
  worst: number;
  mean: number;
  hours: number;
}

export function exactBetter(a: ExactScore, b: ExactScore): boolean {
  if (Math.abs(a.neverSeenKm - b.neverSeenKm) > 1e-6) return a.neverSeenKm < b.neverSeenKm;
  // every target met is enough: then the plain objective decides, so the rest of the coast is not given up
  const ra = Math.max(a.ratio, 1);
  const rb = Math.max(b.ratio, 1);
  if (Math.abs(ra - rb) > 1e-9) return ra < rb;
  if (Math.abs(a.worst - b.worst) > 1e-9) return a.worst < b.worst;
  if (Math.abs(a.mean - b.mean) > 1e-9) return a.mean < b.mean;
  return a.hours < b.hours - 1e-9;
}

interface Measured {
  strategy: Strategy;
  sorties: Sortie[];
  /** Per sample: longest unwatched time (h); the horizon where reachable and never watched; NaN where unreachable. */
  gaps: Float64Array;
  reachable: Uint8Array;
  covered: Uint8Array;
  perTail: Map<string, { sorties: number; hours: number }>;
  score: ExactScore;
}

const reachCache = new WeakMap<ScheduleContext, Map<string, Uint8Array>>();

/**
 * Samples some sortie could watch: some aircraft type's tour passes within sensor range of them at a point it
 * can fly to and back from (the same test the gap reasons use). Over the scenario's types whatever their counts,
 * so that every fleet is measured against the same coast and a larger fleet never looks worse for reaching more.
 */
export function reachableSamples(ctx: ScheduleContext): Uint8Array {
  let byFleet = reachCache.get(ctx);
  if (!byFleet) {
    byFleet = new Map();
    reachCache.set(ctx, byFleet);
  }
  const key = 'all';
  const hit = byFleet.get(key);
  if (hit) return hit;
  const n = ctx.plan.coast.samples.count;
  const out = new Uint8Array(n);
  for (const t of ctx.types) {
    if (!t.passes) continue;
    const G = t.grid.length - 1;
    for (let i = 0; i < n; i++) {
      if (out[i]) continue;
      for (const j of t.passOf[i] ?? []) {
        // either grid point around the pass will do: a sortie may turn anywhere on the tour
        const x = (t.passes.alongKm[j] / t.tourKm) * G;
        if (Number.isFinite(ctx.transit(t, Math.floor(x))) || Number.isFinite(ctx.transit(t, Math.ceil(x)))) {
          out[i] = 1;
          break;
        }
      }
    }
  }
  byFleet.set(key, out);
  return out;
}

/** Builds a strategy's sorties and measures every sample's unwatched time on the built paths. */
function measure(
  ctx: ScheduleContext,
  model: Model,
  strategy: Strategy,
  H: number,
  t0: number,
  targets: StretchTarget[] | undefined,
): Measured {
  const { samples } = ctx.plan.coast;
  // each rotation's sortie (and its alternate, `delayH` after it) built once; its airframes fly it at their takeoffs
  const flown: { r: Rotation; t: TypeModel; path: LonLat[]; km: number; delayH: number }[] = [];
  for (const r of strategy.rotations) {
    if (r.perHorizon <= 0) continue;
    const t = ctx.types[r.type];
    const path = sortiePath(ctx, t, r.lo, r.hi, r.legs, r.startHi, r.hop);
    if (!path) continue;
    if (r.alt) {
      const altPath = sortiePath(ctx, t, r.alt.lo, r.alt.hi, r.alt.legs, r.alt.startHi);
      if (!altPath) continue;
      flown.push({ r, t, path: altPath, km: lineLengthKm(altPath), delayH: model.altDelayH(r) });
    }
    flown.push({ r, t, path, km: lineLengthKm(path), delayH: 0 });
  }
  const sorties: Sortie[] = [];
  const watch = new WatchLog(samples.count);
  const covered = new Uint8Array(samples.count);
  const perTail = new Map<string, { sorties: number; hours: number }>();
  const minute = 60_000;
  for (const f of flown) {
    const passes = passesOfCached(ctx, f.path, f.t.type.sensorRangeKm);
    const cov = new Uint8Array(samples.count);
    for (const i of passes.sample) cov[i] = 1;
    const covers = samplesToIntervals(samples, (i) => cov[i] === 1);
    for (let i = 0; i < samples.count; i++) if (cov[i]) covered[i] = 1;
    const hours = f.km / f.t.kmh;
    model.takeoffs(f.r).forEach((times, m) => {
      const tail = `${f.t.type.name}#${f.r.tails[m]}`;
      for (const h0 of times) {
        const h = (h0 + f.delayH) % H;
        // takeoffs on the minute: the cycle keeps TURN_SLACK_H above the turnaround for this rounding
        const at = Math.round((t0 + h * 3.6e6) / minute) * minute;
        const offH = (at - t0) / 3.6e6;
        for (let j = 0; j < passes.sample.length; j++)
          watch.add(passes.sample[j], offH + passes.enterKm[j] / f.t.kmh, offH + passes.exitKm[j] / f.t.kmh);
        sorties.push({
          id: '',
          aircraft: f.t.type.name,
          base: f.t.base.name,
          path: f.path,
          distanceKm: f.km,
          durationH: hours,
          covers,
          tail,
          takeoff: iso(at),
          landing: iso(at + Math.round(hours * 3.6e6)),
        });
        const p = perTail.get(tail) ?? { sorties: 0, hours: 0 };
        p.sorties++;
        p.hours += hours;
        perTail.set(tail, p);
      }
    });
  }
  const reachable = reachableSamples(ctx);
  const gaps = watch.gaps({ horizonH: H });
  let neverSeenKm = 0;
  for (let i = 0; i < samples.count; i++) {
    if (!Number.isNaN(gaps[i])) continue;
    // a watched sample counts whatever the reach test says; reachable and never watched waits the horizon
    if (reachable[i]) {
      gaps[i] = H;
      neverSeenKm += samples.hi[i] - samples.lo[i];
    }
  }
  const fig = revisitFigures(samples, gaps);
  let ratio = 0;
  for (const tg of targets ?? []) {
    const f = revisitFigures(samples, gaps, (i) => samples.km[i] >= tg.fromKm && samples.km[i] <= tg.toKm);
    if (f.worst !== null) ratio = Math.max(ratio, f.worst / tg.targetRevisitH);
  }
  // plain objective outside the targeted stretches when there are targets
  const plain =
    targets?.length && fig.worst !== null
      ? revisitFigures(
          samples,
          gaps,
          (i) => !targets.some((tg) => samples.km[i] >= tg.fromKm && samples.km[i] <= tg.toKm),
        )
      : fig;
  const hours = sorties.reduce((s, x) => s + x.durationH, 0);
  return {
    strategy,
    sorties,
    gaps,
    reachable,
    covered,
    perTail,
    score: {
      neverSeenKm,
      ratio,
      worst: plain.worst ?? 0,
      mean: fig.mean ?? 0,
      hours,
    },
  };
}

const passCache = new WeakMap<ScheduleContext, Map<string, PathPasses>>();

/** A built path's passes, measured once per context (the lattice and sweeps rebuild the same sorties). */
function passesOfCached(ctx: ScheduleContext, path: LonLat[], rangeKm: number): PathPasses {
  let m = passCache.get(ctx);
  if (!m) {
    m = new Map();
    passCache.set(ctx, m);
  }
  const key = `${rangeKm}|${path.length}|${path[0]}|${path[path.length - 1]}|${lineLengthKm(path)}|${path[path.length >> 1]}`;
  let p = m.get(key);
  if (!p) {
    p = passesOf(path, rangeKm, ctx.plan.sidx);
    m.set(key, p);
  }
  return p;
}

function assemble(
  ctx: ScheduleContext,
  fleet: FleetCounts,
  best: Measured,
  H: number,
  t0: number,
  targets: StretchTarget[] | undefined,
): Schedule {
  const { scenario, coast } = ctx.plan;
  const { samples } = coast;
  const { sorties, gaps, covered, perTail, reachable } = best;
  sorties.sort((a, b) => Date.parse(a.takeoff!) - Date.parse(b.takeoff!) || a.tail!.localeCompare(b.tail!));
  const width = Math.max(3, String(sorties.length).length);
  sorties.forEach((s, k) => {
    s.id = `S${String(k + 1).padStart(width, '0')}`;
  });
  const fig = revisitFigures(samples, gaps);
  const coveredKm = intervalsKm(samplesToIntervals(samples, (i) => covered[i] === 1));
  const distanceKm = sorties.reduce((s, x) => s + x.distanceKm, 0);
  const flightHours = sorties.reduce((s, x) => s + x.durationH, 0);
  const plan: Plan = {
    summary: {
      scenario: scenario.name,
      coastKm: coast.lengthKm,
      coveredKm,
      coverage: coast.lengthKm > 0 ? coveredKm / coast.lengthKm : 0,
      sorties: sorties.length,
      distanceKm,
      flightHours,
    },
    coast: coast.lines.map((l) => l.coords),
    bases: scenario.bases.map((b) => ({ name: b.name, icao: b.icao, position: b.position })),
    sorties,
    gaps: gapsFor(ctx, fleet, covered, reachable),
  };
  const airframeRows: AirframeSummary[] = [];
  ctx.types.forEach((t) => {
    for (let k = 1; k <= fleet[t.index]; k++) {
      const tail = `${t.type.name}#${k}`;
      const p = perTail.get(tail) ?? { sorties: 0, hours: 0 };
      const row: AirframeSummary = {
        tail,
        aircraft: t.type.name,
        sorties: p.sorties,
        hours: p.hours,
        utilisation: p.hours / H,
      };
      if (p.sorties === 0) row.note = idleReason(ctx, t, H);
      airframeRows.push(row);
    }
  });
  const bounds =
    fig.worst === null
      ? []
      : revisitBounds(ctx, fleet, {
          seen: (i) => !Number.isNaN(gaps[i]),
          horizonH: H,
        });
  const bestBound = bounds.reduce<(typeof bounds)[number] | null>(
    (a, b) => (!a || b.hours > a.hours ? b : a),
    null,
  );
  const fleetRecord: Record<string, number> = {};
  scenario.aircraft.forEach((a, k) => {
    fleetRecord[a.name] = fleet[k];
  });
  const figures: Schedule['figures'] = {
    start: iso(t0),
    horizonH: H,
    worstRevisitH: fig.worst,
    meanRevisitH: fig.mean,
    neverSeenKm: best.score.neverSeenKm,
    fleet: fleetRecord,
    bounds,
    bestBound,
    airframes: airframeRows,
    stretches: stretchesOf(samples, coast.lengthKm, gaps),
    strategy: best.strategy.name,
  };
  if (targets?.length) {
    figures.priorities = explainTargets(ctx, fleet, gaps, targets, { horizonH: H });
    const ratios = figures.priorities
      .filter((p) => p.achievedRevisitH !== null)
      .map((p) => (p.achievedRevisitH as number) / p.targetRevisitH);
    figures.worstTargetRatio = ratios.length ? Math.max(...ratios) : null;
  }
  return { plan, figures };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function idleReason(ctx: ScheduleContext, t: TypeModel, H: number): string {
  if (!t.exit) return `its base ${t.base.name} lies in a no-fly area or cannot leave the standoff band`;
  if (!t.tour || !t.passes)
    return 'no point at sea outside the standoff band and no-fly areas sees any coast with its sensor';
  let best = Infinity;
  for (let g = 0; g < t.grid.length; g++) best = Math.min(best, ctx.transit(t, g));
  if (!Number.isFinite(best))
    return `reaches no coast: the nearest coast it can sense needs a round trip longer than its ${t.usableH} h usable endurance`;
  if (t.usableH + t.type.turnaroundH > H)
    return `a sortie and its turnaround (${t.usableH + t.type.turnaroundH} h) do not fit the ${H} h horizon`;
  return 'the search found no sortie for it that improves the revisit';
}

function gapsFor(
  ctx: ScheduleContext,
  fleet: FleetCounts,
  covered: Uint8Array,
  reachable: Uint8Array,
): Gap[] {
  const { coast, scenario } = ctx.plan;
  const { samples } = coast;
  // unreachable coast and reachable coast left unwatched are separate gaps: only the first is left out of the figures
  const runs = [
    ...sampleRuns(samples, (i) => covered[i] === 0 && reachable[i] === 0).map((r) => ({
      ...r,
      reachable: false,
    })),
    ...sampleRuns(samples, (i) => covered[i] === 0 && reachable[i] === 1).map((r) => ({
      ...r,
      reachable: true,
    })),
  ].sort((a, b) => a.interval[0] - b.interval[0]);
  return runs.map(({ interval: [fromKm, toKm], samples: inRun, reachable: r }) => {
    const g: Gap = {
      fromKm,
      toKm,
      lengthKm: toKm - fromKm,
      lines: coastBetween(coast, fromKm, toKm),
      reason: r ? reachableReason(ctx, fleet, inRun) : gapReason(ctx, fleet, inRun, scenario),
    };
    if (r) g.reachable = true;
    return g;
  });
}

function gapReason(ctx: ScheduleContext, fleet: FleetCounts, idx: number[], scenario: Scenario): string {
  const flying = ctx.types.filter((t) => fleet[t.index] > 0);
  if (flying.length === 0) return 'no airframe in the fleet (every --count is 0)';
  const sensed = flying.filter((t) => idx.some((i) => (t.passOf[i]?.length ?? 0) > 0));
  if (sensed.length === 0) {
    const s = Math.max(...flying.map((t) => t.type.sensorRangeKm));
    return `no point at sea outside the ${scenario.standoffKm} km standoff band${scenario.noFly.length ? ' and the no-fly areas' : ''} lies within the longest sensor range flown (${s} km) of this stretch`;
  }
  // the cheapest round trip to the stretch for each type that senses it
  let need = Infinity;
  let who = '';
  for (const t of sensed) {
    // the first sample of the stretch this type senses stands for it (not just the first sample)
    for (const i of idx) {
      const passes = t.passOf[i] ?? [];
      if (passes.length === 0) continue;
      for (const j of passes) {
        const g = Math.round((t.passes!.alongKm[j] / t.tourKm) * (t.grid.length - 1));
        const r = ctx.routeTo(t, g);
        if (!r) continue;
        const h = (2 * lineLengthKm(r)) / t.kmh;
        if (h < need) {
          need = h;
          who = t.type.name;
        }
      }
      break;
    }
  }
  const has = Math.max(...sensed.map((t) => t.usableH));
  if (Number.isFinite(need) && need > has)
    return `beyond reach of every aircraft flown: needs ${need.toFixed(1)} h (${who}), has ${has.toFixed(1)} h`;
  if (!Number.isFinite(need))
    return 'no route from any base reaches this stretch without entering the standoff band or a no-fly area';
  return 'reachable, but no sortie of this schedule flies over it';
}

/** Why the schedule leaves reachable coast unwatched (it waits the whole horizon in the figures). */
function reachableReason(ctx: ScheduleContext, fleet: FleetCounts, idx: number[]): string {
  const flying = ctx.types.filter((t) => fleet[t.index] > 0 && t.passes);
  let need = Infinity;
  let who = '';
  for (const t of flying)
    for (const i of idx)
      for (const j of t.passOf[i] ?? []) {
        const g = Math.round((t.passes!.alongKm[j] / t.tourKm) * (t.grid.length - 1));
        const km = ctx.transit(t, g);
        if (Number.isFinite(km) && (2 * km) / t.kmh < need) {
          need = (2 * km) / t.kmh;
          who = t.type.name;
        }
      }
  const how = Number.isFinite(need) ? ` (a ${who} round trip to it takes ${need.toFixed(1)} h)` : '';
  return `reachable${how}, but the search found no schedule of this fleet that watches it without leaving more coast unwatched elsewhere: it counts as unwatched for the whole horizon`;
}
