/**
 * One country of the world sweep, run in a child process by bench/world.ts: plans the country's coast from
 * the given airfield with a generic turboprop, verifies the plan and prints one JSON line of figures.
 * usage: node dist/bench/world-one.js COUNTRY ICAO STANDOFF_KM [BBOX_JSON]
 */
import { planEnvFor } from '../src/app/land-env.js';
import { resolveScenario } from '../src/app/load-scenario.js';
import { checkPlanSize } from '../src/app/plan-limits.js';
import { worldLand } from '../src/data/land.js';
import { buildCoastModel } from '../src/domain/coast.js';
import { CoastwatchError } from '../src/domain/errors.js';
import { rangeKm } from '../src/domain/scenario.js';
import { parseScenarioFile } from '../src/domain/scenario-schema.js';
import { distanceKm } from '../src/geo/geodesic.js';
import { type PlanOptions, plan } from '../src/plan/planner.js';
import { verifyPlan } from '../src/verify/verify.js';

export const GENERIC_TURBOPROP = {
  name: 'Generic turboprop',
  count: 2,
  speedKts: 280,
  enduranceH: 10,
  reserveH: 1,
  sensorRangeKm: 60,
  turnaroundH: 3,
};

export interface WorldRow {
  country: string;
  icao: string;
  standoffKm: number;
  coastKm: number;
  coverage: number;
  /** Coverage of the coast within straight reach of the base (half the range plus the sensor range). */
  reachableCoverage: number;
  sorties: number;
  minSorties: number;
  distanceKm: number;
  minDistanceKm: number;
  planMs: number;
  /** CPU time of the planning (user + system), ms: what a loaded machine does not inflate. */
  planCpuMs?: number;
  /** CPU time of verify (user + system), ms. */
  verifyCpuMs?: number;
  violations: number;
  firstViolation?: string;
}

export function runOne(
  country: string,
  icao: string,
  standoffKm: number,
  bbox?: number[],
  extra: Record<string, unknown> = {},
  planOpts: PlanOptions = {},
): WorldRow {
  const s = resolveScenario(
    parseScenarioFile(
      {
        name: `${country} from ${icao}`,
        coast: bbox ? { country, bbox } : { country },
        bases: [{ icao }],
        aircraft: [GENERIC_TURBOPROP],
        standoffKm,
        ...extra,
      },
      'world.json',
    ),
  );
  const coast = buildCoastModel(s.coast.lines, s.sampleKm);
  // as `coastwatch plan` does: a coast too long for the machine is refused (exit 2) before any work
  checkPlanSize(s, coast);
  const env = planEnvFor(s);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const p = plan(s, coast, planOpts, env);
  const planMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  // verify with the land, as `coastwatch verify` does: overflyLand and the climb-out's bound need it
  const c1 = process.cpuUsage();
  const v = verifyPlan(s, p, { land: worldLand().polygons });
  const vcpu = process.cpuUsage(c1);
  // coast within straight reach: what any plan could hope to see
  const a = s.aircraft[0];
  const reach = rangeKm(a) / 2 + a.sensorRangeKm;
  const base = s.bases[0].position;
  const { samples } = coast;
  let inReach = 0;
  let seen = 0;
  const cov = new Uint8Array(samples.count);
  for (const so of p.sorties)
    for (const [lo, hi] of so.covers)
      for (let i = 0; i < samples.count; i++) if (samples.km[i] >= lo && samples.km[i] <= hi) cov[i] = 1;
  for (let i = 0; i < samples.count; i++) {
    if (distanceKm(base, [samples.lon[i], samples.lat[i]]) > reach) continue;
    inReach++;
    if (cov[i]) seen++;
  }
  return {
    country,
    icao,
    standoffKm,
    coastKm: p.summary.coastKm,
    coverage: p.summary.coverage,
    reachableCoverage: inReach > 0 ? seen / inReach : 1,
    sorties: p.summary.sorties,
    minSorties: p.bounds?.minSorties ?? 0,
    distanceKm: p.summary.distanceKm,
    minDistanceKm: p.bounds?.minDistanceKm ?? 0,
    planMs,
    planCpuMs: (cpu.user + cpu.system) / 1000,
    verifyCpuMs: (vcpu.user + vcpu.system) / 1000,
    violations: v.length,
    ...(v[0] && { firstViolation: v[0].message }),
  };
}

if (process.argv[1]?.endsWith('world-one.js') || process.argv[2] === '--world-one') {
  const args = process.argv.slice(2).filter((x) => x !== '--world-one');
  if (args.length >= 3) {
    try {
      const row = runOne(args[0], args[1], Number(args[2]), args[3] ? JSON.parse(args[3]) : undefined);
      console.log(JSON.stringify(row));
    } catch (e) {
      // the size guard's message, as the command line prints it (exit 2: more than the machine plans)
      if (e instanceof CoastwatchError && e.kind === 'input') {
        console.error(e.message);
        process.exit(2);
      }
      throw e;
    }
  }
}
