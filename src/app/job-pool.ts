/**
 * The server's jobs: each runs on a worker thread, at most `size` at once (one per core by default), the rest
 * queued in order. Cancelling terminates the thread, which stops even a long synchronous computation.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JobInput, JobMessage } from './job-worker.js';

export interface JobHandlers {
  onProgress(fraction: number): void;
  onStart(): void;
}

export type JobOutput = Extract<JobMessage, { type: 'done' }>;

export class JobFailed extends Error {
  constructor(
    message: string,
    readonly detail: { kind?: string; code?: string; where?: string } = {},
  ) {
    super(message);
  }
}

interface Pending {
  id: string;
  input: JobInput;
  handlers: JobHandlers;
  resolve(o: JobOutput): void;
  reject(e: Error): void;
  worker?: Worker;
  cancelled?: string;
}

export class JobPool {
  private queue: Pending[] = [];
  private running = new Map<string, Pending>();

  constructor(readonly size = availableParallelism()) {}

  run(id: string, input: JobInput, handlers: JobHandlers): Promise<JobOutput> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id, input, handlers, resolve, reject });
      this.pump();
    });
  }

  /** Stops a queued or running job; false when it is neither. */
  cancel(id: string, reason: string): boolean {
    const q = this.queue.findIndex((p) => p.id === id);
    if (q >= 0) {
      const [p] = this.queue.splice(q, 1);
      p.reject(new JobFailed(reason));
      return true;
    }
    const r = this.running.get(id);
    if (!r) return false;
    r.cancelled = reason;
    void r.worker?.terminate();
    return true;
  }

  async close(): Promise<void> {
    for (const p of this.queue.splice(0)) p.reject(new JobFailed('the server stopped'));
    await Promise.all([...this.running.values()].map((p) => p.worker?.terminate()));
  }

  private pump(): void {
    while (this.running.size < this.size && this.queue.length > 0) {
      const p = this.queue.shift()!;
      this.running.set(p.id, p);
      this.start(p);
    }
  }

  private start(p: Pending): void {
    p.handlers.onStart();
    const worker = new Worker(new URL('./job-worker.js', import.meta.url), { workerData: p.input });
    p.worker = worker;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      this.running.delete(p.id);
      f();
      this.pump();
    };
    worker.on('message', (m: JobMessage) => {
      if (m.type === 'progress') p.handlers.onProgress(m.fraction);
      else if (m.type === 'done') settle(() => p.resolve(m));
      else settle(() => p.reject(new JobFailed(m.error.message, m.error)));
      if (m.type !== 'progress') void worker.terminate();
    });
    worker.on('error', (e) => settle(() => p.reject(new JobFailed(`the job failed: ${e.message}`))));
    worker.on('exit', () =>
      settle(() => p.reject(new JobFailed(p.cancelled ?? 'the job thread stopped before it finished'))),
    );
  }
}
