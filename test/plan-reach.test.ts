/**
 * The coast within reach (src/plan/reach.ts, the tour's `beyond`): what lies beyond every base's reach is settled
 * at once, and the tour's walk near the edge of reach is not cut by it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runOne } from '../bench/world-one.js';

describe('the coast within reach', () => {
  it('Argentina from SABE at standoff 0: Tierra del Fuego at the edge of reach, the tour not cut there (10 sorties, not 14)', () => {
    // holding the tour's points within half the range made it walk the far south in pieces: 14 sorties, 60,319 km
    const r = runOne('Argentina', 'SABE', 0);
    assert.equal(r.violations, 0, r.firstViolation);
    assert.ok(r.coverage > 0.999, `coverage ${r.coverage}`);
    assert.ok(r.sorties <= 10, `${r.sorties} sorties, ${Math.round(r.distanceKm)} km`);
  });
});
