/**
 * `--save`: a result made on the command line kept in the server's store (the same `--db` as `coastwatch serve`,
 * SQLite in the user's data folder by default), so the planning cell sees it on the web map and over the API.
 */
import type { Scenario } from '../domain/scenario.js';
import type { ResultKind } from '../store/store.js';
import { Coastwatch, filesDirFor, resolveDb } from './service.js';

export interface SavedResult {
  db: string;
  scenarioId: string;
  scenarioVersion: number;
  resultId: string;
}

export async function saveResult(
  kind: ResultKind,
  scenarioJson: unknown,
  file: { body: string; summary: unknown; lines?: { id: string; geometry: unknown }[] },
  opts: { db?: string; scenario?: Scenario } = {},
): Promise<SavedResult> {
  const db = resolveDb(opts.db);
  const cw = await Coastwatch.open(db, { filesDir: filesDirFor(db), workers: 1 });
  try {
    return { db, ...(await cw.recordResult(kind, scenarioJson, file, opts.scenario)) };
  } finally {
    await cw.close();
  }
}
