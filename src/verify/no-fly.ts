/**
 * No-fly areas: does a path enter a polygon? Legs are cut into geodesic pieces of at most PIECE_KM and each
 * piece is tested as a straight segment in lon/lat against the ring edges (also straight in lon/lat, as GeoJSON
 * draws them). At 5 km a geodesic piece is metres from its lon/lat chord, which is acceptable for areas drawn
 * by hand; the antimeridian is not handled (a polygon or leg across it is measured wrongly).
 */
import Flatbush from 'flatbush';
import { fastPointToSegmentKm } from '../geo/frame.js';
import { densifyGeodesic } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { pointInPolygon } from '../geo/polyline.js';
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
  private readonly idx: Flatbush | null;

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
    for (const { rings } of this.polys)
      for (const ring of rings)
        ring.forEach((p, i) => {
          // rings should close (RFC 7946); the closing edge is added when they do not
          const q = ring[(i + 1) % ring.length];
          if (i === ring.length - 1 && p[0] === ring[0][0] && p[1] === ring[0][1]) return;
          this.ex0.push(p[0]);
          this.ey0.push(p[1]);
          this.ex1.push(q[0]);
          this.ey1.push(q[1]);
        });
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
  firstEntry(path: readonly LonLat[], toleranceKm: number): NoFlyEntry | null {
    if (!this.idx) return null;
    for (let leg = 0; leg + 1 < path.length; leg++) {
      const a = path[leg];
      const b = path[leg + 1];
      if (a[0] === b[0] && a[1] === b[1]) {
        const hit = this.deepestAt(a, toleranceKm);
        if (hit) return { ...hit, leg, at: a };
        continue;
      }
      const pts = densifyGeodesic(a, b, PIECE_KM);
      for (let k = 0; k + 1 < pts.length; k++) {
        const [x0, y0] = pts[k];
        const [x1, y1] = pts[k + 1];
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

  private deepestAt(m: LonLat, toleranceKm: number): { polygon: number; depthKm: number } | null {
    for (let pi = 0; pi < this.polys.length; pi++) {
      if (!this.inside(pi, m)) continue;
      const depthKm = this.depth(pi, m);
      if (depthKm > toleranceKm) return { polygon: pi, depthKm };
    }
    return null;
  }

  /** Even-odd rule over all rings, so holes are outside. */
  private inside(pi: number, [x, y]: LonLat): boolean {
    const { rings, box } = this.polys[pi];
    if (x < box[0] || x > box[2] || y < box[1] || y > box[3]) return false;
    return pointInPolygon([x, y], rings);
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
