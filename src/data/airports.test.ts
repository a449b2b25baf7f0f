import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoastwatchError } from '../domain/errors.js';
import { findAirport } from './airports.js';

describe('findAirport', () => {
  it('finds Pantelleria by its ICAO code', () => {
    const a = findAirport('LICG');
    assert.equal(a.icao, 'LICG');
    assert.match(a.name, /Pantelleria/);
    assert.ok(Math.abs(a.position[0] - 11.9689) < 1e-3 && Math.abs(a.position[1] - 36.8165) < 1e-3);
  });

  it('finds Sigonella and Malta, in any case', () => {
    assert.match(findAirport('LICZ').name, /Sigonella/);
    assert.match(findAirport('lmml').name, /Malta/);
    assert.equal(findAirport(' lmml ').icao, 'LMML');
  });

  it('suggests codes of the same region for an unknown one', () => {
    assert.throws(
      () => findAirport('LICX', 'bases[0].icao'),
      (e: unknown) => {
        assert.ok(e instanceof CoastwatchError);
        assert.equal(e.kind, 'input');
        assert.equal(e.code, 'scenario.unknown-icao');
        assert.equal(e.where, 'bases[0].icao');
        assert.match(e.message, /^bases\[0\]\.icao: unknown ICAO code "LICX": did you mean LICC \(Catania/);
        assert.match(e.message, /LICG|LICA|LICB/);
        assert.ok(e.message.endsWith('or give the base as { "name": ..., "lon": ..., "lat": ... }'));
        return true;
      },
    );
  });

  it('says what to do when nothing is close', () => {
    assert.throws(
      () => findAirport('QQQQ', 'bases[1].icao'),
      /^CoastwatchError: bases\[1\]\.icao: unknown ICAO code "QQQQ": Check the code/,
    );
  });
});
