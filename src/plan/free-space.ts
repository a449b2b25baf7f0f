/**
 * Where an aircraft may be: at least `standoffKm` from the scenario's coast and outside every no-fly polygon.
 * The planner keeps a small margin inside the rules so that its fast local-frame measurements can never
 * produce a route that the exact (GeographicLib) check in `verify` would refuse.
 */

import { fastDistanceKm, kxAt, kyAt } from '../geo/frame.js';
import { densifyFast, densifyGeodesic, distanceKm } from '../geo/geodesic.js';
import { type LonLat, wrapLon } from '../geo/lonlat.js';
import { pointInPolygon } from '../geo/polyline.js';
import { SegmentIndex } from '../geo/segment-index.js';

/** Legs are checked in pieces this long, short enough to be straight in a local frame to within metres. */
export const PIECE_KM = 15;

export interface FreeSpaceOptions {
  /** Extra distance kept beyond the standoff, km (default 0.1 km + 0.2% of the standoff). */
  marginKm?: number;
  /**
   * Per coast line, whether the sea lies on its left. Where known, points on the land side of their nearest
   * coast (within `sideCapKm`) are not free: surveillance stays over the sea, not over the country.
   */
  seaLeft?: readonly boolean[];
  /** How far from the coast the land-side test looks (km); beyond it a point counts as free. */
  sideCapKm?: number;
}

export class FreeSpace {
  readonly coast: SegmentIndex;
  readonly standoffKm: number;
  /** The distance the planner keeps from the coast: standoff plus margin (0 when there is no standoff). */
  readonly keepKm: number;
  /** Where the planner puts points it places next to the band: far enough out that legs between neighbours stay clear. */
  readonly standKm: number;
  readonly noFly: LonLat[][][];
  private readonly noFlyEdges: SegmentIndex;
  private readonly seaLeft: readonly boolean[] | null;
  private readonly sideCapKm: number;
  /** Per line: id of its first segment, its segment count, and whether it is a closed ring. */
  private readonly lineFirst: Uint32Array;
  private readonly lineSegs: Uint32Array;
  private readonly lineClosed: Uint8Array;

  constructor(
    coastLines: readonly (readonly LonLat[])[],
    standoffKm: number,
    noFly: LonLat[][][],
    opts: FreeSpaceOptions = {},
  ) {
    this.coast = new SegmentIndex(coastLines);
    this.standoffKm = standoffKm;
    const margin = opts.marginKm ?? 0.1 + 0.002 * standoffKm;
    this.keepKm = standoffKm > 0 ? standoffKm + margin : 0;
    this.standKm = standoffKm > 0 ? this.keepKm + Math.max(0.2, 0.01 * standoffKm) : 0;
    this.noFly = noFly;
    this.noFlyEdges = new SegmentIndex(noFly.flat());
    this.seaLeft = opts.seaLeft?.some((x) => x) && this.keepKm > 0 ? opts.seaLeft : null;
    this.sideCapKm = opts.sideCapKm ?? this.keepKm + 100;
    this.lineFirst = new Uint32Array(coastLines.length);
    this.lineSegs = new Uint32Array(coastLines.length);
    this.lineClosed = new Uint8Array(coastLines.length);
    let k = 0;
    coastLines.forEach((l, i) => {
      this.lineFirst[i] = k;
      this.lineSegs[i] = Math.max(0, l.length - 1);
      k += this.lineSegs[i];
      const a = l[0];
      const b = l[l.length - 1];
      this.lineClosed[i] = l.length > 3 && a[0] === b[0] && a[1] === b[1] ? 1 : 0;
    });
  }

  /**
   * Whether p is on the sea side of its nearest coast line (true where that cannot be told: lines of unknown
   * side, past an open line's end, or farther than sideCapKm). Vertices use the angle-free pseudo-normal
   * (sum of the two unit normals), which gives the right side for any corner.
   */
  onSeaSide(p: LonLat): boolean {
    if (!this.seaLeft) return true;
    const c = this.coast;
    const n = c.nearest(p, this.sideCapKm);
    if (!n || !this.seaLeft[n.line]) return true;
    const kx = kxAt(p[1]);
    const ky = kyAt(p[1]);
    const normal = (id: number): [number, number] => {
      const dx = wrapLon(c.bx[id] - c.ax[id]) * kx;
      const dy = (c.by[id] - c.ay[id]) * ky;
      const len = Math.hypot(dx, dy) || 1;
      return [-dy / len, dx / len];
    };
    let [nx, ny] = normal(n.id);
    const eps = 1e-9;
    if (n.t <= eps || n.t >= 1 - eps) {
      const line = n.line;
      const first = this.lineFirst[line];
      const last = first + this.lineSegs[line] - 1;
      let other = n.t <= eps ? n.id - 1 : n.id + 1;
      if (other < first || other > last) {
        if (!this.lineClosed[line]) return true;
        other = other < first ? last : first;
      }
      const [ox, oy] = normal(other);
      nx += ox;
      ny += oy;
    }
    const vx = wrapLon(p[0] - n.point[0]) * kx;
    const vy = (p[1] - n.point[1]) * ky;
    return vx * nx + vy * ny >= 0;
  }

  /** Distance to the coast, capped at `limitKm`. */
  clearance(p: LonLat, limitKm: number): number {
    return this.coast.clearance(p, limitKm);
  }

  pointFree(p: LonLat): boolean {
    if (this.keepKm > 0 && this.coast.clearance(p, this.keepKm) < this.keepKm) return false;
    if (this.inNoFly(p)) return false;
    return this.onSeaSide(p);
  }

  inNoFly(p: LonLat): boolean {
    for (const poly of this.noFly) if (pointInPolygon(p, poly)) return true;
    return false;
  }

  /** Whether the geodesic leg a-b stays in free space (both ends included). */
  legFree(a: LonLat, b: LonLat): boolean {
    const L = fastDistanceKm(a, b);
    // the great circle strays < 25 m from the geodesic below 600 km (geodesic.ts), well inside keepKm's margin
    const pts =
      L <= PIECE_KM ? [a, b] : L < 600 ? densifyFast(a, b, PIECE_KM) : densifyGeodesic(a, b, PIECE_KM);
    for (let i = 0; i + 1 < pts.length; i++) if (!this.pieceFree(pts[i], pts[i + 1])) return false;
    return true;
  }

  /** One short piece (<= PIECE_KM). */
  pieceFree(a: LonLat, b: LonLat): boolean {
    if (this.keepKm > 0 && this.coast.segmentClearance(a, b, this.keepKm) < this.keepKm) return false;
    if (this.noFly.length > 0) {
      if (this.noFlyEdges.segmentClearance(a, b, 0.05) < 0.05) return false;
      if (this.inNoFly(a) || this.inNoFly(b)) return false;
    }
    return true;
  }

  /**
   * Moves p straight away from the nearest coast until it is free, at most `maxKm` from where it started;
   * null if that does not get it out (a narrow inlet, a no-fly area).
   */
  pushOut(p: LonLat, maxKm: number): LonLat | null {
    if (this.pointFree(p)) return p;
    if (this.keepKm <= 0) return null;
    let q = p;
    for (let iter = 0; iter < 8; iter++) {
      const near = this.coast.nearest(q, this.keepKm);
      if (!near) break;
      const d = near.km;
      const dir = d > 1e-9 ? [(q[0] - near.point[0]) / d, (q[1] - near.point[1]) / d] : null;
      if (!dir) return null;
      // in degrees-per-km of the local direction: scale back to the wanted distance
      const f = this.standKm / d;
      q = [near.point[0] + (q[0] - near.point[0]) * f, near.point[1] + (q[1] - near.point[1]) * f];
      if (distanceKm(p, q) > maxKm) return null;
      if (this.pointFree(q)) return q;
    }
    return this.pointFree(q) ? q : null;
  }
}
