/**
 * Worker thread entry of the server's exports: parses the stored file, resolves the scenario version it was made
 * from (coast, bases, band: seconds for a big coast) and exports it, off the thread that answers requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CoastwatchError } from '../domain/errors.js';
import type { ExportKind } from '../domain/export.js';
import { type ExportedFile, exportFile } from './export.js';
import { scenarioFromJson } from './load-scenario.js';

export interface ExportWorkerData {
  kind: ExportKind;
  /** The stored file's text, as the command line writes it. */
  body: string;
  to: string;
  /** The scenario version's body it was made from; undefined when that is gone. */
  scenario?: unknown;
}

export type ExportWorkerMessage =
  | { type: 'done'; file: ExportedFile }
  | { type: 'error'; error: { kind?: string; code?: string; message: string; where?: string } };

async function run(d: ExportWorkerData): Promise<ExportedFile> {
  const file = JSON.parse(d.body) as unknown;
  const scenario = d.scenario === undefined ? undefined : scenarioFromJson(d.scenario, 'scenario');
  return exportFile(d.kind, file, d.to, scenario ? { scenario } : {});
}

const port = parentPort;
if (port) {
  run(workerData as ExportWorkerData).then(
    (file) => {
      // the bytes move to the other thread, not copied
      const bytes = file.bytes.byteOffset === 0 && file.bytes.byteLength === file.bytes.buffer.byteLength;
      const msg: ExportWorkerMessage = { type: 'done', file };
      port.postMessage(msg, bytes ? [file.bytes.buffer as ArrayBuffer] : []);
    },
    (e: unknown) => {
      const error =
        e instanceof CoastwatchError
          ? { kind: e.kind, code: e.code, message: e.message, where: e.where }
          : { message: e instanceof Error ? e.message : String(e) };
      port.postMessage({ type: 'error', error } satisfies ExportWorkerMessage);
    },
  );
}
