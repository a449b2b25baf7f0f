/**
 * Lines as GeoJSON readers draw them (CONTRACT section 3): RFC 7946 readers join consecutive positions with a
 * straight line in lon/lat, so each geodesic leg is cut until that straight line stays within `maxSagKm` of the
 * geodesic, and lines are split where they cross the antimeridian (RFC 7946 section 3.1.9).
 *
 * The `verify` branch is adding a shared densify/split function to src/geo; until it lands, this is the one the
 * exports use (the lead can point these callers at it at merge).
 */
import { fastDistanceKm } from './frame.js';
import { interpolate } from './geodesic.js';
import type { LonLat } from './lonlat.js';
import { wrapLon } from './lonlat.js';

export interface DrawnLineOptions {
  /** Largest distance between the drawn straight lon/lat line and the geodesic, km. Default 0.1. */
  maxSagKm?: number;
  /** Also cut legs longer than this, km (readers that treat long hops as gaps). Default: no limit. */
  maxStepKm?: number;
}

/** A line with a time per vertex (epoch ms, or NaN for none). */
export interface TimedLine {
  coords: LonLat[];
  times: number[];
}

/** Fractions t in (0, 1) at which the geodesic a->b gets a vertex, ascending. */
function cuts(a: LonLat, b: LonLat, sag: number, step: number, depth = 0): number[] {
  const dlon = wrapLon(b[0] - a[0]);
  const len = fastDistanceKm(a, b);
  if (len < 1e-6 || depth > 20) return [];
  // the drawn point half way, as a reader draws it (lon unwrapped), against the geodesic's half-way point
  const m = interpolate(a, b, 0.5);
  const drawn: LonLat = [a[0] + dlon / 2, (a[1] + b[1]) / 2];
  const off = fastDistanceKm(m, drawn);
  if (off <= sag && len <= step) return [];
  const left = cuts(a, m, sag, step, depth + 1).map((t) => t / 2);
  const right = cuts(m, b, sag, step, depth + 1).map((t) => 0.5 + t / 2);
  return [...left, 0.5, ...right];
}

/**
 * The path (legs are geodesics) densified and split at the antimeridian: one or more lines whose straight
 * lon/lat segments stay within `maxSagKm` of the geodesic legs. Times, when given, are interpolated along
 * each leg by distance.
 */
export function drawnTimedLines(
  path: readonly LonLat[],
  times: readonly number[] | undefined,
  opts: DrawnLineOptions = {},
): TimedLine[] {
  const sag = opts.maxSagKm ?? 0.1;
  const step = opts.maxStepKm ?? Infinity;
  const dense: LonLat[] = [];
  const dt: number[] = [];
  for (let i = 0; i < path.length; i++) {
    const p = path[i];
    const t = times ? times[i] : NaN;
    if (i > 0) {
      const a = path[i - 1];
      const ta = times ? times[i - 1] : NaN;
      for (const f of cuts(a, p, sag, step)) {
        dense.push(interpolate(a, p, f));
        dt.push(ta + (t - ta) * f);
      }
    }
    dense.push([p[0], p[1]]);
    dt.push(t);
  }
  return splitAtAntimeridian(dense, dt);
}

/** drawnTimedLines without times. */
export function drawnLines(path: readonly LonLat[], opts: DrawnLineOptions = {}): LonLat[][] {
  return drawnTimedLines(path, undefined, opts).map((l) => l.coords);
}

/**
 * Splits where consecutive positions are drawn across the antimeridian (|dlon| > 180 as given), each piece
 * ending and the next starting on it at the latitude of the straight lon/lat line there.
 */
export function splitAtAntimeridian(coords: readonly LonLat[], times: readonly number[]): TimedLine[] {
  const out: TimedLine[] = [];
  let cur: TimedLine = { coords: [], times: [] };
  for (let i = 0; i < coords.length; i++) {
    const p = coords[i];
    if (i > 0) {
      const a = coords[i - 1];
      const raw = p[0] - a[0];
      if (Math.abs(raw) > 180) {
        // crossing: a reader would draw it the long way round; cut at +-180
        const east = raw < 0; // a near +180 heading east to p near -180
        const edge = east ? 180 : -180;
        const pu = p[0] + (east ? 360 : -360);
        const f = (edge - a[0]) / (pu - a[0]);
        const lat = a[1] + (p[1] - a[1]) * f;
        const t = times[i - 1] + (times[i] - times[i - 1]) * f;
        if (a[0] !== edge) {
          cur.coords.push([edge, lat]);
          cur.times.push(t);
        }
        if (cur.coords.length >= 2) out.push(cur);
        cur = { coords: [], times: [] };
        if (p[0] !== -edge) {
          cur.coords.push([-edge, lat]);
          cur.times.push(t);
        }
      }
    }
    cur.coords.push(p);
    cur.times.push(times[i]);
  }
  if (cur.coords.length >= 2) out.push(cur);
  else if (out.length === 0 && cur.coords.length === 1)
    out.push({ coords: [cur.coords[0], cur.coords[0]], times: [cur.times[0], cur.times[0]] });
  return out;
}

/**
 * Joins lines that a writer split at the antimeridian back into one path: a line ending on +-180 followed by
 * one starting on the other side at the same latitude continues it.
 */
export function joinAtAntimeridian(lines: readonly (readonly LonLat[])[]): LonLat[][] {
  const out: LonLat[][] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    const end = prev?.[prev.length - 1];
    const start = l[0];
    if (
      prev &&
      end &&
      start &&
      Math.abs(Math.abs(end[0]) - 180) < 1e-9 &&
      Math.abs(Math.abs(start[0]) - 180) < 1e-9 &&
      Math.abs(end[1] - start[1]) < 1e-6
    ) {
      // the two cut points are one place: keep neither, the geodesic between their neighbours is the leg
      prev.pop();
      prev.push(...l.slice(1));
    } else out.push(l.map((p) => [p[0], p[1]] as LonLat));
  }
  return out;
}
