import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { LonLat } from '../geo/lonlat.js';
import { FreeSpace } from './free-space.js';
import { Navigator } from './navigator.js';

describe('Navigator one-off searches', () => {
  // a coast with a long peninsula to go round, and a no-fly box off it
  const coast: LonLat[] = [
    [10, 40],
    [11, 40],
    [11, 41.5],
    [11.1, 41.5],
    [11.1, 40],
    [12.5, 40],
  ];
  const noFly: LonLat[][][] = [
    [
      [
        [11.6, 40.8],
        [12, 40.8],
        [12, 41.1],
        [11.6, 41.1],
      ],
    ],
  ];
  const region: [number, number, number, number] = [9, 39, 13.5, 42.5];
  const free = new FreeSpace([coast], 10, noFly);
  const pt = fc
    .tuple(fc.double({ min: 9.2, max: 13.3, noNaN: true }), fc.double({ min: 40.2, max: 42.3, noNaN: true }))
    .map(([x, y]): LonLat => [x, y])
    .filter((p) => free.pointFree(p));

  it('route the same after other searches as on a fresh navigator (reused buffers are reset)', () => {
    const shared = new Navigator(free, region, { maxCells: 4000 });
    let routed = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(pt, pt), { minLength: 3, maxLength: 8 }), (pairs) => {
        for (const [a, b] of pairs) {
          const fresh = new Navigator(free, region, { maxCells: 4000 }).route(a, b);
          const again = shared.route(a, b);
          assert.deepEqual(again, fresh);
          if (fresh && fresh.path.length > 2) routed++;
        }
      }),
      { numRuns: 40 },
    );
    // the property is only worth something if some routes had to go round
    assert.ok(routed > 10, `only ${routed} routes bent`);
  });
});
