import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { situationFiles } from '../src/app/situation.js';
import { runSituation } from '../src/cli/cmd-situation.js';
import { situationJsonSchema } from '../src/domain/situation.js';
import { builtInSituations, repoRoot } from './support/golden.js';

const scenario = join(repoRoot(), 'scenarios', 'libya-pantelleria.json');
const demo = join(repoRoot(), 'scenarios', 'libya-pantelleria.situation.json');

describe('scenarios/situation.schema.json', () => {
  it('is what the zod schema generates (run `npm run schema` after changing it)', () => {
    const onDisk = JSON.parse(readFileSync(join(repoRoot(), 'scenarios', 'situation.schema.json'), 'utf8'));
    assert.deepEqual(onDisk, JSON.parse(JSON.stringify(situationJsonSchema())));
  });

  it('every built-in situation fits its scenario', async () => {
    assert.ok(builtInSituations().length >= 1);
    for (const path of builtInSituations())
      await situationFiles(path, path.replace('.situation.json', '.json'), { at: '2016-06-01T00:00:00Z' });
  });
});

describe('the Libya demo situation', () => {
  it('holds the seed report: the held tenth of the coast, two administrations, teams at Misrata and Benghazi', async () => {
    const r = await situationFiles(demo, scenario, { at: '2016-06-01T00:00:00Z' });
    const parties = new Set(r.picture.stretches.flatMap((s) => s.holders.map((h) => h.party)));
    assert.ok(parties.has('Islamic State'));
    assert.ok([...parties].some((p) => p.startsWith('Tripoli')));
    assert.ok([...parties].some((p) => p.startsWith('Tobruk')));
    const held = r.picture.stretches.filter((s) => s.holders.some((h) => h.party === 'Islamic State'));
    const heldKm = held.reduce((sum, s) => sum + s.toKm - s.fromKm, 0);
    // "a tenth of Libya's coastline": within a tenth and an eighth of it
    assert.ok(heldKm > 0.1 * r.picture.coastKm && heldKm < 0.125 * r.picture.coastKm, `${heldKm} km`);
    assert.ok(
      held.every((s) => s.priority?.targetRevisitH === 2),
      'the held stretch is a priority',
    );
    const teams = new Set(r.picture.stretches.flatMap((s) => s.teams.map((t) => t.name)));
    assert.deepEqual([...teams].sort(), ['US team near Benghazi', 'US team near Misrata']);
    // no single outlet's claim is graded A1
    assert.ok(r.situation.reports.every((x) => x.grade !== 'A1'));
  });

  it('prints the picture, contested stretches said so, and nothing in force before it began', async () => {
    const lines: string[] = [];
    const code = await runSituation([demo], { scenario, at: '2016-06-01T00:00:00Z' }, (l) => lines.push(l));
    assert.equal(code, 0);
    const text = lines.join('\n');
    assert.match(text, /situation as of 2016-06-01T00:00Z/);
    assert.match(text, /CONTESTED: Tobruk: HoR and LNA \(C3\) \| Benghazi Shura Council \(D3\)/);
    assert.match(text, /535-745 .*Islamic State \(C2\)/);
    const early: string[] = [];
    await runSituation([demo], { scenario, at: '2014-01-01T00:00:00Z', json: true }, (l) => early.push(l));
    const p = JSON.parse(early.join(''));
    assert.deepEqual(p.counts, { reports: 0, zones: 0, teams: 0, priorities: 0 });
  });

  it('refuses a bad --at and a missing --scenario with the option named', async () => {
    await assert.rejects(
      runSituation([demo], { scenario, at: 'yesterday' }, () => {}),
      /--at: must be an ISO 8601 time/,
    );
    await assert.rejects(
      runSituation([demo], {}, () => {}),
      /--scenario is required/,
    );
  });
});
