import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/support/temp.js';
import { assertFacts, type Facts, fixture } from '../../../test/support/tracks.js';
import { readTracks } from './read.js';

// togeojson's historical outputs: the legacy properties.coordTimes layout, flat or nested
const FACTS: Record<string, Facts> = {
  'gxtrack.kml.geojson': {
    fixes: 7,
    tracks: 1,
    first: '2010-05-28T02:02:09Z',
    last: '2010-05-28T02:02:56Z',
    bbox: [-122.207881, 37.371915, -122.203207, 37.374857],
    sha: '4928a0d110fbec69',
  },
  // a GeometryCollection of 2 LineStrings with nested coordTimes; the 2 marker Points are not fixes
  'gxmultitrack.kml.geojson': {
    fixes: 26,
    tracks: 1,
    first: '2014-04-12T14:26:16.702Z',
    last: '2014-04-12T14:27:24.638Z',
    bbox: [-72.324839, -40.139583, -71.324739, -40.139527],
    sha: '045eac2b9194430d',
  },
  'missing_hr.gpx.geojson': {
    fixes: 16,
    tracks: 1,
    first: '2017-05-27T04:00:00Z',
    last: '2017-05-27T04:02:02Z',
    bbox: [13.81538, 47.872412, 13.815543, 47.872896],
    sha: 'e201e022a97feb6a',
  },
  'run.gpx.geojson': {
    fixes: 206,
    tracks: 1,
    first: '2012-10-24T23:29:40Z',
    last: '2012-10-24T23:45:28Z',
    bbox: [-77.025755, 38.920014, -77.012159, 38.92796],
    sha: 'f5cc0ac1c36dd541',
  },
  'osm.gpx.geojson': {
    fixes: 5000,
    tracks: 3,
    first: '2007-05-11T15:22:06Z',
    last: '2009-09-13T09:54:03Z',
    bbox: [-77.014145, 38.891039, -77.002754, 38.908122],
    sha: '7f0d7b782edec990',
  },
  // features out of chronological order: first/last are the min and max
  'blue_hills.gpx.geojson': {
    fixes: 1242,
    tracks: 3,
    first: '2001-05-26T15:15:07Z',
    last: '2001-10-13T21:25:40Z',
    bbox: [-71.119845, 42.205439, -71.069634, 42.228312],
    sha: '1e8469db8eee7231',
  },
};

describe('GeoJSON reader on real files', () => {
  for (const [file, facts] of Object.entries(FACTS)) {
    it(`${file}: the facts of SOURCES.md`, async (t) => {
      const p = fixture(t, `geojson/${file}`);
      if (!p) return;
      const { tracks, report } = await readTracks(p);
      assert.equal(report.format, 'geojson');
      assertFacts(p, tracks, report, facts);
    });
  }

  it('osm.gpx.geojson: the third trace has no times and is read untimed', async (t) => {
    const p = fixture(t, 'geojson/osm.gpx.geojson');
    if (!p) return;
    const { tracks } = await readTracks(p);
    assert.deepEqual(
      tracks.map((x) => [x.id, x.t.length, x.t.every(Number.isNaN)]),
      [
        ['osm.gpx.geojson#dc.zip', 2280, false],
        ['osm.gpx.geojson#GPS_20090913_001033.gpx', 115, false],
        ['osm.gpx.geojson#feature3', 2605, true],
      ],
    );
  });
});

describe('GeoJSON layouts', () => {
  const read = async (doc: unknown) => {
    const { dir, done } = tempDir();
    try {
      const p = join(dir, 'x.geojson');
      writeFileSync(p, JSON.stringify(doc));
      return { p, ...(await readTracks(p)) };
    } finally {
      done();
    }
  };

  it('reads coordinateProperties.times (togeojson >= 4.4), epoch numbers, and altitude', async () => {
    const { tracks, report } = await read({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {
            name: 'SEEK21',
            coordinateProperties: { times: ['2026-12-01T10:00:00Z', 1796119210] },
          },
          geometry: {
            type: 'LineString',
            coordinates: [
              [15, 32.5, 3000],
              [15.1, 32.6],
            ],
          },
        },
      ],
    });
    assert.equal(report.fixes, 2);
    assert.equal(tracks[0].id, 'x.geojson');
    assert.equal(tracks[0].name, 'SEEK21');
    assert.deepEqual([...tracks[0].t], [Date.UTC(2026, 11, 1, 10), 1796119210000]);
    assert.equal(tracks[0].altM[0], 3000);
    assert.ok(Number.isNaN(tracks[0].altM[1]));
  });

  it('reads our own audit file: track features with properties.times, every other kind left out', async () => {
    const { tracks, report } = await read({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { kind: 'coast' },
          geometry: {
            type: 'MultiLineString',
            coordinates: [
              [
                [11, 33],
                [12, 33],
              ],
            ],
          },
        },
        // an audit file's holes and a plan file's sorties are lines without times: not tracks either
        {
          type: 'Feature',
          properties: { kind: 'hole' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [11, 33],
              [11.5, 33],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { kind: 'sortie' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [12, 35],
              [12, 34],
              [12, 35],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { kind: 'track', times: ['2026-12-01T10:00:00Z', '2026-12-01T10:00:10Z'] },
          geometry: {
            type: 'LineString',
            coordinates: [
              [15, 32.5],
              [15.1, 32.6],
            ],
          },
        },
      ],
    });
    assert.equal(report.fixes, 2);
    assert.equal(tracks.length, 1);
    assert.match(report.notes?.join() ?? '', /3 features whose kind is not "track"/);
  });

  it('skips bad coordinates and times, naming the feature and vertex', async () => {
    const { p, report } = await read({
      type: 'Feature',
      properties: { coordTimes: ['2026-12-01T10:00:00Z', 'soon', '2026-12-01T10:00:20Z'] },
      geometry: {
        type: 'LineString',
        coordinates: [
          [15, 32.5],
          [15.1, 32.6],
          [15.2, 'x'],
          [15.3, 32.8],
        ],
      },
    });
    assert.equal(report.fixes, 1);
    assert.deepEqual(report.skipped, [
      { where: `${p}: features[0].geometry.coordinates[1]`, why: 'time "soon" is not ISO 8601 or epoch' },
      {
        where: `${p}: features[0].geometry.coordinates[2]`,
        why: 'coordinate [15.2,"x"] is not [lon, lat(, alt)]',
      },
      {
        where: `${p}: features[0].geometry.coordinates[3]`,
        why: '3 times for 4 coordinates: this one has none',
      },
    ]);
  });

  it('a file of waypoints only has no usable fix', async () => {
    await assert.rejects(
      read({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } }],
      }),
      {
        code: 'track.no-fixes',
        message: /none of its 1 features is a line \(LineString, MultiLineString\) or a timed Point$/,
      },
    );
  });
});
