import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planReal, realScenario } from './support/real-coast.js';

// issue 8, "coverage that does not give up": countries of the world sweep (docs/world.md) where verify found a
// legal sortie the planner missed; each is planned and verified with Natural Earth land (planReal)
describe('coverage that does not give up (world sweep regressions, standoff 22.2)', () => {
  it('Barbados from TBPB (a base at sea 17 m off the shore): covered whole (was 0 sorties, a reachable gap)', () => {
    const p = planReal(realScenario({ coast: { country: 'Barbados' }, bases: [{ icao: 'TBPB' }] }));
    assert.equal(p.summary.coverage, 1);
    assert.equal(p.sorties.length, 1);
  });

  it('Br. Indian Ocean Ter. from FJDG (in the lagoon, 36 m off the atoll): covered whole (was 0 sorties)', () => {
    const p = planReal(
      realScenario({ coast: { country: 'Br. Indian Ocean Ter.' }, bases: [{ icao: 'FJDG' }] }),
    );
    assert.equal(p.summary.coverage, 1);
  });

  it('Bosnia and Herz. from Mostar (LQMO): its 18 km of coast seen from over its own land (was 0 sorties)', () => {
    const p = planReal(realScenario({ coast: { country: 'Bosnia and Herz.' }, bases: [{ icao: 'LQMO' }] }));
    assert.equal(p.summary.coverage, 1);
    assert.equal(p.sorties.length, 1);
  });
});
