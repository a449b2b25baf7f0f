/**
 * Hand-made scenarios and a deliberately naive plan builder for the verifier's tests. The builder offsets the
 * coast geodesically (miter offsets along the bisector of each corner) and is too simple to share any idea with
 * the planner, which is the point: it produces plans whose validity is obvious by construction.
 */
import { buildCoastModel, coastBetween } from '../domain/coast.js';
import type { CoastInterval, Gap, Plan, Sortie } from '../domain/plan.js';
import type { AircraftType, Base, CoastLine, Scenario } from '../domain/scenario.js';
import { drawnGeometry, drawnLines } from '../geo/drawn.js';
import { destination, distanceKm, inverse, KM_PER_NM } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';

export function line(coords: LonLat[], closed = false): CoastLine {
  return { coords, closed, seaSide: closed ? 'left' : 'unknown' };
}

export function aircraft(over: Partial<AircraftType> = {}): AircraftType {
  return {
    name: 'Patrol',
    base: 'Alpha',
    count: 2,
    speedKts: 200,
    enduranceH: 8,
    reserveH: 1,
    sensorRangeKm: 40,
    turnaroundH: 2,
    callsigns: [],
    ...over,
  };
}

export function scenario(lines: CoastLine[], over: Partial<Scenario> = {}): Scenario {
  return {
    name: 'test',
    coast: { lines, source: 'test' },
    bases: [{ name: 'Alpha', position: [13.6, 34.5] }],
    aircraft: [aircraft()],
    standoffKm: 22.2,
    // synthetic coasts are not Natural Earth land: only the tests that ask for it avoid land
    overflyLand: 'allowed',
    noFly: [],
    sampleKm: 1,
    ...over,
  };
}

/** Vertices along a parallel, `stepDeg` apart, from lon0 to lon1 (inclusive). */
export function parallel(lat: number, lon0: number, lon1: number, stepDeg: number): LonLat[] {
  const n = Math.round((lon1 - lon0) / stepDeg);
  return Array.from({ length: n + 1 }, (_, i): LonLat => [lon0 + ((lon1 - lon0) * i) / n, lat]);
}

/** Azimuth of the left normal at vertex j (bisector at corners) and the miter factor 1/cos(turn/2). */
export function leftNormal(coords: readonly LonLat[], j: number): { azi: number; miter: number } {
  const n = coords.length;
  const out = j + 1 < n ? inverse(coords[j], coords[j + 1]).azi1 : undefined;
  const inn = j > 0 ? inverse(coords[j - 1], coords[j]).azi2 : undefined;
  const a = out ?? inn ?? 0;
  const b = inn ?? out ?? 0;
  let turn = a - b;
  turn = ((((turn + 180) % 360) + 360) % 360) - 180;
  return { azi: b + turn / 2 - 90, miter: 1 / Math.cos(((turn / 2) * Math.PI) / 180) };
}

/** The left offset at distance d of vertices j0..j1 of a coast line. */
export function offset(coords: readonly LonLat[], j0: number, j1: number, d: number): LonLat[] {
  const out: LonLat[] = [];
  for (let j = j0; j <= j1; j++) {
    const { azi, miter } = leftNormal(coords, j);
    out.push(destination(coords[j], azi, d * miter));
  }
  return out;
}

export function lengthKm(path: readonly LonLat[]): number {
  let s = 0;
  for (let i = 1; i < path.length; i++) s += distanceKm(path[i - 1], path[i]);
  return s;
}

export function sortie(id: string, type: AircraftType, path: LonLat[], covers: CoastInterval[]): Sortie {
  const km = lengthKm(path);
  return {
    id,
    aircraft: type.name,
    base: type.base,
    path,
    distanceKm: km,
    durationH: km / (type.speedKts * KM_PER_NM),
    covers,
  };
}

/** Recomputes a sortie's declared distance and duration after its path was edited. */
export function redeclare(s: Sortie, type: AircraftType): Sortie {
  return { ...sortie(s.id, type, s.path, s.covers), ...(s.tail ? { tail: s.tail } : {}) };
}

/** A plan with a summary that is right for its sorties; gaps given as [from, to] km. */
export function plan(sc: Scenario, sorties: Sortie[], gaps: CoastInterval[] = []): Plan {
  const model = buildCoastModel(sc.coast.lines, sc.sampleKm);
  const ivs = sorties.flatMap((s) => s.covers).sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let end = -Infinity;
  for (const [a, b] of ivs) {
    if (b <= end) continue;
    covered += b - Math.max(a, end);
    end = b;
  }
  const bases: Base[] = sc.bases;
  return {
    summary: {
      scenario: sc.name,
      coastKm: model.lengthKm,
      coveredKm: covered,
      coverage: covered / model.lengthKm,
      sorties: sorties.length,
      distanceKm: sorties.reduce((s, x) => s + x.distanceKm, 0),
      flightHours: sorties.reduce((s, x) => s + x.durationH, 0),
    },
    coast: sc.coast.lines.map((l) => l.coords),
    bases: bases.map((b) => ({ ...b })),
    sorties,
    gaps: gaps.map(
      ([fromKm, toKm]): Gap => ({
        fromKm,
        toKm,
        lines: coastBetween(model, fromKm, toKm),
        lengthKm: toKm - fromKm,
        reason: 'left out on purpose',
      }),
    ),
  };
}

/** Coast km at each vertex of line li. */
export function vertexKm(sc: Scenario, li = 0): Float64Array {
  const m = buildCoastModel(sc.coast.lines, sc.sampleKm);
  return m.vertexKm[li].map((k) => k + m.lineStartKm[li]);
}

/**
 * The plan file as docs/formats.md lays it out (a writer of our own, not the planner's), lines drawn right
 * (densified and split at the antimeridian by geo/drawn); `drawn: false` writes the legs as they are.
 */
export function toGeoJSON(p: Plan, opts: { drawn?: boolean } = {}): Record<string, unknown> {
  const draw = opts.drawn !== false;
  const multi = (ls: LonLat[][]) => (draw ? ls.flatMap((l) => drawnLines(l)) : ls);
  return {
    type: 'FeatureCollection',
    summary: p.summary,
    features: [
      {
        type: 'Feature',
        properties: { kind: 'coast', lengthKm: p.summary.coastKm },
        geometry: { type: 'MultiLineString', coordinates: multi(p.coast) },
      },
      ...p.bases.map((b) => ({
        type: 'Feature',
        properties: { kind: 'base', name: b.name, ...(b.icao ? { icao: b.icao } : {}) },
        geometry: { type: 'Point', coordinates: b.position },
      })),
      ...p.sorties.map((s) => ({
        type: 'Feature',
        properties: {
          kind: 'sortie',
          id: s.id,
          aircraft: s.aircraft,
          base: s.base,
          distanceKm: s.distanceKm,
          durationH: s.durationH,
          covers: s.covers,
          ...(s.tail ? { tail: s.tail, takeoff: s.takeoff, landing: s.landing } : {}),
        },
        geometry: draw ? drawnGeometry(s.path) : { type: 'LineString', coordinates: s.path },
      })),
      ...p.gaps.map((g) => ({
        type: 'Feature',
        properties: { kind: 'gap', lengthKm: g.lengthKm, reason: g.reason },
        geometry: { type: 'MultiLineString', coordinates: multi(g.lines) },
      })),
    ],
  };
}
