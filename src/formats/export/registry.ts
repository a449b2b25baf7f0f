/**
 * Every export format in one table (docs/exports.md): the CLI, the API and the tests look formats up here.
 * `write` is a pure function of the document; a format with `print` returns HTML that the app prints to PDF
 * (launching a browser is I/O, so it happens in src/app).
 */
import type { ExportDoc, ExportKind, ExportOptions } from '../../domain/export.js';
import { toCot } from './cot.js';
import { toCsv } from './csv.js';
import { toGeoJson } from './geojson.js';
import { toGpx } from './gpx.js';
import { toKml, toKmz } from './kml.js';
import { type BriefOptions, toBriefHtml } from './pdf-html.js';
import { toQgc } from './qgc.js';
import { toWaypoints } from './waypoints.js';

/** What a writer returns when its extension or type depends on the document (one file, or a zip of several). */
export interface Written {
  data: string | Uint8Array;
  extension: string;
  contentType: string;
}

export interface ExportFormat {
  name: string;
  extension: string;
  contentType: string;
  kinds: readonly ExportKind[];
  /** One line for --help and the API description. */
  description: string;
  write(doc: ExportDoc, opts: ExportOptions & BriefOptions): string | Uint8Array | Written;
  /** The writer returns HTML to be printed to PDF by the app. */
  print?: boolean;
}

const ALL: readonly ExportKind[] = ['plan', 'schedule', 'audit'];
const ROUTES: readonly ExportKind[] = ['plan', 'schedule'];

export const exportFormats: readonly ExportFormat[] = [
  {
    name: 'kml',
    extension: 'kml',
    contentType: 'application/vnd.google-earth.kml+xml',
    kinds: ALL,
    description: 'KML: a folder per sortie (per airframe for schedules), coast, gaps, bases, areas',
    write: (doc) => toKml(doc),
  },
  {
    name: 'kmz',
    extension: 'kmz',
    contentType: 'application/vnd.google-earth.kmz',
    kinds: ALL,
    description: 'KMZ: the KML zipped (doc.kml)',
    write: (doc) => toKmz(doc),
  },
  {
    name: 'gpx',
    extension: 'gpx',
    contentType: 'application/gpx+xml',
    kinds: ALL,
    description:
      'GPX 1.1: a route per sortie with named waypoints; tracks with times for schedules and audits',
    write: (doc) => toGpx(doc),
  },
  {
    name: 'qgc',
    extension: 'plan',
    contentType: 'application/json',
    kinds: ROUTES,
    description: 'QGroundControl .plan per sortie (a zip when several)',
    write: (doc, opts) => toQgc(doc, opts),
  },
  {
    name: 'waypoints',
    extension: 'waypoints',
    contentType: 'text/plain; charset=utf-8',
    kinds: ROUTES,
    description: 'Mission Planner QGC WPL 110 per sortie (a zip when several)',
    write: (doc, opts) => toWaypoints(doc, opts),
  },
  {
    name: 'cot',
    extension: 'cot.zip',
    contentType: 'application/zip',
    kinds: ROUTES,
    description: 'Cursor on Target: a b-m-r route per sortie and the bases, as a TAK data package',
    write: (doc, opts) => toCot(doc, opts),
  },
  {
    name: 'csv',
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    kinds: ROUTES,
    description: 'CSV: one row per waypoint',
    write: (doc) => toCsv(doc),
  },
  {
    name: 'geojson',
    extension: 'geojson',
    contentType: 'application/geo+json',
    kinds: ALL,
    description: 'GeoJSON: the file itself, densified and split at the antimeridian',
    write: (doc) => toGeoJson(doc),
  },
  {
    name: 'pdf',
    extension: 'pdf',
    contentType: 'application/pdf',
    kinds: ROUTES,
    description: 'PDF mission brief: map, sortie table, lower bounds, timeline (schedules)',
    write: (doc, opts) => toBriefHtml(doc, opts),
    print: true,
  },
];

export function exportFormat(name: string): ExportFormat | undefined {
  return exportFormats.find((f) => f.name === name);
}
