/** The embedded store: one SQLite file in WAL mode, synchronous=FULL so a commit survives a crash or power cut. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
import { type Row, rowMappers } from './rows.js';
import {
  type BBox,
  type JobRow,
  type JobState,
  type NewJob,
  type NewResult,
  nowIso,
  type ResultKind,
  type ResultRow,
  type Role,
  type ScenarioRow,
  type ScenarioVersion,
  type SituationChange,
  type SituationItem,
  type SituationKind,
  type Store,
  type TokenRow,
  type TrackFile,
} from './store.js';

// SQLite hands back json columns and times as the text stored
const { jobOf, tokenOf, itemOf, fileOf, changeOf } = rowMappers({
  json: (v) => JSON.parse(v as string),
  time: (v) => v as string,
});

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  async migrate(): Promise<void> {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const done = new Set(
      (this.db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map(
        (r) => r.version as number,
      ),
    );
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sqlite);
        this.db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.version, nowIso());
      })();
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async createScenario(id: string, name: string, body: unknown, bbox: BBox | null) {
    const now = nowIso();
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO scenarios VALUES (?, ?, 1, ?, ?)').run(id, name, now, now);
      this.insertVersion(id, 1, name, body, bbox, now);
    })();
    return { id, version: 1 };
  }

  private insertVersion(
    id: string,
    version: number,
    name: string,
    body: unknown,
    bbox: BBox | null,
    now: string,
  ) {
    this.db
      .prepare('INSERT INTO scenario_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(
        id,
        version,
        name,
        JSON.stringify(body),
        bbox?.[0] ?? null,
        bbox?.[1] ?? null,
        bbox?.[2] ?? null,
        bbox?.[3] ?? null,
        now,
      );
  }

  async addScenarioVersion(id: string, name: string, body: unknown, bbox: BBox | null) {
    return this.db
      .transaction(() => {
        const cur = this.db.prepare('SELECT version FROM scenarios WHERE id = ?').get(id) as Row | undefined;
        if (!cur) return null;
        const version = (cur.version as number) + 1;
        const now = nowIso();
        this.db
          .prepare('UPDATE scenarios SET name = ?, version = ?, updated_at = ? WHERE id = ?')
          .run(name, version, now, id);
        this.insertVersion(id, version, name, body, bbox, now);
        return { id, version };
      })
      .immediate();
  }

  async listScenarios(): Promise<ScenarioRow[]> {
    return (
      this.db
        .prepare('SELECT id, name, version, updated_at FROM scenarios ORDER BY updated_at DESC, id')
        .all() as Row[]
    ).map((r) => ({
      id: r.id as string,
      name: r.name as string,
      version: r.version as number,
      updatedAt: r.updated_at as string,
    }));
  }

  async getScenario(id: string, version?: number): Promise<ScenarioVersion | null> {
    const r = (
      version === undefined
        ? this.db
            .prepare(
              'SELECT v.* FROM scenario_versions v JOIN scenarios s ON s.id = v.scenario_id AND s.version = v.version WHERE s.id = ?',
            )
            .get(id)
        : this.db
            .prepare('SELECT * FROM scenario_versions WHERE scenario_id = ? AND version = ?')
            .get(id, version)
    ) as Row | undefined;
    if (!r) return null;
    return {
      id: r.scenario_id as string,
      name: r.name as string,
      version: r.version as number,
      body: JSON.parse(r.body as string),
      createdAt: r.created_at as string,
    };
  }

  async createJob(job: NewJob, files: TrackFile[] = []): Promise<JobRow> {
    const now = nowIso();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?, 0, NULL, NULL, ?, ?)')
        .run(
          job.id,
          job.kind,
          job.scenarioId,
          job.scenarioVersion,
          JSON.stringify(job.params),
          'queued',
          now,
          now,
        );
      const ins = this.db.prepare('INSERT INTO track_files VALUES (?, ?, ?, ?, ?, ?)');
      for (const f of files) ins.run(f.id, job.id, f.name, f.path, f.size, f.sha256);
    })();
    return (await this.getJob(job.id))!;
  }

  async getJob(id: string): Promise<JobRow | null> {
    const r = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
    return r ? jobOf(r) : null;
  }

  async setJobProgress(id: string, state: JobState, progress: number): Promise<void> {
    this.db
      .prepare(
        "UPDATE jobs SET state = ?, progress = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'running')",
      )
      .run(state, progress, nowIso(), id);
  }

  async finishJob(jobId: string, res: NewResult): Promise<void> {
    const now = nowIso();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(
          res.id,
          res.kind,
          res.scenarioId,
          res.scenarioVersion,
          jobId,
          res.body,
          JSON.stringify(res.summary),
          now,
        );
      this.db
        .prepare("UPDATE jobs SET state = 'done', progress = 1, result_id = ?, updated_at = ? WHERE id = ?")
        .run(res.id, now, jobId);
    })();
  }

  async failJob(id: string, error: string): Promise<void> {
    this.db
      .prepare(
        "UPDATE jobs SET state = 'failed', error = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'running')",
      )
      .run(error, nowIso(), id);
  }

  async failUnfinishedJobs(reason: string): Promise<number> {
    return this.db
      .prepare(
        "UPDATE jobs SET state = 'failed', error = ?, updated_at = ? WHERE state IN ('queued', 'running')",
      )
      .run(reason, nowIso()).changes;
  }

  async trackFiles(jobId: string): Promise<TrackFile[]> {
    return (
      this.db.prepare('SELECT * FROM track_files WHERE job_id = ? ORDER BY rowid').all(jobId) as Row[]
    ).map(fileOf);
  }

  async allTrackFilePaths(): Promise<string[]> {
    return (this.db.prepare('SELECT path FROM track_files').all() as Row[]).map((r) => r.path as string);
  }

  async getResult(kind: ResultKind, id: string): Promise<ResultRow | null> {
    const r = this.db.prepare('SELECT * FROM results WHERE id = ? AND kind = ?').get(id, kind) as
      | Row
      | undefined;
    if (!r) return null;
    return {
      id: r.id as string,
      kind: r.kind as ResultKind,
      scenarioId: r.scenario_id as string,
      scenarioVersion: r.scenario_version as number,
      jobId: (r.job_id as string | null) ?? null,
      body: r.body as string,
      summary: JSON.parse(r.summary as string),
      createdAt: r.created_at as string,
    };
  }

  async createToken(id: string, name: string, role: Role, hash: string): Promise<TokenRow> {
    this.db.prepare('INSERT INTO tokens VALUES (?, ?, ?, ?, ?, NULL)').run(id, name, role, hash, nowIso());
    return tokenOf(this.db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as Row);
  }

  async findToken(hash: string): Promise<TokenRow | null> {
    const r = this.db.prepare('SELECT * FROM tokens WHERE hash = ? AND revoked_at IS NULL').get(hash) as
      | Row
      | undefined;
    return r ? tokenOf(r) : null;
  }

  async listTokens(): Promise<TokenRow[]> {
    return (this.db.prepare('SELECT * FROM tokens ORDER BY created_at, id').all() as Row[]).map(tokenOf);
  }

  async revokeToken(id: string): Promise<boolean> {
    return (
      this.db
        .prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
        .run(nowIso(), id).changes > 0
    );
  }

  async listItems(scenarioId: string, kind: SituationKind): Promise<SituationItem[]> {
    return (
      this.db
        .prepare('SELECT * FROM situation_items WHERE scenario_id = ? AND kind = ? ORDER BY item_id')
        .all(scenarioId, kind) as Row[]
    ).map(itemOf);
  }

  async getItem(scenarioId: string, kind: SituationKind, itemId: string): Promise<SituationItem | null> {
    const r = this.db
      .prepare('SELECT * FROM situation_items WHERE scenario_id = ? AND kind = ? AND item_id = ?')
      .get(scenarioId, kind, itemId) as Row | undefined;
    return r ? itemOf(r) : null;
  }

  private nextRevision(scenarioId: string, kind: SituationKind, itemId: string): number {
    const r = this.db
      .prepare(
        'SELECT MAX(revision) AS m FROM situation_history WHERE scenario_id = ? AND kind = ? AND item_id = ?',
      )
      .get(scenarioId, kind, itemId) as Row;
    return ((r.m as number | null) ?? 0) + 1;
  }

  async putItem(scenarioId: string, kind: SituationKind, itemId: string, body: unknown, actor: string) {
    const now = nowIso();
    const text = JSON.stringify(body);
    return this.db
      .transaction(() => {
        const created = !this.db
          .prepare('SELECT 1 FROM situation_items WHERE scenario_id = ? AND kind = ? AND item_id = ?')
          .get(scenarioId, kind, itemId);
        const revision = this.nextRevision(scenarioId, kind, itemId);
        this.db
          .prepare(
            `INSERT INTO situation_items VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scenario_id, kind, item_id)
           DO UPDATE SET body = excluded.body, revision = excluded.revision, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          )
          .run(scenarioId, kind, itemId, text, revision, now, actor);
        this.db
          .prepare('INSERT INTO situation_history VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(scenarioId, kind, itemId, revision, created ? 'create' : 'update', text, now, actor);
        const item: SituationItem = {
          scenarioId,
          kind,
          itemId,
          body,
          revision,
          updatedAt: now,
          updatedBy: actor,
        };
        return { item, created };
      })
      .immediate();
  }

  async deleteItem(scenarioId: string, kind: SituationKind, itemId: string, actor: string): Promise<boolean> {
    return this.db
      .transaction(() => {
        const gone =
          this.db
            .prepare('DELETE FROM situation_items WHERE scenario_id = ? AND kind = ? AND item_id = ?')
            .run(scenarioId, kind, itemId).changes > 0;
        if (gone)
          this.db
            .prepare('INSERT INTO situation_history VALUES (?, ?, ?, ?, ?, NULL, ?, ?)')
            .run(
              scenarioId,
              kind,
              itemId,
              this.nextRevision(scenarioId, kind, itemId),
              'delete',
              nowIso(),
              actor,
            );
        return gone;
      })
      .immediate();
  }

  async itemHistory(scenarioId: string, kind: SituationKind, itemId: string): Promise<SituationChange[]> {
    return (
      this.db
        .prepare(
          'SELECT * FROM situation_history WHERE scenario_id = ? AND kind = ? AND item_id = ? ORDER BY revision',
        )
        .all(scenarioId, kind, itemId) as Row[]
    ).map(changeOf);
  }
}
