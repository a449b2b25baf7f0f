/**
 * Planning across the antimeridian (Fiji, the Aleutians, Chukotka): the planner's grids and local frames need
 * continuous longitudes, so a coast that straddles ±180 is planned in a frame where western longitudes are
 * shifted by +360 (Fiji: 177 E to 178 W becomes 177 to 182), and the plan's positions are wrapped back to
 * [-180, 180) afterwards (the writers split its lines at ±180, src/geo/drawn.ts).
 */
import { buildCoastModel, type CoastModel, coastBetween } from '../domain/coast.js';
import type { Plan } from '../domain/plan.js';
import type { Scenario } from '../domain/scenario.js';
import { type LonLat, wrapLon } from '../geo/lonlat.js';
import { reachOf } from './reach.js';

export interface Shifted {
  scenario: Scenario;
  coast: CoastModel;
}

/** A cut at the prime meridian is kept this far (km) beyond what any sensor sees. */
const CUT_CLEAR_KM = 500;

/** Where a line crosses the prime meridian (both ends of each such segment): where the shift cuts it. */
function primeCuts(coords: readonly LonLat[]): LonLat[] {
  const out: LonLat[] = [];
  for (let i = 0; i + 1 < coords.length; i++) {
    const [a, b] = [coords[i], coords[i + 1]];
    if (a[0] < 0 !== b[0] < 0 && Math.abs(a[0]) < 90 && Math.abs(b[0]) < 90) out.push(a, b);
  }
  return out;
}

const east = (p: LonLat): LonLat => (p[0] < 0 ? [p[0] + 360, p[1]] : p);

/**
 * The coast and scenario in the shifted frame, or null when the coast does not straddle ±180 (or a coast line
 * crosses the prime meridian within reach of the bases, where the shift would cut it: beyond reach, as
 * Antarctica's coast at 0 E is from AQBC on the Ross Sea, the cut is never planned near, and the measures that
 * meet it wrap longitudes anyway).
 */
export function shiftedFrame(scenario: Scenario): Shifted | null {
  const reach = reachOf(scenario);
  const seeKm = Math.max(0, ...scenario.aircraft.map((a) => a.sensorRangeKm)) + CUT_CLEAR_KM;
  let west = false;
  let eastSide = false;
  for (const l of scenario.coast.lines) {
    let neg = false;
    let pos = false;
    for (const p of l.coords) {
      if (p[0] < 0) neg = true;
      else if (p[0] > 0) pos = true;
      if (p[0] <= -179.5) west = true;
      if (p[0] >= 179.5) eastSide = true;
    }
    // a line across the prime meridian would be torn apart by the shift (lines across ±180 come split)
    if (neg && pos && primeCuts(l.coords).some((p) => reach.point(p, seeKm))) return null;
  }
  if (!west || !eastSide) return null;
  const lines = scenario.coast.lines.map((l) => ({ ...l, coords: l.coords.map(east) }));
  return {
    scenario: {
      ...scenario,
      coast: { ...scenario.coast, lines },
      bases: scenario.bases.map((b) => ({ ...b, position: east(b.position) })),
      noFly: shiftPolygons(scenario.noFly),
    },
    coast: buildCoastModel(lines, scenario.sampleKm),
  };
}

/**
 * Polygons in the shifted frame: each kept, and one reaching west of 0 also copied +360 (the copies lie 360
 * degrees apart, so even-odd tests still count each once).
 */
export function shiftPolygons(polys: readonly LonLat[][][]): LonLat[][][] {
  const out: LonLat[][][] = [];
  for (const rings of polys) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rings)
      for (const p of r) {
        lo = Math.min(lo, p[0]);
        hi = Math.max(hi, p[0]);
      }
    // west of 0 both copies: a position some helper wrapped back to [-180, 180) still meets the polygon
    out.push(rings);
    if (lo < 0 && hi <= 180) out.push(rings.map((r) => r.map((p) => [p[0] + 360, p[1]] as LonLat)));
  }
  return out;
}

/** A plan made in the shifted frame, with every position back in [-180, 180) and the scenario's own coast. */
export function unshiftPlan(p: Plan, scenario: Scenario, coast: CoastModel): Plan {
  const wrap = (q: LonLat): LonLat => [wrapLon(q[0]), q[1]];
  return {
    ...p,
    coast: coast.lines.map((l) => l.coords),
    bases: scenario.bases.map((x) => ({ name: x.name, icao: x.icao, position: x.position })),
    sorties: p.sorties.map((s) => ({ ...s, path: s.path.map(wrap) })),
    gaps: p.gaps.map((g) => ({ ...g, lines: coastBetween(coast, g.fromKm, g.toKm) })),
  };
}
