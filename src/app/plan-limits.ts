/**
 * How big a coast the planner takes on: checked before any planning, so that a coast too big for the machine is
 * refused at once with the figure it needs and what to do, instead of running for minutes. The planner's work
 * follows the coast its aircraft can reach (within half the range plus the sensor range of a base: src/plan/
 * reach.ts), not the whole coast: Canada's 137,000 km from Vancouver is 23,000 samples to plan, from bases
 * spread across it 137,000. So the limit is on the samples in reach (`COASTWATCH_MAX_SAMPLES` raises or lowers
 * it); the whole coast, which the planner still indexes and verify still checks, may be up to
 * WHOLE_COAST_FACTOR times that.
 */
import type { CoastModel } from '../domain/coast.js';
import { inputError } from '../domain/errors.js';
import type { Scenario } from '../domain/scenario.js';
import { samplesInReach } from '../plan/reach.js';

/**
 * Default most coast samples in reach planned at once. Measured at standoff 22.2 km, the harder case (docs/
 * planner-scale.md, `npm run bench -- plan-large`), in CPU time for the planning: Indonesia, 52,600 samples
 * all in reach, 20-27 s and 300 MB; Canada from Vancouver, 137,400 samples of which 23,000 in reach, 30 s and
 * 360 MB. 60,000 admits every coast up to Indonesia's and keeps each within a minute and well under 1 GB.
 */
export const DEFAULT_MAX_SAMPLES = 60_000;

/** The whole coast may have this many times the limit's samples (its index, chains and verify grow with it). */
export const WHOLE_COAST_FACTOR = 5;

/**
 * Rough cost of planning `samples` coast samples in reach of a coast of `total` samples: CPU seconds and peak
 * memory (MB), fitted to the measurements above (Norway 27,600 samples: 7-12 s; Indonesia 52,600: 19-37 s; each
 * whole-coast sample adds a little: Canada's 137,000 about 10 s). A coast's shape counts as well as its length:
 * a floor, not a promise.
 */
export function planCost(samples: number, total = samples): { seconds: number; mb: number } {
  return {
    seconds: Math.ceil((samples / 27_600) ** 1.6 * 9 + total / 14_000),
    mb: Math.ceil(240 + Math.max(samples, total) * 0.0025),
  };
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

/**
 * Refuses (input error, exit 2) a coast with more samples in reach of its bases than the limit, or more samples
 * in all than WHOLE_COAST_FACTOR times it, before any planning work. `whole`: judge every sample as in reach
 * (the scheduler's tours still walk the whole coast: Canada from CYVR did not schedule in 300 s).
 */
export function checkPlanSize(
  scenario: Scenario,
  coast: CoastModel,
  env: NodeJS.ProcessEnv = process.env,
  opts: { whole?: boolean } = {},
): void {
  const limit = maxSamples(env);
  const total = coast.samples.count;
  // the whole coast first (it is counted at once); what is in reach only when that passes
  const inReach = total <= limit || opts.whole ? total : samplesInReach(scenario, coast.samples);
  if (inReach <= limit && total <= limit * WHOLE_COAST_FACTOR) return;
  const cost = planCost(inReach, total);
  const km = Math.round(coast.lengthKm).toLocaleString('en-US');
  const n = (x: number) => x.toLocaleString('en-US');
  if (opts.whole) {
    const fit = Math.max(1, Math.ceil(scenario.sampleKm * (total / limit) * 10) / 10);
    throw inputError(
      'plan.too-large',
      `this coast needs about ${n(total)} coast samples (${km} km at sampleKm ${scenario.sampleKm}), about ${cost.seconds} s and ${n(cost.mb)} MB to plan; the limit is ${n(limit)} samples (a schedule plans the whole coast, not only what its bases reach). Plan part of it with coast.bbox, sample it more coarsely ("sampleKm": ${fit} or more), or raise the limit with COASTWATCH_MAX_SAMPLES=${total}`,
      'coast',
    );
  }
  // the sample spacing that brings both counts within the limit
  const ratio = Math.max(inReach / limit, total / (limit * WHOLE_COAST_FACTOR));
  const fit = Math.max(1, Math.ceil(scenario.sampleKm * ratio * 10) / 10);
  const need = Math.max(inReach, Math.ceil(total / WHOLE_COAST_FACTOR));
  throw inputError(
    'plan.too-large',
    `this coast needs about ${n(inReach)} coast samples within reach of its bases (${n(total)} in all: ${km} km at sampleKm ${scenario.sampleKm}), about ${cost.seconds} s and ${n(cost.mb)} MB to plan; the limit is ${n(limit)} samples in reach (and ${n(limit * WHOLE_COAST_FACTOR)} in all). Plan part of it with coast.bbox, sample it more coarsely ("sampleKm": ${fit} or more), or raise the limit with COASTWATCH_MAX_SAMPLES=${need}`,
    'coast',
  );
}
