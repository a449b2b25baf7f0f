/**
 * Land as plain polygons, answering "is this point on land" (even-odd ray casting over latitude bands, so a
 * query reads only the edges near its latitude) and "how near is the shore" (a segment index over the rings).
 * The planner builds one for the land it must not overfly and one for all land (to tell sea from land).
 * Adjacent countries' shared borders appear twice and cancel in the parity count, so the union is what counts.
 */
import type { LonLat } from '../geo/lonlat.js';
import { SegmentIndex } from '../geo/segment-index.js';

/** Latitude band height for the ray-casting buckets, degrees. */
const BAND_DEG = 0.05;

export class LandMask {
  /** Every ring's edges, closed, for clearance tests. */
  readonly edges: SegmentIndex;
  private readonly x0: Float64Array;
  private readonly y0: Float64Array;
  private readonly x1: Float64Array;
  private readonly y1: Float64Array;
  private readonly bands = new Map<number, number[]>();
  readonly empty: boolean;

  /** `polygons`: each an outer ring then holes, [lon, lat], closed or not. */
  constructor(polygons: readonly (readonly (readonly LonLat[])[])[]) {
    const rings: LonLat[][] = [];
    for (const poly of polygons)
      for (const r of poly) {
        if (r.length < 3) continue;
        const a = r[0];
        const b = r[r.length - 1];
        rings.push(a[0] === b[0] && a[1] === b[1] ? [...r] : [...r, a]);
      }
    this.edges = new SegmentIndex(rings);
    let n = 0;
    for (const r of rings) n += r.length - 1;
    this.x0 = new Float64Array(n);
    this.y0 = new Float64Array(n);
    this.x1 = new Float64Array(n);
    this.y1 = new Float64Array(n);
    let k = 0;
    for (const r of rings) {
      for (let i = 0; i + 1 < r.length; i++, k++) {
        this.x0[k] = r[i][0];
        this.y0[k] = r[i][1];
        this.x1[k] = r[i + 1][0];
        this.y1[k] = r[i + 1][1];
        if (this.y0[k] === this.y1[k]) continue;
        const lo = Math.floor(Math.min(this.y0[k], this.y1[k]) / BAND_DEG);
        const hi = Math.floor(Math.max(this.y0[k], this.y1[k]) / BAND_DEG);
        for (let b = lo; b <= hi; b++) {
          const list = this.bands.get(b);
          if (list) list.push(k);
          else this.bands.set(b, [k]);
        }
      }
    }
    this.empty = n === 0;
  }

  /** Whether p lies on land (planar lon/lat even-odd rule, like geo/polyline's pointInPolygon). */
  contains(p: LonLat): boolean {
    if (this.empty) return false;
    const list = this.bands.get(Math.floor(p[1] / BAND_DEG));
    if (!list) return false;
    let inside = false;
    const [px, py] = p;
    for (const k of list) {
      const yi = this.y0[k];
      const yj = this.y1[k];
      if (yi > py !== yj > py) {
        const xi = this.x0[k];
        if (px < ((this.x1[k] - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  }

  /** Longitudes where the parallel at `lat` crosses a shore, sorted (land lies between pairs). */
  crossings(lat: number): number[] {
    const list = this.bands.get(Math.floor(lat / BAND_DEG));
    if (!list) return [];
    const xs: number[] = [];
    for (const k of list) {
      const yi = this.y0[k];
      const yj = this.y1[k];
      if (yi > lat !== yj > lat) xs.push(((this.x1[k] - this.x0[k]) * (lat - yi)) / (yj - yi) + this.x0[k]);
    }
    return xs.sort((a, b) => a - b);
  }
}
