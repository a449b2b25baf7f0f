/**
 * The long fuzz run (issue 9): 100,000 mutated inputs per target (COASTWATCH_FUZZ_RUNS to change), each target in
 * its own child so that its peak RSS is its own. Figures per target: inputs, exits by kind, peak RSS, the slowest
 * input. Any internal error, crash or leaked secret is listed with the file it was saved to.
 */
import { join } from 'node:path';
import { figuresTable, TARGETS, type TargetFigures } from '../test/support/fuzz.js';
import { distDir, runChild } from './child.js';

export async function bench(): Promise<void> {
  const runs = Number(process.env.COASTWATCH_FUZZ_RUNS ?? 100_000);
  const seed = Number(process.env.COASTWATCH_FUZZ_SEED ?? 20261205);
  console.log('\n## fuzz\n');
  console.log(
    `${runs.toLocaleString('en')} mutated inputs per target (seed ${seed}), each target in a child; peak RSS is the child's.\n`,
  );
  const rows: TargetFigures[] = [];
  const findings: string[] = [];
  for (const t of TARGETS) {
    const r = runChild(join(distDir, 'scripts', 'fuzz.js'), [
      '--runs',
      String(runs),
      '--seed',
      String(seed),
      '--target',
      t.name,
      '--json',
    ]);
    const line = r.stdout.split('\n').find((l) => l.startsWith('FUZZ-JSON '));
    if (!line) {
      findings.push(`${t.name}: the fuzz child died (status ${r.status}): ${r.stderr.slice(-500)}`);
      continue;
    }
    const [f] = JSON.parse(line.slice('FUZZ-JSON '.length)) as TargetFigures[];
    f.peakRssMiB = Number.isFinite(r.peakMB) ? r.peakMB : f.peakRssMiB;
    rows.push(f);
    for (const x of f.findings) findings.push(`${t.name}: ${x.outcome}: ${x.message} (saved as ${x.file})`);
    // each target's figures as soon as they are known: the whole run takes a while
    console.error(`fuzz ${t.name}: ${JSON.stringify({ ...f, findings: f.findings.length })}`);
  }
  console.log(figuresTable(rows));
  console.log(
    findings.length ? `\nfindings:\n${findings.map((x) => `- ${x}`).join('\n')}` : '\nno findings.',
  );
}
