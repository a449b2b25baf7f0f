/** Shared fast-check arbitraries for property tests. */
import fc from 'fast-check';

/**
 * Uniform over [min, max]. fc.double spreads its draws over the bits of a double, so most land within a
 * hair of 0 or of the bounds: a coast "anywhere" would nearly always sit on the equator, heading north.
 */
export function uniform(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 2 ** 30 }).map((i) => min + ((max - min) * i) / 2 ** 30);
}
