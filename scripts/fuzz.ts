/**
 * `npm run fuzz -- --runs N [--seed S] [--target NAME[,NAME]] [--json]`: mutated real files through every reader (see
 * test/support/fuzz.ts), printing per target the inputs, exits by kind, peak memory and the slowest input.
 * Exits 1 when any input ended in an internal error, a crash or a leaked secret (the failing inputs are saved).
 */
import { figuresTable, fuzzArgs, fuzzTarget, type TargetFigures } from '../test/support/fuzz.js';

const { runs, seed, targets } = fuzzArgs(process.argv.slice(2));
console.log(
  `fuzz: ${runs} inputs per target, seed ${seed}, targets ${targets.map((t) => t.name).join(', ')}`,
);
const rows: TargetFigures[] = [];
let bad = 0;
for (const t of targets) {
  const f = await fuzzTarget(t, {
    runs,
    seed,
    onProgress: (done) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${t.name}: ${done}/${runs}`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  rows.push(f);
  console.log(
    `${t.name}: ${f.inputs} inputs, read ${f.exits.read}, input error ${f.exits.input}, internal ${f.exits.internal + f.exits.infeasible}, crash ${f.exits.crash}, leaks ${f.leaks}; peak RSS ${f.peakRssMiB.toFixed(0)} MiB; slowest ${f.slowestMs.toFixed(0)} ms (${f.slowestInput}); ${(f.totalMs / 1000).toFixed(1)} s`,
  );
  for (const x of f.findings) console.log(`  ${x.outcome}: ${x.message}\n    saved as ${x.file}`);
  bad += f.exits.internal + f.exits.infeasible + f.exits.crash + f.leaks;
}
if (process.argv.includes('--json')) console.log(`FUZZ-JSON ${JSON.stringify(rows)}`);
else console.log(`\n${figuresTable(rows)}`);
process.exitCode = bad > 0 ? 1 : 0;
