/**
 * The server's exports on worker threads, at most one per core at once: resolving a scenario and drawing a KML
 * or PDF takes seconds, which on the main thread would stall every other request.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CoastwatchError, type ErrorKind } from '../domain/errors.js';
import type { ExportedFile } from './export.js';
import type { ExportWorkerData, ExportWorkerMessage } from './export-worker.js';

const limit = Math.max(1, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= limit) await new Promise<void>((r) => waiting.push(r));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

export async function exportInWorker(data: ExportWorkerData): Promise<ExportedFile> {
  const release = await slot();
  try {
    return await new Promise<ExportedFile>((resolve, reject) => {
      const worker = new Worker(new URL('./export-worker.js', import.meta.url), { workerData: data });
      let settled = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        f();
        void worker.terminate();
      };
      worker.on('message', (m: ExportWorkerMessage) => {
        if (m.type === 'done') settle(() => resolve(m.file));
        else {
          const er = m.error;
          const msg =
            er.where && er.message.startsWith(`${er.where}: `)
              ? er.message.slice(er.where.length + 2)
              : er.message;
          settle(() =>
            reject(
              er.kind && er.code
                ? new CoastwatchError(er.kind as ErrorKind, er.code, msg, er.where)
                : new Error(er.message),
            ),
          );
        }
      });
      worker.on('error', (e) => settle(() => reject(e)));
      worker.on('exit', (code) =>
        settle(() => reject(new Error(`the export thread stopped (exit code ${code})`))),
      );
    });
  } finally {
    release();
  }
}
