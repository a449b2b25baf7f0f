/**
 * A static index over the segments of many polylines (a coast), answering "how far is the nearest segment"
 * and "does this short segment keep at least d away" quickly. Built on flatbush over lon/lat boxes; distances
 * are local-frame approximations (frame.ts), good to ~0.05% at the ranges the planner asks about.
 */
import Flatbush from 'flatbush';
import { degreePadding, fastDistanceKmXY, kxAt, kyAt } from './frame.js';
import type { LonLat } from './lonlat.js';
import { wrapLon } from './lonlat.js';

export interface NearestSegment {
  km: number;
  /** The closest point on the polylines. */
  point: LonLat;
  /** Which polyline and which segment (vertex index of its start). */
  line: number;
  segment: number;
  /** Segment id within the index, and where along it the closest point is (0..1). */
  id: number;
  t: number;
}

export class SegmentIndex {
  readonly ax: Float64Array;
  readonly ay: Float64Array;
  readonly bx: Float64Array;
  readonly by: Float64Array;
  readonly lineOf: Uint32Array;
  readonly segOf: Uint32Array;
  readonly size: number;
  private readonly index: Flatbush | null;
  private readonly minX: number;
  private readonly maxX: number;

  constructor(lines: readonly (readonly LonLat[])[]) {
    let n = 0;
    for (const l of lines) n += Math.max(0, l.length - 1);
    this.size = n;
    this.ax = new Float64Array(n);
    this.ay = new Float64Array(n);
    this.bx = new Float64Array(n);
    this.by = new Float64Array(n);
    this.lineOf = new Uint32Array(n);
    this.segOf = new Uint32Array(n);
    this.index = n > 0 ? new Flatbush(n) : null;
    let k = 0;
    lines.forEach((l, li) => {
      for (let i = 0; i + 1 < l.length; i++) {
        const a = l[i];
        // keep b on a's side of the antimeridian so boxes stay small
        const b: LonLat = [a[0] + wrapLon(l[i + 1][0] - a[0]), l[i + 1][1]];
        this.ax[k] = a[0];
        this.ay[k] = a[1];
        this.bx[k] = b[0];
        this.by[k] = b[1];
        this.lineOf[k] = li;
        this.segOf[k] = i;
        this.index!.add(
          Math.min(a[0], b[0]),
          Math.min(a[1], b[1]),
          Math.max(a[0], b[0]),
          Math.max(a[1], b[1]),
        );
        k++;
      }
    });
    this.index?.finish();
    this.minX = this.index ? this.index.minX : 0;
    this.maxX = this.index ? this.index.maxX : 0;
  }

  /** Segment ids whose boxes come within `km` of the box around the given points. */
  candidates(minLon: number, minLat: number, maxLon: number, maxLat: number, km: number): number[] {
    if (!this.index) return [];
    const lat = Math.max(Math.abs(minLat), Math.abs(maxLat));
    const { dLon, dLat } = degreePadding(lat, km);
    const [w, s, e, n] = [minLon - dLon, minLat - dLat, maxLon + dLon, maxLat + dLat];
    const ids = this.index.search(w, s, e, n);
    // across ±180 the same place has two longitudes (179.9 and -180.1): search the other one too, as the
    // distances below are measured the short way round
    if (e - w >= 360) return ids;
    if (w + 360 < this.maxX) ids.push(...this.index.search(w + 360, s, e + 360, n));
    if (e - 360 > this.minX) ids.push(...this.index.search(w - 360, s, e - 360, n));
    return ids;
  }

  /** Nearest point of any segment to p, searching out to `limitKm`; null when none is that close. */
  nearest(p: LonLat, limitKm: number): NearestSegment | null {
    if (!this.index) return null;
    const ids = this.candidates(p[0], p[1], p[0], p[1], limitKm);
    let best: NearestSegment | null = null;
    let bestKm = limitKm;
    const kx = kxAt(p[1]);
    const ky = kyAt(p[1]);
    for (const id of ids) {
      const x1 = wrapLon(this.ax[id] - p[0]) * kx;
      const y1 = (this.ay[id] - p[1]) * ky;
      const x2 = x1 + (this.bx[id] - this.ax[id]) * kx;
      const y2 = (this.by[id] - p[1]) * ky;
      const dx = x2 - x1;
      const dy = y2 - y1;
      const len2 = dx * dx + dy * dy;
      let t = len2 > 0 ? -(x1 * dx + y1 * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const cx = p[0] + (x1 + t * dx) / kx;
      const cy = p[1] + (y1 + t * dy) / ky;
      const d = fastDistanceKmXY(p[0], p[1], cx, cy);
      if (d < bestKm || (best === null && d <= bestKm)) {
        bestKm = d;
        best = { km: d, point: [cx, cy], line: this.lineOf[id], segment: this.segOf[id], id, t };
      }
    }
    return best;
  }

  /** Distance from p to the nearest segment, or `limitKm` when nothing is nearer. */
  clearance(p: LonLat, limitKm: number): number {
    const n = this.nearest(p, limitKm);
    return n ? n.km : limitKm;
  }

  /**
   * Smallest distance between the short segment a-b (at most ~20 km, so straight in a local frame) and any
   * indexed segment, capped at `limitKm`. Planar segment-segment distance in a frame at the segment's middle.
   */
  segmentClearance(a: LonLat, b: LonLat, limitKm: number): number {
    return this.scan(a, b, limitKm, false);
  }

  /**
   * Whether some indexed segment comes closer than `limitKm` to the short segment a-b: segmentClearance(a, b,
   * limitKm) < limitKm, measured the same way, but the search ends at the first such segment (a leg that is
   * not free is found so at once, not after every segment round it).
   */
  segmentWithin(a: LonLat, b: LonLat, limitKm: number): boolean {
    return this.scan(a, b, limitKm, true) < limitKm;
  }

  /** segmentClearance's search; `first`: end it at the first segment nearer than limitKm. */
  private scan(a: LonLat, b: LonLat, limitKm: number, first: boolean): number {
    if (!this.index) return limitKm;
    const bx0 = a[0] + wrapLon(b[0] - a[0]);
    const olon = (a[0] + bx0) / 2;
    const olat = (a[1] + b[1]) / 2;
    const kx = kxAt(olat);
    const ky = kyAt(olat);
    const px = (a[0] - olon) * kx;
    const py = (a[1] - olat) * ky;
    const qx = (bx0 - olon) * kx;
    const qy = (b[1] - olat) * ky;
    let best = limitKm;
    const lat = Math.max(Math.abs(a[1]), Math.abs(b[1]));
    const { dLon, dLat } = degreePadding(lat, limitKm);
    // measured inside the search's filter, which keeps nothing: no result array per call (the planner asks
    // this millions of times)
    const measure = (id: number) => {
      if (best <= 0) return false;
      const rx = wrapLon(this.ax[id] - olon) * kx;
      const ry = (this.ay[id] - olat) * ky;
      const sx = rx + (this.bx[id] - this.ax[id]) * kx;
      const sy = (this.by[id] - olat) * ky;
      const d = segSegDistance(px, py, qx, qy, rx, ry, sx, sy);
      if (d < best) {
        best = d <= 0 ? 0 : d;
        if (first) throw FOUND;
      }
      return false;
    };
    const w = Math.min(a[0], bx0) - dLon;
    const e = Math.max(a[0], bx0) + dLon;
    const south = Math.min(a[1], b[1]) - dLat;
    const north = Math.max(a[1], b[1]) + dLat;
    try {
      this.index.search(w, south, e, north, measure);
      // the other longitude of a place near ±180, as candidates() searches it
      if (e - w < 360) {
        if (w + 360 < this.maxX) this.index.search(w + 360, south, e + 360, north, measure);
        if (e - 360 > this.minX) this.index.search(w - 360, south, e - 360, north, measure);
      }
    } catch (x) {
      if (x !== FOUND) throw x;
    }
    return best;
  }
}

/** Thrown inside a search's filter to end the search at the first segment found near enough. */
const FOUND = new Error('found');

/** Planar distance between segments p-q and r-s (0 when they cross). */
export function segSegDistance(
  px: number,
  py: number,
  qx: number,
  qy: number,
  rx: number,
  ry: number,
  sx: number,
  sy: number,
): number {
  if (segmentsCross(px, py, qx, qy, rx, ry, sx, sy)) return 0;
  return Math.min(
    pointSegDistance(px, py, rx, ry, sx, sy),
    pointSegDistance(qx, qy, rx, ry, sx, sy),
    pointSegDistance(rx, ry, px, py, qx, qy),
    pointSegDistance(sx, sy, px, py, qx, qy),
  );
}

export function pointSegDistance(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return Math.sqrt(ex * ex + ey * ey);
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

export function segmentsCross(
  px: number,
  py: number,
  qx: number,
  qy: number,
  rx: number,
  ry: number,
  sx: number,
  sy: number,
): boolean {
  const d1 = orient(rx, ry, sx, sy, px, py);
  const d2 = orient(rx, ry, sx, sy, qx, qy);
  const d3 = orient(px, py, qx, qy, rx, ry);
  const d4 = orient(px, py, qx, qy, sx, sy);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}
