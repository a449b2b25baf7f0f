/**
 * CSV tracks, streamed so that a file of any size is read in bounded memory: split into lines and fields with
 * indexOf (readLines, some 3.5M rows/s), the few quoted records handed to csv-parse; a file whose first 64 KB
 * hold a quote (or old-Mac CR line ends) goes through csv-parse whole. Both give each record to the same
 * onRecord, so rows read, skips and their reasons are the same either way. The layout is told from the header:
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

import { isAscii } from 'node:buffer';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { printable } from './printable.js';
import {
  badLonLat,
  normCallsign,
  normIcao24,
  ownString,
  type ReadContext,
  type ReaderResult,
  type TrackBuffer,
} from './sink.js';
import { parseTimeAuto, plainDecimal } from './time.js';

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
      `its header (${printable(raw.slice(0, 10).join(delimiter), 120)}${n > 10 ? ', ...' : ''}) has no ${missing} column; ` +
      'CSV tracks need time, lat and lon columns (plain time,lat,lon[,alt][,callsign]), or an OpenSky ' +
      'state-vector or Flightradar24 export header',
  };
}

/** Where the CSV bytes come from: a fresh stream of the (decompressed) text and how far into the file it is. */
export interface CsvSource {
  stream: Readable[];
  bytesRead: () => number;
  size: number;
  /** The start of the (decompressed) text as sniffed, some 64 KB: it picks the parser (csvEngine). */
  head: string;
  /** Forces a parser (the tests compare them); csvEngine(head) by default. */
  engine?: CsvEngine;
}

/** The line splitter for LF or CRLF line endings, or csv-parse for the whole file. */
export type CsvEngine = 'lines' | 'lines-crlf' | 'csv-parse';

/**
 * Which parser reads a CSV, from its first 64 KB: csv-parse (RFC 4180 quoting, any line ending) when they hold
 * a double quote or their first line ends in a bare CR (classic Mac); else the line splitter of readLines, for
 * the line ending the first line has. A quote further on is still read right: readLines hands the lines of that
 * record to csv-parse.
 */
export function csvEngine(head: string): CsvEngine {
  if (head.includes('"')) return 'csv-parse';
  const eol = head.search(/[\r\n]/);
  if (eol < 0 || head[eol] === '\n') return 'lines';
  return head[eol + 1] === '\n' ? 'lines-crlf' : 'csv-parse';
}

/** The longest line, or record of lines joined by a quoted field, the line splitter holds; longer is skipped. */
export const MAX_RECORD_CHARS = 2 ** 20;

const parseOptions = (delimiter: string) => ({
  delimiter,
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  skip_records_with_error: true,
});

/** A number field: empty and R/SQL-style missing values are NaN. */
const num = (s: string | undefined): number => {
  if (s === undefined) return Number.NaN;
  const v = plainDecimal(s);
  if (!Number.isNaN(v)) return v;
  if (s === '' || s === 'NA' || s === 'null' || s === 'NaN') return Number.NaN;
  return Number(s);
};

type OnRecord = (fields: string[], line: number) => void;
type OnMalformed = (line: number, message: string) => void;

export async function readCsv(
  layout: CsvLayout,
  source: CsvSource,
  ctx: ReadContext,
  onProgress?: (done: number, total: number) => void,
): Promise<ReaderResult> {
  const { sink, path } = ctx;
  const L = layout;
  let records = 0;
  let lastKeyRaw: string | undefined;
  let lastTb: TrackBuffer | undefined;
  const lastCallsignRaw = new Map<TrackBuffer, string>();
  const keyed = L.id >= 0 || L.callsign >= 0;

  // raw key field -> track, so that interleaved tracks cost one Map lookup per row, not a normalisation
  const byRaw = new Map<string, TrackBuffer>();
  const trackFor = (rec: string[]): TrackBuffer => {
    const raw = L.id >= 0 ? rec[L.id] : L.callsign >= 0 ? rec[L.callsign] : '';
    if (lastTb && raw === lastKeyRaw) return lastTb;
    const known = byRaw.get(raw);
    if (known) {
      lastKeyRaw = raw;
      lastTb = known;
      return known;
    }
    let key = ctx.base;
    let icao24: string | undefined;
    let callsign: string | undefined;
    if (L.id >= 0) {
      const id = L.idIsIcao ? normIcao24(raw) : raw.trim() || undefined;
      if (id !== undefined) key = `${ctx.base}#${id}`;
      if (L.idIsIcao) icao24 = id;
    } else if (L.callsign >= 0) {
      callsign = normCallsign(raw);
      if (callsign !== undefined) key = `${ctx.base}#${callsign}`;
    }
    lastKeyRaw = raw;
    lastTb = sink.open(key, { icao24, callsign });
    // bounded: a file with more distinct raw keys than this is rare, and then only the cache is lost
    if (byRaw.size < 100000) byRaw.set(ownString(raw), lastTb);
    return lastTb;
  };

  /** One record as parsed (either parser), from line `line` (where it ends). */
  const onRecord: OnRecord = (rec, line) => {
    records++;
    if (records === 1 && L.hasHeader) return;
    if ((records & 16383) === 0 && onProgress) onProgress(source.bytesRead(), source.size);
    const where = () => `${path}:${line}`;
    if (L.ncols > 0 && rec.length !== L.ncols) {
      if (rec.length === 1 && rec[0].trim() === '') return;
      sink.skip(where(), `has ${rec.length} fields, the header has ${L.ncols}`);
      return;
    }
    let t = parseTimeAuto(rec[L.time] ?? '');
    if (Number.isNaN(t) && L.time2 >= 0) t = parseTimeAuto(rec[L.time2] ?? '');
    if (Number.isNaN(t)) {
      const v = rec[L.time] ?? '';
      sink.skip(
        where(),
        v.trim() === '' ? 'no time' : `time "${v.slice(0, 40)}" is not ISO 8601 or epoch seconds`,
      );
      return;
    }
    let lat: number;
    let lon: number;
    if (L.position >= 0) {
      const p = rec[L.position] ?? '';
      const comma = p.indexOf(',');
      lat = comma > 0 ? num(p.slice(0, comma).trim()) : Number.NaN;
      lon = comma > 0 ? num(p.slice(comma + 1).trim()) : Number.NaN;
    } else {
      lat = num(rec[L.lat]);
      lon = num(rec[L.lon]);
    }
    const bad = badLonLat(lon, lat);
    if (bad) {
      sink.skip(where(), bad);
      return;
    }
    let alt = L.alt >= 0 ? num(rec[L.alt]) : Number.NaN;
    if (Number.isNaN(alt) && L.alt2 >= 0) alt = num(rec[L.alt2]);
    const tb = keyed ? trackFor(rec) : (lastTb ??= sink.open(ctx.base));
    if (L.id >= 0 && L.callsign >= 0) {
      const cs = rec[L.callsign];
      if (cs !== lastCallsignRaw.get(tb)) {
        lastCallsignRaw.set(tb, ownString(cs));
        sink.setCallsign(tb, normCallsign(cs));
      }
    }
    sink.add(tb, t, lon, lat, Number.isFinite(alt) ? alt * L.altScale : Number.NaN, where);
  };
  const onMalformed: OnMalformed = (line, message) =>
    sink.skip(`${path}:${line}`, `malformed CSV: ${message.split('\n')[0]}`);

  const engine = source.engine ?? csvEngine(source.head);
  if (engine === 'csv-parse') await readCsvParse(source, L.delimiter, onRecord, onMalformed);
  else await readLines(source, L.delimiter, engine === 'lines-crlf', onRecord, onMalformed);
  onProgress?.(source.size, source.size);
  const dataRows = records - (L.hasHeader ? 1 : 0);
  return {
    format: L.format,
    emptyWhy: dataRows <= 0 ? `it has a ${L.what} header but no data rows` : undefined,
  };
}

/** The whole file through csv-parse's stream: records and errors come in file order with their line. */
async function readCsvParse(
  source: CsvSource,
  delimiter: string,
  onRecord: OnRecord,
  onMalformed: OnMalformed,
): Promise<void> {
  const parser = parse({
    ...parseOptions(delimiter),
    bom: true,
    on_record: (rec: string[], info) => {
      onRecord(rec, info.lines);
      return null;
    },
    on_skip: (err) => {
      if (err) onMalformed(Number(err.lines), err.message);
      return undefined;
    },
  });
  const drain = async (records: AsyncIterable<unknown>) => {
    for await (const _ of records);
  };
  await pipeline([...source.stream, parser, drain] as unknown as [Readable, Readable]);
}

/** Whether a line, begun inside a quoted field or not, ends inside one (as csv-parse with relax_quotes reads). */
function endsQuoted(line: string, delimiter: number, quoted: boolean): boolean {
  let fieldStart = !quoted;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (line.charCodeAt(i + 1) === 34) i++;
        else quoted = false;
      }
    } else if (c === delimiter) {
      fieldStart = true;
      continue;
    } else if (c === 34 && fieldStart) {
      quoted = true;
    }
    fieldStart = false;
  }
  return quoted;
}

/**
 * The fast path: the text split into lines and fields with indexOf, each record handed on exactly as csv-parse
 * would give it (BOM dropped, empty lines skipped, a last line without newline read). A line holding a double
 * quote, with the lines its quoted field runs on to (and, in a CRLF file, a line ending in a bare LF, with the
 * next), is parsed by csv-parse itself. Memory: one chunk, and at most MAX_RECORD_CHARS of a line or record.
 */
async function readLines(
  source: CsvSource,
  delimiter: string,
  crlf: boolean,
  onRecord: OnRecord,
  onMalformed: OnMalformed,
): Promise<void> {
  const dch = delimiter.charCodeAt(0);
  let lineNo = 0;
  /** The lines of a record csv-parse reads, from line segStart; null when none is pending. */
  let seg: string[] | null = null;
  let segStart = 0;
  let segChars = 0;
  let segQuoted = false;
  /** Whether the rest of an over-long line is being dropped. */
  let dropping = false;

  // csv-parse counts a CR inside a record (CRLF in a quoted field, a stray CR) as a line of its own; records are
  // named here by their physical line, counted from the bytes csv-parse has read
  const flushSeg = (terminated: boolean) => {
    const buf = Buffer.from(seg!.join('\n') + (terminated ? '\n' : ''));
    const first = segStart;
    const last = segStart + seg!.length - 1;
    seg = null;
    let scanned = 0;
    let line = first;
    /** The line of the byte before `bytes` (a record's last, or the LF ending it). */
    const lineAt = (bytes: number) => {
      for (;;) {
        const nl = buf.indexOf(10, scanned);
        if (nl < 0 || nl >= bytes - 1) break;
        line++;
        scanned = nl + 1;
      }
      return line;
    };
    parseSync(buf, {
      ...parseOptions(delimiter),
      record_delimiter: crlf ? '\r\n' : '\n',
      on_record: (rec: string[], info) => {
        onRecord(rec, lineAt(info.bytes));
        return null;
      },
      on_skip: (err) => {
        if (err) {
          // with our options the one error is a quote still open at the end
          const at = err.code === 'CSV_QUOTE_NOT_CLOSED' ? last : first - 1 + Number(err.lines);
          onMalformed(
            at,
            err.message.replace(/ (at|on) line \d+/, (_, w) => ` ${w} line ${at}`),
          );
        }
        return undefined;
      },
    });
  };

  const segLine = (raw: string, terminated: boolean) => {
    if (seg === null) {
      seg = [];
      segStart = lineNo;
      segChars = 0;
      segQuoted = false;
    }
    seg.push(raw);
    segChars += raw.length + 1;
    segQuoted = endsQuoted(raw, dch, segQuoted);
    if (!terminated || (!segQuoted && (!crlf || raw.charCodeAt(raw.length - 1) === 13))) {
      flushSeg(terminated);
    } else if (segChars > MAX_RECORD_CHARS) {
      tooLong(segStart);
    }
  };

  /** Drops a record past MAX_RECORD_CHARS: the pending one of several lines, else line `line`. */
  const tooLong = (line: number) => {
    if (seg !== null) {
      onMalformed(
        segStart,
        segQuoted
          ? `Quote Not Closed: no closing quote within ${MAX_RECORD_CHARS / 2 ** 20} MB`
          : `a record longer than ${MAX_RECORD_CHARS / 2 ** 20} MB`,
      );
      seg = null;
    } else {
      onMalformed(line, `a line longer than ${MAX_RECORD_CHARS / 2 ** 20} MB`);
    }
  };

  /** Hands on the complete lines of `text` from `start` (all of them when `final`), returning the rest. */
  const lines = (text: string, start: number, final: boolean): string => {
    const n = text.length;
    let pos = start;
    if (dropping) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0 && !final) return '';
      lineNo++;
      dropping = false;
      if (nl < 0) return '';
      pos = nl + 1;
    }
    let q = -1; // the next double quote at or after pos (n: none)
    let d = -1; // the next delimiter at or after pos (n: none)
    while (pos < n) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) {
        if (!final) break;
        nl = n;
      }
      lineNo++;
      if (nl - pos > MAX_RECORD_CHARS) {
        tooLong(lineNo);
        pos = nl + 1;
        continue;
      }
      if (q < pos) {
        q = text.indexOf('"', pos);
        if (q < 0) q = n;
      }
      const terminated = nl < n;
      if (seg !== null || q < nl || (crlf && terminated && text.charCodeAt(nl - 1) !== 13)) {
        segLine(text.slice(pos, nl), terminated);
      } else {
        const end = crlf && terminated ? nl - 1 : nl;
        if (end > pos) {
          const rec: string[] = [];
          let s = pos;
          for (;;) {
            if (d < s) {
              d = text.indexOf(delimiter, s);
              if (d < 0) d = n;
            }
            if (d >= end) break;
            rec.push(text.slice(s, d));
            s = d + 1;
          }
          rec.push(text.slice(s, end));
          onRecord(rec, lineNo);
        }
      }
      pos = nl + 1;
    }
    return pos >= n ? '' : text.slice(pos);
  };

  // ASCII chunks (the usual) are decoded as Latin-1, a copy, 4x faster than UTF-8 decoding; the decoder must then
  // not hold the first bytes of a character split between chunks
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let pending = false;
  let first = true;
  const decode = (chunk: Buffer): string => {
    let text: string;
    if (!pending && isAscii(chunk)) {
      text = chunk.toString('latin1');
    } else {
      text = decoder.decode(chunk, { stream: true });
      pending = chunk.length > 0 && chunk[chunk.length - 1] >= 0x80;
    }
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  };

  let rest = '';
  const consume = async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      const text = decode(chunk);
      if (rest === '') {
        rest = lines(text, 0, false);
      } else {
        // the line begun in the chunks before, then the rest of this one (not joined: that would copy it)
        const nl = text.indexOf('\n');
        if (nl < 0) {
          rest += text;
        } else {
          lines(rest + text.slice(0, nl + 1), 0, false);
          rest = lines(text, nl + 1, false);
        }
      }
      if (rest.length > MAX_RECORD_CHARS) {
        tooLong(lineNo + 1);
        rest = '';
        dropping = true;
      }
    }
  };
  await pipeline([...source.stream, consume] as unknown as [Readable, Readable]);
  lines(rest + (pending ? decoder.decode() : ''), 0, true);
  // a quoted field still open at the end (csv-parse says so), or a CRLF file's last line ending in a bare LF
  if (seg !== null) flushSeg(true);
}
