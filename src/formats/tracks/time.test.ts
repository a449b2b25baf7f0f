import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { epochToMs, parseIsoUtc, parseTimeAuto } from './time.js';

describe('parseIsoUtc', () => {
  it('reads Z, offsets (quarter hours too) and no zone as UTC', () => {
    assert.equal(parseIsoUtc('2021-01-07T20:36:59.179Z'), Date.UTC(2021, 0, 7, 20, 36, 59, 179));
    assert.equal(parseIsoUtc('2021-01-07T21:51:59.179+01:15'), Date.UTC(2021, 0, 7, 20, 36, 59, 179));
    assert.equal(parseIsoUtc('2024-10-11T20:20:00+00:00'), Date.UTC(2024, 9, 11, 20, 20));
    assert.equal(parseIsoUtc('2024-10-11T20:20:00-0530'), Date.UTC(2024, 9, 12, 1, 50));
    assert.equal(parseIsoUtc('2024-10-11 20:20:00'), Date.UTC(2024, 9, 11, 20, 20));
    assert.equal(parseIsoUtc('2024-10-11T20:20Z'), Date.UTC(2024, 9, 11, 20, 20));
    assert.equal(parseIsoUtc(' 2024-02-29 '), Date.UTC(2024, 1, 29));
  });

  it('refuses what is not a date-time', () => {
    for (const s of [
      'invalid timestamp',
      '2023-02-29T00:00:00Z',
      '2021-13-01T00:00:00Z',
      '2021-01-01T25:00:00Z',
    ]) {
      assert.ok(Number.isNaN(parseIsoUtc(s)), s);
    }
    assert.ok(Number.isNaN(parseIsoUtc('2021-01-01T10:00:00Q')));
    assert.ok(Number.isNaN(parseIsoUtc('2021-01-01T10:00:00.Z')));
  });

  it('agrees with Date for every ISO string Date writes, shifted by any whole-minute offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2e12, max: 4e12 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (ms, off) => {
          const iso = new Date(ms).toISOString();
          assert.equal(parseIsoUtc(iso), ms);
          const local = new Date(ms + off * 60000).toISOString().slice(0, -1);
          const sign = off < 0 ? '-' : '+';
          const a = Math.abs(off);
          const zone = `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
          assert.equal(parseIsoUtc(local + zone), ms);
        },
      ),
    );
  });
});

describe('parseTimeAuto', () => {
  it('reads epoch seconds and milliseconds, and ISO', () => {
    assert.equal(parseTimeAuto('1635481576'), 1635481576000);
    assert.equal(parseTimeAuto('1527699598.707'), 1527699598707);
    assert.equal(parseTimeAuto('1635481576000'), 1635481576000);
    assert.equal(parseTimeAuto('2021-10-29T04:26:16Z'), 1635481576000);
    assert.ok(Number.isNaN(parseTimeAuto('')));
    assert.ok(Number.isNaN(parseTimeAuto('NA')));
    assert.equal(epochToMs(1738703622.619 + 8.96), 1738703631579);
  });
});
