/**
 * Use case: audit flown track files against a scenario (docs/formats.md). Streams every file through
 * its reader into the auditor, so memory stays bounded however large the files; bad input anywhere (a file
 * that cannot be read, a track whose aircraft is unknown) is refused before anything is written.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type AuditOptions, type AuditPlanInput, createAudit } from '../audit/auditor.js';
import type { AuditResult } from '../domain/audit.js';
import { buildCoastModel, type CoastModel } from '../domain/coast.js';
import { CoastwatchError, inputError } from '../domain/errors.js';
import type { AircraftType, Scenario } from '../domain/scenario.js';
import type { FixBatch, ReadReport } from '../domain/track.js';
import { auditGeoJSONText, auditSummary } from '../formats/audit-geojson.js';
import { readTrackFile } from '../formats/tracks/read.js';
import { readTrackFileInWorker } from './read-in-worker.js';

/** Track files at least this big are read on a worker thread. */
const WORKER_BYTES = 16 * 1024 * 1024;

import { SampleIndex } from '../plan/sample-index.js';
import { parsePlanGeoJSON } from '../verify/plan-file.js';
import { readJsonFile, scenarioFromJson } from './load-scenario.js';
import { checkOutput, defaultOutPath, writeFileAtomic } from './output.js';
import { scenarioWarnings } from './places.js';
import { checkAborted, type UseCaseOptions } from './use-case.js';

export interface AuditFilesOptions {
  /** Scenario aircraft type flying every track (its sensor range is used); else matched by callsign. */
  aircraft?: string;
  /** A plan file (docs/formats.md) to compare with. */
  plan?: string;
  out?: string;
  /** Write the file (default true). */
  write?: boolean;
  /** Bytes read so far over all files, and their total. */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Read big files on a worker thread (default true); false reads everything on this thread. */
  worker?: boolean;
  /** Tuning of the core (gaps, pieces, thinning). */
  audit?: AuditOptions;
}

export interface AuditFilesResult {
  scenario: Scenario;
  coast: CoastModel;
  audit: AuditResult;
  /** The file's `summary` member. */
  summary: Record<string, unknown>;
  outPath: string;
  reports: { path: string; report: ReadReport }[];
  /** Files with no usable fix among several (empty, a route, not a track format): listed and skipped. */
  skippedFiles: { path: string; why: string }[];
  timings: { loadMs: number; auditMs: number; writeMs: number };
  /** Plausibility warnings about the scenario (never blocking). */
  warnings: string[];
}

const norm = (s: string) => s.trim().toUpperCase();

function findType(
  scenario: Scenario,
  name: string,
  where: string,
  code = 'audit.unknown-aircraft',
): AircraftType {
  const t = scenario.aircraft.find((a) => norm(a.name) === norm(name));
  if (!t) {
    const names = scenario.aircraft.map((a) => `"${a.name}"`).join(', ');
    throw inputError(
      code,
      `"${name}" is not an aircraft type of the scenario: use one of ${names}${code === 'audit.plan-aircraft' ? ' (audit against the scenario the plan was made for)' : ''}`,
      where,
    );
  }
  return t;
}

/** One track file for the in-memory audit: where it is read from, and the name errors give it. */
export interface TrackInput {
  path: string;
  name?: string;
}

export interface AuditTracksOptions extends UseCaseOptions {
  /** Scenario aircraft type flying every track (its sensor range is used); else matched by callsign. */
  aircraft?: string;
  /** A plan file's JSON (docs/formats.md, "The plan file") to compare with, and the name errors give it. */
  plan?: { json: unknown | (() => Promise<unknown>); name: string };
  /** Bytes read so far over all files, and their total. */
  onBytes?: (bytesDone: number, bytesTotal: number) => void;
  /** Read big files on a worker thread (default true). */
  worker?: boolean;
  audit?: AuditOptions;
}

export type AuditOutcome = Omit<AuditFilesResult, 'outPath' | 'timings'> & {
  timings: { loadMs: number; auditMs: number };
  /** The audit file's text, in pieces, as the command line writes it. */
  text(): Iterable<string>;
};

/** Audits track files against a scenario file's JSON: the audit file's content, as the command line writes it. */
export async function auditTracks(
  scenarioJson: unknown,
  tracks: readonly TrackInput[],
  opts: AuditTracksOptions = {},
): Promise<AuditOutcome> {
  const t0 = performance.now();
  if (tracks.length === 0)
    throw inputError(
      'audit.no-tracks',
      'give at least one track file (GPX, KML/KMZ, IGC, CSV, readsb JSON or GeoJSON)',
    );
  opts.onProgress?.(0, 'reading tracks');
  const scenario = scenarioFromJson(scenarioJson, opts.source);
  const coast = buildCoastModel(scenario.coast.lines, scenario.sampleKm);
  // with one aircraft type in the scenario, every track is that type unless its callsign says otherwise
  const forced =
    opts.aircraft !== undefined
      ? findType(scenario, opts.aircraft, '--aircraft')
      : scenario.aircraft.length === 1
        ? scenario.aircraft[0]
        : undefined;

  let planInput: AuditPlanInput | undefined;
  if (opts.plan !== undefined) {
    const planName = opts.plan.name;
    const json = typeof opts.plan.json === 'function' ? await opts.plan.json() : opts.plan.json;
    const plan = parsePlanGeoJSON(json, basename(planName));
    // what the plan covers, measured as the planner measures it, with each sortie's type's sensor
    const sidx = new SampleIndex(coast.samples);
    const covered = new Uint8Array(coast.samples.count);
    const sorties = plan.sorties.map((s) => {
      const type = findType(scenario, s.aircraft, planName, 'audit.plan-aircraft');
      sidx.coveredBy(s.path, type.sensorRangeKm, covered);
      return { id: s.id, aircraft: type.name, path: s.path };
    });
    planInput = { sorties, covered };
  }
  checkAborted(opts.signal);
  // callsigns and ICAO addresses listed in the scenario, upper-case, to their type
  const byCallsign = new Map<string, AircraftType>();
  for (const a of scenario.aircraft) for (const c of a.callsigns) byCallsign.set(norm(c), a);
  const typeOfTrack = new Map<string, AircraftType | null>();
  const unmatched: string[] = [];
  const resolve = (b: FixBatch): AircraftType | null => {
    const known = typeOfTrack.get(b.track);
    if (known !== undefined) return known;
    const t =
      forced ??
      (b.callsign ? byCallsign.get(norm(b.callsign)) : undefined) ??
      (b.icao24 ? byCallsign.get(norm(b.icao24)) : undefined) ??
      null;
    typeOfTrack.set(b.track, t);
    if (!t) {
      const ids = [b.callsign, b.icao24].filter((x): x is string => !!x);
      unmatched.push(
        ids.length ? `${ids.join('/')} (${b.track})` : `${b.track} (no callsign or ICAO address)`,
      );
    }
    return t;
  };

  const sizes: number[] = [];
  for (const { path: p, name } of tracks) {
    try {
      sizes.push((await stat(p)).size);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw inputError(
        'file.unreadable',
        code === 'ENOENT'
          ? 'no such file: check the path of the track file'
          : `cannot read the track file (${code ?? String(e)})`,
        name ?? p,
      );
    }
  }
  const total = sizes.reduce((a, b) => a + b, 0);
  const t1 = performance.now();
  const auditor = createAudit(coast, { ...opts.audit, plan: planInput });
  const reports: { path: string; report: ReadReport }[] = [];
  const skippedFiles: { path: string; why: string }[] = [];
  let before = 0;
  for (let f = 0; f < tracks.length; f++) {
    checkAborted(opts.signal);
    const path = tracks[f].path;
    const base = before;
    const onBatch = (b: FixBatch) => {
      const type = resolve(b);
      if (type) auditor.add(b, type.sensorRangeKm, type.name);
    };
    const tell = (done: number) => {
      opts.onBytes?.(done, total);
      opts.onProgress?.(total > 0 ? (0.95 * done) / total : 0, 'reading tracks');
    };
    const progress =
      opts.onProgress || opts.onBytes ? { onProgress: (done: number) => tell(base + done) } : {};
    // big files are read on a second thread while this one audits; small ones are not worth its start-up
    const name = tracks[f].name ?? path;
    let report: ReadReport;
    try {
      report =
        sizes[f] >= WORKER_BYTES && opts.worker !== false
          ? await readTrackFileInWorker(path, onBatch, progress)
          : // the auditor is done with a batch when add() returns
            await readTrackFile(path, onBatch, { reuseArrays: true, ...progress });
    } catch (e) {
      // among several files, one without a usable fix (empty, a route, not a track format) is reported and
      // skipped; nothing of it reached the auditor
      if (
        tracks.length > 1 &&
        e instanceof CoastwatchError &&
        (e.code === 'track.no-fixes' || e.code === 'track.unknown-format')
      ) {
        skippedFiles.push({
          path: name,
          why: e.message.startsWith(`${path}: `) ? e.message.slice(path.length + 2) : e.message,
        });
        before += sizes[f];
        continue;
      }
      throw e;
    }
    reports.push({ path: name, report });
    before += sizes[f];
    tell(before);
  }
  if (reports.length === 0)
    throw inputError(
      'audit.no-usable-tracks',
      `none of the ${tracks.length} files holds a usable track: ${skippedFiles.map((x) => `${x.path}: ${x.why}`).join('; ')}`,
    );
  if (unmatched.length > 0) {
    const listed = scenario.aircraft
      .filter((a) => a.callsigns.length)
      .map((a) => `${a.name}: ${a.callsigns.join(', ')}`)
      .join('; ');
    const shown =
      unmatched.slice(0, 10).join(', ') +
      (unmatched.length > 10 ? `, and ${unmatched.length - 10} more` : '');
    throw inputError(
      'audit.unmatched-tracks',
      `${unmatched.length} track${unmatched.length > 1 ? 's match' : ' matches'} no aircraft of the scenario: ${shown}. ` +
        `Give --aircraft NAME (${scenario.aircraft.map((a) => `"${a.name}"`).join(', ')}) to fly every track with one type, ` +
        `or list their callsigns or ICAO addresses in the scenario's aircraft "callsigns"${listed ? ` (now ${listed})` : ''}`,
    );
  }
  const audit = auditor.finish();
  const t2 = performance.now();
  const meta = { scenario: scenario.name, sampleKm: scenario.sampleKm };
  const summary = auditSummary(audit, meta);
  opts.onProgress?.(1, 'auditing');
  return {
    scenario,
    coast,
    audit,
    summary,
    reports,
    skippedFiles,
    warnings: scenarioWarnings(scenario, coast),
    timings: { loadMs: t1 - t0, auditMs: t2 - t1 },
    text: () => auditGeoJSONText(audit, coast, summary),
  };
}

export async function auditFiles(
  scenarioPath: string,
  trackPaths: readonly string[],
  opts: AuditFilesOptions = {},
): Promise<AuditFilesResult> {
  if (trackPaths.length === 0)
    throw inputError(
      'audit.no-tracks',
      'give at least one track file (GPX, KML/KMZ, IGC, CSV, readsb JSON or GeoJSON)',
    );
  const t0 = performance.now();
  const outPath = opts.out ?? defaultOutPath(scenarioPath, 'audit');
  const inputs = [scenarioPath, ...trackPaths, ...(opts.plan ? [opts.plan] : [])];
  // a bad --out (a device, a folder, a track file) fails before any work
  if (opts.write !== false) await checkOutput(outPath, { inputs });
  const json = await readJsonFile(scenarioPath, 'scenario file');
  const planPath = opts.plan;
  // read after the scenario is checked, so the scenario's errors come first
  const plan =
    planPath !== undefined ? { json: () => readJsonFile(planPath, 'plan file'), name: planPath } : undefined;
  const loadMs = performance.now() - t0;
  const r = await auditTracks(
    json,
    trackPaths.map((path) => ({ path })),
    {
      source: basename(scenarioPath),
      aircraft: opts.aircraft,
      plan,
      onBytes: opts.onProgress,
      worker: opts.worker,
      audit: opts.audit,
    },
  );
  const t2 = performance.now();
  if (opts.write !== false) await writeFileAtomic(outPath, r.text(), { inputs });
  const t3 = performance.now();
  const { text: _text, ...rest } = r;
  return {
    ...rest,
    outPath,
    timings: { loadMs: loadMs + r.timings.loadMs, auditMs: r.timings.auditMs, writeMs: t3 - t2 },
  };
}
