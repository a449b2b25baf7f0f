/**
 * CSV for spreadsheets: one row per waypoint (sortie, seq, name, lat, lon, leg_km, cumulative_km, heading_deg,
 * and for schedules the eta over it), through csv-stringify (quoting as RFC 4180).
 */
import { stringify } from 'csv-stringify/sync';
import type { ExportDoc } from '../../domain/export.js';
import { iso } from './xml.js';

export const CSV_COLUMNS = [
  'sortie',
  'seq',
  'name',
  'lat',
  'lon',
  'leg_km',
  'cumulative_km',
  'heading_deg',
  'eta',
] as const;

export function toCsv(doc: ExportDoc): string {
  const rows = doc.sorties.flatMap((s) =>
    s.waypoints.map((w, i) => [
      s.id,
      i + 1,
      w.name,
      w.position[1].toFixed(7),
      w.position[0].toFixed(7),
      w.legKm.toFixed(3),
      w.cumulativeKm.toFixed(3),
      w.courseDeg === null ? '' : w.courseDeg.toFixed(1),
      w.time !== undefined ? iso(w.time) : '',
    ]),
  );
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS], record_delimiter: '\r\n' });
}
