/**
 * Flown tracks as every reader delivers them: fixes in columns (time, lon, lat, altitude), so millions of
 * points cost 32 bytes each and stream in batches. Units are converted on the way in.
 */

/** A batch of fixes of one track, in file order (not necessarily time order). */
export interface FixBatch {
  /** Stable key of the track within the file set, e.g. `file.igc`, `file.csv#TRA051`, `trace#ac671b/2`. */
  track: string;
  callsign?: string;
  /** ICAO 24-bit address, lower-case hex. */
  icao24?: string;
  /** The name the file gives the track (GPX/KML `name`, IGC glider id), when it gives one. */
  name?: string;
  /** Epoch milliseconds UTC; NaN where the fix has no time. */
  t: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  /** Metres above mean sea level (or as the source gives it); NaN when unknown. */
  altM: Float64Array;
}

/** A row or element a reader could not use: file:line (or element path) and why. */
export interface SkippedFix {
  where: string;
  why: string;
}

export interface ReadReport {
  /** Detected format, e.g. `gpx`, `kml`, `kmz`, `igc`, `csv-plain`, `csv-opensky`, `csv-fr24`, `readsb`, `geojson`. */
  format: string;
  fixes: number;
  /** Total rows/elements skipped. */
  skippedCount: number;
  /** The first skipped ones (at most 100), each named. */
  skipped: SkippedFix[];
  /** Distinct tracks the file gave. */
  tracks?: number;
  /** What the reader decided that a user may want to know, e.g. which elements it did not read as tracks. */
  notes?: string[];
}

/** A whole track in memory: fixes sorted by time (untimed fixes keep file order and have NaN times). */
export interface Track {
  id: string;
  source: string;
  callsign?: string;
  /** Every callsign the track flew under, in order of first use (ADS-B tracks keyed by icao24 may change). */
  callsigns?: string[];
  icao24?: string;
  name?: string;
  t: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  altM: Float64Array;
}

/**
 * The order that sorts a track by time, stable. An untimed fix stays right after the fix before it (it takes
 * that fix's time as its key), so partly timed GPX keeps its untimed stretches in place.
 */
export function timeOrder(t: Float64Array, n = t.length): Uint32Array | null {
  let prev = Number.NEGATIVE_INFINITY;
  let sorted = true;
  for (let i = 0; i < n && sorted; i++) {
    const v = Number.isNaN(t[i]) ? prev : t[i];
    if (v < prev) sorted = false;
    prev = v;
  }
  // the usual case, checked without allocating: this runs on every batch the audit reads
  if (sorted) return null;
  const key = new Float64Array(n);
  prev = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    key[i] = Number.isNaN(t[i]) ? prev : t[i];
    prev = key[i];
  }
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => key[a] - key[b] || a - b);
  return Uint32Array.from(idx);
}
