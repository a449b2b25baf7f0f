/**
 * Mission Planner (ArduPilot) `QGC WPL 110` waypoint files, one per sortie (a zip when several): a header line,
 * then tab-separated rows of index, current, frame, command, param1-4, latitude, longitude, altitude,
 * autocontinue. Row 0 is the home position (absolute frame 0, current 1), as Mission Planner writes it; then
 * takeoff (22), a waypoint (16) at each turn and land (21), in the relative-altitude frame (3).
 */
import type { ExportDoc, ExportOptions, ExportSortie } from '../../domain/export.js';
import { DEFAULT_ALTITUDE_M, MAV, missionItems, perSortie } from './qgc.js';

const f8 = (x: number) => x.toFixed(8);

export function wplText(s: ExportSortie, altitudeM: number): string {
  const home = s.waypoints[0].position;
  const rows = [
    [0, 1, 0, MAV.NAV_WAYPOINT, 0, 0, 0, 0, f8(home[1]), f8(home[0]), (0).toFixed(6), 1].join('\t'),
  ];
  missionItems(s, altitudeM).forEach((it, i) => {
    rows.push(
      [
        i + 1,
        0,
        MAV.FRAME_GLOBAL_RELATIVE_ALT,
        it.command,
        0,
        0,
        0,
        0,
        f8(it.lat),
        f8(it.lon),
        it.alt.toFixed(6),
        1,
      ].join('\t'),
    );
  });
  return `QGC WPL 110\r\n${rows.join('\r\n')}\r\n`;
}

export function toWaypoints(doc: ExportDoc, opts: ExportOptions = {}) {
  const alt = opts.altitudeM ?? DEFAULT_ALTITUDE_M;
  return perSortie(doc, 'waypoints', (s) => wplText(s, alt));
}
