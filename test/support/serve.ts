/**
 * A real `coastwatch serve` for browser tests and the web benchmark: a child process on a free loopback port with
 * a fresh SQLite store in a temp folder, and a planner token made with the command line.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from './golden.js';
import { tempDir } from './temp.js';

export interface Served {
  base: string;
  token: string;
  dir: string;
  stop(): Promise<void>;
  /** What the server printed, for failure messages. */
  log(): string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const cli = () => join(repoRoot(), 'dist', 'src', 'cli', 'main.js');

/** Starts the server and waits until GET /api/health answers. */
export async function startServe(): Promise<Served> {
  const { dir, done } = tempDir('coastwatch-web-');
  const db = join(dir, 'coastwatch.db');
  const out = execFileSync(
    process.execPath,
    [cli(), 'token', 'create', '--role', 'planner', '--name', 'web test', '--db', db, '--json'],
    { encoding: 'utf8' },
  );
  const token = (JSON.parse(out) as { token: string }).token;
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [cli(), 'serve', '--port', String(port), '--host', '127.0.0.1', '--db', db],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => {
    log += d;
  });
  child.stderr?.on('data', (d) => {
    log += d;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`coastwatch serve exited with ${child.exitCode}: ${log}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`coastwatch serve did not answer /api/health within 20 s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    base,
    token,
    dir,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      done();
    },
  };
}
