/**
 * Generated coasts and scenarios for planner tests: zigzags, deep bays, narrow gulfs, islands, tiny and
 * continent-sized coasts, a base inside the standoff band. Plain data, no files.
 */
import type { AircraftType, CoastLine, Scenario } from '../../src/domain/scenario.js';
import { destination } from '../../src/geo/geodesic.js';
import type { LonLat } from '../../src/geo/lonlat.js';

export interface SyntheticOptions {
  standoffKm?: number;
  sensorKm?: number;
  speedKts?: number;
  enduranceH?: number;
  base?: LonLat;
  noFly?: LonLat[][][];
  sampleKm?: number;
}

export function scenarioFor(lines: CoastLine[], opts: SyntheticOptions = {}): Scenario {
  const aircraft: AircraftType = {
    name: 'Patrol',
    base: 'Base',
    count: 2,
    speedKts: opts.speedKts ?? 250,
    enduranceH: opts.enduranceH ?? 8,
    reserveH: 1,
    sensorRangeKm: opts.sensorKm ?? 50,
    turnaroundH: 2,
    callsigns: [],
  };
  return {
    name: 'synthetic',
    coast: { lines, source: 'test' },
    bases: [{ name: 'Base', position: opts.base ?? [15, 35] }],
    aircraft: [aircraft],
    standoffKm: opts.standoffKm ?? 20,
    // synthetic coasts are not Natural Earth land: only the tests that ask for it avoid land
    overflyLand: 'allowed',
    noFly: opts.noFly ?? [],
    sampleKm: opts.sampleKm ?? 2,
  };
}

/** A coast running east from `start`, sea to the north (on the left), with a zigzag of given amplitude. */
export function zigzagCoast(
  start: LonLat,
  lengthKm: number,
  amplitudeKm: number,
  wavelengthKm: number,
): CoastLine {
  const coords: LonLat[] = [];
  const steps = Math.max(2, Math.ceil(lengthKm / 2));
  for (let i = 0; i <= steps; i++) {
    const x = (lengthKm * i) / steps;
    const along = destination(start, 90, x);
    const y = amplitudeKm * Math.sin((2 * Math.PI * x) / wavelengthKm);
    coords.push(y >= 0 ? destination(along, 0, y) : destination(along, 180, -y));
  }
  return { coords, closed: false, seaSide: 'left' };
}

/** A straight east-running coast with a bay of given width and depth cut south into the land. */
export function bayCoast(start: LonLat, lengthKm: number, bayWidthKm: number, bayDepthKm: number): CoastLine {
  const coords: LonLat[] = [];
  const steps = Math.max(2, Math.ceil(lengthKm / 2));
  const mid = lengthKm / 2;
  for (let i = 0; i <= steps; i++) {
    const x = (lengthKm * i) / steps;
    const along = destination(start, 90, x);
    const u = (x - (mid - bayWidthKm / 2)) / bayWidthKm;
    const depth = u > 0 && u < 1 ? bayDepthKm * Math.sin(Math.PI * u) : 0;
    coords.push(depth > 0 ? destination(along, 180, depth) : along);
  }
  return { coords, closed: false, seaSide: 'left' };
}

/** A roughly round island: a closed ring walked clockwise seen from above, so the sea is on the left. */
export function island(center: LonLat, radiusKm: number, wobble = 0.15, vertices = 48): CoastLine {
  const coords: LonLat[] = [];
  for (let i = 0; i < vertices; i++) {
    const az = (360 * i) / vertices;
    const r = radiusKm * (1 + wobble * Math.sin(3 * ((2 * Math.PI * i) / vertices)));
    coords.push(destination(center, az, r));
  }
  coords.push(coords[0]);
  return { coords, closed: true, seaSide: 'left' };
}
