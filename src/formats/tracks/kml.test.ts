import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { tempDir } from '../../../test/support/temp.js';
import { assertFacts, type Facts, fixture, sha16 } from '../../../test/support/tracks.js';
import { CoastwatchError } from '../../domain/errors.js';
import { readTracks } from './read.js';

const FACTS: Record<string, Facts> = {
  'gxtrack.kml': {
    fixes: 7,
    tracks: 1,
    first: '2010-05-28T02:02:09Z',
    last: '2010-05-28T02:02:56Z',
    bbox: [-122.207881, 37.371915, -122.203207, 37.374857],
    sha: '85e15c38a51500a2',
  },
  'gxmultitrack.kml': {
    fixes: 26,
    tracks: 1,
    first: '2014-04-12T14:26:16.702Z',
    last: '2014-04-12T14:27:24.638Z',
    bbox: [-72.324839, -40.139583, -71.324739, -40.139527],
    sha: 'b36e02b173eae07a',
  },
  'multitrack.kml': {
    fixes: 16,
    tracks: 1,
    first: '2013-08-08T15:24:47Z',
    last: '2013-08-08T15:25:03Z',
    bbox: [3.681589, 51.050583, 3.68217, 51.050687],
    sha: '71fa7194268d5f91',
  },
  'non_gx_multitrack.kml': {
    fixes: 16,
    tracks: 1,
    first: '2013-08-08T15:24:47Z',
    last: '2013-08-08T15:25:03Z',
    bbox: [3.681589, 51.050583, 3.68217, 51.050687],
    sha: '85c7b6e71ddae66e',
  },
  'linestring.kml': {
    fixes: 4,
    tracks: 2,
    first: null,
    last: null,
    bbox: [-122.364383, 37.824322, -122.363917, 37.824787],
    sha: 'b9947b2c2414446e',
  },
  'multigeometry.kml': {
    fixes: 4,
    tracks: 2,
    first: null,
    last: null,
    bbox: [-122.442838, 37.8066, -122.442551, 37.806664],
    sha: '3c0b2d68a858b6b0',
  },
  'Generic_MultiTrack_Document.kml': {
    fixes: 4,
    tracks: 2,
    first: '2022-01-22T13:15:30Z',
    last: '2022-01-22T13:25:45Z',
    bbox: [36.357808, -4.064538, 38.357808, -2.064538],
    sha: '43dacd15a6bc8d3b',
  },
  // the 3 empty <gx:Track/> give nothing; the LineString and the 1990 Point beside the tracks are not read
  'all-gx.kml': {
    fixes: 2,
    tracks: 1,
    first: '2010-02-07T19:57:44Z',
    last: '2010-02-07T19:57:45Z',
    bbox: [-122.250671, 37.514194, -122.250671, 37.514194],
    sha: '6110f168c3efd083',
  },
  // the empty gx:coord (paired with the first <when>) is skipped: 1 usable point
  'kml22_time_decreases.kml': {
    fixes: 1,
    tracks: 1,
    first: '2021-05-29T18:06:21.767Z',
    last: '2021-05-29T18:06:21.767Z',
    bbox: [14, 3, 14, 3],
    skipped: 1,
    sha: '68ba8994d763b66d',
  },
};

// Flightradar24's and FlightAware's KML layouts in made-up files (their exports may not be redistributed)
const MADE: Record<string, Facts> = {
  // the "invalid timestamp" fix is skipped, 2 are left
  'gxtrack-bad-when.kml': {
    fixes: 2,
    tracks: 1,
    first: '2024-10-11T20:25:00Z',
    last: '2024-10-11T20:30:00Z',
    bbox: [9.05, 52.274, 9.06, 52.276],
    skipped: 1,
  },
  // one timed Point placemark per fix (as Flightradar24 writes), the LineStrings their trail: the Points are
  // the fixes, the "invalid coordinates" one skipped, the rest sorted by time
  'points-per-fix.kml': {
    fixes: 3,
    tracks: 1,
    first: '2024-10-11T20:20:30Z',
    last: '2024-10-11T20:30:00Z',
    bbox: [-103.3, 20.5, -103.1, 20.7],
    skipped: 1,
  },
};

describe('KML reader on real files', () => {
  for (const [file, facts] of [
    ...Object.entries(FACTS).map(([f, x]) => [`kml/${f}`, x] as const),
    ...Object.entries(MADE).map(([f, x]) => [`made/${f}`, x] as const),
  ]) {
    it(`${file}: its facts`, async (t) => {
      const p = fixture(t, file);
      const { tracks, report } = await readTracks(p);
      assert.equal(report.format, 'kml');
      assertFacts(p, tracks, report, facts);
    });
  }

  it('names skipped fixes: an unparseable <when>, bad coordinates, an empty gx:coord', async (t) => {
    const cases: [string, string][] = [
      ['made/gxtrack-bad-when.kml:15', '<when> "invalid timestamp" is not an ISO 8601 date-time'],
      ['made/points-per-fix.kml:14', 'Point <coordinates> "invalid coordinates" is not "lon,lat[,alt]"'],
      ['kml/kml22_time_decreases.kml:12', 'empty <gx:coord>'],
    ];
    for (const [where, why] of cases) {
      const p = fixture(t, where.split(':')[0]);
      if (!p) return;
      const { report } = await readTracks(p);
      assert.deepEqual(report.skipped, [{ where: `${p}:${where.split(':')[1]}`, why }]);
    }
  });

  it('says which placemarks it did not read as tracks', async (t) => {
    const p = fixture(t, 'kml/gxmultitrack.kml');
    if (!p) return;
    const { report } = await readTracks(p);
    assert.match(report.notes?.join('\n') ?? '', /2 timed Point placemarks \(markers\) are not read/);
  });

  it('kml22_when_locations_different.kml: when and coord counts differ, so nothing pairs: no usable fix', async (t) => {
    const p = fixture(t, 'kml/kml22_when_locations_different.kml');
    if (!p) return;
    assert.equal(sha16(p), 'b5e02a866b7e8b96');
    await assert.rejects(readTracks(p), (e: unknown) => {
      assert.ok(e instanceof CoastwatchError && e.code === 'track.no-fixes');
      assert.match(e.message, /all 2 fixes were skipped/);
      assert.match(e.message, /:12: empty <gx:coord>/);
      assert.match(e.message, /:14: gx:Track has 1 <when> and 2 <gx:coord>: this one has no partner/);
      return true;
    });
  });

  it('Empty.kml (0 bytes): no usable fix', async (t) => {
    const p = fixture(t, 'kml/Empty.kml');
    if (!p) return;
    assert.equal(sha16(p), 'e3b0c44298fc1c14');
    await assert.rejects(readTracks(p), {
      code: 'track.no-fixes',
      message: `${p}: no usable fix: the file is empty (0 bytes)`,
    });
  });
});

// libkml's container fixtures: none holds a track, so each must fail cleanly and say why
const KMZ: [string, string, RegExp][] = [
  ['doc.kmz', '3289893d26a2efe5', /none of its 1 Placemarks holds .* \(read doc\.kml\)$/],
  ['multikml-doc.kmz', '8b3faf50d7550fca', /\(read doc\/doc\.kml\)$/],
  ['multikml-nodoc.kmz', 'd0c9cd73bea28805', /\(read z\/c\.kml\)$/],
  ['hier.kmz', '7dcbcf1e519f4d13', /\(read doc\.kml, within\.kml\)$/],
  [
    'nokml.kmz',
    '1d95451f8b4ae0a9',
    /no readable \.kml file \(entries: hi\.txt, foo\/, foo\/bar\/, foo\/bar\/bar\.txt/,
  ],
  [
    'bad-pk-data.kmz',
    'c69749beccec063c',
    /1 Points without a time are places, not fixes.*\(read doc\.kml\)$/,
  ],
  [
    'bad-too-large.kmz',
    '011140a47a9ab1b9',
    /1 Points without a time are places, not fixes.*\(read hello\.kml\)$/,
  ],
  ['points-puntas.kmz', '6666f9319a39f7a0', /11 Points without a time are places, not fixes/],
];

describe('KMZ reader', () => {
  for (const [file, sha, why] of KMZ) {
    it(`${file}: no track, fails cleanly saying why`, async (t) => {
      const p = fixture(t, `kmz/${file}`);
      if (!p) return;
      assert.equal(sha16(p), sha);
      await assert.rejects(readTracks(p), (e: unknown) => {
        assert.ok(e instanceof CoastwatchError);
        assert.equal(e.code, 'track.no-fixes');
        assert.match(e.message, why);
        return true;
      });
    });
  }

  it('bad-too-large.kmz: trusts no stated size (4 GB) and expands no external entity', async (t) => {
    const p = fixture(t, 'kmz/bad-too-large.kmz');
    if (!p) return;
    const before = process.memoryUsage().rss;
    await assert.rejects(readTracks(p), { code: 'track.no-fixes' });
    assert.ok(process.memoryUsage().rss - before < 64 * 2 ** 20);
  });

  it('reads a track from a KMZ made of gxtrack.kml, and one linked from doc.kml inside the archive', async (t) => {
    const src = fixture(t, 'kml/gxtrack.kml');
    if (!src) return;
    const { dir, done } = tempDir();
    try {
      const kml = readFileSync(src);
      const a = join(dir, 'one.kmz');
      writeFileSync(a, zipSync({ 'doc.kml': kml }));
      const one = await readTracks(a);
      assert.equal(one.report.format, 'kmz');
      assertFacts(a, one.tracks, one.report, {
        fixes: 7,
        tracks: 1,
        first: '2010-05-28T02:02:09Z',
        last: '2010-05-28T02:02:56Z',
        bbox: [-122.207881, 37.371915, -122.203207, 37.374857],
      });
      const b = join(dir, 'linked.kmz');
      const doc =
        '<kml><Document><NetworkLink><Link><href>files/t.kml</href></Link></NetworkLink></Document></kml>';
      writeFileSync(b, zipSync({ 'doc.kml': strToU8(doc), 'files/t.kml': kml }));
      const linked = await readTracks(b);
      assert.equal(linked.report.fixes, 7);
    } finally {
      done();
    }
  });

  it('a corrupt zip is unreadable, said plainly', async () => {
    const { dir, done } = tempDir();
    try {
      const p = join(dir, 'broken.kmz');
      const z = zipSync({
        'doc.kml': strToU8(
          '<kml><Placemark><LineString><coordinates>1,2 3,4</coordinates></LineString></Placemark></kml>',
        ),
      });
      writeFileSync(p, z.subarray(0, 40));
      await assert.rejects(readTracks(p), (e: unknown) => {
        assert.ok(e instanceof CoastwatchError && e.kind === 'input');
        assert.equal(e.code, 'track.unreadable');
        assert.match(e.message, /broken\.kmz: cannot read it as a KMZ \(zip\) archive: .*copied whole$/);
        return true;
      });
    } finally {
      done();
    }
  });
});
