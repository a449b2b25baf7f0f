/** Writing result files whole or not at all: a temporary file beside the target, renamed into place. */
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { inputError } from '../domain/errors.js';

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    throw inputError(
      'file.unwritable',
      `cannot write the output file (${code ?? String(e)}): check that its folder exists and is writable`,
      path,
    );
  }
}

/** `scenarios/libya-pantelleria.json` + `plan` -> `libya-pantelleria.plan.geojson` in the working directory. */
export function defaultOutPath(scenarioPath: string, what: string): string {
  return `${basename(scenarioPath).replace(/\.json$/i, '')}.${what}.geojson`;
}
