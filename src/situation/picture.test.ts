import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCoastModel } from '../domain/coast.js';
import { CoastwatchError } from '../domain/errors.js';
import type { CoastLine } from '../domain/scenario.js';
import { parseSituation } from '../domain/situation.js';
import { distanceKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { checkSituationAgainstCoast, prioritiesDuring, situationAt } from './picture.js';

// a straight coast along the 32nd parallel from 12 E to 16 E: about 378 km, sea to the north
const coords: LonLat[] = [];
for (let lon = 12; lon <= 16.0001; lon += 0.25) coords.push([lon, 32]);
const line: CoastLine = { coords, closed: false, seaSide: 'left' };
const coast = buildCoastModel([line], 1);
const kmAtLon = (lon: number) => distanceKm([12, 32], [lon, 32]);

const base = {
  zones: [
    {
      id: 'west',
      party: 'A',
      coastKm: [[0, 200]],
      from: '2016-01-01T00:00:00Z',
      to: null,
      grade: 'B2',
      source: 's',
    },
    {
      id: 'east',
      party: 'B',
      coastKm: [[150, 378]],
      from: '2016-03-01T00:00:00Z',
      to: '2016-06-01T00:00:00Z',
      grade: 'C3',
      source: 's',
    },
  ],
  teams: [
    {
      id: 't',
      name: 'Team',
      where: { type: 'Point', coordinates: [14, 32.2] },
      radiusKm: 40,
      from: '2016-01-01T00:00:00Z',
      to: null,
    },
  ],
  priorities: [
    {
      id: 'p',
      coastKm: [[50, 100]],
      targetRevisitH: 3,
      reason: 'watch',
      from: '2016-05-01T00:00:00Z',
      to: '2016-05-10T00:00:00Z',
    },
  ],
  reports: [
    {
      id: 'r',
      time: '2016-04-01T00:00:00Z',
      where: { type: 'Point', coordinates: [13, 32.1] },
      text: 'x',
      source: 'y',
      grade: 'C3',
    },
    {
      id: 'far',
      time: '2016-04-01T00:00:00Z',
      where: { type: 'Point', coordinates: [13, 35] },
      text: 'x',
      source: 'y',
      grade: 'F6',
    },
  ],
};
const sit = parseSituation(base);

describe('situationAt', () => {
  it('shows only what is in force: zones and priorities appear and disappear at their bounds', () => {
    const feb = situationAt(sit, coast, '2016-02-01T00:00:00Z');
    assert.deepEqual(feb.counts, { reports: 0, zones: 1, teams: 1, priorities: 0 });
    assert.ok(feb.stretches.every((s) => !s.contested && s.priority === undefined));
    const may = situationAt(sit, coast, '2016-05-05T00:00:00Z');
    assert.deepEqual(may.counts, { reports: 2, zones: 2, teams: 1, priorities: 1 });
    const june = situationAt(sit, coast, '2016-06-01T00:00:00Z');
    assert.equal(june.counts.zones, 1, 'east ends at its `to`');
    assert.equal(june.counts.priorities, 0);
  });

  it('reports overlapping zones of two parties as contested, with both holders', () => {
    const p = situationAt(sit, coast, '2016-05-05T00:00:00Z');
    const contested = p.stretches.filter((s) => s.contested);
    // the team's reach cuts it in two stretches; together they are exactly the overlap
    assert.equal(contested[0]!.fromKm, 150);
    assert.equal(contested.at(-1)!.toKm, 200);
    for (let i = 1; i < contested.length; i++) assert.equal(contested[i]!.fromKm, contested[i - 1]!.toKm);
    for (const c of contested) assert.deepEqual(c.holders.map((h) => h.party).sort(), ['A', 'B']);
    // either side of it, one holder each
    assert.deepEqual(
      p.stretches.find((s) => s.fromKm < 140)!.holders.map((h) => h.party),
      ['A'],
    );
    assert.deepEqual(
      p.stretches.at(-1)!.holders.map((h) => h.party),
      ['B'],
    );
  });

  it('puts the priority on its stretch and a team on the coast within its radius', () => {
    const p = situationAt(sit, coast, '2016-05-05T00:00:00Z');
    const prio = p.stretches.filter((s) => s.priority);
    assert.equal(prio[0]!.fromKm, 50);
    assert.equal(prio.at(-1)!.toKm, 100);
    assert.equal(prio[0]!.priority!.targetRevisitH, 3);
    const withTeam = p.stretches.filter((s) => s.teams.length > 0);
    // 40 km radius from 22 km off the coast reaches about 2 x sqrt(40^2 - 22^2) = 67 km of coast
    const reach = withTeam.reduce((sum, s) => sum + (s.toKm - s.fromKm), 0);
    assert.ok(reach > 60 && reach < 72, `team reaches ${reach} km`);
    const mid = kmAtLon(14);
    assert.ok(withTeam[0]!.fromKm < mid && withTeam.at(-1)!.toKm > mid);
  });

  it('places a report at the nearest coast and keeps far reports off the coast', () => {
    const p = situationAt(sit, coast, '2016-05-05T00:00:00Z');
    const s = p.stretches.find((x) => x.reports.some((r) => r.id === 'r'))!;
    assert.ok(s.fromKm <= kmAtLon(13) + 1 && s.toKm >= kmAtLon(13) - 1);
    assert.deepEqual(p.offCoast.reports, ['far']);
  });

  it('tiles the whole coast with its stretches', () => {
    const p = situationAt(sit, coast, '2016-05-05T00:00:00Z');
    assert.equal(p.stretches[0]!.fromKm, 0);
    assert.equal(p.stretches.at(-1)!.toKm, coast.lengthKm);
    for (let i = 1; i < p.stretches.length; i++)
      assert.equal(p.stretches[i]!.fromKm, p.stretches[i - 1]!.toKm);
  });
});

describe('checkSituationAgainstCoast', () => {
  it('names a coastKm beyond the coast', () => {
    const bad = parseSituation({ ...base, priorities: [{ ...base.priorities[0], coastKm: [[50, 900]] }] });
    assert.throws(
      () => checkSituationAgainstCoast(bad, coast.lengthKm),
      (e: unknown) =>
        e instanceof CoastwatchError &&
        e.kind === 'input' &&
        /priorities\[0\]\.coastKm\[0\]: ends at 900 km, beyond the coast's 378/.test(e.message),
    );
    checkSituationAgainstCoast(sit, coast.lengthKm);
  });
});

describe('prioritiesDuring', () => {
  it('takes the priorities that overlap the horizon', () => {
    assert.deepEqual(prioritiesDuring(sit, '2016-04-28T00:00:00Z', 48), []);
    assert.deepEqual(
      prioritiesDuring(sit, '2016-04-30T00:00:00Z', 48).map((p) => [
        p.id,
        p.fromKm,
        p.toKm,
        p.targetRevisitH,
      ]),
      [['p', 50, 100, 3]],
    );
    assert.deepEqual(prioritiesDuring(sit, '2016-05-10T00:00:00Z', 48), []);
  });
});
