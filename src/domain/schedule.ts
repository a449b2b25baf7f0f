/**
 * Schedules as plain data (docs/formats.md): a plan whose sorties carry an airframe and ISO times, plus the
 * revisit figures, the lower bounds on the worst revisit, and per-airframe and per-stretch summaries.
 */
import type { Plan } from './plan.js';

/** A lower bound on the worst revisit gap that no schedule of the fleet can beat. */
export interface RevisitBound {
  /** Stable short name, e.g. `duty`, `sweep`. */
  name: string;
  hours: number;
  /** One line: what the bound rests on and where it is tightest. */
  how: string;
}

export interface AirframeSummary {
  tail: string;
  aircraft: string;
  sorties: number;
  hours: number;
  /** Airborne hours over the horizon. */
  utilisation: number;
  /** Why an airframe flies nothing, when it does not. */
  note?: string;
}

export interface StretchSummary {
  fromKm: number;
  toKm: number;
  /** Coast of the stretch seen at least once, km. */
  coveredKm: number;
  /** Over the covered part; null when nothing of the stretch is seen. */
  worstRevisitH: number | null;
  meanRevisitH: number | null;
}

export interface ScheduleFigures {
  /** ISO 8601 UTC start of the horizon. */
  start: string;
  horizonH: number;
  /**
   * Longest unwatched time over the reachable coast (reachable coast never watched waits the whole horizon; null
   * when no coast is reachable); coast no aircraft can reach is listed as gaps and left out.
   */
  worstRevisitH: number | null;
  /** Mean of the same over the length of reachable coast. */
  meanRevisitH: number | null;
  /** Reachable coast that no sortie watches, km. */
  neverSeenKm: number;
  /** Per prioritised stretch (revisit targets given): its target and the worst revisit achieved there. */
  priorities?: { fromKm: number; toKm: number; targetRevisitH: number; achievedRevisitH: number | null }[];
  /** Airframes per aircraft type the schedule was made for (scenario counts, or the --count overrides). */
  fleet: Record<string, number>;
  bounds: RevisitBound[];
  /** The largest bound (null when nothing is seen). */
  bestBound: RevisitBound | null;
  airframes: AirframeSummary[];
  stretches: StretchSummary[];
  /** Which search strategy won, for the curious. */
  strategy: string;
}

export interface Schedule {
  /** The sorties (with tail, takeoff and landing), gaps and the plan-level summary. */
  plan: Plan;
  figures: ScheduleFigures;
}
