/**
 * `npm run world`: plans every coastal Natural Earth country from its largest airport near the coast with a
 * generic turboprop, at standoff 22.2 km and 0, verifies each plan, and prints a Markdown table and a summary
 * line. Each country runs in a child process with a time limit, so one bad country cannot hang the sweep.
 * Options: --only "Norway,Greece"  --timeout SECONDS (default 180)  --standoff 22.2 (one standoff only)
 *          --jobs N (countries planned at once, default 1: plan times are only comparable with 1 per core)
 */
import { join } from 'node:path';
import { largestAirportsOf } from '../src/data/airports.js';
import { countryCoast, countryNames, findCountry } from '../src/data/countries.js';
import { distanceKm } from '../src/geo/geodesic.js';
import { distDir, runChildAsync } from './child.js';
import type { WorldRow } from './world-one.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = opt('only')
  ?.split(',')
  .map((x) => x.trim());
const timeoutS = Number(opt('timeout') ?? 180);
const standoffs = opt('standoff') ? [Number(opt('standoff'))] : [22.2, 0];
const jobsAtOnce = Math.max(1, Number(opt('jobs') ?? 1));

interface Job {
  country: string;
  icao: string;
}

/** Coastal countries with an airfield: the large (else medium) airport nearest to the coast. */
function jobs(): Job[] {
  const out: Job[] = [];
  for (const name of countryNames()) {
    if (only && !only.includes(name)) continue;
    let coast: ReturnType<typeof countryCoast>;
    try {
      coast = countryCoast(name);
    } catch {
      continue;
    }
    const iso2 = findCountry(name).iso2;
    if (!iso2) continue;
    const airports = largestAirportsOf(iso2);
    if (airports.length === 0) continue;
    const pts = coast.flatMap((l) => l.coords.filter((_p, i) => i % 25 === 0));
    let best = airports[0];
    let bestKm = Infinity;
    for (const a of airports) {
      let d = Infinity;
      for (const p of pts)
        d = Math.min(d, Math.abs(p[1] - a.position[1]) < 5 ? distanceKm(a.position, p) : d);
      if (d < bestKm) {
        bestKm = d;
        best = a;
      }
    }
    out.push({ country: name, icao: best.icao });
  }
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const rows: { job: Job; standoff: number; row?: WorldRow; peakMB: number; error?: string }[] = [];
console.log(
  '| country | base | standoff km | coast km | coverage | reachable covered | sorties (bound) | km (bound) | plan s | plan CPU s | peak MB | verify |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
const queue = jobs().flatMap((job) => standoffs.map((standoff) => ({ job, standoff })));
async function worker(): Promise<void> {
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { job, standoff } = next;
    const r = await runChildAsync(
      join(distDir, 'bench', 'world-one.js'),
      [job.country, job.icao, String(standoff)],
      {
        timeoutMs: timeoutS * 1000,
      },
    );
    let row: WorldRow | undefined;
    let error: string | undefined;
    try {
      row = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as WorldRow;
    } catch {
      error =
        r.status === null ? `timed out after ${timeoutS} s` : (r.stderr.trim().split('\n')[0] ?? 'failed');
    }
    rows.push({ job, standoff, row, peakMB: r.peakMB, error });
    if (row) {
      console.log(
        `| ${job.country} | ${job.icao} | ${standoff} | ${row.coastKm.toFixed(0)} | ${pct(row.coverage)} | ${pct(row.reachableCoverage)} | ${row.sorties} (${row.minSorties}) | ${row.distanceKm.toFixed(0)} (${row.minDistanceKm.toFixed(0)}) | ${(row.planMs / 1000).toFixed(1)} | ${row.planCpuMs !== undefined ? (row.planCpuMs / 1000).toFixed(1) : ''} | ${r.peakMB.toFixed(0)} | ${row.violations === 0 ? 'pass' : `FAIL: ${row.violations} (${(row.firstViolation ?? '').slice(0, 80)})`} |`,
      );
    } else {
      console.log(
        `| ${job.country} | ${job.icao} | ${standoff} | | | | | | | | ${r.peakMB.toFixed(0)} | ERROR: ${error} |`,
      );
    }
  }
}
await Promise.all(Array.from({ length: jobsAtOnce }, () => worker()));
const done = rows.filter((r) => r.row);
const passes = done.filter((r) => r.row!.violations === 0).length;
const cov = done.map((r) => r.row!.reachableCoverage).sort((a, b) => a - b);
const median = cov.length > 0 ? cov[Math.floor(cov.length / 2)] : 0;
const worst = done.reduce((m, r) => Math.max(m, r.row!.planMs), 0);
const worstCpu = done.reduce((m, r) => Math.max(m, r.row!.planCpuMs ?? 0), 0);
console.log(
  `\nsummary: ${new Set(rows.map((r) => r.job.country)).size} countries, ${rows.length} plans, verify passes ${passes} of ${rows.length} (${rows.length - done.length} errors or time-outs), median coverage of reachable coast ${pct(median)}, worst plan time ${(worst / 1000).toFixed(1)} s (${(worstCpu / 1000).toFixed(1)} s CPU)`,
);
