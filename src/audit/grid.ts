/**
 * A fixed lon/lat grid over a static point set (coast samples, planned route points): rows cover only the
 * points' latitudes, columns the whole circle so boxes across the antimeridian wrap. Queries write candidate
 * indices into a caller's buffer: no allocation in the hot loop.
 */
import { degreePadding } from '../geo/frame.js';

export class PointGrid {
  readonly count: number;
  private readonly cell: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly row0: number;
  private readonly start: Int32Array;
  private readonly items: Int32Array;

  constructor(lon: Float64Array, lat: Float64Array, cellDeg = 0.25) {
    const n = lon.length;
    this.count = n;
    this.cell = cellDeg;
    this.cols = Math.ceil(360 / cellDeg);
    let minRow = Infinity;
    let maxRow = -Infinity;
    for (let i = 0; i < n; i++) {
      const r = this.rowOf(lat[i]);
      if (r < minRow) minRow = r;
      if (r > maxRow) maxRow = r;
    }
    if (n === 0) minRow = maxRow = 0;
    this.row0 = minRow;
    this.rows = maxRow - minRow + 1;
    const cells = this.rows * this.cols;
    const cellOf = new Int32Array(n);
    this.start = new Int32Array(cells + 1);
    for (let i = 0; i < n; i++) {
      const c = (this.rowOf(lat[i]) - this.row0) * this.cols + this.colOf(lon[i]);
      cellOf[i] = c;
      this.start[c + 1]++;
    }
    for (let c = 0; c < cells; c++) this.start[c + 1] += this.start[c];
    const fill = this.start.slice(0, cells);
    this.items = new Int32Array(n);
    // points keep their index order within a cell, so results come out in coast order per cell
    for (let i = 0; i < n; i++) this.items[fill[cellOf[i]]++] = i;
  }

  private rowOf(lat: number): number {
    return Math.floor((lat + 90) / this.cell);
  }

  private colOf(lon: number): number {
    const c = Math.floor((lon + 180) / this.cell) % this.cols;
    return c < 0 ? c + this.cols : c;
  }

  /**
   * Writes into `out` the points whose cells meet the box [west, east] x [south, north] grown by `padKm` in
   * every direction (west may exceed east's range by wrapping: east - west is the box's width, at most 360).
   * Returns how many. `out` must hold `count` entries.
   */
  query(west: number, south: number, east: number, north: number, padKm: number, out: Int32Array): number {
    const { dLon, dLat } = degreePadding(Math.max(Math.abs(south), Math.abs(north)), padKm);
    const s = south - dLat;
    const nn = north + dLat;
    let r0 = this.rowOf(s) - this.row0;
    let r1 = this.rowOf(nn) - this.row0;
    if (r1 < 0 || r0 >= this.rows) return 0;
    if (r0 < 0) r0 = 0;
    if (r1 >= this.rows) r1 = this.rows - 1;
    const width = east - west + 2 * dLon;
    let c0: number;
    let span: number;
    if (width >= 360 || s <= -90 || nn >= 90) {
      c0 = 0;
      span = this.cols;
    } else {
      c0 = this.colOf(west - dLon);
      const c1 = Math.floor((east + dLon + 180) / this.cell);
      const c0abs = Math.floor((west - dLon + 180) / this.cell);
      span = Math.min(this.cols, c1 - c0abs + 1);
    }
    let k = 0;
    const { start, items, cols } = this;
    for (let r = r0; r <= r1; r++) {
      const base = r * cols;
      let c = c0;
      for (let j = 0; j < span; j++) {
        const cell = base + c;
        for (let p = start[cell], e = start[cell + 1]; p < e; p++) out[k++] = items[p];
        if (++c === cols) c = 0;
      }
    }
    return k;
  }
}
