#!/usr/bin/env node
// `npm test`: a fresh build (dist cleaned first, so compiled tests of deleted sources never run), lint and the
// layer check, then every *.test.js under dist/src and dist/test except test/support, ending with one line:
// "N passed, N failed, N skipped". Extra arguments are test files or folders to run instead of all of them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const t0 = Date.now();
rmSync(join(root, 'dist'), { recursive: true, force: true });
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
// the web map's page, which the browser tests load from a real server (dist/web)
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'web/tsconfig.json']);
run(process.execPath, [
  join(root, 'node_modules/vite/bin/vite.js'),
  'build',
  '-c',
  'web/vite.config.ts',
  '--logLevel',
  'warn',
]);
if (!process.env.COASTWATCH_TEST_NO_LINT) {
  run(process.execPath, [
    join(root, 'node_modules/@biomejs/biome/bin/biome'),
    'check',
    'src',
    'test',
    'scripts',
    'bench',
  ]);
  run(process.execPath, [join(root, 'scripts/check-layers.mjs')]);
}

/** Test files: dist/src/**\/*.test.js and dist/test/**\/*.test.js, never dist/test/support. */
function* tests(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (relative(root, p) !== join('dist', 'test', 'support')) yield* tests(p);
    } else if (name.endsWith('.test.js')) yield p;
  }
}
const only = process.argv.slice(2);
const files = (
  only.length ? only.map((p) => resolve(root, p)) : [join(root, 'dist/src'), join(root, 'dist/test')]
)
  .flatMap((p) => (statSync(p).isDirectory() ? [...tests(p)] : [p]))
  .map((p) => relative(root, p));

const tmp = mkdtempSync(join(tmpdir(), 'coastwatch-test-'));
const summaryFile = join(tmp, 'summary.txt');
const r = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-concurrency=2',
    '--test-reporter=dot',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'scripts/test-summary-reporter.mjs')}`,
    `--test-reporter-destination=${summaryFile}`,
    ...files,
  ],
  { cwd: root, stdio: 'inherit' },
);
let lines = ['no summary (the test runner did not finish)'];
try {
  lines = readFileSync(summaryFile, 'utf8').trim().split('\n');
} catch {}
rmSync(tmp, { recursive: true, force: true });
console.log(
  `\n${files.length} test files in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${lines.slice(0, -1).join('')}`,
);
console.log(lines[lines.length - 1]);
process.exit(r.status ?? 1);
