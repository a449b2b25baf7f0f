/**
 * geodesic.ts against published GeographicLib reference values, to the millimetre where they are published
 * that finely. Sources: the examples in GeographicLib's documentation (the JavaScript README and the Python
 * docs: Wellington to Salamanca, 20,000 km SW of Perth) and GeographicLib's own test suite, shipped as
 * test/geodesictest.js in geographiclib-geodesic: the 20 `testcases` rows drawn from GeodTest.dat, the
 * GeodSolveN regressions and the Planimeter perimeters. Each value is quoted with the case it comes from.
 *
 * These values are the sources; GeographicLib itself only serves below as the brute-force reference for
 * pointToSegmentKm and as the ground truth of densifyGeodesic's properties.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
// CommonJS package: Node's named-export detection does not see through its minified build
import geographiclib from 'geographiclib-geodesic';
import { uniform } from '../../test/support/arbitraries.js';
import {
  densifyGeodesic,
  destination,
  distanceKm,
  interpolate,
  inverse,
  lineLengthKm,
  pointToSegmentKm,
} from './geodesic.js';
import type { LonLat } from './lonlat.js';

const { Geodesic } = geographiclib;
const WGS84 = Geodesic.WGS84;

const MM = 1e-6; // a millimetre in km

function near(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${what}: ${actual} differs from ${expected} by ${Math.abs(actual - expected)} (allowed ${tol})`,
  );
}

/** Longitudes equal modulo 360 (destination normalises to [-180, 180], the tables unroll past it). */
function nearLon(actual: number, expected: number, tol: number, what: string): void {
  const d = ((((actual - expected + 180) % 360) + 360) % 360) - 180;
  assert.ok(Math.abs(d) <= tol, `${what}: longitude ${actual} vs ${expected} (mod 360) off by ${d}`);
}

/** An azimuth, where ±180 are the same direction. */
function nearAzi(actual: number, expected: number, tol: number, what: string): void {
  nearLon(actual, expected, tol, what);
}

/**
 * GeographicLib's `testcases` (geodesictest.js, from GeodTest.dat): lat1, lon1, azi1, lat2, lon2, azi2, s12 (m).
 * Published to 1e-13 degrees and 1e-8 m, more digits than a double holds, so kept as the text quoted.
 * Longitudes past 180 are unrolled; rows 2, 6, 7, 12, 17 and 19 cross the antimeridian, row 15 starts 2°
 * from the south pole, rows 5-7 and 15 are over 16,000 km long.
 */
const GEOD_TEST = [
  '35.60777 -139.44815 111.098748429560326 -11.17491 -69.95921 129.289270889708762 8935244.5604818305',
  '55.52454 106.05087 22.020059880982801 77.03196 197.18234 109.112041110671519 4105086.1713924406',
  '-21.97856 142.59065 -32.44456876433189 41.84138 98.56635 -41.84359951440466 8394328.894657671',
  '-66.99028 112.2363 173.73491240878403 -12.70631 285.90344 2.512956620913668 11150344.2312080241',
  '-17.42761 173.34268 -159.033557661192928 -15.84784 5.93557 -20.787484651536988 16076603.1631180673',
  '32.84994 48.28919 150.492927788121982 -56.28556 202.29132 48.113449399816759 16727068.9438164461',
  '6.96833 52.74123 92.581585386317712 -7.39675 206.17291 90.721692165923907 17102477.2496958388',
  '-50.56724 -16.30485 -105.439679907590164 -33.56571 -94.97412 -47.348547835650331 6455670.5118668696',
  '-58.93002 -8.90775 140.965397902500679 -8.91104 133.13503 19.255429433416599 11756066.0219864627',
  '-68.82867 -74.28391 93.774347763114881 -50.63005 -8.36685 34.65564085411343 3956936.926063544',
  '-10.62672 -32.0898 -86.426713286747751 5.883 -134.31681 -80.473780971034875 11470869.3864563009',
  '-21.76221 166.90563 29.319421206936428 48.72884 213.97627 43.508671946410168 9098627.3986554915',
  '-19.79938 -174.47484 71.167275780171533 -11.99349 -154.35109 65.589099775199228 2319004.8601169389',
  '-11.95887 -116.94513 92.712619830452549 4.57352 7.16501 78.64960934409585 13834722.5801401374',
  '-87.85331 85.66836 -65.120313040242748 66.48646 16.09921 -4.888658719272296 17286615.3147144645',
  '1.74708 128.32011 -101.584843631173858 -11.16617 11.87109 -86.325793296437476 12942901.1241347408',
  '-25.72959 -144.90758 -153.647468693117198 -57.70581 -269.17879 -48.343983158876487 9413446.7452453107',
  '-41.22777 122.32875 14.285113402275739 -7.57291 130.37946 10.805303085187369 3812686.035106021',
  '11.01307 138.25278 79.43682622782374 6.62726 247.05981 103.708090215522657 11911190.819018408',
  '-29.47124 95.14681 -163.779130441688382 -27.46601 -69.15955 -15.909335945554969 13487015.8381145492',
].map((row) => row.split(' ').map(Number) as [number, number, number, number, number, number, number]);

describe('distanceKm / inverse against published values', () => {
  it('Wellington to Salamanca is 19959679.267 m (GeographicLib documentation example)', () => {
    near(distanceKm([174.81, -41.32], [-5.5, 40.96]), 19959.679267, 0.5 * MM, 's12');
  });

  it('matches the 20 GeodTest rows to the millimetre, both azimuths to 1e-9 degrees', () => {
    GEOD_TEST.forEach(([lat1, lon1, azi1, lat2, lon2, azi2, s12], i) => {
      const r = inverse([lon1, lat1], [lon2, lat2]);
      near(r.km, s12 / 1000, MM, `row ${i + 1} s12`);
      nearAzi(r.azi1, azi1, 1e-9, `row ${i + 1} azi1`);
      nearAzi(r.azi2, azi2, 1e-9, `row ${i + 1} azi2`);
      near(distanceKm([lon1, lat1], [lon2, lat2]), s12 / 1000, MM, `row ${i + 1} distanceKm`);
      // the same geodesic with its longitudes brought into [-180, 180], as GeoJSON has them
      const wrapped: LonLat = [((((lon2 + 180) % 360) + 360) % 360) - 180, lat2];
      near(distanceKm([lon1, lat1], wrapped), s12 / 1000, MM, `row ${i + 1} with lon2 wrapped`);
      // and backwards
      near(distanceKm([lon2, lat2], [lon1, lat1]), s12 / 1000, MM, `row ${i + 1} reversed`);
    });
  });

  it('JFK to Paris CDG (GeodSolve0)', () => {
    const r = inverse([-73.8, 40.6], [2.55, 49.01666667]);
    near(r.km, 5853.226, 0.5e-3, 's12');
    near(r.azi1, 53.47022, 0.5e-5, 'azi1');
    near(r.azi2, 111.59367, 0.5e-5, 'azi2');
  });

  it('Wellington to Salamanca in degrees and minutes, a classic failure of Vincenty (GeodSolve76)', () => {
    const r = inverse([174 + 49 / 60, -(41 + 19 / 60)], [-(5 + 30 / 60), 40 + 58 / 60]);
    near(r.km, 19960.543857179, 0.5e-9, 's12');
    near(r.azi1, 160.39137649664, 0.5e-11, 'azi1');
    near(r.azi2, 19.50042925176, 0.5e-11, 'azi2');
  });

  it('a near-antipodal pair where the NGS calculator fails to converge (GeodSolve78)', () => {
    const r = inverse([0, 27.2], [179.5, -27.1]);
    near(r.km, 19974.354765767, 0.5e-9, 's12');
    near(r.azi1, 45.82468716758, 0.5e-11, 'azi1');
    near(r.azi2, 134.2277653267, 0.5e-11, 'azi2');
  });

  it('nearly antipodal pairs from high latitudes, to the millimetre (GeodSolve6, 9, 10, 11)', () => {
    // lat1 lat2 lon2 s12 (m), as published (lon1 = 0)
    const cases = [
      '88.202499451857 -88.202499451857 179.981022032992859592 20003898.214',
      '89.262080389218 -89.262080389218 179.992207982775375662 20003925.854',
      '89.333123580033 -89.333123580032997687 179.99295812360148422 20003926.881',
      '56.320923501171 -56.320923501171 179.664747671772880215 19993558.287',
      '52.784459512564 -52.784459512563990912 179.634407464943777557 19991596.095',
      '48.522876735459 -48.52287673545898293 179.599720456223079643 19989144.774',
    ].map((row) => row.split(' ').map(Number));
    for (const [lat1, lat2, lon2, s12] of cases)
      near(distanceKm([0, lat1], [lon2, lat2]), s12 / 1000, 0.5 * MM, `from ${lat1}`);
  });

  it('points close together with longitudes 180° apart (GeodSolve59)', () => {
    const r = inverse([0.00000000000001, 5], [180, 10]);
    near(r.km, Number('18345.191174332713'), MM, 's12');
    near(r.azi1, 0.000000000000035, 1.5e-14, 'azi1');
    near(r.azi2, Number('179.99999999999996'), 1.5e-14, 'azi2');
  });

  it('along and across the equator, to the antipode (GeodSolve33)', () => {
    let r = inverse([0, 0], [179, 0]);
    near(r.km, 19926.189, 0.5e-3, 'to 179°');
    near(r.azi1, 90, 0.5e-5, 'due east');
    near(r.azi2, 90, 0.5e-5, 'due east');
    r = inverse([0, 0], [179.5, 0]);
    near(r.km, 19980.862, 0.5e-3, 'to 179.5°: off the equator');
    near(r.azi1, 55.9665, 0.5e-5, 'azi1');
    near(r.azi2, 124.0335, 0.5e-5, 'azi2');
    r = inverse([0, 0], [180, 0]);
    near(r.km, 20003.931, 0.5e-3, 'the antipode: over a pole');
    near(r.azi1, 0, 0.5e-5, 'azi1');
    near(Math.abs(r.azi2), 180, 0.5e-5, 'azi2');
    r = inverse([0, 0], [180, 1]);
    near(r.km, 19893.357, 0.5e-3, 'next to the antipode');
    near(r.azi1, 0, 0.5e-5, 'azi1');
  });

  it('across the antimeridian with longitudes outside ±180 (GeodSolve29)', () => {
    near(distanceKm([539, 0], [181, 0]), 222.639, 0.5e-3, 's12');
    near(distanceKm([179, 0], [-179, 0]), 222.639, 0.5e-3, 'the same, wrapped');
  });

  it('at the poles: the same pole from any longitude is 0 (GeodSolve80)', () => {
    assert.equal(distanceKm([0, 90], [180, 90]), 0);
    assert.equal(distanceKm([0, 20.001], [0, 20.001]), 0);
    const r = inverse([0, 90], [180, 90]);
    near(r.azi1, 0, 1e-13, 'azi1');
    near(r.azi2, 180, 1e-13, 'azi2');
  });

  it('very short lines, to the millimetre (GeodSolve4, 74, 92)', () => {
    near(distanceKm([0, 36.493349428792], [0.0000008, 36.49334942879201]), 0.072e-3, 0.5 * MM, 'GeodSolve4');
    const r = inverse([15.3872, 54.1589], [15.3877, 54.1591]);
    near(r.km, 39.527686385e-3, 5e-12, 'GeodSolve74 s12');
    near(r.azi1, 55.723110355, 5e-9, 'GeodSolve74 azi1');
    near(r.azi2, 55.723515675, 5e-9, 'GeodSolve74 azi2');
    near(
      distanceKm([-122.47018, 37.757540000000006], [-122.470177, 37.75754]),
      0.264e-3,
      0.5 * MM,
      'GeodSolve92',
    );
  });
});

describe('destination against published values', () => {
  it('20,000 km SW of Perth is (32.11195529, -63.95925278) (GeographicLib documentation example)', () => {
    const [lon, lat] = destination([115.74, -32.06], 225, 20000);
    near(lat, 32.11195529, 0.5e-8, 'lat2');
    near(lon, -63.95925278, 0.5e-8, 'lon2');
  });

  it('lands on each GeodTest row end within 1e-9 degrees (0.1 mm)', () => {
    GEOD_TEST.forEach(([lat1, lon1, azi1, lat2, lon2, , s12], i) => {
      const [lon, lat] = destination([lon1, lat1], azi1, s12 / 1000);
      near(lat, lat2, 1e-9, `row ${i + 1} lat2`);
      nearLon(lon, lon2, 1e-9, `row ${i + 1} lon2`);
    });
  });

  it('5850 km NE from JFK (GeodSolve1)', () => {
    const [lon, lat] = destination([-73.77888889, 40.63972222], 53.5, 5850);
    near(lat, 49.01467, 0.5e-5, 'lat2');
    near(lon, 2.56106, 0.5e-5, 'lon2');
  });

  it('due north from near the equator to the pole (GeodSolve5)', () => {
    const [, lat] = destination([30, 0.01777745589997], 0, 10000);
    near(lat, 90, 0.5e-5, 'lat2');
  });

  it('backwards from the north pole (GeodSolve73)', () => {
    const [lon, lat] = destination([10, 90], 180, -1000);
    near(lat, 81.04623, 0.5e-5, 'lat2');
    nearLon(lon, -170, 0.5e-5, 'lon2');
  });

  it('keeps longitudes in [-180, 180] across the antimeridian', () => {
    const [lon, lat] = destination([179.9, 10], 90, 100);
    assert.ok(lon > -180 && lon < -179, `lon ${lon}`);
    near(distanceKm([179.9, 10], [lon, lat]), 100, MM, 'round trip');
  });

  it('inverts inverse (property)', () => {
    fc.assert(
      fc.property(lonLat(89), lonLat(89), (a, b) => {
        const r = inverse(a, b);
        fc.pre(r.km < 19000); // near the antipode the shortest geodesic is not unique
        const c = destination(a, r.azi1, r.km);
        assert.ok(distanceKm(b, c) < MM, `${b} vs ${c}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('lineLengthKm', () => {
  // Planimeter perimeters from geodesictest.js; a closed polygon there is a line back to its start here
  const closed = (latLon: [number, number][]): LonLat[] => [
    ...latLon.map(([lat, lon]): LonLat => [lon, lat]),
    [latLon[0][1], latLon[0][0]],
  ];

  it('is 0 for no leg', () => {
    assert.equal(lineLengthKm([]), 0);
    assert.equal(lineLengthKm([[12, 33]]), 0);
  });

  it('goes round either pole at 89° in 631819.8745 m (Planimeter0)', () => {
    const north = closed([
      [89, 0],
      [89, 90],
      [89, 180],
      [89, 270],
    ]);
    const south = closed([
      [-89, 0],
      [-89, 90],
      [-89, 180],
      [-89, 270],
    ]);
    near(lineLengthKm(north), 631.8198745, 1e-7, 'north');
    near(lineLengthKm(south), 631.8198745, 1e-7, 'south');
  });

  it('goes round a diamond on the equator in 627598.2731 m (Planimeter0)', () => {
    const diamond = closed([
      [0, -1],
      [-1, 0],
      [0, 1],
      [1, 0],
    ]);
    near(lineLengthKm(diamond), 627.5982731, 1e-7, 'perimeter');
  });

  it('runs pole, equator, 90° east in 20020719 m, open (Planimeter0 PolyLength)', () => {
    near(
      lineLengthKm([
        [0, 90],
        [0, 0],
        [90, 0],
      ]),
      20020.719,
      1e-3,
      'length',
    );
  });

  it('crosses the antimeridian and a pole (Planimeter6, Planimeter12)', () => {
    const p6 = closed([
      [9, -0.00000000000001],
      [9, 180],
      [9, 0],
    ]);
    near(lineLengthKm(p6), 36026.861, 1e-3, 'Planimeter6');
    const p12 = closed([
      [66.562222222, 0],
      [66.562222222, 180],
      [66.562222222, 360],
    ]);
    near(lineLengthKm(p12), 10465.729, 1e-3, 'Planimeter12');
  });

  it('adds the legs (property)', () => {
    fc.assert(
      fc.property(fc.array(lonLat(89), { minLength: 2, maxLength: 8 }), (pts) => {
        let sum = 0;
        for (let i = 1; i < pts.length; i++) sum += distanceKm(pts[i - 1], pts[i]);
        near(lineLengthKm(pts), sum, 1e-9, 'sum of legs');
      }),
      { numRuns: 100 },
    );
  });
});

/** A position with |lat| <= maxLat, longitudes over the whole globe. */
function lonLat(maxLat: number): fc.Arbitrary<LonLat> {
  return fc.tuple(uniform(-180, 180), uniform(-maxLat, maxLat));
}

/** a, then b at a random azimuth and distance from a (in km, up to maxKm). */
function segment(maxLat: number, minKm: number, maxKm: number) {
  return fc
    .record({
      a: lonLat(maxLat),
      azi: uniform(-180, 180),
      km: uniform(minKm, maxKm),
    })
    .map(({ a, azi, km }) => ({ a, b: destination(a, azi, km) }));
}

describe('densifyGeodesic', () => {
  it('puts every point on the geodesic, evenly, at most stepKm apart, ends included (property)', () => {
    fc.assert(
      fc.property(segment(85, 0.001, 18000), uniform(0.5, 3000), ({ a, b }, stepKm) => {
        const total = distanceKm(a, b);
        const pts = densifyGeodesic(a, b, stepKm);
        const n = Math.max(1, Math.ceil(total / stepKm));
        assert.equal(pts.length, n + 1);
        assert.deepEqual(pts[0], a);
        assert.deepEqual(pts[n], b);
        const { azi1 } = inverse(a, b);
        for (let i = 1; i < n; i++) {
          const p = pts[i];
          const fromA = inverse(a, p);
          // on the geodesic: i/n of the way from a, the rest to b, leaving a the way b lies
          near(fromA.km, (total * i) / n, MM, `point ${i} of ${n}: distance from a`);
          near(fromA.km + distanceKm(p, b), total, MM, `point ${i} of ${n}: a-p-b`);
          nearAzi(fromA.azi1, azi1, 1e-7, `point ${i} of ${n}: azimuth from a`);
          assert.ok(distanceKm(pts[i - 1], p) <= stepKm + MM);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives just the ends when the leg is shorter than a step', () => {
    assert.deepEqual(densifyGeodesic([12, 33], [12.01, 33], 5), [
      [12, 33],
      [12.01, 33],
    ]);
  });

  it('goes the short way across the antimeridian', () => {
    const pts = densifyGeodesic([179, -16], [-179, -16], 10);
    assert.ok(
      pts.every(([lon]) => Math.abs(lon) > 178.99),
      'a point left the antimeridian area',
    );
  });

  it('interpolate lands where densify puts the same fraction', () => {
    const a: LonLat = [12.5, 35.8];
    const b: LonLat = [25.1, 31.7];
    const pts = densifyGeodesic(a, b, 100);
    const n = pts.length - 1;
    for (let i = 0; i <= n; i++) assert.ok(distanceKm(interpolate(a, b, i / n), pts[i]) < MM);
  });
});

/**
 * The distance from p to the geodesic a-b by brute force with GeographicLib: sample the line densely, then
 * narrow down around the best sample by golden-section search (distance along a geodesic to a point has a
 * single minimum within one sample spacing of the best sample, for the spacing used).
 */
function bruteForcePointToSegment(p: LonLat, a: LonLat, b: LonLat): { km: number; alongKm: number } {
  const line = WGS84.InverseLine(a[1], a[0], b[1], b[0], Geodesic.STANDARD | Geodesic.DISTANCE_IN);
  const L = line.s13;
  const at = (s: number) => {
    const q = line.Position(s, Geodesic.LATITUDE | Geodesic.LONGITUDE);
    return WGS84.Inverse(q.lat2 as number, q.lon2 as number, p[1], p[0], Geodesic.DISTANCE).s12 as number;
  };
  const N = 1000;
  let bestK = 0;
  let best = Infinity;
  for (let k = 0; k <= N; k++) {
    const d = at((L * k) / N);
    if (d < best) {
      best = d;
      bestK = k;
    }
  }
  let lo = (L * Math.max(0, bestK - 1)) / N;
  let hi = (L * Math.min(N, bestK + 1)) / N;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = at(x1);
  let f2 = at(x2);
  while (hi - lo > 1e-4) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = at(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = at(x2);
    }
  }
  const s = (lo + hi) / 2;
  const d = Math.min(best, at(s));
  return { km: d / 1000, alongKm: (d === best ? (L * bestK) / N : s) / 1000 };
}

describe('pointToSegmentKm', () => {
  it('agrees with brute-force sampling of the geodesic to the millimetre (property)', () => {
    fc.assert(
      fc.property(
        segment(80, 0.01, 1000),
        uniform(0, 1),
        uniform(-180, 180),
        uniform(0, 500),
        ({ a, b }, t, azi, km) => {
          // p anywhere within 500 km of some point of the segment, beyond its ends included
          const p = destination(interpolate(a, b, t), azi, km);
          const got = pointToSegmentKm(p, a, b);
          const want = bruteForcePointToSegment(p, a, b);
          near(got.km, want.km, MM, `p ${p}, a ${a}, b ${b}`);
          // the point it names, alongKm from a, is at that distance from p
          const L = distanceKm(a, b);
          assert.ok(got.alongKm >= 0 && got.alongKm <= L + MM);
          const q = interpolate(a, b, L > 0 ? got.alongKm / L : 0);
          near(distanceKm(p, q), got.km, MM, 'distance to the point at alongKm');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is 0 on the segment, the distance to the nearer end beyond it', () => {
    const a: LonLat = [12, 33];
    const b: LonLat = [14, 34];
    const mid = interpolate(a, b, 0.4);
    assert.ok(pointToSegmentKm(mid, a, b).km < MM);
    near(pointToSegmentKm(mid, a, b).alongKm, 0.4 * distanceKm(a, b), MM, 'alongKm');
    const before = destination(a, inverse(b, a).azi2, 50);
    near(pointToSegmentKm(before, a, b).km, 50, MM, 'before a');
    assert.equal(pointToSegmentKm(before, a, b).alongKm, 0);
    const after = destination(b, inverse(a, b).azi2, 30);
    near(pointToSegmentKm(after, a, b).km, 30, MM, 'after b');
  });

  it('measures to a degenerate segment as to its point', () => {
    const a: LonLat = [12, 33];
    near(pointToSegmentKm([13, 33], a, a).km, distanceKm([13, 33], a), MM, 'point segment');
  });

  it('measures across the antimeridian', () => {
    const a: LonLat = [179.5, -17];
    const b: LonLat = [-179.5, -17];
    const p: LonLat = [180, -17.5];
    near(pointToSegmentKm(p, a, b).km, bruteForcePointToSegment(p, a, b).km, MM, 'across 180°');
  });
});
