/**
 * Which coast samples lie within a range of a leg. The planner's coverage bookkeeping (fast, conservative)
 * and the final exact coverage of a sortie (GeographicLib where a sample is near the sensor's edge).
 */
import Flatbush from 'flatbush';
import type { CoastSamples } from '../domain/coast.js';
import { degreePadding, fastDistanceKm, kxAt, kyAt } from '../geo/frame.js';
import { densifyFast, densifyGeodesic, distanceKm, pointToSegmentKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { wrapLon } from '../geo/lonlat.js';
import { MEAN_RADIUS_KM } from '../geo/wgs84.js';
import { PIECE_KM } from './free-space.js';

export class SampleIndex {
  readonly samples: CoastSamples;
  /** km per degree at each sample (longitude, latitude), computed once. */
  readonly kx: Float64Array;
  readonly ky: Float64Array;
  /** Unit vectors of the samples on the sphere, for arcDistance. */
  private readonly ux: Float64Array;
  private readonly uy: Float64Array;
  private readonly uz: Float64Array;
  private readonly index: Flatbush | null;

  constructor(samples: CoastSamples) {
    this.samples = samples;
    this.kx = Float64Array.from(samples.lat, (l) => kxAt(l));
    this.ky = Float64Array.from(samples.lat, (l) => kyAt(l));
    this.ux = new Float64Array(samples.count);
    this.uy = new Float64Array(samples.count);
    this.uz = new Float64Array(samples.count);
    for (let i = 0; i < samples.count; i++) {
      const u = unit([samples.lon[i], samples.lat[i]]);
      this.ux[i] = u[0];
      this.uy[i] = u[1];
      this.uz[i] = u[2];
    }
    if (samples.count === 0) {
      this.index = null;
      return;
    }
    const idx = new Flatbush(samples.count);
    for (let i = 0; i < samples.count; i++)
      idx.add(samples.lon[i], samples.lat[i], samples.lon[i], samples.lat[i]);
    idx.finish();
    this.index = idx;
  }

  /**
   * Calls fn(sample, km, t) for every sample within `rangeKm` of the short piece a-b (local frame), where t in
   * [0, 1] is where along the piece the sample is closest.
   */
  nearPiece(a: LonLat, b: LonLat, rangeKm: number, fn: (i: number, km: number, t: number) => void): void {
    if (!this.index) return;
    const bx0 = a[0] + wrapLon(b[0] - a[0]);
    const { dLon, dLat } = degreePadding(Math.max(Math.abs(a[1]), Math.abs(b[1])), rangeKm);
    const ids = this.index.search(
      Math.min(a[0], bx0) - dLon,
      Math.min(a[1], b[1]) - dLat,
      Math.max(a[0], bx0) + dLon,
      Math.max(a[1], b[1]) + dLat,
    );
    for (const i of ids) {
      const d = this.pieceDistance(i, a, b, bx0);
      if (d.km <= rangeKm) fn(i, d.km, d.t);
    }
  }

  /** Distance (km) from sample i to the short piece a-b (bx0: b's longitude unwrapped next to a's), and where along it. */
  pieceDistance(
    i: number,
    a: LonLat,
    b: LonLat,
    bx0 = a[0] + wrapLon(b[0] - a[0]),
  ): { km: number; t: number } {
    const km = this.pieceKm(i, a, b, bx0);
    return { km, t: this.lastT };
  }

  /** Where along the piece the last pieceKm call found the closest point (saves an allocation per call). */
  private lastT = 0;

  /** pieceDistance's km alone, without allocating. */
  pieceKm(i: number, a: LonLat, b: LonLat, bx0 = a[0] + wrapLon(b[0] - a[0])): number {
    const { lon, lat } = this.samples;
    const px = lon[i];
    const py = lat[i];
    const kx = this.kx[i];
    const ky = this.ky[i];
    const x1 = wrapLon(a[0] - px) * kx;
    const y1 = (a[1] - py) * ky;
    const x2 = x1 + (bx0 - a[0]) * kx;
    const y2 = (b[1] - py) * ky;
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len2 = dx * dx + dy * dy;
    let t = len2 > 0 ? -(x1 * dx + y1 * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    this.lastT = t;
    const cx = x1 + t * dx;
    const cy = y1 + t * dy;
    // east-west scale at the mean latitude keeps the error second order (kx changes ~tan(lat) per radian)
    const mlat = cy / ky / 2;
    const ex = cx * (1 - Math.tan(py * (Math.PI / 180)) * mlat * (Math.PI / 180));
    return Math.sqrt(ex * ex + cy * cy);
  }

  /** Distance from sample i to a leg given as a densified polyline (pieces short enough to be straight). */
  legDistance(i: number, pts: readonly LonLat[]): number {
    let best = Infinity;
    for (let k = 0; k + 1 < pts.length; k++) {
      const d = this.pieceKm(i, pts[k], pts[k + 1]);
      if (d < best) best = d;
    }
    return best;
  }

  /**
   * A leg a-b cut into equal great-circle pieces (densifyFast), with what arcDistance needs to find, for any
   * sample, the piece nearest it without scanning them all.
   */
  arcLeg(a: LonLat, b: LonLat): ArcLeg {
    const pts = densifyFast(a, b, PIECE_KM);
    const [ax, ay, az] = unit(a);
    const [bx, by, bz] = unit(b);
    let nx = ay * bz - az * by;
    let ny = az * bx - ax * bz;
    let nz = ax * by - ay * bx;
    const nn = Math.hypot(nx, ny, nz);
    const omega = Math.acos(Math.min(1, Math.max(-1, ax * bx + ay * by + az * bz)));
    if (nn > 1e-12) {
      nx /= nn;
      ny /= nn;
      nz /= nn;
    }
    // b x n: a point p is on b's side of the leg's end when p.(b x n) < 0
    const ex = by * nz - bz * ny;
    const ey = bz * nx - bx * nz;
    const ez = bx * ny - by * nx;
    return { pts, ax, ay, az, nx, ny, nz, ex, ey, ez, omega: nn > 1e-12 ? omega : 0 };
  }

  /**
   * Whether sample i lies within `rangeKm` of an arcLeg, deciding clear cases on the sphere (two dot
   * products) and only the rest with arcDistance. A sphere of mean radius is within 0.6% of the ellipsoid's
   * distances at these ranges, so cases 0.7% (+20 m) either side of the range are clear.
   */
  arcWithin(i: number, leg: ArcLeg, rangeKm: number): boolean {
    if (leg.omega > 0) {
      const px = this.ux[i];
      const py = this.uy[i];
      const pz = this.uz[i];
      const cross = Math.abs(px * leg.nx + py * leg.ny + pz * leg.nz) * EARTH_KM;
      // nearer the full great circle than the leg can be: the sphere's cross-track distance
      if (cross > rangeKm * 1.007 + 0.02) return false;
      if (cross < rangeKm * 0.993 - 0.02) {
        const ax = leg.ny * leg.az - leg.nz * leg.ay;
        const ay = leg.nz * leg.ax - leg.nx * leg.az;
        const az = leg.nx * leg.ay - leg.ny * leg.ax;
        // the foot of the perpendicular lies on the leg itself (between a and b): then that is the distance
        if (px * ax + py * ay + pz * az >= 0 && px * leg.ex + py * leg.ey + pz * leg.ez >= 0) return true;
      }
    }
    return this.arcDistance(i, leg) <= rangeKm;
  }

  /** Distance from sample i to an arcLeg: the same figure as legDistance(i, leg.pts), in constant time. */
  arcDistance(i: number, leg: ArcLeg): number {
    const { pts } = leg;
    const pieces = pts.length - 1;
    if (pieces <= 3 || leg.omega === 0) return this.legDistance(i, pts);
    const px = this.ux[i];
    const py = this.uy[i];
    const pz = this.uz[i];
    // angle from a of the sample's projection on the leg's great circle: atan2((a x p).n, a.p)
    const cx = leg.ay * pz - leg.az * py;
    const cy = leg.az * px - leg.ax * pz;
    const cz = leg.ax * py - leg.ay * px;
    const ang = Math.atan2(cx * leg.nx + cy * leg.ny + cz * leg.nz, leg.ax * px + leg.ay * py + leg.az * pz);
    let k = Math.floor((ang / leg.omega) * pieces);
    k = k < 1 ? 1 : k > pieces - 2 ? pieces - 2 : k;
    // the nearest piece on the sphere and its neighbours: the ellipsoid shifts it by far less than a piece
    let best = Infinity;
    for (let j = k - 1; j <= k + 1; j++) {
      const d = this.pieceKm(i, pts[j], pts[j + 1]);
      if (d < best) best = d;
    }
    return best;
  }

  /** Same over a whole geodesic leg, cut into pieces; `along` is km from a. */
  nearLeg(a: LonLat, b: LonLat, rangeKm: number, fn: (i: number, km: number, along: number) => void): void {
    const L = distanceKm(a, b);
    const pts = L > PIECE_KM ? densifyGeodesic(a, b, PIECE_KM) : [a, b];
    const step = L / (pts.length - 1);
    for (let k = 0; k + 1 < pts.length; k++)
      this.nearPiece(pts[k], pts[k + 1], rangeKm, (i, d, t) => fn(i, d, (k + t) * step));
  }

  /**
   * Exactly which samples a path covers with sensor range `rangeKm`: fast distances decide clear cases, and
   * samples within 0.3% (+5 m) of the edge are measured with GeographicLib against the geodesic leg.
   */
  coveredBy(
    path: readonly LonLat[],
    rangeKm: number,
    out: Uint8Array = new Uint8Array(this.samples.count),
  ): Uint8Array {
    const slack = rangeKm * 0.003 + 0.005;
    const { lon, lat } = this.samples;
    for (let k = 0; k + 1 < path.length; k++) {
      const a = path[k];
      const b = path[k + 1];
      this.nearLeg(a, b, rangeKm + slack, (i, d) => {
        if (out[i]) return;
        if (d <= rangeKm - slack) out[i] = 1;
        else if (pointToSegmentKm([lon[i], lat[i]], a, b).km <= rangeKm) out[i] = 1;
      });
    }
    if (path.length === 1) {
      this.nearPiece(path[0], path[0], rangeKm + slack, (i) => {
        if (!out[i] && distanceKm(path[0], [lon[i], lat[i]]) <= rangeKm) out[i] = 1;
      });
    }
    return out;
  }
}

/** Mean earth radius (km): the sphere the quick tests in arcWithin use. */
const EARTH_KM = MEAN_RADIUS_KM;

/** A leg prepared for SampleIndex.arcDistance. */
export interface ArcLeg {
  readonly pts: readonly LonLat[];
  readonly ax: number;
  readonly ay: number;
  readonly az: number;
  /** Unit normal of the leg's great circle. */
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  /** b x n, for telling whether a point's foot on the great circle lies before b. */
  readonly ex: number;
  readonly ey: number;
  readonly ez: number;
  /** Angle a-b (radians); 0 for a degenerate leg. */
  readonly omega: number;
}

function unit(p: LonLat): [number, number, number] {
  const R = Math.PI / 180;
  const f = p[1] * R;
  const l = p[0] * R;
  return [Math.cos(f) * Math.cos(l), Math.cos(f) * Math.sin(l), Math.sin(f)];
}

/**
 * A shrinking set of coast samples that answers "which one is nearest to p" (by fastDistanceKm, as a scan
 * over all of them would) from buckets of a lon/lat grid searched ring by ring: the tour's mop-up asks this
 * once per unseen sample, which a scan makes quadratic in the coast's length.
 */
export class NearestSamples {
  private readonly lon: Float64Array;
  private readonly lat: Float64Array;
  private readonly cellDeg: number;
  private readonly nLon: number;
  private readonly buckets = new Map<number, number[]>();
  private readonly where: Int32Array;
  private count = 0;

  /** The place the bucket order below was made for, the buckets by lower bound from it, and the first non-empty. */
  private from: LonLat | null = null;
  private order: { b: number[]; bound: number }[] = [];
  private head = 0;

  /** `ids`: the samples in the set; `cellDeg`: bucket size in degrees. */
  constructor(samples: CoastSamples, ids: readonly number[], cellDeg = 0.5) {
    this.lon = samples.lon;
    this.lat = samples.lat;
    this.cellDeg = cellDeg;
    this.nLon = Math.ceil(360 / cellDeg);
    this.where = new Int32Array(samples.count).fill(-1);
    for (const i of ids) {
      if (this.where[i] >= 0) continue;
      const key = this.keyOf(this.col(this.lon[i]), this.row(this.lat[i]));
      let b = this.buckets.get(key);
      if (!b) {
        b = [];
        this.buckets.set(key, b);
      }
      this.where[i] = b.length;
      b.push(i);
      this.count++;
    }
  }

  get size(): number {
    return this.count;
  }

  has(i: number): boolean {
    return this.where[i] >= 0;
  }

  private col(lon: number): number {
    const c = Math.floor((lon + 180) / this.cellDeg) % this.nLon;
    return c < 0 ? c + this.nLon : c;
  }

  private row(lat: number): number {
    return Math.floor((lat + 90) / this.cellDeg);
  }

  private keyOf(c: number, r: number): number {
    return r * this.nLon + c;
  }

  delete(i: number): void {
    const at = this.where[i];
    if (at < 0) return;
    const b = this.buckets.get(this.keyOf(this.col(this.lon[i]), this.row(this.lat[i])))!;
    const last = b.pop()!;
    if (last !== i) {
      b[at] = last;
      this.where[last] = at;
    }
    if (b.length === 0) this.buckets.delete(this.keyOf(this.col(this.lon[i]), this.row(this.lat[i])));
    this.where[i] = -1;
    this.count--;
  }

  /** Every non-empty bucket with a lower bound on fastDistanceKm from p to anything in it, nearest first. */
  private orderFrom(p: LonLat): void {
    const cell = this.cellDeg;
    const kxP = kxAt(Math.min(89.9, Math.abs(p[1])));
    const order: { b: number[]; bound: number }[] = [];
    for (const [key, b] of this.buckets) {
      const r = Math.floor(key / this.nLon);
      const c = key - r * this.nLon;
      const lat0 = r * cell - 90;
      const lat1 = lat0 + cell;
      const dLat = p[1] < lat0 ? lat0 - p[1] : p[1] > lat1 ? p[1] - lat1 : 0;
      const dw = Math.abs(wrapLon(p[0] - (c * cell - 180 + cell / 2))) - cell / 2;
      const dLon = dw > 0 ? dw : 0;
      // the mean latitude of p and a sample lies between them: kx there is at least the smaller of the two ends'
      const kx = dLon > 0 ? Math.min(kxP, kxAt(Math.min(89.9, Math.max(Math.abs(lat0), Math.abs(lat1))))) : 0;
      const lx = dLon * kx;
      const ly = dLat * KY_MIN;
      order.push({ b, bound: Math.sqrt(lx * lx + ly * ly) });
    }
    order.sort((x, y) => x.bound - y.bound);
    this.from = [p[0], p[1]];
    this.order = order;
    this.head = 0;
  }

  /**
   * The sample of the set nearest p by fastDistanceKm, or -1 when the set is empty. Samples for which `dead`
   * says true are dropped from the set on the way (the mop-up's samples that got covered meanwhile).
   */
  nearest(p: LonLat, dead?: (i: number) => boolean): number {
    if (this.count === 0) return -1;
    const c0 = this.col(p[0]);
    const r0 = this.row(p[1]);
    const cell = this.cellDeg;
    let best = -1;
    let bestKm = Infinity;
    const scan = (b: number[]) => {
      for (let k = b.length - 1; k >= 0; k--) {
        const i = b[k];
        if (dead?.(i)) {
          this.delete(i);
          continue;
        }
        const d = fastDistanceKm(p, [this.lon[i], this.lat[i]]);
        if (d < bestKm || (d === bestKm && i > best)) {
          bestKm = d;
          best = i;
        }
      }
    };
    // the few buckets round p first: usually the nearest sample is there and proves itself so
    const R = 3;
    if (2 * R + 1 < this.nLon) {
      for (let r = r0 - R; r <= r0 + R; r++)
        for (let c = c0 - R; c <= c0 + R; c++) {
          const b = this.buckets.get(this.keyOf(((c % this.nLon) + this.nLon) % this.nLon, r));
          if (b) scan(b);
        }
      // anything outside that square is R cells away in latitude, or in longitude within R rows
      const far = Math.min(89.9, Math.abs(p[1]) + (R + 1) * cell);
      if (bestKm <= R * cell * Math.min(KY_MIN, kxAt(far))) return best;
    }
    // otherwise the buckets in order of how near they could be to p (kept while p stays: the mop-up asks from
    // one place many times while it drops samples no point sees), up to the first that cannot beat the best
    if (!this.from || this.from[0] !== p[0] || this.from[1] !== p[1]) this.orderFrom(p);
    const order = this.order;
    while (this.head < order.length && order[this.head].b.length === 0) this.head++;
    for (let k = this.head; k < order.length; k++) {
      const o = order[k];
      if (o.bound > bestKm) break;
      if (o.b.length > 0) scan(o.b);
    }
    return best;
  }
}

/** Smallest km per degree of latitude on the ellipsoid (at the equator), a lower bound for ring distances. */
const KY_MIN = 110.5;
