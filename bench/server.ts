/**
 * `npm run bench -- server`: the API under load (autocannon, 100 connections, 10 s) on the built-in Libya
 * scenario, GET of a plan and of the scenario list, on SQLite and on PostgreSQL/PostGIS; and a 1 GB track
 * upload streamed to the server: its time and the server's peak memory (VmHWM). Loopback only.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import autocannon from 'autocannon';
import { postgisAvailable, startPostgis } from '../test/support/postgres.js';
import { cliPath, tempDir } from './child.js';

const GB = 2 ** 30;

function startServer(db: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--db', db], {
    env: { ...env, COASTWATCH_UPLOAD_LIMIT_MB: '2048' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /serving (http:\/\/\S+)/.exec(err);
      if (m) resolve({ child, base: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

/** Starts a new peak-RSS measurement of a process (Linux: 5 to clear_refs resets VmHWM); false when it cannot. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Peak resident memory of a process so far, MB (Linux). */
function peakMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** CPU time a process has used so far, ms (Linux /proc, user + system). */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // fields 14 and 15 of stat (utime, stime), in clock ticks of 10 ms
  return (Number(f[11]) + Number(f[12])) * 10;
}

async function load(url: string, token: string, pid: number) {
  const cpu0 = cpuMs(pid);
  const r = await autocannon({
    url,
    connections: 100,
    duration: 10,
    headers: { authorization: `Bearer ${token}` },
  });
  // the server's own CPU per request: a figure the machine's load changes far less than latency
  const cpuUs = ((cpuMs(pid) - cpu0) * 1000) / Math.max(1, r.requests.total);
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx, cpuUs };
}

/** Synthetic CSV fixes along the Libyan coast, `bytes` long, made as they are sent. */
function csvStream(bytes: number): Readable {
  let sent = 0;
  let t = Date.UTC(2026, 11, 1, 6);
  let i = 0;
  return new Readable({
    read() {
      if (sent >= bytes) return this.push(null);
      const rows: string[] = sent === 0 ? ['time,lat,lon,alt,callsign'] : [];
      for (let k = 0; k < 16384; k++, i++) {
        t += 10_000;
        const lon = 12 + ((i % 100_000) / 100_000) * 13;
        rows.push(
          `${new Date(t).toISOString()},${(33.2 + 0.3 * Math.sin(i / 500)).toFixed(5)},${lon.toFixed(5)},2100,SEEK${i % 4}`,
        );
      }
      const chunk = `${rows.join('\n')}\n`;
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

async function upload(
  base: string,
  scenarioId: string,
  token: string,
  bytes: number,
): Promise<{ s: number; status: number; job: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(`/api/scenarios/${scenarioId}/audits?name=big.csv&aircraft=MALE%20UAV`, base),
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' } },
      (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () =>
          resolve({
            s: (performance.now() - t0) / 1000,
            status: res.statusCode ?? 0,
            job: JSON.parse(body).job,
          }),
        );
      },
    );
    req.on('error', reject);
    csvStream(bytes).pipe(req);
  });
}

async function run(label: string, db: string, env: NodeJS.ProcessEnv, rows: string[], withUpload: boolean) {
  const token = spawnSync(process.execPath, [cliPath, 'token', 'create', '--role', 'planner', '--db', db], {
    env,
    encoding: 'utf8',
  }).stdout.trim();
  const { child, base } = await startServer(db, env);
  try {
    const h = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const scenario = readFileSync(
      join(cliPath, '..', '..', '..', '..', 'scenarios', 'libya-pantelleria.json'),
      'utf8',
    );
    const sc = (await (
      await fetch(`${base}/api/scenarios`, { method: 'POST', headers: h, body: scenario })
    ).json()) as { id: string };
    console.error(`server bench (${label}): scenario ${sc.id}, planning`);
    const { job } = (await (
      await fetch(`${base}/api/scenarios/${sc.id}/plans`, { method: 'POST', headers: h })
    ).json()) as { job: string };
    if (!job) throw new Error('the plan job did not start');
    let plan = '';
    for (;;) {
      const j = (await (await fetch(`${base}/api/jobs/${job}`, { headers: h })).json()) as {
        state: string;
        result: { id: string };
      };
      if (j.state === 'done') {
        plan = j.result.id;
        break;
      }
      if (j.state === 'failed') throw new Error('the plan job failed');
      await new Promise((r) => setTimeout(r, 200));
    }
    console.error(`server bench (${label}): plan ${plan} made, loading`);
    // the plan job's worker thread sets the peak so far; each phase below is measured on its own
    const planPeak = peakMb(child.pid!);
    resetPeak(child.pid!);
    const la = () => `load ${loadavg()[0].toFixed(1)}`;
    const p = await load(`${base}/api/plans/${plan}`, token, child.pid!);
    rows.push(
      `| ${label} | GET /api/plans/{id} | ${p.rps.toFixed(0)} | ${p.p99} | ${p.cpuUs.toFixed(0)} | ${p.errors} | ${la()} |`,
    );
    const l = await load(`${base}/api/scenarios`, token, child.pid!);
    rows.push(
      `| ${label} | GET /api/scenarios | ${l.rps.toFixed(0)} | ${l.p99} | ${l.cpuUs.toFixed(0)} | ${l.errors} | ${la()} |`,
    );
    if (withUpload) {
      console.error(`server bench (${label}): uploading 1 GB`);
      const getPeak = peakMb(child.pid!);
      const reset = resetPeak(child.pid!);
      const u = await upload(base, sc.id, token, GB);
      const peak = peakMb(child.pid!);
      // the audit of 1 GB is not the point here: stop it
      await fetch(`${base}/api/jobs/${u.job}`, { method: 'DELETE', headers: h });
      rows.push(
        `| ${label} | POST 1 GB CSV upload | ${u.status}: ${u.s.toFixed(1)} s (${(1024 / u.s).toFixed(0)} MB/s) | server peak ${peak.toFixed(0)} MB during the upload${reset ? '' : ' (since start: VmHWM could not be reset)'}; before it: ${planPeak.toFixed(0)} MB with the plan job, ${getPeak.toFixed(0)} MB under the GET load | | | ${la()} |`,
      );
    }
  } finally {
    child.kill('SIGTERM');
  }
}

export async function bench(): Promise<void> {
  console.log('\n## server\n');
  console.log(
    '| store | request | requests/s | p99 ms | server CPU µs/request | errors | load average (1 min) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  const rows: string[] = [];
  const tmp = tempDir('coastwatch-bench-server-');
  const env = { ...process.env, XDG_DATA_HOME: join(tmp.dir, 'data') };
  try {
    // BENCH_SERVER_STORES=postgres (or sqlite) runs one store only
    const only = process.env.BENCH_SERVER_STORES;
    if (!only || only.includes('sqlite')) await run('SQLite', join(tmp.dir, 'bench.db'), env, rows, true);
    for (const r of rows.splice(0)) console.log(r);
    if (only && !only.includes('postgres')) {
      // SQLite only
    } else if (postgisAvailable().ok) {
      const pg = await startPostgis({ database: 'coastwatch_bench' });
      try {
        await run('PostgreSQL', pg.url, env, rows, false);
      } finally {
        await pg.stop();
      }
    } else console.log('| PostgreSQL | (not available: no PostGIS) | | | | | |');
    for (const r of rows) console.log(r);
  } finally {
    tmp.done();
  }
}
