/** The coastwatch web map: one page, five views over one OpenLayers map, talking only to the server's API. */
import 'ol/ol.css';
import './style.css';
import Feature, { type FeatureLike } from 'ol/Feature';
import { Circle, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'ol/geom';
import Draw from 'ol/interaction/Draw';
import Modify from 'ol/interaction/Modify';
import { fromLonLat, toLonLat } from 'ol/proj';
import { Circle as CircleStyle, Fill, RegularShape, Stroke, Style, Text } from 'ol/style';
import libyaExample from '../../scenarios/libya-pantelleria.json';
import {
  ApiError,
  api,
  checkToken,
  download,
  followJob,
  setOnUnauthorized,
  setToken,
  token,
  upload,
} from './api.js';
import {
  escapeHtml as esc,
  ganttRows,
  hours,
  kmNm,
  type LonLat,
  positionAt,
  revisitColour,
  revisitStops,
  sliceChainage,
  sortieColour,
  utc,
} from './lib.js';
import { bandStyle, createMap, geojson, mapMetres } from './map.js';

// ---------- types of what the API returns (docs/formats.md, docs/api.md, docs/situation.md) ----------
type Json = Record<string, unknown>;
interface Aircraft {
  name: string;
  base?: string;
  count: number;
  speedKts: number;
  enduranceH: number;
  reserveH: number;
  sensorRangeKm: number;
  turnaroundH: number;
  callsigns?: string[];
}
type Base = { icao: string } | { name: string; lon: number; lat: number };
interface Scenario {
  name: string;
  coast: { country?: string | string[]; geojson?: unknown; seaSide?: string; bbox?: number[] };
  bases: Base[];
  aircraft: Aircraft[];
  standoffKm?: number;
  noFly?: { type: 'MultiPolygon'; coordinates: number[][][][] };
  [k: string]: unknown;
}
interface GeoFeature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown } | null;
  properties: Json;
}
interface FileFC {
  type: 'FeatureCollection';
  summary?: Json;
  features: GeoFeature[];
  scenarioId?: string;
  scenarioVersion?: number;
}
type View = 'scenario' | 'plan' | 'schedule' | 'audit' | 'situation';

// ---------- state ----------
const state = {
  view: 'scenario' as View,
  scenarios: [] as { id: string; name: string; version: number; updatedAt?: string }[],
  id: null as string | null,
  version: 0,
  scenario: null as Scenario | null,
  dirty: false,
  plan: null as { id: string; fc: FileFC } | null,
  schedule: null as { id: string; fc: FileFC } | null,
  audit: null as { id: string; fc: FileFC } | null,
  selectedSortie: null as string | null,
  stripMode: 'worst' as 'worst' | 'mean',
  time: 0,
  fieldErrors: [] as { path: string; message: string }[],
  busy: '',
  progress: -1,
};

// ---------- map ----------
const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector(sel) as T;
const panel = $('#panel');
// the map takes the keyboard (arrows pan, + and - zoom) once focused
$('#map').tabIndex = 0;
const tooltip = $('#tooltip');

function sortieIndex(id: unknown): number {
  const n = /(\d+)\s*$/.exec(String(id))?.[1];
  return n ? Number(n) - 1 : 0;
}

const handle = createMap($('#map'), {
  scenario: (f, r) => {
    const kind = f.get('kind');
    if (kind === 'base')
      return new Style({
        image: new RegularShape({
          points: 3,
          radius: 9,
          fill: new Fill({ color: '#1d3557' }),
          stroke: new Stroke({ color: '#fff', width: 2 }),
        }),
        text: new Text({
          text: String(f.get('label') ?? ''),
          offsetY: 16,
          font: '600 12px system-ui',
          fill: new Fill({ color: '#1d3557' }),
          stroke: new Stroke({ color: '#fff', width: 3 }),
        }),
      });
    return bandStyle(() => Number(state.scenario?.standoffKm ?? 0))(f, r);
  },
  noFly: new Style({
    fill: new Fill({ color: 'rgba(200, 0, 0, 0.18)' }),
    stroke: new Stroke({ color: '#c00', width: 2, lineDash: [6, 4] }),
  }),
  plan: (f) => {
    const kind = f.get('kind');
    if (kind === 'sortie') {
      const sel = state.selectedSortie;
      const on = !sel || sel === f.get('id');
      return new Style({
        stroke: new Stroke({
          color: on ? sortieColour(sortieIndex(f.get('id'))) : 'rgba(120,120,120,0.35)',
          width: sel === f.get('id') ? 5 : 2.5,
        }),
        zIndex: sel === f.get('id') ? 10 : 1,
      });
    }
    if (kind === 'base')
      return new Style({
        image: new RegularShape({
          points: 3,
          radius: 9,
          fill: new Fill({ color: '#1d3557' }),
          stroke: new Stroke({ color: '#fff', width: 2 }),
        }),
      });
    return undefined;
  },
  coast: (f, r) => {
    const kind = f.get('kind');
    if (kind === 'coast')
      return bandStyle(() => Number(state.scenario?.standoffKm ?? 0))(f, r).map((s, i, a) =>
        i === a.length - 1 ? new Style({ stroke: new Stroke({ color: '#2a9d4a', width: 3 }) }) : s,
      );
    if (kind === 'gap' || kind === 'hole')
      return new Style({ stroke: new Stroke({ color: '#d00000', width: 5 }), zIndex: 5 });
    if (kind === 'stretch')
      return new Style({ stroke: new Stroke({ color: String(f.get('colour')), width: 7 }), zIndex: 3 });
    if (kind === 'seen') return new Style({ stroke: new Stroke({ color: '#2a9d4a', width: 5 }), zIndex: 4 });
    if (kind === 'watched')
      return new Style({ stroke: new Stroke({ color: '#0050ff', width: 9 }), zIndex: 6 });
    return undefined;
  },
  aircraft: (f) => {
    if (f.get('kind') === 'sensor')
      return new Style({
        fill: new Fill({ color: 'rgba(0, 90, 255, 0.12)' }),
        stroke: new Stroke({ color: 'rgba(0,90,255,0.6)', width: 1 }),
      });
    return new Style({
      image: new CircleStyle({
        radius: 6,
        fill: new Fill({ color: f.get('colour') ?? '#000' }),
        stroke: new Stroke({ color: '#fff', width: 2 }),
      }),
      text: new Text({
        text: String(f.get('tail') ?? ''),
        offsetY: -14,
        font: '600 11px system-ui',
        stroke: new Stroke({ color: '#fff', width: 3 }),
      }),
    });
  },
  situation: (f) => {
    const kind = f.get('kind');
    const faded = f.get('active') === false;
    if (kind === 'zone')
      return new Style({
        fill: new Fill({ color: faded ? 'rgba(0,0,0,0)' : 'rgba(150, 0, 120, 0.15)' }),
        stroke: new Stroke({ color: faded ? 'rgba(150,0,120,0.2)' : '#960078', width: 6 }),
        text: new Text({
          text: faded ? '' : String(f.get('party') ?? ''),
          font: '600 12px system-ui',
          fill: new Fill({ color: '#960078' }),
          stroke: new Stroke({ color: '#fff', width: 3 }),
          placement: 'point',
        }),
      });
    if (kind === 'priority')
      return new Style({
        stroke: new Stroke({ color: faded ? 'rgba(255,140,0,0.2)' : '#ff8c00', width: 10 }),
      });
    if (kind === 'team')
      return new Style({
        fill: new Fill({ color: faded ? 'rgba(0,0,0,0)' : 'rgba(0, 120, 60, 0.15)' }),
        stroke: new Stroke({ color: faded ? 'rgba(0,120,60,0.2)' : '#00783c', width: 2 }),
        image: new CircleStyle({ radius: 5, fill: new Fill({ color: '#00783c' }) }),
      });
    return new Style({
      image: new CircleStyle({
        radius: 7,
        fill: new Fill({ color: faded ? 'rgba(0,0,0,0.15)' : '#222' }),
        stroke: new Stroke({ color: '#fff', width: 2 }),
      }),
      fill: new Fill({ color: 'rgba(0,0,0,0.1)' }),
      stroke: new Stroke({ color: '#222', width: 2 }),
      text: new Text({
        text: faded ? '' : String(f.get('grade') ?? ''),
        offsetY: -14,
        font: '700 11px system-ui',
        stroke: new Stroke({ color: '#fff', width: 3 }),
      }),
    });
  },
});
const { map, layers } = handle;
(window as unknown as { __coastwatch: unknown }).__coastwatch = { map, layers, state, handle, geojson };

// ---------- small DOM helpers ----------
function status(msg: string): void {
  $('#status').textContent = msg;
}
function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
function fmt(n: unknown, digits = 1): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '–';
}
function exportRow(kind: 'plans' | 'schedules' | 'audits', id: string): string {
  const formats = ['kml', 'kmz', 'gpx', 'qgc', 'waypoints', 'cot', 'csv', 'geojson', 'pdf'];
  return `<h3>Export</h3><div class="row"><label>Format <select id="export-format" aria-label="Export format">${formats
    .map((f) => `<option>${f}</option>`)
    .join(
      '',
    )}</select></label><button class="btn secondary" id="export-go" data-kind="${kind}" data-id="${esc(id)}">Download</button></div>`;
}
function wireExport(): void {
  const b = document.querySelector<HTMLButtonElement>('#export-go');
  if (!b) return;
  b.onclick = async () => {
    const to = ($('#export-format') as HTMLSelectElement).value;
    const ext = { waypoints: 'waypoints', qgc: 'plan', cot: 'cot' }[to] ?? to;
    try {
      await download(
        `/${b.dataset.kind}/${encodeURIComponent(b.dataset.id ?? '')}/export?to=${to}`,
        `${b.dataset.kind?.slice(0, -1)}-${b.dataset.id}.${ext}`,
      );
      status(`Exported ${to}`);
    } catch (e) {
      status(`Export failed: ${errText(e)}`);
    }
  };
}
function progressHtml(): string {
  return state.progress >= 0
    ? `<label>${esc(state.busy)} <progress id="job-progress" max="1" value="${state.progress}" aria-label="Job progress"></progress></label>`
    : '';
}
async function runJob(path: string, body: unknown, label: string): Promise<{ kind: string; id: string }> {
  state.busy = label;
  state.progress = 0;
  render();
  try {
    const { job } = await api<{ job: string }>('POST', path, body);
    const j = await followJob(job, (p) => {
      state.progress = p;
      const el = document.querySelector<HTMLProgressElement>('#job-progress');
      if (el) el.value = p;
    });
    if (!j.result) throw new Error('the job finished without a result');
    return j.result;
  } finally {
    state.progress = -1;
    state.busy = '';
  }
}

// ---------- scenario on the map ----------
function lonLatOfBase(b: Base): { lon: number; lat: number; label: string } | null {
  if ('icao' in b) {
    const a = handle.airfields.find((x) => x.icao === b.icao.toUpperCase());
    return a ? { lon: a.lon, lat: a.lat, label: a.icao } : null;
  }
  return { lon: b.lon, lat: b.lat, label: b.name };
}

function drawScenario(): void {
  layers.scenario.clear();
  const s = state.scenario;
  if (!s) return;
  // the coast: the plan's own coast when there is one, else the chosen countries' outlines (for display)
  if (!state.plan && !state.schedule) {
    const names = ([] as string[]).concat(s.coast.country ?? []).map((n) => n.toLowerCase());
    for (const f of layers.land.getFeatures()) {
      if (names.includes(String(f.get('name')).toLowerCase())) {
        const g = f.getGeometry();
        const polys = g instanceof MultiPolygon ? g.getPolygons() : g instanceof Polygon ? [g] : [];
        const lines = polys.flatMap((p) => p.getLinearRings().map((r) => r.getCoordinates()));
        layers.scenario.addFeature(new Feature({ geometry: new MultiLineString(lines), kind: 'coast' }));
      }
    }
    if (s.coast.geojson) {
      try {
        for (const f of geojson.readFeatures(s.coast.geojson)) {
          f.set('kind', 'coast');
          layers.scenario.addFeature(f);
        }
      } catch {
        // bad GeoJSON: the server names the problem on save
      }
    }
  }
  for (const b of s.bases) {
    const p = lonLatOfBase(b);
    if (p)
      layers.scenario.addFeature(
        new Feature({ geometry: new Point(fromLonLat([p.lon, p.lat])), kind: 'base', label: p.label }),
      );
  }
  drawNoFly();
}

function drawNoFly(): void {
  layers.noFly.clear();
  for (const poly of state.scenario?.noFly?.coordinates ?? [])
    layers.noFly.addFeature(
      new Feature({ geometry: new Polygon(poly.map((ring) => ring.map((c) => fromLonLat(c)))) }),
    );
}

function noFlyFromMap(): void {
  if (!state.scenario) return;
  const coords: number[][][][] = [];
  for (const f of layers.noFly.getFeatures()) {
    const g = f.getGeometry();
    if (g instanceof Polygon)
      coords.push(
        g.getCoordinates().map((ring) => ring.map((c) => toLonLat(c).map((x) => Math.round(x * 1e6) / 1e6))),
      );
  }
  state.scenario.noFly = { type: 'MultiPolygon', coordinates: coords };
  state.dirty = true;
  renderNoFlyCount();
}
function renderNoFlyCount(): void {
  const el = document.querySelector('#nofly-count');
  if (el) el.textContent = `${state.scenario?.noFly?.coordinates.length ?? 0} no-fly area(s)`;
}

const draw = new Draw({ source: layers.noFly, type: 'Polygon' });
draw.on('drawend', () =>
  setTimeout(() => {
    // one area per press of the button, so later clicks on the map do not start another
    draw.setActive(false);
    document.querySelector('#draw-nofly')?.setAttribute('aria-pressed', 'false');
    noFlyFromMap();
    status('No-fly area drawn: save the scenario to keep it');
  }, 0),
);
draw.setActive(false);
const modify = new Modify({ source: layers.noFly });
modify.on('modifyend', noFlyFromMap);
modify.setActive(false);
map.addInteraction(modify);
map.addInteraction(draw);
let pickBase = false;

// ---------- plan, schedule, audit on the map ----------
function drawFile(fc: FileFC | null): void {
  layers.plan.clear();
  layers.coast.clear();
  layers.aircraft.clear();
  layers.tracks.clear();
  if (!fc) return;
  for (const f of geojson.readFeatures(fc) as Feature[]) {
    const kind = f.get('kind');
    if (kind === 'sortie' || kind === 'base') layers.plan.addFeature(f);
    else if (kind === 'track') {
      // a track drawn with a break at each data gap (the file lists the vertex before each gap)
      const g = f.getGeometry();
      const after = (f.get('gapsAfter') ?? []) as number[];
      if (g instanceof LineString && after.length) {
        const c = g.getCoordinates();
        const parts: number[][][] = [];
        let from = 0;
        for (const i of [...after].sort((a, b) => a - b)) {
          parts.push(c.slice(from, i + 1));
          from = i + 1;
        }
        parts.push(c.slice(from));
        f.setGeometry(new MultiLineString(parts.filter((p) => p.length > 1)));
      }
      layers.tracks.addFeature(f);
    } else layers.coast.addFeature(f);
  }
}

function coastLines(fc: FileFC | null): LonLat[][] {
  const c = fc?.features.find((f) => f.properties.kind === 'coast');
  if (!c?.geometry) return [];
  return c.geometry.type === 'LineString'
    ? [c.geometry.coordinates as LonLat[]]
    : (c.geometry.coordinates as LonLat[][]);
}

function drawStrip(): void {
  const fc = state.schedule?.fc;
  if (!fc) return;
  for (const f of layers.coast.getFeatures()) if (f.get('kind') === 'stretch') layers.coast.removeFeature(f);
  const lines = coastLines(fc);
  const stretches = (fc.summary?.stretches ?? []) as {
    fromKm: number;
    toKm: number;
    worstRevisitH: number | null;
    meanRevisitH: number | null;
  }[];
  const maxH = Number(fc.summary?.worstRevisitH ?? 1);
  const feats: Feature[] = [];
  for (const s of stretches) {
    const h = state.stripMode === 'worst' ? s.worstRevisitH : s.meanRevisitH;
    const parts = sliceChainage(lines, s.fromKm, s.toKm);
    if (!parts.length) continue;
    feats.push(
      new Feature({
        geometry: new MultiLineString(parts.map((p) => p.map((c) => fromLonLat(c)))),
        kind: 'stretch',
        colour: revisitColour(h, maxH),
        revisitH: h,
        fromKm: s.fromKm,
        toKm: s.toKm,
      }),
    );
  }
  layers.coast.addFeatures(feats);
}

const sortieCache = new WeakMap<GeoFeature, LonLat[]>();
function drawAircraftAt(t: number): number {
  layers.aircraft.clear();
  const fc = state.schedule?.fc;
  if (!fc) return 0;
  let airborne = 0;
  for (const f of fc.features) {
    const p = f.properties;
    if (p.kind !== 'sortie' || !f.geometry) continue;
    const take = Date.parse(String(p.takeoff));
    const land = Date.parse(String(p.landing));
    if (t < take || t > land) continue;
    let line = sortieCache.get(f);
    if (!line) {
      line =
        f.geometry.type === 'LineString'
          ? (f.geometry.coordinates as LonLat[])
          : (f.geometry.coordinates as LonLat[][]).flat();
      sortieCache.set(f, line);
    }
    const pos = positionAt(line, take, land, t);
    if (!pos) continue;
    airborne++;
    const type = state.scenario?.aircraft.find((a) => a.name === p.aircraft);
    const range = type?.sensorRangeKm ?? 0;
    const c = fromLonLat(pos);
    if (range > 0)
      layers.aircraft.addFeature(
        new Feature({ geometry: new Circle(c, mapMetres(range, pos[1])), kind: 'sensor' }),
      );
    layers.aircraft.addFeature(
      new Feature({
        geometry: new Point(c),
        kind: 'aircraft',
        tail: p.tail,
        colour: sortieColour(sortieIndex(p.id)),
        sortie: p.id,
      }),
    );
  }
  return airborne;
}

// ---------- hover and click ----------
map.on('pointermove', (e) => {
  if (e.dragging) return;
  let text = '';
  map.forEachFeatureAtPixel(
    e.pixel,
    (f: FeatureLike) => {
      const k = f.get('kind');
      if (k === 'gap') text = `Gap, ${fmt(f.get('lengthKm'))} km: ${f.get('reason')}`;
      else if (k === 'hole')
        text = `Hole against the plan: ${fmt(f.get('fromKm'))}–${fmt(f.get('toKm'))} km (${fmt(f.get('lengthKm'))} km)`;
      else if (k === 'sortie')
        text = `${f.get('id')} ${f.get('tail') ?? f.get('aircraft')}: ${kmNm(Number(f.get('distanceKm')))}, ${hours(Number(f.get('durationH')))}`;
      else if (k === 'stretch')
        text = `Coast ${fmt(f.get('fromKm'), 0)}–${fmt(f.get('toKm'), 0)} km: ${state.stripMode} revisit ${hours(f.get('revisitH'))}`;
      else if (k === 'seen')
        text = `Seen ${(f.get('sightings') as unknown[] | undefined)?.length ?? 0} times, worst gap ${hours(f.get('worstGapH'))}`;
      else if (k === 'report')
        text = `${f.get('grade') ?? ''} ${f.get('text') ?? ''} (${f.get('source') ?? ''})`;
      else if (k === 'zone') text = `Zone: ${f.get('party')} (${f.get('grade') ?? ''})`;
      else if (k === 'team') text = `Team: ${f.get('name')}`;
      else return undefined;
      return true;
    },
    { hitTolerance: 4 },
  );
  tooltip.hidden = !text;
  if (text) {
    tooltip.textContent = text;
    const ev = e.originalEvent as PointerEvent;
    tooltip.style.left = `${ev.clientX + 12}px`;
    tooltip.style.top = `${ev.clientY + 12}px`;
  }
});

map.on('singleclick', (e) => {
  if (state.view === 'scenario' && pickBase && state.scenario) {
    let icao = '';
    map.forEachFeatureAtPixel(
      e.pixel,
      (f) => {
        if (f.get('icao')) icao = String(f.get('icao'));
        return icao ? true : undefined;
      },
      { hitTolerance: 6 },
    );
    if (icao) state.scenario.bases.push({ icao });
    else {
      const [lon, lat] = toLonLat(e.coordinate);
      state.scenario.bases.push({
        name: `Point ${state.scenario.bases.length + 1}`,
        lon: Math.round(lon * 1e4) / 1e4,
        lat: Math.round(lat * 1e4) / 1e4,
      });
    }
    state.dirty = true;
    drawScenario();
    render();
    return;
  }
  if (state.view === 'plan' || state.view === 'schedule') {
    let id: string | null = null;
    map.forEachFeatureAtPixel(
      e.pixel,
      (f) => {
        if (f.get('kind') === 'sortie') id = String(f.get('id'));
        return id ? true : undefined;
      },
      { hitTolerance: 4 },
    );
    if (id) selectSortie(id);
  }
});

function selectSortie(id: string | null): void {
  state.selectedSortie = state.selectedSortie === id ? null : id;
  layers.plan.changed();
  for (const tr of document.querySelectorAll<HTMLElement>('[data-sortie]'))
    tr.classList.toggle('selected', tr.dataset.sortie === state.selectedSortie);
}

// ---------- views ----------
function render(): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>('#tabs [role=tab]'))
    b.setAttribute('aria-selected', String(b.dataset.view === state.view));
  draw.setActive(false);
  modify.setActive(state.view === 'scenario');
  pickBase = false;
  if (!state.scenario && state.view !== 'scenario') state.view = 'scenario';
  if (state.view === 'scenario') renderScenario();
  else if (state.view === 'plan') renderPlan();
  else if (state.view === 'schedule') renderSchedule();
  else if (state.view === 'audit') renderAudit();
  else renderSituation();
}

function renderEmpty(): void {
  panel.innerHTML = `<div class="empty" id="empty-state"><h2>No scenario yet</h2>
    <p>A scenario says which coast to watch, from which bases, with which aircraft. Start with the built-in example:
    surveillance of Libya's coast from Pantelleria (LICG), outside the 12 NM territorial sea, ready to plan.</p>
    <button class="btn" id="load-libya">Load the Libya example</button>
    <button class="btn secondary" id="new-scenario">Start an empty scenario</button></div>`;
  $('#load-libya').onclick = () => createScenario(structuredClone(libyaExample) as unknown as Scenario);
  $('#new-scenario').onclick = () => {
    state.id = null;
    state.version = 0;
    state.scenario = { name: 'New scenario', coast: { country: '' }, bases: [], aircraft: [], standoffKm: 0 };
    state.dirty = true;
    render();
  };
}

async function createScenario(s: Scenario): Promise<void> {
  const { $schema: _drop, ...body } = s as Scenario & { $schema?: string };
  try {
    const r = await api<{ id: string; version: number }>('POST', '/scenarios', body);
    status(`Saved “${s.name}”, version ${r.version}`);
    await loadScenarios(r.id);
  } catch (e) {
    state.scenario = body;
    state.id = null;
    showFieldErrors(e);
  }
}

function fieldInput(path: string, label: string, value: unknown, attrs = ''): string {
  return `<label>${label} <input data-path="${path}" value="${esc(String(value ?? ''))}" ${attrs}></label>`;
}

function renderScenario(): void {
  const s = state.scenario;
  if (!s) {
    renderEmpty();
    return;
  }
  const country = ([] as string[]).concat(s.coast.country ?? []).join(', ');
  const usesGeojson = s.coast.geojson !== undefined;
  const standoff = Number(s.standoffKm ?? 0);
  const units: Record<string, [string, string, string]> = {
    count: ['Count', 'airframes', '1'],
    speedKts: ['Speed', 'kt', 'any'],
    enduranceH: ['Endurance', 'h', 'any'],
    reserveH: ['Reserve', 'h', 'any'],
    sensorRangeKm: ['Sensor range', 'km', 'any'],
    turnaroundH: ['Turnaround', 'h', 'any'],
  };
  const rows = s.aircraft
    .map(
      (a, i) => `<fieldset class="aircraft-card" data-aircraft="${i}"><legend>Aircraft ${i + 1}</legend>
      <div class="grid">
      <label>Name <input type="text" data-path="aircraft[${i}].name" value="${esc(a.name)}" size="14"></label>
      <label>Base <input type="text" data-path="aircraft[${i}].base" value="${esc(a.base ?? '')}" size="6" placeholder="ICAO"></label>
      ${Object.entries(units)
        .map(
          ([k, [label, unit, step]]) =>
            `<label>${label} <span class="unit">(${unit})</span> <input class="num" type="number" min="${k === 'count' ? 1 : 0}" step="${step}" data-path="aircraft[${i}].${k}" value="${(a as unknown as Record<string, unknown>)[k] ?? ''}">${k === 'sensorRangeKm' ? `<span class="muted" data-nm="${i}"> ${((a.sensorRangeKm ?? 0) / 1.852).toFixed(0)} NM</span>` : ''}</label>`,
        )
        .join('')}
      </div>
      <span class="muted">usable ${hours((a.enduranceH ?? 0) - (a.reserveH ?? 0))} · ${kmNm(((a.enduranceH ?? 0) - (a.reserveH ?? 0)) * (a.speedKts ?? 0) * 1.852)} of flying</span>
      <button class="btn secondary" data-remove-aircraft="${i}" aria-label="Remove aircraft ${i + 1}">Remove</button></fieldset>`,
    )
    .join('');
  panel.innerHTML = `<h2>Scenario ${state.id ? `<span class="muted">${esc(state.id)} · version ${state.version}${state.dirty ? ' · unsaved changes' : ''}</span>` : '<span class="muted">not saved yet</span>'}</h2>
    <div id="form-errors" class="error" role="alert"></div>
    ${fieldInput('name', 'Name', s.name, 'type="text" size="36"')}
    <h3>Coast</h3>
    <div class="row" role="radiogroup" aria-label="Coast from">
      <label><input type="radio" name="coast-kind" value="country" ${usesGeojson ? '' : 'checked'}> a country</label>
      <label><input type="radio" name="coast-kind" value="geojson" ${usesGeojson ? 'checked' : ''}> a GeoJSON file</label></div>
    ${usesGeojson ? `<label>GeoJSON file <input type="file" id="coast-file" accept=".geojson,.json,application/geo+json" data-path="coast.geojson"></label><span class="muted">loaded: ${esc(JSON.stringify(s.coast.geojson).slice(0, 60))}…</span>` : fieldInput('coast.country', 'Country (Natural Earth name or ISO code; several with commas)', country, 'type="text" size="30"')}
    <label>Standoff <input class="num" type="number" min="0" step="0.1" data-path="standoffKm" value="${standoff}" aria-describedby="standoff-nm"> km
      <span id="standoff-nm" class="muted">= ${(standoff / 1.852).toFixed(1)} NM from the coast (12 NM = 22.2 km, the territorial sea)</span></label>
    <h3>Bases</h3>
    <ul id="bases">${s.bases
      .map((b, i) => {
        const p = lonLatOfBase(b);
        return `<li data-path="bases[${i}]">${'icao' in b ? `<b>${esc(b.icao)}</b> ${esc(handle.airfields.find((a) => a.icao === b.icao.toUpperCase())?.name ?? 'unknown ICAO code')}` : `<b>${esc(b.name)}</b> ${p ? `${p.lat.toFixed(3)}°, ${p.lon.toFixed(3)}°` : ''}`}
        <button class="btn secondary" data-remove-base="${i}" aria-label="Remove base ${i + 1}">✕</button></li>`;
      })
      .join('')}</ul>
    <div class="row"><label>ICAO search <input type="text" id="icao-search" list="icao-list" size="22" placeholder="LICG or Pantelleria" aria-label="Search airfields by ICAO code or name"></label>
      <datalist id="icao-list"></datalist>
      <button class="btn secondary" id="add-base">Add base</button>
      <button class="btn secondary" id="pick-base" aria-pressed="false">Add by clicking the map</button></div>
    <h3>Aircraft</h3>
    <div id="aircraft">${rows}</div>
    <button class="btn secondary" id="add-aircraft">Add aircraft</button>
    <p class="muted">Usable time = endurance − reserve (reserve must be less than endurance). Speed is true airspeed in knots; ${kmNm(1.852, 3)} = 1 NM.</p>
    <h3>No-fly areas</h3>
    <div class="row"><button class="btn secondary" id="draw-nofly" aria-pressed="false">Draw a no-fly area</button>
      <button class="btn secondary" id="clear-nofly">Remove all</button> <span id="nofly-count" class="muted"></span></div>
    <p class="muted">Click on the map to place corners, double-click to finish. Drag an edge or corner to edit.</p>
    <div class="row" style="margin-top:12px"><button class="btn" id="save">${state.id ? 'Save as a new version' : 'Save scenario'}</button>
      ${state.id ? '' : '<button class="btn secondary" id="cancel-new">Cancel</button>'}</div>`;
  renderNoFlyCount();
  applyFieldErrors();

  panel.querySelectorAll<HTMLInputElement>('input[data-path]').forEach((inp) => {
    inp.addEventListener('input', () => readField(inp));
  });
  panel.querySelectorAll<HTMLInputElement>('input[name=coast-kind]').forEach((r) => {
    r.onchange = () => {
      if (r.value === 'geojson') {
        s.coast = { geojson: { type: 'FeatureCollection', features: [] } };
      } else s.coast = { country: '' };
      state.dirty = true;
      renderScenario();
    };
  });
  const file = document.querySelector<HTMLInputElement>('#coast-file');
  if (file)
    file.onchange = async () => {
      const f = file.files?.[0];
      if (!f) return;
      try {
        s.coast = { geojson: JSON.parse(await f.text()) };
        state.dirty = true;
        drawScenario();
        handle.fit(layers.scenario);
        renderScenario();
      } catch (e) {
        state.fieldErrors = [{ path: 'coast.geojson', message: `not JSON: ${errText(e)}` }];
        applyFieldErrors();
      }
    };
  const search = $<HTMLInputElement>('#icao-search');
  search.oninput = () => {
    const q = search.value.trim().toUpperCase();
    const hits =
      q.length < 2
        ? []
        : handle.airfields
            .filter((a) => a.icao.startsWith(q) || a.name.toUpperCase().includes(q))
            .slice(0, 20);
    $('#icao-list').innerHTML = hits
      .map((a) => `<option value="${a.icao}">${esc(a.name)} (${a.country})</option>`)
      .join('');
  };
  const addBase = () => {
    const code = search.value.trim().split(/\s/)[0].toUpperCase();
    if (!code) return;
    s.bases.push({ icao: code });
    state.dirty = true;
    drawScenario();
    renderScenario();
  };
  $('#add-base').onclick = addBase;
  search.onkeydown = (e) => {
    if (e.key === 'Enter') addBase();
  };
  const pick = $('#pick-base');
  pick.onclick = () => {
    pickBase = !pickBase;
    pick.setAttribute('aria-pressed', String(pickBase));
    status(pickBase ? 'Click an airfield or any point on the map to add a base' : '');
  };
  panel.querySelectorAll<HTMLButtonElement>('[data-remove-base]').forEach((b) => {
    b.onclick = () => {
      s.bases.splice(Number(b.dataset.removeBase), 1);
      state.dirty = true;
      drawScenario();
      renderScenario();
    };
  });
  panel.querySelectorAll<HTMLButtonElement>('[data-remove-aircraft]').forEach((b) => {
    b.onclick = () => {
      s.aircraft.splice(Number(b.dataset.removeAircraft), 1);
      state.dirty = true;
      renderScenario();
    };
  });
  $('#add-aircraft').onclick = () => {
    const base = s.bases[0] ? ('icao' in s.bases[0] ? s.bases[0].icao : s.bases[0].name) : undefined;
    s.aircraft.push({
      name: `Aircraft ${s.aircraft.length + 1}`,
      ...(base ? { base } : {}),
      count: 1,
      speedKts: 250,
      enduranceH: 8,
      reserveH: 1,
      sensorRangeKm: 50,
      turnaroundH: 3,
    });
    state.dirty = true;
    renderScenario();
  };
  const drawBtn = $('#draw-nofly');
  drawBtn.onclick = () => {
    const on = !draw.getActive();
    draw.setActive(on);
    drawBtn.setAttribute('aria-pressed', String(on));
    status(on ? 'Drawing a no-fly area: click corners, double-click to finish' : '');
  };
  $('#clear-nofly').onclick = () => {
    layers.noFly.clear();
    noFlyFromMap();
  };
  $('#save').onclick = saveScenario;
  const cancel = document.querySelector<HTMLButtonElement>('#cancel-new');
  if (cancel)
    cancel.onclick = () => {
      state.scenario = null;
      state.dirty = false;
      loadScenarios(null);
    };
}

/** Writes one edited input back into the scenario object (keeping every field the editor does not show). */
function readField(inp: HTMLInputElement): void {
  const s = state.scenario;
  if (!s) return;
  const path = inp.dataset.path ?? '';
  const v = inp.value;
  const num = () => (v.trim() === '' ? undefined : Number(v));
  if (path === 'name') s.name = v;
  else if (path === 'coast.country') {
    const list = v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    s.coast = { ...s.coast, country: list.length > 1 ? list : (list[0] ?? '') };
    delete s.coast.geojson;
    drawScenario();
  } else if (path === 'standoffKm') {
    s.standoffKm = num() ?? 0;
    const nm = document.querySelector('#standoff-nm');
    if (nm)
      nm.textContent = `= ${((s.standoffKm ?? 0) / 1.852).toFixed(1)} NM from the coast (12 NM = 22.2 km, the territorial sea)`;
    layers.scenario.changed();
    layers.coast.changed();
  } else {
    const m = /^aircraft\[(\d+)\]\.(\w+)$/.exec(path);
    if (m) {
      const a = s.aircraft[Number(m[1])] as unknown as Record<string, unknown>;
      if (m[2] === 'name' || m[2] === 'base') {
        if (m[2] === 'base' && v.trim() === '') delete a.base;
        else a[m[2]] = v;
      } else a[m[2]] = num();
      const nm = document.querySelector(`[data-nm="${m[1]}"]`);
      if (nm && m[2] === 'sensorRangeKm')
        nm.textContent = ` ${(Number(a.sensorRangeKm ?? 0) / 1.852).toFixed(0)} NM`;
    }
  }
  state.dirty = true;
  inp.classList.remove('invalid');
  inp.parentElement?.querySelector('.field-error')?.remove();
}

function showFieldErrors(e: unknown): void {
  if (e instanceof ApiError && e.errors.length) state.fieldErrors = e.errors;
  else state.fieldErrors = [{ path: '', message: errText(e) }];
  state.view = 'scenario';
  render();
  status('The scenario was not saved: see the messages next to the fields');
}

function applyFieldErrors(): void {
  const general: string[] = [];
  for (const fe of state.fieldErrors) {
    const path = fe.path
      .replace(/^scenario\./, '')
      .replace(/^\//, '')
      .replace(/\/(\d+)/g, '[$1]')
      .replace(/\//g, '.');
    let el = panel.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);
    // a message about a whole row or object goes next to its first field
    if (!el) el = panel.querySelector<HTMLElement>(`[data-path^="${CSS.escape(path)}"]`);
    if (!el) el = path.startsWith('coast') ? panel.querySelector<HTMLElement>('[data-path^="coast"]') : null;
    if (el) {
      el.classList.add('invalid');
      el.setAttribute('aria-invalid', 'true');
      const msg = document.createElement('span');
      msg.className = 'field-error';
      msg.setAttribute('role', 'alert');
      msg.textContent = `${fe.path ? `${fe.path}: ` : ''}${fe.message}`;
      (el.closest('td') ?? el.closest('label') ?? el).append(msg);
    } else general.push(`${fe.path ? `${fe.path}: ` : ''}${fe.message}`);
  }
  const box = document.querySelector('#form-errors');
  if (box) box.textContent = general.join('\n');
}

async function saveScenario(): Promise<void> {
  const s = state.scenario;
  if (!s) return;
  noFlyFromMap();
  if (s.noFly && s.noFly.coordinates.length === 0) delete s.noFly;
  state.fieldErrors = [];
  const { $schema: _drop, ...body } = s as Scenario & { $schema?: string };
  try {
    if (state.id) {
      const r = await api<{ id: string; version: number }>(
        'PUT',
        `/scenarios/${encodeURIComponent(state.id)}`,
        body,
      );
      state.version = r.version;
      state.dirty = false;
      status(`Saved “${s.name}”, version ${r.version}`);
      await loadScenarios(r.id);
    } else {
      await createScenario(body);
    }
  } catch (e) {
    showFieldErrors(e);
  }
}

function planSummaryHtml(sum: Json): string {
  const b = (sum.bounds ?? {}) as { minSorties?: number; minDistanceKm?: number; notes?: string[] };
  const sorties = Number(sum.sorties);
  const dist = Number(sum.distanceKm);
  return `<dl class="figures" id="plan-figures">
    <dt>Coast</dt><dd>${kmNm(Number(sum.coastKm))}</dd>
    <dt>Covered</dt><dd>${kmNm(Number(sum.coveredKm))} (${fmt(Number(sum.coverage) * 100, 1)} %)</dd>
    <dt>Sorties</dt><dd id="fig-sorties">${sorties}</dd>
    <dt>Distance</dt><dd>${kmNm(dist)}</dd>
    <dt>Flight time</dt><dd>${hours(Number(sum.flightHours))}</dd>
    <dt>Lower bound, sorties</dt><dd id="fig-min-sorties">${b.minSorties ?? '–'} (ratio ${b.minSorties ? fmt(sorties / b.minSorties, 2) : '–'})</dd>
    <dt>Lower bound, distance</dt><dd>${b.minDistanceKm ? `${kmNm(b.minDistanceKm)} (ratio ${fmt(dist / b.minDistanceKm, 2)})` : '–'}</dd>
  </dl>${b.notes?.length ? `<details><summary>How the bounds are found</summary><ul>${b.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></details>` : ''}`;
}

function sortieTable(fc: FileFC, withTimes: boolean): string {
  const sorties = fc.features.filter((f) => f.properties.kind === 'sortie');
  const gaps = fc.features.filter((f) => f.properties.kind === 'gap');
  return `<table id="sortie-table"><thead><tr><th>Sortie</th><th>${withTimes ? 'Airframe' : 'Aircraft'}</th>${withTimes ? '<th>Takeoff (UTC)</th>' : ''}<th class="n">Distance km (NM)</th><th class="n">Time (h)</th><th class="n">Covers (km)</th></tr></thead><tbody>
    ${sorties
      .map((f) => {
        const p = f.properties;
        const covers = ((p.covers ?? []) as [number, number][]).reduce((a, [x, y]) => a + (y - x), 0);
        return `<tr tabindex="0" data-sortie="${esc(String(p.id))}" class="${state.selectedSortie === p.id ? 'selected' : ''}"><td><span class="swatch" style="background:${sortieColour(sortieIndex(p.id))}"></span>${esc(String(p.id))}</td><td>${esc(String(withTimes ? p.tail : p.aircraft))}</td>${withTimes ? `<td>${esc(String(p.takeoff).slice(5, 16).replace('T', ' '))}</td>` : ''}<td class="n">${fmt(p.distanceKm, 0)} (${fmt(Number(p.distanceKm) / 1.852, 0)})</td><td class="n">${fmt(p.durationH, 2)}</td><td class="n">${fmt(covers, 0)}</td></tr>`;
      })
      .join('')}</tbody></table>
    ${gaps.length ? `<h3>Gaps</h3><table id="gap-table"><thead><tr><th class="n">Length (km)</th><th>Why</th></tr></thead><tbody>${gaps.map((g) => `<tr><td class="n">${fmt(g.properties.lengthKm)}</td><td>${esc(String(g.properties.reason ?? ''))}</td></tr>`).join('')}</tbody></table>` : '<p class="muted" id="no-gaps">No gaps: every point of the coast is covered.</p>'}`;
}
function wireSortieRows(): void {
  panel.querySelectorAll<HTMLElement>('tr[data-sortie]').forEach((tr) => {
    const go = () => {
      selectSortie(tr.dataset.sortie ?? null);
      const f = layers.plan.getFeatures().find((x) => x.get('id') === tr.dataset.sortie);
      const g = f?.getGeometry();
      if (g && state.selectedSortie)
        map.getView().fit(g.getExtent(), { padding: [40, 40, 40, 40], maxZoom: 8, duration: 250 });
    };
    tr.onclick = go;
    tr.onkeydown = (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        go();
      }
    };
  });
}

function renderPlan(): void {
  const p = state.plan;
  panel.innerHTML = `<h2>Plan</h2>
    <p class="muted">Covers the coast once with the fewest sorties, for scenario version ${state.version}.</p>
    <button class="btn" id="run-plan" ${state.busy ? 'disabled' : ''}>Run a plan</button>
    ${state.dirty ? '<p class="error">The scenario has unsaved changes: save it first, the plan uses the saved version.</p>' : ''}
    ${progressHtml()}
    ${p ? `<p class="muted">Plan ${esc(p.id)}</p>${planSummaryHtml(p.fc.summary ?? {})}<h3>Sorties</h3><p class="muted">Click a sortie (here or on the map) to highlight it. Hover a red gap for its reason.</p>${sortieTable(p.fc, false)}${exportRow('plans', p.id)}` : '<div class="empty">No plan yet for this scenario: press “Run a plan”.</div>'}`;
  $('#run-plan').onclick = async () => {
    if (!state.id) return;
    try {
      const r = await runJob(`/scenarios/${encodeURIComponent(state.id)}/plans`, {}, 'Planning…');
      const fc = await api<FileFC>('GET', `/plans/${encodeURIComponent(r.id)}`);
      state.plan = { id: r.id, fc };
      remember();
      showPlan(true);
      status(`Plan ${r.id}: ${fc.summary?.sorties} sorties`);
    } catch (e) {
      status(`Plan failed: ${errText(e)}`);
      render();
    }
  };
  wireSortieRows();
  wireExport();
}

function showPlan(fit: boolean): void {
  state.selectedSortie = null;
  drawFile(state.plan?.fc ?? null);
  drawScenario();
  if (fit && state.plan) handle.fit(layers.plan);
  render();
}

function horizon(): { start: number; end: number } | null {
  const sum = state.schedule?.fc.summary;
  if (!sum) return null;
  const start = Date.parse(String(sum.start));
  return { start, end: start + Number(sum.horizonH) * 3600e3 };
}

function ganttSvg(fc: FileFC): string {
  const h = horizon();
  if (!h) return '';
  const bars = fc.features
    .filter((f) => f.properties.kind === 'sortie')
    .map((f) => ({
      tail: String(f.properties.tail),
      id: String(f.properties.id),
      from: Date.parse(String(f.properties.takeoff)),
      to: Date.parse(String(f.properties.landing)),
    }));
  const rows = ganttRows(bars);
  const W = 560;
  const left = 100;
  const rowH = 22;
  const top = 18;
  const x = (t: number) => left + ((t - h.start) / (h.end - h.start)) * (W - left - 10);
  const H = top + rows.length * rowH + 4;
  const days = Math.ceil((h.end - h.start) / 86400e3);
  let ticks = '';
  for (let d = 0; d <= days; d++) {
    const t = h.start + d * 86400e3;
    ticks += `<line x1="${x(t)}" x2="${x(t)}" y1="${top - 4}" y2="${H}" stroke="#ccc"/><text x="${x(t) + 2}" y="12">${new Date(t).toISOString().slice(5, 10)}</text>`;
  }
  const body = rows
    .map(
      (r, i) =>
        `<text x="4" y="${top + i * rowH + 15}">${esc(r.tail)}</text>${r.bars
          .map(
            (b) =>
              `<rect class="bar${state.selectedSortie === b.id ? ' selected' : ''}" data-sortie="${esc(b.id)}" x="${x(b.from)}" y="${top + i * rowH + 3}" width="${Math.max(2, x(b.to) - x(b.from))}" height="${rowH - 6}" rx="2" fill="${sortieColour(sortieIndex(b.id))}"><title>${esc(b.id)} ${esc(r.tail)} ${utc(b.from)} – ${utc(b.to)}</title></rect>`,
          )
          .join('')}`,
    )
    .join('');
  return `<svg class="gantt" id="gantt" viewBox="0 0 ${W} ${H}" role="img" aria-label="Timeline of sorties per airframe">${ticks}${body}<line id="gantt-now" x1="${x(state.time)}" x2="${x(state.time)}" y1="${top - 4}" y2="${H}" stroke="#000" stroke-width="2"/></svg>`;
}

function renderSchedule(): void {
  const sc = state.schedule;
  const sum = sc?.fc.summary ?? {};
  const days = Number((state.scenario?.schedule as Json | undefined)?.days ?? 2);
  const maxH = Number(sum.worstRevisitH ?? 1);
  const bounds = (sum.revisitBounds ?? sum.bounds ?? []) as { name: string; hours: number }[];
  const h = horizon();
  panel.innerHTML = `<h2>Schedule</h2>
    <p class="muted">Flies the fleet over the horizon, keeping every coast point's worst revisit gap as small as it can.</p>
    <div class="row"><label>Days <input class="num" type="number" min="1" max="60" step="1" id="sched-days" value="${Math.min(days, 2)}"></label>
      <button class="btn" id="run-schedule" ${state.busy ? 'disabled' : ''}>Run a schedule</button></div>
    ${progressHtml()}
    ${
      sc && h
        ? `<p class="muted">Schedule ${esc(sc.id)}</p><dl class="figures" id="schedule-figures">
      <dt>Horizon</dt><dd>${hours(Number(sum.horizonH))} from ${utc(h.start)}</dd>
      <dt>Sorties</dt><dd id="fig-sched-sorties">${sum.sorties}</dd>
      <dt>Worst revisit</dt><dd id="fig-worst">${hours(Number(sum.worstRevisitH))}</dd>
      <dt>Mean revisit</dt><dd>${hours(Number(sum.meanRevisitH))}</dd>
      <dt>Lower bound, worst revisit</dt><dd id="fig-bound">${hours(Number(sum.revisitBoundH ?? Math.max(0, ...bounds.map((b) => b.hours))))} ${bounds.length ? `(${bounds.map((b) => `${esc(b.name)} ${hours(b.hours)}`).join(', ')})` : ''}</dd>
      ${sum.neverSeenKm !== undefined ? `<dt>Never seen</dt><dd>${kmNm(Number(sum.neverSeenKm))}</dd>` : ''}
    </dl>
    <h3>Revisit along the coast</h3>
    <div class="row" role="radiogroup" aria-label="Revisit shown"><label><input type="radio" name="strip" value="worst" ${state.stripMode === 'worst' ? 'checked' : ''}> worst</label><label><input type="radio" name="strip" value="mean" ${state.stripMode === 'mean' ? 'checked' : ''}> mean</label></div>
    <div class="legend" id="legend" aria-label="Legend, revisit in hours">${revisitStops(maxH)
      .map((s) => `<span style="background:${s.colour}">${s.h} h</span>`)
      .join('')}<span style="background:#4b0055;color:#fff">never</span></div>
    <h3>Time</h3>
    <input type="range" class="slider" id="time-slider" min="${h.start}" max="${h.end}" step="60000" value="${state.time}" aria-label="Time">
    <p id="time-label" aria-live="polite"></p>
    <h3>Sorties per airframe</h3>${ganttSvg(sc.fc)}
    <h3>Sorties</h3>${sortieTable(sc.fc, true)}${exportRow('schedules', sc.id)}`
        : '<div class="empty">No schedule yet: choose the number of days and press “Run a schedule”.</div>'
    }`;
  $('#run-schedule').onclick = async () => {
    if (!state.id) return;
    const d = Number($<HTMLInputElement>('#sched-days').value);
    try {
      const r = await runJob(
        `/scenarios/${encodeURIComponent(state.id)}/schedules`,
        { days: d },
        'Scheduling…',
      );
      const fc = await api<FileFC>('GET', `/schedules/${encodeURIComponent(r.id)}`);
      state.schedule = { id: r.id, fc };
      remember();
      showSchedule(true);
      status(`Schedule ${r.id}: worst revisit ${hours(Number(fc.summary?.worstRevisitH))}`);
    } catch (e) {
      status(`Schedule failed: ${errText(e)}`);
      render();
    }
  };
  if (!sc || !h) return;
  panel.querySelectorAll<HTMLInputElement>('input[name=strip]').forEach((r) => {
    r.onchange = () => {
      state.stripMode = r.value as 'worst' | 'mean';
      drawStrip();
    };
  });
  const slider = $<HTMLInputElement>('#time-slider');
  const move = () => {
    state.time = Number(slider.value);
    const n = drawAircraftAt(state.time);
    $('#time-label').textContent =
      `${utc(state.time)} · ${n} aircraft airborne · shaded: what their sensors watch now`;
    const line = document.querySelector<SVGLineElement>('#gantt-now');
    const svg = document.querySelector<SVGSVGElement>('#gantt');
    if (line && svg) {
      const W = 560;
      const xx = 100 + ((state.time - h.start) / (h.end - h.start)) * (W - 110);
      line.setAttribute('x1', String(xx));
      line.setAttribute('x2', String(xx));
    }
  };
  slider.oninput = move;
  move();
  panel.querySelectorAll<SVGRectElement>('rect.bar').forEach((r) => {
    r.onclick = () => {
      const id = r.dataset.sortie ?? null;
      const f = state.schedule?.fc.features.find((x) => x.properties.id === id);
      if (f) {
        state.time =
          Date.parse(String(f.properties.takeoff)) +
          0.25 * (Date.parse(String(f.properties.landing)) - Date.parse(String(f.properties.takeoff)));
        slider.value = String(state.time);
        move();
      }
      selectSortie(id);
    };
  });
  wireSortieRows();
  wireExport();
}

function showSchedule(fit: boolean): void {
  state.selectedSortie = null;
  drawFile(state.schedule?.fc ?? null);
  drawScenario();
  const h = horizon();
  if (h) state.time = h.start + (h.end - h.start) * 0.1;
  drawStrip();
  if (fit) handle.fit(layers.plan);
  render();
}

function renderAudit(): void {
  const a = state.audit;
  const sum = a?.fc.summary ?? {};
  const planned = sum.planned as Json | undefined;
  panel.innerHTML = `<h2>Audit</h2>
    <p class="muted">What flown tracks covered, and when. Formats: GPX, KML/KMZ, IGC, CSV, GeoJSON.</p>
    <label>Aircraft <select id="audit-aircraft"><option value="">by callsign (the scenario's callsigns)</option>${(state.scenario?.aircraft ?? []).map((a) => `<option>${esc(a.name)}</option>`).join('')}</select></label>
    <label>Against plan <select id="audit-plan"><option value="">none</option>${state.plan ? `<option value="${esc(state.plan.id)}" selected>${esc(state.plan.id)} (${state.plan.fc.summary?.sorties} sorties)</option>` : ''}</select></label>
    <div class="dropzone" id="dropzone" tabindex="0" role="button" aria-label="Drop track files here, or press Enter to choose files">Drop track files here<br><span class="muted">or press to choose files</span></div>
    <input type="file" id="track-files" multiple hidden accept=".gpx,.kml,.kmz,.igc,.csv,.geojson,.json">
    ${progressHtml()}
    ${
      a
        ? `<p class="muted">Audit ${esc(a.id)}</p><dl class="figures" id="audit-figures">
      <dt>Tracks</dt><dd id="fig-tracks">${sum.tracks ?? '–'}</dd>
      <dt>Points</dt><dd id="fig-points">${sum.points ?? '–'}</dd>
      <dt>Coast covered</dt><dd id="fig-audit-covered">${kmNm(Number(sum.coveredKm))} (${fmt(Number(sum.coverage) * 100, 1)} %)</dd>
      <dt>Worst revisit</dt><dd>${hours(sum.worstRevisitH as number | null)}</dd>
      <dt>Data gaps</dt><dd id="fig-data-gaps">${a.fc.features.filter((f) => f.properties.kind === 'track').reduce((n, f) => n + Number(f.properties.dataGaps ?? 0), 0)} (drawn as breaks)</dd>
      ${planned ? `<dt>Plan flown</dt><dd>${planned.flown} of ${planned.sorties} sorties; ${fmt(Number(planned.achieved) * 100, 1)} % of the planned coverage</dd><dt>Holes against the plan</dt><dd id="fig-holes">${kmNm(Number(planned.holesKm ?? 0))} (red on the map)</dd>` : ''}
    </dl>
    <h3>Seen stretches</h3><table id="seen-table"><thead><tr><th class="n">Length (km)</th><th class="n">Sightings</th><th class="n">Worst gap (h)</th></tr></thead><tbody>${a.fc.features
      .filter((f) => f.properties.kind === 'seen')
      .slice(0, 200)
      .map(
        (f) =>
          `<tr><td class="n">${fmt(f.properties.lengthKm)}</td><td class="n">${(f.properties.sightings as unknown[] | undefined)?.length ?? 0}</td><td class="n">${hours(f.properties.worstGapH as number)}</td></tr>`,
      )
      .join('')}</tbody></table>${exportRow('audits', a.id)}`
        : '<div class="empty">No audit yet: drop a flown track file on the box above.</div>'
    }`;
  const dz = $('#dropzone');
  const input = $<HTMLInputElement>('#track-files');
  dz.onclick = () => input.click();
  dz.onkeydown = (e) => {
    if (e.key === 'Enter' || e.key === ' ') input.click();
  };
  dz.ondragover = (e) => {
    e.preventDefault();
    dz.classList.add('over');
  };
  dz.ondragleave = () => dz.classList.remove('over');
  dz.ondrop = (e) => {
    e.preventDefault();
    dz.classList.remove('over');
    if (e.dataTransfer?.files.length) auditFiles([...e.dataTransfer.files]);
  };
  input.onchange = () => input.files?.length && auditFiles([...input.files]);
  wireExport();
}

async function auditFiles(files: File[]): Promise<void> {
  if (!state.id) return;
  const plan = document.querySelector<HTMLSelectElement>('#audit-plan')?.value ?? '';
  const aircraft = document.querySelector<HTMLSelectElement>('#audit-aircraft')?.value ?? '';
  state.busy = `Auditing ${files.map((f) => f.name).join(', ')}…`;
  state.progress = 0;
  render();
  try {
    let last: { kind: string; id: string } | undefined;
    for (const f of files) {
      const q = `?name=${encodeURIComponent(f.name)}${aircraft ? `&aircraft=${encodeURIComponent(aircraft)}` : ''}${plan ? `&plan=${encodeURIComponent(plan)}` : ''}`;
      const { job } = await upload<{ job: string }>(
        `/scenarios/${encodeURIComponent(state.id)}/audits${q}`,
        f,
      );
      const j = await followJob(job, (p) => {
        state.progress = p;
        const el = document.querySelector<HTMLProgressElement>('#job-progress');
        if (el) el.value = p;
      });
      last = j.result;
    }
    if (!last) throw new Error('the audit finished without a result');
    const fc = await api<FileFC>('GET', `/audits/${encodeURIComponent(last.id)}`);
    state.audit = { id: last.id, fc };
    remember();
    state.progress = -1;
    state.busy = '';
    drawFile(fc);
    handle.fit(layers.tracks, 60, 7);
    status(`Audit ${last.id}: ${fc.summary?.tracks} track(s)`);
  } catch (e) {
    status(`Audit failed: ${errText(e)}`);
  } finally {
    state.progress = -1;
    state.busy = '';
    render();
  }
}

interface SituationItem {
  id: string;
  time?: string;
  from?: string | null;
  to?: string | null;
  where?: unknown;
  coastKm?: [number, number] | [number, number][];
  [k: string]: unknown;
}
const situation: Record<'reports' | 'zones' | 'teams' | 'priorities', SituationItem[]> = {
  reports: [],
  zones: [],
  teams: [],
  priorities: [],
};

async function loadSituation(): Promise<void> {
  if (!state.id) return;
  for (const k of ['reports', 'zones', 'teams', 'priorities'] as const) {
    try {
      const r = await api<SituationItem[] | { items: SituationItem[] }>(
        'GET',
        `/scenarios/${encodeURIComponent(state.id)}/${k}`,
      );
      situation[k] = Array.isArray(r) ? r : (r.items ?? []);
    } catch {
      situation[k] = [];
    }
  }
}

function drawSituation(t: number): void {
  layers.situation.clear();
  const lines = coastLines(state.plan?.fc ?? state.schedule?.fc ?? null);
  const active = (it: SituationItem) => {
    const from = it.from ? Date.parse(it.from) : it.time ? Date.parse(it.time) : -Infinity;
    const to = it.to ? Date.parse(it.to) : Infinity;
    return t >= from && t <= to;
  };
  const add = (kind: string, it: SituationItem) => {
    const props = { ...it, kind, active: active(it) };
    if (it.where && typeof it.where === 'object' && 'type' in (it.where as Json)) {
      const g = geojson.readGeometry(it.where) ?? undefined;
      layers.situation.addFeature(new Feature({ ...props, geometry: g }));
      if (kind === 'team' && Number(it.radiusKm) > 0 && g instanceof Point) {
        const ll = toLonLat(g.getCoordinates());
        layers.situation.addFeature(
          new Feature({
            ...props,
            geometry: new Circle(g.getCoordinates(), mapMetres(Number(it.radiusKm), ll[1])),
          }),
        );
      }
      return;
    }
    const ck = (it.coastKm ?? (it.where as Json | undefined)?.coastKm) as
      | [number, number]
      | [number, number][]
      | undefined;
    if (ck && lines.length) {
      const pairs = (typeof ck[0] === 'number' ? [ck] : ck) as [number, number][];
      const parts = pairs.flatMap(([a, b]) => sliceChainage(lines, a, b));
      if (parts.length)
        layers.situation.addFeature(
          new Feature({
            ...props,
            geometry: new MultiLineString(parts.map((p) => p.map((c) => fromLonLat(c)))),
          }),
        );
    }
  };
  for (const r of situation.reports) add('report', { ...r, to: null });
  for (const z of situation.zones) add('zone', z);
  for (const tm of situation.teams) add('team', tm);
  for (const p of situation.priorities) add('priority', p);
}

function renderSituation(): void {
  const all = [...situation.reports, ...situation.zones, ...situation.teams, ...situation.priorities];
  const times = all
    .flatMap((i) => [i.time, i.from, i.to])
    .filter((x): x is string => !!x)
    .map(Date.parse)
    .filter(Number.isFinite);
  const lo = times.length ? Math.min(...times) : Date.now() - 30 * 86400e3;
  const hi = times.length ? Math.max(...times, lo + 86400e3) : Date.now();
  if (state.time < lo || state.time > hi) state.time = hi;
  const active = (it: SituationItem) =>
    (it.from || it.time ? Date.parse(String(it.from ?? it.time)) <= state.time : true) &&
    (!it.to || Date.parse(it.to) >= state.time);
  panel.innerHTML = `<h2>Situation</h2>
    <p class="muted">Reports (with their Admiralty grade: source A–F, information 1–6), zones of control, teams and priorities, as of the time below.${state.plan || state.schedule ? '' : ' Run a plan first to place items given by coast km.'}</p>
    <button class="btn secondary" id="reload-situation">Reload</button>
    <input type="range" class="slider" id="sit-slider" min="${lo}" max="${hi}" step="3600000" value="${state.time}" aria-label="Situation time">
    <p id="sit-time">${utc(state.time)}</p>
    ${
      all.length
        ? `<h3>Reports</h3><table id="report-table"><thead><tr><th>Time</th><th>Grade</th><th>Report</th></tr></thead><tbody>${situation.reports
            .filter(active)
            .map(
              (r) =>
                `<tr><td>${esc(String(r.time ?? '').slice(0, 10))}</td><td>${esc(String(r.grade ?? ''))}</td><td>${esc(String(r.text ?? ''))} <span class="muted">${esc(String(r.source ?? ''))}</span></td></tr>`,
            )
            .join('')}</tbody></table>
      <h3>Zones</h3><ul>${situation.zones
        .filter(active)
        .map((z) => `<li>${esc(String(z.party))} (${esc(String(z.grade ?? ''))})</li>`)
        .join('')}</ul>
      <h3>Teams</h3><ul>${situation.teams
        .filter(active)
        .map(
          (z) => `<li>${esc(String(z.name))}${z.radiusKm ? `, within ${kmNm(Number(z.radiusKm))}` : ''}</li>`,
        )
        .join('')}</ul>
      <h3>Priorities</h3><ul>${situation.priorities
        .filter(active)
        .map((p) => `<li>revisit ≤ ${hours(Number(p.targetRevisitH))}: ${esc(String(p.reason ?? ''))}</li>`)
        .join('')}</ul>`
        : '<div class="empty">No situation items for this scenario yet. Add them through the API (POST …/reports, zones, teams) or the command line.</div>'
    }`;
  drawSituation(state.time);
  const slider = $<HTMLInputElement>('#sit-slider');
  slider.oninput = () => {
    state.time = Number(slider.value);
    renderSituation();
    document.querySelector<HTMLInputElement>('#sit-slider')?.focus();
  };
  $('#reload-situation').onclick = async () => {
    await loadSituation();
    renderSituation();
  };
}

// ---------- loading ----------
function remember(): void {
  if (!state.id) return;
  sessionStorage.setItem(
    `coastwatch.results.${state.id}`,
    JSON.stringify({ plan: state.plan?.id, schedule: state.schedule?.id, audit: state.audit?.id }),
  );
}

async function loadScenarios(select: string | null): Promise<void> {
  state.scenarios = await api<typeof state.scenarios>('GET', '/scenarios');
  const sel = $<HTMLSelectElement>('#scenario-select');
  sel.innerHTML =
    state.scenarios
      .map((s) => `<option value="${esc(s.id)}">${esc(s.name)} (v${s.version})</option>`)
      .join('') || '<option value="">none yet</option>';
  const id = select ?? state.scenarios[state.scenarios.length - 1]?.id ?? null;
  if (id) await openScenario(id);
  else {
    state.scenario = null;
    state.id = null;
    state.view = 'scenario';
    render();
  }
}

async function openScenario(id: string): Promise<void> {
  const changed = state.id !== id;
  const s = await api<Scenario>('GET', `/scenarios/${encodeURIComponent(id)}`);
  state.id = id;
  state.scenario = s;
  state.version = state.scenarios.find((x) => x.id === id)?.version ?? state.version;
  state.dirty = false;
  state.fieldErrors = [];
  $<HTMLSelectElement>('#scenario-select').value = id;
  if (changed) {
    state.plan = state.schedule = state.audit = null;
    const saved = JSON.parse(sessionStorage.getItem(`coastwatch.results.${id}`) ?? '{}') as Record<
      string,
      string | undefined
    >;
    try {
      if (saved.plan) state.plan = { id: saved.plan, fc: await api<FileFC>('GET', `/plans/${saved.plan}`) };
      if (saved.schedule)
        state.schedule = { id: saved.schedule, fc: await api<FileFC>('GET', `/schedules/${saved.schedule}`) };
      if (saved.audit)
        state.audit = { id: saved.audit, fc: await api<FileFC>('GET', `/audits/${saved.audit}`) };
    } catch {
      // results of an earlier session that the store no longer has
    }
    await loadSituation();
    drawFile(state.plan?.fc ?? null);
  }
  drawScenario();
  if (changed) handle.fit(layers.plan.getFeatures().length ? layers.plan : layers.scenario);
  render();
}

function showView(v: View): void {
  state.view = v;
  state.selectedSortie = null;
  if (v === 'plan' || v === 'scenario' || v === 'situation') drawFile(state.plan?.fc ?? null);
  if (v === 'schedule') {
    drawFile(state.schedule?.fc ?? null);
    drawStrip();
  }
  if (v === 'audit') drawFile(state.audit?.fc ?? null);
  if (v !== 'situation') layers.situation.clear();
  drawScenario();
  render();
}

for (const b of document.querySelectorAll<HTMLButtonElement>('#tabs [role=tab]'))
  b.onclick = () => showView(b.dataset.view as View);
$<HTMLSelectElement>('#scenario-select').onchange = (e) => {
  const id = (e.target as HTMLSelectElement).value;
  if (id) openScenario(id).catch((err) => status(errText(err)));
};
$('#signout').onclick = () => {
  setToken(null);
  location.reload();
};

function askToken(): Promise<void> {
  const dlg = $<HTMLDialogElement>('#login');
  const input = $<HTMLInputElement>('#login-token');
  return new Promise((resolve) => {
    $<HTMLFormElement>('#login-form').onsubmit = async (e) => {
      e.preventDefault();
      const t = input.value.trim();
      if (!t) return;
      let ok = false;
      try {
        ok = await checkToken(t);
      } catch {
        ok = false;
      }
      if (!ok) {
        $('#login-error').textContent = 'The server refused this token. Check it, or make a new one.';
        return;
      }
      setToken(t);
      dlg.close();
      resolve();
    };
    if (!dlg.open) dlg.showModal();
    input.focus();
  });
}

setOnUnauthorized(() => {
  setToken(null);
  askToken().then(() => loadScenarios(state.id));
});

async function start(): Promise<void> {
  render();
  await handle.ready;
  if (!token() || !(await checkToken(token() ?? ''))) await askToken();
  await loadScenarios(null);
  document.body.dataset.ready = 'true';
}
start().catch((e) => status(`Could not start: ${errText(e)}`));
