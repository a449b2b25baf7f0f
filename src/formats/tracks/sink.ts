/**
 * Where every reader puts its fixes: per-track column buffers that are handed out as FixBatches when full, plus
 * the count and the first 100 of the skipped rows. Memory stays bounded however many tracks a file interleaves:
 * buffers start small, and when all of them together hold too many fixes they are all flushed.
 */
import type { FixBatch, SkippedFix } from '../../domain/track.js';

/** How many skipped rows a report names; the rest are only counted. */
export const MAX_SKIPPED_KEPT = 100;

export interface TrackMeta {
  callsign?: string;
  icao24?: string;
  name?: string;
}

export interface TrackBuffer {
  readonly key: string;
  callsign?: string;
  icao24?: string;
  name?: string;
  /** Fixes buffered now. */
  n: number;
  /** Fixes added in all. */
  total: number;
  t: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  altM: Float64Array;
}

/** Callsigns as every reader keeps them: trimmed, upper-case, undefined when blank. */
export function normCallsign(s: string | null | undefined): string | undefined {
  if (s == null) return undefined;
  const v = s.trim().toUpperCase();
  return v === '' || v === 'NA' || v === 'NULL' ? undefined : v;
}

/** ICAO 24-bit addresses as lower-case hex (tar1090's `~` prefix for non-ICAO addresses is kept). */
export function normIcao24(s: string | null | undefined): string | undefined {
  if (s == null) return undefined;
  const v = s.trim().toLowerCase();
  return v === '' || v === 'na' || v === 'null' ? undefined : v;
}

/**
 * A copy of `s` that keeps no larger string alive: V8 makes a substring of 13 or more characters a view of its
 * parent, so a field cut from a 1 MB chunk of CSV and kept (a track key, a skip message) would keep the chunk.
 */
export function ownString(s: string): string;
export function ownString(s: string | undefined): string | undefined;
export function ownString(s: string | undefined): string | undefined {
  return s === undefined || s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

/** Why a position cannot be used, or null when it can. */
export function badLonLat(lon: number, lat: number): string | null {
  if (Number.isNaN(lat) || Number.isNaN(lon))
    return 'no position (latitude or longitude missing or not a number)';
  if (!(lat >= -90 && lat <= 90)) return `latitude ${lat} is outside -90..90`;
  if (!(lon >= -180 && lon <= 180)) return `longitude ${lon} is outside -180..180`;
  return null;
}

/** Fix times outside 1900-2200 UTC are refused: no aircraft flew before, and beyond Date's range they would crash. */
export const MIN_FIX_MS = Date.UTC(1900, 0, 1);
export const MAX_FIX_MS = Date.UTC(2200, 0, 1);

/** Why a fix time cannot be used, or null when it can (NaN: an untimed fix, which is fine). */
export function badTime(t: number): string | null {
  if (t >= MIN_FIX_MS && t <= MAX_FIX_MS) return null;
  if (Number.isNaN(t)) return null;
  return `time ${Number.isFinite(t) ? t : String(t)} ms is outside the years 1900 to 2200 (a wrong unit or a corrupt value?)`;
}

/** Labels made unique within a file by appending `/2`, `/3`... to repeats. */
export function uniqueLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return n === 1 ? l : `${l}/${n}`;
  });
}

export class FixSink {
  fixes = 0;
  skippedCount = 0;
  readonly skipped: SkippedFix[] = [];
  readonly notes: string[] = [];
  private readonly tracks = new Map<string, TrackBuffer>();
  private buffered = 0;
  private readonly maxBuffered: number;

  /**
   * `reuse`: the consumer is done with a batch when onBatch returns, so a full buffer is handed out and then
   * filled again rather than replaced (a big file then makes no garbage arrays).
   */
  constructor(
    private readonly onBatch: (b: FixBatch) => void,
    private readonly batchSize = 65536,
    maxBuffered?: number,
    private readonly reuse = false,
  ) {
    this.maxBuffered = maxBuffered ?? Math.max(batchSize, 1 << 18);
  }

  /** Tracks that received at least one fix. */
  trackCount = 0;

  /** The buffer of track `key`, opened on first use with the given metadata. */
  open(key: string, meta: TrackMeta = {}): TrackBuffer {
    let tb = this.tracks.get(key);
    if (!tb) {
      const cap = Math.min(64, this.batchSize);
      tb = {
        key: ownString(key),
        callsign: ownString(meta.callsign),
        icao24: ownString(meta.icao24),
        name: ownString(meta.name),
        n: 0,
        total: 0,
        t: new Float64Array(cap),
        lon: new Float64Array(cap),
        lat: new Float64Array(cap),
        altM: new Float64Array(cap),
      };
      this.tracks.set(tb.key, tb);
    }
    return tb;
  }

  /** Sets the callsign of the fixes that follow; a change closes the current batch so each batch has one. */
  setCallsign(tb: TrackBuffer, callsign: string | undefined): void {
    if (callsign === undefined || callsign === tb.callsign) return;
    if (tb.n > 0 && tb.callsign !== undefined) this.flush(tb);
    tb.callsign = ownString(callsign);
  }

  /**
   * Appends a fix whose position the caller has checked (see badLonLat); a time outside 1900-2200 is skipped
   * naming `where()` (else the track). Returns whether it was added.
   */
  add(tb: TrackBuffer, t: number, lon: number, lat: number, altM: number, where?: () => string): boolean {
    if (!(t >= MIN_FIX_MS && t <= MAX_FIX_MS) && !Number.isNaN(t)) {
      this.skip(where ? where() : tb.key, badTime(t)!);
      return false;
    }
    let n = tb.n;
    if (n === tb.t.length) {
      this.grow(tb);
      n = tb.n;
    }
    tb.t[n] = t;
    tb.lon[n] = lon;
    tb.lat[n] = lat;
    tb.altM[n] = altM;
    tb.n = n + 1;
    if (tb.total++ === 0) this.trackCount++;
    this.fixes++;
    this.buffered++;
    if (tb.n === this.batchSize) this.flush(tb);
    else if (this.buffered >= this.maxBuffered) this.flushAll();
    return true;
  }

  /** Checks the position, then adds the fix or skips it naming `where()`. Returns whether it was added. */
  addChecked(
    tb: TrackBuffer,
    t: number,
    lon: number,
    lat: number,
    altM: number,
    where: () => string,
  ): boolean {
    const bad = badLonLat(lon, lat);
    if (bad) {
      this.skip(where(), bad);
      return false;
    }
    return this.add(tb, t, lon, lat, Number.isFinite(altM) ? altM : Number.NaN, where);
  }

  skip(where: string, why: string): void {
    this.skippedCount++;
    if (this.skipped.length < MAX_SKIPPED_KEPT)
      this.skipped.push({ where: ownString(where), why: ownString(why) });
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  flush(tb: TrackBuffer): void {
    const n = tb.n;
    if (n === 0) return;
    const full = n === tb.t.length;
    const batch: FixBatch = {
      track: tb.key,
      t: full ? tb.t : tb.t.slice(0, n),
      lon: full ? tb.lon : tb.lon.slice(0, n),
      lat: full ? tb.lat : tb.lat.slice(0, n),
      altM: full ? tb.altM : tb.altM.slice(0, n),
    };
    if (tb.callsign !== undefined) batch.callsign = tb.callsign;
    if (tb.icao24 !== undefined) batch.icao24 = tb.icao24;
    if (tb.name !== undefined) batch.name = tb.name;
    if (full && !this.reuse) {
      // the consumer owns the handed-out arrays, so a full buffer is replaced rather than reused
      const cap = tb.t.length;
      tb.t = new Float64Array(cap);
      tb.lon = new Float64Array(cap);
      tb.lat = new Float64Array(cap);
      tb.altM = new Float64Array(cap);
    }
    this.buffered -= n;
    tb.n = 0;
    this.onBatch(batch);
  }

  flushAll(): void {
    for (const tb of this.tracks.values()) this.flush(tb);
    this.buffered = 0;
  }

  private grow(tb: TrackBuffer): void {
    const cap = Math.min(this.batchSize, tb.t.length * 2);
    const grow = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    tb.t = grow(tb.t);
    tb.lon = grow(tb.lon);
    tb.lat = grow(tb.lat);
    tb.altM = grow(tb.altM);
  }
}

/** What every reader gets: where the fixes go and how to name the file in keys and messages. */
export interface ReadContext {
  /** The path as the user gave it: skipped rows and errors name it (`path:line`). */
  path: string;
  /** The file's base name: tracks are keyed `base` when the file holds one, else `base#label`. */
  base: string;
  sink: FixSink;
}

/** What a reader reports besides its fixes. */
export interface ReaderResult {
  /** The detected format (ReadReport.format). */
  format: string;
  /** Why the file gave no fix, when it gave none and the reason is not just the skipped rows. */
  emptyWhy?: string;
}

/** Track keys for the labelled tracks of a whole-file reader: the base name alone when there is one track. */
export function keysFor(base: string, labels: readonly string[]): string[] {
  if (labels.length === 1) return [base];
  return uniqueLabels(labels).map((l) => `${base}#${l}`);
}
