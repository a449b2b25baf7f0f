/**
 * The world sweep's fixed sample (bench/world.ts runs all ~150 countries): 12 coasts, parts of the largest,
 * from each country's largest airport near the coast, generic turboprop, every plan through verify.
 * Standoff 0 with overflyLand "avoid": verify's climb-out rule refuses a standoff climb from a shore airport
 * (see docs/planner-issue-8.md), so the sweep's 22.2 km runs stay in the bench.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runOne } from '../bench/world-one.js';

const SAMPLE: [string, string, number[] | undefined][] = [
  ['Norway', 'ENBO', [12, 66.5, 16, 68.5]],
  ['Canada', 'CYHZ', [-66, 43, -59.5, 46.5]],
  ['Somalia', 'HCMM', [44, 1, 50, 8]],
  ['Greece', 'LGAV', [22, 36.5, 25, 38.5]],
  ['Philippines', 'RPLL', [119.5, 13, 122, 15.5]],
  ['Indonesia', 'WIII', [105, -7.5, 109, -5.5]],
  ['Libya', 'HLLM', undefined],
  ['Cyprus', 'LCLK', undefined],
  ['Malta', 'LMML', undefined],
  ['Tunisia', 'DTTA', undefined],
  ['Portugal', 'LPPT', [-10, 36.9, -7, 40]],
  ['Croatia', 'LDZA', [13, 44, 16.5, 45.6]],
];

describe('world sweep sample (12 countries)', () => {
  for (const [country, icao, bbox] of SAMPLE) {
    it(`${country} from ${icao}: verify passes, reachable coast covered`, () => {
      const r = runOne(country, icao, 0, bbox, { overflyLand: 'avoid' });
      assert.equal(r.violations, 0, r.firstViolation);
      assert.ok(r.reachableCoverage > 0.9, `reachable coast covered ${r.reachableCoverage}`);
    });
  }
});
