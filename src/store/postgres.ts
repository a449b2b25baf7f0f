/**
 * The team store: PostgreSQL 15 + PostGIS 3. Bodies are `json` (kept as posted, key order included), scenario
 * boxes and sortie lines are geometry with GiST indexes so they can be queried spatially.
 */
import pg from 'pg';
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

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

// pg parses json columns and returns timestamps as Date
const { jobOf, tokenOf, itemOf, fileOf, changeOf } = rowMappers({ json: (v) => v, time: iso });

const bboxSql = 'CASE WHEN $5::float8 IS NULL THEN NULL ELSE ST_MakeEnvelope($5, $6, $7, $8, 4326) END';

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 8 });
    // an idle client's error (the server going away) must not crash the process; the next query reports it
    this.pool.on('error', () => undefined);
  }

  private async tx<T>(f: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const r = await f(c);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  private async one(sql: string, args: unknown[] = []): Promise<Row | undefined> {
    return (await this.pool.query(sql, args)).rows[0];
  }

  async migrate(): Promise<void> {
    await this.tx(async (c) => {
      // one migrator at a time, even with several servers on one database
      await c.query('SELECT pg_advisory_xact_lock(726917)');
      await c.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)',
      );
      const done = new Set(
        (await c.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version as number),
      );
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await c.query(m.postgres);
        await c.query('INSERT INTO schema_migrations VALUES ($1, now())', [m.version]);
      }
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async insertVersion(
    c: pg.PoolClient,
    id: string,
    version: number,
    name: string,
    body: unknown,
    bbox: BBox | null,
    now: string,
  ) {
    await c.query(
      `INSERT INTO scenario_versions (scenario_id, version, name, body, bbox, created_at)
       VALUES ($1, $2, $3, $4, ${bboxSql}, $9)`,
      [
        id,
        version,
        name,
        JSON.stringify(body),
        bbox?.[0] ?? null,
        bbox?.[1] ?? null,
        bbox?.[2] ?? null,
        bbox?.[3] ?? null,
        now,
      ],
    );
  }

  async createScenario(id: string, name: string, body: unknown, bbox: BBox | null) {
    const now = nowIso();
    await this.tx(async (c) => {
      await c.query('INSERT INTO scenarios VALUES ($1, $2, 1, $3, $3)', [id, name, now]);
      await this.insertVersion(c, id, 1, name, body, bbox, now);
    });
    return { id, version: 1 };
  }

  async addScenarioVersion(id: string, name: string, body: unknown, bbox: BBox | null) {
    return this.tx(async (c) => {
      const cur = (await c.query('SELECT version FROM scenarios WHERE id = $1 FOR UPDATE', [id])).rows[0];
      if (!cur) return null;
      const version = (cur.version as number) + 1;
      const now = nowIso();
      await c.query('UPDATE scenarios SET name = $1, version = $2, updated_at = $3 WHERE id = $4', [
        name,
        version,
        now,
        id,
      ]);
      await this.insertVersion(c, id, version, name, body, bbox, now);
      return { id, version };
    });
  }

  async listScenarios(): Promise<ScenarioRow[]> {
    // named: each connection parses and plans the hot reads once, not per request
    const { rows } = await this.pool.query({
      name: 'list-scenarios',
      text: 'SELECT id, name, version, updated_at FROM scenarios ORDER BY updated_at DESC, id',
    });
    return rows.map((r) => ({ id: r.id, name: r.name, version: r.version, updatedAt: iso(r.updated_at) }));
  }

  async getScenario(id: string, version?: number): Promise<ScenarioVersion | null> {
    const r =
      version === undefined
        ? await this.one(
            'SELECT v.* FROM scenario_versions v JOIN scenarios s ON s.id = v.scenario_id AND s.version = v.version WHERE s.id = $1',
            [id],
          )
        : await this.one('SELECT * FROM scenario_versions WHERE scenario_id = $1 AND version = $2', [
            id,
            version,
          ]);
    if (!r) return null;
    return {
      id: r.scenario_id as string,
      name: r.name as string,
      version: r.version as number,
      body: r.body,
      createdAt: iso(r.created_at),
    };
  }

  async createJob(job: NewJob, files: TrackFile[] = []): Promise<JobRow> {
    const now = nowIso();
    await this.tx(async (c) => {
      await c.query("INSERT INTO jobs VALUES ($1, $2, $3, $4, $5, 'queued', 0, NULL, NULL, $6, $6)", [
        job.id,
        job.kind,
        job.scenarioId,
        job.scenarioVersion,
        JSON.stringify(job.params),
        now,
      ]);
      for (const f of files)
        await c.query('INSERT INTO track_files VALUES ($1, $2, $3, $4, $5, $6)', [
          f.id,
          job.id,
          f.name,
          f.path,
          f.size,
          f.sha256,
        ]);
    });
    return (await this.getJob(job.id))!;
  }

  async getJob(id: string): Promise<JobRow | null> {
    const r = await this.one('SELECT * FROM jobs WHERE id = $1', [id]);
    return r ? jobOf(r) : null;
  }

  async setJobProgress(id: string, state: JobState, progress: number): Promise<void> {
    await this.pool.query(
      "UPDATE jobs SET state = $1, progress = $2, updated_at = now() WHERE id = $3 AND state IN ('queued', 'running')",
      [state, progress, id],
    );
  }

  async finishJob(jobId: string, res: NewResult): Promise<void> {
    await this.tx(async (c) => {
      await c.query('INSERT INTO results VALUES ($1, $2, $3, $4, $5, $6, $7, now())', [
        res.id,
        res.kind,
        res.scenarioId,
        res.scenarioVersion,
        jobId,
        res.body,
        JSON.stringify(res.summary),
      ]);
      for (const l of res.lines ?? [])
        await c.query('INSERT INTO result_lines VALUES ($1, $2, ST_SetSRID(ST_GeomFromGeoJSON($3), 4326))', [
          res.id,
          l.id,
          JSON.stringify(l.geometry),
        ]);
      await c.query(
        "UPDATE jobs SET state = 'done', progress = 1, result_id = $1, updated_at = now() WHERE id = $2",
        [res.id, jobId],
      );
    });
  }

  async failJob(id: string, error: string): Promise<void> {
    await this.pool.query(
      "UPDATE jobs SET state = 'failed', error = $1, updated_at = now() WHERE id = $2 AND state IN ('queued', 'running')",
      [error, id],
    );
  }

  async failUnfinishedJobs(reason: string): Promise<number> {
    const r = await this.pool.query(
      "UPDATE jobs SET state = 'failed', error = $1, updated_at = now() WHERE state IN ('queued', 'running')",
      [reason],
    );
    return r.rowCount ?? 0;
  }

  async trackFiles(jobId: string): Promise<TrackFile[]> {
    const { rows } = await this.pool.query('SELECT * FROM track_files WHERE job_id = $1 ORDER BY seq', [
      jobId,
    ]);
    return rows.map(fileOf);
  }

  async allTrackFilePaths(): Promise<string[]> {
    return (await this.pool.query('SELECT path FROM track_files')).rows.map((r) => r.path as string);
  }

  async getResult(kind: ResultKind, id: string): Promise<ResultRow | null> {
    const r = (
      await this.pool.query({
        name: 'get-result',
        text: 'SELECT * FROM results WHERE id = $1 AND kind = $2',
        values: [id, kind],
      })
    ).rows[0];
    if (!r) return null;
    return {
      id: r.id as string,
      kind: r.kind as ResultKind,
      scenarioId: r.scenario_id as string,
      scenarioVersion: r.scenario_version as number,
      jobId: (r.job_id as string | null) ?? null,
      body: r.body as string,
      summary: r.summary,
      createdAt: iso(r.created_at),
    };
  }

  async createToken(id: string, name: string, role: Role, hash: string): Promise<TokenRow> {
    const r = await this.one('INSERT INTO tokens VALUES ($1, $2, $3, $4, now(), NULL) RETURNING *', [
      id,
      name,
      role,
      hash,
    ]);
    return tokenOf(r!);
  }

  async findToken(hash: string): Promise<TokenRow | null> {
    const r = (
      await this.pool.query({
        name: 'find-token',
        text: 'SELECT * FROM tokens WHERE hash = $1 AND revoked_at IS NULL',
        values: [hash],
      })
    ).rows[0];
    return r ? tokenOf(r) : null;
  }

  async listTokens(): Promise<TokenRow[]> {
    return (await this.pool.query('SELECT * FROM tokens ORDER BY created_at, id')).rows.map(tokenOf);
  }

  async revokeToken(id: string): Promise<boolean> {
    const r = await this.pool.query(
      'UPDATE tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
      [id],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async listItems(scenarioId: string, kind: SituationKind): Promise<SituationItem[]> {
    const { rows } = await this.pool.query(
      'SELECT * FROM situation_items WHERE scenario_id = $1 AND kind = $2 ORDER BY item_id',
      [scenarioId, kind],
    );
    return rows.map(itemOf);
  }

  async getItem(scenarioId: string, kind: SituationKind, itemId: string): Promise<SituationItem | null> {
    const r = await this.one(
      'SELECT * FROM situation_items WHERE scenario_id = $1 AND kind = $2 AND item_id = $3',
      [scenarioId, kind, itemId],
    );
    return r ? itemOf(r) : null;
  }

  private async nextRevision(
    c: pg.PoolClient,
    scenarioId: string,
    kind: SituationKind,
    itemId: string,
  ): Promise<number> {
    // the lock serialises concurrent writers of one item, so revisions never collide
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${scenarioId}/${kind}/${itemId}`]);
    const r = await c.query(
      'SELECT MAX(revision) AS m FROM situation_history WHERE scenario_id = $1 AND kind = $2 AND item_id = $3',
      [scenarioId, kind, itemId],
    );
    return ((r.rows[0].m as number | null) ?? 0) + 1;
  }

  async putItem(scenarioId: string, kind: SituationKind, itemId: string, body: unknown, actor: string) {
    const now = nowIso();
    const text = JSON.stringify(body);
    return this.tx(async (c) => {
      const revision = await this.nextRevision(c, scenarioId, kind, itemId);
      const created =
        (
          await c.query(
            'SELECT 1 FROM situation_items WHERE scenario_id = $1 AND kind = $2 AND item_id = $3',
            [scenarioId, kind, itemId],
          )
        ).rowCount === 0;
      await c.query(
        `INSERT INTO situation_items VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (scenario_id, kind, item_id)
         DO UPDATE SET body = excluded.body, revision = excluded.revision, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [scenarioId, kind, itemId, text, revision, now, actor],
      );
      await c.query('INSERT INTO situation_history VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        scenarioId,
        kind,
        itemId,
        revision,
        created ? 'create' : 'update',
        text,
        now,
        actor,
      ]);
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
    });
  }

  async deleteItem(scenarioId: string, kind: SituationKind, itemId: string, actor: string): Promise<boolean> {
    return this.tx(async (c) => {
      const revision = await this.nextRevision(c, scenarioId, kind, itemId);
      const r = await c.query(
        'DELETE FROM situation_items WHERE scenario_id = $1 AND kind = $2 AND item_id = $3',
        [scenarioId, kind, itemId],
      );
      if ((r.rowCount ?? 0) === 0) return false;
      await c.query("INSERT INTO situation_history VALUES ($1, $2, $3, $4, 'delete', NULL, now(), $5)", [
        scenarioId,
        kind,
        itemId,
        revision,
        actor,
      ]);
      return true;
    });
  }

  async itemHistory(scenarioId: string, kind: SituationKind, itemId: string): Promise<SituationChange[]> {
    const { rows } = await this.pool.query(
      'SELECT * FROM situation_history WHERE scenario_id = $1 AND kind = $2 AND item_id = $3 ORDER BY revision',
      [scenarioId, kind, itemId],
    );
    return rows.map(changeOf);
  }
}
