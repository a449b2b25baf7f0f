/**
 * Use case: export a plan, schedule or audit file into another format (docs/exports.md). Reads the file into
 * an ExportDoc (the kind told from its features), reduces each route to its turns, and hands the doc to the
 * format's writer from the one registry (src/formats/export/registry.ts) that the CLI, the API and the tests use.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import buffer from '@turf/buffer';
import { landIn } from '../data/land.js';
import { buildCoastModel, coastBetween, mergeIntervals } from '../domain/coast.js';
import { inputError } from '../domain/errors.js';
import type {
  ExportArea,
  ExportDoc,
  ExportKind,
  ExportOptions,
  ExportSortie,
  ExportTrack,
} from '../domain/export.js';
import type { Gap } from '../domain/plan.js';
import type { Scenario } from '../domain/scenario.js';
import { type ExportFormat, exportFormat, exportFormats, type Written } from '../formats/export/registry.js';
import { drawnTrack, rejoinAntimeridian } from '../geo/drawn.js';
import { lineLengthKm } from '../geo/geodesic.js';
import { bboxOf, type LonLat } from '../geo/lonlat.js';
import { routeWaypoints, ruleCheck, simplifyRoute } from '../plan/waypoints.js';
import { parsePlanGeoJSON } from '../verify/plan-file.js';
import { printPdf } from './export-pdf.js';
import { loadScenario, parseJsonText } from './load-scenario.js';
import { writeFileAtomic } from './output.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ExportDocumentOptions extends ExportOptions {
  /** The scenario the file was made for: adds no-fly areas and the band, and keeps the rules when simplifying. */
  scenario?: Scenario;
  /** Build the standoff band polygons (only formats that draw it need them; buffering takes seconds). */
  band?: boolean;
  /** The name of the format's field in errors: `--to` on the command line (default), `to` in the API's query. */
  formatField?: string;
}

export interface ExportedFile {
  bytes: Uint8Array;
  contentType: string;
  filename: string;
}

/** Which kind of file this is: audits have track or seen features, schedules sorties with a tail. */
export function exportKindOf(json: unknown): ExportKind {
  const fc = isObj(json) ? json : {};
  const features = Array.isArray(fc.features) ? fc.features : [];
  const props = features.map((f) => (isObj(f) && isObj(f.properties) ? f.properties : {}));
  if (props.some((p) => p.kind === 'track' || p.kind === 'seen')) return 'audit';
  if (props.some((p) => p.kind === 'sortie' && p.tail !== undefined && p.tail !== null)) return 'schedule';
  return 'plan';
}

const linesOf = (g: unknown): LonLat[][] => {
  if (!isObj(g)) return [];
  if (g.type === 'LineString' && Array.isArray(g.coordinates)) return [g.coordinates as LonLat[]];
  if (g.type === 'MultiLineString' && Array.isArray(g.coordinates)) return g.coordinates as LonLat[][];
  return [];
};

/**
 * The file made ready for the plan reader: sorties a writer split at the antimeridian joined back into one
 * route, and a `summary` a GIS dropped recomputed from the features (the reader needs one).
 */
function normalisePlanJson(fc: Obj, name: string): Obj {
  const features = (Array.isArray(fc.features) ? fc.features : []).map((f) => {
    if (!isObj(f) || !isObj(f.properties) || f.properties.kind !== 'sortie') return f;
    const parts = linesOf(f.geometry);
    if (parts.length <= 1) return f;
    const joined = rejoinAntimeridian(parts);
    // pieces that do not meet on the antimeridian are still one route, flown in their order
    const path = joined.flat();
    return { ...f, geometry: { type: 'LineString', coordinates: path } };
  });
  let summary = fc.summary;
  if (summary === undefined || summary === null) {
    const props = features.map((f) => (isObj(f) && isObj(f.properties) ? f.properties : {}));
    const coast = features
      .filter((f) => isObj(f) && isObj(f.properties) && f.properties.kind === 'coast')
      .flatMap((f) => linesOf((f as Obj).geometry));
    const coastKm = coast.reduce((s, l) => s + lineLengthKm(l), 0);
    const sorties = props.filter((p) => p.kind === 'sortie');
    const gapKm = props.filter((p) => p.kind === 'gap').reduce((s, p) => s + (Number(p.lengthKm) || 0), 0);
    summary = {
      scenario: name,
      coastKm,
      coveredKm: Math.max(0, coastKm - gapKm),
      coverage: coastKm > 0 ? Math.max(0, coastKm - gapKm) / coastKm : 1,
      sorties: sorties.length,
      distanceKm: sorties.reduce((s, p) => s + (Number(p.distanceKm) || 0), 0),
      flightHours: sorties.reduce((s, p) => s + (Number(p.durationH) || 0), 0),
      recomputed: true,
    };
  }
  return { ...fc, features, summary };
}

const ms = (iso: unknown): number => (typeof iso === 'string' ? Date.parse(iso) : NaN);

/** The standoff band: a buffer polygon per coast line (turf buffers in a local projection per line). */
function bandOf(scenario: Scenario): LonLat[][][] {
  if (scenario.standoffKm <= 0) return [];
  const out: LonLat[][][] = [];
  for (const l of scenario.coast.lines) {
    if (l.coords.length < 2) continue;
    // the band is drawn, not measured: the coast thinned to a twentieth of the standoff buffers many times faster
    const thin = simplifyRoute(l.coords, { toleranceKm: Math.max(0.2, scenario.standoffKm / 20) }).map(
      (i) => l.coords[i],
    );
    const b = buffer({ type: 'LineString', coordinates: thin }, scenario.standoffKm, {
      units: 'kilometers',
      steps: 4,
    });
    const g = b?.geometry;
    if (!g) continue;
    if (g.type === 'Polygon') out.push(g.coordinates as LonLat[][]);
    else if (g.type === 'MultiPolygon') for (const p of g.coordinates) out.push(p as LonLat[][]);
  }
  return out;
}

function areaOf(scenario: Scenario | undefined, withBand: boolean): ExportArea | undefined {
  if (!scenario) return undefined;
  return { standoffKm: scenario.standoffKm, noFly: scenario.noFly, band: withBand ? bandOf(scenario) : [] };
}

/** A plan, schedule or audit file (parsed JSON) as the document the writers take. */
export function buildExportDoc(json: unknown, opts: ExportDocumentOptions = {}, where = 'file'): ExportDoc {
  const fc = typeof json === 'string' ? parseJsonText(json, where, 'plan, schedule or audit file') : json;
  if (!isObj(fc) || !Array.isArray(fc.features))
    throw inputError(
      'export.invalid',
      'must be a plan, schedule or audit file: a GeoJSON FeatureCollection with features',
      where,
    );
  const kind = exportKindOf(fc);
  const scenario = opts.scenario;
  const notes: string[] = [];
  if (!scenario)
    notes.push(
      'routes simplified with the 0.1 km tolerance only (give --scenario to keep the standoff and no-fly rules, and to draw them)',
    );
  const area = areaOf(scenario, opts.band !== false);
  if (kind === 'audit') return auditDoc(fc, area, notes);

  const norm = normalisePlanJson(fc, scenario?.name ?? opts.name ?? 'coastwatch');
  const plan = parsePlanGeoJSON(norm, where);
  if (scenario && plan.summary.recomputed !== true && plan.summary.scenario !== scenario.name)
    notes.push(
      `the file was made for "${plan.summary.scenario}", the scenario given is "${scenario.name}": its rules were used to simplify the routes`,
    );
  const legAllowed = scenario
    ? ruleCheck(
        scenario.coast.lines.map((l) => l.coords),
        scenario.standoffKm,
        scenario.noFly,
      )
    : undefined;
  const model = buildCoastModel(
    plan.coast.map((coords) => ({ coords, closed: false, seaSide: 'unknown' as const })),
    1e6,
  );
  const covered = mergeIntervals(plan.sorties.flatMap((s) => s.covers)).flatMap(([a, b]) =>
    coastBetween(model, a, b),
  );
  const tracks: ExportTrack[] = [];
  const sorties: ExportSortie[] = plan.sorties.map((s) => {
    let timeAt: ((km: number) => number) | undefined;
    if (kind === 'schedule' && s.takeoff && s.landing) {
      const t0 = ms(s.takeoff);
      const t1 = ms(s.landing);
      const total = lineLengthKm(s.path);
      timeAt = (km) => (total > 0 ? t0 + ((t1 - t0) * km) / total : t0);
      const along: number[] = [0];
      for (let i = 1; i < s.path.length; i++)
        along.push(along[i - 1] + lineLengthKm([s.path[i - 1], s.path[i]]));
      tracks.push({
        id: s.id,
        aircraft: s.tail ?? s.aircraft,
        // fixes at most 20 km apart: readers treat longer hops as data gaps
        parts: drawnTrack(
          s.path,
          along.map((k) => timeAt!(k)),
          { maxStepKm: 20 },
        ),
      });
    }
    return { ...s, waypoints: routeWaypoints(s.id, s.path, { legAllowed, timeAt }) };
  });
  const doc: ExportDoc = {
    kind,
    title: String(plan.summary.scenario),
    summary: (isObj(norm.summary) ? norm.summary : {}) as Obj,
    coast: plan.coast,
    bases: plan.bases,
    sorties,
    gaps: plan.gaps,
    covered,
    tracks,
    // the geojson export is the file itself: its features as given (sorties still split at ±180)
    source: { ...fc, summary: norm.summary },
    notes,
  };
  // the planner writes its bounds inside `summary`; the reader takes a top-level `bounds` member
  const sb = isObj(norm.summary) ? norm.summary.bounds : undefined;
  const bounds =
    plan.bounds ??
    (isObj(sb) && typeof sb.minSorties === 'number' && typeof sb.minDistanceKm === 'number'
      ? {
          minSorties: sb.minSorties,
          minDistanceKm: sb.minDistanceKm,
          notes: Array.isArray(sb.notes) ? sb.notes.map(String) : [],
        }
      : undefined);
  if (bounds) doc.bounds = bounds;
  if (area) doc.area = area;
  return doc;
}

function auditDoc(fc: Obj, area: ExportArea | undefined, notes: string[]): ExportDoc {
  const features = (fc.features as unknown[]).filter(isObj);
  const coast: LonLat[][] = [];
  const covered: LonLat[][] = [];
  const gaps: Gap[] = [];
  const tracks: ExportTrack[] = [];
  for (const f of features) {
    const p = isObj(f.properties) ? f.properties : {};
    const ls = linesOf(f.geometry).map((l) => l.map((x) => [Number(x[0]), Number(x[1])] as LonLat));
    if (p.kind === 'coast') coast.push(...ls);
    else if (p.kind === 'seen') covered.push(...ls);
    else if (p.kind === 'hole')
      gaps.push({
        fromKm: Number(p.fromKm) || 0,
        toKm: Number(p.toKm) || 0,
        lines: ls,
        lengthKm: Number(p.lengthKm) || 0,
        reason: 'planned, not flown',
      });
    else if (p.kind === 'track') {
      // times: one per vertex, an array per part for a MultiLineString
      const times = Array.isArray(p.times) ? p.times : [];
      const perPart = ls.length > 1 || Array.isArray(times[0]) ? times : [times];
      tracks.push({
        id: String(p.id ?? `track ${tracks.length + 1}`),
        ...(p.aircraft ? { aircraft: String(p.aircraft) } : {}),
        parts: ls.map((coords, i) => {
          const t = Array.isArray(perPart[i]) ? (perPart[i] as unknown[]) : [];
          return { coords, times: coords.map((_, k) => ms(t[k])) };
        }),
      });
    }
  }
  const summary = isObj(fc.summary) ? fc.summary : {};
  const doc: ExportDoc = {
    kind: 'audit',
    title: String(summary.scenario ?? 'audit'),
    summary,
    coast,
    bases: [],
    sorties: [],
    gaps,
    covered,
    tracks,
    source: fc,
    notes,
  };
  if (area) doc.area = area;
  return doc;
}

/** Land polygons around the doc's coast and routes, for the brief's map. */
function landUnder(doc: ExportDoc): LonLat[][][] {
  const pts = [
    ...doc.coast.flat(),
    ...doc.sorties.flatMap((s) => s.path),
    ...doc.bases.map((b) => b.position),
  ];
  if (!pts.length) return [];
  const [w, s, e, n] = bboxOf(pts);
  return landIn([w - 2, s - 2, e + 2, n + 2]).map((p) => p.rings);
}

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase() || 'coastwatch';

function formatFor(name: string, kind: ExportKind, field = '--to'): ExportFormat {
  const f = exportFormat(name);
  const names = exportFormats.filter((x) => x.kinds.includes(kind)).map((x) => x.name);
  if (!f)
    throw inputError(
      'export.unknown-format',
      `unknown format "${name}": use one of ${names.join(', ')}`,
      field,
    );
  if (!f.kinds.includes(kind))
    throw inputError(
      'export.format-kind',
      `${kind === 'audit' ? 'an' : 'a'} ${kind} file cannot be exported to ${name}: use one of ${names.join(', ')}`,
      field,
    );
  return f;
}

/**
 * The one entry point for every caller (CLI, API, tests): a plan, schedule or audit file (parsed JSON or its
 * text) to the bytes of `format`, with their content type and a file name.
 */
export async function exportDocument(
  json: unknown,
  format: string,
  opts: ExportDocumentOptions = {},
): Promise<ExportedFile> {
  const kind = exportKindOf(
    typeof json === 'string' ? parseJsonText(json, 'file', 'plan, schedule or audit file') : json,
  );
  const f = formatFor(format.trim().toLowerCase(), kind, opts.formatField);
  const doc = buildExportDoc(json, {
    ...opts,
    band: f.name === 'kml' || f.name === 'kmz' || f.name === 'pdf',
  });
  let w = f.write(doc, f.print ? { ...opts, land: landUnder(doc) } : opts);
  if (f.print) {
    const html = typeof w === 'string' ? w : '';
    w = { data: await printPdf(html), extension: f.extension, contentType: f.contentType };
  }
  const out: Written =
    typeof w === 'string' || w instanceof Uint8Array
      ? { data: w, extension: f.extension, contentType: f.contentType }
      : w;
  const bytes = typeof out.data === 'string' ? new TextEncoder().encode(out.data) : out.data;
  const name = opts.name ?? `${slug(doc.title)}.${kind}`;
  return { bytes, contentType: out.contentType, filename: `${name}.${out.extension}` };
}

/** For the server: the same as exportDocument, the kind stated by the route. */
export async function exportFile(
  kind: ExportKind,
  json: unknown,
  format: string,
  opts: ExportDocumentOptions = {},
): Promise<ExportedFile> {
  const found = exportKindOf(json);
  if (found !== kind)
    throw inputError('export.kind-mismatch', `expected a ${kind} file, got a ${found} file`, 'file');
  return exportDocument(json, format, { formatField: 'to', ...opts });
}

export interface ExportFilesOptions {
  to: string;
  out?: string;
  scenario?: string;
  altitudeM?: number;
}

/** The command: read FILE, export, write `--out` (default beside the working directory, `-` for stdout). */
export async function exportFiles(
  path: string,
  opts: ExportFilesOptions,
): Promise<ExportedFile & { outPath: string; notes: string[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw inputError(
      'file.unreadable',
      code === 'ENOENT'
        ? 'no such file: check the path of the plan, schedule or audit file'
        : `cannot read the file (${code ?? String(e)})`,
      path,
    );
  }
  const json = parseJsonText(text, path, 'plan, schedule or audit file');
  const scenario = opts.scenario !== undefined ? await loadScenario(opts.scenario) : undefined;
  const base = basename(path).replace(/\.(geo)?json$/i, '');
  const r = await exportDocument(json, opts.to, {
    ...(scenario ? { scenario } : {}),
    ...(opts.altitudeM !== undefined ? { altitudeM: opts.altitudeM } : {}),
    name: base,
  });
  // never the input itself by default (a GeoJSON export of a .geojson file in its own folder)
  const outPath =
    opts.out ??
    (resolve(r.filename) === resolve(path) ? r.filename.replace(/(\.[^.]+)$/, '.drawn$1') : r.filename);
  // refuses devices, folders and the command's own inputs (exit 2); `-` is standard output
  await writeFileAtomic(outPath, r.bytes, {
    inputs: [path, ...(opts.scenario !== undefined ? [opts.scenario] : [])],
  });
  const notes =
    opts.scenario === undefined && ['qgc', 'waypoints', 'cot', 'csv', 'gpx', 'kml', 'kmz'].includes(opts.to)
      ? [
          'routes simplified with the 0.1 km tolerance only: give --scenario SCENARIO to keep the standoff and no-fly rules',
        ]
      : [];
  return { ...r, outPath, notes };
}

export { exportFormats };
