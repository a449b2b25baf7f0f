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
import { lineLengthKm } from '../geo/geodesic.js';
import { revisitBounds } from './bounds.js';
import { type ScheduleContext, sortiePath, type TypeModel } from './context.js';
import { Model, type Rotation } from './model.js';
import { passesOf } from './passes.js';
import { gapsOf, revisitFigures, stretchesOf } from './revisit.js';
import { type FleetCounts, searchSchedule } from './search.js';

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

export function scheduleWith(ctx: ScheduleContext, opts: ScheduleOptions): Schedule {
  const { scenario, coast } = ctx.plan;
  const { samples } = coast;
  checkDays(opts.days);
  const t0 = Date.parse(opts.start);
  if (Number.isNaN(t0))
    throw inputError('schedule.bad-start', `not an ISO 8601 time: "${opts.start}"`, 'schedule.start');
  const H = opts.days * 24;
  const fleet = fleetOf(scenario, opts.counts);
  const airframes = fleet.reduce((s, n) => s + n, 0);
  const model = new Model(ctx, H);
  const budget = opts.budget ?? Math.round(900 + 150 * Math.min(airframes, 12));
  const found = searchSchedule(model, fleet, { budget });

  // build each rotation's sortie once; its airframes fly it at their takeoff times
  const flown: { r: Rotation; t: TypeModel; path: ReturnType<typeof sortiePath>; km: number }[] = [];
  for (const r of found.strategy.rotations) {
    if (r.perHorizon <= 0) continue;
    const t = ctx.types[r.type];
    const path = sortiePath(ctx, t, r.lo, r.hi, r.legs, r.startHi);
    if (!path) continue;
    flown.push({ r, t, path, km: lineLengthKm(path) });
  }
  const sorties: Sortie[] = [];
  const sightings: number[][] = Array.from({ length: samples.count }, () => []);
  const covered = new Uint8Array(samples.count);
  const perTail = new Map<string, { sorties: number; hours: number }>();
  const minute = 60_000;
  for (const f of flown) {
    const passes = passesOf(f.path!, f.t.type.sensorRangeKm, ctx.plan.sidx);
    const cov = new Uint8Array(samples.count);
    for (const i of passes.sample) cov[i] = 1;
    const covers = samplesToIntervals(samples, (i) => cov[i] === 1);
    for (let i = 0; i < samples.count; i++) if (cov[i]) covered[i] = 1;
    const hours = f.km / f.t.kmh;
    model.takeoffs(f.r).forEach((times, m) => {
      const tail = `${f.t.type.name}#${f.r.tails[m]}`;
      for (const h of times) {
        // takeoffs on the minute: the cycle keeps TURN_SLACK_H above the turnaround for this rounding
        const at = Math.round((t0 + h * 3.6e6) / minute) * minute;
        const offH = (at - t0) / 3.6e6;
        for (let j = 0; j < passes.sample.length; j++)
          sightings[passes.sample[j]].push(offH + passes.alongKm[j] / f.t.kmh);
        sorties.push({
          id: '',
          aircraft: f.t.type.name,
          base: f.t.base.name,
          path: f.path!,
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
  sorties.sort((a, b) => Date.parse(a.takeoff!) - Date.parse(b.takeoff!) || a.tail!.localeCompare(b.tail!));
  const width = Math.max(3, String(sorties.length).length);
  sorties.forEach((s, k) => {
    s.id = `S${String(k + 1).padStart(width, '0')}`;
  });

  const gaps = gapsOf(sightings, H);
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
    gaps: gapsFor(ctx, fleet, covered),
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
  const bounds = fig.worst === null ? [] : revisitBounds(ctx, fleet, { seen: (i) => !Number.isNaN(gaps[i]) });
  const bestBound = bounds.reduce<(typeof bounds)[number] | null>(
    (a, b) => (!a || b.hours > a.hours ? b : a),
    null,
  );
  const fleetRecord: Record<string, number> = {};
  scenario.aircraft.forEach((a, k) => {
    fleetRecord[a.name] = fleet[k];
  });
  return {
    plan,
    figures: {
      start: iso(t0),
      horizonH: H,
      worstRevisitH: fig.worst,
      meanRevisitH: fig.mean,
      fleet: fleetRecord,
      bounds,
      bestBound,
      airframes: airframeRows,
      stretches: stretchesOf(samples, coast.lengthKm, gaps),
      strategy: found.strategy.name,
    },
  };
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

function gapsFor(ctx: ScheduleContext, fleet: FleetCounts, covered: Uint8Array): Gap[] {
  const { coast, scenario } = ctx.plan;
  const { samples } = coast;
  return sampleRuns(samples, (i) => covered[i] === 0).map(({ interval: [fromKm, toKm], samples: inRun }) => {
    return {
      fromKm,
      toKm,
      lengthKm: toKm - fromKm,
      lines: coastBetween(coast, fromKm, toKm),
      reason: gapReason(ctx, fleet, inRun, scenario),
    };
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
