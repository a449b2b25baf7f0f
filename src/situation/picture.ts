/**
 * The situation picture as of a time, laid along the coast: stretches between the ends of every zone, team
 * area and priority in force, each with who holds it (several parties: contested, never one picked), the
 * teams that reach it, the priority in force and the reports near it. Pure: situation and coast in, picture out.
 */
import type { CoastModel } from '../domain/coast.js';
import { mergeIntervals, samplesToIntervals } from '../domain/coast.js';
import { inputError } from '../domain/errors.js';
import type { Priority, Report, Situation, Team, Zone } from '../domain/situation.js';
import { reportAt, validAt } from '../domain/situation.js';
import { distanceKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { pointInPolygon } from '../geo/polyline.js';

export type Interval = [number, number];

export interface PictureStretch {
  fromKm: number;
  toKm: number;
  /** Where the stretch's middle lies on the coast. */
  at: LonLat;
  holders: { zone: string; party: string; grade: string; source: string }[];
  /** Held by more than one party at once. */
  contested: boolean;
  teams: { id: string; name: string }[];
  /** The strictest priority in force here (smallest target), and every id in force. */
  priority?: { ids: string[]; targetRevisitH: number; reason: string };
  reports: { id: string; time: string; grade: string; source: string; text: string; tags: string[] }[];
}

export interface SituationPicture {
  at: string;
  coastKm: number;
  stretches: PictureStretch[];
  /** Items in force that lie farther than `nearKm` from the coast. */
  offCoast: { reports: string[]; teams: string[]; zones: string[] };
  counts: { reports: number; zones: number; teams: number; priorities: number };
}

export interface PictureOptions {
  /** A report or team point farther than this from every coast sample is off the coast. */
  nearKm?: number;
}

/**
 * Refuses chainage beyond the coast, naming the item's field: `zones[0].coastKm[0]: ends at 2,000 km, beyond
 * the coast's 1,781 km`. Run before any other use of a situation with a scenario.
 */
export function checkSituationAgainstCoast(s: Situation, coastKm: number): void {
  const problems: string[] = [];
  const check = (iv: readonly [number, number], path: string) => {
    if (iv[1] > coastKm + SNAP_KM)
      problems.push(
        `${path}: ends at ${iv[1]} km, beyond the coast's ${coastKm.toFixed(1)} km: give chainage between 0 and ${coastKm.toFixed(0)}`,
      );
  };
  s.reports.forEach((r, i) => {
    const iv = coastKmOf(r);
    if (iv) check(iv, `reports[${i}].where.coastKm`);
  });
  s.zones.forEach((z, i) => {
    z.coastKm?.forEach((iv, k) => {
      check(iv, `zones[${i}].coastKm[${k}]`);
    });
  });
  s.priorities.forEach((p, i) => {
    p.coastKm.forEach((iv, k) => {
      check(iv, `priorities[${i}].coastKm[${k}]`);
    });
  });
  if (problems.length > 0)
    throw inputError(
      'situation.beyond-coast',
      `the situation does not fit this scenario's coast:\n  ${problems.join('\n  ')}`,
    );
}

/** The picture at time `at` (ISO 8601). */
export function situationAt(
  s: Situation,
  coast: CoastModel,
  at: string,
  opts: PictureOptions = {},
): SituationPicture {
  const nearKm = opts.nearKm ?? 50;
  const t = Date.parse(at);
  const zones = s.zones.filter((z) => validAt(z, t));
  const teams = s.teams.filter((x) => validAt(x, t));
  const priorities = s.priorities.filter((p) => validAt(p, t));
  const reports = s.reports
    .filter((r) => reportAt(r, t))
    .sort((a, b) => Date.parse(b.time) - Date.parse(a.time));

  const zoneIv = new Map<Zone, Interval[]>(zones.map((z) => [z, zoneIntervals(z, coast)]));
  const teamIv = new Map<Team, Interval[]>(teams.map((x) => [x, teamIntervals(x, coast, nearKm)]));
  const reportIv = new Map<Report, Interval[]>(reports.map((r) => [r, reportIntervals(r, coast, nearKm)]));
  const prioIv = new Map<Priority, Interval[]>(
    priorities.map((p) => [p, mergeIntervals(p.coastKm.map((iv) => [iv[0], iv[1]]))]),
  );

  // stretches break wherever a zone, team area or priority starts or ends, and at line ends
  const cuts = new Set<number>([0, coast.lengthKm, ...coast.lineStartKm]);
  for (const ivs of [...zoneIv.values(), ...teamIv.values(), ...prioIv.values()])
    for (const [a, b] of ivs) {
      cuts.add(snap(a, coast.lengthKm));
      cuts.add(snap(b, coast.lengthKm));
    }
  const edges = [...cuts].sort((a, b) => a - b);
  const stretches: PictureStretch[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = edges[i];
    const b = edges[i + 1];
    if (b - a < 1e-6) continue;
    const overlaps = (ivs: Interval[]) =>
      ivs.some(([x, y]) => snap(x, coast.lengthKm) < b - 1e-9 && snap(y, coast.lengthKm) > a + 1e-9);
    const holders = zones
      .filter((z) => overlaps(zoneIv.get(z)!))
      .map((z) => ({ zone: z.id, party: z.party, grade: z.grade, source: z.source }));
    const parties = new Set(holders.map((h) => h.party));
    const inForce = priorities.filter((p) => overlaps(prioIv.get(p)!));
    const strictest = inForce.reduce<Priority | undefined>(
      (m, p) => (m === undefined || p.targetRevisitH < m.targetRevisitH ? p : m),
      undefined,
    );
    const stretch: PictureStretch = {
      fromKm: a,
      toKm: b,
      at: pointAtKm(coast, (a + b) / 2),
      holders,
      contested: parties.size > 1,
      teams: teams.filter((x) => overlaps(teamIv.get(x)!)).map((x) => ({ id: x.id, name: x.name })),
      reports: reports
        .filter((r) => overlaps(reportIv.get(r)!))
        .map((r) => ({
          id: r.id,
          time: r.time,
          grade: r.grade,
          source: r.source,
          text: r.text,
          tags: r.tags,
        })),
    };
    if (strictest)
      stretch.priority = {
        ids: inForce.map((p) => p.id),
        targetRevisitH: strictest.targetRevisitH,
        reason: strictest.reason,
      };
    stretches.push(stretch);
  }
  return {
    at: new Date(t).toISOString(),
    coastKm: coast.lengthKm,
    stretches: mergeAlike(stretches),
    offCoast: {
      reports: reports.filter((r) => reportIv.get(r)!.length === 0).map((r) => r.id),
      teams: teams.filter((x) => teamIv.get(x)!.length === 0).map((x) => x.id),
      zones: zones.filter((z) => zoneIv.get(z)!.length === 0).map((z) => z.id),
    },
    counts: {
      reports: reports.length,
      zones: zones.length,
      teams: teams.length,
      priorities: priorities.length,
    },
  };
}

/**
 * Priorities in force at any time of [startIso, startIso + hours): what a schedule over that horizon must
 * keep, as coast-km targets (the strictest where several overlap is kept by the scheduler's ratio objective).
 */
export function prioritiesDuring(
  s: Situation,
  startIso: string,
  hours: number,
): { id: string; fromKm: number; toKm: number; targetRevisitH: number; reason: string }[] {
  const t0 = Date.parse(startIso);
  const t1 = t0 + hours * 3_600_000;
  return s.priorities
    .filter((p) => Date.parse(p.from) < t1 && (p.to === null || Date.parse(p.to) > t0))
    .flatMap((p) =>
      mergeIntervals(p.coastKm.map((iv) => [iv[0], iv[1]])).map(([a, b]) => ({
        id: p.id,
        fromKm: a,
        toKm: b,
        targetRevisitH: p.targetRevisitH,
        reason: p.reason,
      })),
    );
}

/** A report placed by chainage rather than geometry. */
function coastKmOf(r: Report): Interval | undefined {
  const w = r.where as { coastKm?: [number, number] };
  return w.coastKm ? [w.coastKm[0], w.coastKm[1]] : undefined;
}

/** Chainage is given to the km: an end within half a km of the coast's ends is that end, not a sliver. */
function snap(x: number, max: number): number {
  return x < SNAP_KM ? 0 : x > max - SNAP_KM ? max : x;
}
const SNAP_KM = 0.5;

/** Neighbouring stretches with the same holders, teams, priority and reports read as one. */
function mergeAlike(list: PictureStretch[]): PictureStretch[] {
  const key = (s: PictureStretch) =>
    JSON.stringify([
      s.holders.map((h) => h.zone),
      s.teams.map((x) => x.id),
      s.priority?.ids,
      s.reports.map((r) => r.id),
    ]);
  const out: PictureStretch[] = [];
  for (const s of list) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.toKm - s.fromKm) < 1e-9 && key(last) === key(s)) last.toKm = s.toKm;
    else out.push({ ...s });
  }
  return out;
}

function zoneIntervals(z: Zone, coast: CoastModel): Interval[] {
  if (z.coastKm) return mergeIntervals(z.coastKm.map((iv) => [iv[0], iv[1]]));
  const polys = polygonsOf(z.where as unknown as GeoJSON.Geometry);
  const sm = coast.samples;
  return samplesToIntervals(sm, (i) => polys.some((rings) => pointInPolygon([sm.lon[i], sm.lat[i]], rings)));
}

function teamIntervals(x: Team, coast: CoastModel, nearKm: number): Interval[] {
  return geometryIntervals(x.where as unknown as GeoJSON.Geometry, coast, x.radiusKm, nearKm);
}

function reportIntervals(r: Report, coast: CoastModel, nearKm: number): Interval[] {
  const iv = coastKmOf(r);
  if (iv) return [iv];
  return geometryIntervals(r.where as unknown as GeoJSON.Geometry, coast, 0, nearKm);
}

/**
 * Coast reached by a geometry: samples inside its polygons or within `radiusKm` of its positions; with
 * nothing within the radius, the nearest sample when it is within `nearKm` (a report "near Misrata").
 */
function geometryIntervals(
  g: GeoJSON.Geometry,
  coast: CoastModel,
  radiusKm: number,
  nearKm: number,
): Interval[] {
  const sm = coast.samples;
  const points = positionsOf(g);
  const polys = polygonsOf(g);
  const hit = new Uint8Array(sm.count);
  let any = false;
  let nearest = -1;
  let nearestD = Infinity;
  for (let i = 0; i < sm.count; i++) {
    const p: LonLat = [sm.lon[i], sm.lat[i]];
    if (polys.some((rings) => pointInPolygon(p, rings))) {
      hit[i] = 1;
      any = true;
      continue;
    }
    for (const q of points) {
      // a degree of latitude is 111 km: skip the geodesic for points clearly out of reach
      if (Math.abs(q[1] - p[1]) * 110 > Math.max(radiusKm, nearKm) + 1) continue;
      const d = distanceKm(p, q);
      if (d <= radiusKm) {
        hit[i] = 1;
        any = true;
      }
      if (d < nearestD) {
        nearestD = d;
        nearest = i;
      }
    }
  }
  if (!any && nearest >= 0 && nearestD <= nearKm) hit[nearest] = 1;
  return samplesToIntervals(sm, (i) => hit[i] === 1);
}

function positionsOf(g: GeoJSON.Geometry): LonLat[] {
  const out: LonLat[] = [];
  const walk = (c: unknown, depth: number): void => {
    if (!Array.isArray(c) || depth > 4) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') out.push([c[0], c[1]]);
    else for (const x of c) walk(x, depth + 1);
  };
  if ('coordinates' in g) walk(g.coordinates, 0);
  return out;
}

function polygonsOf(g: GeoJSON.Geometry): LonLat[][][] {
  const ring = (r: GeoJSON.Position[]) => r.map((p) => [p[0], p[1]] as LonLat);
  if (g.type === 'Polygon') return [g.coordinates.map(ring)];
  if (g.type === 'MultiPolygon') return g.coordinates.map((poly) => poly.map(ring));
  return [];
}

/** Position on the coast at a chainage (the line it falls on, interpolated between vertices). */
function pointAtKm(coast: CoastModel, km: number): LonLat {
  let li = 0;
  while (li + 1 < coast.lines.length && coast.lineStartKm[li + 1] <= km) li++;
  const line = coast.lines[li];
  const cum = coast.vertexKm[li];
  const d = km - coast.lineStartKm[li];
  let v = 0;
  while (v + 2 < cum.length && cum[v + 1] < d) v++;
  const a = line.coords[v];
  const b = line.coords[Math.min(v + 1, line.coords.length - 1)];
  const len = cum[v + 1] - cum[v];
  const f = len > 0 ? Math.min(1, Math.max(0, (d - cum[v]) / len)) : 0;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
}
