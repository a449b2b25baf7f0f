/**
 * How big a coast the planner takes on: checked before any planning, so that a coast too long for the machine
 * (Canada's whole coast: 137,000 km, 137,000 samples at 1 km) is refused at once with the figure it needs and
 * what to do, instead of running for minutes. The limit is on coast samples (the planner's work grows with
 * them); `COASTWATCH_MAX_SAMPLES` raises or lowers it.
 */
import type { CoastModel } from '../domain/coast.js';
import { inputError } from '../domain/errors.js';
import type { Scenario } from '../domain/scenario.js';

/**
 * Default most coast samples planned at once. Measured at standoff 22.2 km, the harder case (docs/planner-scale.md,
 * `npm run bench -- plan-large`), in CPU time for plan and verify: Indonesia, 52,600 samples, 20-27 s and 300 MB;
 * the United States, 68,500, 42 s and 380 MB; Antarctica, 65,900, 345 s; Russia, 75,700, 193 s. 60,000 admits
 * every coast up to Indonesia's and keeps each within a minute and well under 1 GB.
 */
export const DEFAULT_MAX_SAMPLES = 60_000;

/**
 * Rough cost of planning `samples` coast samples: CPU seconds and peak memory (MB), fitted to the measurements
 * above (Norway 27,600 samples: 7-12 s; Indonesia 52,600: 19-37 s; the United States 68,500: 39 s). A coast's shape
 * counts as well as its length (Russia's and Antarctica's are far slower than this says): a floor, not a promise.
 */
export function planCost(samples: number): { seconds: number; mb: number } {
  return { seconds: Math.ceil((samples / 27_600) ** 1.6 * 9), mb: Math.ceil(240 + samples * 0.0025) };
}

/** The sample limit in force: `COASTWATCH_MAX_SAMPLES` when it is a positive whole number, else the default. */
export function maxSamples(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.COASTWATCH_MAX_SAMPLES;
  if (v === undefined || v.trim() === '') return DEFAULT_MAX_SAMPLES;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw inputError(
      'env.bad-limit',
      `must be a positive whole number of coast samples, got ${JSON.stringify(v)}`,
      'COASTWATCH_MAX_SAMPLES',
    );
  return n;
}

/** Refuses (input error, exit 2) a coast with more samples than the limit, before any planning work. */
export function checkPlanSize(
  scenario: Scenario,
  coast: CoastModel,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const limit = maxSamples(env);
  const n = coast.samples.count;
  if (n <= limit) return;
  const cost = planCost(n);
  const km = Math.round(coast.lengthKm).toLocaleString('en-US');
  const fit = Math.max(1, Math.ceil((coast.lengthKm / limit) * 10) / 10);
  throw inputError(
    'plan.too-large',
    `this coast needs about ${n.toLocaleString('en-US')} coast samples (${km} km at sampleKm ${scenario.sampleKm}), about ${cost.seconds} s and ${cost.mb.toLocaleString('en-US')} MB to plan; the limit is ${limit.toLocaleString('en-US')} samples. Plan part of it with coast.bbox, sample it more coarsely ("sampleKm": ${fit} or more), or raise the limit with COASTWATCH_MAX_SAMPLES=${n}`,
    'coast',
  );
}
