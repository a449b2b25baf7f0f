/**
 * Reading flown tracks: one entry point for every format, told apart by content (the extension only breaks
 * ties), gzip-compressed or not. CSV streams in bounded memory; the other formats are read whole (they are
 * small in practice, see each reader). Fixes go out in columnar batches (domain/track.ts).
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import { CoastwatchError, inputError } from '../../domain/errors.js';
import { type FixBatch, type ReadReport, type Track, timeOrder } from '../../domain/track.js';
import { detectCsvLayout, detectDelimiter, readCsv } from './csv.js';
import { readGeoJson } from './geojson.js';
import { readGpx } from './gpx.js';
import { readIgc } from './igc.js';
import { readKml, readKmz } from './kml.js';
import { readReadsb } from './readsb.js';
import { FixSink, type ReadContext, type ReaderResult } from './sink.js';

export interface TrackReadOptions {
  /** Called now and then with bytes consumed so far and the file's size (for a progress bar). */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Max fixes per batch (default 65536). */
  batchSize?: number;
  /**
   * The caller keeps no batch (nor its arrays) once onBatch returns: the arrays are then filled again for the
   * next batch, which spares a big file tens of MB of garbage awaiting collection. Default false.
   */
  reuseArrays?: boolean;
}

export const KNOWN_FORMATS =
  'GPX (1.0/1.1 tracks and routes), KML (gx:Track, LineString, timed Points), KMZ, GeoJSON (LineStrings, ' +
  'with coordinateProperties.times or coordTimes), IGC, CSV (plain time,lat,lon[,alt][,callsign], OpenSky ' +
  'state vectors, Flightradar24 exports), readsb/tar1090 trace JSON; any of them gzip-compressed';

/** Most a whole-file format may decompress to; CSV streams and has no limit. */
const WHOLE_FILE_CAP = 1024 * 2 ** 20;
const SNIFF_BYTES = 64 * 1024;
/**
 * CSV is read in chunks this big: each becomes a string of the same length, and below V8's large-object size
 * (128 KB) chunk and string die young, where 1 MB chunks pile up as garbage (some 30 MB more peak memory on a
 * 10M-point audit) and read no faster.
 */
const CSV_CHUNK = 64 * 1024;

type Kind = 'gpx' | 'kml' | 'kmz' | 'geojson' | 'readsb' | 'igc' | 'csv';

/**
 * One entry per track format: `sniff` tells it from the start of the (decompressed) text, `ext` (lower-case,
 * with dot) breaking ties; `read` reads a whole file's bytes. CSV has no `read`: it streams (readTrackFile).
 * The first entry whose sniff says yes wins, so the order matters. Adding a format is one entry here.
 */
export interface TrackFormat {
  kind: Kind;
  sniff(s: string, ext: string): boolean;
  read?: (bytes: Uint8Array, ctx: ReadContext) => ReaderResult;
}

const GPX_TAG = /<(?:\w+:)?gpx[\s>]/;
const KML_TAG = /<(?:\w+:)?(?:kml|Document|Placemark|Folder)[\s>]/;
const isXml = (s: string) => s.startsWith('<');
const isJson = (s: string) => s.startsWith('{') || s.startsWith('[');
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

export const TRACK_FORMATS: readonly TrackFormat[] = [
  {
    kind: 'gpx',
    sniff: (s, ext) => isXml(s) && (GPX_TAG.test(s) || (!KML_TAG.test(s) && ext === '.gpx')),
    read: (b, ctx) => readGpx(text(b), ctx),
  },
  {
    kind: 'kml',
    sniff: (s, ext) => isXml(s) && (KML_TAG.test(s) || ext === '.kml'),
    read: (b, ctx) => readKml(text(b), ctx),
  },
  // a zip archive: told apart by its magic bytes, not by text
  { kind: 'kmz', sniff: () => false, read: (b, ctx) => readKmz(b, ctx) },
  {
    kind: 'readsb',
    sniff: (s) => isJson(s) && /"trace"\s*:\s*\[/.test(s),
    read: (b, ctx) => readReadsb(text(b), ctx),
  },
  {
    kind: 'geojson',
    sniff: (s, ext) => isJson(s) && (/"type"\s*:/.test(s) || ext === '.geojson' || ext === '.json'),
    read: (b, ctx) => readGeoJson(text(b), ctx),
  },
  {
    kind: 'igc',
    sniff: (s, ext) =>
      !isXml(s) &&
      !isJson(s) &&
      ((/^A\w{3}/.test(s) && /^(?:H[FOP]\w{3}|B\d{6})/m.test(s)) ||
        /^B\d{13}[NS]\d{8}[EW][AV]/m.test(s) ||
        (ext === '.igc' && /^[A-Z]/.test(s))),
    read: (b, ctx) => readIgc(text(b), ctx),
  },
  { kind: 'csv', sniff: (s) => !isXml(s) && !isJson(s) && detectDelimiter(s.split(/\r?\n/, 1)[0]) !== null },
];

/** The format of a file from the start of its (decompressed) text; `ext` (lower-case, with dot) breaks ties. */
export function detectKind(sniff: string, ext: string): Kind | null {
  const s = sniff.replace(/^\uFEFF/, '').trimStart();
  return TRACK_FORMATS.find((f) => f.sniff(s, ext))?.kind ?? null;
}

async function readHead(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The first bytes of the decompressed content of a gzip file. */
async function gunzipHead(path: string, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  const rs = createReadStream(path, { highWaterMark: 64 * 1024 });
  const gz = createGunzip();
  rs.pipe(gz);
  try {
    for await (const c of gz) {
      chunks.push(c as Buffer);
      got += (c as Buffer).length;
      if (got >= n) break;
    }
  } finally {
    rs.destroy();
    gz.destroy();
  }
  return Buffer.concat(chunks).subarray(0, n);
}

/** A failed system call or corrupt compressed data: the file's fault, not ours (a bug keeps its own error). */
function isFsOrZlibError(e: unknown): e is NodeJS.ErrnoException {
  const err = e as NodeJS.ErrnoException;
  return typeof err?.syscall === 'string' || (typeof err?.code === 'string' && err.code.startsWith('Z_'));
}

function unreadable(path: string, e: unknown): CoastwatchError {
  const err = e as NodeJS.ErrnoException;
  const why =
    err.code === 'ENOENT'
      ? 'no such file: check the path'
      : err.code === 'EACCES'
        ? 'permission denied'
        : err.code?.startsWith('Z_')
          ? `the gzip data is corrupt (${err.message}); check that the file was copied whole`
          : err.message;
  return inputError('track.unreadable', `cannot read the track file: ${why}`, path);
}

function tooBigError(path: string): CoastwatchError {
  return inputError(
    'track.unreadable',
    `cannot read the track file: it is more than ${WHOLE_FILE_CAP / 2 ** 20} MB of a format read whole (XML, JSON, IGC); ` +
      'split it, or convert it to CSV, which streams',
    path,
  );
}

function noFixesWhy(res: ReaderResult, sink: FixSink): string {
  if (sink.skippedCount > 0) {
    const first = sink.skipped
      .slice(0, 3)
      .map((s) => `${s.where}: ${s.why}`)
      .join('; ');
    const all =
      sink.skippedCount === 1 ? 'its only fix was skipped' : `all ${sink.skippedCount} fixes were skipped`;
    return `${all} (${first}${sink.skippedCount > 3 ? '; ...' : ''})`;
  }
  return res.emptyWhy ?? 'it holds no track points';
}

/**
 * Reads one file of any supported format (detected from content, extension as a hint), calling onBatch with
 * batches of fixes (each batch belongs to one track; fixes in file order). Resolves with the report.
 * Throws CoastwatchError kind 'input': code 'track.unreadable' (missing file, corrupt compression),
 * 'track.unknown-format' (names the formats it knows), 'track.no-fixes' (a file with no usable fix: says why,
 * e.g. the first skipped reasons).
 */
export async function readTrackFile(
  path: string,
  onBatch: (b: FixBatch) => void,
  opts: TrackReadOptions = {},
): Promise<ReadReport> {
  const batchSize = opts.batchSize ?? 65536;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw inputError('track.options', `batchSize must be a positive integer, got ${batchSize}`);
  }
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) {
      throw inputError(
        'track.unreadable',
        'cannot read the track file: it is a folder; give the files in it',
        path,
      );
    }
    size = st.size;
  } catch (e) {
    throw e instanceof CoastwatchError ? e : unreadable(path, e);
  }
  if (size === 0) throw inputError('track.no-fixes', 'no usable fix: the file is empty (0 bytes)', path);

  const sink = new FixSink(onBatch, batchSize, undefined, opts.reuseArrays === true);
  const ctx: ReadContext = { path, base: basename(path), sink };
  const onProgress = opts.onProgress;
  let res: ReaderResult;
  try {
    const head = await readHead(path, 4);
    const gz = head[0] === 0x1f && head[1] === 0x8b;
    const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
    const ext = extname(gz ? path.replace(/\.gz$/i, '') : path).toLowerCase();
    const sniff = zip
      ? ''
      : new TextDecoder().decode(
          gz ? await gunzipHead(path, SNIFF_BYTES) : await readHead(path, SNIFF_BYTES),
        );
    const kind: Kind | null = zip ? 'kmz' : detectKind(sniff, ext);
    if (kind === null) {
      if (sniff.trim() === '')
        throw inputError('track.no-fixes', 'no usable fix: the file holds only blanks', path);
      const start = JSON.stringify(
        sniff
          .replace(/^\uFEFF/, '')
          .trimStart()
          .slice(0, 30),
      );
      throw inputError(
        'track.unknown-format',
        `not a track format coastwatch reads (it starts with ${start}); it reads ${KNOWN_FORMATS}`,
        path,
      );
    }
    onProgress?.(0, size);
    if (kind === 'csv') {
      const firstLine = sniff
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .find((l) => l.trim() !== '')!;
      const layout = detectCsvLayout(firstLine);
      if ('error' in layout) {
        throw inputError(
          'track.unknown-format',
          `a CSV coastwatch cannot read: ${layout.error}; it reads ${KNOWN_FORMATS}`,
          path,
        );
      }
      const rs = createReadStream(path, { highWaterMark: CSV_CHUNK });
      const stream = gz ? [rs, createGunzip({ chunkSize: CSV_CHUNK })] : [rs];
      const source = { stream, bytesRead: () => rs.bytesRead, size, head: sniff };
      res = await readCsv(layout, source, ctx, onProgress);
    } else {
      if (size > WHOLE_FILE_CAP) throw tooBigError(path);
      let bytes: Uint8Array = await readFile(path);
      if (gz) bytes = gunzipSync(bytes, { maxOutputLength: WHOLE_FILE_CAP });
      res = TRACK_FORMATS.find((f) => f.kind === kind)!.read!(bytes, ctx);
      onProgress?.(size, size);
    }
  } catch (e) {
    if (e instanceof CoastwatchError) throw e;
    if ((e as NodeJS.ErrnoException)?.code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength/.test(String(e))) {
      throw tooBigError(path);
    }
    if (isFsOrZlibError(e)) throw unreadable(path, e);
    throw e;
  }
  sink.flushAll();
  if (sink.fixes === 0) throw inputError('track.no-fixes', `no usable fix: ${noFixesWhy(res, sink)}`, path);
  const report: ReadReport = {
    format: res.format,
    fixes: sink.fixes,
    skippedCount: sink.skippedCount,
    skipped: sink.skipped,
    tracks: sink.trackCount,
  };
  if (sink.notes.length > 0) report.notes = sink.notes;
  return report;
}

interface Parts {
  batches: FixBatch[];
  n: number;
  callsigns: string[];
  icao24?: string;
  name?: string;
}

/** Convenience for small files and tests: whole tracks, each sorted by time (stable). */
export async function readTracks(
  path: string,
  opts?: TrackReadOptions,
): Promise<{ tracks: Track[]; report: ReadReport }> {
  const parts = new Map<string, Parts>();
  const report = await readTrackFile(
    path,
    (b) => {
      let p = parts.get(b.track);
      if (!p) {
        p = { batches: [], n: 0, callsigns: [] };
        parts.set(b.track, p);
      }
      p.batches.push(b);
      p.n += b.t.length;
      if (b.callsign !== undefined && !p.callsigns.includes(b.callsign)) p.callsigns.push(b.callsign);
      p.icao24 ??= b.icao24;
      p.name ??= b.name;
    },
    opts,
  );
  const tracks: Track[] = [];
  for (const [id, p] of parts) {
    const cols = { t: new Float64Array(p.n), lon: new Float64Array(p.n), lat: new Float64Array(p.n) };
    const altM = new Float64Array(p.n);
    let at = 0;
    for (const b of p.batches) {
      cols.t.set(b.t, at);
      cols.lon.set(b.lon, at);
      cols.lat.set(b.lat, at);
      altM.set(b.altM, at);
      at += b.t.length;
    }
    const order = timeOrder(cols.t);
    const reorder = (a: Float64Array) => (order ? Float64Array.from(order, (i) => a[i]) : a);
    const track: Track = {
      id,
      source: path,
      t: reorder(cols.t),
      lon: reorder(cols.lon),
      lat: reorder(cols.lat),
      altM: reorder(altM),
    };
    if (p.callsigns.length > 0) {
      track.callsign = p.callsigns[0];
      track.callsigns = p.callsigns;
    }
    if (p.icao24 !== undefined) track.icao24 = p.icao24;
    if (p.name !== undefined) track.name = p.name;
    tracks.push(track);
  }
  return { tracks, report };
}
