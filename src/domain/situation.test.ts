import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoastwatchError } from './errors.js';
import { parseSituation, parseSituationItem, situationIssues, validAt } from './situation.js';

const report = {
  id: 'r1',
  time: '2016-05-27T00:00:00Z',
  where: { type: 'Point', coordinates: [15.09, 32.38] },
  text: 'Teams near Misrata',
  source: 'Pentagon, via Reuters',
  grade: 'C3',
  tags: ['teams'],
};
const zone = {
  id: 'z1',
  party: 'Islamic State',
  coastKm: [[560, 740]],
  from: '2015-06-01T00:00:00Z',
  to: null,
  grade: 'B2',
  source: 'Reuters',
};
const team = {
  id: 't1',
  name: 'Team near Misrata',
  where: { type: 'Point', coordinates: [15.09, 32.38] },
  radiusKm: 50,
  from: '2016-05-01T00:00:00Z',
  to: null,
};
const priority = {
  id: 'p1',
  coastKm: [[560, 740]],
  targetRevisitH: 2,
  reason: 'departures reported',
  from: '2016-05-20T00:00:00Z',
  to: '2016-06-20T00:00:00Z',
};
const good = { version: 1, reports: [report], zones: [zone], teams: [team], priorities: [priority] };

function problems(json: unknown): string[] {
  return situationIssues(json).map((i) => `${i.path}: ${i.message}`);
}

describe('situation schema', () => {
  it('accepts the example of the format and keeps every field', () => {
    const s = parseSituation(good);
    assert.deepEqual(s.reports[0], report);
    assert.deepEqual(s.zones[0], zone);
    assert.deepEqual(s.teams[0], team);
    assert.deepEqual(s.priorities[0], priority);
    // a round trip through JSON changes nothing
    assert.deepEqual(parseSituation(JSON.parse(JSON.stringify(s))), s);
  });

  it('fills defaults: empty lists, open validity, no tags', () => {
    const s = parseSituation({ zones: [{ ...zone, to: undefined }] });
    assert.equal(s.version, 1);
    assert.deepEqual(s.reports, []);
    assert.equal(s.zones[0]!.to, null);
  });

  const cases: [string, unknown, RegExp][] = [
    [
      'a grade outside A-F 1-6',
      { reports: [{ ...report, grade: 'G7' }] },
      /^reports\[0\]\.grade: must be an Admiralty grade/,
    ],
    ['a lower-case grade', { reports: [{ ...report, grade: 'c3' }] }, /^reports\[0\]\.grade: /],
    [
      'a missing time',
      { reports: [{ ...report, time: undefined }] },
      /^reports\[0\]\.time: is required: an ISO 8601 time/,
    ],
    [
      'a time that is not ISO',
      { reports: [{ ...report, time: '27/05/2016' }] },
      /^reports\[0\]\.time: must be an ISO 8601 time/,
    ],
    [
      'a where that is neither geometry nor chainage',
      { reports: [{ ...report, where: { km: 3 } }] },
      /^reports\[0\]\.where: must be a GeoJSON geometry/,
    ],
    [
      'a zone with both coastKm and where',
      { zones: [{ ...zone, where: { type: 'Polygon', coordinates: [] } }] },
      /^zones\[0\]: give exactly one of "coastKm"/,
    ],
    [
      'an interval running backwards',
      { zones: [{ ...zone, coastKm: [[740, 560]] }] },
      /^zones\[0\]\.coastKm\[0\]: fromKm must be less than toKm/,
    ],
    [
      'a negative km',
      { priorities: [{ ...priority, coastKm: [[-5, 10]] }] },
      /^priorities\[0\]\.coastKm\[0\]\[0\]: must not be negative/,
    ],
    [
      'a zero target',
      { priorities: [{ ...priority, targetRevisitH: 0 }] },
      /^priorities\[0\]\.targetRevisitH: must be greater than 0/,
    ],
    [
      'to before from',
      { priorities: [{ ...priority, to: '2016-01-01T00:00:00Z' }] },
      /^priorities\[0\]\.to: must not be before from/,
    ],
    [
      'a negative radius',
      { teams: [{ ...team, radiusKm: -1 }] },
      /^teams\[0\]\.radiusKm: must not be negative/,
    ],
    [
      'a duplicate id',
      { reports: [report, report] },
      /^reports\[1\]\.id: must be unique: "r1" is also reports\[0\]/,
    ],
    [
      'an unknown field',
      { reports: [{ ...report, grde: 'C3' }] },
      /^reports\[0\]: unknown field\(s\) "grde"/,
    ],
    ['a version 2 file', { version: 2 }, /^version: must be 1/],
    ['not an object', [1, 2], /must be a JSON object \(a coastwatch situation, version 1\)/],
  ];
  for (const [what, json, want] of cases)
    it(`refuses ${what}, naming the field`, () => {
      const p = problems(json);
      assert.ok(
        p.some((l) => want.test(l)),
        `${JSON.stringify(p)} should match ${want}`,
      );
      assert.throws(
        () => parseSituation(json, 'x.json'),
        (e: unknown) => e instanceof CoastwatchError && e.kind === 'input',
      );
    });

  it('validates single items for the server with the same messages', () => {
    assert.throws(
      () => parseSituationItem('reports', { ...report, grade: 'Z9' }),
      /grade: must be an Admiralty grade/,
    );
    assert.equal(parseSituationItem('teams', team).radiusKm, 50);
  });
});

describe('validAt', () => {
  it('runs from `from` (included) to `to` (excluded); null is open', () => {
    const t = (s: string) => Date.parse(s);
    assert.equal(validAt(priority, t('2016-05-19T23:59:59Z')), false);
    assert.equal(validAt(priority, t('2016-05-20T00:00:00Z')), true);
    assert.equal(validAt(priority, t('2016-06-19T23:59:59Z')), true);
    assert.equal(validAt(priority, t('2016-06-20T00:00:00Z')), false);
    assert.equal(validAt(zone, t('2099-01-01T00:00:00Z')), true);
  });
});
