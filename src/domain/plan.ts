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

export interface Plan {
  summary: PlanSummary;
  coast: LonLat[][];
  bases: { name: string; icao?: string; position: LonLat }[];
  sorties: Sortie[];
  gaps: Gap[];
  bounds?: PlanBounds;
  /** True when the file had no `summary` (a GIS dropped it) and it was recomputed from the features. */
  summaryRecomputed?: boolean;
}
