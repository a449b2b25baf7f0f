import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { epochToMs, parseIsoUtc, parseTimeAuto, parseTimeSlow, plainDecimal } from './time.js';

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

describe('the fast paths of parseTimeAuto', () => {
  /** A text near the common forms: an ISO or epoch time, then maybe a character changed, dropped or added. */
  const nearTime = fc
    .tuple(
      fc.integer({ min: -62e12, max: 253e12 }),
      fc.constantFrom('iso', 'isoMs', 'isoS', 'epochS', 'epochFrac', 'epochMs'),
      fc.array(
        fc.tuple(
          fc.constantFrom('set', 'drop', 'add'),
          fc.nat(30),
          fc.constantFrom(...'0123456789-+:.TZz ,e'.split(''), '\u0660', 'a'),
        ),
        { maxLength: 2 },
      ),
    )
    .map(([ms, form, edits]) => {
      const iso = new Date(ms).toISOString();
      let s =
        form === 'iso'
          ? iso
          : form === 'isoMs'
            ? iso.replace(/\.\d+Z$/, 'Z')
            : form === 'isoS'
              ? iso.slice(0, 19)
              : form === 'epochS'
                ? String(Math.trunc(ms / 1000))
                : form === 'epochFrac'
                  ? (ms / 1000).toFixed(Math.abs(ms) % 7)
                  : String(ms);
      for (const [op, at, ch] of edits) {
        const i = at % (s.length + 1);
        s =
          op === 'set'
            ? s.slice(0, i) + ch + s.slice(i + 1)
            : op === 'drop'
              ? s.slice(0, i) + s.slice(i + 1)
              : s.slice(0, i) + ch + s.slice(i);
      }
      return s;
    });

  it('agree with the general path on valid and broken times', () => {
    fc.assert(
      fc.property(nearTime, (s) => {
        assert.ok(Object.is(parseTimeAuto(s), parseTimeSlow(s)), s);
      }),
      { numRuns: 20000 },
    );
  });

  it('agree on the edges of the calendar and the clock, whatever came before', () => {
    const edges = [
      '2024-02-29T12:00:00Z',
      '2023-02-29T12:00:00Z',
      '2000-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2026-12-31T23:59:59Z',
      '2026-12-31T23:59:59.999Z',
      '2026-12-01T24:00:00Z',
      '2026-12-01T24:00:01Z',
      '2026-12-01T23:60:00Z',
      '2026-12-01T23:59:60Z',
      '2026-12-01T23:59:60.500Z',
      '2026-00-01T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-04-00T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '2026-12-01t10:00:00z',
      '2026-12-01 10:00:00Z',
      '2026-12-01T10:00:00.12Z',
      '2026-12-01T10:00:00,123Z',
      '2026-12-01T10:00:00.1234Z',
      '20x6-12-01T10:00:00Z',
      '2026-12-01T10:00:0xZ',
      '2026-12-01T10:00:00.12xZ',
      '-2026-12-01T10:00:00Z',
      '1635481576',
      '1635481576.5',
      '1635481576.',
      '.5',
      '-.5',
      '-0',
      '+1635481576',
      ' 1635481576',
      '1635481576 ',
      '1e9',
      '0x10',
      '1234567890123456',
      '123456789012345',
      '-',
      '.',
      '',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...edges), { minLength: 1, maxLength: 6 }), (seq) => {
        for (const s of seq) assert.ok(Object.is(parseTimeAuto(s), parseTimeSlow(s)), s);
      }),
    );
  });
});

describe('plainDecimal', () => {
  it('is Number() wherever it is not NaN, and reads every plain decimal of up to 15 digits', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 18, unit: fc.constantFrom(...'0123456789.-+e x'.split('')) }),
        (s) => {
          const v = plainDecimal(s);
          if (!Number.isNaN(v)) assert.ok(Object.is(v, Number(s)), s);
          const plain = /^-?\d*\.?\d*$/.test(s) && /\d/.test(s) && s.replace(/\D/g, '').length <= 15;
          assert.equal(!Number.isNaN(v), plain, s);
        },
      ),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, k) => {
        const s = x.toFixed(k);
        if (s.replace(/\D/g, '').length <= 15) assert.ok(Object.is(plainDecimal(s), Number(s)), s);
      }),
      { numRuns: 20000 },
    );
  });
});
