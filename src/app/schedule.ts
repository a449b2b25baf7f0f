/** Use cases: schedule a scenario (in memory) and its file adapter; sweep a fleet size. */
import { basename } from 'node:path';
import { buildCoastModel } from '../domain/coast.js';
import { inputError } from '../domain/errors.js';
import type { Scenario } from '../domain/scenario.js';
import type { Schedule } from '../domain/schedule.js';
import { parseSituation } from '../domain/situation.js';
import type { PlanFeatureCollection } from '../formats/plan-geojson.js';
import { scheduleToGeoJSON } from '../formats/schedule-geojson.js';
import { type ScheduleContext, scheduleContext } from '../schedule/context.js';
import type { Strategy } from '../schedule/model.js';
import { checkDays, fleetOf, type StretchTarget, scheduleRun, scheduleWith } from '../schedule/scheduler.js';
import { checkSituationAgainstCoast, prioritiesDuring } from '../situation/picture.js';
import { planEnvFor } from './land-env.js';
import { loadScenario, readJsonFile, scenarioFromJson } from './load-scenario.js';
import { checkOutput, defaultOutPath, writeFileAtomic } from './output.js';
import { placeNamer, scenarioWarnings } from './places.js';
import { checkPlanSize } from './plan-limits.js';
import { checkAborted, type UseCaseOptions } from './use-case.js';

export interface ScheduleFileOptions {
  days?: number;
  out?: string;
  /** Airframes per type name, overriding the scenario's counts. */
  counts?: Record<string, number>;
  write?: boolean;
  /** ISO start of the horizon (default: the scenario's, else the next midnight UTC). */
  start?: string;
  /** Called as the work goes on: done so far (0..1) and what is being done. */
  onProgress?: (fraction: number, label: string) => void;
  /** Revisit targets per stretch (the situation picture's priorities). */
  targets?: StretchTarget[];
  /** A situation file: its priorities in force during the horizon become targets (with `targets`, if any). */
  situation?: string;
}

export interface ScheduleResult {
  scenario: Scenario;
  schedule: Schedule;
  geojson: PlanFeatureCollection;
  outPath: string;
  timings: { loadMs: number; scheduleMs: number };
  /** Plausibility warnings about the scenario (never blocking). */
  warnings: string[];
  /** Names a coast stretch by its middle and the nearest airfield (the tables' "where"). */
  placeOf: (fromKm: number, toKm: number) => string;
}

const DEFAULT_DAYS = 7;

/** The next 00:00 UTC: a planner's schedule starts tomorrow. */
function nextMidnightUTC(now = Date.now()): string {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1))
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}

function horizonOf(
  scenario: Scenario,
  opts: { days?: number; start?: string },
): { days: number; start: string } {
  const days = opts.days ?? scenario.schedule?.days ?? DEFAULT_DAYS;
  checkDays(days);
  return { days, start: opts.start ?? scenario.schedule?.start ?? nextMidnightUTC() };
}

export interface ScheduleParams {
  days?: number;
  /** Airframes per type name, overriding the scenario's counts. */
  counts?: Record<string, number>;
  /** ISO start of the horizon (default: the scenario's, else the next midnight UTC). */
  start?: string;
  /** Revisit targets per stretch (the situation picture's priorities). */
  targets?: StretchTarget[];
  /** A situation file's JSON: checked against the coast; its priorities in force during the horizon are targets. */
  situation?: unknown;
  /** The situation file's name, for messages. */
  situationSource?: string;
}

export type ScheduleOutcome = Omit<ScheduleResult, 'outPath'>;

/** Schedules a scenario file's JSON over its horizon: the schedule file's content, as the command line writes it. */
export async function scheduleScenario(
  scenarioJson: unknown,
  opts: ScheduleParams & UseCaseOptions = {},
): Promise<ScheduleOutcome> {
  const t0 = performance.now();
  opts.onProgress?.(0, 'loading');
  const scenario = scenarioFromJson(scenarioJson, opts.source);
  const { days, start } = horizonOf(scenario, opts);
  fleetOf(scenario, opts.counts); // bad --count is refused before any work
  const coast = buildCoastModel(scenario.coast.lines, scenario.sampleKm);
  // the scheduler's tours walk the whole coast, not only what is in reach: judged on all of it
  checkPlanSize(scenario, coast, process.env, { whole: true });
  const warnings = scenarioWarnings(scenario, coast);
  const targets = [...(opts.targets ?? [])];
  if (opts.situation !== undefined) {
    // a bad situation is refused before any scheduling work, naming its field
    const sit = parseSituation(opts.situation, opts.situationSource ?? 'situation');
    checkSituationAgainstCoast(sit, coast.lengthKm);
    const during = prioritiesDuring(sit, start, days * 24);
    if (during.length === 0)
      warnings.push(
        `no priority of the situation is in force during the horizon (${days} days from ${start}): the schedule is the plain one`,
      );
    targets.push(...during);
  }
  checkAborted(opts.signal);
  opts.onProgress?.(0.1, 'routes');
  const t1 = performance.now();
  const ctx = scheduleContext(scenario, coast, planEnvFor(scenario));
  checkAborted(opts.signal);
  opts.onProgress?.(0.3, 'scheduling');
  const schedule = scheduleWith(ctx, {
    start,
    days,
    counts: opts.counts,
    targets: targets.length ? targets : undefined,
    onProgress: (f, label) => opts.onProgress?.(0.3 + 0.7 * f, label),
  });
  const t2 = performance.now();
  checkAborted(opts.signal);
  const geojson = scheduleToGeoJSON(schedule);
  opts.onProgress?.(1, 'scheduling');
  return {
    scenario,
    schedule,
    geojson,
    timings: { loadMs: t1 - t0, scheduleMs: t2 - t1 },
    warnings,
    placeOf: placeNamer(coast, scenario),
  };
}

export async function scheduleScenarioFile(
  path: string,
  opts: ScheduleFileOptions = {},
): Promise<ScheduleResult> {
  const t0 = performance.now();
  const outPath = opts.out ?? defaultOutPath(path, 'schedule');
  // a bad --out (a device, a folder, the scenario itself) fails before any work
  const inputs = opts.situation === undefined ? [path] : [path, opts.situation];
  if (opts.write !== false) await checkOutput(outPath, { inputs });
  const json = await readJsonFile(path, 'scenario file');
  const situation =
    opts.situation === undefined ? undefined : await readJsonFile(opts.situation, 'situation file');
  const r = await scheduleScenario(json, {
    days: opts.days,
    counts: opts.counts,
    start: opts.start,
    source: basename(path),
    onProgress: opts.onProgress,
    targets: opts.targets,
    situation,
    situationSource: opts.situation === undefined ? undefined : basename(opts.situation),
  });
  const loadMs = performance.now() - t0 - r.timings.scheduleMs;
  if (opts.write !== false) await writeFileAtomic(outPath, `${JSON.stringify(r.geojson)}\n`, { inputs });
  return { ...r, outPath, timings: { loadMs, scheduleMs: r.timings.scheduleMs } };
}

export interface SweepRow {
  count: number;
  worstRevisitH: number | null;
  meanRevisitH: number | null;
  boundH: number | null;
  /** worst / bound (null when either is missing or the bound is 0). */
  ratio: number | null;
  sorties: number;
  flightHours: number;
}

/** Worst revisit and its bound for each fleet size A..B of one type (the other types as the scenario has them). */
export async function sweepScenarioFile(
  path: string,
  type: string,
  from: number,
  to: number,
  opts: {
    days?: number;
    start?: string;
    counts?: Record<string, number>;
    onProgress?: (fraction: number, label: string) => void;
  } = {},
): Promise<{ scenario: Scenario; type: string; rows: SweepRow[]; warnings: string[]; monotone: string }> {
  const scenario = await loadScenario(path);
  const found = scenario.aircraft.find((a) => a.name === type || a.name.toLowerCase() === type.toLowerCase());
  if (!found)
    throw inputError(
      'schedule.unknown-type',
      `"${type}" is not an aircraft type of the scenario: use one of ${scenario.aircraft.map((a) => `"${a.name}"`).join(', ')}`,
      '--sweep',
    );
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to - from > 50)
    throw inputError(
      'schedule.bad-sweep',
      `the sweep must be TYPE=A..B with whole numbers 0 <= A <= B <= A + 50, got ${from}..${to}`,
      '--sweep',
    );
  const { days, start } = horizonOf(scenario, opts);
  fleetOf(scenario, opts.counts);
  const coast = buildCoastModel(scenario.coast.lines, scenario.sampleKm);
  // the scheduler's tours walk the whole coast, not only what is in reach: judged on all of it
  checkPlanSize(scenario, coast, process.env, { whole: true });
  const warnings = scenarioWarnings(scenario, coast);
  const ctx: ScheduleContext = scheduleContext(scenario, coast, planEnvFor(scenario));
  const rows: SweepRow[] = [];
  const progress = opts.onProgress ?? (() => {});
  // each row is offered the previous row's schedule (the new airframe on the ground): never worse by construction
  let prev: Strategy | null = null;
  for (let n = from; n <= to; n++) {
    const k = n - from;
    const span = to - from + 1;
    const run = scheduleRun(ctx, {
      start,
      days,
      counts: { ...opts.counts, [found.name]: n },
      // the first row searches its smaller fleets as `--count` does (so 1 UAV is never worse than none); each
      // later row has the row before as its candidate
      lattice: prev === null,
      candidates: prev ? [prev] : [],
      // the search starts from the previous row grown by one airframe: most of the work carries over
      seeds: prev ? [prev] : undefined,
      onProgress: (f, label) => progress((k + f) / span, `${n} ${found.name}: ${label}`),
    });
    prev = run.strategy;
    const s = run.schedule;
    const w = s.figures.worstRevisitH;
    const b = s.figures.bestBound?.hours ?? null;
    rows.push({
      count: n,
      worstRevisitH: w,
      meanRevisitH: s.figures.meanRevisitH,
      boundH: b,
      ratio: w !== null && b !== null && b > 0 ? w / b : null,
      sorties: s.plan.summary.sorties,
      flightHours: s.plan.summary.flightHours,
    });
  }
  progress(1, 'done');
  return {
    scenario,
    type: found.name,
    rows,
    warnings,
    monotone:
      'each fleet size is offered the schedule of the one before it with the new airframe on the ground, so the worst revisit never rises as the fleet grows',
  };
}
