/**
 * QGroundControl `.plan` files, one per sortie (a zip when there are several), following how QGroundControl
 * reads them (PlanMasterController::loadFromJson, MissionController::_loadJsonMissionFileV2,
 * SimpleMissionItem/MissionItem::load): top level `fileType: "Plan"`, `version: 1`, `groundStation`, `mission`,
 * `geoFence`, `rallyPoints`; mission `version: 2` with `firmwareType`, `vehicleType`, `cruiseSpeed`,
 * `hoverSpeed`, `plannedHomePosition` [lat, lon, alt] and `items`; each item a `SimpleItem` with `command`,
 * `frame`, `params` (seven: param1-4, then lat, lon, alt; an unset param4 is null, which QGC reads as NaN),
 * `autoContinue` and `doJumpId` numbered from 1. Latitude comes before longitude here, as MAVLink has it.
 */
import type { ExportDoc, ExportOptions, ExportSortie } from '../../domain/export.js';
import { safeName, zipFiles } from './zip.js';

/** MAV_CMD and MAV_FRAME values used. */
export const MAV = {
  NAV_WAYPOINT: 16,
  NAV_LAND: 21,
  NAV_TAKEOFF: 22,
  FRAME_GLOBAL_RELATIVE_ALT: 3,
  TYPE_FIXED_WING: 1,
  AUTOPILOT_GENERIC: 0,
} as const;

/** Default cruise altitude above home, metres, when neither the file nor --altitude gives one. */
export const DEFAULT_ALTITUDE_M = 1000;

const r7 = (x: number) => Math.round(x * 1e7) / 1e7;

/** The mission items of a sortie: takeoff at the base, a waypoint at each turn, land back at the base. */
export function missionItems(s: ExportSortie, altitudeM: number) {
  const w = s.waypoints;
  const items: { command: number; lat: number; lon: number; alt: number }[] = [];
  items.push({ command: MAV.NAV_TAKEOFF, lat: w[0].position[1], lon: w[0].position[0], alt: altitudeM });
  for (const x of w.slice(1, -1))
    items.push({ command: MAV.NAV_WAYPOINT, lat: x.position[1], lon: x.position[0], alt: altitudeM });
  const last = w[w.length - 1];
  items.push({ command: MAV.NAV_LAND, lat: last.position[1], lon: last.position[0], alt: 0 });
  return items;
}

/** Cruise speed in m/s from the sortie's distance and duration (the aircraft flies its line at speedKts). */
const speedMs = (s: ExportSortie) => (s.durationH > 0 ? (s.distanceKm * 1000) / (s.durationH * 3600) : 25);

export function qgcPlan(s: ExportSortie, altitudeM: number): Record<string, unknown> {
  const home = s.waypoints[0].position;
  const cruise = Math.round(speedMs(s) * 10) / 10;
  return {
    fileType: 'Plan',
    version: 1,
    groundStation: 'QGroundControl',
    mission: {
      version: 2,
      firmwareType: MAV.AUTOPILOT_GENERIC,
      vehicleType: MAV.TYPE_FIXED_WING,
      cruiseSpeed: cruise,
      hoverSpeed: cruise,
      globalPlanAltitudeMode: 1,
      plannedHomePosition: [r7(home[1]), r7(home[0]), 0],
      items: missionItems(s, altitudeM).map((it, i) => ({
        type: 'SimpleItem',
        command: it.command,
        frame: MAV.FRAME_GLOBAL_RELATIVE_ALT,
        params: [0, 0, 0, null, r7(it.lat), r7(it.lon), it.alt],
        autoContinue: true,
        doJumpId: i + 1,
      })),
    },
    geoFence: { version: 2, circles: [], polygons: [] },
    rallyPoints: { version: 2, points: [] },
  };
}

export interface PerSortie {
  name: string;
  data: string;
}

/** One file per sortie, or a zip of them. */
export function perSortie(
  doc: ExportDoc,
  ext: string,
  one: (s: ExportSortie) => string,
): { data: string | Uint8Array; extension: string; contentType: string } | string {
  const files = doc.sorties.map((s) => ({ name: `${safeName(s.id)}.${ext}`, data: one(s) }));
  if (files.length === 1) return files[0].data;
  return { data: zipFiles(files), extension: `${ext}.zip`, contentType: 'application/zip' };
}

export function toQgc(doc: ExportDoc, opts: ExportOptions = {}) {
  const alt = opts.altitudeM ?? DEFAULT_ALTITUDE_M;
  return perSortie(doc, 'plan', (s) => `${JSON.stringify(qgcPlan(s, alt), null, 2)}\n`);
}
