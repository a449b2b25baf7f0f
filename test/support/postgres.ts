/**
 * A throwaway PostgreSQL + PostGIS server for tests, started by the test itself from Debian's packages
 * (`postgresql`, `postgresql-15-postgis-3`; see scripts/install-system-deps.sh): no system service, no docker.
 *
 * Each call to startPostgis() runs initdb in a fresh temp dir, starts `postgres` on 127.0.0.1 at a free port
 * (its socket in the same temp dir), creates a database with the postgis extension and hands back a connected
 * client. PostgreSQL refuses to run as root, so when the tests run as root (as CI does) the server runs as the
 * `postgres` user that the Debian package creates. The server is stopped and its dir removed by stop(), at
 * process exit, on SIGINT/SIGTERM/SIGHUP, and, should the test process be killed outright, by a small watchdog.
 */
import { type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import pg from 'pg';
import { type Availability, requireOrSkip } from './external.js';

export interface PostgisServer {
  /** Connected to `database`, which has the postgis extension. The caller need not end it: stop() does. */
  client: pg.Client;
  /** postgres://postgres@127.0.0.1:PORT/DATABASE, for more clients or pools. */
  url: string;
  port: number;
  database: string;
  /** Stops the server (`pg_ctl stop -m fast`) and removes its temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Name of the database created with the postgis extension; default `coastwatch_test`. */
  database?: string;
}

interface PgInstall {
  version: string;
  bin: string;
  shareDir: string;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

const POSTGRES_ROOT = '/usr/lib/postgresql';

/** Debian's layout: /usr/lib/postgresql/<major>/bin, /usr/share/postgresql/<major>; highest major with postgis first. */
function findPgInstall(): PgInstall | undefined {
  const found: PgInstall[] = [];
  if (existsSync(POSTGRES_ROOT)) {
    for (const version of readdirSync(POSTGRES_ROOT)) {
      const bin = join(POSTGRES_ROOT, version, 'bin');
      if (['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(bin, b)))) {
        found.push({ version, bin, shareDir: `/usr/share/postgresql/${version}` });
      }
    }
  }
  found.sort((a, b) => Number(b.version) - Number(a.version));
  return found.find((i) => hasPostgis(i)) ?? found[0];
}

function hasPostgis(i: PgInstall): boolean {
  return existsSync(join(i.shareDir, 'extension', 'postgis.control'));
}

/** The unprivileged user to run the server as when we are root; undefined when we are not root. */
function serverUser(): RunAs | { error: string } {
  if (process.getuid?.() !== 0) return {};
  let passwd = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    // fall through to getent
  }
  let line = passwd.split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) {
    const r = spawnSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' });
    line = r.status === 0 ? r.stdout.trim() : undefined;
  }
  if (!line) return { error: 'running as root and there is no `postgres` user to run the server as' };
  const f = line.split(':');
  return { uid: Number(f[2]), gid: Number(f[3]) };
}

/** Whether startPostgis() can work here, and if not why. Cheap: only looks at files. */
export function postgisAvailable(): Availability {
  if (process.platform !== 'linux')
    return { ok: false, why: `the test harness supports Linux only, not ${process.platform}` };
  const inst = findPgInstall();
  if (!inst) return { ok: false, why: `no PostgreSQL server binaries under ${POSTGRES_ROOT}/*/bin` };
  if (!hasPostgis(inst))
    return {
      ok: false,
      why: `PostgreSQL ${inst.version} has no PostGIS (${inst.shareDir}/extension/postgis.control missing)`,
    };
  const user = serverUser();
  if ('error' in user) return { ok: false, why: user.error };
  return { ok: true };
}

/** In a test: returns true when PostGIS can be started; else skips the test (returns false) or, under CI, fails it. */
export function requirePostgis(t: TestContext): boolean {
  return requireOrSkip(t, 'PostgreSQL with PostGIS', postgisAvailable());
}

// ---- process-wide cleanup -------------------------------------------------------------------------------------

interface Running {
  dir: string;
  dataDir: string;
  pgCtl: string;
  as: RunAs;
  watchdog?: number;
}

const running = new Set<Running>();
let hooksInstalled = false;

function childEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v;
  env.HOME = dir;
  env.LC_ALL = 'C';
  return env;
}

function killWatchdog(r: Running): void {
  if (r.watchdog === undefined) return;
  try {
    process.kill(-r.watchdog, 'SIGKILL');
  } catch {
    // already gone
  }
  r.watchdog = undefined;
}

function stopNow(r: Running): void {
  if (!running.delete(r)) return;
  killWatchdog(r);
  spawnSync(r.pgCtl, ['-D', r.dataDir, '-m', 'immediate', '-w', '-t', '10', 'stop'], {
    ...r.as,
    cwd: r.dir,
    env: childEnv(r.dir),
    stdio: 'ignore',
  });
  rmSync(r.dir, { recursive: true, force: true });
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const r of [...running]) stopNow(r);
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const r of [...running]) stopNow(r);
      // re-raise: with our listener gone, the default action (exit by the signal) applies
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  }
}

/**
 * If this process dies without running its exit hooks (SIGKILL, a crash of node itself), stop the server and
 * remove its dir within about a second. Runs as the server's user, detached, and is killed by a normal stop.
 */
function startWatchdog(r: Running): void {
  if (!existsSync(`/proc/${process.pid}`)) return;
  const script =
    'while [ -d "/proc/$1" ]; do sleep 1; done; "$2" -D "$3" -m immediate -w -t 10 stop >/dev/null 2>&1; rm -rf "$4"';
  const child = spawn(
    '/bin/sh',
    ['-c', script, 'pg-watchdog', String(process.pid), r.pgCtl, r.dataDir, r.dir],
    {
      ...r.as,
      cwd: r.dir,
      env: childEnv(r.dir),
      detached: true,
      stdio: 'ignore',
    },
  );
  child.unref();
  r.watchdog = child.pid;
}

// ---- starting ---------------------------------------------------------------------------------------------------

function run(cmd: string, args: string[], opts: SpawnOptions): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function tail(path: string, lines = 30): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts a fresh PostgreSQL server with PostGIS on 127.0.0.1; see the file comment. Typically 2-4 s. */
export async function startPostgis(opts: StartOptions = {}): Promise<PostgisServer> {
  const avail = postgisAvailable();
  if (!avail.ok)
    throw new Error(`cannot start PostGIS: ${avail.why}; run \`sudo bash scripts/install-system-deps.sh\``);
  const inst = findPgInstall() as PgInstall;
  const as = serverUser() as RunAs;
  const database = opts.database ?? 'coastwatch_test';
  if (!/^[a-z_][a-z0-9_]*$/.test(database))
    throw new Error(`database name must be a plain identifier: ${database}`);

  // When root, the server's user must reach the dir: use /tmp (world-traversable) rather than a possibly private TMPDIR.
  const base = as.uid !== undefined ? '/tmp' : tmpdir();
  const dir = mkdtempSync(join(base, 'coastwatch-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  mkdirSync(dataDir);
  chmodSync(dir, 0o700);
  chmodSync(dataDir, 0o700);
  if (as.uid !== undefined && as.gid !== undefined) {
    chownSync(dir, as.uid, as.gid);
    chownSync(dataDir, as.uid, as.gid);
  }
  const pgCtl = join(inst.bin, 'pg_ctl');
  const r: Running = { dir, dataDir, pgCtl, as };
  installHooks();
  running.add(r);
  const spawnOpts: SpawnOptions = { ...as, cwd: dir, env: childEnv(dir) };

  try {
    const init = await run(
      join(inst.bin, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
        '--no-instructions',
      ],
      spawnOpts,
    );
    if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}):\n${init.out}`);
    startWatchdog(r);

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const serverOpts = [
        '-c listen_addresses=127.0.0.1',
        `-p ${port}`,
        `-k '${dir}'`,
        // a throwaway cluster: durability off for speed
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=30',
      ].join(' ');
      const start = await run(
        pgCtl,
        ['-D', dataDir, '-l', logFile, '-o', serverOpts, '-w', '-t', '30', 'start'],
        spawnOpts,
      );
      if (start.code === 0) break;
      const log = tail(logFile);
      // another process took the port between freePort() and the bind: try another
      if (attempt < 3 && /could not bind|Address already in use/i.test(log)) continue;
      throw new Error(`pg_ctl start failed (exit ${start.code}):\n${start.out}\n--- server log ---\n${log}`);
    }

    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${database}`);
    } finally {
      await admin.end();
    }
    const url = `postgres://postgres@127.0.0.1:${port}/${database}`;
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION postgis');
    } catch (e) {
      await client.end().catch(() => {});
      throw e;
    }

    let stopped = false;
    const stop = async (): Promise<void> => {
      if (stopped) return;
      stopped = true;
      await client.end().catch(() => {});
      if (!running.has(r)) return;
      running.delete(r);
      killWatchdog(r);
      const res = await run(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop'], spawnOpts);
      rmSync(dir, { recursive: true, force: true });
      if (res.code !== 0) throw new Error(`pg_ctl stop failed (exit ${res.code}):\n${res.out}`);
    };
    return { client, url, port, database, stop };
  } catch (e) {
    const log = tail(logFile);
    stopNow(r);
    if (e instanceof Error && !e.message.includes('server log')) e.message += `\n--- server log ---\n${log}`;
    throw e;
  }
}

/** Coast samples as table `samples (id, g geography point)` with a GiST index, for ST_DWithin against ours. */
export async function loadSamples(
  client: pg.Client,
  samples: { count: number; lon: Float64Array; lat: Float64Array },
): Promise<void> {
  await client.query('CREATE TABLE samples (id int PRIMARY KEY, g geography(Point, 4326) NOT NULL)');
  await client.query(
    `INSERT INTO samples SELECT i, ST_SetSRID(ST_MakePoint(x, y), 4326)::geography
       FROM unnest($1::int[], $2::float8[], $3::float8[]) AS u(i, x, y)`,
    [Array.from({ length: samples.count }, (_, i) => i), Array.from(samples.lon), Array.from(samples.lat)],
  );
  await client.query('CREATE INDEX ON samples USING gist (g)');
}
