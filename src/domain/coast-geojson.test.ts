import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LonLat } from '../geo/lonlat.js';
import { ringSignedArea } from '../geo/polyline.js';
import { clipCoastToBBox, coastFromGeoJSON, polygonsFromGeoJSON } from './coast-geojson.js';
import { CoastwatchError } from './errors.js';
import type { CoastLine } from './scenario.js';

/** An anticlockwise square ring (as RFC 7946 wants exterior rings) with corner (x, y) and side d. */
function square(x: number, y: number, d: number): LonLat[] {
  return [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ];
}

function badGeoJSON(fn: () => unknown, message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof CoastwatchError);
    assert.equal(e.kind, 'input');
    assert.equal(e.code, 'scenario.bad-geojson');
    assert.equal(e.message, message);
    return true;
  });
}

describe('coastFromGeoJSON', () => {
  it('keeps a LineString as a line of unknown sea side', () => {
    const lines = coastFromGeoJSON({
      type: 'LineString',
      coordinates: [
        [12, 33],
        [13, 33.5],
        [14, 33],
      ],
    });
    assert.deepEqual(lines, [
      {
        coords: [
          [12, 33],
          [13, 33.5],
          [14, 33],
        ],
        closed: false,
        seaSide: 'unknown',
      },
    ]);
  });

  it('marks a line that ends where it starts closed, and drops repeated vertices', () => {
    const [line] = coastFromGeoJSON({
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 0],
        [1, 0],
        [1, 1, 25],
        [0, 0],
      ],
    });
    assert.equal(line.closed, true);
    assert.deepEqual(line.coords, [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ]);
  });

  it('turns polygon rings so the sea is on the left: outline clockwise, holes anticlockwise', () => {
    const outer = square(10, 30, 4);
    const hole = square(11, 31, 1).reverse(); // RFC 7946 holes run clockwise
    const lines = coastFromGeoJSON({ type: 'Polygon', coordinates: [outer, hole] });
    assert.equal(lines.length, 2);
    assert.ok(lines.every((l) => l.closed && l.seaSide === 'left'));
    assert.ok(ringSignedArea(lines[0].coords) < 0);
    assert.ok(ringSignedArea(lines[1].coords) > 0);
    // whatever way round the file has them
    const flipped = coastFromGeoJSON({ type: 'Polygon', coordinates: [[...outer].reverse()] });
    assert.deepEqual(flipped[0].coords, lines[0].coords);
  });

  it('turns a polygon across the antimeridian the same way', () => {
    const ring: LonLat[] = [
      [179, -17],
      [-179, -17],
      [-179, -16],
      [179, -16],
      [179, -17],
    ];
    const [line] = coastFromGeoJSON({ type: 'Polygon', coordinates: [ring] });
    assert.ok(ringSignedArea(line.coords) < 0);
    assert.deepEqual(line.coords[1], [179, -16]);
  });

  it('reads Features, FeatureCollections, GeometryCollections and the Multi types', () => {
    const lines = coastFromGeoJSON({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(2, 0, 1)]] },
        },
        { type: 'Feature', properties: null, geometry: null },
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'GeometryCollection',
            geometries: [
              {
                type: 'MultiLineString',
                coordinates: [
                  [
                    [5, 5],
                    [6, 6],
                  ],
                  [
                    [7, 7],
                    [8, 8],
                  ],
                ],
              },
              {
                type: 'LineString',
                coordinates: [
                  [9, 9],
                  [9.5, 9],
                ],
              },
            ],
          },
        },
      ],
    });
    assert.deepEqual(
      lines.map((l) => [l.closed, l.seaSide]),
      [
        [true, 'left'],
        [true, 'left'],
        [false, 'unknown'],
        [false, 'unknown'],
        [false, 'unknown'],
      ],
    );
  });

  it('names the exact position of a bad coordinate', () => {
    const ring = square(10, 30, 4);
    ring.splice(4, 0, [200, 31]);
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
        },
        { type: 'Feature', properties: {}, geometry: null },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } },
      ],
    };
    badGeoJSON(
      () => coastFromGeoJSON(fc),
      'coast.geojson.features[2].geometry.coordinates[0][4]: longitude 200 is outside -180..180',
    );
  });

  it('refuses other malformed input with the field and the fix', () => {
    badGeoJSON(
      () => coastFromGeoJSON('Libya'),
      'coast.geojson: must be a GeoJSON object (LineString, MultiLineString, Polygon or MultiPolygon, or a Feature / FeatureCollection of them), got "Libya"',
    );
    badGeoJSON(
      () => coastFromGeoJSON({ type: 'Point', coordinates: [1, 2] }),
      'coast.geojson.type: a Point cannot be a coast: use LineString, MultiLineString, Polygon or MultiPolygon',
    );
    badGeoJSON(
      () => coastFromGeoJSON({ type: 'Polyline', coordinates: [] }),
      'coast.geojson.type: unknown GeoJSON type "Polyline": use LineString, MultiLineString, Polygon or MultiPolygon, or a Feature / FeatureCollection of them',
    );
    badGeoJSON(
      () => coastFromGeoJSON({ type: 'LineString', coordinates: [[1, 2]] }),
      'coast.geojson.coordinates: must be a list of at least 2 positions [lon, lat]: it has 1',
    );
    badGeoJSON(
      () =>
        coastFromGeoJSON({
          type: 'LineString',
          coordinates: [
            [1, 2],
            [1, 2],
          ],
        }),
      'coast.geojson.coordinates: all positions of the line are the same point: a line needs 2 different ones',
    );
    badGeoJSON(
      () =>
        coastFromGeoJSON({
          type: 'LineString',
          coordinates: [
            [1, 2],
            ['3', 4],
          ],
        }),
      'coast.geojson.coordinates[1]: longitude must be a number, got "3"',
    );
    badGeoJSON(
      () => coastFromGeoJSON({ type: 'LineString', coordinates: [[1, 2], [3]] }),
      'coast.geojson.coordinates[1]: must be a position [lon, lat], got [3]',
    );
    badGeoJSON(
      () =>
        coastFromGeoJSON({
          type: 'LineString',
          coordinates: [
            [13, 33],
            [33.5, 95],
          ],
        }),
      'coast.geojson.coordinates[1]: latitude 95 is outside -90..90 (GeoJSON positions are [lon, lat]: are these swapped?)',
    );
    badGeoJSON(
      () =>
        coastFromGeoJSON({
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 1],
            ],
          ],
        }),
      'coast.geojson.coordinates[0]: a ring must end where it starts: repeat the first position [0, 0] at the end',
    );
    badGeoJSON(
      () =>
        coastFromGeoJSON({
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 1],
              [2, 2],
              [0, 0],
            ],
          ],
        }),
      'coast.geojson.coordinates[0]: the ring encloses no area (its positions lie on one line)',
    );
    badGeoJSON(
      () =>
        coastFromGeoJSON({ type: 'FeatureCollection', features: [{ type: 'LineString', coordinates: [] }] }),
      'coast.geojson.features[0]: must be a Feature ({ "type": "Feature", "geometry": ... }), got {"type":"LineString","coordinates":[]}',
    );
    badGeoJSON(
      () => coastFromGeoJSON({ type: 'Feature', properties: {} }, 'coast.geojson'),
      'coast.geojson: must have a "geometry" (null when it has none)',
    );
  });
});

describe('polygonsFromGeoJSON', () => {
  it('takes an empty MultiPolygon as no areas', () => {
    assert.deepEqual(polygonsFromGeoJSON({ type: 'MultiPolygon', coordinates: [] }), []);
  });

  it('gives one entry per polygon, rings closed', () => {
    const out = polygonsFromGeoJSON({
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[square(0, 0, 1), square(0.2, 0.2, 0.1)], [square(5, 5, 1)]],
      },
    });
    assert.equal(out.length, 2);
    assert.equal(out[0].length, 2);
    assert.deepEqual(out[1][0], square(5, 5, 1));
  });

  it('refuses lines, which have no inside', () => {
    badGeoJSON(
      () =>
        polygonsFromGeoJSON({
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
        }),
      'noFly.geometry.type: a LineString cannot be an area: use Polygon or MultiPolygon',
    );
  });
});

describe('clipCoastToBBox', () => {
  const ring = (coords: LonLat[]): CoastLine => ({ coords, closed: true, seaSide: 'left' });

  it('keeps a ring inside the box closed', () => {
    const r = ring(square(1, 1, 1));
    assert.deepEqual(clipCoastToBBox([r], [0, 0, 5, 5]), [r]);
  });

  it('drops coast outside the box', () => {
    assert.deepEqual(clipCoastToBBox([ring(square(10, 10, 1))], [0, 0, 5, 5]), []);
  });

  it('cuts a ring the box crosses into an open line that keeps its direction and sea side', () => {
    // a clockwise island from (0,0) whose east half sticks out of the box at x = 1
    const island: LonLat[] = [
      [0, 0],
      [0, 2],
      [2, 2],
      [2, 0],
      [0, 0],
    ];
    const out = clipCoastToBBox([ring(island)], [-1, -1, 1, 3]);
    assert.deepEqual(out, [
      {
        coords: [
          [1, 0],
          [0, 0],
          [0, 2],
          [1, 2],
        ],
        closed: false,
        seaSide: 'left',
      },
    ]);
  });

  it('cuts a line that leaves and comes back into two, interpolating the crossings', () => {
    const line: CoastLine = {
      coords: [
        [0, 0],
        [4, 4],
        [8, 0],
      ],
      closed: false,
      seaSide: 'unknown',
    };
    const out = clipCoastToBBox([line], [-1, -1, 9, 2]);
    assert.deepEqual(
      out.map((l) => [l.coords, l.closed, l.seaSide]),
      [
        [
          [
            [0, 0],
            [2, 2],
          ],
          false,
          'unknown',
        ],
        [
          [
            [6, 2],
            [8, 0],
          ],
          false,
          'unknown',
        ],
      ],
    );
  });

  it('takes a box across the antimeridian (west > east)', () => {
    const line: CoastLine = {
      coords: [
        [170, -10],
        [178, -10],
        [-178, -10],
        [-170, -10],
      ],
      closed: false,
      seaSide: 'left',
    };
    const out = clipCoastToBBox([line], [175, -20, -175, 0]);
    assert.equal(out.length, 1);
    assert.deepEqual(out[0].coords, [
      [175, -10],
      [178, -10],
      [-178, -10],
      [-175, -10],
    ]);
  });
});
