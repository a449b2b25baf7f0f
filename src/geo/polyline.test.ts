import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LonLat } from './lonlat.js';
import { clipLineToBBox, dropRepeatedVertices, ringSignedArea } from './polyline.js';

describe('ringSignedArea', () => {
  it('is positive anticlockwise, negative clockwise, closed or not', () => {
    const ccw: LonLat[] = [
      [0, 0],
      [2, 0],
      [2, 1],
      [0, 1],
    ];
    assert.equal(ringSignedArea(ccw), 2);
    assert.equal(ringSignedArea([...ccw, ccw[0]]), 2);
    assert.equal(ringSignedArea([...ccw].reverse()), -2);
  });

  it('measures a ring across the antimeridian as on the globe', () => {
    const ring: LonLat[] = [
      [179, 0],
      [-179, 0],
      [-179, 1],
      [179, 1],
      [179, 0],
    ];
    assert.ok(Math.abs(ringSignedArea(ring) - 2) < 1e-9);
  });

  it('closes a ring round a pole through that pole', () => {
    // eastward round the south pole at 70°S: the cap (land, as Antarctica) is on the right, so clockwise
    const east: LonLat[] = [];
    for (let lon = -180; lon < 180; lon += 30) east.push([lon, -70]);
    east.push(east[0]);
    assert.ok(Math.abs(ringSignedArea(east) + 360 * 20) < 1e-6);
    assert.ok(ringSignedArea([...east].reverse()) > 0);
  });
});

describe('dropRepeatedVertices', () => {
  it('drops only consecutive repeats', () => {
    assert.deepEqual(
      dropRepeatedVertices([
        [0, 0],
        [0, 0],
        [1, 0],
        [0, 0],
      ]),
      [
        [0, 0],
        [1, 0],
        [0, 0],
      ],
    );
  });
});

describe('clipLineToBBox', () => {
  it('joins the piece through the start of a cut ring', () => {
    // starts inside, leaves east, comes back: one piece from the re-entry round through the start
    const ring: LonLat[] = [
      [0, 1],
      [0, 0],
      [3, 0],
      [3, 2],
      [0, 2],
      [0, 1],
    ];
    assert.deepEqual(clipLineToBBox(ring, true, [-1, -1, 1, 3]), [
      {
        coords: [
          [1, 2],
          [0, 2],
          [0, 1],
          [0, 0],
          [1, 0],
        ],
        closed: false,
      },
    ]);
  });

  it('keeps a segment that runs along the edge and ignores a touch at a corner', () => {
    assert.deepEqual(
      clipLineToBBox(
        [
          [0, 0],
          [1, 0],
        ],
        false,
        [0, 0, 1, 1],
      ),
      [
        {
          coords: [
            [0, 0],
            [1, 0],
          ],
          closed: false,
        },
      ],
    );
    assert.deepEqual(
      clipLineToBBox(
        [
          [2, 0],
          [1, 1],
          [2, 2],
        ],
        false,
        [0, 0, 1, 2],
      ),
      [],
    );
  });
});
