import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { densifyGeodesic, destination, distanceKm, pointToSegmentKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { routeWaypoints, ruleCheck, simplifyRoute } from './waypoints.js';

describe('waypoints', () => {
  it('keeps only the turns of a densified route, named S01-W01.., with legs and courses', () => {
    const a: LonLat = [12, 34];
    const b = destination(a, 90, 200);
    const c = destination(b, 0, 150);
    const path = [
      ...densifyGeodesic(a, b, 10),
      ...densifyGeodesic(b, c, 10).slice(1),
      ...densifyGeodesic(c, a, 10).slice(1),
    ];
    const w = routeWaypoints('S01', path);
    assert.deepEqual(
      w.map((x) => x.name),
      ['S01-W01', 'S01-W02', 'S01-W03', 'S01-W04'],
    );
    assert.ok(distanceKm(w[1].position, b) < 1e-6);
    assert.ok(Math.abs(w[1].legKm - 200) < 1e-6);
    assert.ok(Math.abs((w[1].courseDeg ?? 0) - 90) < 1e-6);
    assert.ok(Math.abs(w[3].cumulativeKm - (200 + 150 + distanceKm(c, a))) < 1e-6);
    assert.equal(w[0].courseDeg, null);
  });

  it('drops no vertex farther than the tolerance from its shortcut', () => {
    const path: LonLat[] = [];
    for (let i = 0; i <= 60; i++) path.push([12 + i * 0.05, 34 + 0.002 * Math.sin(i)]);
    const kept = simplifyRoute(path, { toleranceKm: 0.1 });
    for (let k = 0; k + 1 < kept.length; k++)
      for (let i = kept[k] + 1; i < kept[k + 1]; i++)
        assert.ok(pointToSegmentKm(path[i], path[kept[k]], path[kept[k + 1]]).km <= 0.1);
  });

  it('keeps a vertex whose shortcut would cut into the standoff band', () => {
    // a coast line with a cape; the route bends round the cape 20.05 km off, within tolerance of a shortcut
    const coast: LonLat[] = [
      [12, 34],
      [12.5, 34.03],
      [13, 34],
    ];
    const tip = destination([12.5, 34.03], 0, 20.05);
    const west = destination([12, 34], 0, 20.2);
    const east = destination([13, 34], 0, 20.2);
    const path: LonLat[] = [west, tip, east];
    const loose = simplifyRoute(path, { toleranceKm: 5 });
    assert.deepEqual(loose, [0, 2]);
    const strict = simplifyRoute(path, { toleranceKm: 5, legAllowed: ruleCheck([coast], 20, []) });
    assert.deepEqual(strict, [0, 1, 2]);
  });
});
