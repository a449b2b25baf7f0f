import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { companionNotes } from '../src/data/countries.js';
import { CoastwatchError } from '../src/domain/errors.js';
import { kmOverLand, planReal, realScenario } from './support/real-coast.js';

describe('planner on real land (Natural Earth), regressions of issue 8', () => {
  it('Somalia from Djibouti (HDAM), avoid: no leg over Somalia or Ethiopia (was 1,467 km over them)', () => {
    const s = realScenario({
      coast: { country: 'Somalia', bbox: [42, 9, 52, 12.5] },
      bases: [{ icao: 'HDAM' }],
    });
    assert.equal(s.overflyLand, 'avoid');
    const p = planReal(s);
    assert.ok(p.summary.coverage > 0.95, `coverage ${p.summary.coverage}`);
    assert.equal(kmOverLand(p, ['Djibouti']), 0);
  });

  it('Greece with standoff 0 and avoid keeps off Turkey, Albania and the rest; allowed may cross them', () => {
    const base = {
      coast: { country: 'Greece', bbox: [22, 39.5, 27, 41.5] },
      bases: [{ icao: 'LGTS' }],
      standoffKm: 0,
    };
    const avoid = planReal(realScenario({ ...base, overflyLand: 'avoid' }));
    assert.equal(kmOverLand(avoid, ['Greece']), 0);
    assert.ok(avoid.summary.coverage > 0.95, `coverage ${avoid.summary.coverage}`);
    const allowed = realScenario(base);
    assert.equal(allowed.overflyLand, 'allowed', 'the default with standoff 0');
  });

  it('a Portugal west-coast LineString without seaSide is planned on the sea side (was 945 of 1,146 km over land)', () => {
    const s = realScenario({
      coast: {
        geojson: {
          type: 'LineString',
          coordinates: [
            [-8.87, 41.87],
            [-8.67, 41.18],
            [-8.88, 40.5],
            [-9.07, 39.6],
            [-9.35, 39.36],
            [-9.42, 38.72],
            [-8.8, 38.4],
            [-8.87, 37.95],
            [-8.79, 37.1],
          ],
        },
      },
      bases: [{ icao: 'LPPT' }],
    });
    // walked north to south the sea is on the right: the line is turned so that it lies on the left
    assert.equal(s.coast.lines[0].seaSide, 'left');
    assert.deepEqual(s.coast.lines[0].coords[0], [-8.79, 37.1]);
    const p = planReal(s);
    assert.equal(p.summary.coverage, 1);
    // transits may cross Portugal (the base's own land: allowed), but the coast is watched from the sea
    const wrong = planReal(
      realScenario({
        coast: { geojson: { type: 'LineString', coordinates: s.coast.lines[0].coords }, seaSide: 'right' },
        bases: [{ icao: 'LPPT' }],
      }),
    );
    const land = kmOverLand(p, []);
    assert.ok(land < 0.4 * p.summary.distanceKm, `${land} km over land`);
    assert.ok(land < kmOverLand(wrong, []) - 200, 'the wrong side flies far more over land');
  });

  it('seaSide "right" turns the line; a line with land on both sides is refused naming coast.seaSide', () => {
    const line = {
      type: 'LineString',
      coordinates: [
        [-8.87, 41.87],
        [-8.79, 37.1],
      ],
    };
    const r = realScenario({ coast: { geojson: line, seaSide: 'right' }, bases: [{ icao: 'LPPT' }] });
    assert.deepEqual(r.coast.lines[0].coords[0], [-8.79, 37.1]);
    assert.throws(
      () =>
        realScenario({
          coast: {
            geojson: {
              type: 'LineString',
              coordinates: [
                [-4, 40],
                [-3, 41],
              ],
            },
          },
          bases: [{ icao: 'LPPT' }],
        }),
      (e: unknown) =>
        e instanceof CoastwatchError && e.where === 'coast.seaSide' && /"left" or "right"/.test(e.message),
    );
  });

  it('several countries: Cyprus with N. Cyprus and the rest of the island is one closed coast, planned whole', () => {
    const island = ['Cyprus', 'N. Cyprus', 'Cyprus U.N. Buffer Zone', 'Akrotiri', 'Dhekelia'];
    // a base at sea: verify's climb-out rule (the distance to the coast never falls) refuses every way from a
    // shore airport such as LCLK to the sea, see the report
    const s = realScenario({ coast: { country: island }, bases: [{ name: 'Ship', lon: 33.3, lat: 34.3 }] });
    assert.equal(s.coast.lines.length, 1, 'borders among listed countries are not coast');
    assert.equal(s.coast.lines[0].closed, true);
    const p = planReal(s);
    assert.equal(p.summary.coverage, 1);
    assert.equal(kmOverLand(p, []), 0);
    assert.deepEqual(companionNotes(island), []);
    const two = realScenario({ coast: { country: ['Cyprus', 'N. Cyprus'] }, bases: [{ icao: 'LCLK' }] });
    assert.ok(two.coast.lines.length > 1, 'the buffer zone and the bases still cut it');
  });

  it('notes a neighbour Natural Earth draws apart that is usually meant with the country asked for', () => {
    const [n] = companionNotes(['Somalia']);
    assert.match(n, /Somaliland apart from Somalia: .*"country": \["Somalia", "Somaliland"\]/);
    assert.deepEqual(companionNotes(['Somalia', 'Somaliland']), []);
    assert.equal(companionNotes(['Morocco']).length, 1);
    assert.deepEqual(companionNotes(['Libya']), []);
  });
});
