import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/support/temp.js';
import { assertFacts, type Facts, fixture, sha16 } from '../../../test/support/tracks.js';
import { CoastwatchError } from '../../domain/errors.js';
import { readTracks } from './read.js';

// facts from SOURCES.md, over the trkpt only: routes (<rte>) are plans, not flown tracks, and are skipped
const FACTS: Record<string, Facts> = {
  'gpx1.0_with_all_fields.gpx': {
    fixes: 1,
    tracks: 1,
    first: '2013-01-01T12:00:04Z',
    last: '2013-01-01T12:00:04Z',
    bbox: [-20.2, 10.1, -20.2, 10.1],
    sha: '139b0410e433957c',
  },
  'gpx1.1_with_all_fields.gpx': {
    fixes: 1,
    tracks: 1,
    first: '2013-01-01T12:00:04Z',
    last: '2013-01-01T12:00:04Z',
    bbox: [-20.2, 10.1, -20.2, 10.1],
    sha: 'd5a0db5b0ab16b92',
  },
  'around-visnjan-with-car.gpx': {
    fixes: 104,
    tracks: 1,
    first: '2020-12-18T06:15:50Z',
    last: '2020-12-18T06:24:24Z',
    bbox: [13.711518, 45.272476, 13.722445, 45.280915],
    sha: '7c624f58f0675d00',
  },
  'korita-zbevnica.gpx': {
    fixes: 871,
    tracks: 3,
    first: '2010-10-03T09:36:30Z',
    last: '2010-10-03T13:19:31Z',
    bbox: [14.003989, 45.367775, 14.167957, 45.463081],
    sha: '14125bf02a5144dd',
  },
  'cerknicko-without-times.gpx': {
    fixes: 296,
    tracks: 7,
    first: '2010-08-05T16:22:52Z',
    last: '2010-08-05T16:23:49Z',
    bbox: [14.304351, 45.744161, 14.367124, 45.791723],
    sha: 'de901607a7b0e02b',
  },
  'track-with-empty-segment.gpx': {
    fixes: 9,
    tracks: 1,
    first: '2013-07-06T17:26:26Z',
    last: '2013-07-06T17:27:42Z',
    bbox: [6.081969, 50.777213, 6.082723, 50.777734],
    sha: '2a48b06b106b2ce1',
  },
  'Friday-Evening-Run.gpx': {
    fixes: 17,
    tracks: 1,
    first: '2025-05-02T15:51:15.692Z',
    last: '2025-05-02T16:34:05Z',
    bbox: [4.06024, 51.901502, 4.069279, 51.903596],
    sha: 'a994ce7919881176',
  },
  'apple_watch_route.gpx': {
    fixes: 44,
    tracks: 1,
    first: '2019-12-15T20:19:55Z',
    last: '2019-12-15T20:20:38Z',
    bbox: [-81.097216, 32.064856, -81.09652, 32.064999],
    sha: 'b876d767fd2b3377',
  },
  'run_gpxtpx.gpx': {
    fixes: 42,
    tracks: 1,
    first: '2015-01-19T21:24:20Z',
    last: '2015-01-19T21:25:01Z',
    bbox: [-122.408018, 37.783292, -122.407225, 37.784222],
    sha: '547bf01b60378f71',
  },
  // a VFR flight plan (<rte>, skipped) beside a one-point <trk>
  'LittleNavmap.gpx': {
    fixes: 1,
    tracks: 1,
    first: '2022-02-23T08:20:29Z',
    last: '2022-02-23T08:20:29Z',
    bbox: [30.555239, 20.197842, 30.555239, 20.197842],
    sha: '891b10eee7840ad1',
  },
  'gpx_timezone.gpx': {
    fixes: 1,
    tracks: 1,
    first: '2021-01-07T20:36:59.179Z',
    last: '2021-01-07T20:36:59.179Z',
    bbox: [14, 3, 14, 3],
    sha: 'a0ff7d7a8d364c7f',
  },
  // the lat=100/200 pause markers are skipped: the strict bbox SOURCES.md gives
  'legacy_gpx_pause_resume.gpx': {
    fixes: 4,
    tracks: 1,
    first: '2021-01-07T21:51:59.179Z',
    last: '2021-01-07T21:52:04.103Z',
    bbox: [14, 3, 14.003, 3],
    skipped: 2,
    sha: '4ecbfa58b243ad01',
  },
};

describe('GPX reader on real files', () => {
  for (const [file, facts] of Object.entries(FACTS)) {
    it(`${file}: the facts of SOURCES.md`, async (t) => {
      const p = fixture(t, `gpx/${file}`);
      if (!p) return;
      const { tracks, report } = await readTracks(p);
      assert.equal(report.format, 'gpx');
      assertFacts(p, tracks, report, facts);
    });
  }

  it('names the skipped pause markers by line and why', async (t) => {
    const p = fixture(t, 'gpx/legacy_gpx_pause_resume.gpx');
    if (!p) return;
    const { report } = await readTracks(p);
    assert.deepEqual(
      report.skipped.map((s) => [s.where.replace(/^.*\//, ''), s.why]),
      [
        ['legacy_gpx_pause_resume.gpx:42', 'latitude 100 is outside -90..90'],
        ['legacy_gpx_pause_resume.gpx:46', 'latitude 200 is outside -90..90'],
      ],
    );
  });

  it('skips routes (<rte>: a plan, not a flight) beside tracks, and says so', async (t) => {
    for (const f of ['gpx1.0_with_all_fields.gpx', 'LittleNavmap.gpx']) {
      const p = fixture(t, `gpx/${f}`);
      const { report } = await readTracks(p);
      assert.match(
        report.notes?.join('\n') ?? '',
        /route.* \(<rte>\) skipped: a route is a plan, not a flown track/,
      );
    }
  });

  it('gives GPX 1.0 and 1.1 forms of one file the same tracks', async (t) => {
    const a = fixture(t, 'gpx/gpx1.0_with_all_fields.gpx');
    const b = fixture(t, 'gpx/gpx1.1_with_all_fields.gpx');
    if (!a || !b) return;
    const ta = (await readTracks(a)).tracks;
    const tb = (await readTracks(b)).tracks;
    assert.deepEqual(
      ta.map((x) => [x.id.replace(/^gpx1\.0_with_all_fields\.gpx/, ''), [...x.lon], [...x.lat], [...x.t]]),
      tb.map((x) => [x.id.replace(/^gpx1\.1_with_all_fields\.gpx/, ''), [...x.lon], [...x.lat], [...x.t]]),
    );
  });

  it('keeps untimed points untimed and in place (korita: one of three tracks has no times)', async (t) => {
    const p = fixture(t, 'gpx/korita-zbevnica.gpx');
    if (!p) return;
    const { tracks } = await readTracks(p);
    const untimed = tracks.filter((x) => x.t.every(Number.isNaN));
    assert.equal(untimed.length, 1);
    assert.equal(untimed[0].t.length, 358);
    assert.equal(
      tracks.reduce((s, x) => s + x.t.filter((v) => !Number.isNaN(v)).length, 0),
      513,
    );
  });

  it('reads altitude from <ele> in metres and keys tracks by name', async (t) => {
    const p = fixture(t, 'gpx/around-visnjan-with-car.gpx');
    if (!p) return;
    const { tracks } = await readTracks(p);
    assert.equal(tracks[0].id, 'around-visnjan-with-car.gpx');
    assert.ok(tracks[0].altM.every((a) => a > 0 && a < 500));
  });

  for (const [file, sha, why] of [
    ['empty_trk.gpx', '4ba41ddff7f0ba5f', /no usable fix: its 1 <trk> have no points/],
    ['trek.gpx', '29414d3aaf01a73d', /only a route \(<rte>\), which is a plan, not a flown track: skipped/],
    ['wpt.gpx', 'eff24dc7b4d61cb8', /only waypoints \(40 <wpt>\), which are not a track/],
  ] as const) {
    it(`${file}: no usable fix, and the error says why`, async (t) => {
      const p = fixture(t, `gpx/${file}`);
      if (!p) return;
      assert.equal(sha16(p), sha);
      await assert.rejects(readTracks(p), (e: unknown) => {
        assert.ok(e instanceof CoastwatchError);
        assert.equal(e.kind, 'input');
        assert.equal(e.code, 'track.no-fixes');
        assert.equal(e.where, p);
        assert.match(e.message, why);
        return true;
      });
    });
  }

  it('reads a file cut off mid-write up to its last complete point, with a note', async () => {
    const { dir, done } = tempDir();
    try {
      const p = join(dir, 'cut.gpx');
      writeFileSync(
        p,
        '<?xml version="1.0"?>\n<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>\n' +
          '<trkpt lat="32.1" lon="15.1"><time>2026-12-01T10:00:00Z</time></trkpt>\n' +
          '<trkpt lat="32.2" lon="15.2"><time>2026-12-01T10:00:10Z</time></trkpt>\n' +
          '<trkpt lat="32.3" lon="15',
      );
      const { tracks, report } = await readTracks(p);
      assert.equal(report.fixes, 2);
      assert.deepEqual([...tracks[0].lat], [32.1, 32.2]);
      assert.match(report.notes?.join('\n') ?? '', /truncated/);
    } finally {
      done();
    }
  });

  it('skips a point whose time does not parse, naming its line', async () => {
    const { dir, done } = tempDir();
    try {
      const p = join(dir, 'badtime.gpx');
      writeFileSync(
        p,
        '<gpx><trk><trkseg>\n<trkpt lat="32.1" lon="15.1"><time>yesterday</time></trkpt>\n' +
          '<trkpt lat="32.2" lon="15.2"><time>2026-12-01T10:00:10Z</time></trkpt>\n</trkseg></trk></gpx>',
      );
      const { report } = await readTracks(p);
      assert.equal(report.fixes, 1);
      assert.deepEqual(report.skipped, [
        { where: `${p}:2`, why: '<time> "yesterday" is not an ISO 8601 date-time' },
      ]);
    } finally {
      done();
    }
  });
});
