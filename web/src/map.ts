/** The OpenLayers map: an offline base map (Natural Earth countries, airfields) and the layers the views fill. */
import type { FeatureLike } from 'ol/Feature';
import Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import TopoJSON from 'ol/format/TopoJSON';
import type { Geometry } from 'ol/geom';
import { MultiPolygon, Point, Polygon } from 'ol/geom';
import VectorLayer from 'ol/layer/Vector';
import VectorImageLayer from 'ol/layer/VectorImage';
import OlMap from 'ol/Map';
import { fromLonLat, toLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import { Circle as CircleStyle, Fill, Stroke, Style, Text } from 'ol/style';
import View from 'ol/View';

export const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

export interface Airfield {
  icao: string;
  name: string;
  lon: number;
  lat: number;
  country: string;
}

export interface Layers {
  land: VectorSource;
  labels: VectorSource;
  airfields: VectorSource;
  scenario: VectorSource;
  noFly: VectorSource;
  plan: VectorSource;
  coast: VectorSource;
  aircraft: VectorSource;
  tracks: VectorSource;
  situation: VectorSource;
}

const landStyle = new Style({
  fill: new Fill({ color: '#efe9dc' }),
  stroke: new Stroke({ color: '#9b9483', width: 0.8 }),
});

function labelStyle(f: FeatureLike, resolution: number): Style | undefined {
  // a country is named once it is drawn at least ~40 px across
  if (Math.sqrt(Number(f.get('area'))) / resolution < 40) return undefined;
  return new Style({
    text: new Text({
      text: String(f.get('name') ?? ''),
      font: '600 12px system-ui, sans-serif',
      fill: new Fill({ color: '#5b5446' }),
      stroke: new Stroke({ color: '#fffdf7', width: 3 }),
    }),
  });
}

function airfieldStyle(f: FeatureLike, resolution: number): Style {
  return new Style({
    image: new CircleStyle({ radius: 3, fill: new Fill({ color: '#444' }) }),
    text:
      resolution < 1500
        ? new Text({
            text: `${f.get('icao')} ${resolution < 400 ? f.get('name') : ''}`.trim(),
            font: '11px system-ui, sans-serif',
            offsetY: -10,
            fill: new Fill({ color: '#222' }),
            stroke: new Stroke({ color: '#fff', width: 3 }),
          })
        : undefined,
  });
}

/** Metres on the map (EPSG:3857) for `km` on the ground at this latitude. */
export function mapMetres(km: number, lat: number): number {
  return (km * 1000) / Math.cos((lat * Math.PI) / 180);
}

/** The approximate standoff band: the coast stroked `2 * standoffKm` wide, recomputed at every zoom. */
export function bandStyle(standoffKm: () => number) {
  return (f: FeatureLike, resolution: number): Style[] => {
    const out: Style[] = [];
    const s = standoffKm();
    const g = f.getGeometry();
    if (s > 0 && g) {
      const ext = g.getExtent();
      const lat = toLonLat([(ext[0] + ext[2]) / 2, (ext[1] + ext[3]) / 2])[1];
      out.push(
        new Style({
          stroke: new Stroke({
            color: 'rgba(230, 120, 20, 0.22)',
            width: (2 * mapMetres(s, lat)) / resolution,
            lineJoin: 'round',
          }),
          zIndex: 0,
        }),
      );
    }
    out.push(new Style({ stroke: new Stroke({ color: '#1d4f91', width: 1.6 }), zIndex: 1 }));
    return out;
  };
}

export interface MapHandle {
  map: OlMap;
  layers: Layers;
  trackLayer: VectorImageLayer;
  airfields: Airfield[];
  ready: Promise<void>;
  fit(source: VectorSource, padding?: number, maxZoom?: number): void;
}

export function createMap(
  target: HTMLElement,
  styles: {
    scenario: (f: FeatureLike, r: number) => Style | Style[];
    noFly: Style;
    plan: (f: FeatureLike, r: number) => Style | Style[] | undefined;
    coast: (f: FeatureLike, r: number) => Style | Style[] | undefined;
    aircraft: (f: FeatureLike, r: number) => Style | Style[];
    situation: (f: FeatureLike, r: number) => Style | Style[];
  },
): MapHandle {
  const layers: Layers = {
    land: new VectorSource(),
    labels: new VectorSource(),
    airfields: new VectorSource(),
    scenario: new VectorSource(),
    noFly: new VectorSource(),
    plan: new VectorSource(),
    coast: new VectorSource(),
    aircraft: new VectorSource(),
    tracks: new VectorSource(),
    situation: new VectorSource(),
  };
  // tracks and land are drawn to an image that is moved while panning and redrawn when it stops: with 100,000
  // track points this keeps frames short even where WebGL falls back to software (ol's WebGL vector layer took
  // ~5 s a frame under SwiftShader here)
  const trackLayer = new VectorImageLayer({
    source: layers.tracks,
    imageRatio: 1.5,
    style: new Style({ stroke: new Stroke({ color: 'rgba(30, 60, 200, 0.85)', width: 2 }) }),
  });
  const map = new OlMap({
    target,
    layers: [
      new VectorImageLayer({ source: layers.land, style: landStyle, imageRatio: 1.5 }),
      new VectorLayer({ source: layers.situation, style: styles.situation }),
      new VectorLayer({ source: layers.scenario, style: styles.scenario }),
      new VectorLayer({ source: layers.coast, style: styles.coast }),
      new VectorLayer({ source: layers.noFly, style: styles.noFly }),
      new VectorLayer({ source: layers.plan, style: styles.plan }),
      trackLayer,
      new VectorLayer({ source: layers.labels, style: labelStyle, declutter: 'base' }),
      new VectorLayer({ source: layers.airfields, style: airfieldStyle, minZoom: 6, declutter: 'base' }),
      new VectorLayer({ source: layers.aircraft, style: styles.aircraft }),
    ],
    view: new View({ center: fromLonLat([15, 34]), zoom: 5, minZoom: 2, maxZoom: 14 }),
  });
  const airfields: Airfield[] = [];
  const ready = (async () => {
    const [topo, ap] = await Promise.all([
      fetch('countries-50m.json').then((r) => r.json()),
      fetch('airports.json').then((r) => r.json() as Promise<[string, string, number, number, string][]>),
    ]);
    const countries = new TopoJSON({ layers: ['countries'] }).readFeatures(topo, {
      dataProjection: 'EPSG:4326',
      featureProjection: 'EPSG:3857',
    }) as Feature<Geometry>[];
    layers.land.addFeatures(countries);
    const labels: Feature<Point>[] = [];
    for (const c of countries) {
      const g = c.getGeometry();
      let biggest: Polygon | undefined;
      if (g instanceof MultiPolygon) {
        for (const p of g.getPolygons()) if (!biggest || p.getArea() > biggest.getArea()) biggest = p;
      } else if (g instanceof Polygon) biggest = g;
      if (biggest && c.get('name')) {
        const pt = biggest.getInteriorPoint().getCoordinates();
        labels.push(
          new Feature({ geometry: new Point([pt[0], pt[1]]), name: c.get('name'), area: biggest.getArea() }),
        );
      }
    }
    // big countries first, so decluttering keeps their names
    labels.sort((a, b) => b.get('area') - a.get('area'));
    layers.labels.addFeatures(labels);
    for (const [icao, name, lon, lat, country] of ap) airfields.push({ icao, name, lon, lat, country });
    layers.airfields.addFeatures(
      airfields.map(
        (a) => new Feature({ geometry: new Point(fromLonLat([a.lon, a.lat])), icao: a.icao, name: a.name }),
      ),
    );
  })();
  return {
    map,
    layers,
    trackLayer,
    airfields,
    ready,
    fit(source, padding = 40, maxZoom = 9) {
      const ext = source.getExtent();
      if (ext && Number.isFinite(ext[0]))
        map.getView().fit(ext, { padding: [padding, padding, padding, padding], maxZoom });
    },
  };
}
