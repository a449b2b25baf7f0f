/** Several files as one zip (fflate), or the one file itself. */
import { strToU8, zipSync } from 'fflate';

export interface NamedFile {
  name: string;
  data: string | Uint8Array;
}

export function zipFiles(files: readonly NamedFile[], mtime?: Date): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime?: Date }]> = {};
  for (const f of files)
    entries[f.name] = [typeof f.data === 'string' ? strToU8(f.data) : f.data, mtime ? { mtime } : {}];
  return zipSync(entries, { level: 6 });
}

/** A file-name-safe form of an id (sortie ids are `S01`, but files edited by hand may hold anything). */
export const safeName = (s: string) => s.replace(/[^\w.-]+/g, '_') || 'item';
