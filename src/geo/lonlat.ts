/** A position as in GeoJSON (RFC 7946): `[longitude, latitude]` in degrees, WGS84. */
export type LonLat = [number, number];

/** Brings a longitude difference into [-180, 180) so spans across the antimeridian stay short. */
export function wrapLon(dlon: number): number {
  if (dlon >= -180 && dlon < 180) return dlon;
  return ((((dlon + 180) % 360) + 360) % 360) - 180;
}

export function isLonLat(p: unknown): p is LonLat {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    Number.isFinite(p[0]) &&
    Number.isFinite(p[1]) &&
    p[1] >= -90 &&
    p[1] <= 90 &&
    p[0] >= -180 &&
    p[0] <= 180
  );
}

/** [west, south, east, north] */
export type BBox = [number, number, number, number];

export function bboxOf(points: readonly LonLat[]): BBox {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [x, y] of points) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}
