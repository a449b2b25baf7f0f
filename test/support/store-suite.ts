/** The store's contract, run against every implementation (SQLite, PostgreSQL/PostGIS): both must pass it whole. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Store } from '../../src/store/store.js';

export function storeSuite(open: () => Promise<Store>, reopen?: () => Promise<Store>): void {
  let n = 0;
  const uid = (p: string) => `${p}${++n}-${Math.random().toString(36).slice(2, 8)}`;

  it('keeps every scenario version, in order, with bodies as posted', async () => {
    const s = await open();
    const id = uid('sc');
    const body1 = { name: 'A', coast: { country: 'Libya' }, z: 1, a: 2 };
    assert.deepEqual(await s.createScenario(id, 'A', body1, [9, 30, 26, 34]), { id, version: 1 });
    assert.deepEqual(await s.addScenarioVersion(id, 'B', { name: 'B' }, null), { id, version: 2 });
    assert.equal(await s.addScenarioVersion(uid('missing'), 'x', {}, null), null);
    const latest = await s.getScenario(id);
    assert.equal(latest?.version, 2);
    assert.deepEqual(latest?.body, { name: 'B' });
    const v1 = await s.getScenario(id, 1);
    // key order is kept: the scenario comes back as it was posted
    assert.equal(JSON.stringify(v1?.body), JSON.stringify(body1));
    assert.equal(await s.getScenario(id, 3), null);
    const row = (await s.listScenarios()).find((r) => r.id === id);
    assert.equal(row?.name, 'B');
    assert.equal(row?.version, 2);
    assert.ok(!Number.isNaN(Date.parse(row!.updatedAt)));
  });

  it('runs a job to a stored result in one step, and fails interrupted jobs', async () => {
    const s = await open();
    const sc = uid('sc');
    await s.createScenario(sc, 'S', { name: 'S' }, null);
    const job = await s.createJob({
      id: uid('job'),
      kind: 'plan',
      scenarioId: sc,
      scenarioVersion: 1,
      params: { x: 1 },
    });
    assert.equal(job.state, 'queued');
    assert.deepEqual(job.params, { x: 1 });
    await s.setJobProgress(job.id, 'running', 0.5);
    assert.equal((await s.getJob(job.id))?.progress, 0.5);
    const rid = uid('plan');
    const body = '{"type":"FeatureCollection","features":[]}\n';
    await s.finishJob(job.id, {
      id: rid,
      kind: 'plan',
      scenarioId: sc,
      scenarioVersion: 1,
      body,
      summary: { sorties: 0 },
      lines: [
        {
          id: 'S1',
          geometry: {
            type: 'LineString',
            coordinates: [
              [12, 35],
              [13, 33],
            ],
          },
        },
      ],
    });
    const done = await s.getJob(job.id);
    assert.equal(done?.state, 'done');
    assert.equal(done?.resultId, rid);
    assert.equal(done?.progress, 1);
    const r = await s.getResult('plan', rid);
    assert.equal(r?.body, body);
    assert.deepEqual(r?.summary, { sorties: 0 });
    assert.equal(await s.getResult('audit', rid), null);
    // a finished job is not failed by a restart
    const other = await s.createJob(
      { id: uid('job'), kind: 'audit', scenarioId: sc, scenarioVersion: 1, params: {} },
      [
        { id: uid('f'), jobId: '', name: 'z.gpx', path: 'files/z', size: 3, sha256: 'cd' },
        { id: uid('f'), jobId: '', name: 'a.csv', path: 'files/a', size: 10, sha256: 'ab' },
      ],
    );
    // in the order they were uploaded (the audit reads them in that order, as the command line does)
    assert.deepEqual(
      (await s.trackFiles(other.id)).map((f) => f.name),
      ['z.gpx', 'a.csv'],
    );
    assert.ok((await s.allTrackFilePaths()).includes('files/a'));
    assert.ok((await s.failUnfinishedJobs('interrupted by a restart')) >= 1);
    assert.equal((await s.getJob(other.id))?.state, 'failed');
    assert.equal((await s.getJob(other.id))?.error, 'interrupted by a restart');
    assert.equal((await s.getJob(job.id))?.state, 'done');
    await s.failJob(job.id, 'late');
    assert.equal((await s.getJob(job.id))?.state, 'done');
  });

  it('keeps tokens by hash, lists and revokes them', async () => {
    const s = await open();
    const id = uid('tok');
    const hash = uid('hash');
    const t = await s.createToken(id, 'alice', 'planner', hash);
    assert.equal(t.role, 'planner');
    assert.equal((await s.findToken(hash))?.id, id);
    assert.equal(await s.findToken(uid('nohash')), null);
    assert.ok((await s.listTokens()).some((x) => x.id === id && x.revokedAt === null));
    assert.equal(await s.revokeToken(id), true);
    assert.equal(await s.revokeToken(id), false);
    assert.equal(await s.findToken(hash), null);
    assert.ok((await s.listTokens()).some((x) => x.id === id && x.revokedAt !== null));
  });

  it('keeps situation items with their history: who changed what, when', async () => {
    const s = await open();
    const sc = uid('sc');
    await s.createScenario(sc, 'S', { name: 'S' }, null);
    const a = await s.putItem(sc, 'reports', 'r1', { id: 'r1', text: 'one' }, 'alice');
    assert.equal(a.created, true);
    assert.equal(a.item.revision, 1);
    const b = await s.putItem(sc, 'reports', 'r1', { id: 'r1', text: 'two' }, 'bob');
    assert.equal(b.created, false);
    assert.equal(b.item.revision, 2);
    await s.putItem(sc, 'zones', 'z1', { id: 'z1' }, 'alice');
    assert.deepEqual(
      (await s.listItems(sc, 'reports')).map((i) => i.body),
      [{ id: 'r1', text: 'two' }],
    );
    assert.equal((await s.getItem(sc, 'reports', 'r1'))?.updatedBy, 'bob');
    assert.equal(await s.getItem(sc, 'teams', 'r1'), null);
    assert.equal(await s.deleteItem(sc, 'reports', 'r1', 'carol'), true);
    assert.equal(await s.deleteItem(sc, 'reports', 'r1', 'carol'), false);
    assert.equal(await s.getItem(sc, 'reports', 'r1'), null);
    const h = await s.itemHistory(sc, 'reports', 'r1');
    assert.deepEqual(
      h.map((x) => [x.revision, x.action, x.changedBy]),
      [
        [1, 'create', 'alice'],
        [2, 'update', 'bob'],
        [3, 'delete', 'carol'],
      ],
    );
    assert.deepEqual(h[0].body, { id: 'r1', text: 'one' });
    assert.equal(h[2].body, null);
    // re-created after a delete, it continues the history
    assert.equal((await s.putItem(sc, 'reports', 'r1', { id: 'r1' }, 'dan')).item.revision, 4);
  });

  it('migrates twice without harm', async () => {
    const s = await open();
    await s.migrate();
    await s.migrate();
    assert.ok(Array.isArray(await s.listScenarios()));
  });

  if (reopen)
    it('keeps what it committed across a reopen', async () => {
      const s = await open();
      const id = uid('sc');
      await s.createScenario(id, 'kept', { name: 'kept' }, null);
      const again = await reopen();
      assert.equal((await again.getScenario(id))?.name, 'kept');
    });
}
