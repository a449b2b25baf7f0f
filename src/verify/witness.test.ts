/**
 * The proof of gaps on synthetic coasts: a reachable gap is caught with a straight or a routed witness, a gap out
 * of reach or hidden behind foreign land is not accused, and lines drawn wrong across the antimeridian are named.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCoastModel } from '../domain/coast.js';
import type { Plan } from '../domain/plan.js';
import { distanceKm, KM_PER_NM, pointToSegmentKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { line, offset, parallel, plan, scenario, sortie, toGeoJSON, vertexKm } from './fixtures.js';
import { parsePlanGeoJSON } from './plan-file.js';
import { type LandArea, type Violation, verifyPlan } from './verify.js';

const show = (v: Violation[]) => JSON.stringify(v, null, 1);
const reachable = (v: Violation[]) => v.filter((x) => x.rule === 'reachable');

/** Straight coast along 33°N from 12°E to 15.2°E, sea to the north; gaps from `gapFrom` (a vertex) to the end. */
function straightCoast(base: LonLat, noFly: LonLat[][][] = []) {
  const coast = parallel(33, 12, 15.2, 0.05);
  const sc = scenario([line(coast)], { bases: [{ name: 'Alpha', position: base }], noFly });
  return { coast, sc, type: sc.aircraft[0], km: vertexKm(sc) };
}

/** The witness's own figures checked here, not by verify: turn point within range of the coast km it names. */
function checkWitness(sc: ReturnType<typeof straightCoast>['sc'], w: Violation) {
  const model = buildCoastModel(sc.coast.lines, sc.sampleKm);
  const k = model.samples.km.findIndex((x) => Math.abs(x - w.coastKm!) < 1e-9);
  assert.ok(k >= 0);
  const P: LonLat = [model.samples.lon[k], model.samples.lat[k]];
  assert.ok(distanceKm(P, w.at!) <= sc.aircraft[0].sensorRangeKm);
  let off = Infinity;
  const c = sc.coast.lines[0].coords;
  for (let i = 1; i < c.length; i++) off = Math.min(off, pointToSegmentKm(w.at!, c[i - 1], c[i]).km);
  assert.ok(off >= sc.standoffKm, `turn point ${off} km from the coast`);
}

describe('verify proves gaps', () => {
  it('catches a gap a straight out-and-back sees, naming the witness', () => {
    const { coast, sc, type, km } = straightCoast([13.6, 34.5]);
    const base = sc.bases[0].position;
    const L = km[km.length - 1];
    const a = sortie('A', type, [base, ...offset(coast, 0, 60, 30), base], [[0, km[60]]]);
    const p = plan(sc, [a], [[km[60], L]]);
    const v = verifyPlan(sc, p);
    assert.equal(v.length, 1, show(v));
    assert.equal(v[0].rule, 'reachable');
    assert.match(
      v[0].message,
      /^gap at km 280\.\d-299\.\d is reachable: out-and-back from Alpha turning at 1[45]\.\d\d E, 33\.\d\d N, \d\.\d h of 7 h \(Patrol\), sees coast km 2\d\d\.\d from \d\d\.\d km$/,
    );
    checkWitness(sc, v[0]);
    // coast neither covered nor listed is searched too, and named as such
    const q: Plan = { ...p, gaps: [] };
    const w = reachable(verifyPlan(sc, q));
    assert.equal(w.length, 1, show(w));
    assert.match(w[0].message, /^uncovered coast at km 280\.\d-299\.\d is reachable: /);
  });

  it('finds a routed witness where a no-fly wall blocks every straight way', () => {
    // a wall from 33.45°N northwards: only a corridor along the band leads under it to the last 35 km of coast
    const wall: LonLat[][][] = [
      [
        [
          [14.2, 33.45],
          [14.6, 33.45],
          [14.6, 36.5],
          [14.2, 36.5],
          [14.2, 33.45],
        ],
      ],
    ];
    const { coast, sc, type, km } = straightCoast([12.5, 35.5], wall);
    const base = sc.bases[0].position;
    const out = offset(coast, 0, 57, 30);
    const a = sortie('A', type, [base, ...out, ...[...out].reverse(), base], [[0, km[57]]]);
    const p = plan(sc, [a], [[km[57], km[km.length - 1]]]);
    const v = verifyPlan(sc, p);
    assert.equal(v.length, 1, show(v));
    assert.match(
      v[0].message,
      /^gap at km 2[6-9]\d\.\d-299\.\d is reachable: routed out-and-back from Alpha \(\d+ legs\) turning at 1[45]\.\d\d E, 33\.\d\d N, \d\.\d h of 7 h \(Patrol\)/,
    );
    checkWitness(sc, v[0]);
  });

  it('does not accuse a gap beyond reach', () => {
    // a near coast, covered, and a far one 1,000 km east that no round trip of 7 h at 200 kt can see
    const near = parallel(33, 12, 13, 0.05);
    const far = parallel(33, 24, 25, 0.05);
    const sc = scenario([line(near), line(far)], { bases: [{ name: 'Alpha', position: [12.5, 34] }] });
    const type = { ...sc.aircraft[0], enduranceH: 4, reserveH: 1 };
    sc.aircraft = [type];
    const km = vertexKm(sc, 0);
    const m = buildCoastModel(sc.coast.lines, sc.sampleKm);
    const base = sc.bases[0].position;
    const a = sortie('A', type, [base, ...offset(near, 0, 20, 30), base], [[0, km[20]]]);
    const p = plan(sc, [a], [[km[20], m.lengthKm]]);
    const v = verifyPlan(sc, p);
    assert.deepEqual(v, [], show(v));
    assert.ok(type.speedKts * KM_PER_NM * 3 < 2 * distanceKm(base, [24, 33]));
  });

  it('does not accuse a gap seen only from over foreign land with overflyLand "avoid", and does when "allowed"', () => {
    // Testland's land (not part of the scenario's coast) covers everything north of the band east of 14.2°E
    const ring: LonLat[] = [
      [14.2, 33.15],
      [16, 33.15],
      [16, 36.5],
      [14.2, 36.5],
    ];
    // and the coast's own country lies south of it
    const south: LonLat[] = [
      [10, 31],
      [16.5, 31],
      [16.5, 33],
      [10, 33],
    ];
    const land: LandArea[] = [
      { country: 'Testland', rings: [ring], bbox: [14.2, 33.15, 16, 36.5] },
      { country: 'Coastland', rings: [south], bbox: [10, 31, 16.5, 33] },
    ];
    const { coast, sc, type, km } = straightCoast([12.5, 35.5]);
    const base = sc.bases[0].position;
    const out = offset(coast, 0, 40, 30);
    const a = sortie('A', type, [base, ...out, ...[...out].reverse(), base], [[0, km[57]]]);
    const p = plan(sc, [a], [[km[57], km[km.length - 1]]]);
    const avoid = { ...sc, overflyLand: 'avoid' as const };
    assert.deepEqual(reachable(verifyPlan(avoid, p, { land })), []);
    // over any land, the last 35 km are in plain sight
    const w = reachable(verifyPlan(sc, p, { land }));
    assert.equal(w.length, 1, show(w));
    checkWitness(sc, w[0]);
    // with "avoid" and no land given, gaps are not judged (the rule could not be kept)
    assert.deepEqual(reachable(verifyPlan(avoid, p)), []);
  });
});

describe('verify names lines drawn wrong', () => {
  /** A coast across the antimeridian (as written, split at ±180) and a sortie flying along it from the west. */
  function fiji() {
    const coast: LonLat[] = parallel(-17, 178.5, 181.5, 0.05).map(
      ([x, y]): LonLat => [x > 180 ? x - 360 : x, y],
    );
    const sc = scenario([line(coast)], { bases: [{ name: 'Alpha', position: [178.8, -17.8] }] });
    const type = sc.aircraft[0];
    const km = vertexKm(sc);
    const base = sc.bases[0].position;
    const a = sortie('A', type, [base, ...offset(coast, 0, 60, -30), base], [[0, km[60]]]);
    return { sc, p: plan(sc, [a], []) };
  }

  it('passes a plan across the antimeridian written split, and names the sortie written unsplit', () => {
    const { sc, p } = fiji();
    const good = parsePlanGeoJSON(JSON.parse(JSON.stringify(toGeoJSON(p))));
    assert.deepEqual(verifyPlan(sc, good), []);
    const bad = parsePlanGeoJSON(JSON.parse(JSON.stringify(toGeoJSON(p, { drawn: false }))));
    const v = verifyPlan(sc, bad).filter((x) => x.rule === 'antimeridian');
    assert.deepEqual(
      v.map((x) => x.message.split(':')[0]),
      ['sortie A', 'coast line 0'],
      show(v),
    );
    assert.match(
      v[0].message,
      /cross the antimeridian unsplit, so GeoJSON readers draw that line round the world/,
    );
  });

  it('names an undensified long leg, with how far it is drawn off its geodesic', () => {
    const { coast, sc, type, km } = straightCoast([13.6, 35.5]);
    const base = sc.bases[0].position;
    const out = offset(coast, 0, 64, 30);
    // one 1,000 km leg back along the coast: as drawn it bows several km off the geodesic
    const a = sortie('A', type, [base, out[0], out[64], out[0], base], [[0, km[64]]]);
    const p = plan(sc, [a]);
    const bad = parsePlanGeoJSON(JSON.parse(JSON.stringify(toGeoJSON(p, { drawn: false }))));
    const v = verifyPlan(sc, bad);
    const d = v.filter((x) => x.rule === 'drawn');
    assert.equal(d.length, 1, show(v));
    assert.match(
      d[0].message,
      /^sortie A: positions 1 to 2 \(29\d\.\d km apart\) drawn as a straight lon\/lat line run up to \d\.\d km off their geodesic/,
    );
    const good = parsePlanGeoJSON(JSON.parse(JSON.stringify(toGeoJSON(p))));
    assert.deepEqual(verifyPlan(sc, good), []);
  });
});
