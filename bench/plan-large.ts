/**
 * Planning at the scale of real coasts (issue 8): the largest coasts the world sweep plans (Canada, Russia, the
 * United States and Antarctica at both standoffs, the others at 22.2 km), the
 * world sweep's generic turboprop, each in a child process (bench/world-one.ts): coast km, coverage, sorties,
 * planning time (wall and CPU: the machine may be shared), verify's CPU time, peak memory, and verify's verdict.
 * Targets: Norway < 10 s of planning; every coast here < 60 s of planning CPU and 1 GB with the default size
 * guard (src/app/plan-limits.ts), and verify passes.
 */
import { join } from 'node:path';
import { distDir, runChild } from './child.js';
import type { WorldRow } from './world-one.js';

const CASES: [country: string, icao: string, standoffKm: number][] = [
  ['Norway', 'ENBO', 22.2],
  ['Norway', 'ENVA', 22.2],
  ['Chile', 'SCEL', 22.2],
  ['Australia', 'YSSY', 22.2],
  ['Indonesia', 'WIII', 22.2],
  // the four coasts the size guard refused whole (issue 8): planned now as far as their bases reach
  ['Canada', 'CYVR', 22.2],
  ['Russia', 'URSS', 22.2],
  ['United States of America', 'KBOS', 22.2],
  ['Antarctica', 'AQBC', 22.2],
  ['Canada', 'CYVR', 0],
  ['Russia', 'URSS', 0],
  ['United States of America', 'KBOS', 0],
  ['Antarctica', 'AQBC', 0],
];

export async function bench(): Promise<void> {
  console.log('\n## plan-large\n');
  console.log(
    '| coast (base) | standoff km | coast km | coverage | sorties | plan wall (s) | plan CPU (s) | verify CPU (s) | child wall (s) | peak RSS (MB) | verify |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const [country, icao, standoffKm] of CASES) {
    const r = runChild(join(distDir, 'bench', 'world-one.js'), [country, icao, String(standoffKm)], {
      timeoutMs: 600_000,
    });
    let row: WorldRow | undefined;
    try {
      row = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as WorldRow;
    } catch {
      // refused (exit 2) or failed: the message instead of figures
    }
    const wall = (r.ms / 1000).toFixed(1);
    if (row) {
      const verdict = row.violations === 0 ? 'pass' : `FAIL: ${row.violations} (${row.firstViolation ?? ''})`;
      console.log(
        `| ${country} (${icao}) | ${standoffKm} | ${row.coastKm.toFixed(0)} | ${(row.coverage * 100).toFixed(1)}% | ${row.sorties} | ${(row.planMs / 1000).toFixed(1)} | ${((row.planCpuMs ?? Number.NaN) / 1000).toFixed(1)} | ${((row.verifyCpuMs ?? Number.NaN) / 1000).toFixed(1)} | ${wall} | ${r.peakMB.toFixed(0)} | ${verdict} |`,
      );
    } else {
      const why =
        r.status === null
          ? 'timed out after 600 s'
          : `exit ${r.status}: ${r.stderr.trim().split('\n')[0] ?? ''}`;
      console.log(
        `| ${country} (${icao}) | ${standoffKm} | | | | | | | ${wall} | ${r.peakMB.toFixed(0)} | ${why} |`,
      );
    }
  }
}
