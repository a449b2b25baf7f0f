/** Writes scenarios/schema.json from the zod schema (npm run schema). CI checks it is not stale. */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../src/domain/scenario-schema.js';

// dist/scripts/write-schema.js -> repo root
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const path = join(root, 'scenarios', 'schema.json');
writeFileSync(path, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path}`);
