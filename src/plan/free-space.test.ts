import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LonLat } from '../geo/lonlat.js';
import { FreeSpace } from './free-space.js';

describe('FreeSpace', () => {
  // an open coast running west to east along 33N with the sea to the north (on its left)
  const line: LonLat[] = [
    [12, 33],
    [13, 33],
    [14, 33],
  ];
  it('keeps the standoff band', () => {
    const f = new FreeSpace([line], 20, []);
    assert.equal(f.pointFree([13, 33.1]), false);
    assert.equal(f.pointFree([13, 33.3]), true);
  });

  it('keeps to the sea side of a coast whose sea side is known, and cannot tell past an open end', () => {
    const f = new FreeSpace([line], 20, [], { seaLeft: [true], sideCapKm: 200 });
    assert.equal(f.pointFree([13, 33.5]), true);
    assert.equal(f.pointFree([13, 32.5]), false, 'inland, south of the coast');
    assert.equal(f.pointFree([15, 32.5]), true, 'past the east end nothing says it is land');
    assert.equal(
      new FreeSpace([line], 20, []).pointFree([13, 32.5]),
      true,
      'without a sea side, only the band counts',
    );
  });

  it('tells inside from outside of an island ring walked with the sea on its left, corners included', () => {
    // clockwise seen from above: sea on the left
    const ring: LonLat[] = [
      [12, 33],
      [12, 34],
      [13, 34],
      [13, 33],
      [12, 33],
    ];
    const f = new FreeSpace([ring], 5, [], { seaLeft: [true], sideCapKm: 200 });
    assert.equal(f.pointFree([12.5, 33.5]), false, 'the middle of the island');
    assert.equal(f.pointFree([11.5, 33.5]), true);
    assert.equal(f.pointFree([11.8, 32.8]), true, 'off a corner');
    assert.equal(f.pointFree([13.2, 34.2]), true, 'off the opposite corner');
  });
});
