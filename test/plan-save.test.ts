/**
 * `coastwatch plan --save`: the quick start's plan kept in the server's store (SQLite here), the scenario as
 * a version (a new one only when it changed), the plan as a finished job's result the API serves.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openStore } from '../src/store/open.js';
import { cli } from './support/cli.js';
import { repoRoot } from './support/golden.js';
import { tempDir } from './support/temp.js';

const tmp = tempDir('coastwatch-save-');
after(tmp.done);
const scenario = join(repoRoot(), 'scenarios', 'libya-pantelleria.json');

describe('plan --save', () => {
  it('keeps the scenario once and each plan as a result, byte for byte the file written', async () => {
    const db = join(tmp.dir, 'cw.db');
    const out = join(tmp.dir, 'plan.geojson');
    const a = await cli(['plan', scenario, '--save', '--db', db, '--out', out, '--json']);
    assert.equal(a.status, 0, a.stderr);
    const first = JSON.parse(a.stdout).saved;
    assert.equal(first.scenarioVersion, 1);
    const b = await cli(['plan', scenario, '--save', '--db', db, '--out', out, '--json']);
    const second = JSON.parse(b.stdout).saved;
    assert.equal(second.scenarioId, first.scenarioId, 'the same scenario is not stored twice');
    assert.equal(second.scenarioVersion, 1, 'unchanged: no new version');
    assert.notEqual(second.resultId, first.resultId);
    // a changed scenario of the same name becomes its next version
    const changed = join(tmp.dir, 'changed.json');
    const json = JSON.parse(readFileSync(scenario, 'utf8'));
    writeFileSync(changed, JSON.stringify({ ...json, $schema: undefined, standoffKm: 25 }));
    const c = await cli(['plan', changed, '--save', '--db', db, '--out', out, '--json']);
    assert.equal(c.status, 0, c.stderr);
    assert.deepEqual(
      [JSON.parse(c.stdout).saved.scenarioId, JSON.parse(c.stdout).saved.scenarioVersion],
      [first.scenarioId, 2],
    );
    const store = await openStore(db);
    try {
      const r = await store.getResult('plan', JSON.parse(c.stdout).saved.resultId);
      assert.ok(r);
      assert.equal(r.body, readFileSync(out, 'utf8'));
      assert.equal(r.scenarioVersion, 2);
      assert.equal((await store.listScenarios()).length, 1);
    } finally {
      await store.close();
    }
  });

  it('refuses --db without --save, naming it', async () => {
    const r = await cli([
      'plan',
      scenario,
      '--db',
      join(tmp.dir, 'x.db'),
      '--out',
      join(tmp.dir, 'p.geojson'),
    ]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--db: --db is for --save/);
  });
});
