/**
 * The incremental audit: fix batches stream in (millions of points), each coast sample collects its sightings,
 * and finish() turns them into coverage, revisit gaps, seen stretches and per-track figures.
 *
 * How a batch is processed. Consecutive fixes of a track are joined by segments unless they are a data gap
 * (further apart than maxGapS or maxGapKm, or time running backwards): the aircraft is taken to have flown a
 * segment, not to have been anywhere during a gap. Runs of segments are grouped into pieces (at most pieceKm
 * and pieceS long, bending at most pieceDevKm from their chord). For each piece, the coast samples near it come
 * from a grid, and each is classed by its ECEF chord distance to the piece's chord (chord.ts): surely in range,
 * surely not, or near the edge, where the piece's own segments are measured, and a sample still undecided is
 * measured with GeographicLib when its pass ends (only if no other piece of the pass saw it surely). Every bound
 * used is a proven one: the chord model error, the piece's largest deviation from its chord, and the geodesics'
 * sagitta, so no sample is reported seen that GeographicLib would not call within range of a flown segment,
 * and none within range is missed.
 *
 * A pass is a run of consecutive pieces of one track with the sample possibly in range; it gives one sighting,
 * at the time of closest approach to the piece chords (interpolated between fixes), and one watch interval, from
 * where the first piece's chord comes within range to where the last one's leaves it; revisit gaps are the
 * longest unwatched time over the tracks' span (docs/formats.md, "The audit file", domain/watch.ts). Fixes in a batch are taken
 * in time order (a batch out of order is sorted; one with untimed fixes is kept in file order); batches of a
 * track are taken in the order they arrive, and a fix earlier than the one before it starts a new run.
 */
import type { AuditResult, AuditTrack, PlanAudit, PlannedSortieAudit, SeenStretch } from '../domain/audit.js';
import type { CoastModel } from '../domain/coast.js';
import { intervalsKm, samplesToIntervals } from '../domain/coast.js';
import type { CoastInterval } from '../domain/plan.js';
import { type FixBatch, timeOrder } from '../domain/track.js';
import { longestUnwatched } from '../domain/watch.js';
import { densifyGeodesic, distanceKm, pointToSegmentKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { arcFromChord, chordFromArc, ecefInto, type RangeChords, rangeChords, sagittaKm } from './chord.js';
import { PointGrid } from './grid.js';

export interface AuditPlanInput {
  sorties: { id: string; aircraft: string; path: LonLat[] }[];
  /** Per coast sample, 1 where some sortie has it within its type's sensor range (what the plan covers). */
  covered: Uint8Array;
  /** A route point counts as flown when a track passed within this many km; default 5. */
  matchKm?: number;
  /** A sortie counts as flown when this share of its route was flown by one track of its type; default 0.5. */
  minShare?: number;
}

export interface AuditOptions {
  /** Fixes further apart in time than this are a data gap, not a segment; default 600 s. */
  maxGapS?: number;
  /** Fixes further apart than this are a data gap; default 50 km. */
  maxGapKm?: number;
  /** Longest piece, km of path; default 20. */
  pieceKm?: number;
  /** Longest piece in time; default 300 s (sighting times are interpolated between the fixes either side). */
  pieceS?: number;
  /** Largest bound on a piece's deviation from its chord; default 0.2 km. */
  pieceDevKm?: number;
  /** Sightings of neighbouring samples within this many seconds make one seen stretch; default 60. */
  mergeS?: number;
  /** Drawn tracks keep a vertex where the path bends more than this from a straight line; default 0.2 km. */
  thinKm?: number;
  /** ... and at least every this many seconds; default 600. */
  thinS?: number;
  /** Grid cell of the sample index, degrees; default 0.25. */
  cellDeg?: number;
  plan?: AuditPlanInput;
}

export interface Auditor {
  /** Adds a batch of one track's fixes, seen with `sensorRangeKm`, of scenario type `aircraft` (for plans). */
  add(batch: FixBatch, sensorRangeKm: number, aircraft?: string): void;
  /** Ends the audit; the auditor must not be used after. */
  finish(): AuditResult;
}

/** Fixes further apart than these are a data gap, not a flown segment (AuditOptions maxGapS, maxGapKm). */
export const DEFAULT_MAX_GAP_S = 600;
export const DEFAULT_MAX_GAP_KM = 50;

export function createAudit(coast: CoastModel, opts: AuditOptions = {}): Auditor {
  return new Audit(coast, opts);
}

const MAXV = 512;
const EMPTY = new Uint32Array(0);

/** Growable open-pass table of one track (struct of arrays). */
class OpenPasses {
  n = 0;
  sample = new Int32Array(16);
  last = new Int32Array(16);
  bestD2 = new Float64Array(16);
  bestT = new Float64Array(16);
  /** When the pass came into range and when it last was (ms): its watch interval. */
  inT = new Float64Array(16);
  outT = new Float64Array(16);
  sure = new Uint8Array(16);
  edgeD = new Float64Array(16);
  /** Edge segment lon/lat: a0, a1, b0, b1. */
  edge = new Float64Array(64);

  push(): number {
    if (this.n === this.sample.length) {
      const cap = this.n * 2;
      this.sample = grow(this.sample, cap);
      this.last = grow(this.last, cap);
      this.bestD2 = grow(this.bestD2, cap);
      this.bestT = grow(this.bestT, cap);
      this.inT = grow(this.inT, cap);
      this.outT = grow(this.outT, cap);
      this.sure = grow(this.sure, cap);
      this.edgeD = grow(this.edgeD, cap);
      this.edge = grow(this.edge, cap * 4);
    }
    return this.n++;
  }
}

// scratch for mergeIntervals: one audit merges millions of times, with no garbage
let mStarts = new Uint32Array(64);
let mEnds = new Uint32Array(64);

/**
 * Merges `n` interleaved [start, end] pairs that overlap or touch into their union, sorted; returns the count.
 * Starts and ends are sorted apart (numeric typed-array sorts): the union breaks exactly where the k-th smallest
 * start comes after the (k-1)-th smallest end (the first k intervals by start then all end before it).
 */
function mergeIntervals(w: Uint32Array, n: number): number {
  if (mStarts.length < n) {
    mStarts = new Uint32Array(2 * n);
    mEnds = new Uint32Array(2 * n);
  }
  const S = mStarts.subarray(0, n);
  const E = mEnds.subarray(0, n);
  for (let k = 0; k < n; k++) {
    S[k] = w[2 * k];
    E[k] = w[2 * k + 1];
  }
  S.sort();
  E.sort();
  let m = 0;
  for (let k = 0; k < n; k++) {
    if (k === 0 || S[k] > E[k - 1]) {
      if (m > 0) w[2 * m - 1] = E[k - 1];
      w[2 * m] = S[k];
      m++;
    }
  }
  if (m > 0) w[2 * m - 1] = E[n - 1];
  return m;
}

function grow<T extends Int32Array | Float64Array | Uint8Array | Uint32Array>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

class TrackState {
  readonly index: number;
  readonly id: string;
  callsign?: string;
  icao24?: string;
  aircraft?: string;
  chords: RangeChords;
  points = 0;
  km = 0;
  tMin = Infinity;
  tMax = -Infinity;
  dataGaps = 0;
  passes = 0;
  pieceNo = 0;
  /** Fixes in the current gap-free run. */
  runLen = 0;
  has = false;
  lx = 0;
  ly = 0;
  lz = 0;
  llon = 0;
  llat = 0;
  lt = Number.NaN;
  readonly open = new OpenPasses();
  readonly seen: Uint8Array;
  routeNear?: Uint8Array;
  // thinning for drawing
  thinAx = 0;
  thinAy = 0;
  thinAz = 0;
  thinAt = Number.NaN;
  thinS = 0;
  /** Fix number (points count) of the last vertex kept. */
  lastKept = -1;
  readonly path = { lon: [] as number[], lat: [] as number[], t: [] as number[], gapAfter: [] as number[] };

  constructor(index: number, id: string, chords: RangeChords, samples: number) {
    this.index = index;
    this.id = id;
    this.chords = chords;
    this.seen = new Uint8Array(samples);
  }
}

class Audit implements Auditor {
  private readonly coast: CoastModel;
  private readonly maxGapMs: number;
  private readonly maxGapKm: number;
  private readonly pieceKm: number;
  private readonly pieceMs: number;
  private readonly dev4: number;
  private readonly mergeS: number;
  private readonly thin4: number;
  private readonly thinMs: number;
  // samples
  private readonly sx: Float64Array;
  private readonly sy: Float64Array;
  private readonly sz: Float64Array;
  private readonly grid: PointGrid;
  private readonly cand: Int32Array;
  /** Open-pass slot of each sample for the current track, -1 for none. */
  private readonly slotOf: Int32Array;
  private cur: TrackState | null = null;
  private readonly tracks: TrackState[] = [];
  private readonly byId = new Map<string, TrackState>();
  private readonly chordCache = new Map<number, RangeChords>();
  // the piece being built (shared: pieces never span batches)
  private readonly vx = new Float64Array(MAXV);
  private readonly vy = new Float64Array(MAXV);
  private readonly vz = new Float64Array(MAXV);
  private readonly vlon = new Float64Array(MAXV);
  private readonly vlat = new Float64Array(MAXV);
  private readonly vt = new Float64Array(MAXV);
  private readonly vproj = new Float64Array(MAXV);
  private vn = 0;
  private vs = 0;
  private vMaxSeg = 0;
  private readonly tmp = new Float64Array(3);
  // sightings: per sample, its timed sightings in epoch seconds (4 bytes each: months of tracks make millions),
  // and a count of untimed ones
  private readonly sgTimes: Uint32Array[];
  /** Per sample, its watch intervals (epoch seconds, start and end interleaved), overlapping ones merged. */
  private readonly sgWatch: Uint32Array[];
  private readonly sgWLen: Int32Array;
  private readonly sgLen: Int32Array;
  private readonly sgUntimed: Int32Array;
  // plan
  private readonly plan?: PlanState;
  private finished = false;

  constructor(coast: CoastModel, opts: AuditOptions) {
    this.coast = coast;
    this.maxGapMs = (opts.maxGapS ?? DEFAULT_MAX_GAP_S) * 1000;
    this.maxGapKm = opts.maxGapKm ?? DEFAULT_MAX_GAP_KM;
    this.pieceKm = opts.pieceKm ?? 20;
    this.pieceMs = (opts.pieceS ?? 300) * 1000;
    this.dev4 = 4 * (opts.pieceDevKm ?? 0.2) ** 2;
    this.mergeS = opts.mergeS ?? 60;
    this.thin4 = 4 * (opts.thinKm ?? 0.2) ** 2;
    this.thinMs = (opts.thinS ?? 600) * 1000;
    const s = coast.samples;
    this.sx = new Float64Array(s.count);
    this.sy = new Float64Array(s.count);
    this.sz = new Float64Array(s.count);
    const e = this.tmp;
    for (let i = 0; i < s.count; i++) {
      ecefInto(s.lon[i], s.lat[i], e, 0);
      this.sx[i] = e[0];
      this.sy[i] = e[1];
      this.sz[i] = e[2];
    }
    this.grid = new PointGrid(s.lon, s.lat, opts.cellDeg ?? 0.25);
    this.cand = new Int32Array(Math.max(1, s.count));
    this.slotOf = new Int32Array(s.count).fill(-1);
    this.sgTimes = Array.from({ length: s.count }, () => new Uint32Array(4));
    this.sgWatch = Array.from({ length: s.count }, () => new Uint32Array(8));
    this.sgLen = new Int32Array(s.count);
    this.sgWLen = new Int32Array(s.count);
    this.sgUntimed = new Int32Array(s.count);
    if (opts.plan) this.plan = new PlanState(coast, opts.plan, opts.cellDeg ?? 0.25);
  }

  private chordsFor(rangeKm: number): RangeChords {
    let c = this.chordCache.get(rangeKm);
    if (!c) {
      c = rangeChords(rangeKm);
      this.chordCache.set(rangeKm, c);
    }
    return c;
  }

  private switchTo(st: TrackState): void {
    if (this.cur === st) return;
    const slot = this.slotOf;
    if (this.cur) {
      const o = this.cur.open;
      for (let k = 0; k < o.n; k++) slot[o.sample[k]] = -1;
    }
    const o = st.open;
    for (let k = 0; k < o.n; k++) slot[o.sample[k]] = k;
    this.cur = st;
  }

  add(batch: FixBatch, sensorRangeKm: number, aircraft?: string): void {
    if (this.finished) throw new Error('audit: add() after finish()');
    if (!(sensorRangeKm >= 0))
      throw new Error(`audit: sensor range must be a number >= 0, got ${sensorRangeKm}`);
    let st = this.byId.get(batch.track);
    if (!st) {
      st = new TrackState(
        this.tracks.length,
        batch.track,
        this.chordsFor(sensorRangeKm),
        this.coast.samples.count,
      );
      if (this.plan) st.routeNear = new Uint8Array(this.plan.count);
      this.tracks.push(st);
      this.byId.set(batch.track, st);
    }
    st.chords = this.chordsFor(sensorRangeKm);
    if (batch.callsign && !st.callsign) st.callsign = batch.callsign;
    if (batch.icao24 && !st.icao24) st.icao24 = batch.icao24;
    if (aircraft && !st.aircraft) st.aircraft = aircraft;
    this.switchTo(st);

    const { t, lon, lat } = batch;
    const n = Math.min(t.length, lon.length, lat.length);
    const order = timeOrder(t, n);
    const e = this.tmp;
    this.vn = 0;
    this.vs = 0;
    this.vMaxSeg = 0;
    if (st.has) this.pushVertex(st.lx, st.ly, st.lz, st.llon, st.llat, st.lt);
    for (let q = 0; q < n; q++) {
      const i = order ? order[q] : q;
      const x0 = lon[i];
      const y0 = lat[i];
      if (!(x0 >= -180 && x0 <= 180 && y0 >= -90 && y0 <= 90)) continue;
      const ti = t[i];
      ecefInto(x0, y0, e, 0);
      const x = e[0];
      const y = e[1];
      const z = e[2];
      st.points++;
      if (ti < st.tMin) st.tMin = ti;
      if (ti > st.tMax) st.tMax = ti;
      if (st.has) {
        const dx = x - st.lx;
        const dy = y - st.ly;
        const dz = z - st.lz;
        const c = Math.sqrt(dx * dx + dy * dy + dz * dz);
        const dt = ti - st.lt;
        const seg = arcFromChord(c);
        if (dt < 0 || dt > this.maxGapMs || seg > this.maxGapKm) {
          // a data gap: what was seen up to here is a finished run
          this.flushPiece(st);
          if (st.runLen === 1) this.processPoint(st);
          this.closePasses(st, Number.POSITIVE_INFINITY);
          st.dataGaps++;
          this.thinGap(st);
          st.runLen = 0;
          this.vn = 0;
          this.vs = 0;
          this.vMaxSeg = 0;
        } else {
          st.km += seg;
          const vn = this.vn;
          if (vn >= 2) {
            const cx = x - this.vx[0];
            const cy = y - this.vy[0];
            const cz = z - this.vz[0];
            const s2 = this.vs + c;
            if (
              vn >= MAXV ||
              s2 > this.pieceKm ||
              ti - this.vt[0] > this.pieceMs ||
              s2 * s2 - (cx * cx + cy * cy + cz * cz) > this.dev4
            ) {
              this.processPiece(st);
              this.vn = 0;
              this.vs = 0;
              this.vMaxSeg = 0;
              this.pushVertex(st.lx, st.ly, st.lz, st.llon, st.llat, st.lt);
            }
          }
          this.vs += c;
          if (seg > this.vMaxSeg) this.vMaxSeg = seg;
          this.thinStep(st, x, y, z, ti, c);
        }
      }
      if (st.runLen === 0) this.keepVertex(st, x0, y0, ti, x, y, z);
      this.pushVertex(x, y, z, x0, y0, ti);
      st.runLen++;
      st.has = true;
      st.lx = x;
      st.ly = y;
      st.lz = z;
      st.llon = x0;
      st.llat = y0;
      st.lt = ti;
    }
    this.flushPiece(st);
  }

  private pushVertex(x: number, y: number, z: number, lon: number, lat: number, t: number): void {
    const k = this.vn++;
    this.vx[k] = x;
    this.vy[k] = y;
    this.vz[k] = z;
    this.vlon[k] = lon;
    this.vlat[k] = lat;
    this.vt[k] = t;
  }

  private flushPiece(st: TrackState): void {
    if (this.vn >= 2) this.processPiece(st);
    this.vn = 0;
    this.vs = 0;
    this.vMaxSeg = 0;
  }

  /** A run of a single fix: the aircraft was there, so what it could see from there counts. */
  private processPoint(st: TrackState): void {
    this.vn = 0;
    this.vMaxSeg = 0;
    this.pushVertex(st.lx, st.ly, st.lz, st.llon, st.llat, st.lt);
    this.processPiece(st);
    this.vn = 0;
  }

  private processPiece(st: TrackState): void {
    const n = this.vn;
    const { vx, vy, vz, vproj, vlon, vlat } = this;
    const k = ++st.pieceNo;
    const ax = vx[0];
    const ay = vy[0];
    const az = vz[0];
    const abx = vx[n - 1] - ax;
    const aby = vy[n - 1] - ay;
    const abz = vz[n - 1] - az;
    const L2 = abx * abx + aby * aby + abz * abz;
    const inv = L2 > 0 ? 1 / L2 : 0;
    // largest distance of a vertex from the chord, and each vertex's place along it (monotone, for times)
    let dev2 = 0;
    let pmax = 0;
    let west = vlon[0];
    let east = west;
    let south = vlat[0];
    let north = south;
    vproj[0] = 0;
    for (let i = 1; i < n; i++) {
      const px = vx[i] - ax;
      const py = vy[i] - ay;
      const pz = vz[i] - az;
      let tp = (px * abx + py * aby + pz * abz) * inv;
      if (tp > pmax) pmax = tp;
      vproj[i] = pmax > 1 ? 1 : pmax;
      tp = tp < 0 ? 0 : tp > 1 ? 1 : tp;
      const ex = px - tp * abx;
      const ey = py - tp * aby;
      const ez = pz - tp * abz;
      const d2 = ex * ex + ey * ey + ez * ez;
      if (d2 > dev2) dev2 = d2;
      let lo = vlon[i];
      // keep the box's longitudes next to the first vertex's across the antimeridian
      if (lo - vlon[0] > 180) lo -= 360;
      else if (lo - vlon[0] < -180) lo += 360;
      if (lo < west) west = lo;
      if (lo > east) east = lo;
      if (vlat[i] < south) south = vlat[i];
      if (vlat[i] > north) north = vlat[i];
    }
    vproj[n - 1] = 1;
    const sag = sagittaKm(this.vMaxSeg);
    const dev = Math.sqrt(dev2) + sag + 1e-9;
    const { cLo, cHi } = st.chords;
    const cOut = cHi + dev;
    const cIn = cLo - dev;
    const cOut2 = cOut * cOut;
    const cIn2 = cIn > 0 ? cIn * cIn : -1;
    const cMid2 = ((cLo + cHi) / 2) ** 2;
    const lastT = this.vt[n - 1];
    const cand = this.cand;
    const m = this.grid.query(west, south, east, north, arcFromChord(cOut) * 1.001 + 0.01, cand);
    const { sx, sy, sz, slotOf } = this;
    const open = st.open;
    // open passes this piece continues or opens: when that is all of them, none ends here
    let touched = 0;
    for (let c = 0; c < m; c++) {
      const j = cand[c];
      const px = sx[j] - ax;
      const py = sy[j] - ay;
      const pz = sz[j] - az;
      const tu = (px * abx + py * aby + pz * abz) * inv;
      const tp = tu < 0 ? 0 : tu > 1 ? 1 : tu;
      const ex = px - tp * abx;
      const ey = py - tp * aby;
      const ez = pz - tp * abz;
      const d2 = ex * ex + ey * ey + ez * ez;
      if (d2 > cOut2) continue;
      let sure = d2 <= cIn2 ? 1 : 0;
      let edgeSeg = -1;
      let edgeD = 0;
      if (!sure) {
        // near the edge: measure the piece's own segments (each within its sagitta of the geodesic flown)
        let best = Number.POSITIVE_INFINITY;
        let bi = 0;
        for (let i = 0; i + 1 < n; i++) {
          const d = segDist2(sx[j], sy[j], sz[j], vx[i], vy[i], vz[i], vx[i + 1], vy[i + 1], vz[i + 1]);
          if (d < best) {
            best = d;
            bi = i;
          }
        }
        if (n === 1) best = d2;
        const dsub = Math.sqrt(best);
        if (dsub + sag <= cLo) sure = 1;
        else if (dsub - sag > cHi) continue;
        else {
          edgeSeg = bi;
          edgeD = dsub;
        }
      }
      // where along the chord the sample leaves range (the range's chord around the foot of the perpendicular):
      // the watch interval's end, for unwatched time (docs/formats.md, "The audit file"); the closest point where not in range
      let a1 = tp;
      let a0 = tp;
      if (d2 < cMid2) {
        const perp2 = tu === tp ? d2 : px * px + py * py + pz * pz - tu * tu * L2;
        const w = Math.sqrt((cMid2 - perp2) * inv);
        a1 = tu + w;
        a0 = tu - w;
      }
      // in range to the piece's end (the common case mid-pass): its last fix's time, no search
      const tOut = a1 >= 1 ? lastT : a1 > tp ? this.timeAt(a1) : Number.NEGATIVE_INFINITY;
      let s = slotOf[j];
      if (s < 0) {
        s = open.push();
        slotOf[j] = s;
        open.sample[s] = j;
        open.bestD2[s] = d2;
        open.bestT[s] = this.timeAt(tp);
        open.inT[s] = a0 <= 0 ? this.vt[0] : a0 < tp ? this.timeAt(a0) : open.bestT[s];
        open.outT[s] = tOut > open.bestT[s] ? tOut : open.bestT[s];
        open.sure[s] = sure;
        open.edgeD[s] = Number.POSITIVE_INFINITY;
      } else {
        if (d2 < open.bestD2[s]) {
          open.bestD2[s] = d2;
          open.bestT[s] = this.timeAt(tp);
          if (open.bestT[s] > open.outT[s]) open.outT[s] = open.bestT[s];
        }
        if (tOut > open.outT[s]) open.outT[s] = tOut;
        if (sure) open.sure[s] = 1;
      }
      if (open.last[s] !== k) touched++;
      open.last[s] = k;
      if (edgeSeg >= 0 && !open.sure[s] && edgeD < open.edgeD[s]) {
        open.edgeD[s] = edgeD;
        const b = n === 1 ? 0 : edgeSeg + 1;
        open.edge[4 * s] = vlon[edgeSeg];
        open.edge[4 * s + 1] = vlat[edgeSeg];
        open.edge[4 * s + 2] = vlon[b];
        open.edge[4 * s + 3] = vlat[b];
      }
    }
    if (this.plan && st.routeNear)
      this.plan.markNear(st.routeNear, west, south, east, north, ax, ay, az, abx, aby, abz, inv, dev);
    if (touched < open.n) this.closePasses(st, k);
  }

  /** Time at a place `tp` (0..1) along the current piece's chord: between the fixes either side of it. */
  private timeAt(tp: number): number {
    const { vproj, vt } = this;
    let lo = 0;
    let hi = this.vn - 1;
    if (hi <= 0) return vt[0];
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (vproj[mid] <= tp) lo = mid;
      else hi = mid;
    }
    const span = vproj[hi] - vproj[lo];
    const f = span > 0 ? (tp - vproj[lo]) / span : 0;
    return vt[lo] + f * (vt[hi] - vt[lo]);
  }

  /** Ends the passes of `st` not continued by piece `k` (all of them for k = Infinity). */
  private closePasses(st: TrackState, k: number): void {
    const o = st.open;
    const slot = this.slotOf;
    const mine = this.cur === st;
    const { lon, lat } = this.coast.samples;
    let w = 0;
    for (let r = 0; r < o.n; r++) {
      const j = o.sample[r];
      if (o.last[r] >= k) {
        if (w !== r) {
          o.sample[w] = j;
          o.last[w] = o.last[r];
          o.bestD2[w] = o.bestD2[r];
          o.bestT[w] = o.bestT[r];
          o.inT[w] = o.inT[r];
          o.outT[w] = o.outT[r];
          o.sure[w] = o.sure[r];
          o.edgeD[w] = o.edgeD[r];
          o.edge.copyWithin(4 * w, 4 * r, 4 * r + 4);
        }
        if (mine) slot[j] = w;
        w++;
        continue;
      }
      if (mine) slot[j] = -1;
      let seen = o.sure[r] === 1;
      if (!seen && o.edgeD[r] < Number.POSITIVE_INFINITY) {
        const e = o.edge;
        const a: LonLat = [e[4 * r], e[4 * r + 1]];
        const b: LonLat = [e[4 * r + 2], e[4 * r + 3]];
        seen = pointToSegmentKm([lon[j], lat[j]], a, b).km <= st.chords.rangeKm;
      }
      if (seen) {
        st.seen[j] = 1;
        st.passes++;
        this.addSighting(j, o.bestT[r], o.inT[r], o.outT[r]);
      }
    }
    o.n = w;
  }

  private addSighting(sample: number, t: number, tIn: number, tOut: number): void {
    if (Number.isNaN(t)) {
      this.sgUntimed[sample]++;
      return;
    }
    let a = this.sgTimes[sample];
    const n = this.sgLen[sample];
    if (n === a.length) {
      // grow by half: the sightings of months of tracks are the audit's largest memory
      a = grow(a, n + (n >> 1) + 4);
      this.sgTimes[sample] = a;
    }
    a[n] = Math.round(t / 1000);
    this.sgLen[sample] = n + 1;
    // the watch interval to the second, widened outwards so rounding never invents unwatched time
    this.addWatch(sample, Math.floor(Math.min(t, tIn) / 1000), Math.ceil(Math.max(t, tOut) / 1000));
  }

  /** Keeps only the union of a sample's watch intervals: unwatched time depends on nothing else. */
  private addWatch(sample: number, s: number, e: number): void {
    let wa = this.sgWatch[sample];
    let m = this.sgWLen[sample];
    // a track's next pass usually overlaps or follows the one before: extend it in place
    if (m > 0 && s <= wa[2 * m - 1] && e >= wa[2 * m - 2]) {
      if (s < wa[2 * m - 2]) wa[2 * m - 2] = s;
      if (e > wa[2 * m - 1]) wa[2 * m - 1] = e;
      return;
    }
    if (2 * m === wa.length) {
      m = mergeIntervals(wa, m);
      // grow only when merging did not free a quarter of the room
      if (4 * m > 3 * (wa.length >> 1)) {
        wa = grow(wa, 2 * (m + (m >> 1) + 4));
        this.sgWatch[sample] = wa;
      }
    }
    wa[2 * m] = s;
    wa[2 * m + 1] = e;
    this.sgWLen[sample] = m + 1;
  }

  // ---- thinning the drawn track (opening window: keep a vertex when the path since the last one bends more
  // than thinKm from the straight line, by the ellipse bound sqrt(s^2 - c^2) / 2, or thinS has passed)

  private keepVertex(
    st: TrackState,
    lon: number,
    lat: number,
    t: number,
    x: number,
    y: number,
    z: number,
  ): void {
    st.path.lon.push(lon);
    st.path.lat.push(lat);
    st.path.t.push(t);
    st.lastKept = st.points;
    st.thinAx = x;
    st.thinAy = y;
    st.thinAz = z;
    st.thinAt = t;
    st.thinS = 0;
  }

  private thinStep(st: TrackState, x: number, y: number, z: number, t: number, c: number): void {
    const s = st.thinS + c;
    const dx = x - st.thinAx;
    const dy = y - st.thinAy;
    const dz = z - st.thinAz;
    if (s * s - (dx * dx + dy * dy + dz * dz) > this.thin4 || t - st.thinAt > this.thinMs) {
      // the previous fix (the track's last) becomes a vertex, unless it is one already (a long first segment);
      // the new segment starts the next window
      if (st.lastKept !== st.points - 1) this.keepVertex(st, st.llon, st.llat, st.lt, st.lx, st.ly, st.lz);
      st.lastKept = st.points - 1;
      st.thinS = c;
    } else st.thinS = s;
  }

  private thinGap(st: TrackState): void {
    if (st.lastKept !== st.points - 1) {
      this.keepVertex(st, st.llon, st.llat, st.lt, st.lx, st.ly, st.lz);
      st.lastKept = st.points - 1;
    }
    st.path.gapAfter.push(st.path.lon.length - 1);
  }

  finish(): AuditResult {
    if (this.finished) throw new Error('audit: finish() called twice');
    for (const st of this.tracks) {
      this.switchTo(st);
      if (st.has && st.runLen === 1) this.processPoint(st);
      this.closePasses(st, Number.POSITIVE_INFINITY);
      if (st.has && st.lastKept !== st.points) {
        st.path.lon.push(st.llon);
        st.path.lat.push(st.llat);
        st.path.t.push(st.lt);
      }
    }
    this.finished = true;
    const result = this.result();
    // the watch intervals (a sample's every pass: the audit's largest memory with the sightings) are spent;
    // whoever keeps the auditor while writing the file need not keep them too
    this.sgWatch.fill(EMPTY);
    return result;
  }

  private result(): AuditResult {
    const smp = this.coast.samples;
    const S = smp.count;
    const times = this.sgTimes;
    let t0 = Number.POSITIVE_INFINITY;
    let t1 = Number.NEGATIVE_INFINITY;
    let points = 0;
    for (const st of this.tracks) {
      points += st.points;
      if (st.tMin < t0) t0 = st.tMin;
      if (st.tMax > t1) t1 = st.tMax;
    }
    const timed = t1 >= t0;
    // one timed fix (or all at one instant) spans no time: no revisit can be measured over it (null, not 0 h)
    const hasSpan = t1 > t0;
    const seen = new Uint8Array(S);
    const nTimed = new Int32Array(S);
    const nUntimed = new Int32Array(S);
    const gapMs = new Float64Array(S);
    let covered = 0;
    let worst = -1;
    let worstAt = -1;
    let worstSeen = -1;
    let worstSeenAt = -1;
    let starts = new Float64Array(64);
    let ends = new Float64Array(64);
    for (let i = 0; i < S; i++) {
      const nAll = this.sgLen[i];
      const nu = this.sgUntimed[i];
      if (nAll + nu > 0) {
        seen[i] = 1;
        covered += smp.hi[i] - smp.lo[i];
      }
      // ascending; sightings within mergeS of the one before (two aircraft together, say) are one moment
      const ti = times[i];
      ti.subarray(0, nAll).sort();
      let nt = 0;
      for (let p = 0; p < nAll; p++) {
        if (nt > 0 && ti[p] - ti[nt - 1] <= this.mergeS) continue;
        ti[nt++] = ti[p];
      }
      nTimed[i] = nt;
      nUntimed[i] = nu;
      if (!hasSpan) continue;
      // the longest unwatched time over the tracks' span, no wrap (one definition: domain/watch.ts)
      const wa = this.sgWatch[i];
      const nw = this.sgWLen[i];
      if (starts.length < nw) {
        starts = new Float64Array(2 * nw);
        ends = new Float64Array(2 * nw);
      }
      for (let p = 0; p < nw; p++) {
        starts[p] = wa[2 * p] * 1000;
        ends[p] = wa[2 * p + 1] * 1000;
      }
      const g = longestUnwatched(starts.subarray(0, nw), ends.subarray(0, nw), {
        span: { from: t0, to: t1 },
      });
      gapMs[i] = g;
      if (g > worst) {
        worst = g;
        worstAt = i;
      }
      if (nt > 0 && g > worstSeen) {
        worstSeen = g;
        worstSeenAt = i;
      }
    }
    const H = 3_600_000;
    const stretches = this.stretches(times, nTimed, nUntimed, seen, hasSpan ? gapMs : null);
    const tracks: AuditTrack[] = this.tracks.map((st) => {
      let coastSeenKm = 0;
      let ns = 0;
      for (let i = 0; i < S; i++) if (st.seen[i]) ns++;
      const samplesSeen = new Uint32Array(ns);
      ns = 0;
      for (let i = 0; i < S; i++) {
        if (!st.seen[i]) continue;
        samplesSeen[ns++] = i;
        coastSeenKm += smp.hi[i] - smp.lo[i];
      }
      return {
        id: st.id,
        ...(st.callsign ? { callsign: st.callsign } : {}),
        ...(st.icao24 ? { icao24: st.icao24 } : {}),
        ...(st.aircraft ? { aircraft: st.aircraft } : {}),
        sensorRangeKm: st.chords.rangeKm,
        points: st.points,
        ...(st.tMax >= st.tMin ? { start: st.tMin, end: st.tMax } : {}),
        km: st.km,
        dataGaps: st.dataGaps,
        passes: st.passes,
        coastSeenKm,
        samplesSeen,
        path: st.path,
      };
    });
    const coastKm = this.coast.lengthKm;
    const result: AuditResult = {
      coastKm,
      coveredKm: covered,
      coverage: coastKm > 0 ? covered / coastKm : 0,
      ...(timed ? { spanStart: t0, spanEnd: t1 } : {}),
      worstRevisitH: hasSpan && worstAt >= 0 ? worst / H : null,
      worstRevisitAtKm: hasSpan && worstAt >= 0 ? smp.km[worstAt] : null,
      worstRevisitSeenH: hasSpan && worstSeenAt >= 0 ? worstSeen / H : null,
      worstRevisitSeenAtKm: hasSpan && worstSeenAt >= 0 ? smp.km[worstSeenAt] : null,
      tracks,
      points,
      stretches,
      unseen: samplesToIntervals(smp, (i) => !seen[i]),
      seen,
    };
    if (this.plan) result.plan = this.plan.audit(this.tracks, seen);
    return result;
  }

  /** Consecutive seen samples of one line whose sightings agree within mergeS make one stretch. */
  private stretches(
    times: Uint32Array[],
    nTimed: Int32Array,
    nUntimed: Int32Array,
    seen: Uint8Array,
    gapMs: Float64Array | null,
  ): SeenStretch[] {
    const smp = this.coast.samples;
    const out: SeenStretch[] = [];
    let anchor = -1;
    let first: Uint32Array = new Uint32Array(0);
    let worstG = 0;
    let last = -1;
    const close = () => {
      if (anchor < 0) return;
      out.push({
        fromKm: smp.lo[anchor],
        toKm: smp.hi[last],
        sightingsS: first,
        untimedPasses: nUntimed[anchor],
        worstGapH: gapMs ? worstG / 3_600_000 : null,
      });
      anchor = -1;
    };
    for (let i = 0; i < smp.count; i++) {
      if (!seen[i]) {
        close();
        continue;
      }
      let same =
        anchor >= 0 &&
        smp.line[i] === smp.line[anchor] &&
        Math.abs(smp.lo[i] - smp.hi[last]) < 1e-9 &&
        nTimed[i] === nTimed[anchor] &&
        nUntimed[i] === nUntimed[anchor];
      if (same) {
        const a = times[anchor];
        const b = times[i];
        for (let p = 0; p < nTimed[i]; p++) {
          if (Math.abs(b[p] - a[p]) > this.mergeS) {
            same = false;
            break;
          }
        }
      }
      if (!same) {
        close();
        anchor = i;
        first = times[i].subarray(0, nTimed[i]);
        worstG = 0;
      }
      if (gapMs && gapMs[i] > worstG) worstG = gapMs[i];
      last = i;
    }
    close();
    return out;
  }
}

/** Squared distance from point p to the 3D segment a-b. */
function segDist2(
  px: number,
  py: number,
  pz: number,
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
): number {
  const abx = bx - ax;
  const aby = by - ay;
  const abz = bz - az;
  const qx = px - ax;
  const qy = py - ay;
  const qz = pz - az;
  const L2 = abx * abx + aby * aby + abz * abz;
  let t = L2 > 0 ? (qx * abx + qy * aby + qz * abz) / L2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = qx - t * abx;
  const ey = qy - t * aby;
  const ez = qz - t * abz;
  return ex * ex + ey * ey + ez * ez;
}

/** The plan's routes as weighted points, and which coast samples the plan covers. */
class PlanState {
  readonly count: number;
  private readonly rx: Float64Array;
  private readonly ry: Float64Array;
  private readonly rz: Float64Array;
  private readonly w: Float64Array;
  private readonly sortieOf: Int32Array;
  private readonly grid: PointGrid;
  private readonly cand: Int32Array;
  private readonly matchKm: number;
  private readonly cMatch: number;
  private readonly minShare: number;
  private readonly input: AuditPlanInput;
  private readonly coast: CoastModel;
  readonly covered: Uint8Array;

  constructor(coast: CoastModel, input: AuditPlanInput, cellDeg: number) {
    this.coast = coast;
    this.input = input;
    this.matchKm = input.matchKm ?? 5;
    this.cMatch = chordFromArc(this.matchKm);
    this.minShare = input.minShare ?? 0.5;
    const lon: number[] = [];
    const lat: number[] = [];
    const w: number[] = [];
    const sortieOf: number[] = [];
    input.sorties.forEach((s, si) => {
      const pts: LonLat[] = [];
      for (let k = 0; k + 1 < s.path.length; k++) {
        const leg = densifyGeodesic(s.path[k], s.path[k + 1], 1);
        pts.push(...(k === 0 ? leg : leg.slice(1)));
      }
      if (s.path.length === 1) pts.push(s.path[0]);
      const legKm = pts.slice(1).map((p, i) => distanceKm(pts[i], p));
      pts.forEach((p, i) => {
        lon.push(p[0]);
        lat.push(p[1]);
        w.push(((legKm[i - 1] ?? 0) + (legKm[i] ?? 0)) / 2 || 1);
        sortieOf.push(si);
      });
    });
    this.count = lon.length;
    this.rx = new Float64Array(this.count);
    this.ry = new Float64Array(this.count);
    this.rz = new Float64Array(this.count);
    const e = new Float64Array(3);
    for (let i = 0; i < this.count; i++) {
      ecefInto(lon[i], lat[i], e, 0);
      this.rx[i] = e[0];
      this.ry[i] = e[1];
      this.rz[i] = e[2];
    }
    this.w = Float64Array.from(w);
    this.sortieOf = Int32Array.from(sortieOf);
    this.grid = new PointGrid(Float64Array.from(lon), Float64Array.from(lat), cellDeg);
    this.cand = new Int32Array(Math.max(1, this.count));
    if (input.covered.length !== coast.samples.count)
      throw new Error(
        `audit: plan.covered has ${input.covered.length} flags for ${coast.samples.count} samples`,
      );
    this.covered = input.covered;
  }

  markNear(
    near: Uint8Array,
    west: number,
    south: number,
    east: number,
    north: number,
    ax: number,
    ay: number,
    az: number,
    abx: number,
    aby: number,
    abz: number,
    inv: number,
    dev: number,
  ): void {
    const c = this.cMatch + dev;
    const c2 = c * c;
    const m = this.grid.query(west, south, east, north, arcFromChord(c) + 0.01, this.cand);
    for (let q = 0; q < m; q++) {
      const r = this.cand[q];
      if (near[r]) continue;
      const px = this.rx[r] - ax;
      const py = this.ry[r] - ay;
      const pz = this.rz[r] - az;
      let tp = (px * abx + py * aby + pz * abz) * inv;
      tp = tp < 0 ? 0 : tp > 1 ? 1 : tp;
      const ex = px - tp * abx;
      const ey = py - tp * aby;
      const ez = pz - tp * abz;
      if (ex * ex + ey * ey + ez * ez <= c2) near[r] = 1;
    }
  }

  audit(tracks: TrackState[], seen: Uint8Array): PlanAudit {
    const sorties = this.input.sorties;
    const total = new Float64Array(sorties.length);
    for (let r = 0; r < this.count; r++) total[this.sortieOf[r]] += this.w[r];
    // share of each sortie's route flown by each track of its type
    const pairs: { s: number; t: number; share: number }[] = [];
    const best = new Float64Array(sorties.length);
    for (const st of tracks) {
      if (!st.routeNear) continue;
      const got = new Float64Array(sorties.length);
      for (let r = 0; r < this.count; r++) if (st.routeNear[r]) got[this.sortieOf[r]] += this.w[r];
      sorties.forEach((s, si) => {
        if (st.aircraft !== undefined && st.aircraft !== s.aircraft) return;
        const share = total[si] > 0 ? got[si] / total[si] : 0;
        if (share > best[si]) best[si] = share;
        if (share >= this.minShare) pairs.push({ s: si, t: st.index, share });
      });
    }
    // one track per sortie and one sortie per track, best shares first
    pairs.sort((a, b) => b.share - a.share);
    const sortieTrack = new Int32Array(sorties.length).fill(-1);
    const shareOf = new Float64Array(sorties.length);
    const used = new Set<number>();
    for (const p of pairs) {
      if (sortieTrack[p.s] >= 0 || used.has(p.t)) continue;
      sortieTrack[p.s] = p.t;
      shareOf[p.s] = p.share;
      used.add(p.t);
    }
    const out: PlannedSortieAudit[] = sorties.map((s, si) => ({
      id: s.id,
      aircraft: s.aircraft,
      flown: sortieTrack[si] >= 0,
      ...(sortieTrack[si] >= 0 ? { track: tracks[sortieTrack[si]].id } : {}),
      share: sortieTrack[si] >= 0 ? shareOf[si] : best[si],
    }));
    const smp = this.coast.samples;
    let plannedKm = 0;
    let achievedKm = 0;
    for (let i = 0; i < smp.count; i++) {
      if (!this.covered[i]) continue;
      plannedKm += smp.hi[i] - smp.lo[i];
      if (seen[i]) achievedKm += smp.hi[i] - smp.lo[i];
    }
    const holes: CoastInterval[] = samplesToIntervals(smp, (i) => this.covered[i] === 1 && !seen[i]);
    return {
      sorties: out,
      plannedKm,
      achievedKm,
      achieved: plannedKm > 0 ? achievedKm / plannedKm : 1,
      holes,
      holesKm: intervalsKm(holes),
      matchKm: this.matchKm,
      minShare: this.minShare,
    };
  }
}
