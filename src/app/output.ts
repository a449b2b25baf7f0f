/** Writing result files whole or not at all: a temporary file beside the target, renamed into place. */
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { inputError } from '../domain/errors.js';

/** Writes `text` (or text made in pieces, written as they come) to `path` whole or not at all. */
export async function writeFileAtomic(
  path: string,
  text: string | Uint8Array | Iterable<string>,
): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fh = await open(tmp, 'w');
    try {
      if (typeof text === 'string') await fh.write(text);
      else if (text instanceof Uint8Array) await fh.write(text);
      else for (const piece of text) await fh.write(piece);
    } finally {
      await fh.close();
    }
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
