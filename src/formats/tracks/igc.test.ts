import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/support/temp.js';
import { assertFacts, type Facts, fixture, sha16 } from '../../../test/support/tracks.js';
import { CoastwatchError } from '../../domain/errors.js';
import { readTracks } from './read.js';

const FACTS: Record<string, Facts> = {
  '1G_77fv6m71.igc': {
    fixes: 4047,
    first: '2017-07-15T10:18:26Z',
    last: '2017-07-15T14:39:10Z',
    bbox: [6.292883, 50.566683, 7.295417, 51.244867],
    sha: 'ae31c0035d3a8001',
  },
  '2016-11-08-xcs-aaa-02.igc': {
    fixes: 6752,
    first: '2016-11-08T22:43:17Z',
    last: '2016-11-09T04:43:01Z',
    bbox: [169.219267, -44.95535, 170.030983, -43.8635],
    sha: '62a3995ee8df49fd',
  },
  '20180427.igc': {
    fixes: 1831,
    first: '2018-04-27T13:35:15Z',
    last: '2018-04-27T16:03:25Z',
    bbox: [13.636867, 45.916033, 13.802467, 45.996783],
    sha: 'ec74823f734cf78e',
  },
  // 4886 B records of which 3 have validity V: those are skipped and counted
  '20211015.igc': {
    fixes: 4883,
    first: '2021-04-17T08:39:20Z',
    last: '2021-04-17T10:00:45Z',
    bbox: [7.997183, 46.321467, 8.088583, 46.403633],
    skipped: 3,
    sha: 'e261da7fda0a7a50',
  },
  '20241007TZN.igc': {
    fixes: 199,
    first: '2024-10-07T06:26:47Z',
    last: '2024-10-07T06:30:05Z',
    bbox: [76.70365, 32.0929, 76.705983, 32.095567],
    sha: '8449a9713ab07043',
  },
  '654G6NG1.IGC': {
    fixes: 9762,
    first: '2016-05-04T08:10:42Z',
    last: '2016-05-04T19:04:54Z',
    bbox: [6.077433, 49.046983, 10.169567, 51.149483],
    sha: '44ea446c8762222c',
  },
  'MD_85ugkjj1.IGC': {
    fixes: 8924,
    first: '2018-05-30T11:09:54Z',
    last: '2018-05-30T16:16:24Z',
    bbox: [9.741383, 49.4982, 11.767083, 50.077317],
    sha: 'c4589f4d62d567a1',
  },
  // LAD/LOD digits are read, so the bbox differs from SOURCES' 5-digit one by up to 0.001' (2e-5 degrees)
  'lad_lod_extensions.igc': {
    fixes: 424,
    first: '2023-02-20T16:46:59Z',
    last: '2023-02-20T16:54:18Z',
    bbox: [5.803067, 44.967333, 5.833133, 44.9824],
    tol: 2e-5,
    sha: '176ccd3a5fc645cb',
  },
  // the spec's example: HFDTEDATE:16081902 (date, then flight number without a comma)
  '2022-01-31-XYY-EXAMPLE-01.IGC': {
    fixes: 9,
    first: '2019-08-16T16:02:40Z',
    last: '2019-08-16T16:03:20Z',
    bbox: [-2.822367, 51.118767, -1.818783, 54.118683],
    sha: '327897d5b37176eb',
  },
  '2022-01-31-XYY-EXAMPLE-02.IGC': {
    fixes: 1144,
    first: '2009-08-25T10:49:15Z',
    last: '2009-08-25T13:57:28Z',
    bbox: [-0.13765, 52.101433, 0.953267, 52.7164],
    sha: '4a1114f840351fd7',
  },
  'SkyDolly-Valid-1.igc': {
    fixes: 3,
    first: '2024-10-12T11:05:25Z',
    last: '2024-10-12T11:10:25Z',
    bbox: [-103.298783, 20.523217, -103.298633, 20.523633],
    sha: 'e4965279d3d83581',
  },
  // one malformed "BInvalidFixPoint" line is skipped; the two good fixes are read
  'SkyDolly-Invalid-1.igc': {
    fixes: 2,
    first: '2024-10-12T11:05:55Z',
    last: '2024-10-12T11:10:25Z',
    bbox: [-103.298783, 20.523217, -103.298717, 20.523433],
    skipped: 1,
    sha: '87a2422d1c14891d',
  },
};

describe('IGC reader on real files', () => {
  for (const [file, facts] of Object.entries(FACTS)) {
    it(`${file}: the facts of SOURCES.md`, async (t) => {
      const p = fixture(t, `igc/${file}`);
      if (!p) return;
      const { tracks, report } = await readTracks(p);
      assert.equal(report.format, 'igc');
      assert.equal(tracks.length, 1);
      assert.equal(tracks[0].id, file);
      assertFacts(p, tracks, report, facts);
    });
  }

  it('skips and counts V fixes, naming their lines', async (t) => {
    const p = fixture(t, 'igc/20211015.igc');
    if (!p) return;
    const { report } = await readTracks(p);
    assert.deepEqual(
      report.skipped.map((s) => [s.where.slice(p.length), s.why]),
      [3196, 3197, 3198].map((l) => [`:${l}`, 'fix validity V (no 3D GPS fix)']),
    );
  });

  it('names a malformed B line', async (t) => {
    const p = fixture(t, 'igc/SkyDolly-Invalid-1.igc');
    if (!p) return;
    const { report } = await readTracks(p);
    assert.equal(report.skipped[0].where, `${p}:21`);
    assert.match(report.skipped[0].why, /^not a B record .*"BInvalidFixPoint"$/);
  });

  it('crosses UTC midnight in the New Zealand flight: times keep rising into the next day', async (t) => {
    const p = fixture(t, 'igc/2016-11-08-xcs-aaa-02.igc');
    if (!p) return;
    const { tracks } = await readTracks(p);
    const tt = tracks[0].t;
    for (let i = 1; i < tt.length; i++) assert.ok(tt[i] > tt[i - 1]);
    assert.ok(tt.some((v) => new Date(v).toISOString().startsWith('2016-11-09T00:')));
  });

  it('reads GNSS altitude in metres', async (t) => {
    const p = fixture(t, 'igc/20180427.igc');
    if (!p) return;
    const { tracks } = await readTracks(p);
    assert.equal(tracks[0].altM[0], 583);
  });

  for (const [file, sha, why] of [
    ['SkyDolly-Empty.igc', 'e3b0c44298fc1c14', /the file is empty \(0 bytes\)$/],
    ['SkyDolly-Invalid-3.igc', '991fffa640dbab03', /it has no B \(fix\) records/],
  ] as const) {
    it(`${file}: no usable fix, and the error says why`, async (t) => {
      const p = fixture(t, `igc/${file}`);
      if (!p) return;
      assert.equal(sha16(p), sha);
      await assert.rejects(readTracks(p), (e: unknown) => {
        assert.ok(e instanceof CoastwatchError && e.code === 'track.no-fixes' && e.where === p);
        assert.match(e.message, why);
        return true;
      });
    });
  }
});

describe('IGC details', () => {
  const write = (dir: string, name: string, lines: string[]) => {
    const p = join(dir, name);
    writeFileSync(p, `${lines.join('\r\n')}\r\n`);
    return p;
  };

  it('rolls over UTC midnight, and does not for a small step back', async () => {
    const { dir, done } = tempDir();
    try {
      const p = write(dir, 'night.igc', [
        'AXXX001',
        'HFDTE311226',
        'B2359503210000N01500000EA0100001000',
        'B2359593210100N01500100EA0100001000',
        'B2359553210150N01500150EA0100001000',
        'B0000093210200N01500200EA0100001000',
        'B0100003210300N01500300EA0100001000',
      ]);
      const { tracks, report } = await readTracks(p);
      assert.equal(report.fixes, 5);
      const iso = [...tracks[0].t].map((v) => new Date(v).toISOString());
      // sorted by time: the 23:59:55 fix (a logger glitch) goes before 23:59:59
      assert.deepEqual(iso, [
        '2026-12-31T23:59:50.000Z',
        '2026-12-31T23:59:55.000Z',
        '2026-12-31T23:59:59.000Z',
        '2027-01-01T00:00:09.000Z',
        '2027-01-01T01:00:00.000Z',
      ]);
      assert.equal(tracks[0].lat[0], 32 + 10 / 60);
      assert.equal(tracks[0].lon[3], 15 + 0.2 / 60);
    } finally {
      done();
    }
  });

  it('reads the HFDTEDATE:DDMMYY,NN form and southern/western hemispheres', async () => {
    const { dir, done } = tempDir();
    try {
      const p = write(dir, 'sw.igc', [
        'AXXX001',
        'HFDTEDATE:010224,02',
        'B1200004500000S07030000WA0010000120',
      ]);
      const { tracks } = await readTracks(p);
      assert.equal(new Date(tracks[0].t[0]).toISOString(), '2024-02-01T12:00:00.000Z');
      assert.equal(tracks[0].lat[0], -45);
      assert.equal(tracks[0].lon[0], -70.5);
      assert.equal(tracks[0].altM[0], 120);
    } finally {
      done();
    }
  });

  it('keeps fixes untimed, with a note, when there is no date header', async () => {
    const { dir, done } = tempDir();
    try {
      const p = write(dir, 'nodate.igc', ['AXXX001', 'B1200004500000N00700000EA0010000120']);
      const { tracks, report } = await readTracks(p);
      assert.ok(Number.isNaN(tracks[0].t[0]));
      assert.match(report.notes?.join() ?? '', /no HFDTE date header/);
    } finally {
      done();
    }
  });
});
