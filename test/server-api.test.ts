/**
 * The HTTP API through real HTTP on a random port (docs/api.md): every route refuses a missing token
 * (401) and a lower role (403), bad input names the field (400), bodies over the limit get 413, and a plan,
 * a schedule and an audit made through the API equal the in-memory use cases' (the command line's) output.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { auditTracks } from '../src/app/audit.js';
import { planFileText, planScenario } from '../src/app/plan.js';
import { scheduleScenario } from '../src/app/schedule.js';
import { Coastwatch } from '../src/app/service.js';
import { verifyScenarioPlan } from '../src/app/verify.js';
import { writeSyntheticCsv } from '../src/formats/tracks/synthetic-csv.js';
import { buildServer, MiB } from '../src/server/app.js';
import { inCI } from './support/external.js';
import { repoRoot } from './support/golden.js';
import { type PostgisServer, postgisAvailable, startPostgis } from './support/postgres.js';
import { tempDir } from './support/temp.js';

const SCENARIO_PATH = join(repoRoot(), 'scenarios', 'libya-pantelleria.json');
const scenarioJson = JSON.parse(readFileSync(SCENARIO_PATH, 'utf8'));

const pgAvail = postgisAvailable();
if (!pgAvail.ok && inCI()) throw new Error(`PostGIS is needed in CI: ${pgAvail.why}`);

describe('HTTP API on SQLite', { timeout: 240_000 }, () => apiSuite('sqlite'));
describe('HTTP API on PostgreSQL/PostGIS', { timeout: 240_000, skip: pgAvail.ok ? false : pgAvail.why }, () =>
  apiSuite('postgres'),
);

/** The same API tests on either store: the answers must not depend on it. */
function apiSuite(storeKind: 'sqlite' | 'postgres'): void {
  const tmp = tempDir('coastwatch-api-');
  let pgServer: PostgisServer | undefined;
  let cw: Coastwatch;
  let base = '';
  let close: () => Promise<void>;
  const tok: Record<string, string> = {};

  const call = async (
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; raw?: BodyInit; type?: string } = {},
  ) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: BodyInit | undefined;
    if (opts.raw !== undefined) {
      body = opts.raw;
      headers['content-type'] = opts.type ?? 'application/octet-stream';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(base + path, {
      method,
      headers,
      body,
      ...(body ? { duplex: 'half' } : {}),
    } as RequestInit);
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      text,
      json: json as Record<string, unknown>,
    };
  };

  const waitJob = async (job: string) => {
    for (;;) {
      const r = await call('GET', `/api/jobs/${job}`, { token: tok.viewer });
      const st = r.json.state;
      if (st === 'done' || st === 'failed')
        return r.json as { state: string; error: string | null; result: { id: string } };
      await new Promise((res) => setTimeout(res, 100));
    }
  };

  let scenarioId = '';
  let planId = '';
  before(async () => {
    if (storeKind === 'postgres') pgServer = await startPostgis({ database: 'coastwatch_api' });
    const db = pgServer ? pgServer.url : join(tmp.dir, 'api.db');
    cw = await Coastwatch.open(db, { filesDir: join(tmp.dir, 'files'), workers: 2 });
    const app = await buildServer(cw, { uploadLimit: 2 * MiB });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address() as { port: number };
    base = `http://127.0.0.1:${addr.port}`;
    close = async () => {
      await app.close();
      await cw.close();
    };
    for (const role of ['viewer', 'planner', 'admin'] as const)
      tok[role] = (await cw.createToken(role, role)).token;
    const r = await call('POST', '/api/scenarios', { token: tok.planner, body: scenarioJson });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(Object.keys(r.json), ['id', 'version']);
    scenarioId = r.json.id as string;
  });
  after(async () => {
    await close?.();
    await pgServer?.stop();
    tmp.done();
  });

  it('answers health without a token, and nothing else', async () => {
    const r = await call('GET', '/api/health');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {
      ok: true,
      version: JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')).version,
      store: storeKind,
    });
    const doc = await call('GET', '/api/openapi.json');
    assert.equal((doc.json as { openapi: string }).openapi, '3.1.0');
    assert.ok('/api/scenarios/{id}/plans' in (doc.json.paths as object));
  });

  const routes: [string, string, 'viewer' | 'planner' | 'admin'][] = [
    ['GET', '/api/scenarios', 'viewer'],
    ['POST', '/api/scenarios', 'planner'],
    ['GET', '/api/scenarios/X', 'viewer'],
    ['PUT', '/api/scenarios/X', 'planner'],
    ['POST', '/api/scenarios/X/plans', 'planner'],
    ['POST', '/api/scenarios/X/schedules', 'planner'],
    ['POST', '/api/scenarios/X/audits', 'planner'],
    ['GET', '/api/jobs/X', 'viewer'],
    ['GET', '/api/jobs/X/events', 'viewer'],
    ['DELETE', '/api/jobs/X', 'planner'],
    ['GET', '/api/plans/X', 'viewer'],
    ['GET', '/api/schedules/X', 'viewer'],
    ['GET', '/api/audits/X', 'viewer'],
    ['GET', '/api/plans/X/export?to=geojson', 'viewer'],
    ['GET', '/api/schedules/X/export?to=geojson', 'viewer'],
    ['GET', '/api/audits/X/export?to=geojson', 'viewer'],
    ...(['reports', 'zones', 'teams', 'priorities'] as const).flatMap(
      (k): [string, string, 'viewer' | 'planner'][] => [
        ['GET', `/api/scenarios/X/${k}`, 'viewer'],
        ['POST', `/api/scenarios/X/${k}`, 'planner'],
        ['GET', `/api/scenarios/X/${k}/Y`, 'viewer'],
        ['PUT', `/api/scenarios/X/${k}/Y`, 'planner'],
        ['DELETE', `/api/scenarios/X/${k}/Y`, 'planner'],
      ],
    ),
    ['GET', '/api/tokens', 'admin'],
    ['POST', '/api/tokens', 'admin'],
    ['DELETE', '/api/tokens/X', 'admin'],
  ];

  it('refuses every route without a token (401), with an unknown one (401) and with a lower role (403)', async () => {
    for (const [method, path, need] of routes) {
      const body = method === 'POST' || method === 'PUT' ? {} : undefined;
      const none = await call(method, path, { body });
      assert.equal(none.status, 401, `${method} ${path} without a token`);
      assert.equal(none.type, 'application/problem+json');
      assert.equal(none.json.status, 401);
      assert.equal(
        (await call(method, path, { body, token: 'cw_nope' })).status,
        401,
        `${method} ${path} unknown token`,
      );
      const lower = need === 'admin' ? 'planner' : need === 'planner' ? 'viewer' : undefined;
      if (lower) {
        const r = await call(method, path, { body, token: tok[lower] });
        assert.equal(r.status, 403, `${method} ${path} with ${lower}`);
        assert.match(r.json.detail as string, new RegExp(`needs the ${need} role`));
      }
    }
  });

  it('names the bad field as the command line does (400)', async () => {
    const bad = structuredClone(scenarioJson);
    bad.aircraft[0].reserveH = 99;
    const r = await call('POST', '/api/scenarios', { token: tok.planner, body: bad });
    assert.equal(r.status, 400);
    assert.equal(r.type, 'application/problem+json');
    const errors = r.json.errors as { path: string; message: string }[];
    assert.equal(errors[0].path, 'aircraft[0].reserveH');
    assert.match(errors[0].message, /must be less than enduranceH/);
    const unknownCountry = { ...scenarioJson, coast: { country: 'Atlantis' } };
    const c = await call('PUT', `/api/scenarios/${scenarioId}`, { token: tok.planner, body: unknownCountry });
    assert.equal(c.status, 400);
    assert.equal((c.json.errors as { path: string }[])[0].path, 'coast.country');
    const s = await call('POST', `/api/scenarios/${scenarioId}/schedules`, {
      token: tok.planner,
      body: { days: -1 },
    });
    assert.equal(s.status, 400);
    assert.equal((s.json.errors as { path: string }[])[0].path, 'days');
    const v = await call('GET', `/api/scenarios/${scenarioId}?version=zero`, { token: tok.viewer });
    assert.equal(v.status, 400);
    assert.equal((v.json.errors as { path: string }[])[0].path, 'version');
    const item = await call('POST', `/api/scenarios/${scenarioId}/teams`, {
      token: tok.planner,
      body: { name: 'T', radiusKm: -5 },
    });
    assert.equal(item.status, 400);
    assert.ok(
      (item.json.errors as { path: string }[]).some((e) => e.path === 'radiusKm'),
      item.text,
    );
    const notJson = await call('POST', '/api/scenarios', {
      token: tok.planner,
      raw: '{"name": ',
      type: 'application/json',
    });
    assert.equal(notJson.status, 400);
    assert.equal((await call('GET', '/api/plans/nope', { token: tok.viewer })).status, 404);
  });

  it('refuses bodies over the limit (413), keeping nothing of an upload', async () => {
    const big = { ...scenarioJson, description: 'x'.repeat(MiB + 10) };
    const r = await call('POST', '/api/scenarios', { token: tok.planner, body: big });
    assert.equal(r.status, 413);
    assert.equal(r.type, 'application/problem+json');
    const up = await call('POST', `/api/scenarios/${scenarioId}/audits?name=big.csv`, {
      token: tok.planner,
      raw: new Uint8Array(2 * MiB + 1).fill(65),
      type: 'text/csv',
    });
    assert.equal(up.status, 413);
    assert.deepEqual(await cw.store.allTrackFilePaths(), []);
  });

  it('keeps every scenario version', async () => {
    const v2 = { ...scenarioJson, name: 'Libya v2' };
    const r = await call('PUT', `/api/scenarios/${scenarioId}`, { token: tok.planner, body: v2 });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { id: scenarioId, version: 2 });
    assert.equal(
      (await call('GET', `/api/scenarios/${scenarioId}`, { token: tok.viewer })).json.name,
      'Libya v2',
    );
    const v1 = await call('GET', `/api/scenarios/${scenarioId}?version=1`, { token: tok.viewer });
    assert.deepEqual(v1.json, scenarioJson);
    const list = await call('GET', '/api/scenarios', { token: tok.viewer });
    assert.deepEqual(
      (list.json as unknown as { id: string; version: number }[]).map((s) => [s.id, s.version]),
      [[scenarioId, 2]],
    );
  });

  it('makes the same plan as the command line, watched over server-sent events', async () => {
    const start = await call('POST', `/api/scenarios/${scenarioId}/plans`, { token: tok.planner });
    assert.equal(start.status, 202);
    const job = start.json.job as string;
    const res = await fetch(`${base}/api/jobs/${job}/events`, {
      headers: { authorization: `Bearer ${tok.viewer}` },
    });
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const events = (await res.text()).split('\n\n').filter((e) => e.startsWith('event:'));
    const last = JSON.parse(events.at(-1)!.split('\ndata: ')[1]);
    assert.equal(last.state, 'done', events.join('\n'));
    const done = await waitJob(job);
    planId = done.result.id;
    const got = await call('GET', `/api/plans/${done.result.id}`, { token: tok.viewer });
    assert.equal(got.status, 200);
    assert.equal(got.json.scenarioId, scenarioId);
    assert.equal(got.json.scenarioVersion, 2);
    const cli = await planScenario({ ...scenarioJson, name: 'Libya v2' });
    const { scenarioId: _a, scenarioVersion: _b, ...file } = got.json;
    assert.equal(`${JSON.stringify(file)}\n`, planFileText(cli.geojson));
    const v = await verifyScenarioPlan({ ...scenarioJson, name: 'Libya v2' }, file);
    assert.deepEqual(v.violations, []);
    const ex = await call('GET', `/api/plans/${done.result.id}/export?to=geojson`, { token: tok.viewer });
    assert.equal(ex.status, 200);
    assert.deepEqual(ex.json, file);
    const badFormat = await call('GET', `/api/plans/${done.result.id}/export?to=nope`, { token: tok.viewer });
    assert.equal(badFormat.status, 400);
    assert.equal((badFormat.json.errors as { path: string }[])[0].path, 'to');
  });

  it('answers other requests while an export runs (the export is off the main thread)', async () => {
    assert.ok(planId, 'the plan test ran first');
    // the server runs in this process: the main thread's busy time during an export is what it keeps from others
    const elu0 = performance.eventLoopUtilization();
    const t0 = performance.now();
    const solo = await call('GET', `/api/plans/${planId}/export?to=kml`, { token: tok.viewer });
    const soloMs = performance.now() - t0;
    const busy = performance.eventLoopUtilization(elu0);
    assert.equal(solo.status, 200, solo.text.slice(0, 300));
    assert.match(solo.type, /kml/);
    // drawing the KML on this thread keeps it busy for most of the export (600+ ms CPU here); on a worker, a few ms
    assert.ok(
      busy.active < Math.max(150, soloMs / 4),
      `the main thread was busy ${busy.active.toFixed(0)} ms of the export's ${soloMs.toFixed(0)} ms`,
    );
    let exportDone = 0;
    const ex = call('GET', `/api/plans/${planId}/export?to=kml`, { token: tok.viewer }).then((r) => {
      exportDone = performance.now();
      return r;
    });
    await new Promise((r) => setTimeout(r, 30));
    const l = await call('GET', '/api/scenarios', { token: tok.viewer });
    const listed = performance.now();
    assert.equal(l.status, 200);
    assert.equal((await ex).status, 200);
    assert.ok(exportDone === 0 || listed <= exportDone, 'the scenario list answered while the export ran');
  });

  it('makes the same schedule as the command line', async () => {
    const params = { days: 1, start: '2026-12-01T00:00:00Z' };
    const start = await call('POST', `/api/scenarios/${scenarioId}/schedules`, {
      token: tok.planner,
      body: params,
    });
    assert.equal(start.status, 202, start.text);
    const done = await waitJob(start.json.job as string);
    assert.equal(done.state, 'done', done.error ?? '');
    const got = await call('GET', `/api/schedules/${done.result.id}`, { token: tok.viewer });
    const { scenarioId: _a, scenarioVersion: _b, ...file } = got.json;
    const cli = await scheduleScenario({ ...scenarioJson, name: 'Libya v2' }, params);
    assert.deepEqual(file, JSON.parse(JSON.stringify(cli.geojson)));
    const v = await verifyScenarioPlan({ ...scenarioJson, name: 'Libya v2' }, file);
    assert.deepEqual(v.violations, []);
  });

  it('makes the same audit as the command line from an uploaded track file, keeping the file', async () => {
    const csv = join(tmp.dir, 'tracks.csv');
    await writeSyntheticCsv(csv, { points: 20_000, tracks: 2 });
    const aircraft = scenarioJson.aircraft[0].name as string;
    const start = await call(
      'POST',
      `/api/scenarios/${scenarioId}/audits?name=tracks.csv&aircraft=${encodeURIComponent(aircraft)}`,
      {
        token: tok.planner,
        raw: readFileSync(csv),
        type: 'text/csv',
      },
    );
    assert.equal(start.status, 202, start.text);
    const done = await waitJob(start.json.job as string);
    assert.equal(done.state, 'done', done.error ?? '');
    const got = await call('GET', `/api/audits/${done.result.id}`, { token: tok.viewer });
    const { scenarioId: _a, scenarioVersion: _b, ...file } = got.json;
    const cli = await auditTracks({ ...scenarioJson, name: 'Libya v2' }, [{ path: csv }], { aircraft });
    assert.deepEqual(file, JSON.parse([...cli.text()].join('')));
    const files = await cw.store.trackFiles(start.json.job as string);
    assert.equal(files.length, 1);
    assert.equal(files[0].name, 'tracks.csv');
    assert.deepEqual(readFileSync(join(tmp.dir, 'files', files[0].path)), readFileSync(csv));
    const bad = await call('POST', `/api/scenarios/${scenarioId}/audits?name=x.txt`, {
      token: tok.planner,
      raw: 'hello world',
      type: 'text/plain',
    });
    assert.equal(bad.status, 202);
    const failed = await waitJob(bad.json.job as string);
    assert.equal(failed.state, 'failed');
    assert.match(failed.error ?? '', /x\.txt|track/);
  });

  it('makes one audit of several files sent as multipart, the same as the command line of those files', async () => {
    const dir = join(repoRoot(), 'test', 'fixtures', 'tracks');
    const paths = [join(dir, 'gpx', 'Friday-Evening-Run.gpx'), join(dir, 'igc', '20241007TZN.igc')];
    const aircraft = scenarioJson.aircraft[0].name as string;
    const form = new FormData();
    form.append('aircraft', aircraft);
    for (const p of paths) form.append('track', new Blob([readFileSync(p)]), basename(p));
    const res = await fetch(`${base}/api/scenarios/${scenarioId}/audits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tok.planner}` },
      body: form,
    });
    const start = (await res.json()) as { job: string };
    assert.equal(res.status, 202, JSON.stringify(start));
    const done = await waitJob(start.job);
    assert.equal(done.state, 'done', done.error ?? '');
    const got = await call('GET', `/api/audits/${done.result.id}`, { token: tok.viewer });
    const { scenarioId: _a, scenarioVersion: _b, ...file } = got.json;
    const cli = await auditTracks(
      { ...scenarioJson, name: 'Libya v2' },
      paths.map((path) => ({ path })),
      { aircraft },
    );
    const want = JSON.parse([...cli.text()].join(''));
    assert.deepEqual(file, want);
    assert.ok((file.summary as { tracks: number }).tracks >= 2, JSON.stringify(file.summary));
    const kept = await cw.store.trackFiles(start.job);
    assert.deepEqual(
      kept.map((f) => f.name),
      paths.map((p) => basename(p)),
    );
    for (const [i, f] of kept.entries())
      assert.deepEqual(readFileSync(join(tmp.dir, 'files', f.path)), readFileSync(paths[i]));
  });

  it('names the bad part of a multipart upload (400) and refuses one over the limit (413), keeping nothing', async () => {
    const before = (await cw.store.allTrackFilePaths()).length;
    const post = async (form: FormData) => {
      const res = await fetch(`${base}/api/scenarios/${scenarioId}/audits`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tok.planner}` },
        body: form,
      });
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        json: (await res.json()) as Record<string, unknown>,
      };
    };
    const odd = new FormData();
    odd.append('track', new Blob(['time,lat,lon\n2026-12-01T10:00:00Z,33.2,13.0\n']), 'a.csv');
    odd.append('colour', 'blue');
    const r = await post(odd);
    assert.equal(r.status, 400, JSON.stringify(r.json));
    assert.equal(r.type, 'application/problem+json');
    assert.equal((r.json.errors as { path: string }[])[0].path, 'parts[1]');
    assert.match(r.json.detail as string, /colour/);
    const big = new FormData();
    big.append('track', new Blob([new Uint8Array(1.5 * MiB).fill(65)]), 'one.csv');
    big.append('track', new Blob([new Uint8Array(1.5 * MiB).fill(65)]), 'two.csv');
    const b = await post(big);
    assert.equal(b.status, 413, JSON.stringify(b.json));
    assert.equal(b.type, 'application/problem+json');
    const none = new FormData();
    none.append('aircraft', 'x');
    assert.equal((await post(none)).status, 400);
    assert.equal((await cw.store.allTrackFilePaths()).length, before);
    assert.deepEqual(readdirSync(join(tmp.dir, 'files', 'tmp')), []);
    assert.equal(readdirSync(join(tmp.dir, 'files', 'tracks')).length, before);
  });

  it('keeps situation items with their history', async () => {
    const team = {
      id: 't1',
      name: 'Team near Misrata',
      where: { type: 'Point', coordinates: [15.09, 32.38] },
      radiusKm: 50,
      from: '2016-05-01T00:00:00Z',
      to: null,
    };
    const c = await call('POST', `/api/scenarios/${scenarioId}/teams`, { token: tok.planner, body: team });
    assert.equal(c.status, 201, c.text);
    const u = await call('PUT', `/api/scenarios/${scenarioId}/teams/t1`, {
      token: tok.planner,
      body: { ...team, radiusKm: 40 },
    });
    assert.equal(u.status, 200, u.text);
    assert.equal(
      (await call('GET', `/api/scenarios/${scenarioId}/teams/t1`, { token: tok.viewer })).json.radiusKm,
      40,
    );
    assert.equal(
      (await call('GET', `/api/scenarios/${scenarioId}/teams`, { token: tok.viewer })).json.length,
      1,
    );
    const h = await call('GET', `/api/scenarios/${scenarioId}/teams/t1/history`, { token: tok.viewer });
    assert.deepEqual(
      (h.json as unknown as { action: string; changedBy: string }[]).map((x) => x.action),
      ['create', 'update'],
    );
    assert.equal(
      (await call('DELETE', `/api/scenarios/${scenarioId}/teams/t1`, { token: tok.planner })).status,
      204,
    );
    assert.equal(
      (await call('GET', `/api/scenarios/${scenarioId}/teams/t1`, { token: tok.viewer })).status,
      404,
    );
  });

  it('lets an admin make and revoke tokens, shown once', async () => {
    const r = await call('POST', '/api/tokens', { token: tok.admin, body: { role: 'viewer', name: 'crew' } });
    assert.equal(r.status, 201);
    const t = r.json.token as string;
    assert.equal((await call('GET', '/api/scenarios', { token: t })).status, 200);
    const list = await call('GET', '/api/tokens', { token: tok.admin });
    assert.ok(!list.text.includes(t), 'the list never shows a token');
    assert.equal((await call('DELETE', `/api/tokens/${r.json.id}`, { token: tok.admin })).status, 204);
    assert.equal((await call('GET', '/api/scenarios', { token: t })).status, 401);
  });
}
