/**
 * Cutting the tour into sorties, optimally for that tour (route-first, cluster-second, after Beasley 1983):
 * a dynamic programme over the tour's coverage events that minimises the number of sorties, then the total
 * distance, choosing for each sortie the base and aircraft type that flies it shortest.
 */

export interface SplitStop {
  /** Tour km where the stretch starts and ends. */
  startKm: number;
  endKm: number;
}

export interface SplitFlyer {
  /** Longest sortie, km. */
  rangeKm: number;
  /** Transit km from its base to the tour point at a tour km (stops' start or end), Infinity if unreachable. */
  transitToStart: Float64Array;
  transitToEnd: Float64Array;
}

export interface SplitLeg {
  /** Inclusive stop indices. */
  from: number;
  to: number;
  flyer: number;
  km: number;
}

/**
 * stops: in tour order, each one a group of coast samples first seen together. Returns legs covering every
 * stop that some flyer can reach at all; `unreachable` lists the stops none can.
 */
export function splitTour(
  stops: readonly SplitStop[],
  flyers: readonly SplitFlyer[],
): { legs: SplitLeg[]; unreachable: number[] } {
  const reach: number[] = [];
  const unreachable: number[] = [];
  stops.forEach((s, g) => {
    const ok = flyers.some(
      (f) => f.transitToStart[g] + (s.endKm - s.startKm) + f.transitToEnd[g] <= f.rangeKm,
    );
    (ok ? reach : unreachable).push(g);
  });
  const n = reach.length;
  const count = new Float64Array(n + 1).fill(Infinity);
  const dist = new Float64Array(n + 1).fill(Infinity);
  const prev = new Int32Array(n + 1).fill(-1);
  const prevFlyer = new Int32Array(n + 1).fill(-1);
  const prevKm = new Float64Array(n + 1);
  count[0] = 0;
  dist[0] = 0;
  const maxRange = Math.max(...flyers.map((f) => f.rangeKm));
  for (let a = 0; a < n; a++) {
    if (!Number.isFinite(count[a])) continue;
    const ga = reach[a];
    const startKm = stops[ga].startKm;
    for (let b = a; b < n; b++) {
      const gb = reach[b];
      const along = stops[gb].endKm - startKm;
      if (along > maxRange) break;
      let bestKm = Infinity;
      let bestF = -1;
      for (let f = 0; f < flyers.length; f++) {
        const fl = flyers[f];
        const km = fl.transitToStart[ga] + along + fl.transitToEnd[gb];
        if (km <= fl.rangeKm && km < bestKm) {
          bestKm = km;
          bestF = f;
        }
      }
      if (bestF < 0) continue;
      const c = count[a] + 1;
      const d = dist[a] + bestKm;
      if (c < count[b + 1] || (c === count[b + 1] && d < dist[b + 1] - 1e-9)) {
        count[b + 1] = c;
        dist[b + 1] = d;
        prev[b + 1] = a;
        prevFlyer[b + 1] = bestF;
        prevKm[b + 1] = bestKm;
      }
    }
  }
  const legs: SplitLeg[] = [];
  let j = n;
  while (j > 0) {
    const i = prev[j];
    if (i < 0) break; // cannot happen: every reachable stop is reachable on its own
    legs.push({ from: reach[i], to: reach[j - 1], flyer: prevFlyer[j], km: prevKm[j] });
    j = i;
  }
  legs.reverse();
  return { legs, unreachable };
}
