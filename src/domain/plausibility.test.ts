import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LonLat } from '../geo/lonlat.js';
import { plausibilityWarnings } from './plausibility.js';
import type { AircraftType, Scenario } from './scenario.js';

/** A straight coast along 32.9 N off Libya, a base on Pantelleria and a King Air-like type. */
function scenario(edit: (s: Scenario) => void = () => {}): Scenario {
  const coords: LonLat[] = [];
  for (let lon = 11.5; lon <= 15; lon += 0.05) coords.push([lon, 32.9]);
  const aircraft: AircraftType = {
    name: 'Turboprop ISR',
    base: 'LICG',
    count: 1,
    speedKts: 280,
    enduranceH: 10,
    reserveH: 1,
    sensorRangeKm: 60,
    turnaroundH: 3,
    callsigns: [],
  };
  const s: Scenario = {
    name: 't',
    coast: { lines: [{ coords, closed: false, seaSide: 'left' }], source: 'GeoJSON in the scenario' },
    bases: [{ name: 'LICG', icao: 'LICG', position: [11.9689, 36.8165] }],
    aircraft: [aircraft],
    standoffKm: 0,
    noFly: [],
    overflyLand: 'allowed',
    sampleKm: 1,
  };
  edit(s);
  return s;
}

describe('plausibilityWarnings', () => {
  it('has nothing to say about a plausible scenario', () => {
    assert.deepEqual(plausibilityWarnings(scenario()), []);
  });

  it('enduranceH over 40 h: minutes typed as hours?', () => {
    const w = plausibilityWarnings(scenario((s) => (s.aircraft[0].enduranceH = 600)));
    assert.equal(w.length, 1);
    assert.match(
      w[0],
      /^aircraft\[0\]\.enduranceH: 600 h is more than 40 h airborne; if it was given in minutes, it is 10 h$/,
    );
  });

  it('speedKts over 600 or under 40', () => {
    assert.match(
      plausibilityWarnings(scenario((s) => (s.aircraft[0].speedKts = 5000))).join('\n'),
      /^aircraft\[0\]\.speedKts: 5000 kt is faster than 600 kt/,
    );
    assert.match(
      plausibilityWarnings(scenario((s) => (s.aircraft[0].speedKts = 30))).join('\n'),
      /^aircraft\[0\]\.speedKts: 30 kt is slower than 40 kt/,
    );
    assert.deepEqual(plausibilityWarnings(scenario((s) => (s.aircraft[0].speedKts = 600))), []);
  });

  it('a base with lon and lat swapped is beyond reach, and the swap is named', () => {
    const w = plausibilityWarnings(
      scenario((s) => (s.bases[0] = { name: 'LICG', position: [36.8165, 11.9689] })),
    );
    assert.equal(w.length, 1);
    assert.match(
      w[0],
      /^bases\[0\] \(LICG\): the base \[36\.82, 11\.97\] is [\d,]+ km from the nearest coast, but its aircraft reach only 2,394 km/,
    );
    assert.match(w[0], /with lon and lat swapped it would be \[11\.97, 36\.82\], 4\d\d km from the coast$/);
  });

  it('a base in the wrong hemisphere is named as such', () => {
    const w = plausibilityWarnings(
      scenario((s) => {
        s.bases[0] = { name: 'LICG', position: [11.9689, -36.8165] };
        s.aircraft[0].enduranceH = 5;
      }),
    );
    assert.equal(w.length, 1);
    assert.match(
      w[0],
      /with the latitude with the wrong sign \(wrong hemisphere\) it would be \[11\.97, 36\.82\]/,
    );
  });

  it('a coast written [lat, lon] is far from every base, and near once swapped', () => {
    const w = plausibilityWarnings(
      scenario((s) => {
        s.coast.lines[0].coords = s.coast.lines[0].coords.map(([x, y]): LonLat => [y, x]);
      }),
    );
    assert.ok(
      w.some((x) =>
        /^coast: every base is at least [\d,]+ km from the coast.*was it written \[lat, lon\]\?/.test(x),
      ),
      w.join('\n'),
    );
  });

  it('an airfield looked up by ICAO code far away is out of reach, with no slip suggested', () => {
    const w = plausibilityWarnings(scenario((s) => (s.bases[0].position = [-20, 60])));
    assert.equal(w.length, 1);
    assert.doesNotMatch(w[0], /with /);
  });

  it('a base inside a no-fly area', () => {
    const w = plausibilityWarnings(
      scenario((s) => {
        s.noFly = [
          [
            [
              [11.5, 36.5],
              [12.5, 36.5],
              [12.5, 37.2],
              [11.5, 37.2],
              [11.5, 36.5],
            ],
          ],
        ];
      }),
    );
    assert.deepEqual(w, [
      'bases[0] (LICG): the base [11.97, 36.82] lies inside a no-fly area: its aircraft cannot take off, so no sortie flies from it',
    ]);
  });
});
