/**
 * `npm run bench -- merge`: the savings pass that merges sorties (src/plan/merge.ts, docs/mop-up.md "Fewer
 * sorties"), off and on, on whole coasts from one airfield each (world sweep rows, standoff 22.2 km): sorties, km,
 * coverage, planning CPU time, verify's violations of the merged plan.
 * One row: node dist/bench/merge.js COUNTRY ICAO [MERGE_OPTIONS_JSON | off]
 */
import type { MergeOptions } from '../src/plan/merge.js';
import { runOne } from './world-one.js';

const COUNTRIES: [string, string][] = [
  ['United Kingdom', 'EGPH'],
  ['Iran', 'OIII'],
  ['Germany', 'EDDH'],
  ['Denmark', 'EKCH'],
  ['Myanmar', 'VYYY'],
];

function row(country: string, icao: string, merge: MergeOptions | false) {
  return runOne(country, icao, 22.2, undefined, {}, { merge });
}

export async function bench(): Promise<void> {
  console.log('\n## merge (fewer sorties)\n');
  console.log(
    '| country | base | sorties off / on | km off / on | coverage off / on | plan CPU s off / on | violations on |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const [country, icao] of COUNTRIES) {
    const a = row(country, icao, false);
    const b = row(country, icao, {});
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    const s = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(1);
    console.log(
      `| ${country} | ${icao} | ${a.sorties} / ${b.sorties} | ${Math.round(a.distanceKm)} / ${Math.round(b.distanceKm)} | ${pct(a.coverage)} / ${pct(b.coverage)} | ${s(a.planCpuMs)} / ${s(b.planCpuMs)} | ${b.violations} |`,
    );
  }
}

if (process.argv[1]?.endsWith('merge.js') && process.argv.length >= 4) {
  const [country, icao, opt] = process.argv.slice(2);
  const merge = opt === 'off' ? false : opt ? (JSON.parse(opt) as MergeOptions) : {};
  console.log(JSON.stringify(row(country, icao, merge)));
}
