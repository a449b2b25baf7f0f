import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/support/temp.js';
import { assertFacts, type Facts, fixture } from '../../../test/support/tracks.js';
import { CoastwatchError } from '../../domain/errors.js';
import type { FixBatch } from '../../domain/track.js';
import { detectCsvLayout } from './csv.js';
import { readTrackFile, readTracks } from './read.js';

// The Flightradar24 and OpenSky layouts, in small files of made-up data (test/fixtures/tracks/made): the real
// exports may not be redistributed (test/fixtures/SOURCES.md)
const FR24: Record<string, Facts & { callsign?: string }> = {
  'fr24-web.csv': {
    fixes: 5,
    tracks: 1,
    first: '2024-01-02T07:22:55Z',
    last: '2024-01-02T07:26:55Z',
    bbox: [12, 33, 12.08, 33.04],
    callsign: 'TST123',
  },
  // FR24's archive feed: flights interleaved, lon before lat, time going backwards within flights
  'fr24-archive.csv': {
    fixes: 6,
    tracks: 2,
    first: '2017-08-02T07:27:00Z',
    last: '2017-08-02T07:31:00Z',
    bbox: [10, 26.3, 50.7, 40.2],
  },
  // FR24 historical per-flight positions: snapshot_id is epoch seconds
  'fr24-per-flight.csv': {
    fixes: 3,
    tracks: 1,
    first: '2017-02-05T23:41:30Z',
    last: '2017-02-05T23:43:34Z',
    bbox: [31.2, 33.5, 31.4, 33.7],
  },
};

describe('CSV reader on Flightradar24 layouts', () => {
  for (const [file, facts] of Object.entries(FR24)) {
    it(`${file}: its facts`, async (t) => {
      const p = fixture(t, `made/${file}`);
      const { tracks, report } = await readTracks(p);
      assert.equal(report.format, 'csv-fr24');
      assertFacts(p, tracks, report, facts);
      if (facts.callsign) {
        assert.equal(tracks[0].callsign, facts.callsign);
        assert.equal(tracks[0].id, `${file}#${facts.callsign}`);
      }
    });
  }

  it('converts FR24 altitude from feet', async (t) => {
    const { tracks } = await readTracks(fixture(t, 'made/fr24-web.csv'));
    assert.equal(tracks[0].altM[0], 0);
    assert.ok(Math.abs(tracks[0].altM[1] - 550 * 0.3048) < 1e-9);
  });

  it('delivers the archive feed in file order, time going back twice within flights', async (t) => {
    const p = fixture(t, 'made/fr24-archive.csv');
    let backward = 0;
    const last = new Map<string, number>();
    await readTrackFile(p, (b) => {
      for (const v of b.t) {
        if (v < (last.get(b.track) ?? Number.NEGATIVE_INFINITY)) backward++;
        last.set(b.track, v);
      }
    });
    assert.equal(backward, 2);
  });

  it('a row that lacks a field: no usable fix, naming line 2', async (t) => {
    const p = fixture(t, 'made/fr24-web-short-row.csv');
    await assert.rejects(readTracks(p), {
      code: 'track.no-fixes',
      message: `${p}: no usable fix: its only fix was skipped (${p}:2: has 6 fields, the header has 7)`,
    });
  });

  it('a flight list without positions is not a track format, said with the header', async (t) => {
    const p = fixture(t, 'made/fr24-flights.csv');
    await assert.rejects(readTracks(p), (e: unknown) => {
      assert.ok(e instanceof CoastwatchError);
      assert.equal(e.code, 'track.unknown-format');
      assert.match(e.message, /its header \(flight_id,.*\) has no time, latitude, longitude column/);
      assert.match(e.message, /it reads GPX .* KML .* IGC, CSV/);
      return true;
    });
  });
});

describe('CSV reader on the OpenSky layout', () => {
  it('opensky.csv: its facts, R-style NA and the extra hour column', async (t) => {
    const p = fixture(t, 'made/opensky.csv');
    const { tracks, report } = await readTracks(p);
    assert.equal(report.format, 'csv-opensky');
    assertFacts(p, tracks, report, {
      fixes: 5,
      tracks: 1,
      first: '2018-05-30T17:00:01Z',
      last: '2018-05-30T19:00:01Z',
      bbox: [5.9, 52.3, 6.1, 52.5],
    });
    const tr = tracks[0];
    assert.equal(tr.id, 'opensky.csv#484506');
    assert.equal(tr.icao24, '484506');
    assert.deepEqual([...(tr.callsigns ?? [])].sort(), ['TRA041', 'TRA051']);
    // barometric altitude in metres, geometric where it is NA: unknown only where both are NA
    assert.equal(tr.altM.filter(Number.isNaN).length, 1);
    assert.deepEqual(
      [...tr.altM].filter((a) => !Number.isNaN(a)).sort((x, y) => x - y),
      [1200, 1500, 1828.8, 1889.76],
    );
  });

  it('gives each batch one callsign', async (t) => {
    const p = fixture(t, 'made/opensky.csv');
    const batches: FixBatch[] = [];
    await readTrackFile(p, (b) => batches.push(b), { batchSize: 2 });
    assert.ok(batches.length >= 3);
    assert.ok(batches.every((b) => b.t.length <= 2 && (b.callsign === 'TRA051' || b.callsign === 'TRA041')));
  });
});

describe('CSV details', () => {
  const withFile = async (name: string, text: string, fn: (p: string) => Promise<void>) => {
    const { dir, done } = tempDir();
    try {
      const p = join(dir, name);
      writeFileSync(p, text);
      await fn(p);
    } finally {
      done();
    }
  };

  it('skips, counts and names bad rows, and reads the rest', async () => {
    const text = [
      'time,lat,lon,alt,callsign',
      '2026-12-01T10:00:00Z,32.5,15.0,3000,seek21 ',
      'not-a-time,32.5,15.1,3000,SEEK21',
      '2026-12-01T10:00:20Z,95,15.2,3000,SEEK21',
      '2026-12-01T10:00:30Z,32.5,,3000,SEEK21',
      '2026-12-01T10:00:40Z,32.5,15.4,3000',
      '',
      '1796119250,32.6,15.5,,SEEK21',
      '2026-12-01T10:01:00Z,32.7,15.6,3100,SEEK22',
    ].join('\n');
    await withFile('bad.csv', text, async (p) => {
      const { tracks, report } = await readTracks(p);
      assert.equal(report.format, 'csv-plain');
      assert.equal(report.fixes, 3);
      assert.equal(report.skippedCount, 4);
      assert.deepEqual(report.skipped, [
        { where: `${p}:3`, why: 'time "not-a-time" is not ISO 8601 or epoch seconds' },
        { where: `${p}:4`, why: 'latitude 95 is outside -90..90' },
        { where: `${p}:5`, why: 'no position (latitude or longitude missing or not a number)' },
        { where: `${p}:6`, why: 'has 4 fields, the header has 5' },
      ]);
      assert.deepEqual(
        tracks.map((t) => [t.id, t.callsign, t.t.length]),
        [
          ['bad.csv#SEEK21', 'SEEK21', 2],
          ['bad.csv#SEEK22', 'SEEK22', 1],
        ],
      );
      assert.equal(tracks[0].t[1], 1796119250000);
      assert.ok(Number.isNaN(tracks[0].altM[1]));
    });
  });

  it('keeps at most 100 skipped rows named but counts them all', async () => {
    const rows = ['time,lat,lon'];
    for (let i = 0; i < 250; i++) rows.push(`2026-12-01T10:00:00Z,x,15`);
    rows.push('2026-12-01T10:00:00Z,32,15');
    await withFile('many.csv', rows.join('\n'), async (p) => {
      const { report } = await readTracks(p);
      assert.equal(report.fixes, 1);
      assert.equal(report.skippedCount, 250);
      assert.equal(report.skipped.length, 100);
      assert.equal(report.skipped[99].where, `${p}:101`);
    });
  });

  it('a CSV with no usable row: the error names the file and the first reasons', async () => {
    await withFile('none.csv', 'time,lat,lon\nx,1,2\n2026-12-01T10:00:00Z,91,2\n', async (p) => {
      await assert.rejects(readTracks(p), (e: unknown) => {
        assert.ok(e instanceof CoastwatchError && e.code === 'track.no-fixes' && e.where === p);
        assert.equal(
          e.message,
          `${p}: no usable fix: all 2 fixes were skipped (${p}:2: time "x" is not ISO 8601 or epoch seconds; ` +
            `${p}:3: latitude 91 is outside -90..90)`,
        );
        return true;
      });
    });
  });

  it('reads semicolons, loose names, feet, icao24 keys, and a header-less file', async () => {
    await withFile(
      'semi.csv',
      'Timestamp;Latitude;Longitude;alt_ft;hex\n2026-12-01T10:00:00+01:00;32.5;15;1000;4CA123\n',
      async (p) => {
        const { tracks } = await readTracks(p);
        assert.equal(tracks[0].id, 'semi.csv#4ca123');
        assert.equal(tracks[0].icao24, '4ca123');
        assert.equal(tracks[0].t[0], Date.UTC(2026, 11, 1, 9));
        assert.ok(Math.abs(tracks[0].altM[0] - 304.8) < 1e-9);
      },
    );
    await withFile(
      'bare.csv',
      '2026-12-01T10:00:00Z,32.5,15,1200,SEEK21\n2026-12-01T10:00:10Z,32.6,15.1,1200,SEEK21\n',
      async (p) => {
        const { tracks, report } = await readTracks(p);
        assert.equal(report.fixes, 2);
        assert.equal(tracks[0].id, 'bare.csv#SEEK21');
      },
    );
  });

  it('tolerates quotes inside fields; an unclosed quote is skipped and named, the rows before it kept', async () => {
    const text = 'time,lat,lon,callsign\n2026-12-01T10:00:00Z,32,15,A"B\n2026-12-01T10:00:10Z,32,15,"AB\n';
    await withFile('q.csv', `${text}2026-12-01T10:00:20Z,32,15,CD\n`, async (p) => {
      const { tracks, report } = await readTracks(p);
      assert.equal(report.fixes, 1);
      assert.equal(tracks[0].id, 'q.csv#A"B');
      assert.equal(report.skippedCount, 1);
      assert.match(report.skipped[0].why, /^malformed CSV: Quote Not Closed/);
      assert.match(report.skipped[0].where, /q\.csv:\d+$/);
    });
  });

  it('recognises the layouts from their headers', () => {
    const os = detectCsvLayout(
      'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact',
    );
    assert.ok(!('error' in os) && os.format === 'csv-opensky');
    const fr = detectCsvLayout('Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction');
    assert.ok(!('error' in fr) && fr.format === 'csv-fr24' && fr.position === 3);
    const plain = detectCsvLayout('time,lat,lon,alt,callsign');
    assert.ok(!('error' in plain) && plain.format === 'csv-plain' && plain.altScale === 1);
    assert.ok('error' in detectCsvLayout('a,b,c'));
  });
});
