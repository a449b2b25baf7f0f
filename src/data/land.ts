/**
 * Countries' land from Natural Earth 1:10m (world-atlas), as polygons of [lon, lat] with a spatial index:
 * which country's land holds a point. The planner (free space under `overflyLand: "avoid"`) and verify both
 * use it, each with its own geometry on top; polygons are cut at ±180° as Natural Earth draws them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Flatbush from 'flatbush';
import { feature } from 'topojson-client';
import type { BBox, LonLat } from '../geo/lonlat.js';
import { bboxOf } from '../geo/lonlat.js';
import { pointInPolygon } from '../geo/polyline.js';

const require = createRequire(import.meta.url);

export interface LandPolygon {
  /** Natural Earth country name, as `findCountry` returns it. */
  country: string;
  /** Outer ring then holes, [lon, lat], first position not repeated at the end. */
  rings: LonLat[][];
  bbox: BBox;
}

export interface Land {
  polygons: readonly LandPolygon[];
  index: Flatbush;
}

let land: Land | undefined;

/** Every country polygon of the atlas, indexed by bounding box (built once, ~0.3 s, kept). */
export function worldLand(): Land {
  if (land) return land;
  const file = require.resolve('world-atlas/countries-10m.json');
  // biome-ignore lint/suspicious/noExplicitAny: topojson-client's types want a full Topology type
  const topo = JSON.parse(readFileSync(file, 'utf8')) as any;
  const fc = feature(topo, topo.objects.countries) as unknown as GeoJSON.FeatureCollection;
  const polygons: LandPolygon[] = [];
  for (const f of fc.features) {
    const country = String((f.properties as { name?: string } | null)?.name ?? '');
    const g = f.geometry;
    const polys =
      g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : ([] as never[]);
    for (const poly of polys) {
      const rings = poly.map((r) => {
        const ring = r.map((p) => [p[0], p[1]] as LonLat);
        const a = ring[0];
        const b = ring[ring.length - 1];
        if (ring.length > 1 && a[0] === b[0] && a[1] === b[1]) ring.pop();
        return ring;
      });
      if (!rings[0] || rings[0].length < 3) continue;
      const box = bboxOf(rings[0]);
      if (box[2] - box[0] <= 180) {
        polygons.push({ country, rings, bbox: box });
        continue;
      }
      // a ring across the antimeridian (Russia's, Fiji's): unwrapped, once as is and once 360 degrees west, so
      // that a planar test at any longitude in [-180, 180] meets one whole copy; a ring round a pole stays
      const un = rings.map(unwrapRing);
      const ends = un.map((r) => Math.abs(r[r.length - 1][0] - r[0][0]));
      if (ends.some((d) => d > 180)) {
        polygons.push({ country, rings, bbox: box });
        continue;
      }
      const west = un.map((r) => r.map((q) => [q[0] - 360, q[1]] as LonLat));
      polygons.push({ country, rings: un, bbox: bboxOf(un[0]) });
      polygons.push({ country, rings: west, bbox: bboxOf(west[0]) });
    }
  }
  const index = new Flatbush(Math.max(1, polygons.length));
  for (const p of polygons) index.add(p.bbox[0], p.bbox[1], p.bbox[2], p.bbox[3]);
  if (polygons.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  land = { polygons, index };
  return land;
}

/** The Natural Earth country whose land holds `p`, or undefined at sea (or on unmapped land). */
export function countryAt(p: LonLat, l: Land = worldLand()): string | undefined {
  for (const i of l.index.search(p[0], p[1], p[0], p[1])) {
    const poly = l.polygons[i];
    if (poly && pointInPolygon(p, poly.rings)) return poly.country;
  }
  return undefined;
}

/** The land polygons whose boxes meet `bbox` (west > east not supported: split such a box first). */
export function landIn(bbox: BBox, l: Land = worldLand()): LandPolygon[] {
  return l.index.search(bbox[0], bbox[1], bbox[2], bbox[3]).map((i) => l.polygons[i]!);
}

/** Longitudes made continuous along the ring (no jumps of more than 180 degrees), starting in [-180, 180]. */
function unwrapRing(ring: LonLat[]): LonLat[] {
  const out: LonLat[] = [];
  let prev = ring[0][0];
  let off = prev < 0 ? 360 : 0;
  for (const p of ring) {
    const d = p[0] - prev;
    if (d > 180) off -= 360;
    else if (d < -180) off += 360;
    prev = p[0];
    out.push([p[0] + off, p[1]]);
  }
  return out;
}
