/**
 * Durability (docs/api.md): the server as a child process, killed with SIGKILL in the middle of a track
 * upload and right after 2xx answers; after a restart on the same database, every acknowledged item is there,
 * nothing half-stored is, and a job the kill interrupted is marked failed with that reason.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeSyntheticCsv } from '../src/formats/tracks/synthetic-csv.js';
import { openStore } from '../src/store/open.js';
import { inCI } from './support/external.js';
import { repoRoot } from './support/golden.js';
import { type PostgisServer, postgisAvailable, startPostgis } from './support/postgres.js';
import { tempDir } from './support/temp.js';

const CLI = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');
const scenarioText = readFileSync(join(repoRoot(), 'scenarios', 'libya-pantelleria.json'), 'utf8');

const pgAvail = postgisAvailable();
if (!pgAvail.ok && inCI()) throw new Error(`PostGIS is needed in CI: ${pgAvail.why}`);

describe('server durability under kill -9 on SQLite', { timeout: 180_000 }, () => crashSuite('sqlite'));
describe(
  'server durability under kill -9 on PostgreSQL/PostGIS',
  { timeout: 180_000, skip: pgAvail.ok ? false : pgAvail.why },
  () => crashSuite('postgres'),
);

/** The same kills on either store: what was acknowledged survives, nothing half-stored does. */
function crashSuite(storeKind: 'sqlite' | 'postgres'): void {
  const tmp = tempDir('coastwatch-crash-');
  const env = { ...process.env, XDG_DATA_HOME: join(tmp.dir, 'data') };
  let db = join(tmp.dir, 'crash.db');
  // beside a SQLite file; in the data folder for PostgreSQL (filesDirFor)
  const files = storeKind === 'sqlite' ? `${db}.files` : join(tmp.dir, 'data', 'coastwatch', 'files');
  let pgServer: PostgisServer | undefined;
  let child: ChildProcess | undefined;
  let token = '';
  before(async () => {
    if (storeKind === 'postgres') {
      pgServer = await startPostgis({ database: 'coastwatch_crash' });
      db = pgServer.url;
    }
    token = spawnSync(process.execPath, [CLI, 'token', 'create', '--role', 'planner', '--db', db], {
      env,
      encoding: 'utf8',
    }).stdout.trim();
  });
  after(async () => {
    child?.kill('SIGKILL');
    await pgServer?.stop();
    tmp.done();
  });

  const start = async (): Promise<string> => {
    const c = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', db], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = c;
    let err = '';
    return new Promise((resolve, reject) => {
      c.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /serving (http:\/\/\S+)/.exec(err);
        if (m) resolve(m[1]);
      });
      c.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
    });
  };
  const kill9 = async () => {
    const c = child!;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await gone;
    if (child === c) child = undefined;
  };

  const post = (base: string, path: string, body: string | Buffer, type: string) =>
    fetch(base + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: body as BodyInit,
    });

  it('keeps what it acknowledged and nothing half-uploaded', async () => {
    assert.match(token, /^cw_/);
    const csv = join(tmp.dir, 'big.csv');
    await writeSyntheticCsv(csv, { points: 300_000, tracks: 4 });
    const size = statSync(csv).size;
    assert.ok(size > 10 * 2 ** 20, `a large upload (${size} bytes)`);

    // 1. a scenario acknowledged, then the server killed at once
    let base = await start();
    const r = await post(base, '/api/scenarios', scenarioText, 'application/json');
    assert.equal(r.status, 201);
    const { id: scenarioId } = (await r.json()) as { id: string };
    await kill9();

    // 2. an upload killed half way
    base = await start();
    const url = new URL(`/api/scenarios/${scenarioId}/audits?name=big.csv&aircraft=MALE%20UAV`, base);
    await new Promise<void>((resolve) => {
      const req = request(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': size },
      });
      // the kill resets the connection: that error is expected
      req.on('error', () => undefined);
      const data = readFileSync(csv);
      req.write(data.subarray(0, Math.floor(size / 2)), () => {
        // let the server write some of it to disk, then kill it mid-upload
        setTimeout(() => void kill9().then(resolve), 300);
      });
    });

    // 3. after a restart: the scenario is there, no half upload, no job
    base = await start();
    const got = await fetch(`${base}/api/scenarios/${scenarioId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(got.status, 200);
    assert.deepEqual(await got.json(), JSON.parse(scenarioText));
    assert.deepEqual(readdirSync(join(files, 'tmp')), [], 'the partial upload is cleaned at start');
    assert.deepEqual(readdirSync(join(files, 'tracks')), []);

    // 4. a whole upload acknowledged (202), then killed at once: the file and its job survive, the job failed
    const up = await post(
      base,
      `/api/scenarios/${scenarioId}/audits?name=big.csv&aircraft=MALE%20UAV`,
      readFileSync(csv),
      'text/csv',
    );
    assert.equal(up.status, 202);
    const { job } = (await up.json()) as { job: string };
    await kill9();
    base = await start();
    const j = await fetch(`${base}/api/jobs/${job}`, { headers: { authorization: `Bearer ${token}` } });
    const jb = (await j.json()) as { state: string; error: string; result: unknown };
    // the audit may have finished before the kill; if not, the restart says it was interrupted
    if (jb.state !== 'done') {
      assert.equal(jb.state, 'failed');
      assert.match(jb.error, /interrupted/);
    }
    await kill9();
    const store = await openStore(db);
    try {
      const kept = await store.trackFiles(job);
      assert.equal(kept.length, 1);
      assert.equal(kept[0].size, size);
      assert.equal(statSync(join(files, kept[0].path)).size, size);
      assert.ok(existsSync(join(files, kept[0].path)));
      assert.equal((await store.listScenarios()).length, 1);
    } finally {
      await store.close();
    }
  });
}
