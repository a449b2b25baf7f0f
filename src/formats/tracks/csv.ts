/**
 * CSV tracks, streamed through csv-parse so that a file of any size is read in bounded memory. The layout is
 * told from the header:
 *   - OpenSky history state vectors (`time, icao24, lat, lon, ..., callsign, ..., baroaltitude, geoaltitude`):
 *     one track per icao24, altitude in metres (barometric, else geometric);
 *   - Flightradar24 web export (`Timestamp,UTC,Callsign,Position,Altitude,...`, Position "lat,lon"): one track
 *     per callsign, altitude in feet; and FR24's archive layouts (`flight_id,event_time,longitude,latitude,...`
 *     and per-flight `snapshot_id,...,latitude,longitude`), altitude in feet;
 *   - plain `time,lat,lon[,alt][,callsign]` (names matched loosely: latitude, lng, ele, alt_ft, icao24/hex...),
 *     time ISO 8601 or epoch seconds, altitude metres unless the column says feet; also without a header when
 *     the columns come in that order.
 * A row with the wrong number of fields, no time, or no usable position is skipped and named by line.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import {
  badLonLat,
  normCallsign,
  normIcao24,
  type ReadContext,
  type ReaderResult,
  type TrackBuffer,
} from './sink.js';
import { parseTimeAuto } from './time.js';

const FT = 0.3048;

export interface CsvLayout {
  format: 'csv-plain' | 'csv-opensky' | 'csv-fr24';
  /** Human description for notes and messages. */
  what: string;
  delimiter: string;
  hasHeader: boolean;
  /** Fields a row must have (the header's count); 0 when headerless. */
  ncols: number;
  time: number;
  /** Another time column used when the first is empty (FR24's UTC beside Timestamp). */
  time2: number;
  lat: number;
  lon: number;
  /** A "lat,lon" column instead of lat and lon (FR24 Position). */
  position: number;
  alt: number;
  /** Second altitude column used when the first is empty (OpenSky geoaltitude). */
  alt2: number;
  altScale: number;
  callsign: number;
  /** Column the tracks are keyed by (icao24, flight id); -1 to key by callsign. */
  id: number;
  idIsIcao: boolean;
}

const norm = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"|"$/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

function pick(names: string[], ...cands: string[]): number {
  for (const c of cands) {
    const i = names.indexOf(c);
    if (i >= 0) return i;
  }
  return -1;
}

/** Splits one line naively (enough for a header and for sniffing; quoted data rows go through csv-parse). */
function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (ch === delimiter && !q) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function detectDelimiter(line: string): string | null {
  let best: string | null = null;
  let bestN = 0;
  for (const d of [',', ';', '\t', '|']) {
    const n = splitLine(line, d).length - 1;
    if (n > bestN) {
      best = d;
      bestN = n;
    }
  }
  return best;
}

const base = (
  format: CsvLayout['format'],
  what: string,
  delimiter: string,
  ncols: number,
): Omit<CsvLayout, 'time' | 'lat' | 'lon'> => ({
  format,
  what,
  delimiter,
  hasHeader: true,
  ncols,
  time2: -1,
  position: -1,
  alt: -1,
  alt2: -1,
  altScale: 1,
  callsign: -1,
  id: -1,
  idIsIcao: false,
});

/** The layout of a CSV from its first line, or why it is not one we read. */
export function detectCsvLayout(firstLine: string): CsvLayout | { error: string } {
  const delimiter = detectDelimiter(firstLine);
  if (!delimiter) return { error: 'its first line has no comma, semicolon or tab' };
  const raw = splitLine(firstLine, delimiter);
  const names = raw.map(norm);
  const n = names.length;
  const has = (...c: string[]) => pick(names, ...c) >= 0;

  if (
    has('icao24') &&
    has('time') &&
    has('lat') &&
    has('lon') &&
    (has('baroaltitude') || has('lastposupdate'))
  ) {
    return {
      ...base('csv-opensky', 'OpenSky state vectors', delimiter, n),
      time: pick(names, 'time'),
      lat: pick(names, 'lat'),
      lon: pick(names, 'lon'),
      alt: pick(names, 'baroaltitude'),
      alt2: pick(names, 'geoaltitude'),
      callsign: pick(names, 'callsign'),
      id: pick(names, 'icao24'),
      idIsIcao: true,
    };
  }
  if (has('position') && has('callsign') && (has('timestamp') || has('utc'))) {
    const ts = pick(names, 'timestamp');
    const utc = pick(names, 'utc');
    return {
      ...base('csv-fr24', 'Flightradar24 export', delimiter, n),
      time: ts >= 0 ? ts : utc,
      time2: ts >= 0 ? utc : -1,
      lat: -1,
      lon: -1,
      position: pick(names, 'position'),
      alt: pick(names, 'altitude'),
      altScale: FT,
      callsign: pick(names, 'callsign'),
    };
  }
  const lat = pick(names, 'lat', 'latitude');
  const lon = pick(names, 'lon', 'lng', 'long', 'longitude');
  if (has('flightid') && has('eventtime') && lat >= 0 && lon >= 0) {
    return {
      ...base('csv-fr24', 'Flightradar24 archive positions', delimiter, n),
      time: pick(names, 'eventtime'),
      lat,
      lon,
      alt: pick(names, 'altitude'),
      altScale: FT,
      callsign: pick(names, 'callsign'),
      id: pick(names, 'flightid'),
    };
  }
  if (has('snapshotid') && lat >= 0 && lon >= 0) {
    return {
      ...base('csv-fr24', 'Flightradar24 per-flight positions', delimiter, n),
      time: pick(names, 'snapshotid'),
      lat,
      lon,
      alt: pick(names, 'altitude'),
      altScale: FT,
    };
  }
  const time = pick(names, 'time', 'timestamp', 'datetime', 'utc', 'timeutc', 'eventtime', 'date', 't');
  if (time >= 0 && lat >= 0 && lon >= 0) {
    const ft = pick(names, 'altft', 'altitudeft', 'altbaro', 'altgeom', 'altitudefeet', 'elevationft');
    const m = pick(
      names,
      'alt',
      'altm',
      'altitude',
      'altitudem',
      'ele',
      'elevation',
      'baroaltitude',
      'height',
    );
    const id = pick(names, 'icao24', 'icao', 'hex', 'address', 'flightid', 'trackid', 'track', 'id');
    return {
      ...base('csv-plain', 'plain time,lat,lon CSV', delimiter, n),
      time,
      lat,
      lon,
      alt: ft >= 0 ? ft : m,
      altScale: ft >= 0 ? FT : 1,
      callsign: pick(names, 'callsign', 'flight', 'call', 'cs'),
      id,
      idIsIcao: id >= 0 && ['icao24', 'icao', 'hex', 'address'].includes(names[id]),
    };
  }
  // no header: time, lat, lon[, alt][, callsign] when the first row reads that way
  if (n >= 3 && !Number.isNaN(parseTimeAuto(raw[0].trim())) && raw[1].trim() !== '' && raw[2].trim() !== '') {
    const la = Number(raw[1]);
    const lo = Number(raw[2]);
    if (badLonLat(lo, la) === null) {
      return {
        ...base('csv-plain', 'plain time,lat,lon CSV without a header', delimiter, 0),
        hasHeader: false,
        time: 0,
        lat: 1,
        lon: 2,
        alt: n >= 4 ? 3 : -1,
        callsign: n >= 5 ? 4 : -1,
      };
    }
  }
  const missing = [time < 0 && 'time', lat < 0 && 'latitude', lon < 0 && 'longitude']
    .filter(Boolean)
    .join(', ');
  return {
    error:
      `its header (${raw.slice(0, 10).join(delimiter)}${n > 10 ? ', ...' : ''}) has no ${missing} column; ` +
      'CSV tracks need time, lat and lon columns (plain time,lat,lon[,alt][,callsign]), or an OpenSky ' +
      'state-vector or Flightradar24 export header',
  };
}

