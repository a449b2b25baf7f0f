/**
 * Revisit figures of a schedule file recomputed from the file alone (docs/formats.md), sharing no geometry
 * with the scheduler: each sortie is flown along its LineString at its type's speed from its takeoff; a coast
 * sample is watched along each pass (a stretch of path along which it stays within sensor range); the unwatched
 * time is measured by the one definition in domain/watch.ts. Fast local-frame distances decide clear cases,
 * GeographicLib the rest.
 */
import Flatbush from 'flatbush';
import type { CoastModel } from '../domain/coast.js';
import type { Gap, Sortie } from '../domain/plan.js';
import type { AircraftType } from '../domain/scenario.js';
import { WatchLog } from '../domain/watch.js';
import { degreePadding, fastDistanceKmXY, kxAt, kyAt } from '../geo/frame.js';
import { densifyGeodesic, distanceKm, KM_PER_NM, pointToSegmentKm } from '../geo/geodesic.js';
import { type LonLat, wrapLon } from '../geo/lonlat.js';
import { fastMargin, PIECE_KM, searchWrapped } from './coast-geometry.js';

export interface RevisitCheck {
  /** Per sample, its worst gap in hours (NaN: never sighted). */
  gaps: Float64Array;
  worstH: number | null;
  meanH: number | null;
  /** Coast never watched that no unreachable gap accounts for, km. */
  neverSeenKm: number;
}

/** Passes along one path: sample, km along the path of its closest point, and where it enters and leaves range. */
interface Passes {
  sample: number[];
  km: number[];
  enter: number[];
  exit: number[];
}

/** Passes along one path. */
function passes(model: CoastModel, idx: Flatbush, path: readonly LonLat[], R: number): Passes {
  const { lon, lat } = model.samples;
  const n = model.samples.count;
  const out: Passes = { sample: [], km: [], enter: [], exit: [] };
  const open = new Map<number, { leg: number; d: number; at: number; enter: number; exit: number }>();
  const emit = (i: number, o: { at: number; enter: number; exit: number }) => {
    out.sample.push(i);
    out.km.push(o.at);
    out.enter.push(o.enter);
    out.exit.push(o.exit);
  };
  let cum = 0;
  const vertexIn = (i: number, p: LonLat): boolean => {
    const d = fastDistanceKmXY(lon[i], lat[i], p[0], p[1]);
    const m = fastMargin(R, lat[i]);
    if (d <= R - m) return true;
    if (d > R + m) return false;
    return distanceKm([lon[i], lat[i]], p) <= R;
  };
  const legBest = new Float64Array(n).fill(Infinity);
  const legAt = new Float64Array(n);
  // where along the leg (km) the sample is in range: first entry and last exit over the leg's pieces
  const legIn = new Float64Array(n).fill(Infinity);
  const legOut = new Float64Array(n).fill(-Infinity);
  for (let k = 0; k + 1 < path.length; k++) {
    const a = path[k];
    const b = path[k + 1];
    const L = distanceKm(a, b);
    if (L <= 0) {
      for (const o of open.values()) o.leg = k;
      continue;
    }
    const pts = L > PIECE_KM ? densifyGeodesic(a, b, PIECE_KM) : [a, b];
    const step = L / (pts.length - 1);
    const hit: number[] = [];
    for (let q = 0; q + 1 < pts.length; q++) {
      const p0 = pts[q];
      const p1 = pts[q + 1];
      const { dLon, dLat } = degreePadding(Math.max(Math.abs(p0[1]), Math.abs(p1[1])), R + 1);
      const x0 = Math.min(p0[0], p0[0] + wrapLon(p1[0] - p0[0]));
      const x1 = Math.max(p0[0], p0[0] + wrapLon(p1[0] - p0[0]));
      for (const i of searchWrapped(
        idx,
        x0 - dLon,
        Math.min(p0[1], p1[1]) - dLat,
        x1 + dLon,
        Math.max(p0[1], p1[1]) + dLat,
      )) {
        // the piece in a frame at the sample: distance and where along it the sample is closest
        const kx = kxAt(lat[i]);
        const ky = kyAt(lat[i]);
        const ax = wrapLon(p0[0] - lon[i]) * kx;
        const ay = (p0[1] - lat[i]) * ky;
        const bx = wrapLon(p1[0] - lon[i]) * kx;
        const by = (p1[1] - lat[i]) * ky;
        const dx = bx - ax;
        const dy = by - ay;
        const len2 = dx * dx + dy * dy;
        const tu = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
        const t = tu < 0 ? 0 : tu > 1 ? 1 : tu;
        if (len2 > 0) {
          // the stretch of this piece within range: around the foot of the perpendicular, clipped to the piece
          const len = Math.sqrt(len2);
          const perp = Math.abs(ax * dy - ay * dx) / len;
          if (perp <= R) {
            const w = Math.sqrt(R * R - perp * perp) / len;
            const a0 = Math.max(0, tu - w);
            const a1 = Math.min(1, tu + w);
            if (a1 >= a0) {
              if (legIn[i] === Infinity && legBest[i] === Infinity) hit.push(i);
              legIn[i] = Math.min(legIn[i], (q + a0) * step);
              legOut[i] = Math.max(legOut[i], (q + a1) * step);
            }
          }
        }
        // measured with mean-latitude scales, as fastPointToSegmentKm does: the error stays within fastMargin
        const cx = lon[i] + (ax + t * dx) / kx;
        const cy = lat[i] + (ay + t * dy) / ky;
        const d = fastDistanceKmXY(lon[i], lat[i], cx, cy);
        if (d > R + 1) continue;
        if (legBest[i] === Infinity && legIn[i] === Infinity) hit.push(i);
        if (d < legBest[i]) {
          legBest[i] = d;
          legAt[i] = (q + t) * step;
        }
      }
    }
    const inLeg = new Set<number>();
    for (const i of hit) {
      let d = legBest[i];
      let at = legAt[i];
      const inKm = legIn[i] === Infinity ? at : legIn[i];
      const outKm = legOut[i] === -Infinity ? at : legOut[i];
      legBest[i] = Infinity;
      legIn[i] = Infinity;
      legOut[i] = -Infinity;
      const m = fastMargin(R, lat[i]) + 0.01;
      if (d > R + m) continue;
      if (d > R - m) {
        const r = pointToSegmentKm([lon[i], lat[i]], a, b);
        d = r.km;
        at = r.alongKm;
        if (d > R) continue;
      }
      inLeg.add(i);
      const o = open.get(i);
      const enter = cum + Math.min(inKm, at);
      const exit = cum + Math.max(outKm, at);
      if (o && o.leg === k - 1 && vertexIn(i, a)) {
        if (d < o.d) {
          o.d = d;
          o.at = cum + at;
        }
        o.exit = Math.max(o.exit, exit);
        o.leg = k;
      } else {
        if (o) emit(i, o);
        open.set(i, { leg: k, d, at: cum + at, enter, exit });
      }
    }
    for (const [i, o] of open) {
      if (!inLeg.has(i)) {
        emit(i, o);
        open.delete(i);
      }
    }
    cum += L;
  }
  for (const [i, o] of open) emit(i, o);
  return out;
}

/**
 * Recomputes every sample's longest unwatched time from the sorties' paths, types and takeoffs (docs/formats.md,
 * "The schedule file"): watch intervals merged across sorties, folded onto the horizon, wrapping round. Coast inside a `gap` that
 * does not say `reachable` is left out; any other coast never watched waits the whole horizon. Sorties without a
 * takeoff or of an unknown type are left out (other rules report them).
 */
export function recomputeRevisit(
  model: CoastModel,
  sorties: readonly Sortie[],
  types: readonly AircraftType[],
  horizonH: number,
  gaps: readonly Gap[] = [],
): RevisitCheck {
  const { samples } = model;
  const idx = new Flatbush(Math.max(1, samples.count));
  for (let i = 0; i < samples.count; i++)
    idx.add(samples.lon[i], samples.lat[i], samples.lon[i], samples.lat[i]);
  if (samples.count === 0) idx.add(0, 0, 0, 0);
  idx.finish();
  const watch = new WatchLog(samples.count);
  const cache = new Map<string, Passes>();
  let origin = Number.NaN;
  for (const s of sorties) {
    const type = types.find((a) => a.name === s.aircraft);
    if (!type || s.takeoff === undefined) continue;
    const t0 = Date.parse(s.takeoff);
    if (Number.isNaN(t0) || !Array.isArray(s.path) || s.path.length < 2) continue;
    if (Number.isNaN(origin)) origin = t0;
    // sorties flying the same path see the same things: measure each path once
    const key = `${type.sensorRangeKm}|${JSON.stringify(s.path)}`;
    let p = cache.get(key);
    if (!p) {
      p = passes(model, idx, s.path, type.sensorRangeKm);
      cache.set(key, p);
    }
    const kmh = type.speedKts * KM_PER_NM;
    const offH = (t0 - origin) / 3.6e6;
    for (let j = 0; j < p.sample.length; j++)
      watch.add(p.sample[j], offH + p.enter[j] / kmh, offH + p.exit[j] / kmh);
  }
  const out = watch.gaps({ horizonH });
  const unreachable = gaps.filter(
    (g) => g.reachable !== true && Number.isFinite(g.fromKm) && Number.isFinite(g.toKm),
  );
  let neverSeenKm = 0;
  for (let i = 0; i < samples.count; i++) {
    if (!Number.isNaN(out[i])) continue;
    if (unreachable.some((g) => samples.km[i] >= g.fromKm - 1e-6 && samples.km[i] <= g.toKm + 1e-6)) continue;
    out[i] = horizonH;
    neverSeenKm += samples.hi[i] - samples.lo[i];
  }
  let worst = -Infinity;
  let km = 0;
  let sum = 0;
  for (let i = 0; i < samples.count; i++) {
    const g = out[i];
    if (Number.isNaN(g)) continue;
    worst = Math.max(worst, g);
    const w = samples.hi[i] - samples.lo[i];
    km += w;
    sum += w * g;
  }
  if (!Number.isFinite(worst)) return { gaps: out, worstH: null, meanH: null, neverSeenKm };
  let mean: number;
  if (km > 0) mean = sum / km;
  else {
    const seen = [...out].filter((g) => !Number.isNaN(g));
    mean = seen.reduce((s, g) => s + g, 0) / seen.length;
  }
  return { gaps: out, worstH: worst, meanH: mean, neverSeenKm };
}
