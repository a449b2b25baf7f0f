#!/usr/bin/env node
// Keeps the folder layering (docs/architecture.md): each src/ layer may import only the layers listed for it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const allowed = {
  geo: [],
  domain: ['geo'],
  plan: ['geo', 'domain'],
  verify: ['geo', 'domain'],
  audit: ['geo', 'domain'],
  schedule: ['geo', 'domain', 'plan'],
  situation: ['geo', 'domain'],
  data: ['geo', 'domain'],
  formats: ['geo', 'domain'],
  store: ['geo', 'domain'],
  app: ['geo', 'domain', 'plan', 'verify', 'audit', 'schedule', 'situation', 'data', 'formats', 'store'],
  cli: ['domain', 'app', 'server'],
  server: ['domain', 'app'],
};

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

const problems = [];
for (const file of walk(src)) {
  const layer = relative(src, file).split(sep)[0];
  const ok = allowed[layer];
  if (!ok) {
    problems.push(
      `${relative(root, file)}: folder src/${layer} is not a known layer (add it to scripts/check-layers.mjs)`,
    );
    continue;
  }
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(
    /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    const spec = m[1] ?? m[2];
    if (!spec.startsWith('.')) continue;
    const target = relative(src, resolve(dirname(file), spec)).split(sep)[0];
    if (target === layer || target.startsWith('..')) continue;
    // tests may reach into lower layers' fixtures through app-free helpers only
    if (!ok.includes(target)) {
      problems.push(
        `${relative(root, file)}: src/${layer} must not import src/${target} (allowed: ${ok.join(', ') || 'none'})`,
      );
    }
  }
}
if (problems.length) {
  console.error(`Layering violations (see docs/architecture.md):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('layers: ok');
