/** Shared fast-check arbitraries for property tests. */
import fc from 'fast-check';

/**
 * Uniform over [min, max]. fc.double spreads its draws over the bits of a double, so most land within a
 * hair of 0 or of the bounds: a coast "anywhere" would nearly always sit on the equator, heading north.
 */
export function uniform(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 2 ** 30 }).map((i) => min + ((max - min) * i) / 2 ** 30);
}

/**
 * The seed of a property test: COASTWATCH_SEED when set (to replay a failure), `fixed` under CI (the same
 * runs every time), else a new one each run, so that runs on developers' machines keep exploring.
 * fast-check prints the seed and path of a failing run ("seed: 1234, path: ..."): replay it with
 * COASTWATCH_SEED=1234.
 */
export function propertySeed(fixed: number): number {
  const env = process.env.COASTWATCH_SEED;
  if (env !== undefined && env !== '' && Number.isInteger(Number(env))) return Number(env);
  const ci = process.env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return fixed;
  return (Math.random() * 2 ** 31) | 0;
}
