/**
 * No-fly areas: does a path enter a polygon? Legs are cut into geodesic pieces of at most PIECE_KM and each
 * piece is tested as a straight segment in lon/lat against the ring edges (also straight in lon/lat, as GeoJSON
 * draws them). At 5 km a geodesic piece is metres from its lon/lat chord, which is acceptable for areas drawn
 * by hand; the antimeridian is not handled (a polygon or leg across it is measured wrongly).
 */
import Flatbush from 'flatbush';
import { degreePadding, fastPointToSegmentKm } from '../geo/frame.js';
import { densifyGeodesic } from '../geo/geodesic.js';
import { type LonLat, wrapLon } from '../geo/lonlat.js';
import { intersectParams, PIECE_KM } from './coast-geometry.js';

export interface NoFlyEntry {
  /** Index of the polygon in scenario.noFly. */
  polygon: number;
  /** Leg index (vertex i to i+1). */
  leg: number;
  /** First point of the path inside the area (where it crosses the boundary, or a vertex). */
  at: LonLat;
  /** How far inside the boundary the offending stretch reaches at its middle, km. */
  depthKm: number;
}

export class NoFlyAreas {
  private readonly polys: { rings: LonLat[][]; box: [number, number, number, number] }[];
  private readonly ex0: number[] = [];
  private readonly ey0: number[] = [];
  private readonly ex1: number[] = [];
  private readonly ey1: number[] = [];
  /** Polygon of each edge. */
  private readonly ep: number[] = [];
  private readonly idx: Flatbush | null;
  private readonly east: number;
  /** Scratch: crossing parity per polygon for one point. */
  private readonly parity: Uint8Array;

  constructor(noFly: readonly LonLat[][][]) {
    this.polys = noFly.map((rings) => {
      const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const ring of rings)
        for (const [x, y] of ring) {
          box[0] = Math.min(box[0], x);
          box[1] = Math.min(box[1], y);
          box[2] = Math.max(box[2], x);
          box[3] = Math.max(box[3], y);
        }
      return { rings, box };
    });
    this.polys.forEach(({ rings }, pi) => {
      for (const ring of rings)
        ring.forEach((p, i) => {
          // rings should close (RFC 7946); the closing edge is added when they do not
          const q = ring[(i + 1) % ring.length];
          if (i === ring.length - 1 && p[0] === ring[0][0] && p[1] === ring[0][1]) return;
          this.ex0.push(p[0]);
          this.ey0.push(p[1]);
          this.ex1.push(q[0]);
          this.ey1.push(q[1]);
          this.ep.push(pi);
        });
    });
    this.east = Math.max(-180, ...this.polys.map((p) => p.box[2]));
    this.parity = new Uint8Array(this.polys.length);
    if (this.ex0.length > 0) {
      const idx = new Flatbush(this.ex0.length);
      for (let i = 0; i < this.ex0.length; i++)
        idx.add(
          Math.min(this.ex0[i], this.ex1[i]),
          Math.min(this.ey0[i], this.ey1[i]),
          Math.max(this.ex0[i], this.ex1[i]),
          Math.max(this.ey0[i], this.ey1[i]),
        );
      idx.finish();
      this.idx = idx;
    } else this.idx = null;
  }

  /**
   * The first place the path goes deeper than `toleranceKm` inside an area. Each piece is split where it
   * meets any ring edge, and the middle of each part is tested for insideness: a part between boundary
   * meetings is wholly in or wholly out, so touching a corner or running along an edge is not an entry.
   */
  firstEntry(
    path: readonly LonLat[],
    toleranceKm: number,
    opts: { asDrawn?: boolean } = {},
  ): NoFlyEntry | null {
    if (!this.idx) return null;
    for (let leg = 0; leg + 1 < path.length; leg++) {
      const a = path[leg];
      const b = path[leg + 1];
      if (a[0] === b[0] && a[1] === b[1]) {
        const hit = this.deepestAt(a, toleranceKm);
        if (hit) return { ...hit, leg, at: a };
        continue;
      }
      // as drawn, a leg is the straight lon/lat chord itself (the short way round); as flown, its geodesic
      const pts = opts.asDrawn
        ? [a, [a[0] + wrapLon(b[0] - a[0]), b[1]] as LonLat]
        : densifyGeodesic(a, b, PIECE_KM);
      for (const [[x0, y0], [x1, y1]] of pieces(pts)) {
        const ts = [0, 1];
        const hits = this.idx.search(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
        for (const e of hits) {
          const q = intersectParams(x0, y0, x1, y1, this.ex0[e], this.ey0[e], this.ex1[e], this.ey1[e]);
          if (q) ts.push(q.t);
        }
        ts.sort((u, v) => u - v);
        for (let j = 0; j + 1 < ts.length; j++) {
          if (ts[j + 1] - ts[j] < 1e-12) continue;
          const tm = (ts[j] + ts[j + 1]) / 2;
          const hit = this.deepestAt([x0 + (x1 - x0) * tm, y0 + (y1 - y0) * tm], toleranceKm);
          if (hit) return { ...hit, leg, at: [x0 + (x1 - x0) * ts[j], y0 + (y1 - y0) * ts[j]] };
        }
      }
    }
    return null;
  }

  /** Whether p is outside every area and no boundary comes within `km` of it. */
  clearOf(p: LonLat, km: number): boolean {
    if (!this.idx) return true;
    if (this.insideAt(p).length > 0) return false;
    if (km <= 0) return true;
    const { dLon, dLat } = degreePadding(p[1], km * 1.01 + 0.01);
    for (const e of this.idx.search(p[0] - dLon, p[1] - dLat, p[0] + dLon, p[1] + dLat))
      if (
        fastPointToSegmentKm(p[0], p[1], this.ex0[e], this.ey0[e], this.ex1[e], this.ey1[e]) <
        km * 1.01 + 0.01
      )
        return false;
    return true;
  }

  private deepestAt(m: LonLat, toleranceKm: number): { polygon: number; depthKm: number } | null {
    for (const pi of this.insideAt(m)) {
      // any depth will do when no tolerance is given: skip measuring it (a country has many edges)
      const depthKm = toleranceKm <= 0 ? Number.NaN : this.depth(pi, m);
      if (toleranceKm <= 0) return { polygon: pi, depthKm };
      if (depthKm > toleranceKm) return { polygon: pi, depthKm };
    }
    return null;
  }

  /**
   * Polygons holding p by the even-odd rule over all their rings (holes are outside): a ray to the east is cast
   * through the edge index, so large polygons (a country's land) cost only the edges the ray meets.
   */
  private insideAt([x, y]: LonLat): number[] {
    if (!this.idx || x > this.east) return [];
    const hits = this.idx.search(x, y, this.east, y);
    const par = this.parity;
    const touched: number[] = [];
    for (const e of hits) {
      const x0 = this.ex0[e];
      const y0 = this.ey0[e];
      const x1 = this.ex1[e];
      const y1 = this.ey1[e];
      // the same crossing rule as pointInPolygon
      if (y0 > y !== y1 > y && x < ((x1 - x0) * (y - y0)) / (y1 - y0) + x0) {
        const pi = this.ep[e];
        if (par[pi] === 0 && !touched.includes(pi)) touched.push(pi);
        par[pi] ^= 1;
      }
    }
    const out = touched.filter((pi) => par[pi] === 1);
    for (const pi of touched) par[pi] = 0;
    return out;
  }

  private depth(pi: number, m: LonLat): number {
    let d = Infinity;
    for (const ring of this.polys[pi].rings)
      for (let i = 0; i < ring.length; i++) {
        const q = ring[(i + 1) % ring.length];
        d = Math.min(d, fastPointToSegmentKm(m[0], m[1], ring[i][0], ring[i][1], q[0], q[1]));
      }
    return d;
  }
}

/**
 * Consecutive pairs of a densified leg as planar pieces; a piece across ±180 (179.9 to -179.9, 20 km, not 360
 * degrees) is cut there into its two halves, each on its own side, so the polygons (within [-180, 180]) are met.
 */
function pieces(pts: readonly LonLat[]): [LonLat, LonLat][] {
  const out: [LonLat, LonLat][] = [];
  for (let k = 0; k + 1 < pts.length; k++) {
    const a = pts[k];
    const b = pts[k + 1];
    const d = b[0] - a[0];
    if (Math.abs(d) <= 180) {
      out.push([a, b]);
      continue;
    }
    const edge = a[0] > 0 ? 180 : -180;
    const bx = a[0] + wrapLon(d);
    const t = bx === a[0] ? 0 : (edge - a[0]) / (bx - a[0]);
    const y = a[1] + (b[1] - a[1]) * t;
    out.push([a, [edge, y]], [[-edge, y], b]);
  }
  return out;
}
