/**
 * The server's store: one interface, two implementations (SQLite embedded, PostgreSQL/PostGIS for teams) that
 * pass one shared test suite. Bodies are kept as the JSON text the API validated; every write that the API
 * answers 2xx for is committed (and fsync'd) before the answer.
 */
export type Role = 'viewer' | 'planner' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'planner', 'admin'];
export type ResultKind = 'plan' | 'schedule' | 'audit';
export type JobState = 'queued' | 'running' | 'done' | 'failed';
export type SituationKind = 'reports' | 'zones' | 'teams' | 'priorities';
export const SITUATION_KINDS: readonly SituationKind[] = ['reports', 'zones', 'teams', 'priorities'];

export interface ScenarioRow {
  id: string;
  name: string;
  version: number;
  updatedAt: string;
}

export interface ScenarioVersion {
  id: string;
  name: string;
  version: number;
  /** The scenario file as posted. */
  body: unknown;
  createdAt: string;
}

export interface JobRow {
  id: string;
  kind: ResultKind;
  scenarioId: string;
  scenarioVersion: number;
  params: Record<string, unknown>;
  state: JobState;
  progress: number;
  resultId: string | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewJob {
  id: string;
  kind: ResultKind;
  scenarioId: string;
  scenarioVersion: number;
  params: Record<string, unknown>;
}

/** A raw track file as uploaded, kept on disk under the store's files folder. */
export interface TrackFile {
  id: string;
  jobId: string;
  name: string;
  /** Relative to the files folder. */
  path: string;
  size: number;
  sha256: string;
}

export interface NewResult {
  id: string;
  kind: ResultKind;
  scenarioId: string;
  scenarioVersion: number;
  /** The file exactly as the command line writes it. */
  body: string;
  summary: unknown;
  /** Sortie lines (GeoJSON geometries), kept as geometry where the store has it (PostGIS). */
  lines?: { id: string; geometry: unknown }[];
}

export interface ResultRow extends Omit<NewResult, 'lines'> {
  jobId: string | null;
  createdAt: string;
}

export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

export interface SituationItem {
  scenarioId: string;
  kind: SituationKind;
  itemId: string;
  body: unknown;
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

export interface SituationChange {
  revision: number;
  action: 'create' | 'update' | 'delete';
  /** The item after the change (null for a delete). */
  body: unknown;
  changedAt: string;
  changedBy: string;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies the numbered migrations not yet applied. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  createScenario(
    id: string,
    name: string,
    body: unknown,
    bbox: BBox | null,
  ): Promise<{ id: string; version: number }>;
  /** A new version of an existing scenario; null when there is no such scenario. */
  addScenarioVersion(
    id: string,
    name: string,
    body: unknown,
    bbox: BBox | null,
  ): Promise<{ id: string; version: number } | null>;
  listScenarios(): Promise<ScenarioRow[]>;
  getScenario(id: string, version?: number): Promise<ScenarioVersion | null>;

  /** The job and its uploaded files, in one transaction. */
  createJob(job: NewJob, files?: TrackFile[]): Promise<JobRow>;
  getJob(id: string): Promise<JobRow | null>;
  setJobProgress(id: string, state: JobState, progress: number): Promise<void>;
  /** Stores the result and marks its job done, in one transaction. */
  finishJob(jobId: string, result: NewResult): Promise<void>;
  failJob(id: string, error: string): Promise<void>;
  /** Marks every queued or running job failed (a restart interrupted them); returns how many. */
  failUnfinishedJobs(reason: string): Promise<number>;
  trackFiles(jobId: string): Promise<TrackFile[]>;
  /** Paths of every kept track file (to tell orphans from kept files at start). */
  allTrackFilePaths(): Promise<string[]>;
  getResult(kind: ResultKind, id: string): Promise<ResultRow | null>;

  createToken(id: string, name: string, role: Role, hash: string): Promise<TokenRow>;
  /** The live (not revoked) token with this hash. */
  findToken(hash: string): Promise<TokenRow | null>;
  listTokens(): Promise<TokenRow[]>;
  revokeToken(id: string): Promise<boolean>;

  listItems(scenarioId: string, kind: SituationKind): Promise<SituationItem[]>;
  getItem(scenarioId: string, kind: SituationKind, itemId: string): Promise<SituationItem | null>;
  /** Creates or replaces an item, recording the change; `created` tells which. */
  putItem(
    scenarioId: string,
    kind: SituationKind,
    itemId: string,
    body: unknown,
    actor: string,
  ): Promise<{ item: SituationItem; created: boolean }>;
  deleteItem(scenarioId: string, kind: SituationKind, itemId: string, actor: string): Promise<boolean>;
  itemHistory(scenarioId: string, kind: SituationKind, itemId: string): Promise<SituationChange[]>;
}

export type BBox = [number, number, number, number];

export const nowIso = (): string => new Date().toISOString();
