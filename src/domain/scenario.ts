/**
 * A scenario once resolved: every name looked up, the coast as lines, numbers checked.
 * This is what planning, scheduling and auditing take; the file form is in scenario-schema.ts.
 */
import { KM_PER_NM } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';

export interface Base {
  name: string;
  icao?: string;
  position: LonLat;
}

export interface AircraftType {
  name: string;
  /** Name of its base (Base.name). */
  base: string;
  count: number;
  speedKts: number;
  enduranceH: number;
  reserveH: number;
  sensorRangeKm: number;
  turnaroundH: number;
  callsigns: string[];
}

/**
 * One coast line. `seaSide: 'left'` means that walking the line in its order, the sea is on the left
 * (polygon rings are turned so); `'unknown'` for bare lines a user gave, where either side may be sea.
 */
export interface CoastLine {
  coords: LonLat[];
  closed: boolean;
  seaSide: 'left' | 'unknown';
}

export interface Scenario {
  name: string;
  description?: string;
  /** `countries`: the Natural Earth names the coast was taken from (none for a GeoJSON coast). */
  coast: { lines: CoastLine[]; source: string; countries?: string[] };
  bases: Base[];
  aircraft: AircraftType[];
  standoffKm: number;
  /** Polygons (rings of [lon, lat]) no aircraft may enter. */
  noFly: LonLat[][][];
  /**
   * 'avoid': no sortie point over the land of a country other than its base's own (Natural Earth 1:10m);
   * 'allowed': over any land. Resolved from the file's default (avoid when standoffKm > 0).
   */
  overflyLand: 'avoid' | 'allowed';
  sampleKm: number;
  schedule?: { start: string; days: number };
}

export function usableHours(a: AircraftType): number {
  return a.enduranceH - a.reserveH;
}

export function speedKmh(a: AircraftType): number {
  return a.speedKts * KM_PER_NM;
}

/** Longest sortie, km, that the type can fly base to base. */
export function rangeKm(a: AircraftType): number {
  return speedKmh(a) * usableHours(a);
}

export function baseOf(s: Scenario, a: AircraftType): Base {
  const b = s.bases.find((x) => x.name === a.base);
  if (!b) throw new Error(`aircraft ${a.name}: base ${a.base} is not in the scenario`);
  return b;
}
