/** Pure helpers for drawing: distances for display (haversine), chainage slicing, colours, units. */

export type LonLat = [number, number];
const R = 6371.0088;
const rad = Math.PI / 180;

/** Great-circle km, close enough to the geodesic (0.3%) for placing things on a map. */
export function haversineKm(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Cumulative km at each vertex of a line. */
export function cumulativeKm(line: LonLat[]): number[] {
  const out = [0];
  for (let i = 1; i < line.length; i++) out.push(out[i - 1] + haversineKm(line[i - 1], line[i]));
  return out;
}

/** The point `km` along a line (clamped to its ends), interpolated linearly in lon/lat within a vertex pair. */
export function pointAlong(line: LonLat[], cum: number[], km: number): LonLat {
  if (line.length === 0) return [0, 0];
  if (km <= 0) return line[0];
  const total = cum[cum.length - 1];
  if (km >= total) return line[line.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] <= km) lo = mid;
    else hi = mid;
  }
  const seg = cum[hi] - cum[lo];
  const f = seg > 0 ? (km - cum[lo]) / seg : 0;
  return [line[lo][0] + f * (line[hi][0] - line[lo][0]), line[lo][1] + f * (line[hi][1] - line[lo][1])];
}

/** Where an aircraft is at `t` (ms) on a sortie flown from takeoff to landing at constant speed; null on the ground. */
export function positionAt(line: LonLat[], takeoffMs: number, landingMs: number, t: number): LonLat | null {
  if (t < takeoffMs || t > landingMs || landingMs <= takeoffMs) return null;
  const cum = cumulativeKm(line);
  return pointAlong(line, cum, ((t - takeoffMs) / (landingMs - takeoffMs)) * cum[cum.length - 1]);
}

/**
 * The part of a coast (its lines in order, chainage running on from one line to the next, as the plan file's
 * `covers`) between fromKm and toKm, as lines.
 */
export function sliceChainage(lines: LonLat[][], fromKm: number, toKm: number): LonLat[][] {
  const out: LonLat[][] = [];
  let offset = 0;
  for (const line of lines) {
    const cum = cumulativeKm(line);
    const len = cum[cum.length - 1] ?? 0;
    const a = Math.max(fromKm - offset, 0);
    const b = Math.min(toKm - offset, len);
    if (b > a) {
      const part: LonLat[] = [pointAlong(line, cum, a)];
      for (let i = 0; i < line.length; i++) if (cum[i] > a && cum[i] < b) part.push(line[i]);
      part.push(pointAlong(line, cum, b));
      out.push(part);
    }
    offset += len;
  }
  return out;
}

/** Twelve colours that stay apart on a light map, for sorties. */
export const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#393b79',
  '#ad494a',
];
export function sortieColour(i: number): string {
  return PALETTE[i % PALETTE.length];
}

/** Legend stops for revisit hours: green (short) to red (long); `null` (never seen) is dark purple. */
export function revisitStops(maxH: number): { h: number; colour: string }[] {
  const top = Math.max(1, Math.ceil(maxH));
  return [0, 0.25, 0.5, 0.75, 1].map((f) => ({ h: Math.round(top * f * 10) / 10, colour: rampColour(f) }));
}
export function rampColour(f: number): string {
  const x = Math.min(1, Math.max(0, f));
  // green -> yellow -> red
  const r = x < 0.5 ? Math.round(510 * x) : 255;
  const g = x < 0.5 ? 200 : Math.round(200 * (1 - (x - 0.5) * 2));
  return `rgb(${r},${g},40)`;
}
export function revisitColour(h: number | null, maxH: number): string {
  if (h === null) return '#4b0055';
  return rampColour(h / Math.max(1, Math.ceil(maxH)));
}

export const KM_PER_NM = 1.852;
export function kmNm(km: number, digits = 0): string {
  return `${km.toFixed(digits)} km (${(km / KM_PER_NM).toFixed(digits)} NM)`;
}
export function hours(h: number | null | undefined): string {
  if (h === null || h === undefined || !Number.isFinite(h)) return '–';
  return `${h.toFixed(h < 10 ? 2 : 1)} h`;
}
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export interface Bar {
  tail: string;
  id: string;
  from: number;
  to: number;
}
/** Gantt rows: one per airframe in first-seen order, bars in time order. */
export function ganttRows(bars: Bar[]): { tail: string; bars: Bar[] }[] {
  const rows = new Map<string, Bar[]>();
  for (const b of [...bars].sort((x, y) => x.from - y.from)) {
    const r = rows.get(b.tail) ?? [];
    r.push(b);
    rows.set(b.tail, r);
  }
  return [...rows].map(([tail, bs]) => ({ tail, bars: bs }));
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
