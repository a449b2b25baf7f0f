import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildCoastModel } from '../src/domain/coast.js';
import type { Plan } from '../src/domain/plan.js';
import type { Scenario } from '../src/domain/scenario.js';
import { distanceKm, pointToSegmentKm } from '../src/geo/geodesic.js';
import { plan } from '../src/plan/planner.js';
import { verifyPlan } from '../src/verify/verify.js';
import { bayCoast, island, scenarioFor, zigzagCoast } from './support/synthetic.js';

function planAndVerify(s: Scenario): Plan {
  const p = plan(s, buildCoastModel(s.coast.lines, s.sampleKm));
  const v = verifyPlan(s, p);
  assert.deepEqual(v, [], `verify found: ${JSON.stringify(v.slice(0, 3))}`);
  assert.ok(p.bounds);
  assert.ok(p.summary.sorties >= p.bounds.minSorties, 'a plan never beats its own lower bound on sorties');
  assert.ok(p.summary.distanceKm >= p.bounds.minDistanceKm - 1e-6, 'nor on distance');
  return p;
}

describe('plan', () => {
  it('covers a zigzag coast from an offshore base in one sortie, outside the band', () => {
    const s = scenarioFor([zigzagCoast([12, 33], 400, 8, 60)], { base: [14, 35] });
    const p = planAndVerify(s);
    assert.equal(p.summary.coverage, 1);
    assert.equal(p.summary.sorties, 1);
    assert.equal(p.gaps.length, 0);
  });

  it('flies straight across a bay the sensor can see into, and into one it cannot', () => {
    const shallow = scenarioFor([bayCoast([12, 33], 500, 120, 35)], { base: [14.5, 35], sensorKm: 60 });
    const deep = scenarioFor([bayCoast([12, 33], 500, 120, 110)], { base: [14.5, 35], sensorKm: 60 });
    // how close the route comes to the head of the bay (its deepest coast point)
    const toHead = (s: Scenario, p: Plan) => {
      const head = s.coast.lines[0].coords.reduce((m, q) => (q[1] < m[1] ? q : m));
      return Math.min(
        ...p.sorties.flatMap((x) => x.path.slice(1).map((q, k) => pointToSegmentKm(head, x.path[k], q).km)),
      );
    };
    const ps = planAndVerify(shallow);
    const pd = planAndVerify(deep);
    assert.equal(ps.summary.coverage, 1);
    assert.equal(pd.summary.coverage, 1);
    // across the shallow bay the route stays at the mouth (depth 35 km + 20 km band away); into the deep one it goes in
    assert.ok(toHead(shallow, ps) > 54, `shallow bay: route comes ${toHead(shallow, ps)} km from the head`);
    assert.ok(toHead(deep, pd) < 60, `deep bay: route stays ${toHead(deep, pd)} km from the head`);
  });

  it('covers islands, skipping those the mainland sortie already sees', () => {
    const lines = [
      zigzagCoast([12, 33], 300, 5, 80),
      island([13.2, 33.45], 6),
      island([14.5, 34.2], 12),
      island([12.5, 34.0], 4),
    ];
    const p = planAndVerify(scenarioFor(lines, { base: [13.5, 35.2] }));
    assert.equal(p.summary.coverage, 1);
  });

  it('climbs out of the band the shortest way when the base is inside it', () => {
    const s = scenarioFor([zigzagCoast([12, 33], 300, 0, 100)], { base: [13.5, 33.05] });
    const p = planAndVerify(s);
    assert.equal(p.summary.coverage, 1);
    for (const x of p.sorties) {
      assert.deepEqual(x.path[0], [13.5, 33.05]);
      // the first leg leaves northwards, straight away from the coast
      assert.ok(x.path[1][1] > 33.17, `first leg ends at ${x.path[1]}`);
    }
  });

  it('reports coast beyond reach as a gap with what it would need', () => {
    const s = scenarioFor([zigzagCoast([12, 33], 1500, 0, 100)], {
      base: [12, 34],
      speedKts: 200,
      enduranceH: 5,
    });
    const p = planAndVerify(s);
    assert.ok(p.summary.coverage < 1 && p.summary.coverage > 0.2);
    assert.ok(p.gaps.length >= 1);
    assert.match(
      p.gaps[p.gaps.length - 1].reason,
      /beyond reach of every aircraft: needs [\d.]+ h \(Patrol\), has 4\.0 h/,
    );
  });

  it('explains an inlet too narrow to see into from outside the band', () => {
    // a 4 km wide, 150 km deep inlet: its head is more than sensor range from any point outside the band
    const coords: [number, number][] = [];
    const a = zigzagCoast([12, 33], 200, 0, 100).coords;
    const mid = a[50];
    coords.push(...a.slice(0, 50));
    coords.push([mid[0] - 0.02, mid[1] - 1.35], [mid[0] + 0.02, mid[1] - 1.35]);
    coords.push(...a.slice(51));
    const s = scenarioFor([{ coords, closed: false, seaSide: 'left' }], {
      base: [13, 34.5],
      sensorKm: 40,
      standoffKm: 20,
    });
    const p = planAndVerify(s);
    assert.ok(
      p.gaps.some((g) => /no point outside the 20 km standoff band/.test(g.reason)),
      JSON.stringify(p.gaps.map((g) => g.reason)),
    );
  });

  it('keeps out of a no-fly area between base and coast', () => {
    const nf: [number, number][][] = [
      [
        [13.0, 33.6],
        [14.6, 33.6],
        [14.6, 34.3],
        [13.0, 34.3],
        [13.0, 33.6],
      ],
    ];
    const s = scenarioFor([zigzagCoast([12, 33], 300, 3, 80)], { base: [13.8, 34.8], noFly: [nf] });
    const p = planAndVerify(s);
    assert.equal(p.summary.coverage, 1);
  });

  it('property: plans on random coasts pass verify and leave nothing reachable uncovered', () => {
    fc.assert(
      fc.property(
        fc.record({
          length: fc.integer({ min: 20, max: 700 }),
          amp: fc.integer({ min: 0, max: 12 }),
          wave: fc.integer({ min: 30, max: 200 }),
          standoff: fc.constantFrom(0, 5, 12, 22.2),
          sensor: fc.integer({ min: 30, max: 90 }),
          baseKm: fc.integer({ min: 0, max: 300 }),
          baseAlong: fc.integer({ min: 0, max: 100 }),
        }),
        (r) => {
          const line = zigzagCoast([12, 33], r.length, r.amp, r.wave);
          const along = line.coords[Math.floor(((line.coords.length - 1) * r.baseAlong) / 100)];
          const base = [along[0], along[1] + r.baseKm / 111 + 0.01] as [number, number];
          const s = scenarioFor([line], {
            base,
            standoffKm: r.standoff,
            sensorKm: Math.max(r.sensor, r.standoff + 15),
            enduranceH: 12,
          });
          const p = planAndVerify(s);
          assert.equal(p.summary.coverage, 1, JSON.stringify(p.gaps.map((g) => g.reason)));
          assert.ok(distanceKm(p.sorties[0].path[0], base) < 1e-6);
        },
      ),
      { numRuns: 12, seed: 42 },
    );
  });
});
