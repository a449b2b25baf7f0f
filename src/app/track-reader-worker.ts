/**
 * Worker thread entry: reads one track file with readTrackFile and posts its batches (their arrays
 * transferred, not copied) to the thread that audits them, so reading and auditing run on two cores.
 * At most MAX_IN_FLIGHT batches wait unprocessed: the reader blocks until the auditor catches up, which
 * keeps memory bounded however fast the file reads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CoastwatchError } from '../domain/errors.js';
import { readTrackFile } from '../formats/tracks/read.js';

export const MAX_IN_FLIGHT = 8;

export interface ReaderWorkerData {
  path: string;
  /** Batches posted and not yet processed (shared with the auditing thread). */
  inflight: Int32Array;
  progress: boolean;
}

const port = parentPort;
if (port) {
  const { path, inflight, progress } = workerData as ReaderWorkerData;
  readTrackFile(
    path,
    (b) => {
      port.postMessage({ type: 'batch', batch: b }, [
        b.t.buffer,
        b.lon.buffer,
        b.lat.buffer,
        b.altM.buffer,
      ] as ArrayBuffer[]);
      Atomics.add(inflight, 0, 1);
      for (let v = Atomics.load(inflight, 0); v > MAX_IN_FLIGHT; v = Atomics.load(inflight, 0))
        Atomics.wait(inflight, 0, v, 100);
    },
    progress ? { onProgress: (done, total) => port.postMessage({ type: 'progress', done, total }) } : {},
  ).then(
    (report) => port.postMessage({ type: 'done', report }),
    (e: unknown) => {
      const err =
        e instanceof CoastwatchError
          ? { kind: e.kind, code: e.code, message: e.message, where: e.where }
          : { message: e instanceof Error ? e.message : String(e) };
      port.postMessage({ type: 'error', error: err });
    },
  );
}
