/**
 * Worker thread entry of the server's job pool: runs one plan, schedule or audit use case and posts its
 * progress and its file (the text the command line writes) back; the pool stores it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CoastwatchError } from '../domain/errors.js';
import { auditTracks } from './audit.js';
import { planFileText, planScenario, sortieLines } from './plan.js';
import { scheduleScenario } from './schedule.js';

export interface JobInput {
  kind: 'plan' | 'schedule' | 'audit';
  scenario: unknown;
  source: string;
  params: Record<string, unknown>;
  /** Audits: the uploaded files (absolute paths) with the names they were uploaded as. */
  files?: { path: string; name: string }[];
  /** Audits against a plan: the plan file's JSON. */
  plan?: { json: unknown; name: string };
}

export type JobMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; body: string; summary: unknown; lines: { id: string; geometry: unknown }[] }
  | { type: 'error'; error: { kind?: string; code?: string; message: string; where?: string } };

async function run(input: JobInput, post: (m: JobMessage) => void): Promise<void> {
  let last = -1;
  const onProgress = (fraction: number) => {
    // a message per whole percent at most: progress is for people watching a bar
    const pct = Math.floor(fraction * 100);
    if (pct === last) return;
    last = pct;
    post({ type: 'progress', fraction });
  };
  const opts = { onProgress, source: input.source };
  const p = input.params;
  if (input.kind === 'plan') {
    const r = await planScenario(input.scenario, opts);
    post({
      type: 'done',
      body: planFileText(r.geojson),
      summary: r.geojson.summary,
      lines: sortieLines(r.geojson as unknown as Parameters<typeof sortieLines>[0]),
    });
  } else if (input.kind === 'schedule') {
    const r = await scheduleScenario(input.scenario, {
      ...opts,
      days: p.days as number | undefined,
      start: p.start as string | undefined,
      counts: p.counts as Record<string, number> | undefined,
    });
    post({
      type: 'done',
      body: `${JSON.stringify(r.geojson)}\n`,
      summary: r.geojson.summary,
      lines: sortieLines(r.geojson as unknown as Parameters<typeof sortieLines>[0]),
    });
  } else {
    const r = await auditTracks(input.scenario, input.files ?? [], {
      ...opts,
      aircraft: p.aircraft as string | undefined,
      plan: input.plan,
    });
    post({ type: 'done', body: [...r.text()].join(''), summary: r.summary, lines: [] });
  }
}

const port = parentPort;
if (port) {
  run(workerData as JobInput, (m) => port.postMessage(m)).catch((e: unknown) => {
    const error =
      e instanceof CoastwatchError
        ? { kind: e.kind, code: e.code, message: e.message, where: e.where }
        : { message: e instanceof Error ? e.message : String(e) };
    port.postMessage({ type: 'error', error } satisfies JobMessage);
  });
}
