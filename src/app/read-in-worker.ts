/**
 * readTrackFile on a worker thread, with the same contract: batches arrive in file order on this thread,
 * the report when the file is done, typed errors as they were thrown. For big files, where reading and
 * auditing side by side nearly halve the time; small ones are not worth a thread's start-up.
 */
import { Worker } from 'node:worker_threads';
import { CoastwatchError, type ErrorKind } from '../domain/errors.js';
import type { FixBatch, ReadReport } from '../domain/track.js';

export function readTrackFileInWorker(
  path: string,
  onBatch: (b: FixBatch) => void,
  opts: { onProgress?: (done: number, total: number) => void } = {},
): Promise<ReadReport> {
  return new Promise((resolve, reject) => {
    const inflight = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(new URL('./track-reader-worker.js', import.meta.url), {
      workerData: { path, inflight, progress: !!opts.onProgress },
      // the reader's own garbage is short-lived: a small young generation keeps the process's peak memory down
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (settled) return;
      if (m.type === 'batch') {
        try {
          onBatch(m.batch);
        } catch (e) {
          settle(() => reject(e));
          void worker.terminate();
          return;
        } finally {
          Atomics.sub(inflight, 0, 1);
          Atomics.notify(inflight, 0);
        }
      } else if (m.type === 'progress') opts.onProgress?.(m.done, m.total);
      else if (m.type === 'done') settle(() => resolve(m.report));
      else {
        const er = m.error;
        settle(() =>
          reject(
            er.kind && er.code
              ? new CoastwatchError(er.kind, er.code, stripWhere(er.message, er.where), er.where)
              : new Error(er.message),
          ),
        );
      }
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the track reader thread stopped (exit code ${code})`))),
    );
  });
}

type WorkerMessage =
  | { type: 'batch'; batch: FixBatch }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; report: ReadReport }
  | { type: 'error'; error: { kind?: ErrorKind; code?: string; message: string; where?: string } };

/** CoastwatchError puts `where: ` before its message; the copy is rebuilt from the parts. */
function stripWhere(message: string, where?: string): string {
  return where && message.startsWith(`${where}: `) ? message.slice(where.length + 2) : message;
}
