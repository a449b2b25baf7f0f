import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoastwatchError } from '../domain/errors.js';
import type { CoastLine } from '../domain/scenario.js';
import { fastDistanceKm, kxAt, kyAt } from '../geo/frame.js';
import { lineLengthKm } from '../geo/geodesic.js';
import { type LonLat, wrapLon } from '../geo/lonlat.js';
import { countryCoast, countryNames, findCountry } from './countries.js';

/** Which side of the nearest coast segment p lies on, in a local frame at p. */
function sideOf(lines: readonly CoastLine[], p: LonLat): 'left' | 'right' {
  let best = Infinity;
  let cross = 0;
  const kx = kxAt(p[1]);
  const ky = kyAt(p[1]);
  for (const l of lines) {
    for (let i = 0; i + 1 < l.coords.length; i++) {
      const ax = wrapLon(l.coords[i][0] - p[0]) * kx;
      const ay = (l.coords[i][1] - p[1]) * ky;
      const bx = wrapLon(l.coords[i + 1][0] - p[0]) * kx;
      const by = (l.coords[i + 1][1] - p[1]) * ky;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2)) : 0;
      const d = Math.hypot(ax + t * dx, ay + t * dy);
      if (d < best) {
        best = d;
        // (b - a) x (p - a) with p at the origin: positive when p is on the left
        cross = dx * -ay - dy * -ax;
      }
    }
  }
  return cross > 0 ? 'left' : 'right';
}

function throwsInput(fn: () => unknown, code: string, message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof CoastwatchError);
    assert.equal(e.kind, 'input');
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  });
}

const totalKm = (lines: readonly CoastLine[]) => lines.reduce((s, l) => s + lineLengthKm(l.coords), 0);

describe('findCountry', () => {
  it('takes Natural Earth names in any case, accents and punctuation optional', () => {
    assert.deepEqual(findCountry('Libya'), { name: 'Libya', id: '434', iso2: 'LY', iso3: 'LBY' });
    assert.equal(findCountry('  libya ').name, 'Libya');
    assert.equal(findCountry("Côte d'Ivoire").name, "Côte d'Ivoire");
    assert.equal(findCountry('cote divoire').name, "Côte d'Ivoire");
    assert.equal(findCountry('Bosnia and Herz').name, 'Bosnia and Herz.');
  });

  it('takes ISO 3166-1 alpha-2, alpha-3 and numeric codes, and English ISO names', () => {
    assert.equal(findCountry('LY').name, 'Libya');
    assert.equal(findCountry('lby').name, 'Libya');
    assert.equal(findCountry('434').name, 'Libya');
    assert.equal(findCountry('GRC').name, 'Greece');
    assert.equal(findCountry('Bosnia and Herzegovina').name, 'Bosnia and Herz.');
    assert.equal(findCountry('USA').name, 'United States of America');
    // Ashmore and Cartier Is. carry Australia's code too
    assert.equal(findCountry('AU').name, 'Australia');
  });

  it('finds the territories that have no ISO code by name', () => {
    assert.deepEqual(findCountry('Kosovo'), { name: 'Kosovo', id: '' });
  });

  it('suggests the closest names for an unknown one', () => {
    throwsInput(
      () => findCountry('Lybia'),
      'scenario.unknown-country',
      'coast.country: unknown country "Lybia": did you mean "Libya"? Use a Natural Earth country name or an ISO code such as "LY"',
    );
    throwsInput(
      () => findCountry('Grece'),
      'scenario.unknown-country',
      'coast.country: unknown country "Grece": did you mean "Greece"? Use a Natural Earth country name or an ISO code such as "GR"',
    );
    assert.throws(
      () => findCountry('Atlantis'),
      /unknown country "Atlantis": use a Natural Earth country name/,
    );
  });

  it('explains a valid ISO code that Natural Earth does not map', () => {
    assert.throws(() => findCountry('BV'), /"BV" is Bouvet Island, which Natural Earth 1:10m does not map/);
  });

  it('lists every name', () => {
    const names = countryNames();
    assert.equal(names.length, 255);
    assert.ok(names.includes('Libya') && names.includes('Greece'));
  });
});

describe('countryCoast', () => {
  it("measures Libya's coast at 1781.3 km, in one line from Tunisia to Egypt", (t) => {
    const lines = countryCoast('Libya');
    const km = totalKm(lines);
    t.diagnostic(`Libya coast: ${km.toFixed(1)} km in ${lines.length} line(s)`);
    // Natural Earth 1:10m in world-atlas, measured with lineLengthKm: a regression guard on data and geodesy
    assert.ok(Math.abs(km - 1781.3) <= 0.5, `Libya coast ${km.toFixed(1)} km, expected 1781.3 ± 0.5`);
    assert.equal(lines.length, 1);
    assert.equal(lines[0].closed, false);
    assert.equal(lines[0].seaSide, 'left');
    // sea on the left: the line runs west to east
    assert.ok(lines[0].coords[0][0] < 12 && lines[0].coords.at(-1)![0] > 25);
  });

  it('leaves out the land borders', () => {
    const lines = countryCoast(findCountry('LY'));
    const inland: LonLat = [11.5, 32.0];
    const nearest = Math.min(...lines.flatMap((l) => l.coords.map((p) => fastDistanceKm(inland, p))));
    assert.ok(nearest > 50, `a coast vertex is ${nearest.toFixed(1)} km from the Tunisian border inland`);
  });

  it('has the sea on the left', () => {
    const libya = countryCoast('Libya');
    assert.equal(sideOf(libya, [15.0, 33.5]), 'left');
    assert.equal(sideOf(libya, [15.0, 30.0]), 'right');
    const greece = countryCoast('Greece');
    assert.equal(sideOf(greece, [25.0, 37.0]), 'left'); // Aegean, among the Cyclades
    assert.equal(sideOf(greece, [22.0, 39.5]), 'right'); // Thessaly
  });

  it('gives Greece its islands as closed lines and its mainland as an open line', (t) => {
    const lines = countryCoast('Greece');
    const closed = lines.filter((l) => l.closed);
    const open = lines.filter((l) => !l.closed);
    t.diagnostic(`Greece: ${open.length} open, ${closed.length} closed, ${totalKm(lines).toFixed(0)} km`);
    assert.ok(closed.length >= 50);
    assert.ok(open.length >= 1);
    for (const l of closed) assert.deepEqual(l.coords[0], l.coords.at(-1));
  });

  it('gives an island nation only closed lines', () => {
    const lines = countryCoast('MT');
    assert.ok(lines.length >= 1);
    assert.ok(lines.every((l) => l.closed && l.seaSide === 'left'));
  });

  it('refuses a landlocked country', () => {
    throwsInput(
      () => countryCoast('Chad'),
      'scenario.no-coast',
      'coast.country: Chad has no coastline in Natural Earth 1:10m; pick a coastal country or give "geojson"',
    );
  });

  it('drops the cut along the antimeridian and keeps the sea on the left across it', () => {
    for (const name of ['Russia', 'Fiji']) {
      for (const l of countryCoast(name)) {
        for (let i = 1; i < l.coords.length; i++) {
          const [a, b] = [l.coords[i - 1], l.coords[i]];
          assert.ok(Math.abs(b[0] - a[0]) < 180, `${name}: a segment jumps from ${a} to ${b}`);
          assert.ok(
            !(Math.abs(a[0]) === 180 && Math.abs(b[0]) === 180),
            `${name}: a segment runs along 180°`,
          );
        }
      }
    }
    const russia = countryCoast('Russia');
    assert.equal(sideOf(russia, [-175.0, 72.5]), 'left'); // north of Wrangel Island, which 180° cuts
    assert.equal(sideOf(russia, [-178.5, 71.2]), 'right'); // on Wrangel Island
    assert.equal(sideOf(countryCoast('Fiji'), [-179.8, -16.4]), 'left');
    // Antarctica goes once round the pole
    assert.equal(sideOf(countryCoast('Antarctica'), [0, -60]), 'left');
  });

  it('hands out copies', () => {
    const a = countryCoast('Malta');
    a[0].coords[0][0] = 0;
    assert.notEqual(countryCoast('Malta')[0].coords[0][0], 0);
  });
});
