/**
 * Distinct passes of a path over coast samples (docs/formats.md): a pass is a stretch of the path along
 * which the sample stays within sensor range; it is sighted once per pass, at the pass's closest point. Leaving
 * range and coming back is a new pass. Distances near the range are measured with GeographicLib, so what
 * counts as in range is what `verify` measures.
 */

import { fastDistanceKmXY, kxAt, kyAt } from '../geo/frame.js';
import { distanceKm, pointToSegmentKm } from '../geo/geodesic.js';
import { type LonLat, wrapLon } from '../geo/lonlat.js';
import type { SampleIndex } from '../plan/sample-index.js';

/** Sightings along one path: parallel arrays, in path order of their closest points per sample. */
export interface PathPasses {
  sample: Int32Array;
  /** km along the path of the pass's closest point. */
  alongKm: Float64Array;
  /** km along the path where the pass enters and leaves range (each leg taken as straight in a frame at the sample). */
  enterKm: Float64Array;
  exitKm: Float64Array;
  lengthKm: number;
}

/** Relative slack inside which fast distances are confirmed exactly (their error is far smaller). */
const SLACK_REL = 0.003;
const SLACK_ABS = 0.005;

export function passesOf(path: readonly LonLat[], rangeKm: number, sidx: SampleIndex): PathPasses {
  const n = sidx.samples.count;
  const { lon, lat } = sidx.samples;
  const slack = rangeKm * SLACK_REL + SLACK_ABS;
  const cum: number[] = [0];
  for (let k = 1; k < path.length; k++) cum.push(cum[k - 1] + distanceKm(path[k - 1], path[k]));
  const total = cum[cum.length - 1];

  // open pass per sample: its last leg, best distance and where
  const lastLeg = new Int32Array(n).fill(-2);
  const bestKm = new Float64Array(n);
  const bestAt = new Float64Array(n);
  const enterAt = new Float64Array(n);
  const exitAt = new Float64Array(n);
  const outS: number[] = [];
  const outA: number[] = [];
  const outE: number[] = [];
  const outX: number[] = [];
  const close = (i: number) => {
    outS.push(i);
    outA.push(bestAt[i]);
    outE.push(enterAt[i]);
    outX.push(exitAt[i]);
    lastLeg[i] = -2;
  };
  const vertexIn = (i: number, p: LonLat): boolean => {
    const d = fastDistanceKmXY(lon[i], lat[i], p[0], p[1]);
    if (d <= rangeKm - slack) return true;
    if (d > rangeKm + slack) return false;
    return distanceKm([lon[i], lat[i]], p) <= rangeKm;
  };

  const legMin = new Float64Array(n).fill(Infinity);
  const legAlong = new Float64Array(n);
  const touched: number[] = [];
  const open = new Set<number>();
  for (let k = 0; k + 1 < path.length; k++) {
    const a = path[k];
    const b = path[k + 1];
    const L = cum[k + 1] - cum[k];
    if (L <= 0) {
      // a repeated vertex: open passes carry on through it
      for (const i of open) lastLeg[i] = k;
      continue;
    }
    touched.length = 0;
    sidx.nearLeg(a, b, rangeKm + slack, (i, d, along) => {
      if (legMin[i] === Infinity) touched.push(i);
      if (d < legMin[i]) {
        legMin[i] = d;
        legAlong[i] = along;
      }
    });
    const inLeg = new Set<number>();
    for (const i of touched) {
      let d = legMin[i];
      let along = legAlong[i];
      legMin[i] = Infinity;
      if (d > rangeKm - slack) {
        const r = pointToSegmentKm([lon[i], lat[i]], a, b);
        d = r.km;
        along = r.alongKm;
        if (d > rangeKm) continue;
      }
      inLeg.add(i);
      const at = cum[k] + along;
      // where along this leg the sample is in range: the leg taken as straight in a frame at the sample, around
      // the foot of the perpendicular (which may lie beyond the leg's ends), clipped to the leg
      const kx = kxAt(lat[i]);
      const ky = kyAt(lat[i]);
      const ax = wrapLon(a[0] - lon[i]) * kx;
      const ay = (a[1] - lat[i]) * ky;
      const dx = wrapLon(b[0] - a[0]) * kx;
      const dy = (b[1] - a[1]) * ky;
      const len = Math.hypot(dx, dy);
      let from = cum[k] + along;
      let to = from;
      if (len > 0) {
        const foot = -(ax * dx + ay * dy) / len;
        const perp = Math.min(d, Math.abs(ax * dy - ay * dx) / len);
        const w = Math.sqrt(Math.max(0, rangeKm * rangeKm - perp * perp));
        const scale = L / len;
        from = Math.min(from, cum[k] + Math.max(0, (foot - w) * scale));
        to = Math.max(to, cum[k] + Math.min(L, (foot + w) * scale));
      }
      // the pass goes on only if the sample stayed in range through the vertex joining the legs
      if (lastLeg[i] === k - 1 && vertexIn(i, a)) {
        if (d < bestKm[i]) {
          bestKm[i] = d;
          bestAt[i] = at;
        }
        exitAt[i] = to;
      } else {
        if (lastLeg[i] >= -1) close(i);
        bestKm[i] = d;
        bestAt[i] = at;
        enterAt[i] = from;
        exitAt[i] = to;
      }
      lastLeg[i] = k;
      open.add(i);
    }
    for (const i of open) {
      if (!inLeg.has(i)) {
        close(i);
        open.delete(i);
      }
    }
  }
  for (const i of open) close(i);
  // a lone point path (no legs) sees what is within range of it once
  if (path.length === 1) {
    sidx.nearPiece(path[0], path[0], rangeKm + slack, (i) => {
      if (distanceKm(path[0], [lon[i], lat[i]]) <= rangeKm) {
        outS.push(i);
        outA.push(0);
        outE.push(0);
        outX.push(0);
      }
    });
  }
  // in order along the path, so per-sample sightings come out in time order
  const order = outA.map((_x, j) => j).sort((x, y) => outA[x] - outA[y] || outS[x] - outS[y]);
  return {
    sample: Int32Array.from(order, (j) => outS[j]),
    alongKm: Float64Array.from(order, (j) => outA[j]),
    enterKm: Float64Array.from(order, (j) => outE[j]),
    exitKm: Float64Array.from(order, (j) => outX[j]),
    lengthKm: total,
  };
}
