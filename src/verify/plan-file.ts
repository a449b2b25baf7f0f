/**
 * Reads a plan or schedule file (docs/formats.md) back into a Plan, independently of the writer in
 * src/plan, so the verifier judges what is on disk. Tolerant of what a round trip through Google Earth or
 * QGIS does (extra properties, numbers as strings, arrays stored as JSON text, altitudes on positions, a
 * sortie as a MultiLineString of one line, features without a known `kind`), strict about anything it cannot
 * use: that is refused as `plan.invalid` naming the feature and field.
 */

import { inputError } from '../domain/errors.js';
import { jsonDeeperThan, MAX_JSON_DEPTH } from '../domain/nesting.js';
import type { CoastInterval, DrawnLine, Gap, Plan, PlanBounds, PlanSummary, Sortie } from '../domain/plan.js';
import { rejoinAntimeridian } from '../geo/drawn.js';
import { fastPointToSegmentKm } from '../geo/frame.js';
import { distanceKm, pointToSegmentKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';

type Obj = Record<string, unknown>;

function fail(message: string, where: string): never {
  throw inputError('plan.invalid', message, where);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** A finite number, or a string holding one (spreadsheets and some GIS tools write numbers as text). */
function num(v: unknown, where: string, what: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    if (Number.isFinite(n)) return n;
  }
  if (v === undefined || v === null) fail(`is required: ${what}`, where);
  return fail(`must be a number (${what}), got ${show(v)}`, where);
}

function str(v: unknown, where: string, what: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (v === undefined || v === null) fail(`is required: ${what}`, where);
  return fail(`must be a string (${what}), got ${show(v)}`, where);
}

/** Arrays that went through a tool storing list fields as JSON text come back as strings: accept both. */
function jsonish(v: unknown, where: string): unknown {
  if (typeof v !== 'string') return v;
  if (jsonDeeperThan(v)) return fail(`must be JSON nested at most ${MAX_JSON_DEPTH} deep`, where);
  try {
    return JSON.parse(v);
  } catch {
    return fail(`must be JSON (an array or object), got ${show(v)}`, where);
  }
}

function position(v: unknown, where: string): LonLat {
  if (!Array.isArray(v) || v.length < 2) fail(`must be a position [lon, lat], got ${show(v)}`, where);
  // a third (altitude) or fourth (measure) number is allowed by GeoJSON and dropped here
  const lon = num(v[0], `${where}[0]`, 'longitude in degrees');
  const lat = num(v[1], `${where}[1]`, 'latitude in degrees');
  if (lon < -180 || lon > 180) fail(`longitude must be between -180 and 180, got ${lon}`, `${where}[0]`);
  if (lat < -90 || lat > 90) fail(`latitude must be between -90 and 90, got ${lat}`, `${where}[1]`);
  return [lon, lat];
}

function line(v: unknown, where: string): LonLat[] {
  if (!Array.isArray(v)) fail(`must be an array of positions, got ${show(v)}`, where);
  if (v.length < 2) fail(`a line needs at least 2 positions, got ${v.length}`, where);
  return v.map((p, i) => position(p, `${where}[${i}]`));
}

function geometryOf(f: Obj, where: string): { type: string; coordinates: unknown } {
  const g = f.geometry;
  if (!isObj(g)) fail('must be a GeoJSON geometry object', `${where}.geometry`);
  if (typeof g.type !== 'string') fail('must have a "type"', `${where}.geometry.type`);
  return { type: g.type, coordinates: g.coordinates };
}

/** LineString or MultiLineString as a list of lines. */
function lines(f: Obj, where: string, kind: string): LonLat[][] {
  const g = geometryOf(f, where);
  const at = `${where}.geometry.coordinates`;
  if (g.type === 'LineString') return [line(g.coordinates, at)];
  if (g.type === 'MultiLineString') {
    if (!Array.isArray(g.coordinates)) fail('must be an array of lines', at);
    return g.coordinates.map((l, i) => line(l, `${at}[${i}]`));
  }
  return fail(`a ${kind} must be a LineString or MultiLineString, got ${g.type}`, `${where}.geometry.type`);
}

function intervals(v: unknown, where: string): CoastInterval[] {
  const arr = jsonish(v, where);
  if (arr === undefined || arr === null) fail('is required: coast intervals [[fromKm, toKm], ...]', where);
  if (!Array.isArray(arr)) fail(`must be coast intervals [[fromKm, toKm], ...], got ${show(arr)}`, where);
  return arr.map((iv, i) => {
    if (!Array.isArray(iv) || iv.length !== 2)
      fail(`must be [fromKm, toKm], got ${show(iv)}`, `${where}[${i}]`);
    return [num(iv[0], `${where}[${i}][0]`, 'fromKm'), num(iv[1], `${where}[${i}][1]`, 'toKm')];
  });
}

function isoTime(v: unknown, where: string, what: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = str(v, where, what);
  if (Number.isNaN(Date.parse(s))) fail(`must be an ISO 8601 time (${what}), got ${show(v)}`, where);
  return s;
}

const SUMMARY_NUMBERS = ['coastKm', 'coveredKm', 'coverage', 'sorties', 'distanceKm', 'flightHours'] as const;
/** Schedule additions (section 4): numbers when present. */
const SUMMARY_OPTIONAL_NUMBERS = ['horizonH', 'worstRevisitH', 'meanRevisitH'] as const;

function summary(v: unknown, where: string): PlanSummary {
  const s = jsonish(v, where);
  if (!isObj(s)) fail(`must be an object, got ${show(s)}`, where);
  const out: PlanSummary = {
    ...s,
    scenario: str(s.scenario, `${where}.scenario`, 'the scenario name'),
    coastKm: 0,
    coveredKm: 0,
    coverage: 0,
    sorties: 0,
    distanceKm: 0,
    flightHours: 0,
  };
  for (const k of SUMMARY_NUMBERS) out[k] = num(s[k], `${where}.${k}`, k);
  for (const k of SUMMARY_OPTIONAL_NUMBERS)
    if (s[k] !== undefined && s[k] !== null) out[k] = num(s[k], `${where}.${k}`, k);
  return out;
}

/**
 * The summary of a file that lost it, from its features: the coast's geodesic length, the union of the
 * sorties' covers, their distances and hours. `scenario` is unknown (a GIS's `name` is its layer name).
 */
function recomputedSummary(coast: LonLat[][], sorties: Sortie[], name: string): PlanSummary {
  let coastKm = 0;
  for (const l of coast) for (let i = 1; i < l.length; i++) coastKm += distanceKm(l[i - 1], l[i]);
  const ivs = sorties.flatMap((s) => s.covers).sort((a, b) => a[0] - b[0]);
  let coveredKm = 0;
  let at = Number.NEGATIVE_INFINITY;
  for (const [a, b] of ivs) {
    const from = Math.max(a, at, 0);
    const to = Math.min(b, coastKm);
    if (to > from) coveredKm += to - from;
    at = Math.max(at, b);
  }
  return {
    scenario: name,
    coastKm,
    coveredKm,
    coverage: coastKm > 0 ? coveredKm / coastKm : 0,
    sorties: sorties.length,
    distanceKm: sorties.reduce((t, s) => t + s.distanceKm, 0),
    flightHours: sorties.reduce((t, s) => t + s.durationH, 0),
  };
}

function bounds(v: unknown): PlanBounds | undefined {
  // not part of the contract and not verified: kept when well formed, dropped otherwise
  if (!isObj(v)) return undefined;
  const { minSorties, minDistanceKm, notes } = v;
  if (typeof minSorties !== 'number' || typeof minDistanceKm !== 'number') return undefined;
  return { minSorties, minDistanceKm, notes: Array.isArray(notes) ? notes.map(String) : [] };
}

export function parsePlanGeoJSON(json: unknown, where = 'plan'): Plan {
  const fc = typeof json === 'string' ? jsonish(json, where) : json;
  if (!isObj(fc)) fail('must be a GeoJSON FeatureCollection object', where);
  if (fc.type !== undefined && fc.type !== 'FeatureCollection')
    fail(`must be a GeoJSON FeatureCollection, got type ${show(fc.type)}`, `${where}.type`);
  if (!Array.isArray(fc.features)) fail('must be an array of features', `${where}.features`);
  // an audit file looks like a plan from a distance: say what it is rather than list missing fields
  const kinds = new Set(
    fc.features.map((f) => (isObj(f) && isObj(f.properties) ? f.properties.kind : undefined)),
  );
  if (kinds.has('seen') || kinds.has('track'))
    fail('is an audit file (it has track and seen features): verify checks plan and schedule files', where);

  const coastParts: LonLat[][] = [];
  let sawCoast = false;
  const drawn: DrawnLine[] = [];
  const bases: Plan['bases'] = [];
  const sorties: Sortie[] = [];
  const gapFeatures: { f: Obj; p: Obj; at: string }[] = [];

  fc.features.forEach((f, i) => {
    const at = `${where}.features[${i}]`;
    if (!isObj(f)) fail(`must be a GeoJSON Feature, got ${show(f)}`, at);
    const p = f.properties === null || f.properties === undefined ? {} : f.properties;
    if (!isObj(p)) fail(`must be an object, got ${show(p)}`, `${at}.properties`);
    const kind = typeof p.kind === 'string' ? p.kind.trim().toLowerCase() : undefined;
    const pa = `${at}.properties`;
    switch (kind) {
      case 'coast':
        sawCoast = true;
        coastParts.push(...lines(f, at, 'coast'));
        break;
      case 'base': {
        const g = geometryOf(f, at);
        if (g.type !== 'Point') fail(`a base must be a Point, got ${g.type}`, `${at}.geometry.type`);
        const icao =
          p.icao === undefined || p.icao === null || p.icao === ''
            ? undefined
            : str(p.icao, `${pa}.icao`, 'ICAO code');
        bases.push({
          name: str(p.name, `${pa}.name`, 'the base name'),
          ...(icao !== undefined ? { icao } : {}),
          position: position(g.coordinates, `${at}.geometry.coordinates`),
        });
        break;
      }
      case 'sortie': {
        const s = sortie(f, p, at);
        sorties.push(s.sortie);
        drawn.push({ what: `sortie ${s.sortie.id}`, kind: 'sortie', sortie: s.sortie.id, parts: s.parts });
        break;
      }
      case 'gap':
        gapFeatures.push({ f, p, at });
        break;
      default:
        // features a user added in an editor, or kinds of other files (track, seen): nothing to verify
        break;
    }
  });
  if (!sawCoast)
    fail(
      'has no feature with properties.kind "coast": the plan file must carry its coast',
      `${where}.features`,
    );

  // lines split at the antimeridian (docs/formats.md, "The plan file") are joined back: the coast's chainage runs through them
  const coast = rejoinAntimeridian(coastParts);
  coastParts.forEach((l, i) => {
    drawn.push({ what: `coast line ${i}`, kind: 'coast', parts: [l] });
  });
  // one locator for every gap given only as geometry (it measures the whole coast once)
  let locator: CoastLocator | undefined;
  const locate = () => (locator ??= new CoastLocator(coast));
  const gaps = gapFeatures.map(({ f, p, at }, j) => {
    const g = gap(f, p, at, coast, locate);
    drawn.push({ what: `gap ${j}`, kind: 'gap', parts: g.parts });
    return g.gap;
  });
  // a GIS that re-saves the file (QGIS does) drops foreign members: the summary is then recomputed
  const given = fc.summary !== undefined && fc.summary !== null;
  const plan: Plan = {
    summary: given
      ? summary(fc.summary, `${where}.summary`)
      : recomputedSummary(coast, sorties, typeof fc.name === 'string' ? fc.name : ''),
    coast,
    bases,
    sorties,
    gaps,
    drawn,
  };
  if (!given) plan.summaryRecomputed = true;
  const b = bounds(fc.bounds);
  if (b) plan.bounds = b;
  return plan;
}

function sortie(f: Obj, p: Obj, at: string): { sortie: Sortie; parts: LonLat[][] } {
  const pa = `${at}.properties`;
  const parts = lines(f, at, 'sortie');
  // a MultiLineString is one line split at the antimeridian (or a converter that always writes Multi*)
  const ls = rejoinAntimeridian(parts);
  if (ls.length !== 1)
    fail(
      `a sortie must be one line from base to base (split only where it crosses the antimeridian, at ±180), got a MultiLineString of ${ls.length} separate lines`,
      `${at}.geometry`,
    );
  const s: Sortie = {
    id: str(p.id, `${pa}.id`, 'the sortie id'),
    aircraft: str(p.aircraft, `${pa}.aircraft`, 'the aircraft type name as in the scenario'),
    base: str(p.base, `${pa}.base`, 'the base name'),
    path: ls[0],
    distanceKm: num(p.distanceKm, `${pa}.distanceKm`, 'length of the sortie in km'),
    durationH: num(p.durationH, `${pa}.durationH`, 'airborne hours'),
    covers: intervals(p.covers, `${pa}.covers`),
  };
  if (p.tail !== undefined && p.tail !== null)
    s.tail = str(p.tail, `${pa}.tail`, 'airframe, e.g. "Turboprop ISR#2"');
  const takeoff = isoTime(p.takeoff, `${pa}.takeoff`, 'takeoff time');
  const landing = isoTime(p.landing, `${pa}.landing`, 'landing time');
  if (takeoff !== undefined) s.takeoff = takeoff;
  if (landing !== undefined) s.landing = landing;
  return { sortie: s, parts };
}

function gap(
  f: Obj,
  p: Obj,
  at: string,
  coast: LonLat[][],
  locate: () => CoastLocator,
): { gap: Gap; parts: LonLat[][] } {
  const pa = `${at}.properties`;
  const parts = lines(f, at, 'gap');
  const ls = rejoinAntimeridian(parts);
  const lengthKm = num(p.lengthKm, `${pa}.lengthKm`, 'length of the uncovered coast in km');
  const reason = str(p.reason, `${pa}.reason`, 'why no sortie covers it');
  let fromKm: number;
  let toKm: number;
  if (p.fromKm !== undefined && p.fromKm !== null && p.toKm !== undefined && p.toKm !== null) {
    fromKm = num(p.fromKm, `${pa}.fromKm`, 'coast km where the gap starts');
    toKm = num(p.toKm, `${pa}.toKm`, 'coast km where the gap ends');
  } else {
    // the contract gives a gap only as geometry: find where its pieces start and end along the coast
    if (coast.length === 0) fail('cannot place the gap: no coast lines and no fromKm/toKm properties', at);
    if (ls.length === 0)
      fail('a gap needs at least one line (or fromKm/toKm properties)', `${at}.geometry.coordinates`);
    const located = locate();
    fromKm = Infinity;
    toKm = -Infinity;
    ls.forEach((l, k) => {
      const a = located.locate(l[0], 'start');
      const b = located.locate(l[l.length - 1], 'end');
      const far = Math.max(a.offKm, b.offKm);
      if (far > 0.05)
        fail(
          `gap line ${k} is ${far.toFixed(3)} km off the coast feature; cannot tell which coast it means`,
          at,
        );
      fromKm = Math.min(fromKm, a.km, b.km);
      toKm = Math.max(toKm, a.km, b.km);
    });
  }
  const g: Gap = { fromKm, toKm, lines: ls, lengthKm, reason };
  // schedules: reachable coast left unwatched still counts in the revisit figures
  if (p.reachable === true) g.reachable = true;
  return { gap: g, parts };
}

/** Positions along the plan's own coast lines, in coast km (lines in their order). */
class CoastLocator {
  private readonly starts: number[] = [];
  private readonly cum: number[][] = [];
  constructor(private readonly coast: LonLat[][]) {
    let total = 0;
    for (const l of coast) {
      const c = [0];
      for (let i = 1; i < l.length; i++) c.push(c[i - 1] + distanceKm(l[i - 1], l[i]));
      this.starts.push(total);
      this.cum.push(c);
      total += c[c.length - 1];
    }
  }

  /** Nearest coast position; where several tie (a ring's closing vertex, touching lines), a start takes the
   * earliest and an end the latest, so a piece never comes out reversed or empty. */
  locate(p: LonLat, end: 'start' | 'end'): { km: number; offKm: number } {
    const cand: { fast: number; li: number; si: number }[] = [];
    let bestFast = Infinity;
    this.coast.forEach((l, li) => {
      for (let si = 0; si + 1 < l.length; si++) {
        const d = fastPointToSegmentKm(p[0], p[1], l[si][0], l[si][1], l[si + 1][0], l[si + 1][1]);
        cand.push({ fast: d, li, si });
        if (d < bestFast) bestFast = d;
      }
    });
    let best = { km: 0, offKm: Infinity };
    for (const c of cand) {
      if (c.fast > bestFast * 1.01 + 0.01) continue;
      const l = this.coast[c.li];
      const r = pointToSegmentKm(p, l[c.si], l[c.si + 1]);
      const km = this.starts[c.li] + this.cum[c.li][c.si] + r.alongKm;
      const tie = Math.abs(r.km - best.offKm) < 1e-3;
      if ((!tie && r.km < best.offKm) || (tie && (end === 'start' ? km < best.km : km > best.km)))
        best = { km, offKm: r.km };
    }
    return best;
  }
}
