/**
 * Planning benchmark (issue #2): per built-in scenario, planning time in-process (first run, and best of
 * three once warm), the whole `coastwatch plan` command in a child process with its peak memory, and how far
 * the plan is from its lower bounds. Targets: Libya < 0.5 s planning and < 1 s command; a ~9,000 km island
 * coast < 5 s; peak memory < 300 MB.
 */
import { join } from 'node:path';
import { planEnvFor } from '../src/app/land-env.js';
import { loadScenario } from '../src/app/load-scenario.js';
import { buildCoastModel } from '../src/domain/coast.js';
import { plan } from '../src/plan/planner.js';
import { builtInScenarios } from '../test/support/golden.js';
import { cliPath, runChild, tempDir } from './child.js';

export async function bench(): Promise<void> {
  console.log('\n## plan\n');
  console.log(
    '| scenario | coast km | plan first (s) | plan warm (s) | command (s) | peak RSS (MB) | sorties / bound | km / bound |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const path of builtInScenarios()) {
    const scenario = await loadScenario(path);
    const coast = buildCoastModel(scenario.coast.lines, scenario.sampleKm);
    // the land the CLI gives the planner (read once, outside the timing)
    const env = planEnvFor(scenario);
    const times: number[] = [];
    let last = null;
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      last = plan(scenario, coast, {}, env);
      times.push((performance.now() - t0) / 1000);
    }
    const p = last!;
    const tmp = tempDir();
    const cmd = runChild(cliPath, ['plan', path, '--out', join(tmp.dir, 'plan.geojson')]);
    tmp.done();
    if (cmd.status !== 0) throw new Error(`coastwatch plan ${path} failed: ${cmd.stderr}`);
    const s = p.summary;
    const b = p.bounds;
    const name = path.split('/').pop()!;
    const ratio = b && b.minDistanceKm > 0 ? `${(s.distanceKm / b.minDistanceKm).toFixed(2)}x` : 'n/a';
    console.log(
      `| ${name} | ${coast.lengthKm.toFixed(0)} | ${times[0].toFixed(2)} | ${Math.min(...times.slice(1)).toFixed(2)} | ${(cmd.ms / 1000).toFixed(2)} | ${cmd.peakMB.toFixed(0)} | ${s.sorties} / ${b?.minSorties ?? '?'} | ${s.distanceKm.toFixed(0)} / ${b?.minDistanceKm.toFixed(0) ?? '?'} (${ratio}) |`,
    );
  }
}
