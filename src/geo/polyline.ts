/**
 * Plane geometry on lon/lat polylines that does not care what the lines stand for: ring orientation,
 * duplicate vertices, and cutting lines to a [west, south, east, north] box. Longitude differences always go
 * through wrapLon, so lines and rings that cross the antimeridian behave as on the globe.
 */
import { type BBox, type LonLat, wrapLon } from './lonlat.js';

/**
 * Signed area (square degrees) of a ring in the lon/lat plane with north up: positive when the ring runs
 * counter-clockwise (its inside on the left). Longitudes are unwrapped, so a ring across the antimeridian
 * measures as on the globe; a ring that goes once around a pole (Antarctica) is closed through the nearer pole,
 * so its inside is the cap around that pole. The ring may or may not repeat its first vertex at the end.
 */
export function ringSignedArea(ring: readonly LonLat[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  const y0 = ring[0][1];
  // shoelace relative to the first vertex keeps the products small
  let sum = 0;
  let x = 0;
  let latSum = y0;
  for (let i = 1; i <= n; i++) {
    const p = ring[i % n];
    const nx = x + wrapLon(p[0] - ring[i - 1][0]);
    const ny = p[1] - y0;
    const py = ring[i - 1][1] - y0;
    sum += x * ny - nx * py;
    x = nx;
    if (i < n) latSum += p[1];
  }
  // after the loop x is the net longitude travelled: ±360 for a ring around a pole, 0 otherwise
  if (Math.abs(x) > 180) {
    const poleY = (latSum / n >= 0 ? 90 : -90) - y0;
    // shoelace of the closing path (x, 0) -> (x, poleY) -> (0, poleY) -> (0, 0)
    sum += 2 * x * poleY;
  }
  return sum / 2;
}

/** The line without vertices that repeat the one before them. */
export function dropRepeatedVertices(coords: readonly LonLat[]): LonLat[] {
  const out: LonLat[] = [];
  for (const p of coords) {
    const q = out[out.length - 1];
    if (q && q[0] === p[0] && q[1] === p[1]) continue;
    out.push(p);
  }
  return out;
}

/** Brings a longitude into [-180, 180]. */
function normLon(lon: number): number {
  if (lon >= -180 && lon <= 180) return lon;
  return wrapLon(lon);
}

/** Piece of a polyline cut out by clipLineToBBox: `closed` only when the whole ring lay inside. */
export interface ClippedLine {
  coords: LonLat[];
  closed: boolean;
}

/**
 * The parts of a polyline inside a box, in the line's order and direction (so whatever lies to the left of the
 * line still does). Crossings of the box edge are interpolated linearly in lon/lat. A box with west > east
 * spans the antimeridian. A closed ring (`closed`, first vertex repeated at the end) that lies wholly inside
 * comes back closed; one the box cuts comes back as open pieces, the piece through the ring's start joined up.
 */
export function clipLineToBBox(coords: readonly LonLat[], closed: boolean, bbox: BBox): ClippedLine[] {
  const [w, s, e0, n] = bbox;
  const e = e0 >= w ? e0 : e0 + 360;
  if (coords.length < 2) return [];
  const pieces: LonLat[][] = [];
  let current: LonLat[] | null = null;
  // whether `current` reaches the end of the previous segment, so this one may carry it on
  let open = false;
  let startsAtStart = false;
  let endsAtEnd = false;
  for (let i = 0; i + 1 < coords.length; i++) {
    const a = coords[i];
    const b = coords[i + 1];
    const ax = a[0];
    const bx = ax + wrapLon(b[0] - ax);
    let carry = open;
    open = false;
    for (const [t0, t1] of segmentInsideBox(ax, a[1], bx, b[1], w, s, e, n)) {
      const p0: LonLat = t0 === 0 ? a : [normLon(ax + t0 * (bx - ax)), a[1] + t0 * (b[1] - a[1])];
      const p1: LonLat = t1 === 1 ? b : [normLon(ax + t1 * (bx - ax)), a[1] + t1 * (b[1] - a[1])];
      if (current && carry && t0 === 0) {
        current.push(p1);
      } else {
        if (current) pieces.push(current);
        current = [p0, p1];
        if (i === 0 && t0 === 0) startsAtStart = true;
      }
      carry = false;
      open = t1 === 1;
      if (open && i + 2 === coords.length) endsAtEnd = true;
    }
    if (!open && current) {
      pieces.push(current);
      current = null;
    }
  }
  if (current) pieces.push(current);
  const clean = pieces.map(dropRepeatedVertices).filter((p) => p.length >= 2);
  if (!closed) return clean.map((c) => ({ coords: c, closed: false }));
  if (clean.length === 1 && startsAtStart && endsAtEnd && pieces.length === 1) {
    return [{ coords: clean[0], closed: true }];
  }
  // the ring's start is inside: the last piece runs on into the first
  if (clean.length >= 2 && startsAtStart && endsAtEnd) {
    const last = clean.pop()!;
    clean[0] = dropRepeatedVertices([...last, ...clean[0]]);
  }
  return clean.map((c) => ({ coords: c, closed: false }));
}

/**
 * Parameter intervals [t0, t1] of the segment (ax, ay)-(bx, by) inside the box or its copies 360° east or
 * west (Liang-Barsky on each), ascending; touching at a single point does not count.
 */
function segmentInsideBox(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  w: number,
  s: number,
  e: number,
  n: number,
): [number, number][] {
  const out: [number, number][] = [];
  const lo = Math.min(ax, bx);
  const hi = Math.max(ax, bx);
  const kMin = Math.floor((lo - e) / 360);
  const kMax = Math.ceil((hi - w) / 360);
  for (let k = kMin; k <= kMax; k++) {
    const r = liangBarsky(ax, ay, bx, by, w + 360 * k, s, e + 360 * k, n);
    if (r && r[1] > r[0]) out.push(r);
  }
  out.sort((p, q) => p[0] - q[0]);
  return out;
}

function liangBarsky(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  w: number,
  s: number,
  e: number,
  n: number,
): [number, number] | null {
  const dx = bx - ax;
  const dy = by - ay;
  let t0 = 0;
  let t1 = 1;
  const p = [-dx, dx, -dy, dy];
  const q = [ax - w, e - ax, ay - s, n - ay];
  for (let i = 0; i < 4; i++) {
    if (p[i] === 0) {
      if (q[i] < 0) return null;
      continue;
    }
    const r = q[i] / p[i];
    if (p[i] < 0) {
      if (r > t1) return null;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return null;
      if (r < t1) t1 = r;
    }
  }
  return [t0, t1];
}

/** Concatenates paths, dropping a vertex that repeats the one before it (where one path ends and the next begins). */
export function joinPaths(parts: readonly (readonly LonLat[])[]): LonLat[] {
  const out: LonLat[] = [];
  for (const part of parts) {
    for (const p of part) {
      const last = out[out.length - 1];
      if (last && Math.abs(last[0] - p[0]) < 1e-12 && Math.abs(last[1] - p[1]) < 1e-12) continue;
      out.push(p);
    }
  }
  return out;
}

/** Even-odd rule on a polygon given as rings of [lon, lat] (first ring outer, others holes). */
export function pointInPolygon(p: LonLat, rings: readonly (readonly LonLat[])[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
