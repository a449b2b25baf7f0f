/**
 * Where an aircraft may be: at least `standoffKm` from the scenario's coast, outside every no-fly polygon and off
 * the land it must not overfly (`overflyLand: "avoid"`: every country's but its base's).
 * The planner keeps a small margin inside the rules so that its fast local-frame measurements can never
 * produce a route that the exact (GeographicLib) check in `verify` would refuse.
 */

import { fastDistanceKm } from '../geo/frame.js';
import { densifyFast, distanceKm, geodesicSteps } from '../geo/geodesic.js';
import { type LonLat, wrapLon } from '../geo/lonlat.js';
import { pointInPolygon } from '../geo/polyline.js';
import { SegmentIndex } from '../geo/segment-index.js';
import { DistanceTiles, tileAtLeast } from './free-tiles.js';
import type { LandMask } from './land-mask.js';

/** Legs are checked in pieces this long, short enough to be straight in a local frame to within metres. */
export const PIECE_KM = 15;

export interface FreeSpaceOptions {
  /** Extra distance kept beyond the standoff, km (default 0.1 km + 0.2% of the standoff). */
  marginKm?: number;
  /** Land the aircraft must not overfly (`overflyLand: "avoid"`: other countries' land). */
  noLand?: LandMask;
  /** All land, to tell sea from land (where a sortie leaves an inland base's country for the sea). */
  anyLand?: LandMask;
  /** Distance kept from the shore of `noLand`, km (default 0.3: the drawn line's sag and the frame's error). */
  landKeepKm?: number;
  /** Size of the distance tiles that answer most point and piece checks without a search, km (0: none). */
  tileKm?: number;
}

/** Default tile size: a few km, so that most tiles lie wholly inside or wholly outside the band. */
const TILE_KM = 4;

export class FreeSpace {
  readonly coast: SegmentIndex;
  readonly standoffKm: number;
  /** The distance the planner keeps from the coast: standoff plus margin (0 when there is no standoff). */
  readonly keepKm: number;
  /** Where the planner puts points it places next to the band: far enough out that legs between neighbours stay clear. */
  readonly standKm: number;
  readonly noFly: LonLat[][][];
  readonly noLand: LandMask | null;
  readonly anyLand: LandMask | null;
  readonly landKeepKm: number;
  private readonly noFlyEdges: SegmentIndex;
  /** Distance to the coast, per tile (null without a standoff or with tiles off). */
  readonly coastTiles: DistanceTiles | null;
  /** Distance to the shore of `noLand`, and whether the tile's centre is on it, per tile. */
  readonly landTiles: DistanceTiles | null;

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
    this.noLand = opts.noLand && !opts.noLand.empty ? opts.noLand : null;
    this.anyLand = opts.anyLand && !opts.anyLand.empty ? opts.anyLand : null;
    this.landKeepKm = opts.landKeepKm ?? 0.3;
    const tileKm = opts.tileKm ?? TILE_KM;
    // pieces are asked about around their midpoint: tiles must tell distances up to half a piece beyond the keep
    const extra = tileKm + PIECE_KM / 2 + 2;
    this.coastTiles =
      tileKm > 0 && this.keepKm > 0
        ? new DistanceTiles((p, lim) => ({ km: this.coast.clearance(p, lim), flag: false }), {
            tileKm,
            capKm: this.keepKm + extra,
          })
        : null;
    const land = this.noLand;
    this.landTiles =
      tileKm > 0 && land
        ? new DistanceTiles((p, lim) => ({ km: land.edges.clearance(p, lim), flag: land.contains(p) }), {
            tileKm,
            capKm: this.landKeepKm + extra,
          })
        : null;
  }

  /** Whether p is at sea (not on any land); true when no land was given. */
  atSea(p: LonLat): boolean {
    return !this.anyLand?.contains(p);
  }

  /** Distance to the coast, capped at `limitKm`. */
  clearance(p: LonLat, limitKm: number): number {
    return this.coast.clearance(p, limitKm);
  }

  pointFree(p: LonLat): boolean {
    if (this.keepKm > 0) {
      const t = this.coastTiles?.at(p);
      const ok = t ? tileAtLeast(t, this.keepKm, 0) : null;
      if (ok === false) return false;
      if (ok === null && this.coast.clearance(p, this.keepKm) < this.keepKm) return false;
    }
    if (this.inNoFly(p)) return false;
    if (this.noLand) {
      const t = this.landTiles?.at(p);
      const ok = t ? tileAtLeast(t, this.landKeepKm, 0) : null;
      if (ok === false) return false;
      // no shore near the whole tile: p is on land exactly when the tile's centre is
      if (ok === true) return !t!.flag;
      if (this.noLand.edges.clearance(p, this.landKeepKm) < this.landKeepKm) return false;
      if (this.noLand.contains(p)) return false;
    }
    return true;
  }

  /** pointFree without the tiles: what they must agree with (tests). */
  pointFreeExact(p: LonLat): boolean {
    if (this.keepKm > 0 && this.coast.clearance(p, this.keepKm) < this.keepKm) return false;
    if (this.inNoFly(p)) return false;
    if (this.noLand) {
      if (this.noLand.edges.clearance(p, this.landKeepKm) < this.landKeepKm) return false;
      if (this.noLand.contains(p)) return false;
    }
    return true;
  }

  inNoFly(p: LonLat): boolean {
    for (const poly of this.noFly) if (pointInPolygon(p, poly)) return true;
    return false;
  }

  /** Whether the geodesic leg a-b stays in free space (both ends included). */
  legFree(a: LonLat, b: LonLat): boolean {
    const L = fastDistanceKm(a, b);
    if (L <= PIECE_KM) return this.pieceFree(a, b);
    // pieces from both ends in turn, towards the middle: the legs that fail most fail near one end (the
    // navigator's tries at a point in a pocket; a leg from a base across a continent); the answer does not
    // depend on the order
    if (L < 600) {
      // the great circle strays < 25 m from the geodesic below 600 km (geodesic.ts), well inside keepKm's margin
      const pts = densifyFast(a, b, PIECE_KM);
      for (let lo = 0, hi = pts.length - 2; lo <= hi; lo++, hi--) {
        if (!this.pieceFree(pts[lo], pts[lo + 1])) return false;
        if (hi > lo && !this.pieceFree(pts[hi], pts[hi + 1])) return false;
      }
      return true;
    }
    // densifyGeodesic's pieces, each point computed only when asked
    const g = geodesicSteps(a, b, PIECE_KM);
    let p0 = a;
    let p1 = b;
    for (let lo = 0, hi = g.n - 1; lo <= hi; lo++, hi--) {
      const q0 = lo + 1 === hi + 1 ? p1 : g.at(lo + 1);
      if (!this.pieceFree(p0, q0)) return false;
      p0 = q0;
      if (hi > lo) {
        const q1 = hi === lo + 1 ? q0 : g.at(hi);
        if (!this.pieceFree(q1, p1)) return false;
        p1 = q1;
      }
    }
    return true;
  }

  /** Whether a climb-out leg keeps out of no-fly areas and land it must not overfly (the band does not count). */
  climbClear(a: LonLat, b: LonLat): boolean {
    const pts = densifyFast(a, b, PIECE_KM);
    for (let i = 0; i + 1 < pts.length; i++) {
      const [p, q] = [pts[i], pts[i + 1]];
      if (this.noFly.length > 0 && this.noFlyEdges.segmentClearance(p, q, 0.05) < 0.05) return false;
      if (this.noLand && this.noLand.edges.segmentClearance(p, q, this.landKeepKm) < this.landKeepKm)
        return false;
    }
    return true;
  }

  /**
   * Whether the straight line a-b enters no no-fly area and no land it must not overfly, keeping no clearance:
   * the lines verify's bound of the climb-out counts (docs/verify.md, "The climb-out and the approach", rule 3).
   */
  lineEntersNothing(a: LonLat, b: LonLat): boolean {
    const tiny = 1e-3;
    if (this.inNoFly(a) || this.noLand?.contains(a)) return false;
    const pts = densifyFast(a, b, PIECE_KM);
    for (let i = 0; i + 1 < pts.length; i++) {
      const [p, q] = [pts[i], pts[i + 1]];
      if (this.noFly.length > 0 && this.noFlyEdges.segmentClearance(p, q, tiny) < tiny) return false;
      if (this.noLand && this.noLand.edges.segmentClearance(p, q, tiny) < tiny) return false;
    }
    return true;
  }

  /** One short piece (<= PIECE_KM). */
  pieceFree(a: LonLat, b: LonLat): boolean {
    if (!this.coastTiles && !this.landTiles) return this.pieceFreeExact(a, b);
    // the tile of the piece's midpoint answers for the whole piece when it is far from every obstacle or deep in one
    const mx = a[0] + wrapLon(b[0] - a[0]) / 2;
    const my = (a[1] + b[1]) / 2;
    const h = fastDistanceKm(a, b) / 2;
    if (this.keepKm > 0) {
      const t = this.coastTiles?.atXY(mx, my);
      const ok = t ? tileAtLeast(t, this.keepKm, h) : null;
      if (ok === false) return false;
      if (ok === null && this.coast.segmentWithin(a, b, this.keepKm)) return false;
    }
    if (this.noFly.length > 0) {
      if (this.noFlyEdges.segmentClearance(a, b, 0.05) < 0.05) return false;
      if (this.inNoFly(a) || this.inNoFly(b)) return false;
    }
    if (this.noLand) {
      const t = this.landTiles?.atXY(mx, my);
      const ok = t ? tileAtLeast(t, this.landKeepKm, h) : null;
      if (ok === false) return false;
      if (ok === true) return !t!.flag;
      if (this.noLand.edges.segmentWithin(a, b, this.landKeepKm)) return false;
      if (this.noLand.contains(a)) return false;
    }
    return true;
  }

  /** pieceFree without the tiles: what they must agree with (tests). */
  pieceFreeExact(a: LonLat, b: LonLat): boolean {
    if (this.keepKm > 0 && this.coast.segmentClearance(a, b, this.keepKm) < this.keepKm) return false;
    if (this.noFly.length > 0) {
      if (this.noFlyEdges.segmentClearance(a, b, 0.05) < 0.05) return false;
      if (this.inNoFly(a) || this.inNoFly(b)) return false;
    }
    if (this.noLand) {
      if (this.noLand.edges.segmentClearance(a, b, this.landKeepKm) < this.landKeepKm) return false;
      if (this.noLand.contains(a)) return false;
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
