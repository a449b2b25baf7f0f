import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { destination } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { FreeSpace } from './free-space.js';
import { DistanceTiles, tileAtLeast } from './free-tiles.js';
import { LandMask } from './land-mask.js';

/** A ragged coast round (lon0, lat0): a zig-zag line (fjord-like teeth) and a ring of land with a hole. */
function world(lon0: number, lat0: number, seed: number) {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const coast: LonLat[] = [];
  for (let k = 0; k <= 60; k++) coast.push([lon0 - 3 + k * 0.1, lat0 + (k % 2 ? 0.25 : 0) * rnd()]);
  const land: LonLat[][][] = [
    [
      [
        [lon0 - 1, lat0 - 1],
        [lon0 + 1, lat0 - 1],
        [lon0 + 1.2, lat0 - 0.3],
        [lon0 - 0.5, lat0 - 0.2],
      ],
      [
        [lon0 - 0.2, lat0 - 0.8],
        [lon0 + 0.3, lat0 - 0.8],
        [lon0 + 0.3, lat0 - 0.5],
      ],
    ],
  ];
  return { coast, land };
}

describe('DistanceTiles', () => {
  it('keeps the centre value, capped, and measures each tile once', () => {
    let calls = 0;
    const t = new DistanceTiles(
      (p) => {
        calls++;
        return { km: Math.abs(p[1]) * 111, flag: p[0] > 0 };
      },
      { tileKm: 4, capKm: 50 },
    );
    const a = t.at([10, 0.2]);
    assert.ok(a);
    assert.ok(Math.abs(a.centreKm - 0.2 * 111) < 3, `${a.centreKm}`);
    assert.equal(a.flag, true);
    assert.ok(a.halfKm > 2.8 && a.halfKm < 3.1, `${a.halfKm}`);
    t.at([10.001, 0.2001]);
    assert.equal(calls, 1, 'the same tile is not measured twice');
    const far = t.at([10, 5]);
    assert.equal(far?.capped, true);
    assert.equal(t.at([0, 89]), null, 'no tiles near the poles');
  });

  it('answers only when the whole tile is on one side of the threshold', () => {
    const b = { centreKm: 30, capped: false, halfKm: 3, flag: false };
    assert.equal(tileAtLeast(b, 20, 0), true);
    assert.equal(tileAtLeast(b, 40, 0), false);
    assert.equal(tileAtLeast(b, 28, 0), null);
    assert.equal(tileAtLeast(b, 20, 7.5), null, 'a piece reaching 7.5 km from the centre may come nearer');
    assert.equal(tileAtLeast({ ...b, capped: true }, 40, 0), null, 'a capped value is a lower bound only');
  });
});

describe('FreeSpace with tiles agrees with the exact checks', () => {
  for (const [lon0, lat0] of [
    [13, 33],
    [15, 69],
    [-60, -52],
    [20, 79],
    [179.5, 65],
  ] as LonLat[]) {
    it(`points and pieces near ${lon0}, ${lat0}`, () => {
      const { coast, land } = world(lon0, lat0, Math.round(lon0 * 7 + lat0));
      const noLand = new LandMask(land);
      for (const standoff of [22.2, 5]) {
        const f = new FreeSpace([coast], standoff, [], { noLand });
        assert.ok(f.coastTiles && f.landTiles);
        fc.assert(
          fc.property(
            fc.double({ min: -3.3, max: 3.3, noNaN: true }),
            fc.double({ min: -1.3, max: 0.9, noNaN: true }),
            fc.double({ min: 0, max: 360, noNaN: true }),
            fc.double({ min: 0.01, max: 15, noNaN: true }),
            (dx, dy, az, km) => {
              const a: LonLat = [lon0 + dx, lat0 + dy];
              const b = destination(a, az, km);
              assert.equal(f.pointFree(a), f.pointFreeExact(a), `pointFree(${a})`);
              assert.equal(f.pieceFree(a, b), f.pieceFreeExact(a, b), `pieceFree(${a}, ${b})`);
            },
          ),
          { numRuns: 1500, seed: 8 },
        );
        assert.ok(f.coastTiles!.size > 10, 'the tiles were used');
      }
    });
  }

  it('points right at the edge of the band', () => {
    const { coast } = world(15, 69, 3);
    const f = new FreeSpace([coast], 22.2, []);
    // straight north of each coast vertex, a few metres either side of the keep distance
    for (const c of coast)
      for (const d of [f.keepKm - 0.01, f.keepKm, f.keepKm + 0.01, f.keepKm + 2, f.keepKm + 6]) {
        const p = destination(c, 0, d);
        assert.equal(f.pointFree(p), f.pointFreeExact(p), `${p}`);
      }
  });
});
