/**
 * Plans and schedules to their GeoJSON file form (docs/formats.md): a FeatureCollection whose
 * features are told apart by `properties.kind`, with a `summary` foreign member.
 */
import type { Plan } from '../domain/plan.js';
import { drawnGeometry, drawnLines, WRITE_OFF_KM } from '../geo/drawn.js';
import type { LonLat } from '../geo/lonlat.js';

/** 1e-6 degrees is 0.11 m: finer than any rule needs, and keeps files small. */
export const roundDeg = (x: number) => Math.round(x * 1e6) / 1e6;
export const pos = (p: LonLat): LonLat => [roundDeg(p[0]), roundDeg(p[1])];
/** Kilometres to the metre. */
export const km = (x: number) => Math.round(x * 1000) / 1000;

/** Summary figures to 4 decimals, through arrays and objects (a number that is not finite becomes null). */
export function round4(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null;
  if (Array.isArray(v)) return v.map(round4);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round4(x)]));
  return v;
}

/**
 * Lines as GeoJSON readers draw them right (docs/formats.md, "The plan file"): every line densified until its lon/lat chords
 * are within 0.1 km of the geodesics, split at the antimeridian, rounded.
 */
export const drawnMulti = (ls: readonly (readonly LonLat[])[]): LonLat[][] =>
  ls.flatMap((l) => drawnLines(l, { maxOffKm: WRITE_OFF_KM }).map((part) => part.map(pos)));

export interface PlanFeatureCollection {
  type: 'FeatureCollection';
  summary: Record<string, unknown>;
  features: Record<string, unknown>[];
  [foreign: string]: unknown;
}

export function planToGeoJSON(plan: Plan, extraSummary: Record<string, unknown> = {}): PlanFeatureCollection {
  const features: Record<string, unknown>[] = [];
  features.push({
    type: 'Feature',
    properties: { kind: 'coast', lengthKm: km(plan.summary.coastKm) },
    geometry: { type: 'MultiLineString', coordinates: drawnMulti(plan.coast) },
  });
  for (const b of plan.bases) {
    features.push({
      type: 'Feature',
      properties: { kind: 'base', name: b.name, ...(b.icao ? { icao: b.icao } : {}) },
      geometry: { type: 'Point', coordinates: pos(b.position) },
    });
  }
  for (const s of plan.sorties) {
    features.push({
      type: 'Feature',
      properties: {
        kind: 'sortie',
        id: s.id,
        aircraft: s.aircraft,
        base: s.base,
        ...(s.tail ? { tail: s.tail, takeoff: s.takeoff, landing: s.landing } : {}),
        distanceKm: km(s.distanceKm),
        durationH: Math.round(s.durationH * 1e4) / 1e4,
        covers: s.covers.map(([a, b]) => [km(a), km(b)]),
      },
      geometry: drawnGeometry(s.path, { round: pos, maxOffKm: WRITE_OFF_KM }),
    });
  }
  for (const g of plan.gaps) {
    features.push({
      type: 'Feature',
      properties: {
        kind: 'gap',
        lengthKm: km(g.lengthKm),
        fromKm: km(g.fromKm),
        toKm: km(g.toKm),
        reason: g.reason,
        ...(g.reachable ? { reachable: true } : {}),
      },
      geometry: { type: 'MultiLineString', coordinates: drawnMulti(g.lines) },
    });
  }
  const summary = round4({
    ...plan.summary,
    ...extraSummary,
    ...(plan.bounds ? { bounds: plan.bounds } : {}),
  }) as Record<string, unknown>;
  return { type: 'FeatureCollection', summary, features };
}
