/**
 * Shortest routes through free space. A leg that is clear is flown straight (a geodesic); otherwise the route
 * is found on a 16-neighbour grid over the region (Dijkstra) and pulled taut against the obstacles, so it
 * bends only where the standoff band or a no-fly area forces it to.
 */
import FlatQueue from 'flatqueue';
import { fastDistanceKm, kxAt, kyAt } from '../geo/frame.js';
import { lineLengthKm } from '../geo/geodesic.js';
import type { BBox, LonLat } from '../geo/lonlat.js';
import { pointSegDistance } from '../geo/segment-index.js';
import type { FreeSpace } from './free-space.js';

/** Grid distances from one source and each cell's predecessor (-2: attached straight to the source). */
interface Field {
  dist: Float64Array;
  parent: Int32Array;
}

export interface Route {
  path: LonLat[];
  km: number;
}

const MOVES: [number, number][] = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
  [1, 1],
  [1, -1],
  [-1, 1],
  [-1, -1],
  [2, 1],
  [2, -1],
  [-2, 1],
  [-2, -1],
  [1, 2],
  [1, -2],
  [-1, 2],
  [-1, -2],
];

/** Cell offsets within 8 cells (a 17 x 17 square), nearest first. */
const NEAR_FIRST: [number, number][] = (() => {
  const out: [number, number][] = [];
  for (let dj = -8; dj <= 8; dj++) for (let di = -8; di <= 8; di++) out.push([di, dj]);
  return out.sort((a, b) => a[0] * a[0] + a[1] * a[1] - (b[0] * b[0] + b[1] * b[1]));
})();

export class Navigator {
  readonly free: FreeSpace;
  readonly west: number;
  readonly south: number;
  readonly dLon: number;
  readonly dLat: number;
  readonly nx: number;
  readonly ny: number;
  readonly cellKm: number;
  /** 1 where a cell centre is far enough from every obstacle for grid moves between such cells to be clear. */
  readonly open: Uint8Array;
  private readonly rowKx: Float64Array;
  private readonly ky: number;
  private readonly fields = new Map<string, Field>();
  /** Buffers of one-off searches, reused (each would otherwise allocate the whole grid's arrays again). */
  private scratch: Field | null = null;
  /** Cells a one-off search set in the scratch buffers, so that the next one resets only those. */
  private touched: Int32Array | null = null;
  private nTouched = 0;
  private readonly queue = new FlatQueue<number>();

  constructor(free: FreeSpace, region: BBox, opts: { maxCells?: number } = {}) {
    this.free = free;
    const maxCells = opts.maxCells ?? 160_000;
    const midLat = (region[1] + region[3]) / 2;
    const wKm = (region[2] - region[0]) * kxAt(midLat);
    const hKm = (region[3] - region[1]) * kyAt(midLat);
    this.cellKm = Math.max(1, Math.sqrt((wKm * hKm) / maxCells));
    this.dLat = this.cellKm / kyAt(midLat);
    this.dLon = this.cellKm / kxAt(midLat);
    this.west = region[0];
    this.south = region[1];
    this.nx = Math.max(2, Math.ceil((region[2] - region[0]) / this.dLon) + 1);
    this.ny = Math.max(2, Math.ceil((region[3] - region[1]) / this.dLat) + 1);
    this.ky = kyAt(midLat) * this.dLat;
    this.rowKx = new Float64Array(this.ny);
    for (let j = 0; j < this.ny; j++) this.rowKx[j] = kxAt(this.south + j * this.dLat) * this.dLon;
    this.open = this.rasterise();
  }

  private rasterise(): Uint8Array {
    const { nx, ny } = this;
    const open = new Uint8Array(nx * ny).fill(1);
    // a knight move spans sqrt(5) cells: its midpoint is within 1.12 cells of an end, so keep 1.2 cells more
    const keep = this.free.keepKm > 0 ? this.free.keepKm + 1.2 * this.cellKm * 1.05 : 0;
    if (keep > 0) {
      const idx = this.free.coast;
      for (let s = 0; s < idx.size; s++)
        this.blockNear(open, idx.ax[s], idx.ay[s], idx.bx[s], idx.by[s], keep);
    }
    for (const poly of this.free.noFly) {
      for (const ring of poly) {
        for (let i = 0; i + 1 < ring.length; i++) {
          this.blockNear(open, ring[i][0], ring[i][1], ring[i + 1][0], ring[i + 1][1], 1.3 * this.cellKm);
        }
      }
    }
    const land = this.free.noLand;
    if (land) {
      // near a shore knight moves may cut a corner: keep 1.3 cells off it, and shut every cell on the land
      const idx = land.edges;
      const k = this.free.landKeepKm + 1.3 * this.cellKm;
      for (let s = 0; s < idx.size; s++) this.blockNear(open, idx.ax[s], idx.ay[s], idx.bx[s], idx.by[s], k);
      for (let j = 0; j < ny; j++) {
        const xs = land.crossings(this.south + j * this.dLat);
        for (let c = 0; c + 1 < xs.length; c += 2) {
          const i0 = Math.max(0, Math.ceil((xs[c] - this.west) / this.dLon));
          const i1 = Math.min(nx - 1, Math.floor((xs[c + 1] - this.west) / this.dLon));
          for (let i = i0; i <= i1; i++) open[j * nx + i] = 0;
        }
      }
    }
    if (this.free.noFly.length > 0) {
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++)
          if (open[j * nx + i] && this.free.inNoFly(this.center(i, j))) open[j * nx + i] = 0;
    }
    return open;
  }

  private blockNear(open: Uint8Array, ax: number, ay: number, bx: number, by: number, km: number): void {
    const lat = (ay + by) / 2;
    const kx = kxAt(lat);
    const ky = kyAt(lat);
    const padLon = (km / kxAt(Math.min(89, Math.abs(lat) + km / 100))) * 1.02;
    const padLat = (km / ky) * 1.02;
    const i0 = Math.max(0, Math.floor((Math.min(ax, bx) - padLon - this.west) / this.dLon));
    const i1 = Math.min(this.nx - 1, Math.ceil((Math.max(ax, bx) + padLon - this.west) / this.dLon));
    const j0 = Math.max(0, Math.floor((Math.min(ay, by) - padLat - this.south) / this.dLat));
    const j1 = Math.min(this.ny - 1, Math.ceil((Math.max(ay, by) + padLat - this.south) / this.dLat));
    for (let j = j0; j <= j1; j++) {
      const cy = (this.south + j * this.dLat - lat) * ky;
      for (let i = i0; i <= i1; i++) {
        const k = j * this.nx + i;
        if (!open[k]) continue;
        const cx = (this.west + i * this.dLon - ax) * kx;
        if (pointSegDistance(cx, cy + (lat - ay) * ky, 0, 0, (bx - ax) * kx, (by - ay) * ky) < km)
          open[k] = 0;
      }
    }
  }

  center(i: number, j: number): LonLat {
    return [this.west + i * this.dLon, this.south + j * this.dLat];
  }

  private cellOf(p: LonLat): [number, number] {
    return [Math.round((p[0] - this.west) / this.dLon), Math.round((p[1] - this.south) / this.dLat)];
  }

  /** Open cells near p that p reaches by a clear straight leg, with the leg's length. */
  private attach(p: LonLat): { cell: number; km: number }[] {
    const [ci, cj] = this.cellOf(p);
    let inner = -1;
    for (const r of [2, 4, 8]) {
      const out: { cell: number; km: number }[] = [];
      for (let j = cj - r; j <= cj + r; j++) {
        if (j < 0 || j >= this.ny) continue;
        for (let i = ci - r; i <= ci + r; i++) {
          if (i < 0 || i >= this.nx || !this.open[j * this.nx + i]) continue;
          // the inner square was tried at the smaller r, and none joined
          if (Math.abs(i - ci) <= inner && Math.abs(j - cj) <= inner) continue;
          const c = this.center(i, j);
          if (this.free.legFree(p, c)) out.push({ cell: j * this.nx + i, km: lineLengthKm([p, c]) });
        }
      }
      if (out.length > 0) return out;
      inner = r;
    }
    return [];
  }

  /** Grid distances (km) from `source` to every cell, with each cell's predecessor; cached per source. */
  field(source: LonLat): Field {
    const key = `${source[0]},${source[1]}`;
    const cached = this.fields.get(key);
    if (cached) return cached;
    const f = this.search(source, null, false);
    this.fields.set(key, f);
    return f;
  }

  /**
   * Dijkstra over the grid from `source`; with a target, A* towards it (the straight local-frame distance never
   * exceeds a grid path, so the heuristic is admissible) stopping once no cheaper way to it can remain.
   */
  private search(
    source: LonLat,
    target: { p: LonLat; ends: { cell: number; km: number }[] } | null,
    oneOff: boolean,
  ): Field {
    const { nx, ny } = this;
    let dist: Float64Array;
    let parent: Int32Array;
    let touched: Int32Array | null = null;
    if (oneOff) {
      // a one-off search's field is read once by its caller before the next search: reuse its buffers, and put
      // back only the cells the last one set (an A* search sets few of the grid's cells; filling it all was slow)
      if (!this.scratch) {
        this.scratch = {
          dist: new Float64Array(nx * ny).fill(Infinity),
          parent: new Int32Array(nx * ny).fill(-1),
        };
        this.touched = new Int32Array(nx * ny);
        this.nTouched = 0;
      }
      dist = this.scratch.dist;
      parent = this.scratch.parent;
      touched = this.touched!;
      for (let m = 0; m < this.nTouched; m++) {
        dist[touched[m]] = Infinity;
        parent[touched[m]] = -1;
      }
      this.nTouched = 0;
    } else {
      dist = new Float64Array(nx * ny).fill(Infinity);
      parent = new Int32Array(nx * ny).fill(-1);
    }
    const q = this.queue;
    q.clear();
    const endKm = new Map<number, number>();
    if (target) for (const e of target.ends) endKm.set(e.cell, e.km);
    // the smallest east-west scale on the grid: with it the straight distance never exceeds a grid path
    let kxMin = Infinity;
    for (let j = 0; j < ny; j++) kxMin = Math.min(kxMin, this.rowKx[j] / this.dLon);
    const kyCell = this.ky / this.dLat;
    const h = (k: number): number => {
      if (!target) return 0;
      const i = k % nx;
      const j = (k - i) / nx;
      const dx = (this.west + i * this.dLon - target.p[0]) * kxMin;
      const dy = (this.south + j * this.dLat - target.p[1]) * kyCell;
      return Math.sqrt(dx * dx + dy * dy);
    };
    for (const a of this.attach(source)) {
      if (a.km < dist[a.cell]) {
        if (touched && dist[a.cell] === Infinity) touched[this.nTouched++] = a.cell;
        dist[a.cell] = a.km;
        parent[a.cell] = -2;
        q.push(a.cell, a.km + h(a.cell));
      }
    }
    let best = Infinity;
    while (q.length > 0) {
      const f0 = q.peekValue()!;
      const k = q.pop()!;
      if (f0 >= best) break;
      const d0 = dist[k];
      if (f0 > d0 + h(k) + 1e-9) continue;
      const e = endKm.get(k);
      if (e !== undefined && d0 + e < best) best = d0 + e;
      const i = k % nx;
      const j = (k - i) / nx;
      for (const [di, dj] of MOVES) {
        const i2 = i + di;
        const j2 = j + dj;
        if (i2 < 0 || i2 >= nx || j2 < 0 || j2 >= ny) continue;
        const k2 = j2 * nx + i2;
        if (!this.open[k2]) continue;
        // knight moves need both cells they brush past open too
        if (
          (di === 2 || di === -2 || dj === 2 || dj === -2) &&
          (!this.open[j * nx + i + Math.sign(di)] || !this.open[(j + Math.sign(dj)) * nx + i])
        )
          continue;
        if (di !== 0 && dj !== 0 && (!this.open[j * nx + i2] || !this.open[j2 * nx + i])) continue;
        const kxm = (this.rowKx[j] + this.rowKx[j2]) / 2;
        const w = Math.sqrt(di * di * kxm * kxm + dj * dj * this.ky * this.ky);
        const nd = d0 + w;
        if (nd < dist[k2]) {
          if (touched && dist[k2] === Infinity) touched[this.nTouched++] = k2;
          dist[k2] = nd;
          parent[k2] = k;
          q.push(k2, nd + h(k2));
        }
      }
    }
    return { dist, parent };
  }

  /**
   * The route from `source` to `target` through free space, or null when there is none. With `reuse`, the
   * whole distance field from `source` is built once and kept (many targets from one base); without, a
   * one-off A* search.
   */
  route(source: LonLat, target: LonLat, opts: { reuse?: boolean } = {}): Route | null {
    if (this.free.legFree(source, target))
      return { path: [source, target], km: lineLengthKm([source, target]) };
    const ends = this.attach(target);
    if (ends.length === 0) return null;
    const key = `${source[0]},${source[1]}`;
    const f =
      this.fields.get(key) ??
      (opts.reuse ? this.field(source) : this.search(source, { p: target, ends }, true));
    let best = Infinity;
    let bestCell = -1;
    for (const a of ends) {
      if (f.dist[a.cell] + a.km < best) {
        best = f.dist[a.cell] + a.km;
        bestCell = a.cell;
      }
    }
    if (bestCell < 0 || !Number.isFinite(best)) return null;
    const cells: LonLat[] = [target];
    const { nx } = this;
    for (let k = bestCell, guard = 0; k >= 0 && guard < f.dist.length; k = f.parent[k], guard++) {
      const i = k % nx;
      cells.push(this.center(i, (k - i) / nx));
    }
    cells.push(source);
    cells.reverse();
    const path = this.pull(cells);
    return { path, km: lineLengthKm(path) };
  }

  /** String pulling: from each kept vertex, jump to the farthest later vertex reachable by a clear leg. */
  pull(pts: LonLat[]): LonLat[] {
    const out: LonLat[] = [pts[0]];
    let cur = 0;
    while (cur < pts.length - 1) {
      let lo = cur + 1;
      // exponential then binary search for the farthest clear jump (clearance is nearly monotone along a grid path)
      let hi = lo;
      let step = 1;
      while (hi + step < pts.length && this.free.legFree(pts[cur], pts[hi + step])) {
        lo = hi + step;
        hi = lo;
        step *= 2;
      }
      let top = Math.min(pts.length - 1, hi + step);
      while (lo < top) {
        const mid = Math.ceil((lo + top) / 2);
        if (this.free.legFree(pts[cur], pts[mid])) lo = mid;
        else top = mid - 1;
      }
      out.push(pts[lo]);
      cur = lo;
    }
    return out;
  }

  /**
   * Whether `target` is reachable from `source` through free space (the field from `source` is built once and
   * kept): a clear straight leg, or an open cell near the target that the field reaches and a clear leg joins.
   */
  reachable(source: LonLat, target: LonLat): boolean {
    const f = this.field(source);
    const [ci, cj] = this.cellOf(target);
    // any reached open cell within 8 cells that a clear leg joins will do: the nearest first, as it is the
    // likeliest to be joined (the answer does not depend on the order)
    for (const [di, dj] of NEAR_FIRST) {
      const i = ci + di;
      const j = cj + dj;
      if (i < 0 || i >= this.nx || j < 0 || j >= this.ny) continue;
      const k = j * this.nx + i;
      if (!this.open[k] || !Number.isFinite(f.dist[k])) continue;
      if (this.free.legFree(target, this.center(i, j))) return true;
    }
    return this.free.legFree(source, target);
  }

  /**
   * Grid distance estimate from `source` to `target` (field from `source`, kept): the nearest reached open
   * cell's distance plus the straight km to it, without checking that last leg; Infinity when none is near.
   */
  fieldKm(source: LonLat, target: LonLat): number {
    const f = this.field(source);
    const [ci, cj] = this.cellOf(target);
    let best = Infinity;
    for (let j = cj - 2; j <= cj + 2; j++) {
      if (j < 0 || j >= this.ny) continue;
      for (let i = ci - 2; i <= ci + 2; i++) {
        if (i < 0 || i >= this.nx) continue;
        const k = j * this.nx + i;
        if (!this.open[k]) continue;
        const d = f.dist[k] + fastDistanceKm(target, this.center(i, j));
        if (d < best) best = d;
      }
    }
    return best;
  }

  /** Distance (km) from `source` to `target` without building the path when the leg is clear. */
  distance(source: LonLat, target: LonLat): number {
    const r = this.route(source, target);
    return r ? r.km : Infinity;
  }
}
