/** Writes scenarios/schema.json and scenarios/situation.schema.json from the zod schemas (npm run schema). */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../src/domain/scenario-schema.js';
import { situationJsonSchema } from '../src/domain/situation.js';

// dist/scripts/write-schema.js -> repo root
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
for (const [name, schema] of [
  ['schema.json', scenarioJsonSchema()],
  ['situation.schema.json', situationJsonSchema()],
] as const) {
  const path = join(root, 'scenarios', name);
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${path}`);
}
