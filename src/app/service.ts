/**
 * The server's use cases over a store: scenarios with versions, jobs run on worker threads, results, uploaded
 * track files, tokens and the situation items. The HTTP layer (src/server) only maps requests to these.
 */
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CoastwatchError, inputError } from '../domain/errors.js';
import type { Scenario } from '../domain/scenario.js';
import { parseSituationItem } from '../domain/situation.js';
import { dataDir, isPostgresUrl, openStore } from '../store/open.js';
import {
  type BBox,
  type JobRow,
  type ResultKind,
  ROLES,
  type Role,
  type SituationKind,
  type Store,
  type TokenRow,
  type TrackFile,
} from '../store/store.js';
import type { ExportedFile } from './export.js';
import { exportInWorker } from './export-in-worker.js';
import { JobFailed, JobPool } from './job-pool.js';
import type { JobInput } from './job-worker.js';
import { scenarioFromJson } from './load-scenario.js';
import {
  parseAt,
  type SituationFeatureCollection,
  situationFromItems,
  situationToGeoJSON,
} from './situation.js';
import { hashToken, newToken, newTokenId } from './tokens.js';

export { hashToken };

/** An error with the HTTP status it maps to (404, 409, 413): the server's own, beside the typed input set. */
export class StatusError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string): StatusError => new StatusError(404, `${what} not found`);

export const INTERRUPTED =
  'interrupted: the server stopped (or was killed) while the job ran; start it again';

/** How long a verified token is trusted without asking the store again. */
export const TOKEN_TTL_MS = 5000;
/** Bytes of result files kept in memory for GETs. */
const RESULT_CACHE_BYTES = 32 * 2 ** 20;

const newId = (prefix: string) => `${prefix}_${randomBytes(9).toString('base64url')}`;

export interface JobEvent {
  state: JobRow['state'];
  progress: number;
  result: { kind: ResultKind; id: string } | null;
  error: string | null;
}

export const jobView = (j: JobRow): JobEvent & { id: string; kind: ResultKind } => ({
  id: j.id,
  kind: j.kind,
  state: j.state,
  progress: j.progress,
  result: j.resultId ? { kind: j.kind, id: j.resultId } : null,
  error: j.error,
});

export interface ServiceOptions {
  /** Where uploaded track files are kept (and their partial uploads, cleaned at start). */
  filesDir: string;
  /** Worker threads for jobs (default one per core). */
  workers?: number;
}

function bboxOf(
  lines: { coords: [number, number][] | readonly (readonly [number, number])[] }[],
): BBox | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const l of lines)
    for (const [x, y] of l.coords) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/** Where uploaded track files are kept: beside a SQLite file, else in the user's data folder. */
export function filesDirFor(db: string): string {
  return isPostgresUrl(db) ? join(dataDir(), 'files') : join(dirname(db), `${basename(db)}.files`);
}

export class Coastwatch {
  readonly events = new EventEmitter();
  private readonly pool: JobPool;
  private readonly lastSaved = new Map<string, number>();
  /** Verified tokens by hash, each trusted for TOKEN_TTL_MS: spares the store a query on every request. */
  private readonly tokenCache = new Map<string, { row: TokenRow; until: number }>();
  private readonly tokenLookups = new Map<string, Promise<TokenRow | null>>();
  private tokenEpoch = 0;
  /** Result files as served (they never change once stored), least recently used dropped past RESULT_CACHE_BYTES. */
  private readonly resultCache = new Map<string, Buffer>();
  private resultCacheBytes = 0;

  private constructor(
    readonly store: Store,
    readonly filesDir: string,
    workers: number | undefined,
  ) {
    this.pool = new JobPool(workers);
    this.events.setMaxListeners(0);
  }

  /** Opens the store, fails the jobs a previous run left unfinished, removes half-uploaded files. */
  static async open(db: string, opts: ServiceOptions): Promise<Coastwatch> {
    const store = await openStore(db);
    const cw = new Coastwatch(store, opts.filesDir, opts.workers);
    await cw.recover();
    return cw;
  }

  private async recover(): Promise<void> {
    await this.store.failUnfinishedJobs(INTERRUPTED);
    await rm(join(this.filesDir, 'tmp'), { recursive: true, force: true });
    await mkdir(join(this.filesDir, 'tmp'), { recursive: true });
    await mkdir(join(this.filesDir, 'tracks'), { recursive: true });
    // a file renamed into place whose job row was never committed belongs to nothing: remove it
    const kept = new Set((await this.store.allTrackFilePaths()).map((p) => p.split('/')[1]));
    for (const f of await readdir(join(this.filesDir, 'tracks')))
      if (!kept.has(f)) await rm(join(this.filesDir, 'tracks', f), { recursive: true, force: true });
  }

  async close(): Promise<void> {
    await this.pool.close();
    await this.store.close();
  }

  // scenarios

  private checkScenario(body: unknown): { name: string; bbox: BBox | null } {
    const scenario = scenarioFromJson(body, 'scenario');
    return { name: scenario.name, bbox: bboxOf(scenario.coast.lines) };
  }

  async createScenario(body: unknown): Promise<{ id: string; version: number }> {
    const { name, bbox } = this.checkScenario(body);
    return this.store.createScenario(newId('sc'), name, body, bbox);
  }

  async updateScenario(id: string, body: unknown): Promise<{ id: string; version: number }> {
    if (!(await this.store.getScenario(id))) throw notFound(`scenario ${id}`);
    const { name, bbox } = this.checkScenario(body);
    const r = await this.store.addScenarioVersion(id, name, body, bbox);
    if (!r) throw notFound(`scenario ${id}`);
    return r;
  }

  /**
   * Keeps a result made outside the server (`coastwatch plan --save`): the scenario as the latest version of the
   * stored scenario of that name (a new version only when it changed, a new scenario when there is none), and
   * the file as a finished job's result, so the web map and the API show it.
   */
  async recordResult(
    kind: ResultKind,
    scenarioBody: unknown,
    file: { body: string; summary: unknown; lines?: { id: string; geometry: unknown }[] },
    resolved?: Scenario,
  ): Promise<{ scenarioId: string; scenarioVersion: number; resultId: string }> {
    // the caller planned it already: its resolved scenario spares loading the coast a second time
    const { name, bbox } = resolved
      ? { name: resolved.name, bbox: bboxOf(resolved.coast.lines) }
      : this.checkScenario(scenarioBody);
    const same = (await this.store.listScenarios()).find((x) => x.name === name);
    let sc: { id: string; version: number };
    if (!same) sc = await this.store.createScenario(newId('sc'), name, scenarioBody, bbox);
    else {
      const latest = await this.store.getScenario(same.id);
      sc =
        latest && JSON.stringify(latest.body) === JSON.stringify(scenarioBody)
          ? { id: same.id, version: latest.version }
          : ((await this.store.addScenarioVersion(same.id, name, scenarioBody, bbox)) ?? {
              id: same.id,
              version: same.version,
            });
    }
    const job = await this.store.createJob({
      id: newId('job'),
      kind,
      scenarioId: sc.id,
      scenarioVersion: sc.version,
      params: { source: 'command line' },
    });
    const resultId = newId(kind);
    await this.store.finishJob(job.id, {
      id: resultId,
      kind,
      scenarioId: sc.id,
      scenarioVersion: sc.version,
      ...file,
    });
    return { scenarioId: sc.id, scenarioVersion: sc.version, resultId };
  }

  listScenarios() {
    return this.store.listScenarios();
  }

  async getScenario(id: string, version?: number) {
    const s = await this.store.getScenario(id, version);
    if (!s) throw notFound(version === undefined ? `scenario ${id}` : `version ${version} of scenario ${id}`);
    return s;
  }

  // jobs

  /** Starts a plan, schedule or audit job on the scenario's latest version. */
  async startJob(
    kind: ResultKind,
    scenarioId: string,
    params: Record<string, unknown>,
    files: TrackFile[] = [],
  ): Promise<JobRow> {
    const sc = await this.getScenario(scenarioId);
    let plan: JobInput['plan'];
    if (kind === 'audit' && typeof params.plan === 'string') {
      const p = await this.store.getResult('plan', params.plan);
      if (!p)
        throw inputError(
          'audit.unknown-plan',
          `no plan with id "${params.plan}": give a plan id from POST .../plans`,
          'plan',
        );
      plan = { json: JSON.parse(p.body), name: `plan ${p.id}` };
    }
    const job = await this.store.createJob(
      { id: newId('job'), kind, scenarioId, scenarioVersion: sc.version, params },
      files,
    );
    const input: JobInput = {
      kind,
      scenario: sc.body,
      source: `scenario ${scenarioId} version ${sc.version}`,
      params,
      files: files.map((f) => ({ path: join(this.filesDir, f.path), name: f.name })),
      plan,
    };
    void this.runJob(job, input);
    return job;
  }

  private emit(job: JobRow): void {
    this.events.emit(job.id, jobView(job));
  }

  private async runJob(job: JobRow, input: JobInput): Promise<void> {
    const id = job.id;
    let progress = 0;
    try {
      const out = await this.pool.run(id, input, {
        onStart: () => {
          void this.store.setJobProgress(id, 'running', 0).catch(() => undefined);
          this.emit({ ...job, state: 'running' });
        },
        onProgress: (f) => {
          progress = f;
          this.emit({ ...job, state: 'running', progress: f });
          // the store hears of progress at most once a second; watchers hear every step
          const now = Date.now();
          if (now - (this.lastSaved.get(id) ?? 0) >= 1000) {
            this.lastSaved.set(id, now);
            void this.store.setJobProgress(id, 'running', f).catch(() => undefined);
          }
        },
      });
      const resultId = newId(job.kind);
      await this.store.finishJob(id, {
        id: resultId,
        kind: job.kind,
        scenarioId: job.scenarioId,
        scenarioVersion: job.scenarioVersion,
        body: out.body,
        summary: out.summary,
        lines: out.lines,
      });
      this.emit({ ...job, state: 'done', progress: 1, resultId });
    } catch (e) {
      const msg =
        e instanceof JobFailed || e instanceof CoastwatchError
          ? e.message
          : `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
      await this.store.failJob(id, msg).catch(() => undefined);
      this.emit({ ...job, state: 'failed', progress, error: msg });
    } finally {
      this.lastSaved.delete(id);
    }
  }

  async getJob(id: string): Promise<JobRow> {
    const j = await this.store.getJob(id);
    if (!j) throw notFound(`job ${id}`);
    return j;
  }

  async cancelJob(id: string): Promise<JobRow> {
    const j = await this.getJob(id);
    if (j.state === 'done' || j.state === 'failed')
      throw new StatusError(409, `job ${id} is already ${j.state}`);
    if (!this.pool.cancel(id, 'cancelled')) await this.store.failJob(id, 'cancelled');
    // the pool's rejection writes the failure; wait for it so the answer shows the final state
    for (let i = 0; i < 50; i++) {
      const now = await this.getJob(id);
      if (now.state === 'failed' || now.state === 'done') return now;
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.getJob(id);
  }

  /** The file as the command line writes it, with `scenarioId` and `scenarioVersion` added at the top. */
  async resultText(kind: ResultKind, id: string): Promise<string> {
    return (await this.resultBytes(kind, id)).toString('utf8');
  }

  /**
   * resultText as UTF-8 bytes, kept in memory once read (a stored result never changes): every GET of it sends
   * the same buffer, neither asking the store again nor encoding a text of megabytes per request.
   */
  async resultBytes(kind: ResultKind, id: string): Promise<Buffer> {
    const key = `${kind}/${id}`;
    const hit = this.resultCache.get(key);
    if (hit !== undefined) {
      // most recently used last
      this.resultCache.delete(key);
      this.resultCache.set(key, hit);
      return hit;
    }
    const r = await this.store.getResult(kind, id);
    if (!r) throw notFound(`${kind} ${id}`);
    const head = `{"scenarioId":${JSON.stringify(r.scenarioId)},"scenarioVersion":${r.scenarioVersion},`;
    const bytes = Buffer.from(head + r.body.slice(1), 'utf8');
    if (bytes.length <= RESULT_CACHE_BYTES / 4) {
      this.resultCache.set(key, bytes);
      this.resultCacheBytes += bytes.length;
      for (const [k, v] of this.resultCache) {
        if (this.resultCacheBytes <= RESULT_CACHE_BYTES) break;
        this.resultCache.delete(k);
        this.resultCacheBytes -= v.length;
      }
    }
    return bytes;
  }

  /**
   * A stored result exported (docs/exports.md) with the scenario version it was made from (no-fly areas, the
   * band, rule-keeping waypoints), on a worker thread: this thread keeps answering requests meanwhile.
   */
  async exportResult(kind: ResultKind, id: string, to: string): Promise<ExportedFile> {
    const r = await this.store.getResult(kind, id);
    if (!r) throw notFound(`${kind} ${id}`);
    const sc = await this.store.getScenario(r.scenarioId, r.scenarioVersion);
    return exportInWorker({ kind, body: r.body, to, ...(sc ? { scenario: sc.body } : {}) });
  }

  // uploads

  /**
   * Streams one upload to disk (never whole in memory), fsyncs it and moves it among the kept files; the caller
   * commits its row with the job. Over `limit` bytes: 413, and nothing is kept.
   */
  async receiveUpload(stream: Readable, name: string, limit: number): Promise<TrackFile> {
    const id = newId('file');
    const tmp = join(this.filesDir, 'tmp', id);
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        stream,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > limit)
              throw new StatusError(413, `the upload is over the limit of ${limit / 2 ** 20} MiB`);
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(tmp),
      );
      const fh = await open(tmp, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      // kept under its own folder with the name it was uploaded as: readers name tracks after the file and
      // take its extension as a hint, as they do for the command line
      const safe = safeName(name);
      await mkdir(join(this.filesDir, 'tracks', id));
      const rel = `tracks/${id}/${safe}`;
      await rename(tmp, join(this.filesDir, rel));
      await syncDir(join(this.filesDir, 'tracks', id));
      await syncDir(join(this.filesDir, 'tracks'));
      return { id, jobId: '', name: safe, path: rel, size, sha256: hash.digest('hex') };
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async discardUploads(files: TrackFile[]): Promise<void> {
    for (const f of files) await rm(join(this.filesDir, 'tracks', f.id), { recursive: true, force: true });
  }

  // tokens

  async createToken(role: Role, name?: string): Promise<{ token: string; row: TokenRow }> {
    if (!ROLES.includes(role))
      throw inputError('token.bad-role', `"${role}" is not a role: use viewer, planner or admin`, '--role');
    const token = newToken();
    const id = newTokenId();
    const row = await this.store.createToken(id, name ?? `${role} token`, role, hashToken(token));
    return { token, row };
  }

  /**
   * The live token's row, or null. A verified token is trusted for TOKEN_TTL_MS without asking the store again;
   * a revocation through this server takes effect at once, one by `coastwatch token revoke` within that time.
   */
  async authenticate(token: string): Promise<TokenRow | null> {
    const hash = hashToken(token);
    const now = Date.now();
    const hit = this.tokenCache.get(hash);
    if (hit && hit.until > now) return hit.row;
    // the requests that find it expired at once share one look-up, not one query each
    const asked = this.tokenLookups.get(hash);
    if (asked) return asked;
    const epoch = this.tokenEpoch;
    const lookup = this.store
      .findToken(hash)
      .then((row) => {
        // a revocation while it was asked: not cached, the next request asks again
        if (!row || epoch !== this.tokenEpoch) this.tokenCache.delete(hash);
        else {
          // bounded: a burst of distinct tokens empties the cache rather than growing it
          if (this.tokenCache.size >= 1000) this.tokenCache.clear();
          this.tokenCache.set(hash, { row, until: Date.now() + TOKEN_TTL_MS });
        }
        return row;
      })
      .finally(() => this.tokenLookups.delete(hash));
    this.tokenLookups.set(hash, lookup);
    return lookup;
  }

  async revokeToken(id: string): Promise<boolean> {
    const done = await this.store.revokeToken(id);
    this.tokenEpoch++;
    for (const [h, c] of this.tokenCache) if (c.row.id === id) this.tokenCache.delete(h);
    return done;
  }

  // situation

  async listItems(scenarioId: string, kind: SituationKind) {
    await this.getScenario(scenarioId);
    return (await this.store.listItems(scenarioId, kind)).map((i) => i.body);
  }

  async getItem(scenarioId: string, kind: SituationKind, itemId: string) {
    const i = await this.store.getItem(scenarioId, kind, itemId);
    if (!i) throw notFound(`${kind.replace(/s$/, '')} ${itemId} of scenario ${scenarioId}`);
    return i;
  }

  /** Creates (POST, id from the body or made) or replaces (PUT) an item, validated as docs/situation.md. */
  async putItem(scenarioId: string, kind: SituationKind, body: unknown, actor: string, itemId?: string) {
    await this.getScenario(scenarioId);
    const withId =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? {
            ...(body as Record<string, unknown>),
            id: itemId ?? (body as { id?: unknown }).id ?? newId(kind[0]),
          }
        : body;
    const item = parseSituationItem(kind, withId) as { id: string };
    if (itemId !== undefined && item.id !== itemId)
      throw inputError('situation.id-mismatch', `must be "${itemId}", the id in the path`, 'id');
    return this.store.putItem(scenarioId, kind, item.id, withId, actor);
  }

  /** The picture of the scenario's stored situation (its latest version's coast) at `at`, as GeoJSON. */
  async situationGeoJSON(scenarioId: string, at: string | undefined): Promise<SituationFeatureCollection> {
    const sc = await this.getScenario(scenarioId);
    const when = parseAt(at);
    const items = {
      reports: (await this.store.listItems(scenarioId, 'reports')).map((i) => i.body),
      zones: (await this.store.listItems(scenarioId, 'zones')).map((i) => i.body),
      teams: (await this.store.listItems(scenarioId, 'teams')).map((i) => i.body),
      priorities: (await this.store.listItems(scenarioId, 'priorities')).map((i) => i.body),
    };
    return situationToGeoJSON(situationFromItems(items), scenarioFromJson(sc.body, 'scenario'), when);
  }

  async deleteItem(scenarioId: string, kind: SituationKind, itemId: string, actor: string): Promise<void> {
    if (!(await this.store.deleteItem(scenarioId, kind, itemId, actor)))
      throw notFound(`${kind.replace(/s$/, '')} ${itemId} of scenario ${scenarioId}`);
  }
}

/** The last part of an uploaded file's name, without characters a file system or a shell would trip on. */
function safeName(name: string): string {
  const b = basename(name.replace(/\\/g, '/'))
    .replace(/[^\w.@+-]+/g, '_')
    .replace(/^\.+/, '');
  return b.slice(-200) || 'track';
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export { dataDir, isPostgresUrl, resolveDb } from '../store/open.js';
export type { JobRow, ResultKind, Role, SituationKind, TokenRow, TrackFile } from '../store/store.js';
export { ROLES, SITUATION_KINDS } from '../store/store.js';
