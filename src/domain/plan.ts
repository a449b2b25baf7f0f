/**
 * Plans and schedules as plain data, and their GeoJSON file form (docs/formats.md).
 */
import type { LonLat } from '../geo/lonlat.js';

/** [fromKm, toKm] along the coast. */
export type CoastInterval = [number, number];

export interface Sortie {
  id: string;
  /** Aircraft type name as in the scenario. */
  aircraft: string;
  /** Base name. */
  base: string;
  /** Base to base; legs between vertices are geodesics. */
  path: LonLat[];
  distanceKm: number;
  durationH: number;
  covers: CoastInterval[];
  /** Schedules only: airframe (`Type#2`), and ISO 8601 UTC takeoff and landing. */
  tail?: string;
  takeoff?: string;
  landing?: string;
}

export interface Gap {
  fromKm: number;
  toKm: number;
  lines: LonLat[][];
  lengthKm: number;
  reason: string;
  /** Schedules: some sortie could reach it, but none watches it (it counts in the figures, waiting the horizon). */
  reachable?: boolean;
}

export interface PlanBounds {
  /** No plan can use fewer sorties than this. */
  minSorties: number;
  /** No in-order covering tour of the reachable coast is shorter than this, km. */
  minDistanceKm: number;
  /** How each bound was reached, one line each, for the table and the README. */
  notes: string[];
}

export interface PlanSummary {
  scenario: string;
  coastKm: number;
  coveredKm: number;
  coverage: number;
  sorties: number;
  distanceKm: number;
  flightHours: number;
  [extra: string]: unknown;
}

/** A line as a file wrote it: its parts as drawn, before they were joined back across the antimeridian. */
export interface DrawnLine {
  /** What it is, for messages: `sortie S01`, `coast line 3`, `gap 2`. */
  what: string;
  kind: 'coast' | 'sortie' | 'gap';
  /** The sortie's id, for sortie lines. */
  sortie?: string;
  parts: LonLat[][];
}

export interface Plan {
  summary: PlanSummary;
  coast: LonLat[][];
  bases: { name: string; icao?: string; position: LonLat }[];
  sorties: Sortie[];
  gaps: Gap[];
  bounds?: PlanBounds;
  /** True when the file had no `summary` (a GIS dropped it) and it was recomputed from the features. */
  summaryRecomputed?: boolean;
  /**
   * Files only (set by the reader): every line as written, so verify can check that it is drawn right (docs/formats.md,
   * "The plan file"). A plan made in memory has geodesic legs and no drawing.
   */
  drawn?: DrawnLine[];
}
