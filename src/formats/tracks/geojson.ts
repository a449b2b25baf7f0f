/**
 * GeoJSON: each Feature with line geometry (LineString, MultiLineString, or a GeometryCollection of them, as
 * togeojson writes a gx:MultiTrack) is one track, its parts joined. Per-vertex times come from
 * `coordinateProperties.times` (togeojson >= 4.4), `coordTimes` (older togeojson) or `times` (our own audit
 * file), flat or nested like the coordinates; lines without times are untimed tracks. Point features with a
 * `time`/`timestamp` make one track only when the file has no lines (else they are waypoints or markers).
 * Features of our own plan/audit files other than `track` (coast, gap, seen, base) are not tracks.
 * Read whole with JSON.parse: GeoJSON tracks are small in practice.
 */
import { inputError } from '../../domain/errors.js';
import { keysFor, type ReadContext, type ReaderResult } from './sink.js';
import { epochToMs, parseIsoUtc } from './time.js';

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Flattens line coordinates of a geometry into one list; null when the geometry is not a line kind. */
function lineCoords(g: Json): Json[] | null {
  if (!isObj(g)) return null;
  const c = g.coordinates;
  switch (g.type) {
    case 'LineString':
      return Array.isArray(c) ? c : [];
    case 'MultiLineString':
      return Array.isArray(c) ? c.flatMap((part) => (Array.isArray(part) ? part : [])) : [];
    case 'GeometryCollection': {
      if (!Array.isArray(g.geometries)) return [];
      const parts = g.geometries.map(lineCoords).filter((p): p is Json[] => p !== null);
      return parts.length > 0 ? parts.flat() : null;
    }
    default:
      return null;
  }
}

function timesOf(props: Obj): Json[] | undefined {
  const cp = props.coordinateProperties;
  const cand = isObj(cp) && Array.isArray(cp.times) ? cp.times : (props.coordTimes ?? props.times);
  if (!Array.isArray(cand)) return undefined;
  return cand.some(Array.isArray) ? cand.flatMap((x) => (Array.isArray(x) ? x : [x])) : cand;
}

/** A time value to epoch ms: ISO string or epoch number; undefined when absent, NaN when unparseable. */
function timeValue(v: Json): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? epochToMs(v) : Number.NaN;
  if (typeof v === 'string') return parseIsoUtc(v);
  return Number.NaN;
}

interface Item {
  label: string;
  name?: string;
  index: number;
  coords: Json[];
  times?: Json[];
}

export function readGeoJson(text: string, ctx: ReadContext): ReaderResult {
  let root: Json;
  try {
    root = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw inputError('track.no-fixes', `no usable fix: not valid JSON (${(e as Error).message})`, ctx.path);
  }
  const features: Obj[] = [];
  if (isObj(root) && root.type === 'FeatureCollection' && Array.isArray(root.features)) {
    for (const f of root.features) if (isObj(f)) features.push(f);
  } else if (isObj(root) && root.type === 'Feature') {
    features.push(root);
  } else if (isObj(root) && typeof root.type === 'string') {
    features.push({ type: 'Feature', geometry: root, properties: {} });
  } else {
    return {
      format: 'geojson',
      emptyWhy: 'it is JSON but not GeoJSON (no FeatureCollection, Feature or geometry)',
    };
  }

  const { sink } = ctx;
  const lines: Item[] = [];
  const points: { index: number; coords: Json; t: number | undefined }[] = [];
  let notTracks = 0;
  features.forEach((f, index) => {
    const props = isObj(f.properties) ? f.properties : {};
    if (typeof props.kind === 'string' && props.kind !== 'track') {
      notTracks++;
      return;
    }
    const coords = lineCoords(f.geometry);
    if (coords) {
      const name = typeof props.name === 'string' && props.name.trim() !== '' ? props.name.trim() : undefined;
      const id = typeof f.id === 'string' || typeof f.id === 'number' ? String(f.id) : undefined;
      if (coords.length > 0) {
        lines.push({
          label: name ?? id ?? `feature${index + 1}`,
          name,
          index,
          coords,
          times: timesOf(props),
        });
      }
    } else if (isObj(f.geometry) && f.geometry.type === 'Point') {
      points.push({
        index,
        coords: f.geometry.coordinates,
        t: timeValue(props.time ?? props.timestamp ?? props.when),
      });
    }
  });
  if (notTracks > 0)
    sink.note(
      `${ctx.path}: ${notTracks} features whose kind is not "track" (coast, sortie, gap, seen, ...) are not read as tracks`,
    );

  const at = (i: number, j?: number) =>
    `${ctx.path}: features[${i}].geometry.coordinates${j === undefined ? '' : `[${j}]`}`;
  const addCoord = (tb: ReturnType<typeof sink.open>, c: Json, t: number, where: () => string) => {
    if (!Array.isArray(c) || c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number') {
      sink.skip(where(), `coordinate ${JSON.stringify(c)?.slice(0, 40)} is not [lon, lat(, alt)]`);
      return;
    }
    sink.addChecked(tb, t, c[0], c[1], typeof c[2] === 'number' ? c[2] : Number.NaN, where);
  };

  if (lines.length > 0) {
    if (points.length > 0)
      sink.note(`${ctx.path}: ${points.length} Point features (waypoints, markers) not read`);
    const keys = keysFor(
      ctx.base,
      lines.map((l) => l.label),
    );
    lines.forEach((l, k) => {
      const tb = sink.open(keys[k], { name: l.name });
      const times = l.times;
      l.coords.forEach((c, j) => {
        const where = () => at(l.index, j);
        let t = Number.NaN;
        if (times) {
          if (j >= times.length) {
            sink.skip(where(), `${times.length} times for ${l.coords.length} coordinates: this one has none`);
            return;
          }
          const v = timeValue(times[j]);
          if (v !== undefined && Number.isNaN(v)) {
            sink.skip(where(), `time ${JSON.stringify(times[j])?.slice(0, 40)} is not ISO 8601 or epoch`);
            return;
          }
          t = v ?? Number.NaN;
        }
        addCoord(tb, c, t, where);
      });
    });
    return { format: 'geojson' };
  }

  const timed = points.filter((p) => p.t !== undefined);
  if (timed.length > 0) {
    const tb = sink.open(ctx.base);
    for (const p of timed) {
      if (Number.isNaN(p.t!)) sink.skip(at(p.index), 'the Point feature time is not ISO 8601 or epoch');
      else addCoord(tb, p.coords, p.t!, () => at(p.index));
    }
    return { format: 'geojson' };
  }
  return {
    format: 'geojson',
    emptyWhy:
      features.length === 0
        ? 'it has no features'
        : `none of its ${features.length} features is a line (LineString, MultiLineString) or a timed Point`,
  };
}
