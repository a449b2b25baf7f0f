/**
 * The situation through real HTTP (docs/api.md, docs/situation.md): every item of the demo situation file posted and
 * read back unchanged, and the picture as of a time served as GeoJSON equal to the in-memory use case's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scenarioFromJson } from '../src/app/load-scenario.js';
import { Coastwatch } from '../src/app/service.js';
import { situationToGeoJSON } from '../src/app/situation.js';
import { parseSituation } from '../src/domain/situation.js';
import { buildServer } from '../src/server/app.js';
import { inCI } from './support/external.js';
import { repoRoot } from './support/golden.js';
import { type PostgisServer, postgisAvailable, startPostgis } from './support/postgres.js';
import { tempDir } from './support/temp.js';

const root = repoRoot();
const scenarioJson = JSON.parse(readFileSync(join(root, 'scenarios', 'libya-pantelleria.json'), 'utf8'));
const situationJson = JSON.parse(
  readFileSync(join(root, 'scenarios', 'libya-pantelleria.situation.json'), 'utf8'),
) as Record<'reports' | 'zones' | 'teams' | 'priorities', { id: string }[]>;
const KINDS = ['reports', 'zones', 'teams', 'priorities'] as const;

const pgAvail = postgisAvailable();
if (!pgAvail.ok && inCI()) throw new Error(`PostGIS is needed in CI: ${pgAvail.why}`);

describe('situation over HTTP on SQLite', { timeout: 120_000 }, () => situationSuite('sqlite'));
describe(
  'situation over HTTP on PostgreSQL/PostGIS',
  { timeout: 120_000, skip: pgAvail.ok ? false : pgAvail.why },
  () => situationSuite('postgres'),
);

/** The same tests on either store. */
function situationSuite(storeKind: 'sqlite' | 'postgres'): void {
  const tmp = tempDir('coastwatch-sit-');
  let pgServer: PostgisServer | undefined;
  let cw: Coastwatch;
  let base = '';
  let close: () => Promise<void>;
  const tok: Record<string, string> = {};
  let id = '';
  const call = async (method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      text,
      json: JSON.parse(text || 'null'),
    };
  };

  before(async () => {
    if (storeKind === 'postgres') pgServer = await startPostgis({ database: 'coastwatch_sit' });
    const db = pgServer ? pgServer.url : join(tmp.dir, 'sit.db');
    cw = await Coastwatch.open(db, { filesDir: join(tmp.dir, 'files'), workers: 1 });
    const app = await buildServer(cw);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    close = async () => {
      await app.close();
      await cw.close();
    };
    for (const role of ['viewer', 'planner'] as const) tok[role] = (await cw.createToken(role, role)).token;
    const r = await call('POST', '/api/scenarios', { token: tok.planner, body: scenarioJson });
    assert.equal(r.status, 201, r.text);
    id = r.json.id;
  });
  after(async () => {
    await close?.();
    await pgServer?.stop();
    tmp.done();
  });

  it('round-trips every item of the demo situation file', async () => {
    for (const kind of KINDS)
      for (const item of situationJson[kind]) {
        const r = await call('POST', `/api/scenarios/${id}/${kind}`, { token: tok.planner, body: item });
        assert.equal(r.status, 201, `${kind} ${item.id}: ${r.text}`);
        assert.deepEqual(r.json, item);
      }
    for (const kind of KINDS) {
      const r = await call('GET', `/api/scenarios/${id}/${kind}`, { token: tok.viewer });
      assert.equal(r.status, 200);
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      assert.deepEqual([...r.json].sort(byId), [...situationJson[kind]].sort(byId), kind);
      for (const item of situationJson[kind]) {
        const one = await call('GET', `/api/scenarios/${id}/${kind}/${item.id}`, { token: tok.viewer });
        assert.deepEqual(one.json, item);
      }
    }
  });

  it('serves the picture at a time as GeoJSON, the same as the use case makes from the file', async () => {
    const at = '2016-06-01T00:00:00Z';
    const r = await call('GET', `/api/scenarios/${id}/situation?at=${at}`, { token: tok.viewer });
    assert.equal(r.status, 200, r.text);
    const want = situationToGeoJSON(
      parseSituation(situationJson),
      scenarioFromJson(scenarioJson, 'scenario'),
      new Date(at).toISOString(),
    );
    assert.equal(r.json.type, 'FeatureCollection');
    const kinds = (fc: { features: { properties: { kind: string; id?: string } }[] }) =>
      fc.features.map((f) => `${f.properties.kind}:${f.properties.id ?? ''}`).sort();
    assert.deepEqual(kinds(r.json), kinds(want));
    assert.deepEqual(r.json, JSON.parse(JSON.stringify(want)));
    const byKind = (k: string) =>
      r.json.features.filter((f: { properties: { kind: string } }) => f.properties.kind === k);
    for (const z of byKind('zone'))
      assert.ok(z.properties.party && z.properties.grade, JSON.stringify(z.properties));
    for (const t of byKind('team')) {
      assert.equal(typeof t.properties.radiusKm, 'number');
      assert.equal(t.geometry.type, 'Point');
    }
    for (const x of byKind('report')) assert.match(x.properties.grade, /^[A-F][1-6]$/);
    const p = byKind('priority');
    assert.ok(p.length >= 1);
    assert.equal(p[0].properties.targetRevisitH, 2);
    assert.equal(p[0].geometry.type, 'MultiLineString');
    assert.ok(p[0].geometry.coordinates.length >= 1 && p[0].geometry.coordinates[0].length > 2);
    assert.ok(byKind('zone').length >= 2);
  });

  it('shows nothing in force before the items begin, and refuses a bad time or no token', async () => {
    const early = await call('GET', `/api/scenarios/${id}/situation?at=2000-01-01T00:00:00Z`, {
      token: tok.viewer,
    });
    assert.equal(early.status, 200);
    assert.deepEqual(early.json.features, []);
    const bad = await call('GET', `/api/scenarios/${id}/situation?at=yesterday`, { token: tok.viewer });
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.type, /problem\+json/);
    assert.match(bad.text, /ISO 8601/);
    const anon = await call('GET', `/api/scenarios/${id}/situation`);
    assert.equal(anon.status, 401);
    const none = await call('GET', '/api/scenarios/nope/situation', { token: tok.viewer });
    assert.equal(none.status, 404);
  });
}
