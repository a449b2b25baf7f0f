/**
 * GeoJSON: the file itself, every line drawn as docs/formats.md, "The plan file" says (legs densified until the straight
 * lon/lat line stays within 0.1 km of the geodesic, split at the antimeridian). A track's times follow its
 * vertices (an array per part once split). A line already drawn so is kept as it is, byte for byte, so exporting
 * a file the program wrote gives the same file.
 */
import type { ExportDoc } from '../../domain/export.js';
import { drawnTrack } from '../../geo/drawn.js';
import type { LonLat } from '../../geo/lonlat.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const pos = (p: LonLat): LonLat => [r6(p[0]), r6(p[1])];
const isoOf = (x: number): string | null =>
  Number.isFinite(x) ? new Date(Math.round(x)).toISOString().replace('.000Z', 'Z') : null;

function drawFeature(f: Obj): Obj {
  const g = f.geometry;
  if (!isObj(g) || (g.type !== 'LineString' && g.type !== 'MultiLineString')) return f;
  const input = (g.type === 'LineString' ? [g.coordinates] : g.coordinates) as unknown[][];
  if (!Array.isArray(input) || !input.every(Array.isArray)) return f;
  const props = isObj(f.properties) ? f.properties : {};
  const times = Array.isArray(props.times) ? props.times : undefined;
  const perPart = times ? (input.length > 1 || Array.isArray(times[0]) ? times : [times]) : undefined;
  const out: unknown[][] = [];
  const outTimes: unknown[][] = [];
  let changed = false;
  input.forEach((line, i) => {
    const t = perPart && Array.isArray(perPart[i]) ? (perPart[i] as unknown[]) : [];
    const coords = line.map((p) => [Number((p as unknown[])[0]), Number((p as unknown[])[1])] as LonLat);
    const ms = coords.map((_, k) => (typeof t[k] === 'string' ? Date.parse(t[k] as string) : NaN));
    const parts = drawnTrack(coords, ms);
    if (parts.length === 1 && parts[0].coords.length === coords.length) {
      // already drawn right: the positions and times as the file has them
      out.push(line);
      outTimes.push(t);
      return;
    }
    changed = true;
    for (const part of parts) {
      out.push(part.coords.map(pos));
      outTimes.push(part.times.map(isoOf));
    }
  });
  if (!changed) return f;
  const geometry =
    out.length === 1
      ? { type: 'LineString', coordinates: out[0] }
      : { type: 'MultiLineString', coordinates: out };
  const properties = times ? { ...props, times: out.length === 1 ? outTimes[0] : outTimes } : props;
  return { ...f, properties, geometry };
}

export function toGeoJson(doc: ExportDoc): string {
  const src = doc.source;
  const features = (Array.isArray(src.features) ? src.features : []).map((f) =>
    isObj(f) ? drawFeature(f) : f,
  );
  return `${JSON.stringify({ ...src, features })}\n`;
}
