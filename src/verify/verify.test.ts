import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { uniform } from '../../test/support/arbitraries.js';
import { buildCoastModel } from '../domain/coast.js';
import type { Plan, Sortie } from '../domain/plan.js';
import type { Scenario } from '../domain/scenario.js';
import { destination, distanceKm, interpolate, inverse, pointToSegmentKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import {
  aircraft,
  leftNormal,
  line,
  offset,
  parallel,
  plan,
  redeclare,
  scenario,
  sortie,
  toGeoJSON,
  vertexKm,
} from './fixtures.js';
import { parsePlanGeoJSON } from './plan-file.js';
import { type VerifyOptions, type Violation, verifyPlan as verifyWithWitnesses } from './verify.js';

/**
 * These tests leave gaps on purpose to exercise the other rules: the witness search that proves gaps has its
 * own tests (witness.test.ts) and is off here unless a test asks for it.
 */
const verifyPlan = (sc: Scenario, p: Plan, opts: VerifyOptions = {}) =>
  verifyWithWitnesses(sc, p, { witnesses: false, ...opts });

const show = (v: Violation[]) => JSON.stringify(v, null, 1);

function only(v: Violation[], rule: string): Violation[] {
  return v.filter((x) => x.rule === rule);
}

/** Straight coast along 33°N from 12°E to 15.2°E (~300 km), sea to the north, base 166 km out. */
function straight() {
  const coast = parallel(33, 12, 15.2, 0.05);
  const sc = scenario([line(coast)]);
  const type = sc.aircraft[0];
  const km = vertexKm(sc);
  const L = km[km.length - 1];
  const base = sc.bases[0].position;
  const a = sortie('A', type, [base, ...offset(coast, 0, 32, 30), base], [[km[0], km[32]]]);
  const b = sortie('B', type, [base, ...offset(coast, 32, 60, 30), base], [[km[32], km[60]]]);
  const p = plan(sc, [a, b], [[km[60], L]]);
  return { coast, sc, type, km, L, base, p };
}

function withSortie(sc: Scenario, p: Plan, id: string, edit: (s: Sortie) => Sortie): Plan {
  const sorties = p.sorties.map((s) => (s.id === id ? edit(s) : s));
  return { ...plan(sc, sorties), gaps: p.gaps };
}

describe('verifyPlan on a straight coast', () => {
  it('passes a valid plan with no violations', () => {
    const { sc, p } = straight();
    const v = verifyPlan(sc, p);
    assert.deepEqual(v, [], show(v));
  });

  it('passes the same plan after a round trip through the file form', () => {
    const { sc, p } = straight();
    const back = parsePlanGeoJSON(JSON.parse(JSON.stringify(toGeoJSON(p))));
    const v = verifyPlan(sc, back);
    assert.deepEqual(v, [], show(v));
  });

  it('catches one vertex moved into the standoff band, where it is', () => {
    const { sc, type, p, km } = straight();
    const moved: LonLat = [12.5, 33.09]; // ~10 km from the coast, above coast vertex 10 (12.5°E)
    const q = withSortie(sc, p, 'A', (s) =>
      redeclare({ ...s, path: s.path.map((x, i) => (i === 11 ? moved : x)) }, type),
    );
    const v = verifyPlan(sc, q);
    const so = only(v, 'standoff');
    assert.equal(so.length, 1, show(v));
    assert.equal(so[0].sortie, 'A');
    assert.ok(distanceKm(so[0].at!, moved) < 0.01, show(so));
    assert.ok(Math.abs(so[0].coastKm! - km[10]) < 0.5, show(so));
    assert.match(so[0].message, /leg 10 .* comes 9\.9\d\d km/);
    assert.deepEqual(
      v.filter((x) => x.rule !== 'standoff'),
      [],
    );
  });

  it('catches a path stretched past endurance', () => {
    const { sc, type, p } = straight();
    const q = withSortie(sc, p, 'A', (s) =>
      redeclare({ ...s, path: [s.path[0], [13, 50], ...s.path.slice(1)] }, type),
    );
    const v = verifyPlan(sc, q);
    assert.deepEqual(
      v.map((x) => [x.rule, x.sortie]),
      [['endurance', 'A']],
      show(v),
    );
    assert.match(v[0].message, /has 7 h usable/);
  });

  it('catches declared distance and duration that do not match the path', () => {
    const { sc, p } = straight();
    const q = withSortie(sc, p, 'B', (s) => ({
      ...s,
      distanceKm: s.distanceKm * 1.002,
      durationH: s.durationH * 0.99,
    }));
    // the summary stays the true one, so only the sortie's own declarations are wrong
    const v = verifyPlan(sc, { ...q, summary: p.summary });
    assert.deepEqual(
      v.map((x) => [x.rule, x.sortie]),
      [
        ['distance', 'B'],
        ['duration', 'B'],
      ],
      show(v),
    );
  });

  it('catches a cover interval the path does not reach, at the first uncovered sample', () => {
    const { sc, p, km } = straight();
    // A flies 30 km off the coast up to km[32]: a 40 km sensor reaches sqrt(40²-30²) = 26.5 km further
    const q = withSortie(sc, p, 'A', (s) => ({ ...s, covers: [[0, 200]] }));
    const v = verifyPlan(sc, q);
    assert.equal(v.length, 1, show(v));
    assert.equal(v[0].rule, 'covers');
    assert.equal(v[0].sortie, 'A');
    const first = v[0].coastKm!;
    assert.ok(first > km[32] + 25.5 && first < km[32] + 27.5, show(v));
    assert.match(v[0].message, /passes 40\.\d+ km from it, beyond the 40 km sensor range/);
  });

  it('catches a wrong base and a path that does not end at its base', () => {
    const { sc, p } = straight();
    const sc2: Scenario = { ...sc, bases: [...sc.bases, { name: 'Bravo', position: [14, 35] }] };
    const q = withSortie(sc2, p, 'B', (s) => ({ ...s, base: 'Bravo' }));
    const v = verifyPlan(sc2, q);
    assert.deepEqual(
      v.map((x) => [x.rule, x.sortie]),
      [['base', 'B']],
      show(v),
    );
    assert.match(v[0].message, /based at "Alpha"/);
    const r = withSortie(sc, p, 'A', (s) => ({ ...s, path: [...s.path.slice(0, -1), [13.61, 34.5]] }));
    const w = only(verifyPlan(sc, r), 'base');
    assert.equal(w.length, 1, show(w));
    assert.match(w[0].message, /^ends 0\.9\d\d km from its base Alpha/);
    assert.deepEqual(w[0].at, [13.61, 34.5]);
  });

  it('catches an aircraft type the scenario does not have', () => {
    const { sc, p } = straight();
    const q = withSortie(sc, p, 'A', (s) => ({ ...s, aircraft: 'Jet' }));
    const v = verifyPlan(sc, q);
    assert.ok(
      v.some((x) => x.rule === 'aircraft' && x.sortie === 'A'),
      show(v),
    );
  });

  it('catches a leg that crosses a no-fly polygon between its vertices', () => {
    const { sc, p, base } = straight();
    // the first leg of A runs from the base to [12, 33.27]: put a 10 km box on its middle
    const mid = interpolate(base, p.sorties[0].path[1], 0.5);
    const box = (c: LonLat, h: number): LonLat[][] => [
      [
        [c[0] - h, c[1] - h],
        [c[0] + h, c[1] - h],
        [c[0] + h, c[1] + h],
        [c[0] - h, c[1] + h],
        [c[0] - h, c[1] - h],
      ],
    ];
    const v = verifyPlan({ ...sc, noFly: [box(mid, 0.05)] }, p);
    assert.equal(v.length, 1, show(v));
    assert.equal(v[0].rule, 'no-fly');
    assert.equal(v[0].sortie, 'A');
    assert.match(v[0].message, /^leg 0 /);
    // entered across the box's north or east edge, no vertex inside
    const at = v[0].at!;
    assert.ok(Math.abs(at[1] - (mid[1] + 0.05)) < 1e-6 || Math.abs(at[0] - (mid[0] + 0.05)) < 1e-6, show(v));
    // a box beside the leg is fine, and so is one that a path vertex only touches at a corner
    assert.deepEqual(verifyPlan({ ...sc, noFly: [box([mid[0] + 0.3, mid[1]], 0.05)] }, p), []);
    const corner = p.sorties[0].path[11];
    const touching: LonLat[][] = [
      [
        corner,
        [corner[0] + 0.1, corner[1]],
        [corner[0] + 0.1, corner[1] + 0.1],
        [corner[0], corner[1] + 0.1],
        corner,
      ],
    ];
    assert.deepEqual(verifyPlan({ ...sc, noFly: [touching] }, p), []);
    // a vertex inside (the leg also crosses in): reported at the entry
    const around = verifyPlan({ ...sc, noFly: [box(corner, 0.02)] }, p);
    assert.deepEqual(
      around.map((x) => [x.rule, x.sortie]),
      [['no-fly', 'A']],
    );
    assert.match(around[0].message, /^leg 10 /);
  });

  it('catches a wrong summary', () => {
    const { sc, p } = straight();
    const cases: [Partial<Plan['summary']>, RegExp][] = [
      [{ coveredKm: p.summary.coveredKm + 5 }, /coveredKm/],
      [{ coastKm: p.summary.coastKm * 1.01 }, /coastKm/],
      [{ sorties: 3 }, /sorties is 3/],
      [{ coverage: 1 }, /coverage/],
      [{ distanceKm: p.summary.distanceKm - 10 }, /summary.distanceKm/],
      [{ flightHours: p.summary.flightHours + 0.1 }, /flightHours/],
      [{ scenario: 'other' }, /scenario is "other"/],
    ];
    for (const [change, re] of cases) {
      const v = verifyPlan(sc, { ...p, summary: { ...p.summary, ...change } });
      assert.equal(v.length, 1, show(v));
      assert.equal(v[0].rule, 'summary');
      assert.match(v[0].message, re);
    }
  });

  it('catches gaps that leave coast unaccounted for or claim covered coast', () => {
    const { sc, p, L, km } = straight();
    const v = verifyPlan(sc, { ...p, gaps: [] });
    assert.equal(v.length, 1, show(v));
    assert.equal(v[0].rule, 'gaps');
    assert.ok(Math.abs(v[0].coastKm! - km[60]) < 1e-6);
    assert.match(v[0].message, /neither covered by a sortie nor listed as a gap/);
    const claim = plan(sc, p.sorties, [
      [100, 120],
      [km[60], L],
    ]);
    const w = verifyPlan(sc, claim);
    assert.equal(w.length, 1, show(w));
    assert.equal(w[0].rule, 'gaps');
    assert.equal(w[0].sortie, 'A');
    assert.equal(w[0].coastKm, 100);
    assert.match(w[0].message, /claims 20\.000 km that sortie A covers/);
  });

  it('reports malformed sorties of an in-memory plan instead of throwing', () => {
    const { sc, p } = straight();
    const bad = {
      ...p,
      sorties: [
        { ...p.sorties[0], path: [p.sorties[0].path[0], [Number.NaN, 33] as LonLat] },
        { ...p.sorties[1], covers: [[20, 10]] as [number, number][] },
      ],
    };
    const v = verifyPlan(sc, bad);
    assert.ok(
      v.some((x) => x.rule === 'sortie' && x.sortie === 'A' && /path\[1\]/.test(x.message)),
      show(v),
    );
    assert.ok(
      v.some((x) => x.rule === 'covers' && x.sortie === 'B' && /fromKm <= toKm/.test(x.message)),
      show(v),
    );
  });

  it('catches a plan whose coast feature is another coast', () => {
    const { sc, p } = straight();
    const v = verifyPlan(sc, { ...p, coast: [p.coast[0].slice(0, 40)] });
    assert.deepEqual(
      v.map((x) => x.rule),
      ['coast'],
    );
  });
});

describe('verifyPlan, geodesic legs are checked along their whole length', () => {
  it('measures the middle of a 400 km east-west leg whose ends are 30 km from the coast', () => {
    // At 33°S a geodesic between two points of one parallel bulges ~2 km towards the pole, here towards the
    // coast, which follows the parallel 30 km further south: the middle is the nearest point, not the ends.
    const lat = -33;
    const A: LonLat = [10, lat];
    const B: LonLat = [10 + 400 / 93.6, lat];
    const coastLat = destination(A, 180, 30)[1];
    const coast = parallel(coastLat, 9, 15.5, 0.02);
    const base: LonLat = [12.1, -31];
    const type = aircraft();
    const mk = (standoffKm: number) =>
      scenario([line(coast)], { standoffKm, bases: [{ name: 'Alpha', position: base }] });
    const s = sortie('S', type, [base, A, B, base], []);
    assert.ok(Math.abs(distanceKm(A, B) - 400) < 2);
    const endsKm = Math.min(
      pointToSegmentKm(A, coast[50], coast[51]).km,
      pointToSegmentKm(B, coast[264], coast[265]).km,
    );
    assert.ok(endsKm > 29.9, `ends at ${endsKm}`);
    const v = only(verifyPlan(mk(29), plan(mk(29), [s])), 'standoff');
    assert.equal(v.length, 1, show(v));
    assert.match(v[0].message, /^leg 1 .* comes 27\.9\d\d km/);
    const mid = interpolate(A, B, 0.5);
    assert.ok(distanceKm(v[0].at!, mid) < 5, show(v));
    assert.deepEqual(only(verifyPlan(mk(27.9), plan(mk(27.9), [s])), 'standoff'), []);
  });

  it('catches a leg crossing a long coast segment far from its vertices', () => {
    const coast: LonLat[] = [
      [12, 33],
      [15.2, 33],
    ];
    const sc = scenario([line(coast)], { standoffKm: 1 });
    const type = sc.aircraft[0];
    const base = sc.bases[0].position;
    const s = sortie('X', type, [base, [13.6, 32.5], base], []);
    const v = only(verifyPlan(sc, plan(sc, [s])), 'standoff');
    assert.equal(v.length, 1, show(v));
    assert.match(v[0].message, /comes 0\.000 km/);
    // the coast is a geodesic too: at 13.6°E it runs ~2 km north of 33°
    const onCoast = pointToSegmentKm(v[0].at!, coast[0], coast[1]).km;
    assert.ok(onCoast < 0.01, `${onCoast}`);
    assert.ok(v[0].at![1] > 33.01);
    assert.ok(Math.abs(v[0].coastKm! - distanceKm(coast[0], v[0].at!)) < 0.05, show(v));
  });
});

describe('verifyPlan with a bay', () => {
  // coast along 33°N with a bay 0.6° wide and 0.5° deep between 13°E and 13.6°E, sea to the north
  const corners: LonLat[] = [
    [12, 33],
    [13, 33],
    [13, 32.5],
    [13.6, 32.5],
    [13.6, 33],
    [15, 33],
  ];
  const coast: LonLat[] = [corners[0]];
  for (let i = 1; i < corners.length; i++) {
    const [a, b] = [corners[i - 1], corners[i]];
    const n = Math.ceil(Math.max(Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1])) / 0.05);
    for (let k = 1; k <= n; k++) coast.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
  }
  const sc = scenario([line(coast)], { bases: [{ name: 'Alpha', position: [13.3, 34.5] }] });
  const type = sc.aircraft[0];
  const base = sc.bases[0].position;
  const km = vertexKm(sc);
  const last = coast.length - 1;
  // offsetting the coarse corner polyline keeps 25 km from every wall (a per-vertex offset would not)
  const off = offset(corners, 0, corners.length - 1, 25);
  const valid = plan(sc, [sortie('A', type, [base, ...off, base], [[0, km[last]]])]);

  it('passes a sortie that follows the bay 25 km off its shores', () => {
    const v = verifyPlan(sc, valid);
    assert.deepEqual(v, [], show(v));
  });

  it('catches a leg that cuts the headland although both its ends are 25 km off', () => {
    // from 25 km off the bay's bottom-right corner to 55 km off the open coast, over the east headland
    const head = coast.findIndex((p) => p[0] === 13.6 && p[1] === 33);
    const cut = [base, off[0], off[1], off[2], off[3], [13.9, 33.5] as LonLat, off[5], base];
    const v = verifyPlan(sc, plan(sc, [sortie('A', type, cut, [[0, km[last]]])]));
    const so = only(v, 'standoff');
    assert.equal(so.length, 1, show(v));
    assert.match(so[0].message, /^leg 4 /);
    assert.ok(Math.abs(so[0].coastKm! - km[head]) < 0.01, show(so));
    const d = distanceKm(so[0].at!, coast[head]);
    assert.match(so[0].message, new RegExp(`comes ${d.toFixed(3)} km`));
    assert.ok(d < 15, show(so));
  });

  it('accepts a climb-out from the bottom of the bay straight up the middle, and one that never leaves is caught', () => {
    const strip: LonLat = [13.3, 32.52];
    const sc2: Scenario = { ...sc, bases: [{ name: 'Alpha', position: strip }] };
    const s = sortie('C', type, [strip, [13.3, 33.0], [13.3, 33.5], [13.3, 33.0], strip], []);
    assert.deepEqual(only(verifyPlan(sc2, plan(sc2, [s])), 'standoff'), []);
    const bad = sortie('D', type, [strip, [13.35, 32.6], [13.25, 32.6], strip], []);
    const v = only(verifyPlan(sc2, plan(sc2, [bad])), 'standoff');
    assert.equal(v.length, 1, show(v));
    assert.match(
      v[0].message,
      /^climb-out from base Alpha, 2\.2\d\d km from the coast .*, never leaves the band$/,
    );
  });

  it('holds an approach over a headland to the standoff up to where it last enters the band', () => {
    // with a 30 km standoff the whole bay (56 km wide) is inside the band
    const strip: LonLat = [13.3, 32.55];
    const sc3: Scenario = { ...sc, standoffKm: 30, bases: [{ name: 'Alpha', position: strip }] };
    const ok = sortie('E', type, [strip, [13.3, 33.6], [12.95, 33.4], [13.3, 33.6], strip], []);
    assert.deepEqual(only(verifyPlan(sc3, plan(sc3, [ok])), 'standoff'), []);
    // without the land verify cannot tell the sea side, so the approach's length is not bounded here
    // (test/verify-tampered.test.ts checks the bound on a real coast)
    const s = sortie('E', type, [strip, [13.3, 33.6], [12.95, 33.4], strip], []);
    assert.deepEqual(only(verifyPlan(sc3, plan(sc3, [s])), 'standoff'), []);
  });
});

describe('verifyPlan with an island', () => {
  const centre: LonLat = [14, 34];
  // clockwise, so the sea is on the left as for polygon rings
  const ring: LonLat[] = Array.from({ length: 37 }, (_, i) => destination(centre, (i % 36) * 10, 20));
  const sc = scenario([line(ring, true)], { bases: [{ name: 'Alpha', position: [14, 35.5] }] });
  const type = sc.aircraft[0];
  const base = sc.bases[0].position;
  const L = buildCoastModel(sc.coast.lines, 1).lengthKm;
  const orbit = (from: number, to: number) =>
    Array.from({ length: (to - from) / 5 + 1 }, (_, i) => destination(centre, from + i * 5, 50));

  it('passes an orbit 30 km off the island that covers all of it', () => {
    const p = plan(sc, [sortie('O', type, [base, ...orbit(0, 360), base], [[0, L]])]);
    const v = verifyPlan(sc, p);
    assert.deepEqual(v, [], show(v));
    assert.deepEqual(verifyPlan(sc, parsePlanGeoJSON(toGeoJSON(p))), []);
  });

  it('catches half an orbit that claims the whole ring, at the first sample out of reach', () => {
    const half = [base, ...orbit(0, 180), ...orbit(0, 180).reverse(), base];
    const v = verifyPlan(sc, plan(sc, [sortie('H', type, half, [[0, L]])]));
    assert.deepEqual(
      v.map((x) => x.rule),
      ['covers'],
      show(v),
    );
    // brute force: the first sample farther than 40 km from every leg
    const { samples } = buildCoastModel(sc.coast.lines, 1);
    let first = -1;
    for (let k = 0; k < samples.count && first < 0; k++) {
      const p: LonLat = [samples.lon[k], samples.lat[k]];
      let d = Infinity;
      for (let i = 0; i + 1 < half.length; i++) d = Math.min(d, pointToSegmentKm(p, half[i], half[i + 1]).km);
      if (d > 40.001) first = k;
    }
    assert.equal(v[0].coastKm, samples.km[first]);
    // a ring point at azimuth θ > 180° is sqrt(20² + 50² - 2·20·50·cos(θ-180°)) from the orbit's end: 40 km at ~229.5°
    const az = (v[0].coastKm! / L) * 360;
    assert.ok(az > 228 && az < 233, `${az}`);
  });
});

describe('verifyPlan with a base inside the standoff band', () => {
  const coast = parallel(33, 12, 15.2, 0.05);
  const strip: LonLat = [13.6, 33.05]; // 5.5 km from the coast
  const sc = scenario([line(coast)], {
    bases: [{ name: 'Strip', position: strip }],
    aircraft: [aircraft({ base: 'Strip' })],
  });
  const type = sc.aircraft[0];
  const km = vertexKm(sc);
  const out = offset(coast, 32, 50, 30);
  const make = (path: LonLat[]) =>
    plan(
      sc,
      [sortie('S', type, path, [[km[32], km[50]]])],
      [
        [0, km[32]],
        [km[50], km[km.length - 1]],
      ],
    );

  it('accepts leaving and entering the band straight out from the base', () => {
    const v = verifyPlan(sc, make([strip, ...out, out[0], strip]));
    assert.deepEqual(v, [], show(v));
  });

  it('accepts a climb-out and approach written as several pieces of one geodesic (a densified file)', () => {
    const pieces = (a: LonLat, b: LonLat) => [1, 2, 3].map((k) => interpolate(a, b, k / 4));
    const v = verifyPlan(
      sc,
      make([strip, ...pieces(strip, out[0]), ...out, ...pieces(out[0], strip), strip]),
    );
    assert.deepEqual(v, [], show(v));
  });

  it('lets a climb-out turn inside the band (its length is bounded only with the land, see test/verify-tampered)', () => {
    const v = only(verifyPlan(sc, make([strip, [13.9, 33.1], ...out, out[0], strip])), 'standoff');
    assert.deepEqual(v, [], show(v));
  });

  it('holds the rest of the climb-out leg to the standoff once it has left the band', () => {
    // out of the band and straight back in on the same leg: down to 10 km from the coast further along
    const far = destination(strip, 0, 40);
    const v = only(verifyPlan(sc, make([strip, far, [14.5, 33.09], ...out, out[0], strip])), 'standoff');
    assert.equal(v.length, 1, show(v));
    assert.match(v[0].message, /^leg 1 /);
  });

  it('catches a climb-out whose path back to base stays inside the band, or that comes back into it', () => {
    const inBand: LonLat = [13.9, 33.1];
    const v = only(verifyPlan(sc, make([strip, inBand, strip])), 'standoff');
    assert.equal(v.length, 1, show(v));
    assert.match(v[0].message, /^climb-out .* never leaves the band$/);
  });
});

describe('verifyPlan on schedules', () => {
  it('checks airframes, times and turnarounds', () => {
    const { sc, p } = straight();
    const at = (h: number) => new Date(Date.UTC(2026, 11, 1) + h * 3.6e6).toISOString();
    const [a, b] = p.sorties;
    const timed = (s: Sortie, tail: string, t0: number): Sortie => ({
      ...s,
      tail,
      takeoff: at(t0),
      landing: at(t0 + s.durationH),
    });
    const ok = { ...p, sorties: [timed(a, 'Patrol#1', 0), timed(b, 'Patrol#1', a.durationH + 2.5)] };
    assert.deepEqual(verifyPlan(sc, ok), []);
    const tight = { ...p, sorties: [timed(a, 'Patrol#1', 0), timed(b, 'Patrol#1', a.durationH + 1)] };
    const v = verifyPlan(sc, tight);
    assert.deepEqual(
      v.map((x) => [x.rule, x.sortie]),
      [['schedule', 'B']],
      show(v),
    );
    assert.match(v[0].message, /turnaround is 2 h/);
    const wrongTail = { ...p, sorties: [timed(a, 'Patrol#3', 0), timed(b, 'Patrol#2', 0)] };
    assert.deepEqual(
      verifyPlan(sc, wrongTail).map((x) => [x.rule, x.sortie]),
      [['schedule', 'A']],
    );
    const wrongTimes = { ...p, sorties: [{ ...timed(a, 'Patrol#1', 0), landing: at(a.durationH + 0.5) }, b] };
    assert.deepEqual(
      verifyPlan(sc, wrongTimes).map((x) => [x.rule, x.sortie]),
      [['schedule', 'A']],
    );
    const repeat: Scenario = { ...sc, schedule: { start: at(0), days: 1 } };
    const wrap = { ...p, sorties: [timed(a, 'Patrol#1', 0), timed(b, 'Patrol#1', 24 - b.durationH - 1)] };
    assert.match(verifyPlan(repeat, wrap).map((x) => x.message)[0] ?? '', /repeats every 24 h/);
  });
});

// ------------------------------------------------------------------------------------------ properties

/** A random coast: a straight line or a zigzag whose turns alternate, so it never curls round on itself. */
const coastArb = fc
  .record({
    lon: uniform(-20, 20),
    lat: uniform(-55, 55),
    heading: uniform(0, 360),
    segs: fc.array(uniform(20, 60), { minLength: 2, maxLength: 10 }),
    turns: fc.array(uniform(0, 25), { minLength: 10, maxLength: 10 }),
    zigzag: fc.boolean(),
    standoff: uniform(3, 25),
  })
  .map((r) => {
    const coords: LonLat[] = [[r.lon, r.lat]];
    let az = r.heading;
    r.segs.forEach((len, i) => {
      const prev = coords[coords.length - 1];
      const next = destination(prev, az, len);
      coords.push(next);
      const arrive = inverse(prev, next).azi2;
      az = arrive + (r.zigzag ? (i % 2 === 0 ? 1 : -1) * r.turns[i] : 0);
    });
    return { coords, standoff: r.standoff };
  });

/** Naive valid plan: sorties fly the miter offset of runs of coast vertices at 1.3x the standoff. */
function naivePlan(coords: LonLat[], standoff: number, pieces: number) {
  const D = standoff * 1.3;
  const type = aircraft({ sensorRangeKm: D * 1.6, enduranceH: 40 });
  const mid = Math.floor(coords.length / 2);
  // far out, so transit legs come in steeply and cannot graze a bend of the coast
  const base = destination(coords[mid], leftNormal(coords, mid).azi, 800);
  const sc = scenario([line(coords)], {
    standoffKm: standoff,
    bases: [{ name: 'Alpha', position: base }],
    aircraft: [type],
  });
  const km = vertexKm(sc);
  const last = coords.length - 1;
  const cuts = [
    0,
    ...Array.from({ length: pieces - 1 }, (_, i) => Math.round(((i + 1) * last) / pieces)),
    last,
  ];
  const sorties: Sortie[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [j0, j1] = [cuts[i], cuts[i + 1]];
    if (j1 <= j0) continue;
    // out and back along each end's normal, so transit legs meet the coast square on
    const up = (j: number) => destination(coords[j], leftNormal(coords, j).azi, D * 3);
    const path = [base, up(j0), ...offset(coords, j0, j1, D), up(j1), base];
    sorties.push(sortie(`S${i}`, type, path, [[km[j0], km[j1]]]));
  }
  return { sc, p: plan(sc, sorties), D, type };
}

/** FC_SEED=n reproduces a failing run. */
const runs = (numRuns: number) => ({
  numRuns,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
});

describe('verifyPlan properties', () => {
  it('passes naive valid plans on random straight and zigzag coasts', () => {
    fc.assert(
      fc.property(coastArb, fc.integer({ min: 1, max: 3 }), ({ coords, standoff }, pieces) => {
        const { sc, p } = naivePlan(coords, standoff, pieces);
        const v = verifyPlan(sc, p);
        assert.deepEqual(v, [], show(v));
        assert.deepEqual(verifyPlan(sc, parsePlanGeoJSON(toGeoJSON(p))), []);
      }),
      runs(60),
    );
  });

  it('catches any single vertex moved into the band', () => {
    fc.assert(
      fc.property(coastArb, uniform(0, 0.95), fc.nat(), ({ coords, standoff }, depth, pick) => {
        const { sc, p, type } = naivePlan(coords, standoff, 1);
        const s = p.sorties[0];
        // path = [base, up, offsets of vertices 0..last, up, base]: pick an offset vertex
        const j = pick % coords.length;
        const moved = destination(coords[j], leftNormal(coords, j).azi, standoff * depth);
        const path = s.path.map((x, i) => (i === j + 2 ? moved : x));
        const q = plan(sc, [redeclare({ ...s, path }, type)]);
        const v = only(verifyPlan(sc, q), 'standoff');
        assert.equal(v.length, 1, show(v));
        assert.ok(distanceKm(v[0].at!, moved) < standoff, show(v));
      }),
      runs(60),
    );
  });
});

describe('verifyPlan performance', () => {
  it('checks a 2,000 km coast with 30 sorties of 100 vertices quickly', () => {
    // a gently wavy coast along 32°N: 2 km amplitude, 80 km wavelength, a vertex every ~0.5 km
    const n = 4000;
    const coords: LonLat[] = [];
    for (let i = 0; i <= n; i++) {
      const x = (i / n) * 2000;
      coords.push([5 + x / 94.5, 32 + (2 * Math.sin((2 * Math.PI * x) / 80)) / 110.9]);
    }
    const standoff = 22.2;
    const type = aircraft({ speedKts: 280, enduranceH: 10, reserveH: 1, sensorRangeKm: 60 });
    const base: LonLat = [15.6, 34.5];
    const sc = scenario([line(coords)], {
      standoffKm: standoff,
      bases: [{ name: 'Alpha', position: base }],
      aircraft: [type],
    });
    const km = vertexKm(sc);
    const sorties: Sortie[] = [];
    const per = n / 30;
    for (let k = 0; k < 30; k++) {
      const j0 = Math.round(k * per);
      const j1 = Math.round((k + 1) * per);
      const idx = Array.from({ length: 98 }, (_, i) => Math.round(j0 + ((j1 - j0) * i) / 97));
      // 0.3 km outside the standoff: the verifier has to measure most of it exactly
      const path = [base, ...idx.map((j) => offset(coords, j, j, standoff + 0.3)[0]), base];
      sorties.push(sortie(`S${k}`, type, path, [[km[j0], km[j1]]]));
    }
    const p = plan(sc, sorties);
    const t0 = performance.now();
    const v = verifyPlan(sc, p);
    const ms = performance.now() - t0;
    console.log(`verifyPlan: ${n} coast vertices, 30 sorties x 100 vertices: ${ms.toFixed(0)} ms`);
    assert.deepEqual(v, [], show(v.slice(0, 5)));
    assert.ok(ms < 10000);
  });
});
