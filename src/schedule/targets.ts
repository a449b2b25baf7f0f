/**
 * Why a prioritised stretch's revisit target is met or not (issue #14). A target is judged against the lower
 * bounds of ./bounds.ts applied to that stretch alone (its coast points only): when the best of them exceeds the
 * target no schedule of the fleet can meet it, and the smallest airframe count of each type that brings that
 * bound under the target (the other types as flown) is what the stretch alone needs. Otherwise the bounds allow
 * it and the search fell short, which is said as such.
 */
import type { PriorityFigure } from '../domain/schedule.js';
import { revisitBounds } from './bounds.js';
import type { ScheduleContext } from './context.js';
import type { FleetCounts } from './search.js';

/** Largest airframe count of one type tried when working out what a stretch alone needs. */
const MAX_NEED = 512;

export interface TargetInput {
  id?: string;
  fromKm: number;
  toKm: number;
  targetRevisitH: number;
  reason?: string;
}

/** Per target: achieved (worst unwatched time over the stretch), met, the stretch's own bound, and the reason. */
export function explainTargets(
  ctx: ScheduleContext,
  fleet: FleetCounts,
  gaps: Float64Array,
  targets: readonly TargetInput[],
  opts: { horizonH?: number } = {},
): PriorityFigure[] {
  const { samples } = ctx.plan.coast;
  return targets.map((tg) => {
    const inside = (i: number) => samples.km[i] >= tg.fromKm && samples.km[i] <= tg.toKm;
    let worst: number | null = null;
    let any = false;
    for (let i = 0; i < samples.count; i++) {
      if (!inside(i)) continue;
      any = true;
      if (!Number.isNaN(gaps[i])) worst = Math.max(worst ?? 0, gaps[i]);
    }
    const stretch = `coast km ${Math.round(tg.fromKm)}-${Math.round(tg.toKm)}`;
    const base: PriorityFigure = {
      ...(tg.id !== undefined ? { id: tg.id } : {}),
      fromKm: tg.fromKm,
      toKm: tg.toKm,
      targetRevisitH: tg.targetRevisitH,
      achievedRevisitH: worst,
      met: worst !== null && worst <= tg.targetRevisitH,
      boundH: null,
    };
    if (!any)
      return { ...base, met: false, reason: `${stretch} has no coast samples: nothing to watch there` };
    if (worst === null)
      return {
        ...base,
        reason: `no aircraft of the scenario can reach ${stretch} (its gaps say why): no revisit there`,
      };
    const seen = (i: number) => inside(i) && !Number.isNaN(gaps[i]);
    const stretchBound = (f: FleetCounts) =>
      revisitBounds(ctx, f, { seen, horizonH: opts.horizonH }).reduce((m, b) => (b.hours > m.hours ? b : m), {
        name: '',
        hours: 0,
        how: '',
      });
    const b = stretchBound(fleet);
    const out: PriorityFigure = { ...base, boundH: b.hours };
    if (out.met) return out;
    if (b.hours <= tg.targetRevisitH)
      return {
        ...out,
        reason: `the bounds on ${stretch} alone allow ${b.hours.toFixed(2)} h, but the search found no schedule of this fleet under ${tg.targetRevisitH} h there (best ${worst.toFixed(1)} h)`,
      };
    // per type: the smallest count (others as flown) whose bound on this stretch alone is within the target
    const needs: string[] = [];
    for (const t of ctx.types) {
      const have = fleet[t.index];
      const fits = (n: number) =>
        stretchBound(fleet.map((c, k) => (k === t.index ? n : c))).hours <= tg.targetRevisitH;
      let lo = have;
      let hi = Math.max(1, have * 2);
      while (hi <= MAX_NEED && !fits(hi)) {
        lo = hi;
        hi *= 2;
      }
      if (hi > MAX_NEED) {
        needs.push(`more than ${MAX_NEED} airframes of ${t.type.name} (the fleet has ${have})`);
        continue;
      }
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (fits(mid)) hi = mid;
        else lo = mid;
      }
      needs.push(`${hi} airframes of ${t.type.name} (the fleet has ${have})`);
    }
    return {
      ...out,
      reason: `needs ${needs.join(', or ')} on this stretch alone: with this fleet no schedule keeps ${stretch} under ${b.hours.toFixed(2)} h (${b.name} bound on the stretch: ${b.how})`,
    };
  });
}
