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
 * Default most coast samples planned at once. Measured (docs/planner-scale.md, `npm run bench -- plan-large`):
 * Norway from ENBO, 27,600 samples, plans in about 9 s of CPU and 280 MB; the planner's time grows a little
 * faster than the samples, so 60,000 keeps a plan within about a minute and well under 1 GB.
 */
export const DEFAULT_MAX_SAMPLES = 60_000;

/** Rough cost of planning `samples` coast samples: CPU seconds and peak memory (MB), from the measurements above. */
export function planCost(samples: number): { seconds: number; mb: number } {
  return { seconds: Math.ceil((samples / 27_600) ** 1.2 * 9), mb: Math.ceil(250 + samples * 0.004) };
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
