/**
 * A lazily filled tile cache of a distance field (the distance to the coast, or to the shore of forbidden land),
 * so that most free-space questions are answered by one lookup instead of a segment-index search.
 *
 * Each tile (about `tileKm` across) keeps the distance measured at its centre, capped. For a point p in the
 * tile, the distance at p lies within the centre's value plus or minus the tile's half-diagonal (triangle
 * inequality), with a slack for the local-frame measurements: when the whole interval lies on one side of the
 * threshold asked about, the answer is certain; otherwise the caller measures exactly. The tiles never give
 * an answer the exact measurement would not (free-tiles.test.ts checks both agree).
 */
import { fastDistanceKmXY, kxAt, kyAt } from '../geo/frame.js';
import type { LonLat } from '../geo/lonlat.js';

/** Beyond this latitude tiles are not used (the east-west scale changes too fast across a tile). */
const MAX_LAT = 84;

export interface TileBound {
  /** Distance measured at the tile's centre (capped at the cache's cap). */
  centreKm: number;
  /** Whether the centre's value hit the cap (the true distance may be larger). */
  capped: boolean;
  /** Largest local-frame distance from the centre to a point of the tile. */
  halfKm: number;
  /** The extra flag the measure returned for the centre (e.g. on land). */
  flag: boolean;
}

export class DistanceTiles {
  readonly tileKm: number;
  readonly capKm: number;
  private readonly dLat: number;
  /** Slots of 64 x 64 tiles per block (-1: not measured yet), keyed by small integers (fast map keys). */
  private readonly blocks = new Map<number, Int32Array>();
  private lastKey = Number.NaN;
  private lastBlock: Int32Array | null = null;
  private centre = new Float64Array(1024);
  private half = new Float64Array(1024);
  private flags = new Uint8Array(1024);
  private n = 0;
  /** Per tile row, its longitude step (degrees) and half-diagonal, computed once. */
  private readonly rows = new Map<number, { dLon: number; halfKm: number }>();
  private readonly measure: (p: LonLat, limitKm: number) => { km: number; flag: boolean };
  private readonly out: TileBound = { centreKm: 0, capped: false, halfKm: 0, flag: false };

  /**
   * `measure(p, limit)`: the distance at p capped at `limit`, and a flag (for land: whether p is on land).
   * `capKm`: the largest distance the callers need to tell apart (bigger values are stored as the cap).
   */
  constructor(
    measure: (p: LonLat, limitKm: number) => { km: number; flag: boolean },
    opts: { tileKm: number; capKm: number },
  ) {
    this.measure = measure;
    this.tileKm = opts.tileKm;
    this.capKm = opts.capKm;
    this.dLat = opts.tileKm / kyAt(45);
  }

  /** Number of tiles measured so far. */
  get size(): number {
    return this.n;
  }

  private lastRow = Number.NaN;
  private lastRowInfo: { dLon: number; halfKm: number } | null = null;

  private row(j: number): { dLon: number; halfKm: number } {
    if (j === this.lastRow && this.lastRowInfo) return this.lastRowInfo;
    let r = this.rows.get(j);
    if (r) {
      this.lastRow = j;
      this.lastRowInfo = r;
      return r;
    }
    const lat0 = j * this.dLat;
    const lat1 = lat0 + this.dLat;
    // narrowest scale in the row, so that a tile is at most tileKm wide
    const poleward = Math.abs(lat0) > Math.abs(lat1) ? lat0 : lat1;
    const dLon = this.tileKm / kxAt(poleward);
    const cLat = lat0 + this.dLat / 2;
    let h = 0;
    for (const y of [lat0, lat1]) h = Math.max(h, fastDistanceKmXY(0, cLat, dLon / 2, y));
    r = { dLon, halfKm: h * 1.01 + 0.005 };
    this.rows.set(j, r);
    this.lastRow = j;
    this.lastRowInfo = r;
    return r;
  }

  /** The bound for p's tile (a shared object: read it before the next call), or null where tiles are not used. */
  at(p: LonLat): TileBound | null {
    return this.atXY(p[0], p[1]);
  }

  /** at() for a point given as lon, lat (no array to allocate in the hottest loops). */
  atXY(lon: number, lat: number): TileBound | null {
    if (!(Math.abs(lat) < MAX_LAT)) return null;
    const j = Math.floor(lat / this.dLat);
    const r = this.row(j);
    const i = Math.floor(lon / r.dLon);
    if (i < -(2 ** 20) || i >= 2 ** 20) return null;
    // blocks of 64 x 64 tiles: block keys stay small integers (a key per tile would not), and most asks fall
    // in the block asked before
    const key = ((j >> 6) + 1024) * 65536 + ((i >> 6) + 32768);
    let block = this.lastBlock;
    if (key !== this.lastKey || !block) {
      block = this.blocks.get(key) ?? null;
      if (!block) {
        block = new Int32Array(4096).fill(-1);
        this.blocks.set(key, block);
      }
      this.lastKey = key;
      this.lastBlock = block;
    }
    const at = ((j & 63) << 6) | (i & 63);
    let s = block[at];
    if (s < 0) {
      const c: LonLat = [(i + 0.5) * r.dLon, (j + 0.5) * this.dLat];
      const m = this.measure(c, this.capKm);
      s = this.n++;
      if (s >= this.centre.length) this.grow();
      this.centre[s] = Math.min(m.km, this.capKm);
      this.half[s] = r.halfKm;
      this.flags[s] = m.flag ? 1 : 0;
      block[at] = s;
    }
    const o = this.out;
    o.centreKm = this.centre[s];
    o.capped = o.centreKm >= this.capKm;
    o.halfKm = this.half[s];
    o.flag = this.flags[s] === 1;
    return o;
  }

  private grow(): void {
    const len = this.centre.length * 2;
    const c = new Float64Array(len);
    c.set(this.centre);
    this.centre = c;
    const h = new Float64Array(len);
    h.set(this.half);
    this.half = h;
    const f = new Uint8Array(len);
    f.set(this.flags);
    this.flags = f;
  }
}

/**
 * What a tile says about "is the distance within `reachKm` of p at least `thresholdKm`": true or false when
 * certain, null when the caller must measure. `reachKm` is how far from p the question reaches (half a
 * piece's length for a piece around its midpoint; 0 for a point).
 */
export function tileAtLeast(t: TileBound, thresholdKm: number, reachKm: number): boolean | null {
  // the local frame is good to ~0.05% at these ranges (frame.ts); 1% and 30 m leave room at high latitudes
  const slack = 0.03 + 0.01 * (t.centreKm + t.halfKm + reachKm);
  if (t.centreKm - t.halfKm - reachKm - slack >= thresholdKm) return true;
  if (!t.capped && t.centreKm + t.halfKm + slack < thresholdKm) return false;
  return null;
}
