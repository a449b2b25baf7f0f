/**
 * What an audit of flown tracks found, as plain data (docs/formats.md): which coast each track had within
 * its sensor range and when, coverage, revisit gaps over the tracks' time span, and, with a plan, which of
 * its sorties were flown. Made by src/audit, written by src/formats/audit-geojson.ts.
 */
import type { CoastInterval } from './plan.js';

/** One track's figures. Times are epoch milliseconds UTC. */
export interface AuditTrack {
  /** The reader's stable key, e.g. `file.csv#SEEK21`. */
  id: string;
  callsign?: string;
  icao24?: string;
  /** Scenario aircraft type whose sensor range was used. */
  aircraft?: string;
  sensorRangeKm: number;
  /** Fixes read (every one counts towards the figures). */
  points: number;
  /** First and last fix time; undefined when the track has no times. */
  start?: number;
  end?: number;
  /** Geodesic km flown over the segments that count (data gaps excluded). */
  km: number;
  /** Segments not flown: the fixes either side were too far apart in time or space, or time ran backwards. */
  dataGaps: number;
  /** Passes: one per contiguous stretch of flight with a coast sample in range, per sample. */
  passes: number;
  /** Coast km (samples' stretches) this track saw at least once. */
  coastSeenKm: number;
  /** Indices of the coast samples this track saw. */
  samplesSeen: Uint32Array;
  /** The track thinned for drawing (every fix still counts in the figures): vertices and their times (NaN: none). */
  path: { lon: number[]; lat: number[]; t: number[]; gapAfter: number[] };
}

/** A coast stretch whose samples were all seen at the same times (within `mergeS`). */
export interface SeenStretch {
  fromKm: number;
  toKm: number;
  /**
   * Timed sightings, epoch seconds UTC ascending: those of the stretch's first sample (the others' are within
   * `mergeS` of them). Passes of several tracks within `mergeS` of each other are one sighting.
   */
  sightingsS: Uint32Array;
  /** Passes without a time (untimed tracks): they count for coverage, not revisit. */
  untimedPasses: number;
  /** Longest wait for a sighting over the span, hours, worst sample of the stretch; null without a span. */
  worstGapH: number | null;
}

export interface PlannedSortieAudit {
  id: string;
  aircraft: string;
  /** Best-matching track of the same aircraft type, when its share reached the threshold. */
  flown: boolean;
  track?: string;
  /** Share (0..1) of the sortie's route within `matchKm` of that track. */
  share: number;
}

export interface PlanAudit {
  sorties: PlannedSortieAudit[];
  /** Coast km the plan covers, and how much of that the tracks covered. */
  plannedKm: number;
  achievedKm: number;
  /** achievedKm / plannedKm (1 when the plan covers nothing). */
  achieved: number;
  /** Coast the plan covered but the tracks did not. */
  holes: CoastInterval[];
  holesKm: number;
  matchKm: number;
  minShare: number;
}

export interface AuditResult {
  coastKm: number;
  coveredKm: number;
  coverage: number;
  /** Earliest and latest timed fix over all tracks (epoch ms); undefined when no track has times. */
  spanStart?: number;
  spanEnd?: number;
  /**
   * Longest wait for a sighting at any coast sample over the span (from its start to the first sighting,
   * between sightings, from the last to its end; not wrapped around), hours. A sample never seen at a known
   * time waits the whole span. Null when no track has times.
   */
  worstRevisitH: number | null;
  /** Coast km of the sample with that wait. */
  worstRevisitAtKm: number | null;
  /** The same over samples that were seen at a known time at least once. */
  worstRevisitSeenH: number | null;
  worstRevisitSeenAtKm: number | null;
  tracks: AuditTrack[];
  /** Fixes over all tracks. */
  points: number;
  stretches: SeenStretch[];
  /** Coast never seen, as coast-km intervals. */
  unseen: CoastInterval[];
  /** Per coast sample: seen by any track (1) or not (0). */
  seen: Uint8Array;
  plan?: PlanAudit;
}
