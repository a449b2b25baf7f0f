/**
 * Revisit figures from sighting times (docs/formats.md): the schedule repeats every horizon, so a point's gap
 * is the longest wait between two of its sightings, counting the wait from the last around to the first.
 * Sightings after the horizon's end (sorties still airborne) fold back to its start, as the repeat brings them.
 */
import type { CoastSamples } from '../domain/coast.js';
import type { StretchSummary } from '../domain/schedule.js';

/** Each sample's worst gap (hours), NaN where it is never sighted. */
export function gapsOf(times: readonly number[][], horizonH: number): Float64Array {
  const out = new Float64Array(times.length).fill(Number.NaN);
  times.forEach((list, i) => {
    if (list.length > 0)
      out[i] = maxCircularGap(
        Float64Array.from(list, (x) => mod(x, horizonH)),
        horizonH,
      );
  });
  return out;
}

let bucketLo = new Float64Array(64);
let bucketHi = new Float64Array(64);

/**
 * The longest wait between consecutive times in [0, H) on a circle of length H (from the last round to the
 * first included), in linear time: with m times in m equal buckets over [min, max], each bucket is narrower
 * than the average gap, so the longest gap runs between buckets and only their ends matter. No sort: this
 * runs for every coast point on every candidate the schedule search scores.
 */
export function maxCircularGap(t: Float64Array, H: number, from = 0, to = t.length): number {
  // a range of one shared buffer rather than a subarray: the search calls this millions of times and the views
  // it allocated were most of its garbage
  const m = to - from;
  if (m <= 0) return H;
  let min = t[from];
  let max = t[from];
  for (let k = from + 1; k < to; k++) {
    const x = t[k];
    if (x < min) min = x;
    else if (x > max) max = x;
  }
  const wrap = min + H - max;
  if (m === 1 || max === min) return wrap;
  if (m === 2) return Math.max(wrap, max - min);
  if (bucketLo.length < m) {
    bucketLo = new Float64Array(2 * m);
    bucketHi = new Float64Array(2 * m);
  }
  const lo = bucketLo;
  const hi = bucketHi;
  lo.fill(Infinity, 0, m);
  hi.fill(-Infinity, 0, m);
  const span = max - min;
  // one multiplication per time when the scale is finite (m / span overflows for spans near the smallest double)
  const scale = m / span;
  const last = m - 1;
  if (Number.isFinite(scale))
    for (let k = from; k < to; k++) {
      const x = t[k];
      // truncation is floor here: the operand is never negative, and below m
      let b = ((x - min) * scale) | 0;
      if (b > last) b = last;
      if (x < lo[b]) lo[b] = x;
      if (x > hi[b]) hi[b] = x;
    }
  else
    for (let k = from; k < to; k++) {
      const x = t[k];
      const b = Math.min(last, Math.floor(((x - min) / span) * m));
      if (x < lo[b]) lo[b] = x;
      if (x > hi[b]) hi[b] = x;
    }
  let g = wrap;
  let prev = hi[0];
  for (let b = 1; b < m; b++) {
    const l = lo[b];
    if (l === Infinity) continue;
    if (l - prev > g) g = l - prev;
    prev = hi[b];
  }
  return g;
}

/** Worst and coast-length-weighted mean gap over the samples sighted at all (null when none is). */
export function revisitFigures(
  samples: CoastSamples,
  gaps: Float64Array,
  pick: (i: number) => boolean = () => true,
  /** Count only the part of each sample's extent inside [fromKm, toKm] (a stretch of the coast). */
  clip?: readonly [number, number],
): { worst: number | null; mean: number | null; coveredKm: number } {
  let worst = -Infinity;
  let km = 0;
  let sum = 0;
  for (let i = 0; i < samples.count; i++) {
    if (!pick(i) || Number.isNaN(gaps[i])) continue;
    const w = clip
      ? Math.max(0, Math.min(samples.hi[i], clip[1]) - Math.max(samples.lo[i], clip[0]))
      : samples.hi[i] - samples.lo[i];
    km += w;
    sum += w * gaps[i];
    if (gaps[i] > worst) worst = gaps[i];
  }
  if (!Number.isFinite(worst)) return { worst: null, mean: null, coveredKm: 0 };
  // a coast of single points (no length) still has a mean: the plain one
  if (km <= 0) {
    let n = 0;
    let s = 0;
    for (let i = 0; i < samples.count; i++)
      if (pick(i) && !Number.isNaN(gaps[i])) {
        n++;
        s += gaps[i];
      }
    return { worst, mean: s / n, coveredKm: 0 };
  }
  return { worst, mean: sum / km, coveredKm: km };
}

/** The coast cut into about `count` stretches of equal length, each with its revisit figures. */
export function stretchesOf(
  samples: CoastSamples,
  lengthKm: number,
  gaps: Float64Array,
  count = 10,
): StretchSummary[] {
  const n = Math.max(1, Math.min(count, samples.count));
  const out: StretchSummary[] = [];
  for (let s = 0; s < n; s++) {
    const fromKm = (lengthKm * s) / n;
    const toKm = (lengthKm * (s + 1)) / n;
    const last = s === n - 1;
    // a sample reaching over a stretch's end counts in both stretches with its part inside each: counted
    // whole by its centre, a stretch's covered km could exceed its length (178.43 of 178.13 km)
    const inside = (i: number) =>
      samples.km[i] >= fromKm && (last ? samples.km[i] <= toKm : samples.km[i] < toKm);
    const f = revisitFigures(
      samples,
      gaps,
      (i) => inside(i) || (samples.lo[i] < toKm && samples.hi[i] > fromKm),
      [fromKm, toKm],
    );
    out.push({ fromKm, toKm, coveredKm: f.coveredKm, worstRevisitH: f.worst, meanRevisitH: f.mean });
  }
  return out;
}

/** x modulo m, in [0, m) for negative x too. */
export function mod(x: number, m: number): number {
  const r = x % m;
  return r < 0 ? r + m : r;
}
