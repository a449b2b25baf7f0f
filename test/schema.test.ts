import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadScenario } from '../src/app/load-scenario.js';
import { scenarioJsonSchema } from '../src/domain/scenario-schema.js';
import { builtInScenarios, repoRoot } from './support/golden.js';

describe('scenarios/schema.json', () => {
  it('is what the zod schema generates (run `npm run schema` after changing the schema)', () => {
    const onDisk = JSON.parse(readFileSync(join(repoRoot(), 'scenarios', 'schema.json'), 'utf8'));
    assert.deepEqual(
      onDisk,
      JSON.parse(JSON.stringify(scenarioJsonSchema())),
      'scenarios/schema.json is stale: run `npm run schema`',
    );
  });

  it('accepts every built-in scenario', async () => {
    assert.ok(builtInScenarios().length >= 3);
    for (const path of builtInScenarios()) await loadScenario(path);
  });
});
