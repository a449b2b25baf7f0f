/**
 * Gaps proved, not believed (docs/formats.md, "The scenario file"): for every stretch of coast no sortie covers, search for a
 * legal sortie that would see some coast sample of it. First a straight out-and-back from each base to a turn
 * point within sensor range of the sample; then one routed through free space on a grid of our own (nothing
 * here comes from the planner). A witness is re-checked whole by the same judge that checks the plan's
 * sorties, with margins (standoff, sensor range, endurance) so that it is legal beyond doubt: a violation
 * names it. The search is bounded: a fixed number of samples per stretch, of straight tries, and of grid cells.
 */
import type { CoastModel } from '../domain/coast.js';
import type { CoastInterval, Plan } from '../domain/plan.js';
import type { AircraftType, Base, Scenario } from '../domain/scenario.js';
import { fastDistanceKm, kxAt, kyAt } from '../geo/frame.js';
import { destination, distanceKm, inverse, KM_PER_NM } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';

/** What the witness search asks of the verifier: the plan's own rules, so a witness obeys exactly them. */
export interface WitnessJudge {
  /** Whether a sortie flying `path` from `base` keeps the standoff (plus clearKm), the no-fly areas and land. */
  legal(path: LonLat[], base: Base, clearKm: number): boolean;
  /** Whether every point within `radiusKm` of p is at least standoff + clearKm from the coast and free. */
  free(p: LonLat, base: Base, clearKm: number, radiusKm: number): boolean;
}

export interface Witness {
  /** The uncovered stretch, coast km. */
  stretch: CoastInterval;
  /** Whether the plan lists it as a gap. */
  listed: boolean;
  base: string;
  aircraft: string;
  path: LonLat[];
  turn: LonLat;
  /** The coast sample it sees. */
  coastKm: number;
  seenFromKm: number;
  hours: number;
  usableH: number;
  routed: boolean;
}

/** Margins that keep a witness legal beyond rounding: km inside the sensor range, km outside the band. */
const SEE_MARGIN_KM = 0.2;
const CLEAR_KM = 0.1;
/** A witness must land with this share of the usable time to spare. */
const TIME_MARGIN = 0.005;
/** Samples tried per stretch (evenly spread), straight tries per sample and type, cells of the grid. */
const SAMPLES_PER_STRETCH = 12;
const STRAIGHT_TRIES = 3;
const MAX_CELLS = 60_000;
/** At most this many stretches are searched (the longest first). */
const MAX_STRETCHES = 60;

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

function uncovered(plan: Plan, L: number): CoastInterval[] {
  const ivs: CoastInterval[] = [];
  for (const s of plan.sorties)
    for (const iv of Array.isArray(s.covers) ? s.covers : [])
      if (Array.isArray(iv) && Number.isFinite(iv[0]) && Number.isFinite(iv[1]) && iv[0] <= iv[1])
        ivs.push([Math.max(0, iv[0]), Math.min(L, iv[1])]);
  ivs.sort((a, b) => a[0] - b[0]);
  const out: CoastInterval[] = [];
  let at = 0;
  for (const [a, b] of ivs) {
    if (a > at) out.push([at, a]);
    at = Math.max(at, b);
  }
  if (at < L) out.push([at, L]);
  return out;
}

/** Coast samples strictly inside the stretch (10 m in, so a covered neighbour's last sample is never taken). */
function samplesIn(model: CoastModel, [a, b]: CoastInterval): number[] {
  const { km, count } = model.samples;
  const out: number[] = [];
  for (let k = 0; k < count; k++) if (km[k] > a + 0.01 && km[k] < b - 0.01) out.push(k);
  if (out.length <= SAMPLES_PER_STRETCH) return out;
  const pick: number[] = [];
  for (let i = 0; i < SAMPLES_PER_STRETCH; i++)
    pick.push(out[Math.round((i * (out.length - 1)) / (SAMPLES_PER_STRETCH - 1))]);
  return [...new Set(pick)];
}

interface Flyer {
  type: AircraftType;
  base: Base;
  /** Usable hours and the km they fly (less the time margin). */
  usableH: number;
  kmh: number;
  reachKm: number;
  seeKm: number;
}

export function searchWitnesses(
  scenario: Scenario,
  plan: Plan,
  model: CoastModel,
  makeJudge: () => WitnessJudge,
): Witness[] {
  const L = model.lengthKm;
  const gapIvs = plan.gaps.map((g): CoastInterval => [g.fromKm, g.toKm]);
  // a schedule may leave reachable coast unwatched (it counts as never seen, docs/formats.md, "The schedule file"): there only
  // the coast it lists as gaps, out of every aircraft's reach, is held to proof
  const timed =
    plan.sorties.some((s) => s.takeoff !== undefined) || typeof plan.summary.horizonH === 'number';
  const open = uncovered(plan, L);
  const candidates = timed
    ? gapIvs.flatMap(([ga, gb]) =>
        open.map(([a, b]): CoastInterval => [Math.max(a, ga), Math.min(b, gb)]).filter(([a, b]) => b > a),
      )
    : open;
  const stretches = candidates
    .filter(([a, b]) => b - a > 0.02)
    .sort((x, y) => y[1] - y[0] - (x[1] - x[0]))
    .slice(0, MAX_STRETCHES);
  if (stretches.length === 0) return [];
  const judge = makeJudge();
  const flyers: Flyer[] = [];
  for (const type of scenario.aircraft) {
    const base = scenario.bases.find((b) => b.name === type.base);
    if (!base) continue;
    const usableH = type.enduranceH - type.reserveH;
    const kmh = type.speedKts * KM_PER_NM;
    flyers.push({
      type,
      base,
      usableH,
      kmh,
      reachKm: kmh * usableH * (1 - TIME_MARGIN),
      seeKm: type.sensorRangeKm - SEE_MARGIN_KM,
    });
  }
  const grids = new Map<Flyer, Grid | null>();
  const out: Witness[] = [];
  for (const iv of stretches) {
    const targets = samplesIn(model, iv);
    if (targets.length === 0) continue;
    const listed = gapIvs.some(([a, b]) => a < iv[1] && b > iv[0]);
    let found: Omit<Witness, 'stretch' | 'listed'> | null = null;
    for (const fl of flyers) {
      if (fl.seeKm <= scenario.standoffKm + CLEAR_KM) continue;
      found = straight(model, targets, fl, judge, scenario.standoffKm);
      if (found) break;
    }
    for (const fl of found ? [] : flyers) {
      if (fl.seeKm <= scenario.standoffKm + CLEAR_KM) continue;
      if (!grids.has(fl)) grids.set(fl, buildGrid(scenario, model, fl, judge));
      const g = grids.get(fl);
      if (g) found = routed(model, targets, fl, g, judge);
      if (found) break;
    }
    if (found) out.push({ ...found, stretch: iv, listed });
  }
  return out;
}

/** The message of a witness: what it is, where it turns, its time against the usable time. */
export function witnessMessage(w: Witness): string {
  const [lon, lat] = w.turn;
  const where = `${f2(Math.abs(lon))} ${lon >= 0 ? 'E' : 'W'}, ${f2(Math.abs(lat))} ${lat >= 0 ? 'N' : 'S'}`;
  const what = w.listed ? 'gap' : 'uncovered coast';
  const how = w.routed
    ? `routed out-and-back from ${w.base} (${w.path.length - 1} legs) turning at ${where}`
    : `out-and-back from ${w.base} turning at ${where}`;
  return `${what} at km ${f1(w.stretch[0])}-${f1(w.stretch[1])} is reachable: ${how}, ${f1(w.hours)} h of ${w.usableH} h (${w.aircraft}), sees coast km ${f1(w.coastKm)} from ${f1(w.seenFromKm)} km`;
}

function sample(model: CoastModel, k: number): LonLat {
  return [model.samples.lon[k], model.samples.lat[k]];
}

/** Hours of a path at the flyer's speed. */
function hoursOf(path: readonly LonLat[], fl: Flyer): number {
  let km = 0;
  for (let i = 1; i < path.length; i++) km += distanceKm(path[i - 1], path[i]);
  return km / fl.kmh;
}

/**
 * Straight out-and-back: for each target, turn points on the circle of the sensor range round it, nearest the
 * base first (towards the base, then fanning out), at sea and outside the band; the first whose legs are legal
 * is the witness. Only the nearest few targets are tried, STRAIGHT_TRIES legs each.
 */
function straight(
  model: CoastModel,
  targets: number[],
  fl: Flyer,
  judge: WitnessJudge,
  S: number,
): Omit<Witness, 'stretch' | 'listed'> | null {
  const B = fl.base.position;
  const byDist = targets
    .map((k) => ({ k, d: distanceKm(B, sample(model, k)) }))
    .filter((t) => t.d - fl.seeKm <= fl.reachKm / 2)
    .sort((x, y) => x.d - y.d)
    .slice(0, 4);
  for (const { k } of byDist) {
    const P = sample(model, k);
    const toBase = inverse(P, B).azi1;
    let tries = 0;
    for (const turn of [0, 15, -15, 30, -30, 45, -45, 60, -60, 90, -90, 120, -120, 150, -150, 180]) {
      for (const r of [fl.seeKm, (fl.seeKm + S) / 2 + CLEAR_KM]) {
        if (r <= S + CLEAR_KM) continue;
        const Q = destination(P, toBase + turn, r);
        const out = distanceKm(B, Q);
        if (2 * out > fl.reachKm) continue;
        if (!judge.free(Q, fl.base, CLEAR_KM, 0)) continue;
        const path = [B, Q, B];
        if (tries++ >= STRAIGHT_TRIES) break;
        if (!judge.legal(path, fl.base, CLEAR_KM)) continue;
        const hours = hoursOf(path, fl);
        if (hours > fl.usableH * (1 - TIME_MARGIN)) continue;
        return {
          base: fl.base.name,
          aircraft: fl.type.name,
          path,
          turn: Q,
          coastKm: model.samples.km[k],
          seenFromKm: distanceKm(Q, P),
          hours,
          usableH: fl.usableH,
          routed: false,
        };
      }
      if (tries >= STRAIGHT_TRIES) break;
    }
  }
  return null;
}

/**
 * A lon/lat grid over the coast and the base, cells at most `cellKm` across. A cell is free when the disc of its
 * half-diagonal round its centre is clear (standoff + margin, no-fly, land): any straight step between the
 * centres of two neighbouring free cells stays inside the two cells, so it is clear. Distances from the base
 * through free cells come from Dijkstra on the 8-neighbour graph.
 */
interface Grid {
  w: number;
  s: number;
  dLon: number;
  dLat: number;
  nx: number;
  ny: number;
  /** Km from the base along the best path, Infinity where unreached. */
  dist: Float64Array;
  /** Previous cell on that path; -1 at a cell entered straight from the base. */
  prev: Int32Array;
}

function buildGrid(scenario: Scenario, model: CoastModel, fl: Flyer, judge: WitnessJudge): Grid | null {
  const B = fl.base.position;
  let w = B[0];
  let e = B[0];
  let s = B[1];
  let n = B[1];
  for (let k = 0; k < model.samples.count; k++) {
    w = Math.min(w, model.samples.lon[k]);
    e = Math.max(e, model.samples.lon[k]);
    s = Math.min(s, model.samples.lat[k]);
    n = Math.max(n, model.samples.lat[k]);
  }
  // a region across the antimeridian or near a pole is left to the straight search
  if (e - w > 180 || Math.max(Math.abs(s), Math.abs(n)) > 75) return null;
  const padKm = fl.seeKm + scenario.standoffKm + 50;
  const kyv = kyAt((s + n) / 2);
  const kxMin = kxAt(Math.min(80, Math.max(Math.abs(s), Math.abs(n)) + padKm / kyv));
  const kxMax = kxAt(
    Math.min(Math.abs(s), Math.abs(n)) <= 0 || s * n < 0 ? 0 : Math.min(Math.abs(s), Math.abs(n)),
  );
  w -= padKm / kxMin;
  e += padKm / kxMin;
  s = Math.max(-85, s - padKm / kyv);
  n = Math.min(85, n + padKm / kyv);
  const areaKm2 = (e - w) * kxMax * (n - s) * kyv;
  const cellKm = Math.max(2, scenario.standoffKm / 4, Math.sqrt(areaKm2 / MAX_CELLS));
  // cells are at most cellKm wide where a degree of longitude is longest
  const dLon = cellKm / kxMax;
  const dLat = cellKm / kyv;
  const nx = Math.max(1, Math.ceil((e - w) / dLon));
  const ny = Math.max(1, Math.ceil((n - s) / dLat));
  if (nx * ny > MAX_CELLS * 1.5) return null;
  const half = (cellKm * Math.SQRT2) / 2 + 0.01;
  const N = nx * ny;
  const freeState = new Int8Array(N); // 0 unknown, 1 free, 2 blocked
  const center = (c: number): LonLat => [w + ((c % nx) + 0.5) * dLon, s + (Math.floor(c / nx) + 0.5) * dLat];
  const isFree = (c: number): boolean => {
    if (freeState[c] === 0) freeState[c] = judge.free(center(c), fl.base, CLEAR_KM, half) ? 1 : 2;
    return freeState[c] === 1;
  };
  const dist = new Float64Array(N).fill(Infinity);
  const prev = new Int32Array(N).fill(-1);
  const limit = fl.reachKm / 2;
  // entries: free cells near the base reached by a legal straight leg (a few directions, nearest first)
  const heap = new MinHeap();
  const bx = Math.floor((B[0] - w) / dLon);
  const by = Math.floor((B[1] - s) / dLat);
  const sectors = new Map<number, number[]>();
  const reachCells = Math.ceil((scenario.standoffKm + 3 * cellKm) / cellKm) + 2;
  for (let dy = -reachCells; dy <= reachCells; dy++)
    for (let dx = -reachCells; dx <= reachCells; dx++) {
      const x = bx + dx;
      const y = by + dy;
      if (x < 0 || y < 0 || x >= nx || y >= ny) continue;
      const c = y * nx + x;
      if (!isFree(c)) continue;
      const sector = Math.round((Math.atan2(dy, dx) / (2 * Math.PI)) * 16) & 15;
      const list = sectors.get(sector) ?? [];
      list.push(c);
      sectors.set(sector, list);
    }
  for (const list of sectors.values()) {
    list.sort((a, b) => fastDistanceKm(B, center(a)) - fastDistanceKm(B, center(b)));
    for (const c of list.slice(0, 2)) {
      const p = center(c);
      if (!judge.legal([B, p, B], fl.base, CLEAR_KM)) continue;
      const d = distanceKm(B, p);
      if (d < dist[c]) {
        dist[c] = d;
        heap.push(c, d);
      }
      break;
    }
  }
  while (heap.size > 0) {
    const [c, d] = heap.pop();
    if (d > dist[c] || d > limit) continue;
    const x = c % nx;
    const y = Math.floor(c / nx);
    const pc = center(c);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        if (!dx && !dy) continue;
        const X = x + dx;
        const Y = y + dy;
        if (X < 0 || Y < 0 || X >= nx || Y >= ny) continue;
        const q = Y * nx + X;
        if (!isFree(q)) continue;
        const nd = d + fastDistanceKm(pc, center(q));
        if (nd < dist[q]) {
          dist[q] = nd;
          prev[q] = c;
          heap.push(q, nd);
        }
      }
  }
  return { w, s, dLon, dLat, nx, ny, dist, prev };
}

/**
 * Routed out-and-back: the reached cell within sensor range of a target with the shortest way from the base;
 * its path pulled taut (a vertex is dropped where the judge finds the shortcut legal) and checked whole.
 */
function routed(
  model: CoastModel,
  targets: number[],
  fl: Flyer,
  g: Grid,
  judge: WitnessJudge,
): Omit<Witness, 'stretch' | 'listed'> | null {
  const center = (c: number): LonLat => [
    g.w + ((c % g.nx) + 0.5) * g.dLon,
    g.s + (Math.floor(c / g.nx) + 0.5) * g.dLat,
  ];
  const cand: { c: number; k: number; d: number }[] = [];
  for (const k of targets) {
    const P = sample(model, k);
    const kx = kxAt(P[1]);
    const ky = kyAt(P[1]);
    const rx = Math.ceil(fl.seeKm / kx / g.dLon) + 1;
    const ry = Math.ceil(fl.seeKm / ky / g.dLat) + 1;
    const cx = Math.floor((P[0] - g.w) / g.dLon);
    const cy = Math.floor((P[1] - g.s) / g.dLat);
    let best = -1;
    for (let y = Math.max(0, cy - ry); y <= Math.min(g.ny - 1, cy + ry); y++)
      for (let x = Math.max(0, cx - rx); x <= Math.min(g.nx - 1, cx + rx); x++) {
        const c = y * g.nx + x;
        if (!Number.isFinite(g.dist[c]) || 2 * g.dist[c] > fl.reachKm) continue;
        if (best >= 0 && g.dist[c] >= g.dist[best]) continue;
        if (fastDistanceKm(center(c), P) > fl.seeKm * 0.995) continue;
        best = c;
      }
    if (best >= 0) cand.push({ c: best, k, d: g.dist[best] });
  }
  cand.sort((a, b) => a.d - b.d);
  for (const { c, k } of cand.slice(0, 3)) {
    const P = sample(model, k);
    const chain: LonLat[] = [];
    for (let q = c; q >= 0; q = g.prev[q]) chain.push(center(q));
    chain.push(fl.base.position);
    chain.reverse();
    const taut = pullTaut(chain, fl.base, judge);
    const Q = taut[taut.length - 1];
    const seen = distanceKm(Q, P);
    if (seen > fl.seeKm) continue;
    const path = [...taut, ...taut.slice(0, -1).reverse()];
    const hours = hoursOf(path, fl);
    if (hours > fl.usableH * (1 - TIME_MARGIN)) continue;
    if (!judge.legal(path, fl.base, CLEAR_KM)) continue;
    return {
      base: fl.base.name,
      aircraft: fl.type.name,
      path,
      turn: Q,
      coastKm: model.samples.km[k],
      seenFromKm: seen,
      hours,
      usableH: fl.usableH,
      routed: taut.length > 2,
    };
  }
  return null;
}

/** Greedy string pulling: from each kept vertex, jump to the farthest later one the judge lets it reach. */
function pullTaut(chain: LonLat[], base: Base, judge: WitnessJudge): LonLat[] {
  const out: LonLat[] = [chain[0]];
  let i = 0;
  while (i < chain.length - 1) {
    let lo = i + 1;
    let hi = chain.length - 1;
    // binary search for a far legal shortcut (legality is not monotone, so this is a heuristic; each kept
    // step is legal either way, as steps between neighbouring free cells are)
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const a = chain[i];
      const b = chain[mid];
      if (judge.legal([a, b, a], base, CLEAR_KM)) lo = mid;
      else hi = mid - 1;
    }
    out.push(chain[lo]);
    i = lo;
  }
  return out;
}

class MinHeap {
  private ids: number[] = [];
  private keys: number[] = [];
  get size(): number {
    return this.ids.length;
  }
  push(id: number, key: number): void {
    const { ids, keys } = this;
    let i = ids.length;
    ids.push(id);
    keys.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      ids[i] = ids[p];
      keys[i] = keys[p];
      i = p;
    }
    ids[i] = id;
    keys[i] = key;
  }
  pop(): [number, number] {
    const { ids, keys } = this;
    const top: [number, number] = [ids[0], keys[0]];
    const id = ids.pop()!;
    const key = keys.pop()!;
    const n = ids.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && keys[r] < keys[l] ? r : l;
        if (keys[m] >= key) break;
        ids[i] = ids[m];
        keys[i] = keys[m];
        i = m;
      }
      ids[i] = id;
      keys[i] = key;
    }
    return top;
  }
}
