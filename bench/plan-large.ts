/**
 * Planning at the scale of real coasts (issue 8): the largest coasts the world sweep plans, standoff 22.2 km, the
 * world sweep's generic turboprop, each in a child process (bench/world-one.ts): coast km, coverage, sorties,
 * planning time (wall and CPU: the machine may be shared), verify's CPU time, peak memory, and verify's verdict.
 * Targets: Norway < 10 s of planning; every coast here < 60 s of CPU for plan and verify; Canada < 60 s and
 * 1 GB, or exit 2 before any work with the figure it needs (src/app/plan-limits.ts).
 */
import { join } from 'node:path';
import { distDir, runChild } from './child.js';
import type { WorldRow } from './world-one.js';

const CASES: [country: string, icao: string][] = [
  ['Norway', 'ENBO'],
  ['Norway', 'ENVA'],
  ['Chile', 'SCEL'],
  ['Australia', 'YSSY'],
  ['Indonesia', 'WIII'],
  ['Canada', 'CYVR'],
];

export async function bench(): Promise<void> {
  console.log('\n## plan-large\n');
  console.log(
    '| coast (base) | coast km | coverage | sorties | plan wall (s) | plan CPU (s) | verify CPU (s) | child wall (s) | peak RSS (MB) | verify |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const [country, icao] of CASES) {
    const r = runChild(join(distDir, 'bench', 'world-one.js'), [country, icao, '22.2'], {
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
        `| ${country} (${icao}) | ${row.coastKm.toFixed(0)} | ${(row.coverage * 100).toFixed(1)}% | ${row.sorties} | ${(row.planMs / 1000).toFixed(1)} | ${((row.planCpuMs ?? Number.NaN) / 1000).toFixed(1)} | ${((row.verifyCpuMs ?? Number.NaN) / 1000).toFixed(1)} | ${wall} | ${r.peakMB.toFixed(0)} | ${verdict} |`,
      );
    } else {
      const why =
        r.status === null
          ? 'timed out after 600 s'
          : `exit ${r.status}: ${r.stderr.trim().split('\n')[0] ?? ''}`;
      console.log(`| ${country} (${icao}) | | | | | | | ${wall} | ${r.peakMB.toFixed(0)} | ${why} |`);
    }
  }
}
