/**
 * A coast or no-fly areas given as GeoJSON in the scenario (docs/formats.md), checked strictly and turned
 * into CoastLines / polygons; and the `coast.bbox` cut. Every problem is an input error naming the exact
 * position, e.g. `coast.geojson.features[2].geometry.coordinates[0][5]: longitude 200 is outside -180..180`.
 */
import type { BBox, LonLat } from '../geo/lonlat.js';
import { clipLineToBBox, dropRepeatedVertices, ringSignedArea } from '../geo/polyline.js';
import { inputError } from './errors.js';
import type { CoastLine } from './scenario.js';

const BAD = 'scenario.bad-geojson';
const COAST_TYPES = 'LineString, MultiLineString, Polygon or MultiPolygon';
const AREA_TYPES = 'Polygon or MultiPolygon';

/**
 * The coast in a GeoJSON Geometry, Feature, FeatureCollection or GeometryCollection of LineString /
 * MultiLineString / Polygon / MultiPolygon. Bare lines keep their direction (`seaSide: 'unknown'`, closed when
 * they end where they start); polygon rings become closed lines turned so the sea is on the left, taking the
 * land to be inside the exterior ring and water inside the holes.
 */
export function coastFromGeoJSON(g: unknown, where = 'coast.geojson'): CoastLine[] {
  const out: CoastLine[] = [];
  walk(g, where, COAST_TYPES, (type, coords, path) => {
    if (type === 'LineString') out.push(lineOf(coords, path));
    else if (type === 'MultiLineString') {
      const lines = arrayAt(coords, path, 0, 'a list of lines');
      for (let i = 0; i < lines.length; i++) out.push(lineOf(lines[i], `${path}[${i}]`));
    } else if (type === 'Polygon') out.push(...polygonCoast(coords, path));
    else if (type === 'MultiPolygon') {
      const polygons = arrayAt(coords, path, 0, 'a list of polygons');
      for (let i = 0; i < polygons.length; i++) out.push(...polygonCoast(polygons[i], `${path}[${i}]`));
    } else throw inputError(BAD, notA(type, COAST_TYPES, 'a coast'), path.replace(/\.coordinates$/, '.type'));
  });
  return out;
}

/**
 * No-fly areas from a GeoJSON Polygon, MultiPolygon, or Feature / FeatureCollection / GeometryCollection of
 * them: one entry per polygon, its rings closed (first position repeated at the end). An empty MultiPolygon
 * gives none.
 */
export function polygonsFromGeoJSON(g: unknown, where = 'noFly'): LonLat[][][] {
  const out: LonLat[][][] = [];
  walk(g, where, AREA_TYPES, (type, coords, path) => {
    if (type === 'Polygon') out.push(polygonRings(coords, path));
    else if (type === 'MultiPolygon') {
      const polygons = arrayAt(coords, path, 0, 'a list of polygons');
      for (let i = 0; i < polygons.length; i++) out.push(polygonRings(polygons[i], `${path}[${i}]`));
    } else throw inputError(BAD, notA(type, AREA_TYPES, 'an area'), path.replace(/\.coordinates$/, '.type'));
  });
  return out;
}

/**
 * Only the coast inside `bbox` ([west, south, east, north]; west > east spans the antimeridian). Lines are cut
 * where they cross the box edge and keep their direction, so a cut ring gives open lines with the sea still on
 * the left; rings wholly inside stay closed.
 */
export function clipCoastToBBox(lines: readonly CoastLine[], bbox: BBox): CoastLine[] {
  const out: CoastLine[] = [];
  for (const line of lines) {
    for (const piece of clipLineToBBox(line.coords, line.closed, bbox)) {
      out.push({ coords: piece.coords, closed: piece.closed, seaSide: line.seaSide });
    }
  }
  return out;
}

type Visit = (type: string, coords: unknown, path: string) => void;

/** Goes through Features, FeatureCollections and GeometryCollections down to each geometry's coordinates. */
function walk(g: unknown, path: string, allowed: string, visit: Visit): void {
  if (!isObject(g)) {
    throw inputError(
      BAD,
      `must be a GeoJSON object (${allowed}, or a Feature / FeatureCollection of them), got ${show(g)}`,
      path,
    );
  }
  const type = g.type;
  if (typeof type !== 'string')
    throw inputError(BAD, `must have a "type" (${allowed}, Feature or FeatureCollection)`, path);
  switch (type) {
    case 'FeatureCollection': {
      const features = arrayAt(g.features, `${path}.features`, 0, 'a list of Features');
      features.forEach((f, i) => {
        const fp = `${path}.features[${i}]`;
        if (!isObject(f) || f.type !== 'Feature') {
          throw inputError(
            BAD,
            `must be a Feature ({ "type": "Feature", "geometry": ... }), got ${show(f)}`,
            fp,
          );
        }
        walk(f, fp, allowed, visit);
      });
      return;
    }
    case 'Feature':
      if (!('geometry' in g)) throw inputError(BAD, 'must have a "geometry" (null when it has none)', path);
      // a Feature without a location (geometry null) is valid GeoJSON and adds nothing
      if (g.geometry === null) return;
      walk(g.geometry, `${path}.geometry`, allowed, visit);
      return;
    case 'GeometryCollection': {
      const geometries = arrayAt(g.geometries, `${path}.geometries`, 0, 'a list of geometries');
      for (let k = 0; k < geometries.length; k++)
        walk(geometries[k], `${path}.geometries[${k}]`, allowed, visit);
      return;
    }
    case 'Point':
    case 'MultiPoint':
    case 'LineString':
    case 'MultiLineString':
    case 'Polygon':
    case 'MultiPolygon':
      if (!('coordinates' in g)) throw inputError(BAD, `a ${type} must have "coordinates"`, path);
      visit(type, g.coordinates, `${path}.coordinates`);
      return;
    default:
      throw inputError(
        BAD,
        `unknown GeoJSON type "${type}": use ${allowed}, or a Feature / FeatureCollection of them`,
        `${path}.type`,
      );
  }
}

function notA(type: string, allowed: string, what: string): string {
  return `a ${type} cannot be ${what}: use ${allowed}`;
}

function lineOf(v: unknown, path: string): CoastLine {
  const raw = arrayAt(v, path, 2, 'a list of at least 2 positions [lon, lat]');
  const coords = dropRepeatedVertices(raw.map((p, i) => position(p, `${path}[${i}]`)));
  if (coords.length < 2)
    throw inputError(
      BAD,
      'all positions of the line are the same point: a line needs 2 different ones',
      path,
    );
  const first = coords[0];
  const last = coords[coords.length - 1];
  const closed = coords.length > 2 && first[0] === last[0] && first[1] === last[1];
  return { coords, closed, seaSide: 'unknown' };
}

function polygonRings(v: unknown, path: string): LonLat[][] {
  const rings = arrayAt(v, path, 1, 'a list of rings (the outline, then any holes)');
  return rings.map((r, i) => ring(r, `${path}[${i}]`));
}

/** A polygon's rings as coast: the exterior ring clockwise (land inside on the right), holes anticlockwise. */
function polygonCoast(v: unknown, path: string): CoastLine[] {
  return polygonRings(v, path).map((coords, i) => {
    const area = ringSignedArea(coords);
    const wantClockwise = i === 0;
    if (area > 0 === wantClockwise) coords.reverse();
    return { coords, closed: true, seaSide: 'left' };
  });
}

function ring(v: unknown, path: string): LonLat[] {
  const raw = arrayAt(v, path, 4, 'a ring: at least 4 positions, the last one repeating the first');
  const coords = dropRepeatedVertices(raw.map((p, i) => position(p, `${path}[${i}]`)));
  const first = coords[0];
  const last = coords[coords.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw inputError(
      BAD,
      `a ring must end where it starts: repeat the first position [${first.join(', ')}] at the end`,
      path,
    );
  }
  if (coords.length < 4)
    throw inputError(BAD, 'the ring has fewer than 3 different positions, so it encloses nothing', path);
  if (ringSignedArea(coords) === 0)
    throw inputError(BAD, 'the ring encloses no area (its positions lie on one line)', path);
  return coords;
}

function position(v: unknown, path: string): LonLat {
  if (!Array.isArray(v) || v.length < 2)
    throw inputError(BAD, `must be a position [lon, lat], got ${show(v)}`, path);
  const [lon, lat] = v;
  if (typeof lon !== 'number' || !Number.isFinite(lon))
    throw inputError(BAD, `longitude must be a number, got ${show(lon)}`, path);
  if (typeof lat !== 'number' || !Number.isFinite(lat))
    throw inputError(BAD, `latitude must be a number, got ${show(lat)}`, path);
  if (lon < -180 || lon > 180) throw inputError(BAD, `longitude ${lon} is outside -180..180`, path);
  if (lat < -90 || lat > 90) {
    const hint = Math.abs(lon) <= 90 ? ' (GeoJSON positions are [lon, lat]: are these swapped?)' : '';
    throw inputError(BAD, `latitude ${lat} is outside -90..90${hint}`, path);
  }
  return [lon, lat];
}

function arrayAt(v: unknown, path: string, min: number, what: string): unknown[] {
  if (!Array.isArray(v)) throw inputError(BAD, `must be ${what}, got ${show(v)}`, path);
  if (v.length < min) throw inputError(BAD, `must be ${what}: it has ${v.length}`, path);
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short rendering of a bad value for a message. */
function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
