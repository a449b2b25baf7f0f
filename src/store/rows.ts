/**
 * Rows of the store's tables to the Store interface's objects, shared by both stores: they differ only in how a
 * JSON column and a time come back (SQLite: text; PostgreSQL: parsed json and Date), and that is `codec`.
 */
import type {
  JobRow,
  JobState,
  ResultKind,
  Role,
  SituationChange,
  SituationItem,
  SituationKind,
  TokenRow,
  TrackFile,
} from './store.js';

export type Row = Record<string, unknown>;

export interface RowCodec {
  /** A json column's value as posted. */
  json(v: unknown): unknown;
  /** A timestamp column as ISO 8601 text. */
  time(v: unknown): string;
}

export function rowMappers(codec: RowCodec) {
  const timeOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : codec.time(v));
  return {
    jobOf: (r: Row): JobRow => ({
      id: r.id as string,
      kind: r.kind as ResultKind,
      scenarioId: r.scenario_id as string,
      scenarioVersion: r.scenario_version as number,
      params: codec.json(r.params) as Record<string, unknown>,
      state: r.state as JobState,
      progress: r.progress as number,
      resultId: (r.result_id as string | null) ?? null,
      error: (r.error as string | null) ?? null,
      createdAt: codec.time(r.created_at),
      updatedAt: codec.time(r.updated_at),
    }),
    tokenOf: (r: Row): TokenRow => ({
      id: r.id as string,
      name: r.name as string,
      role: r.role as Role,
      createdAt: codec.time(r.created_at),
      revokedAt: timeOrNull(r.revoked_at),
    }),
    itemOf: (r: Row): SituationItem => ({
      scenarioId: r.scenario_id as string,
      kind: r.kind as SituationKind,
      itemId: r.item_id as string,
      body: codec.json(r.body),
      revision: r.revision as number,
      updatedAt: codec.time(r.updated_at),
      updatedBy: r.updated_by as string,
    }),
    fileOf: (r: Row): TrackFile => ({
      id: r.id as string,
      jobId: r.job_id as string,
      name: r.name as string,
      path: r.path as string,
      // PostgreSQL returns bigint as text
      size: Number(r.size),
      sha256: r.sha256 as string,
    }),
    changeOf: (r: Row): SituationChange => ({
      revision: r.revision as number,
      action: r.action as SituationChange['action'],
      body: r.body === null ? null : codec.json(r.body),
      changedAt: codec.time(r.changed_at),
      changedBy: r.changed_by as string,
    }),
  };
}
