/**
 * An audit to its GeoJSON file form (docs/formats.md): the coast, one `track` feature per track (thinned
 * for drawing, with a time per vertex), one `seen` feature per coast stretch with its sightings, and with a
 * plan one `hole` feature per stretch the plan covered and the tracks did not. `summary` as a foreign member.
 * Each seen feature lists its first `maxSightings` sightings (default 500) and always `sightingsCount`. Written
 * feature by feature (auditGeoJSONText) so a months-long audit never sits in memory as one string.
 */
import type { AuditResult } from '../domain/audit.js';
import { type CoastModel, coastBetween, intervalsKm } from '../domain/coast.js';
import { drawnTrack, WRITE_OFF_KM } from '../geo/drawn.js';
import type { LonLat } from '../geo/lonlat.js';
import { drawnMulti, km, type PlanFeatureCollection, roundDeg } from './plan-geojson.js';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

const DAY_MS = 86_400_000;
/** Year 10000: from here toISOString writes six-digit years. */
const ISO_END_MS = 253_402_300_800_000;
// the day isoTime wrote last: times come in runs along a track, so its date part is mostly reused
let lastDay = Number.NaN;
let lastDate = '';

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** `YYYY-MM-DDT` of a day count since 1970-01-01 (proleptic Gregorian, civil-from-days). */
function isoDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${two(m)}-${two(d)}T`;
}

/** ISO 8601 UTC, to the second (milliseconds only when the source had them). */
export function isoTime(ms: number): string | null {
  const r = Math.round(ms);
  // whole seconds from 1970 to 9999 (nearly every time an audit writes) without a Date: the same characters
  if (r >= 0 && r < ISO_END_MS && r % 1000 === 0) {
    const day = Math.floor(r / DAY_MS);
    if (day !== lastDay) {
      lastDate = isoDate(day);
      lastDay = day;
    }
    const sec = (r - day * DAY_MS) / 1000;
    const h = Math.floor(sec / 3600);
    const mi = Math.floor((sec - h * 3600) / 60);
    return `${lastDate}${two(h)}:${two(mi)}:${two(sec - h * 3600 - mi * 60)}Z`;
  }
  const d = new Date(r);
  // beyond Date's range (+-8.64e15 ms) toISOString throws: such a time is unknown, not a crash
  if (Number.isNaN(d.getTime())) return null;
  const s = d.toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}

export type AuditFeatureCollection = PlanFeatureCollection;

export interface AuditGeoJSONOptions {
  /**
   * Months of tracks give thousands of sightings per stretch: past this many the list is cut (sightingsCount
   * and worstGapH stay exact), so the file stays a size map tools open. Default 500.
   */
  maxSightings?: number;
  /** Internal: track features without their times and coordinates (auditGeoJSONText writes those itself). */
  bareTracks?: boolean;
}

/**
 * A track's vertices split at its data gaps: [first, last] index ranges, one per gap-free part. `gapAfter`
 * holds the index of the vertex after which a gap comes.
 */
export function trackParts(n: number, gapAfter: readonly number[]): [number, number][] {
  const parts: [number, number][] = [];
  let from = 0;
  for (const g of [...gapAfter].sort((a, b) => a - b)) {
    if (g < from || g >= n - 1) continue;
    parts.push([from, g]);
    from = g + 1;
  }
  if (n > 0) parts.push([from, n - 1]);
  return parts;
}

/** One drawn part of a track, compact: positions interleaved (lon, lat, unrounded) and times in ms. */
interface DrawnPart {
  xy: Float64Array;
  t: Float64Array;
}

/** Fixes per slice drawn at a time. */
const CHUNK = 1024;

function growF64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

/**
 * Every fix of lon[a..b] within 179° of the prime meridian and every leg less than 180° of longitude: no leg
 * crosses ±180° the short way, and its geodesic (monotone in longitude) neither, so drawing never splits it.
 */
function awayFromAntimeridian(lon: readonly number[], a: number, b: number): boolean {
  for (let i = a; i <= b; i++) {
    if (!(Math.abs(lon[i]) < 179)) return false;
    if (i > a && !(Math.abs(lon[i] - lon[i - 1]) < 180)) return false;
  }
  return true;
}

/**
 * A track drawn as the file holds it (see drawnTrackParts), kept in typed arrays: a month of flying is
 * hundreds of thousands of vertices, and an array and a string per vertex outlived the young generation.
 */
function drawnTrackCompact(path: AuditResult['tracks'][number]['path']): {
  parts: DrawnPart[];
  gapsAfter: number[];
} {
  const { lon, lat, t, gapAfter } = path;
  const parts: DrawnPart[] = [];
  const gapsAfter: number[] = [];
  let written = 0;
  const pieces = trackParts(lon.length, gapAfter);
  pieces.forEach(([a, b], k) => {
    if (b > a && awayFromAntimeridian(lon, a, b)) {
      // no leg near ±180: drawnTrack gives one part, leg by leg, so it is drawn a slice of fixes at a time
      // (the same vertices and times) and its garbage stays young
      let xy: Float64Array = new Float64Array(2 * (b - a + 1));
      let tt: Float64Array = new Float64Array(b - a + 1);
      let n = 0;
      for (let from = a; from < b; from += CHUNK) {
        const to = Math.min(b, from + CHUNK);
        const coords: LonLat[] = [];
        const times: number[] = [];
        for (let i = from; i <= to; i++) {
          coords.push([lon[i], lat[i]]);
          times.push(t[i]);
        }
        const [d] = drawnTrack(coords, times, { maxOffKm: WRITE_OFF_KM });
        // each slice starts at the fix the one before ended at
        for (let i = from === a ? 0 : 1; i < d.coords.length; i++) {
          if (n === tt.length) {
            xy = growF64(xy, 4 * n);
            tt = growF64(tt, 2 * n);
          }
          xy[2 * n] = d.coords[i][0];
          xy[2 * n + 1] = d.coords[i][1];
          tt[n++] = d.times[i];
        }
      }
      parts.push({ xy: xy.slice(0, 2 * n), t: tt.slice(0, n) });
      written += n;
      if (k < pieces.length - 1) gapsAfter.push(written - 1);
      return;
    }
    const coords: LonLat[] = [];
    const times: number[] = [];
    for (let i = a; i <= b; i++) {
      coords.push([lon[i], lat[i]]);
      times.push(t[i]);
    }
    // a part of one fix is drawn as a line of zero length (a line needs two positions)
    if (coords.length === 1) {
      coords.push(coords[0]);
      times.push(times[0]);
    }
    for (const d of drawnTrack(coords, times, { maxOffKm: WRITE_OFF_KM })) {
      const n = d.coords.length;
      const xy = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        xy[2 * i] = d.coords[i][0];
        xy[2 * i + 1] = d.coords[i][1];
      }
      parts.push({ xy, t: Float64Array.from(d.times) });
      written += n;
    }
    if (k < pieces.length - 1) gapsAfter.push(written - 1);
  });
  return { parts, gapsAfter };
}

/**
 * A track as the lines the file holds (docs/formats.md, "The plan file" and "The audit file"): one part per gap-free piece, each drawn right
 * (densified until its lon/lat chords are within 0.1 km of the geodesic, split at ±180° with the crossing
 * timed), positions rounded, times in ISO. `gapsAfter` gives, for each data gap, the index (over all written
 * vertices in order) of the vertex before it; the other part breaks are the antimeridian.
 */
export function drawnTrackParts(path: AuditResult['tracks'][number]['path']): {
  parts: { coords: LonLat[]; times: (string | null)[] }[];
  gapsAfter: number[];
} {
  const { parts, gapsAfter } = lastDrawn(path);
  return {
    parts: parts.map(({ xy, t }) => ({
      coords: Array.from(t, (_, i): LonLat => [roundDeg(xy[2 * i]), roundDeg(xy[2 * i + 1])]),
      times: Array.from(t, isoTime),
    })),
    gapsAfter,
  };
}

// the last track drawn, kept for the writer that asks again right after (one track, never all of them)
let lastPath: unknown;
let lastParts: ReturnType<typeof drawnTrackCompact> | undefined;

function lastDrawn(path: AuditResult['tracks'][number]['path']): ReturnType<typeof drawnTrackCompact> {
  if (lastPath !== path || !lastParts) {
    lastParts = drawnTrackCompact(path);
    lastPath = path;
  }
  return lastParts;
}

function forgetDrawn(): void {
  lastPath = undefined;
  lastParts = undefined;
}

/** The file's `summary` member. */
export function auditSummary(
  audit: AuditResult,
  meta: { scenario: string; [extra: string]: unknown },
): Record<string, unknown> {
  const summary: Record<string, unknown> = {
    ...meta,
    coastKm: km(audit.coastKm),
    coveredKm: km(audit.coveredKm),
    coverage: r4(audit.coverage),
    worstRevisitH: audit.worstRevisitH === null ? null : r4(audit.worstRevisitH),
    worstRevisitAtKm: audit.worstRevisitAtKm === null ? null : km(audit.worstRevisitAtKm),
    worstRevisitSeenH: audit.worstRevisitSeenH === null ? null : r4(audit.worstRevisitSeenH),
    worstRevisitSeenAtKm: audit.worstRevisitSeenAtKm === null ? null : km(audit.worstRevisitSeenAtKm),
    spanStart: audit.spanStart !== undefined ? isoTime(audit.spanStart) : null,
    spanEnd: audit.spanEnd !== undefined ? isoTime(audit.spanEnd) : null,
    tracks: audit.tracks.length,
    points: audit.points,
    unseenKm: km(intervalsKm(audit.unseen)),
  };
  if (audit.plan) {
    const p = audit.plan;
    summary.planned = {
      sorties: p.sorties.length,
      flown: p.sorties.filter((s) => s.flown).length,
      plannedKm: km(p.plannedKm),
      achievedKm: km(p.achievedKm),
      achieved: r4(p.achieved),
      holesKm: km(p.holesKm),
      matchKm: p.matchKm,
      minShare: p.minShare,
      bySortie: p.sorties.map((s) => ({
        id: s.id,
        aircraft: s.aircraft,
        flown: s.flown,
        track: s.track ?? null,
        share: r4(s.share),
      })),
    };
  }
  return summary;
}

/** The features one at a time, so a large audit is written without holding the whole file in memory. */
export function* auditFeatures(
  audit: AuditResult,
  coast: CoastModel,
  opts: AuditGeoJSONOptions = {},
): Generator<Record<string, unknown>> {
  const maxSightings = opts.maxSightings ?? 500;
  yield {
    type: 'Feature',
    properties: { kind: 'coast', lengthKm: km(coast.lengthKm) },
    geometry: { type: 'MultiLineString', coordinates: drawnMulti(coast.lines.map((l) => l.coords)) },
  };
  for (const t of audit.tracks) {
    const bare = opts.bareTracks === true;
    // one part per gap-free piece, so that no GIS draws a flight across a data gap, split again at ±180°
    const { gapsAfter } = lastDrawn(t.path);
    const parts = bare ? [] : drawnTrackParts(t.path).parts;
    const multi = lastDrawn(t.path).parts.length > 1;
    const coords = bare ? [] : multi ? parts.map((p) => p.coords) : (parts[0]?.coords ?? []);
    const iso = bare ? [] : multi ? parts.map((p) => p.times) : (parts[0]?.times ?? []);
    yield {
      type: 'Feature',
      properties: {
        kind: 'track',
        id: t.id,
        aircraft: t.aircraft ?? null,
        ...(t.callsign ? { callsign: t.callsign } : {}),
        ...(t.icao24 ? { icao24: t.icao24 } : {}),
        sensorRangeKm: t.sensorRangeKm,
        points: t.points,
        start: t.start !== undefined ? isoTime(t.start) : null,
        end: t.end !== undefined ? isoTime(t.end) : null,
        distanceKm: km(t.km),
        passes: t.passes,
        coastSeenKm: km(t.coastSeenKm),
        dataGaps: t.dataGaps,
        ...(gapsAfter.length ? { gapsAfter } : {}),
        ...(bare ? {} : { times: iso }),
      },
      geometry: { type: multi ? 'MultiLineString' : 'LineString', coordinates: coords },
    };
  }
  for (const s of audit.stretches) {
    const n = s.sightingsS.length;
    yield {
      type: 'Feature',
      properties: {
        kind: 'seen',
        fromKm: km(s.fromKm),
        toKm: km(s.toKm),
        lengthKm: km(s.toKm - s.fromKm),
        sightings: Array.from(s.sightingsS.subarray(0, maxSightings), (x) => isoTime(x * 1000)),
        sightingsCount: n,
        ...(n > maxSightings ? { sightingsTruncated: true } : {}),
        ...(s.untimedPasses ? { untimedPasses: s.untimedPasses } : {}),
        worstGapH: s.worstGapH === null ? null : r4(s.worstGapH),
      },
      geometry: {
        type: 'MultiLineString',
        coordinates: drawnMulti(coastBetween(coast, s.fromKm, s.toKm)),
      },
    };
  }
  if (audit.plan) {
    for (const [a, b] of audit.plan.holes) {
      yield {
        type: 'Feature',
        properties: { kind: 'hole', fromKm: km(a), toKm: km(b), lengthKm: km(b - a) },
        geometry: { type: 'MultiLineString', coordinates: drawnMulti(coastBetween(coast, a, b)) },
      };
    }
  }
}

/** The whole file as one object (small audits, tests, the server). */
export function auditToGeoJSON(
  audit: AuditResult,
  coast: CoastModel,
  meta: { scenario: string; [extra: string]: unknown },
  opts: AuditGeoJSONOptions = {},
): AuditFeatureCollection {
  const features = [...auditFeatures(audit, coast, opts)];
  forgetDrawn();
  return { type: 'FeatureCollection', summary: auditSummary(audit, meta), features };
}

/**
 * Characters per piece of auditGeoJSONText. Small on purpose: a piece is built of many short strings that are
 * all alive until it is handed out; built to a megabyte they outlive the young generation and pile up in the
 * old one as garbage (some 20 MB more heap writing a 10M-point audit).
 */
const PIECE = 2 ** 16;

/** The file as text in pieces of about 64 KB, the same bytes as JSON.stringify(auditToGeoJSON(...)) + newline. */
export function* auditGeoJSONText(
  audit: AuditResult,
  coast: CoastModel,
  summary: Record<string, unknown>,
  opts: AuditGeoJSONOptions = {},
): Generator<string> {
  let buf = `{"type":"FeatureCollection","summary":${JSON.stringify(summary)},"features":[`;
  let first = true;
  let track = 0;
  for (const f of auditFeatures(audit, coast, { ...opts, bareTracks: true })) {
    buf += first ? '' : ',';
    first = false;
    if ((f.properties as { kind: string }).kind === 'track') {
      // tracks can have hundreds of thousands of vertices: written as they are read, no objects in between
      const t = audit.tracks[track++];
      // the parts auditFeatures just drew for this feature: a track is densified once
      const { parts } = lastDrawn(t.path);
      const multi = parts.length > 1;
      const props = JSON.stringify(f.properties);
      // every vertex part by part, in plain loops (a track has hundreds of thousands: no object per vertex)
      const open = (k: number) => `${k ? '],' : ''}${multi ? '[' : ''}`;
      buf += `{"type":"Feature","properties":${props.slice(0, -1)},"times":[`;
      for (let k = 0; k < parts.length; k++) {
        const times = parts[k].t;
        for (let i = 0; i < times.length; i++) {
          const iso = isoTime(times[i]);
          buf += `${i === 0 ? open(k) : ','}${iso === null ? 'null' : `"${iso}"`}`;
          if (buf.length > PIECE) {
            yield buf;
            buf = '';
          }
        }
      }
      buf += `${multi ? ']' : ''}]},"geometry":{"type":"${multi ? 'MultiLineString' : 'LineString'}","coordinates":[`;
      for (let k = 0; k < parts.length; k++) {
        const xy = parts[k].xy;
        for (let i = 0; i < xy.length; i += 2) {
          buf += `${i === 0 ? open(k) : ','}[${roundDeg(xy[i])},${roundDeg(xy[i + 1])}]`;
          if (buf.length > PIECE) {
            yield buf;
            buf = '';
          }
        }
      }
      buf += multi ? ']' : '';
      buf += ']}}';
    } else buf += JSON.stringify(f);
    if (buf.length > PIECE) {
      yield buf;
      buf = '';
    }
  }
  forgetDrawn();
  yield `${buf}]}\n`;
}
