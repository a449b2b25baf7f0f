/**
 * The inner chain of a coast line: for each sample, the nearest point on the sea side that an aircraft may
 * occupy (just outside the standoff band), pushed further out where another stretch of coast is nearer
 * (bays, inlets), with extra points where the band turns round a headland. Consecutive chain points are
 * joined by clear legs wherever that is possible; the covering walk then cuts across it.
 */
import type { CoastSamples } from '../domain/coast.js';
import { kxAt, kyAt } from '../geo/frame.js';
import type { LonLat } from '../geo/lonlat.js';
import { wrapLon } from '../geo/lonlat.js';
import type { FreeSpace } from './free-space.js';

export interface Chain {
  pts: LonLat[];
  /** Index (into the line's sample list) of the sample each chain point stands off from; -1 for inserted points. */
  owner: number[];
  closed: boolean;
}

export interface ChainOptions {
  /** +1: sea on the left of the line's direction; -1: on the right. */
  side: 1 | -1;
  /** Farthest from its sample a chain point may be pushed (the usable sensor range). */
  maxOffsetKm: number;
}

export function buildChain(
  lineSamples: readonly number[],
  closed: boolean,
  samples: CoastSamples,
  free: FreeSpace,
  opts: ChainOptions,
): Chain {
  const n = lineSamples.length;
  const pts: LonLat[] = [];
  const owner: number[] = [];
  if (n === 0) return { pts, owner, closed };
  const keep = free.keepKm;
  const at = (t: number): LonLat => {
    const i = lineSamples[closed ? ((t % n) + n) % n : Math.max(0, Math.min(n - 1, t))];
    return [samples.lon[i], samples.lat[i]];
  };
  // tangent over a stretch comparable to the standoff, so the normal follows the coast, not its wiggles
  const spacing =
    n > 1 ? Math.max(1e-3, (samples.km[lineSamples[n - 1]] - samples.km[lineSamples[0]]) / (n - 1)) : 1;
  const k = Math.max(
    1,
    Math.min(Math.floor(n / 4) || 1, Math.round(Math.min(Math.max(keep, 2), 8) / spacing)),
  );
  const centroid = ringCentroid(lineSamples, samples);
  const tiny = n < 5;

  for (let t = 0; t < n; t++) {
    const p = at(t);
    const kx = kxAt(p[1]);
    const ky = kyAt(p[1]);
    let nx: number;
    let ny: number;
    if (tiny) {
      // too few samples for a tangent: stand off away from the islet's middle
      nx = wrapLon(p[0] - centroid[0]) * kx;
      ny = (p[1] - centroid[1]) * ky;
      if (Math.hypot(nx, ny) < 1e-9) {
        nx = 0;
        ny = 1;
      }
    } else {
      const a = at(t - k);
      const b = at(t + k);
      const tx = wrapLon(b[0] - a[0]) * kx;
      const ty = (b[1] - a[1]) * ky;
      nx = -ty * opts.side;
      ny = tx * opts.side;
    }
    const len = Math.hypot(nx, ny) || 1;
    nx /= len;
    ny /= len;
    const off = (d: number): LonLat => [p[0] + (nx * d) / kx, p[1] + (ny * d) / ky];
    const first = free.standKm;
    let c: LonLat | null = off(first);
    if (!free.pointFree(c)) {
      c = null;
      // walk out along the normal, then refine: the first free point within sensor range
      const steps = 12;
      let prev = first;
      for (let s = 1; s <= steps; s++) {
        const d = first + ((opts.maxOffsetKm - first) * s) / steps;
        if (free.pointFree(off(d))) {
          let lo = prev;
          let hi = d;
          for (let it = 0; it < 12; it++) {
            const mid = (lo + hi) / 2;
            if (free.pointFree(off(mid))) hi = mid;
            else lo = mid;
          }
          // stand a little further out than the band's edge, so legs to neighbours stay clear
          c = off(Math.min(opts.maxOffsetKm, hi + (free.standKm - free.keepKm)));
          break;
        }
        prev = d;
      }
    }
    if (c) {
      pts.push(c);
      owner.push(t);
    }
  }
  return repair({ pts, owner, closed }, free);
}

/** Where the leg between two chain points cuts the band, put a pushed-out point between them. */
function repair(chain: Chain, free: FreeSpace): Chain {
  const { pts, owner, closed } = chain;
  if (pts.length < 2) return chain;
  const outPts: LonLat[] = [pts[0]];
  const outOwner: number[] = [owner[0]];
  const last = closed ? pts.length : pts.length - 1;
  for (let i = 0; i < last; i++) {
    const a = pts[i];
    const b = pts[(i + 1) % pts.length];
    for (const m of bridge(a, b, free, 0)) {
      outPts.push(m);
      outOwner.push(-1);
    }
    if (closed && i === pts.length - 1) break;
    outPts.push(b);
    outOwner.push(owner[i + 1]);
  }
  return { pts: outPts, owner: outOwner, closed };
}

function bridge(a: LonLat, b: LonLat, free: FreeSpace, depth: number): LonLat[] {
  if (free.legFree(a, b) || depth > 7) return [];
  const mid: LonLat = [a[0] + wrapLon(b[0] - a[0]) / 2, (a[1] + b[1]) / 2];
  const m = free.pushOut(mid, Math.max(5, free.keepKm));
  if (!m) return [];
  return [...bridge(a, m, free, depth + 1), m, ...bridge(m, b, free, depth + 1)];
}

function ringCentroid(lineSamples: readonly number[], samples: CoastSamples): LonLat {
  let x = 0;
  let y = 0;
  const ref = samples.lon[lineSamples[0]];
  for (const i of lineSamples) {
    x += ref + wrapLon(samples.lon[i] - ref);
    y += samples.lat[i];
  }
  return [x / lineSamples.length, y / lineSamples.length];
}
