/**
 * Revisit figures from sighting times (CONTRACT section 4): the schedule repeats every horizon, so a point's gap
 * is the longest wait between two of its sightings, counting the wait from the last around to the first.
 * Sightings after the horizon's end (sorties still airborne) fold back to its start, as the repeat brings them.
 */
import type { CoastSamples } from '../domain/coast.js';
import type { StretchSummary } from '../domain/schedule.js';

/** Each sample's worst gap (hours), NaN where it is never sighted. */
export function gapsOf(times: readonly number[][], horizonH: number): Float64Array {
  const out = new Float64Array(times.length).fill(Number.NaN);
  times.forEach((list, i) => {
    if (list.length === 0) return;
    const t = Float64Array.from(list, (x) => mod(x, horizonH)).sort();
    let g = t[0] + horizonH - t[t.length - 1];
    for (let k = 1; k < t.length; k++) if (t[k] - t[k - 1] > g) g = t[k] - t[k - 1];
    out[i] = g;
  });
  return out;
}

/** Worst and coast-length-weighted mean gap over the samples sighted at all (null when none is). */
export function revisitFigures(
  samples: CoastSamples,
  gaps: Float64Array,
  pick: (i: number) => boolean = () => true,
): { worst: number | null; mean: number | null; coveredKm: number } {
  let worst = -Infinity;
  let km = 0;
  let sum = 0;
  for (let i = 0; i < samples.count; i++) {
    if (!pick(i) || Number.isNaN(gaps[i])) continue;
    const w = samples.hi[i] - samples.lo[i];
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
    const f = revisitFigures(
      samples,
      gaps,
      (i) => samples.km[i] >= fromKm && (last ? samples.km[i] <= toKm : samples.km[i] < toKm),
    );
    out.push({ fromKm, toKm, coveredKm: f.coveredKm, worstRevisitH: f.worst, meanRevisitH: f.mean });
  }
  return out;
}

function mod(x: number, m: number): number {
  const r = x % m;
  return r < 0 ? r + m : r;
}
