/**
 * The coast as the planner sees it: lines measured along their length, and samples at most `sampleKm`
 * apart at which coverage is decided. Positions along the coast ("coast km") run through the lines in
 * their order, as docs/formats.md says for `covers`.
 */
import { distanceKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { wrapLon } from '../geo/lonlat.js';
import type { CoastLine } from './scenario.js';

export interface CoastModel {
  lines: CoastLine[];
  /** Coast km at which each line starts; lineStartKm[lines.length] is the total length. */
  lineStartKm: number[];
  /** Cumulative km at each vertex of each line, from the line's start. */
  vertexKm: Float64Array[];
  lengthKm: number;
  samples: CoastSamples;
}

export interface CoastSamples {
  count: number;
  lon: Float64Array;
  lat: Float64Array;
  /** Position along the coast, km. */
  km: Float64Array;
  /** Which line the sample is on. */
  line: Uint32Array;
  /** The stretch of coast the sample stands for: [lo, hi] km, meeting its neighbours halfway. */
  lo: Float64Array;
  hi: Float64Array;
}

export function buildCoastModel(lines: readonly CoastLine[], sampleKm: number): CoastModel {
  const lineStartKm: number[] = [0];
  const vertexKm: Float64Array[] = [];
  let total = 0;
  for (const line of lines) {
    const cum = new Float64Array(line.coords.length);
    for (let i = 1; i < line.coords.length; i++)
      cum[i] = cum[i - 1] + distanceKm(line.coords[i - 1], line.coords[i]);
    vertexKm.push(cum);
    total += cum[cum.length - 1] ?? 0;
    lineStartKm.push(total);
  }
  const lon: number[] = [];
  const lat: number[] = [];
  const km: number[] = [];
  const lineOf: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  lines.forEach((line, li) => {
    const cum = vertexKm[li];
    const L = cum[cum.length - 1] ?? 0;
    const start = lineStartKm[li];
    // a closed ring's last vertex repeats its first: sample it once
    const n = Math.max(1, Math.ceil(L / sampleKm));
    const last = line.closed ? n - 1 : n;
    const step = L / n;
    let seg = 0;
    const first = lon.length;
    for (let k = 0; k <= last; k++) {
      const d = k === n ? L : k * step;
      while (seg < cum.length - 2 && cum[seg + 1] < d) seg++;
      const p = pointOnSegment(line.coords, cum, seg, d);
      lon.push(p[0]);
      lat.push(p[1]);
      km.push(start + d);
      lineOf.push(li);
    }
    const count = lon.length - first;
    // each sample stands for the coast halfway to its neighbours; a ring's closing half step goes to its last
    for (let k = 0; k < count; k++) {
      lo.push(k === 0 ? start : (km[first + k - 1] + km[first + k]) / 2);
      hi.push(k === count - 1 ? start + L : (km[first + k] + km[first + k + 1]) / 2);
    }
  });
  return {
    lines: [...lines],
    lineStartKm,
    vertexKm,
    lengthKm: total,
    samples: {
      count: lon.length,
      lon: Float64Array.from(lon),
      lat: Float64Array.from(lat),
      km: Float64Array.from(km),
      line: Uint32Array.from(lineOf),
      lo: Float64Array.from(lo),
      hi: Float64Array.from(hi),
    },
  };
}

function pointOnSegment(coords: readonly LonLat[], cum: Float64Array, seg: number, d: number): LonLat {
  if (coords.length === 1) return coords[0];
  const a = coords[seg];
  const b = coords[seg + 1];
  const len = cum[seg + 1] - cum[seg];
  const t = len > 0 ? Math.min(1, Math.max(0, (d - cum[seg]) / len)) : 0;
  // vertices are at most a few km apart in real coasts: linear interpolation in lon/lat is metres off
  return [a[0] + wrapLon(b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** The coast between two coast-km positions as lines of [lon, lat] (for gap and seen features). */
export function coastBetween(model: CoastModel, fromKm: number, toKm: number): LonLat[][] {
  const out: LonLat[][] = [];
  model.lines.forEach((line, li) => {
    const start = model.lineStartKm[li];
    const end = model.lineStartKm[li + 1];
    const a = Math.max(fromKm, start);
    const b = Math.min(toKm, end);
    if (b <= a) return;
    const cum = model.vertexKm[li];
    const da = a - start;
    const db = b - start;
    const piece: LonLat[] = [];
    let seg = 0;
    while (seg < cum.length - 2 && cum[seg + 1] < da) seg++;
    piece.push(pointOnSegment(line.coords, cum, seg, da));
    for (let v = seg + 1; v < cum.length && cum[v] < db; v++) piece.push(line.coords[v]);
    let segB = seg;
    while (segB < cum.length - 2 && cum[segB + 1] < db) segB++;
    piece.push(pointOnSegment(line.coords, cum, segB, db));
    if (piece.length >= 2) out.push(piece);
  });
  return out;
}

/** Merges sorted-or-not [from, to] km intervals that touch or overlap. */
export function mergeIntervals(intervals: readonly [number, number][], eps = 1e-9): [number, number][] {
  const sorted = [...intervals].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + eps) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Total length (km) of coast intervals that do not overlap. */
export function intervalsKm(iv: readonly (readonly [number, number])[]): number {
  return iv.reduce((s, [a, b]) => s + (b - a), 0);
}

/** Turns a per-sample flag into coast-km intervals, using each sample's [lo, hi] stretch. */
export function samplesToIntervals(samples: CoastSamples, flag: (i: number) => boolean): [number, number][] {
  return sampleRuns(samples, flag).map((r) => r.interval);
}

/** samplesToIntervals with the samples of each interval, in one pass. */
export function sampleRuns(
  samples: CoastSamples,
  flag: (i: number) => boolean,
): { interval: [number, number]; samples: number[] }[] {
  const out: { interval: [number, number]; samples: number[] }[] = [];
  for (let i = 0; i < samples.count; i++) {
    if (!flag(i)) continue;
    const last = out[out.length - 1];
    if (last && Math.abs(last.interval[1] - samples.lo[i]) < 1e-9) {
      last.interval[1] = samples.hi[i];
      last.samples.push(i);
    } else out.push({ interval: [samples.lo[i], samples.hi[i]], samples: [i] });
  }
  return out;
}
