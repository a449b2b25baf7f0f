/**
 * Golden files: each built-in scenario's plan (and later schedule) as the program writes it, kept in
 * scenarios/golden/ and diffed by the tests. Refresh them with `npm run golden` after a deliberate change.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from src or dist. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      readdirSync(join(dir, 'scenarios'));
      if (readdirSync(dir).includes('package.json')) return dir;
    } catch {
      // keep walking up
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
}

export function builtInScenarios(): string[] {
  const dir = join(repoRoot(), 'scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('schema.json') && !f.endsWith('.situation.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** Situation files kept beside the scenario they are for (`NAME.situation.json`). */
export function builtInSituations(): string[] {
  const dir = join(repoRoot(), 'scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.situation.json'))
    .sort()
    .map((f) => join(dir, f));
}

export function goldenPath(scenarioPath: string, what: 'plan' | 'schedule'): string {
  const name = scenarioPath
    .split('/')
    .pop()!
    .replace(/\.json$/, '');
  return join(repoRoot(), 'scenarios', 'golden', `${name}.${what}.geojson`);
}
