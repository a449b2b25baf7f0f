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
}

/** A whole track in memory: fixes sorted by time (untimed fixes keep file order and have NaN times). */
export interface Track {
  id: string;
  source: string;
  callsign?: string;
  icao24?: string;
  t: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  altM: Float64Array;
}
