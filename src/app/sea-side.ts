/**
 * The sea side of a user's GeoJSON coast lines (`coast.seaSide`): "auto" looks at Natural Earth land a few km
 * to the left and right of points along each line; the planner then gets every line with the sea on its left.
 */
import { countryAt } from '../data/land.js';
import { inputError } from '../domain/errors.js';
import type { CoastLine } from '../domain/scenario.js';
import { destination, distanceKm, inverse } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';

/** How far either side of the line land is looked for, km. */
const OFFSETS_KM = [1, 3];

export function resolveSeaSide(lines: CoastLine[], seaSide: 'left' | 'right' | 'auto'): CoastLine[] {
  return lines.map((line, li) => {
    if (line.seaSide === 'left') return line;
    if (seaSide === 'left') return { ...line, seaSide: 'left' };
    if (seaSide === 'right') return { ...line, coords: [...line.coords].reverse(), seaSide: 'left' };
    const side = autoSide(line.coords);
    if (side === 0) {
      throw inputError(
        'scenario.sea-side',
        `cannot tell which side of coast line ${li + 1} is sea: Natural Earth land lies on both or neither side of it; say "seaSide": "left" or "right" (walking the line in its order)`,
        'coast.seaSide',
      );
    }
    return side > 0
      ? { ...line, seaSide: 'left' }
      : { ...line, coords: [...line.coords].reverse(), seaSide: 'left' };
  });
}

/** +1: sea on the left, -1: on the right, 0: cannot tell (land on both or neither side). */
export function autoSide(coords: readonly LonLat[]): number {
  let left = 0;
  let right = 0;
  // up to ~60 probe points spread along the line's vertices
  const step = Math.max(1, Math.floor((coords.length - 1) / 60));
  for (let i = 0; i + 1 < coords.length; i += step) {
    const a = coords[i];
    const b = coords[i + 1];
    if (distanceKm(a, b) < 1e-3) continue;
    const az = inverse(a, b).azi1;
    const mid = destination(a, az, distanceKm(a, b) / 2);
    for (const d of OFFSETS_KM) {
      const l = countryAt(destination(mid, az - 90, d)) !== undefined;
      const r = countryAt(destination(mid, az + 90, d)) !== undefined;
      if (!l && r) left++;
      else if (l && !r) right++;
    }
  }
  if (left > 2 * right && left > 0) return 1;
  if (right > 2 * left && right > 0) return -1;
  return 0;
}
