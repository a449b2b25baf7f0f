/**
 * Unwatched time (docs/formats.md, "The schedule file" and "The audit file"), one definition for the scheduler, verify and the audit: a point is
 * watched while some airborne aircraft is within sensor range of it; its watch intervals, merged across
 * aircraft, leave unwatched stretches of time, and its revisit gap is the longest of them. A schedule repeats
 * every horizon H, so its times fold onto [0, H) and the unwatched time after the last watch wraps round to the
 * first; flown tracks do not repeat, so the audit measures over the tracks' span without wrapping.
 */

/** Reused scratch arrays: this runs once per coast point for every schedule measured. */
let sBuf = new Float64Array(256);
let eBuf = new Float64Array(256);

function ensure(n: number): void {
  if (sBuf.length < n) {
    sBuf = new Float64Array(2 * n);
    eBuf = new Float64Array(2 * n);
  }
}

/**
 * The longest unwatched time of one point, given its watch intervals `[starts[k], ends[k]]` (any order, may
 * overlap; hours). With `horizonH` the schedule repeats: times fold onto [0, H) and the wait after the last watch
 * wraps round to the first; a point never watched waits the whole horizon, one watched all the time waits 0.
 * With `span` (no wrap): unwatched time inside [span.from, span.to], a point never watched waits the whole span.
 *
 * Linear after sorting starts and ends separately: the union of intervals leaves a hole exactly where the k-th
 * smallest end comes before the (k+1)-th smallest start, so pairs need not stay together.
 */
export function longestUnwatched(
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  opts: { horizonH: number } | { span: { from: number; to: number } },
): number {
  const n = starts.length;
  if ('horizonH' in opts) {
    const H = opts.horizonH;
    if (n === 0) return H;
    ensure(2 * n);
    let m = 0;
    for (let k = 0; k < n; k++) {
      const len = ends[k] - starts[k];
      if (!(len >= 0)) continue;
      if (len >= H) return 0;
      let s = starts[k] % H;
      if (s < 0) s += H;
      const e = s + len;
      if (e > H) {
        // runs past the horizon's end: its tail comes round at the start
        sBuf[m] = s;
        eBuf[m++] = H;
        sBuf[m] = 0;
        eBuf[m++] = e - H;
      } else {
        sBuf[m] = s;
        eBuf[m++] = e;
      }
    }
    if (m === 0) return H;
    const S = sBuf.subarray(0, m).sort();
    const E = eBuf.subarray(0, m).sort();
    let g = S[0] + H - E[m - 1];
    for (let k = 0; k + 1 < m; k++) if (S[k + 1] - E[k] > g) g = S[k + 1] - E[k];
    return Math.max(0, g);
  }
  const { from, to } = opts.span;
  if (!(to > from)) return 0;
  ensure(n);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const s = Math.max(from, starts[k]);
    const e = Math.min(to, ends[k]);
    if (!(e >= s)) continue;
    sBuf[m] = s;
    eBuf[m++] = e;
  }
  if (m === 0) return to - from;
  const S = sBuf.subarray(0, m).sort();
  const E = eBuf.subarray(0, m).sort();
  let g = Math.max(S[0] - from, to - E[m - 1]);
  for (let k = 0; k + 1 < m; k++) if (S[k + 1] - E[k] > g) g = S[k + 1] - E[k];
  return Math.max(0, g);
}

/** Per-point watch intervals collected as they come, then measured (parallel growable arrays per point). */
export class WatchLog {
  readonly starts: number[][];
  readonly ends: number[][];
  constructor(points: number) {
    this.starts = Array.from({ length: points }, () => []);
    this.ends = Array.from({ length: points }, () => []);
  }
  add(point: number, from: number, to: number): void {
    this.starts[point].push(from);
    this.ends[point].push(Math.max(from, to));
  }
  watched(point: number): boolean {
    return this.starts[point].length > 0;
  }
  /** Longest unwatched time per point as longestUnwatched measures it; never-watched points get NaN. */
  gaps(opts: { horizonH: number } | { span: { from: number; to: number } }): Float64Array {
    const out = new Float64Array(this.starts.length).fill(Number.NaN);
    for (let i = 0; i < out.length; i++)
      if (this.starts[i].length > 0) out[i] = longestUnwatched(this.starts[i], this.ends[i], opts);
    return out;
  }
}
