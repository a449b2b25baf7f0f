/**
 * Point in polygon for large rings (a country's coast at 1:10m has tens of thousands of vertices): the rings'
 * edges bucketed by latitude band, so a query reads only the edges near its latitude. The answer is exactly
 * geo/polyline's pointInPolygon (the same even-odd rule, the same arithmetic on the same edges): an edge whose
 * latitude span does not hold the point's latitude never toggles the count, and only those are left out.
 */
import type { LonLat } from '../geo/lonlat.js';

/** Latitude band height, degrees: a few km, so a band holds few edges even along a fjord coast. */
const BAND_DEG = 0.05;

export class RingBands {
  /** Per edge: the current vertex (i) and the previous one (j), as pointInPolygon walks each ring. */
  private readonly xi: Float64Array;
  private readonly yi: Float64Array;
  private readonly xj: Float64Array;
  private readonly yj: Float64Array;
  private readonly bands = new Map<number, Int32Array>();

  constructor(rings: readonly (readonly LonLat[])[]) {
    let n = 0;
    for (const r of rings) n += r.length;
    this.xi = new Float64Array(n);
    this.yi = new Float64Array(n);
    this.xj = new Float64Array(n);
    this.yj = new Float64Array(n);
    const lists = new Map<number, number[]>();
    let k = 0;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++, k++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        this.xi[k] = xi;
        this.yi[k] = yi;
        this.xj[k] = xj;
        this.yj[k] = yj;
        // a flat edge never toggles: (yi > y) !== (yj > y) needs the two ends on either side
        if (!(yi !== yj)) continue;
        const lo = Math.floor(Math.min(yi, yj) / BAND_DEG);
        const hi = Math.floor(Math.max(yi, yj) / BAND_DEG);
        for (let b = lo; b <= hi; b++) {
          const list = lists.get(b);
          if (list) list.push(k);
          else lists.set(b, [k]);
        }
      }
    }
    for (const [b, list] of lists) this.bands.set(b, Int32Array.from(list));
  }

  /** Whether p lies inside (even-odd over every ring), as pointInPolygon(p, rings) says. */
  contains(p: LonLat): boolean {
    const px = p[0];
    const py = p[1];
    const list = this.bands.get(Math.floor(py / BAND_DEG));
    if (!list) return false;
    let inside = false;
    for (let m = 0; m < list.length; m++) {
      const k = list[m];
      const yi = this.yi[k];
      const yj = this.yj[k];
      if (yi > py !== yj > py) {
        const xi = this.xi[k];
        if (px < ((this.xj[k] - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  }
}
