import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LonLat } from '../geo/lonlat.js';
import { FreeSpace } from './free-space.js';
import { LandMask } from './land-mask.js';

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

  // a square island of land from 13E to 14E, 32N to 33N (south of the coast line's middle)
  const island: LonLat[][][] = [
    [
      [
        [13, 32],
        [14, 32],
        [14, 33],
        [13, 33],
      ],
    ],
  ];

  it('keeps off land it must not overfly, with a margin off its shore', () => {
    const noLand = new LandMask(island);
    const f = new FreeSpace([], 0, [], { noLand });
    assert.equal(f.pointFree([13.5, 32.5]), false, 'on the land');
    assert.equal(f.pointFree([13.5, 31.5]), true, 'south of it, at sea');
    assert.equal(f.pointFree([12.999, 32.5]), false, 'within 0.3 km of its shore');
    assert.equal(f.legFree([12.5, 32.5], [14.5, 32.5]), false, 'a leg across it');
    assert.equal(f.legFree([12.5, 31.9], [14.5, 31.9]), true, 'a leg past it');
    assert.equal(new FreeSpace([line], 20, []).pointFree([13, 32.5]), true, 'land not given counts as free');
  });

  it('tells sea from land through holes and shared borders', () => {
    const withLake: LonLat[][][] = [
      [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
        ],
        [
          [1, 1],
          [3, 1],
          [3, 3],
          [1, 3],
        ],
      ],
      // a neighbour sharing the border x = 4
      [
        [
          [4, 0],
          [6, 0],
          [6, 4],
          [4, 4],
        ],
      ],
    ];
    const m = new LandMask(withLake);
    const f = new FreeSpace([], 0, [], { anyLand: m });
    assert.equal(f.atSea([0.5, 2]), false);
    assert.equal(f.atSea([2, 2]), true, 'the lake');
    assert.equal(f.atSea([5, 2]), false, 'the neighbour');
    assert.equal(f.atSea([7, 2]), true);
    assert.deepEqual(m.crossings(2), [0, 1, 3, 4, 4, 6]);
  });
});
