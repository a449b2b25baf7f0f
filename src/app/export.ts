/**
 * Exports of a plan, schedule or audit file (CONTRACT section 7) behind one small interface; the exports
 * registry (src/formats/export) plugs in here, geojson is the file itself.
 */
import { inputError } from '../domain/errors.js';
import type { ResultKind } from '../store/store.js';

export interface ExportedFile {
  bytes: Uint8Array;
  contentType: string;
  filename: string;
}

export const EXPORT_FORMATS = ['geojson'] as const;

export function exportFile(
  kind: ResultKind,
  fileJson: unknown,
  format: string,
  baseName: string = kind,
): ExportedFile {
  if (format === 'geojson')
    return {
      bytes: new TextEncoder().encode(`${JSON.stringify(fileJson)}\n`),
      contentType: 'application/geo+json',
      filename: `${baseName}.${kind}.geojson`,
    };
  throw inputError(
    'export.unknown-format',
    `"${format}" is not an export format this server has: use ${EXPORT_FORMATS.join(', ')}`,
    'to',
  );
}
