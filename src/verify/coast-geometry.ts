/**
 * The scenario coast as continuous lines (legs between vertices are geodesics), indexed for the two questions
 * the verifier asks: how near is the coast to a point, and how near is it to a geodesic leg. Candidates are
 * found with flatbush and local-frame distances (frame.ts) and every answer near a threshold is confirmed
 * with GeographicLib (pointToSegmentKm), so results are exact to millimetres where they decide anything.
 */
import Flatbush from 'flatbush';
import type { CoastModel } from '../domain/coast.js';
import { degreePadding, fastDistanceKmXY, fastPointToSegmentKm, kxAt, kyAt } from '../geo/frame.js';
import { densifyGeodesic, destination, inverse, pointToSegmentKm } from '../geo/geodesic.js';
import { type LonLat, wrapLon } from '../geo/lonlat.js';

/** Longest piece a geodesic is cut into before it is treated as straight in a local frame (metres off). */
export const PIECE_KM = 5;

/**
 * How far fastPointToSegmentKm (on pieces of at most PIECE_KM) may be from the geodesic distance d, near
 * latitude lat. Measured on 20,000 random cases per band (see coast-geometry.test.ts): the error is a metre or
 * two of chord-versus-geodesic plus a term growing as d³, at most 64% of this bound up to 75°; 75°-85° needs 5x
 * it; beyond 85° the local frame is useless and everything goes to GeographicLib.
 */
export function fastMargin(d: number, lat: number): number {
  const base = 0.005 + 5e-8 * d * d * d;
  const a = Math.abs(lat) + d / 100;
  return a <= 75 ? base : a <= 85 ? 6 * base : d + 1;
}

export interface Near {
  /** Exact geodesic distance, km. */
  km: number;
  /** Coast km of the nearest coast point. */
  coastKm: number;
  /** The point on the measured thing (point or leg) where that distance is reached. */
  at: LonLat;
}

/** Flatbush search that also looks across the antimeridian when the box pokes past ±180. */
export function searchWrapped(idx: Flatbush, x0: number, y0: number, x1: number, y1: number): number[] {
  const out = idx.search(x0, y0, x1, y1);
  if (x0 < -180) for (const i of idx.search(x0 + 360, y0, 180, y1)) out.push(i);
  if (x1 > 180) for (const i of idx.search(-180, y0, x1 - 360, y1)) out.push(i);
  return out;
}

/** Planar segment intersection parameters (t on a-b, u on c-d), or null when they miss or run parallel. */
export function intersectParams(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): { t: number; u: number } | null {
  const rx = bx - ax;
  const ry = by - ay;
  const sx = dx - cx;
  const sy = dy - cy;
  const den = rx * sy - ry * sx;
  if (den === 0) return null;
  const qx = cx - ax;
  const qy = cy - ay;
  const t = (qx * sy - qy * sx) / den;
  const u = (qx * ry - qy * rx) / den;
  const eps = 1e-12;
  if (t < -eps || t > 1 + eps || u < -eps || u > 1 + eps) return null;
  return { t: Math.min(1, Math.max(0, t)), u: Math.min(1, Math.max(0, u)) };
}

export class CoastGeometry {
  private readonly vx: Float64Array;
  private readonly vy: Float64Array;
  private readonly vKm: Float64Array;
  /** Segment s joins vertices sa[s] and sb[s] (equal for a one-point line). */
  private readonly sa: Uint32Array;
  private readonly sb: Uint32Array;
  /** Pieces of segments, at most PIECE_KM long, with their coast km at both ends. */
  private readonly pax: Float64Array;
  private readonly pay: Float64Array;
  private readonly pbx: Float64Array;
  private readonly pby: Float64Array;
  private readonly pk0: Float64Array;
  private readonly pk1: Float64Array;
  private readonly pSeg: Uint32Array;
  private readonly vIdx: Flatbush | null;
  private readonly pIdx: Flatbush | null;
  /** Scratch: best local-frame distance per coast vertex while one leg is measured. */
  private readonly vBest: Float64Array;

  constructor(model: CoastModel) {
    const lines = model.lines;
    const nV = lines.reduce((n, l) => n + l.coords.length, 0);
    this.vx = new Float64Array(nV);
    this.vy = new Float64Array(nV);
    this.vKm = new Float64Array(nV);
    this.vBest = new Float64Array(nV).fill(Infinity);
    const sa: number[] = [];
    const sb: number[] = [];
    let v = 0;
    lines.forEach((line, li) => {
      const cum = model.vertexKm[li];
      line.coords.forEach((c, j) => {
        this.vx[v + j] = c[0];
        this.vy[v + j] = c[1];
        this.vKm[v + j] = model.lineStartKm[li] + cum[j];
      });
      if (line.coords.length === 1) {
        sa.push(v);
        sb.push(v);
      }
      for (let j = 0; j + 1 < line.coords.length; j++) {
        sa.push(v + j);
        sb.push(v + j + 1);
      }
      v += line.coords.length;
    });
    this.sa = Uint32Array.from(sa);
    this.sb = Uint32Array.from(sb);

    const pax: number[] = [];
    const pay: number[] = [];
    const pbx: number[] = [];
    const pby: number[] = [];
    const pk0: number[] = [];
    const pk1: number[] = [];
    const pSeg: number[] = [];
    for (let s = 0; s < sa.length; s++) {
      const a = sa[s];
      const b = sb[s];
      const k0 = this.vKm[a];
      const k1 = this.vKm[b];
      // real coasts have segments well under PIECE_KM: only hand-made long ones are cut
      if (fastDistanceKmXY(this.vx[a], this.vy[a], this.vx[b], this.vy[b]) <= PIECE_KM * 0.9) {
        pax.push(this.vx[a]);
        pay.push(this.vy[a]);
        pbx.push(this.vx[b]);
        pby.push(this.vy[b]);
        pk0.push(k0);
        pk1.push(k1);
        pSeg.push(s);
        continue;
      }
      const pts = densifyGeodesic([this.vx[a], this.vy[a]], [this.vx[b], this.vy[b]], PIECE_KM);
      const n = pts.length - 1;
      for (let i = 0; i < n; i++) {
        pax.push(pts[i][0]);
        pay.push(pts[i][1]);
        pbx.push(pts[i + 1][0]);
        pby.push(pts[i + 1][1]);
        pk0.push(k0 + ((k1 - k0) * i) / n);
        pk1.push(k0 + ((k1 - k0) * (i + 1)) / n);
        pSeg.push(s);
      }
    }
    this.pax = Float64Array.from(pax);
    this.pay = Float64Array.from(pay);
    this.pbx = Float64Array.from(pbx);
    this.pby = Float64Array.from(pby);
    this.pk0 = Float64Array.from(pk0);
    this.pk1 = Float64Array.from(pk1);
    this.pSeg = Uint32Array.from(pSeg);

    if (nV > 0) {
      const vi = new Flatbush(nV);
      for (let i = 0; i < nV; i++) vi.add(this.vx[i], this.vy[i], this.vx[i], this.vy[i]);
      vi.finish();
      this.vIdx = vi;
    } else this.vIdx = null;
    if (pax.length > 0) {
      const pi = new Flatbush(pax.length);
      for (let i = 0; i < pax.length; i++) pi.add(...pieceBox(pax[i], pay[i], pbx[i], pby[i]));
      pi.finish();
      this.pIdx = pi;
    } else this.pIdx = null;
  }

  get empty(): boolean {
    return this.pIdx === null;
  }

  private piecesNear(p: LonLat, r: number): number[] {
    if (!this.pIdx) return [];
    const { dLon, dLat } = degreePadding(p[1], r);
    return searchWrapped(this.pIdx, p[0] - dLon, p[1] - dLat, p[0] + dLon, p[1] + dLat);
  }

  /** Local-frame distance from p to the coast when it is within r (+ margin), else Infinity. */
  fastNearest(p: LonLat, r: number): number {
    let best = Infinity;
    for (const i of this.piecesNear(p, r + fastMargin(r, p[1]))) {
      const d = fastPointToSegmentKm(p[0], p[1], this.pax[i], this.pay[i], this.pbx[i], this.pby[i]);
      if (d < best) best = d;
    }
    return best;
  }

  /** Exact distance from p to the coast, when the coast comes within r (+ margin) of it; null otherwise. */
  nearest(p: LonLat, r: number): Near | null {
    const lim = r + fastMargin(r, p[1]);
    const bySeg = new Map<number, number>();
    for (const i of this.piecesNear(p, lim)) {
      const d = fastPointToSegmentKm(p[0], p[1], this.pax[i], this.pay[i], this.pbx[i], this.pby[i]);
      if (d > lim) continue;
      const s = this.pSeg[i];
      const prev = bySeg.get(s);
      if (prev === undefined || d < prev) bySeg.set(s, d);
    }
    const cands = [...bySeg].sort((x, y) => x[1] - y[1]);
    let best: Near | null = null;
    for (const [s, f] of cands) {
      // candidates come nearest first: once the approximation cannot beat the best exact answer, stop
      if (best && f - fastMargin(f, p[1]) > best.km) break;
      const a = this.sa[s];
      const b = this.sb[s];
      const r2 = pointToSegmentKm(p, [this.vx[a], this.vy[a]], [this.vx[b], this.vy[b]]);
      if (!best || r2.km < best.km)
        best = { km: r2.km, coastKm: Math.min(this.vKm[b], this.vKm[a] + r2.alongKm), at: p };
    }
    return best;
  }

  /**
   * Exact least distance between the geodesic a-b and the coast, when it is within r (+ margin); null
   * otherwise. Two curves that do not cross are nearest at an end point of one of them, so this takes the
   * leg's ends against the coast segments, every coast vertex against the whole leg, and any crossing (0).
   */
  legNearest(
    a: LonLat,
    b: LonLat,
    r: number,
    nearA = this.nearest(a, r),
    nearB = this.nearest(b, r),
  ): Near | null {
    let best: Near | null = null;
    const take = (n: Near | null) => {
      if (n && (!best || n.km < best.km)) best = n;
    };
    take(nearA);
    take(nearB);
    if (!this.vIdx || !this.pIdx) return best;
    const lim = r + fastMargin(r, Math.max(Math.abs(a[1]), Math.abs(b[1])) + r / 50);
    const pts = densifyGeodesic(a, b, PIECE_KM);
    const touched: number[] = [];
    for (let k = 0; k + 1 < pts.length; k++) {
      const [x0, y0] = pts[k];
      const [x1, y1] = pts[k + 1];
      const [bx0, by0, bx1, by1] = pieceBox(x0, y0, x1, y1);
      const { dLon, dLat } = degreePadding(Math.max(Math.abs(by0), Math.abs(by1)), lim);
      for (const id of searchWrapped(this.vIdx, bx0 - dLon, by0 - dLat, bx1 + dLon, by1 + dLat)) {
        const d = fastPointToSegmentKm(this.vx[id], this.vy[id], x0, y0, x1, y1);
        if (d > r + fastMargin(r, this.vy[id]) || d >= this.vBest[id]) continue;
        if (this.vBest[id] === Infinity) touched.push(id);
        this.vBest[id] = d;
      }
      if (r > 0) take(this.crossing(x0, y0, x1, y1));
    }
    touched.sort((i, j) => this.vBest[i] - this.vBest[j]);
    const leg = touched.length > 0 ? inverse(a, b) : null;
    for (const id of touched) {
      const f = this.vBest[id];
      if (best && f - fastMargin(f, this.vy[id]) > (best as Near).km) break;
      const q = pointToSegmentKm([this.vx[id], this.vy[id]], a, b);
      if (!best || q.km < (best as Near).km)
        best = {
          km: q.km,
          coastKm: this.vKm[id],
          at: leg && q.alongKm > 0 ? destination(a, leg.azi1, q.alongKm) : a,
        };
    }
    for (const id of touched) this.vBest[id] = Infinity;
    return best;
  }

  /** Where the short piece (x0,y0)-(x1,y1) crosses the coast, in a local frame at its start. */
  private crossing(x0: number, y0: number, x1: number, y1: number): Near | null {
    if (!this.pIdx) return null;
    const [bx0, by0, bx1, by1] = pieceBox(x0, y0, x1, y1);
    const kx = kxAt(y0);
    const ky = kyAt(y0);
    const X = (lon: number) => wrapLon(lon - x0) * kx;
    const Y = (lat: number) => (lat - y0) * ky;
    const ex = X(x1);
    const ey = Y(y1);
    let hit: Near | null = null;
    let bestT = Infinity;
    for (const i of searchWrapped(this.pIdx, bx0 - 1e-9, by0 - 1e-9, bx1 + 1e-9, by1 + 1e-9)) {
      const q = intersectParams(0, 0, ex, ey, X(this.pax[i]), Y(this.pay[i]), X(this.pbx[i]), Y(this.pby[i]));
      // the earliest crossing along the piece is the first point at distance 0
      if (!q || (hit && q.t >= bestT)) continue;
      bestT = q.t;
      let lon = x0 + (ex * q.t) / kx;
      if (lon > 180) lon -= 360;
      else if (lon < -180) lon += 360;
      hit = {
        km: 0,
        coastKm: this.pk0[i] + q.u * (this.pk1[i] - this.pk0[i]),
        at: [lon, y0 + (ey * q.t) / ky],
      };
    }
    return hit;
  }
}

/** Box of a short piece; one that crosses the antimeridian gets the whole width (rare; only slower). */
function pieceBox(x0: number, y0: number, x1: number, y1: number): [number, number, number, number] {
  return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
}
