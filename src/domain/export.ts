/**
 * What an export writes, as plain data (docs/exports.md): a plan, schedule or audit file read back, with
 * each sortie's route reduced to named waypoints and, when the scenario was given, its no-fly areas and
 * standoff band. Built by src/app/export.ts, written by the modules of src/formats/export.
 */
import type { LonLat } from '../geo/lonlat.js';
import type { Gap, PlanBounds, Sortie } from './plan.js';

export type ExportKind = 'plan' | 'schedule' | 'audit';

/** A turn of a route. */
export interface Waypoint {
  /** `S01-W03`: sortie id and the waypoint's number from 1 (the base is W01). */
  name: string;
  position: LonLat;
  /** Geodesic km from the previous waypoint (0 for the first). */
  legKm: number;
  cumulativeKm: number;
  /** Initial true course of the leg arriving here, degrees 0..360 (null for the first). */
  courseDeg: number | null;
  /** Schedules: time over the waypoint, epoch ms. */
  time?: number;
}

export interface ExportSortie extends Sortie {
  waypoints: Waypoint[];
}

/** A timed line: epoch ms per vertex, NaN where unknown. */
export interface ExportTrackPart {
  coords: LonLat[];
  times: number[];
}

export interface ExportTrack {
  id: string;
  /** Airframe (schedules) or aircraft type. */
  aircraft?: string;
  parts: ExportTrackPart[];
}

/** From the scenario, when the export was given one. */
export interface ExportArea {
  standoffKm: number;
  /** Polygons (rings of [lon, lat]). */
  noFly: LonLat[][][];
  /** The standoff band as polygons (a buffer per coast line). */
  band: LonLat[][][];
}

export interface ExportDoc {
  kind: ExportKind;
  /** The scenario's name. */
  title: string;
  summary: Record<string, unknown>;
  coast: LonLat[][];
  bases: { name: string; icao?: string; position: LonLat }[];
  sorties: ExportSortie[];
  gaps: Gap[];
  /** Coast some sortie covers (plans, schedules) or some track saw (audits). */
  covered: LonLat[][];
  /** Schedules: one per sortie, timed from takeoff; audits: the tracks. */
  tracks: ExportTrack[];
  bounds?: PlanBounds;
  area?: ExportArea;
  /** The file as read (GeoJSON FeatureCollection). */
  source: Record<string, unknown>;
  /** Said to the user: what the export could not do without the scenario, and so on. */
  notes: string[];
}

export interface ExportOptions {
  /** Flight altitude for mission formats, metres above home. */
  altitudeM?: number;
  /** ISO time written as "now" where a format needs one (CoT); default the current time. */
  now?: string;
  /** Base name of the file, without extension (default from the scenario name). */
  name?: string;
}
