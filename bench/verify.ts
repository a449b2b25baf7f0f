/**
 * `npm run bench -- verify`: verify of each built-in scenario's plan file as written (lines as drawn, land for
 * overflyLand, the witness search of gaps), first run and best of 3 warm runs, and the parts' share.
 */
import { planScenarioFile } from '../src/app/plan.js';
import { worldLand } from '../src/data/land.js';
import { parsePlanGeoJSON } from '../src/verify/plan-file.js';
import { verifyPlan } from '../src/verify/verify.js';
import { builtInScenarios } from '../test/support/golden.js';

export async function bench(): Promise<void> {
  console.log('\n## verify\n');
  console.log(
    'The plan file as written by `coastwatch plan`, parsed and verified with Natural Earth land (loaded once, not counted).\n',
  );
  console.log(
    '| scenario | sorties | gaps | verify first (s) | verify warm (s) | without witness search (s) | violations |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  const land = worldLand().polygons;
  for (const path of builtInScenarios()) {
    const r = await planScenarioFile(path, { write: false });
    const text = JSON.stringify(r.geojson);
    const run = (witnesses: boolean) => {
      const t = performance.now();
      const v = verifyPlan(r.scenario, parsePlanGeoJSON(JSON.parse(text)), { land, witnesses });
      return { s: (performance.now() - t) / 1000, v };
    };
    const first = run(true);
    let warm = Infinity;
    for (let i = 0; i < 3; i++) warm = Math.min(warm, run(true).s);
    let plain = Infinity;
    for (let i = 0; i < 3; i++) plain = Math.min(plain, run(false).s);
    const rules = [...new Set(first.v.map((x) => x.rule))].join(', ') || 'none';
    console.log(
      `| ${path.split('/').pop()} | ${r.plan.sorties.length} | ${r.plan.gaps.length} | ${first.s.toFixed(2)} | ${warm.toFixed(2)} | ${plain.toFixed(2)} | ${first.v.length} (${rules}) |`,
    );
  }
}
