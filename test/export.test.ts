/**
 * Exports (docs/exports.md) read back by programs nobody here wrote: GDAL (ogr2ogr) for KML, KMZ, GPX, CSV
 * and GeoJSON, gpsbabel for GPX and KML, poppler (pdftoppm, pdftotext) for the PDF brief, xmldom for CoT, and
 * the published field rules for QGroundControl .plan and QGC WPL 110. Round trips: exported routes audited as
 * if flown cover what the plan or schedule covers. Under CI a missing program fails the test.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import { auditFiles } from '../src/app/audit.js';
import { buildExportDoc, exportDocument, exportFormats } from '../src/app/export.js';
import { loadScenario } from '../src/app/load-scenario.js';
import { scheduleScenarioFile } from '../src/app/schedule.js';
import type { ExportDoc } from '../src/domain/export.js';
import type { Scenario } from '../src/domain/scenario.js';
import { fastPointToSegmentKm } from '../src/geo/frame.js';
import { densifyGeodesic, destination, distanceKm } from '../src/geo/geodesic.js';
import type { LonLat } from '../src/geo/lonlat.js';
import { parsePlanGeoJSON } from '../src/verify/plan-file.js';
import { verifyPlan } from '../src/verify/verify.js';
import { type Availability, requireOrSkip } from './support/external.js';
import { goldenPath, repoRoot } from './support/golden.js';
import { tempDir } from './support/temp.js';

type Obj = Record<string, unknown>;

function programAvailable(name: string, pkg: string, args = ['--version']): Availability {
  const r = spawnSync(name, args, { encoding: 'utf8' });
  if (r.error) return { ok: false, why: `${name} not found (Debian package ${pkg})` };
  return { ok: true };
}
const need = (t: TestContext, name: string, pkg: string, args?: string[]) =>
  requireOrSkip(t, name, programAvailable(name, pkg, args));

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** A layer of a file through GDAL, as GeoJSON. */
function ogrLayer(file: string, layer?: string, open: string[] = []): { features: Obj[] } {
  const args = ['-f', 'GeoJSON', '/vsistdout/', file, ...open];
  if (layer) args.push(layer);
  return JSON.parse(run('ogr2ogr', args)) as { features: Obj[] };
}

function ogrLayers(file: string): string[] {
  return run('ogrinfo', ['-ro', '-q', file])
    .split('\n')
    .map((l) => /^\d+: (.*?)(?: \([^()]*\))?$/.exec(l.trim())?.[1])
    .filter((x): x is string => !!x);
}

const geom = (f: Obj) => f.geometry as { type: string; coordinates: unknown };
const props = (f: Obj) => (f.properties ?? {}) as Obj;

function parseXml(text: string) {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') problems.push(String(msg));
    },
  }).parseFromString(text, 'text/xml');
  assert.deepEqual(problems, [], 'well-formed XML');
  return doc;
}
const elements = (root: { getElementsByTagName(n: string): ArrayLike<Element> }, name: string) =>
  Array.from(root.getElementsByTagName(name));

/** Read-back points must be the sortie's own vertices (within 1 m), in order, first and last at the base. */
function assertTurnsOf(path: readonly LonLat[], points: readonly LonLat[], what: string): void {
  assert.ok(points.length >= 2, `${what}: at least the base twice`);
  assert.ok(distanceKm(points[0], path[0]) < 1e-3, `${what}: starts at the base`);
  assert.ok(distanceKm(points[points.length - 1], path[path.length - 1]) < 1e-3, `${what}: ends at the base`);
  let j = 0;
  for (const p of points) {
    while (j < path.length && distanceKm(p, path[j]) >= 1e-3) j++;
    assert.ok(j < path.length, `${what}: [${p}] is not a vertex of the route within 1 m (or out of order)`);
  }
}

/** Least distance from the straight lon/lat segments of `line` (sampled every km) to the coast segments. */
function drawnClearance(line: readonly LonLat[], coast: readonly (readonly LonLat[])[]): number {
  let worst = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i];
    const b = line[i + 1];
    const n = Math.max(1, Math.ceil(distanceKm(a, b) / 1));
    for (let k = 0; k <= n; k++) {
      const q: LonLat = [a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n];
      for (const c of coast)
        for (let j = 0; j + 1 < c.length; j++) {
          if (Math.abs(c[j][1] - q[1]) > 1 && Math.abs(c[j + 1][1] - q[1]) > 1) continue;
          const d = fastPointToSegmentKm(q[0], q[1], c[j][0], c[j][1], c[j + 1][0], c[j + 1][1]);
          if (d < worst) worst = d;
        }
    }
  }
  return worst;
}

const root = repoRoot();
const scenarioPath = (name: string) => join(root, 'scenarios', `${name}.json`);
const NAMES = ['libya-pantelleria', 'tunisia-sar', 'greece-islands'];

interface Input {
  name: string;
  json: Obj;
  scenario: Scenario;
  doc: ExportDoc;
}

describe('export', () => {
  const tmp = tempDir('coastwatch-export-');
  const plans: Input[] = [];
  let schedule: Input;
  const NOW = '2026-12-01T00:00:00Z';

  const file = async (input: Input, format: string, suffix = ''): Promise<string> => {
    const r = await exportDocument(input.json, format, { scenario: input.scenario, now: NOW });
    const p = join(tmp.dir, `${input.name}${suffix}.${r.filename.split('.').slice(-1)[0]}`);
    writeFileSync(p, r.bytes);
    return p;
  };

  before(async () => {
    for (const name of NAMES) {
      const json = JSON.parse(readFileSync(goldenPath(scenarioPath(name), 'plan'), 'utf8')) as Obj;
      const scenario = await loadScenario(scenarioPath(name));
      plans.push({ name, json, scenario, doc: buildExportDoc(json, { scenario, band: false }) });
    }
    // one type only, so that the audit of its tracks flies them with the schedule's own sensor range
    const r = await scheduleScenarioFile(scenarioPath('tunisia-sar'), {
      days: 1,
      counts: { 'Single SAR recon': 0 },
      write: false,
      start: NOW,
    });
    const json = JSON.parse(JSON.stringify(r.geojson)) as Obj;
    assert.deepEqual(
      verifyPlan(r.scenario, parsePlanGeoJSON(json)),
      [],
      'the schedule file keeps every rule',
    );
    schedule = {
      name: 'tunisia-sar-schedule',
      json,
      scenario: r.scenario,
      doc: buildExportDoc(json, { scenario: r.scenario, band: false }),
    };
    assert.equal(schedule.doc.kind, 'schedule');
  });
  after(() => tmp.done());

  it('has one registry entry per format of the contract, and refuses others by name', async () => {
    assert.deepEqual(exportFormats.map((f) => f.name).sort(), [
      'cot',
      'csv',
      'geojson',
      'gpx',
      'kml',
      'kmz',
      'pdf',
      'qgc',
      'waypoints',
    ]);
    await assert.rejects(exportDocument(plans[0].json, 'shp'), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'export.unknown-format');
      assert.match(e.message, /kml, kmz, gpx/);
      return true;
    });
  });

  it('GPX: GDAL and gpsbabel read one route per sortie, its named waypoints at the turns, and the bases', async (t) => {
    if (!need(t, 'ogr2ogr', 'gdal-bin') || !need(t, 'gpsbabel', 'gpsbabel', ['-V'])) return;
    for (const input of plans) {
      const p = await file(input, 'gpx');
      const routes = ogrLayer(p, 'routes').features;
      assert.equal(routes.length, input.doc.sorties.length, `${input.name}: routes`);
      assert.deepEqual(
        routes.map((f) => props(f).name),
        input.doc.sorties.map((s) => s.id),
      );
      const rpts = ogrLayer(p, 'route_points').features;
      const wps = ogrLayer(p, 'waypoints').features;
      assert.deepEqual(
        wps.map((f) => props(f).name),
        input.doc.bases.map((b) => b.name),
      );
      input.doc.sorties.forEach((s, i) => {
        const mine = rpts.filter((f) => props(f).route_fid === i);
        assert.deepEqual(
          mine.map((f) => props(f).name),
          s.waypoints.map((w) => w.name),
        );
        assertTurnsOf(
          s.path,
          mine.map((f) => geom(f).coordinates as LonLat),
          `${input.name} ${s.id} (GDAL)`,
        );
      });
      // gpsbabel: its own GPX reader and writer
      const back = parseXml(run('gpsbabel', ['-r', '-w', '-i', 'gpx', '-f', p, '-o', 'gpx', '-F', '-']));
      const rtes = elements(back, 'rte');
      assert.equal(rtes.length, input.doc.sorties.length);
      rtes.forEach((rte, i) => {
        const s = input.doc.sorties[i];
        const pts = elements(rte, 'rtept');
        assert.deepEqual(
          pts.map((x) => elements(x, 'name')[0]?.textContent),
          s.waypoints.map((w) => w.name),
        );
        assertTurnsOf(
          s.path,
          pts.map((x) => [Number(x.getAttribute('lon')), Number(x.getAttribute('lat'))]),
          `${input.name} ${s.id} (gpsbabel)`,
        );
      });
    }
  });

  it('KML and KMZ: GDAL reads a folder per sortie with its route and named waypoints; gpsbabel reads the same', async (t) => {
    if (!need(t, 'ogr2ogr', 'gdal-bin') || !need(t, 'gpsbabel', 'gpsbabel', ['-V'])) return;
    for (const input of plans) {
      for (const format of ['kml', 'kmz']) {
        const p = await file(input, format);
        const layers = ogrLayers(p);
        for (const s of input.doc.sorties) {
          const wl = layers.find((l) => l === `${s.id} waypoints`);
          assert.ok(wl, `${input.name} ${format}: a waypoints folder for ${s.id} in ${layers.join(', ')}`);
          const pts = ogrLayer(p, wl).features;
          assert.deepEqual(
            pts.map((f) => props(f).Name ?? props(f).name),
            s.waypoints.map((w) => w.name),
          );
          assertTurnsOf(
            s.path,
            pts.map((f) => geom(f).coordinates as LonLat),
            `${input.name} ${s.id} ${format}`,
          );
          const rl = layers.find((l) => l.startsWith(`${s.id} `) && l !== wl);
          assert.ok(rl, `a folder for ${s.id}`);
          const route = ogrLayer(p, rl).features.find(
            (f) => (props(f).Name ?? props(f).name) === `${s.id} route`,
          );
          assert.ok(route, `${s.id} route placemark`);
          const line = geom(route).coordinates as LonLat[];
          assert.ok(
            distanceKm(line[0], s.path[0]) < 1e-3 && distanceKm(line[line.length - 1], s.path[0]) < 1e-3,
          );
        }
        const coast = ogrLayer(p, 'Coast').features.map((f) => String(props(f).Name ?? props(f).name));
        assert.ok(coast.includes('covered coast') || input.doc.covered.length === 0);
        assert.equal(coast.filter((n) => n.startsWith('gap ')).length, input.doc.gaps.length);
      }
      const kml = await file(input, 'kml');
      const back = parseXml(run('gpsbabel', ['-i', 'kml', '-f', kml, '-o', 'gpx', '-F', '-']));
      const names = elements(back, 'wpt').map((w) => elements(w, 'name')[0]?.textContent);
      const expected = [
        ...input.doc.bases.map((b) => b.name),
        ...input.doc.sorties.flatMap((s) => s.waypoints.map((w) => w.name)),
      ];
      assert.deepEqual(
        [...names].sort(),
        [...expected].sort(),
        `${input.name}: gpsbabel reads every waypoint by name`,
      );
      const trkNames = elements(back, 'trk').map((x) => elements(x, 'name')[0]?.textContent);
      for (const s of input.doc.sorties) assert.ok(trkNames.includes(`${s.id} route`));
    }
  });

  it('KML with the scenario draws no-fly areas and the standoff band as polygons GDAL reads', async (t) => {
    if (!need(t, 'ogr2ogr', 'gdal-bin')) return;
    const input = plans.find((x) => x.name === 'tunisia-sar')!;
    const p = await file(input, 'kml', '-areas');
    const areas = ogrLayer(p, 'Areas').features;
    const nofly = areas.filter((f) => String(props(f).Name).startsWith('no-fly'));
    const band = areas.filter((f) => String(props(f).Name).startsWith('standoff band'));
    assert.equal(nofly.length, input.scenario.noFly.length);
    assert.ok(band.length >= 1);
    for (const f of [...nofly, ...band]) assert.match(geom(f).type, /Polygon/);
  });

  it('CSV: GDAL reads one point per waypoint with its name, legs and courses', async (t) => {
    if (!need(t, 'ogr2ogr', 'gdal-bin')) return;
    for (const input of plans) {
      const p = await file(input, 'csv');
      const rows = ogrLayer(p, undefined, [
        '-oo',
        'X_POSSIBLE_NAMES=lon',
        '-oo',
        'Y_POSSIBLE_NAMES=lat',
      ]).features;
      const wps = input.doc.sorties.flatMap((s) => s.waypoints.map((w) => ({ s, w })));
      assert.equal(rows.length, wps.length);
      rows.forEach((f, i) => {
        const { s, w } = wps[i];
        assert.equal(props(f).sortie, s.id);
        assert.equal(props(f).name, w.name);
        assert.ok(distanceKm(geom(f).coordinates as LonLat, w.position) < 1e-3);
        assert.ok(Math.abs(Number(props(f).leg_km) - w.legKm) < 1e-3);
      });
      for (const s of input.doc.sorties)
        assertTurnsOf(
          s.path,
          rows.filter((f) => props(f).sortie === s.id).map((f) => geom(f).coordinates as LonLat),
          `${input.name} ${s.id} csv`,
        );
    }
  });

  it('CSV of a schedule has the time over each waypoint, from takeoff to landing', async () => {
    const r = await exportDocument(schedule.json, 'csv');
    const lines = new TextDecoder().decode(r.bytes).trim().split('\r\n');
    assert.equal(lines[0], 'sortie,seq,name,lat,lon,leg_km,cumulative_km,heading_deg,eta');
    for (const s of schedule.doc.sorties) {
      const mine = lines.filter((l) => l.startsWith(`${s.id},`)).map((l) => l.split(','));
      assert.equal(Date.parse(mine[0][8]), Date.parse(s.takeoff!));
      assert.ok(Math.abs(Date.parse(mine[mine.length - 1][8]) - Date.parse(s.landing!)) < 1000);
    }
  });

  it('GeoJSON: GDAL reads every feature; no drawn lon/lat segment comes closer to the coast than the standoff', async (t) => {
    if (!need(t, 'ogr2ogr', 'gdal-bin')) return;
    for (const input of plans) {
      const p = await file(input, 'geojson');
      const back = ogrLayer(p).features;
      assert.equal(back.length, (input.json.features as unknown[]).length);
      const written = JSON.parse(readFileSync(p, 'utf8')) as { features: Obj[] };
      const S = input.scenario.standoffKm;
      if (S <= 0) continue;
      // a separate check: points along each straight lon/lat segment against every coast segment
      const coast = input.scenario.coast.lines.map((l) => l.coords);
      const sorties = written.features.filter((f) => props(f).kind === 'sortie');
      for (const f of sorties) {
        const s = input.doc.sorties.find((x) => x.id === props(f).id)!;
        const g = geom(f);
        const line = (
          g.type === 'LineString' ? g.coordinates : (g.coordinates as LonLat[][]).flat()
        ) as LonLat[];
        // the legs from and to the base cross the band by the shortest way (the base exception): skip them
        const near = (q: LonLat) => (p: LonLat) =>
          Math.abs(p[0] - q[0]) < 2e-6 && Math.abs(p[1] - q[1]) < 2e-6;
        const from = line.findIndex(near(s.path[1]));
        let to = -1;
        for (let i = line.length - 1; i >= 0; i--)
          if (near(s.path[s.path.length - 2])(line[i])) {
            to = i;
            break;
          }
        assert.ok(from > 0 && to > from, 'the drawn line passes through the route vertices');
        const worst = drawnClearance(line.slice(from, to + 1), coast);
        assert.ok(
          worst >= S - 0.01,
          `${input.name} ${s.id}: drawn line ${worst.toFixed(3)} km from the coast (standoff ${S})`,
        );
      }
    }
  });

  it('GeoJSON: a long leg drawn straight would cut into the band; the exported line does not', async () => {
    // at 60N a 560 km east-west geodesic bows ~10 km north of the straight lon/lat line between its ends
    const coast = densifyGeodesic([0, 60], [10, 60], 5);
    const a = destination([0, 60], 0, 20.3);
    const b = destination([10, 60], 0, 20.3);
    const base: LonLat = [5, 62];
    const path: LonLat[] = [base, a, b, base];
    const plan = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { kind: 'coast' },
          geometry: { type: 'LineString', coordinates: coast },
        },
        {
          type: 'Feature',
          properties: {
            kind: 'sortie',
            id: 'S01',
            aircraft: 'A',
            base: 'B',
            distanceKm: 900,
            durationH: 3,
            covers: [],
          },
          geometry: { type: 'LineString', coordinates: path },
        },
      ],
    };
    assert.ok(drawnClearance([a, b], [coast]) < 15, 'the straight line in lon/lat comes too close');
    const out = JSON.parse(new TextDecoder().decode((await exportDocument(plan, 'geojson')).bytes)) as {
      features: Obj[];
    };
    const drawn = geom(out.features.find((f) => props(f).kind === 'sortie')!).coordinates as LonLat[];
    const from = drawn.findIndex((p) => distanceKm(p, a) < 1e-3);
    const to = drawn.findIndex((p) => distanceKm(p, b) < 1e-3);
    assert.ok(to - from > 5, 'the leg is densified');
    const worst = drawnClearance(drawn.slice(from, to + 1), [coast]);
    assert.ok(worst >= 20.3 - 0.11, `drawn ${worst.toFixed(3)} km from the coast`);
  });

  it('GeoJSON: a sortie across the antimeridian is split there, and reads back as the same route', async () => {
    const coast: LonLat[] = [
      [178.8, -17.6],
      [179.3, -17.2],
      [179.9, -16.8],
    ];
    const path: LonLat[] = [
      [178.4, -18.2],
      [179.4, -16.9],
      [-179.5, -16.4],
      [179.0, -17.5],
      [178.4, -18.2],
    ];
    const plan = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { kind: 'coast', lengthKm: 150 },
          geometry: { type: 'MultiLineString', coordinates: [coast] },
        },
        {
          type: 'Feature',
          properties: { kind: 'base', name: 'NFFN' },
          geometry: { type: 'Point', coordinates: path[0] },
        },
        {
          type: 'Feature',
          properties: {
            kind: 'sortie',
            id: 'S01',
            aircraft: 'A',
            base: 'NFFN',
            distanceKm: 500,
            durationH: 2,
            covers: [[0, 150]],
          },
          geometry: { type: 'LineString', coordinates: path },
        },
      ],
    };
    const r = await exportDocument(plan, 'geojson');
    const out = JSON.parse(new TextDecoder().decode(r.bytes)) as { features: Obj[]; summary: Obj };
    assert.equal(out.summary.recomputed, true, 'a summary the GIS dropped is recomputed');
    const g = geom(out.features.find((f) => props(f).kind === 'sortie')!);
    assert.equal(g.type, 'MultiLineString');
    const parts = g.coordinates as LonLat[][];
    assert.equal(parts.length, 3, 'out across the antimeridian and back: three parts');
    for (const part of parts)
      for (let i = 1; i < part.length; i++) assert.ok(Math.abs(part[i][0] - part[i - 1][0]) < 180);
    assert.equal(Math.abs(parts[0][parts[0].length - 1][0]), 180);
    // the split file exports again to the same waypoints as the original
    const again = buildExportDoc(out).sorties[0].waypoints.map((w) => w.position);
    const first = buildExportDoc(plan).sorties[0].waypoints.map((w) => w.position);
    assert.equal(again.length, first.length);
    for (const [i, p] of again.entries()) assert.ok(distanceKm(p, first[i]) < 1e-3);
  });

  it('GeoJSON: a file the program wrote (already drawn right) exports byte for byte as itself', async () => {
    for (const p of [...plans, schedule]) {
      const text = `${JSON.stringify(p.json)}\n`;
      const r = await exportDocument(p.json, 'geojson', { scenario: p.scenario });
      assert.equal(new TextDecoder().decode(r.bytes), text, `${p.name}: the export differs from the file`);
    }
    // a split, densified export exports again unchanged
    const raw = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { kind: 'coast', lengthKm: 1 },
          geometry: {
            type: 'MultiLineString',
            coordinates: [
              [
                [179.2, -17],
                [-179.4, -16.5],
              ],
            ],
          },
        },
      ],
    };
    const once = new TextDecoder().decode((await exportDocument(raw, 'geojson')).bytes);
    assert.notEqual(once, `${JSON.stringify(raw)}\n`, 'the raw line is split and densified');
    const twice = new TextDecoder().decode((await exportDocument(JSON.parse(once), 'geojson')).bytes);
    assert.equal(twice, once);
  });

  it('escapes names for each format: XML stays well-formed and names come back intact', async () => {
    const name = 'S<1> & "A\'s" run';
    const base = 'Base & <HQ>';
    const json = JSON.parse(JSON.stringify(plans[1].json)) as { features: Obj[] };
    for (const f of json.features) {
      const p = f.properties as Obj;
      if (p.kind === 'sortie') p.id = p.id === 'S01' ? name : p.id;
      if (p.kind === 'sortie' || p.kind === 'base') if (p.base === 'LMML') p.base = base;
      if (p.kind === 'base' && p.name === 'LMML') p.name = base;
    }
    for (const format of ['kml', 'gpx']) {
      const doc = parseXml(new TextDecoder().decode((await exportDocument(json, format)).bytes));
      const names = elements(doc, 'name').map((n) => n.textContent);
      assert.ok(names.includes(format === 'kml' ? `${name} route` : name), `${format}: the sortie name`);
      assert.ok(names.includes(base), `${format}: the base name`);
      assert.ok(names.includes(`${name}-W01`));
    }
    const cot = unzipSync((await exportDocument(json, 'cot', { now: NOW })).bytes);
    for (const [k, v] of Object.entries(cot)) {
      assert.doesNotMatch(k, /[<>&"]/, 'zip entry names are safe');
      parseXml(strFromU8(v));
    }
    const qgc = unzipSync((await exportDocument(json, 'qgc')).bytes);
    assert.ok(Object.keys(qgc).every((k) => /^[\w.-]+$/.test(k)));
    const csv = new TextDecoder().decode((await exportDocument(json, 'csv')).bytes);
    assert.ok(csv.includes('"S<1> & ""A\'s"" run"'), 'CSV quotes as RFC 4180');
  });

  it('QGroundControl .plan: one file per sortie (a zip when several), with the fields QGC requires', async () => {
    for (const input of [...plans, schedule]) {
      const r = await exportDocument(input.json, 'qgc', { altitudeM: 1200 });
      const files: Record<string, string> =
        input.doc.sorties.length === 1
          ? { [`${input.doc.sorties[0].id}.plan`]: new TextDecoder().decode(r.bytes) }
          : Object.fromEntries(Object.entries(unzipSync(r.bytes)).map(([k, v]) => [k, strFromU8(v)]));
      assert.equal(r.filename.endsWith(input.doc.sorties.length === 1 ? '.plan' : '.plan.zip'), true);
      assert.equal(Object.keys(files).length, input.doc.sorties.length);
      for (const s of input.doc.sorties) {
        const j = JSON.parse(files[`${s.id}.plan`]) as Obj;
        assert.equal(j.fileType, 'Plan');
        assert.equal(j.version, 1);
        assert.equal(typeof j.groundStation, 'string');
        assert.deepEqual(j.geoFence, { version: 2, circles: [], polygons: [] });
        assert.deepEqual(j.rallyPoints, { version: 2, points: [] });
        const m = j.mission as Obj;
        assert.equal(m.version, 2);
        for (const k of ['firmwareType', 'vehicleType', 'cruiseSpeed', 'hoverSpeed'])
          assert.equal(typeof m[k], 'number', k);
        const home = m.plannedHomePosition as number[];
        assert.equal(home.length, 3);
        // [lat, lon, alt]: latitude first
        assert.ok(Math.abs(home[0] - s.path[0][1]) < 1e-6 && Math.abs(home[1] - s.path[0][0]) < 1e-6);
        const items = m.items as Obj[];
        assert.equal(items.length, s.waypoints.length);
        assert.deepEqual(
          items.map((x) => x.command),
          [22, ...s.waypoints.slice(1, -1).map(() => 16), 21],
        );
        items.forEach((it, i) => {
          assert.equal(it.type, 'SimpleItem');
          assert.equal(it.frame, 3);
          assert.equal(it.autoContinue, true);
          assert.equal(it.doJumpId, i + 1);
          const p = it.params as (number | null)[];
          assert.equal(p.length, 7);
          assert.equal(p[3], null);
          const w = s.waypoints[i].position;
          assert.ok(distanceKm([p[5]!, p[4]!], w) < 1e-3, 'params 5 and 6 are lat, lon');
          assert.equal(p[6], i === items.length - 1 ? 0 : 1200);
        });
      }
    }
  });

  it('Mission Planner waypoints: QGC WPL 110, home first, 12 tab-separated fields per row', async () => {
    const input = plans.find((x) => x.name === 'libya-pantelleria')!;
    const r = await exportDocument(input.json, 'waypoints', { altitudeM: 900 });
    assert.ok(r.filename.endsWith('.waypoints'));
    const lines = new TextDecoder().decode(r.bytes).split('\r\n').filter(Boolean);
    assert.equal(lines[0], 'QGC WPL 110');
    const rows = lines.slice(1).map((l) => l.split('\t'));
    const s = input.doc.sorties[0];
    assert.equal(rows.length, s.waypoints.length + 1);
    rows.forEach((f, i) => {
      assert.equal(f.length, 12);
      assert.equal(Number(f[0]), i);
      assert.equal(f[11], '1');
      for (const x of f) assert.ok(Number.isFinite(Number(x)));
    });
    assert.deepEqual(rows[0].slice(1, 4), ['1', '0', '16'], 'home: current, absolute frame, waypoint');
    assert.deepEqual(
      rows.slice(1).map((f) => f[3]),
      ['22', ...s.waypoints.slice(1, -1).map(() => '16'), '21'],
    );
    rows.slice(1).forEach((f, i) => {
      assert.equal(f[2], '3');
      assert.ok(distanceKm([Number(f[9]), Number(f[8])], s.waypoints[i].position) < 1e-3, 'lat then lon');
    });
  });

  it('CoT: a TAK data package of well-formed events, a b-m-r route per sortie with its waypoints, the bases', async () => {
    for (const input of [plans[1], schedule]) {
      const r = await exportDocument(input.json, 'cot', { now: NOW });
      const files = unzipSync(r.bytes);
      const manifest = parseXml(strFromU8(files['MANIFEST/manifest.xml']));
      const entries = elements(manifest, 'Content').map((c) => c.getAttribute('zipEntry')!);
      assert.equal(entries.length, input.doc.sorties.length + input.doc.bases.length);
      const routes: Element[] = [];
      for (const e of entries) {
        assert.ok(files[e], `${e} is in the package`);
        const ev = parseXml(strFromU8(files[e])).documentElement!;
        assert.equal(ev.tagName, 'event');
        for (const a of ['version', 'uid', 'type', 'time', 'start', 'stale', 'how'])
          assert.ok(ev.getAttribute(a), `event has ${a}`);
        for (const a of ['time', 'start', 'stale'])
          assert.ok(Number.isFinite(Date.parse(ev.getAttribute(a)!)));
        assert.ok(Date.parse(ev.getAttribute('stale')!) > Date.parse(ev.getAttribute('start')!));
        const pt = elements(ev, 'point')[0];
        for (const a of ['lat', 'lon', 'hae', 'ce', 'le'])
          assert.ok(Number.isFinite(Number(pt.getAttribute(a))), `point ${a}`);
        if (ev.getAttribute('type') === 'b-m-r') routes.push(ev);
      }
      assert.equal(routes.length, input.doc.sorties.length);
      routes.forEach((ev) => {
        const cs = elements(ev, 'contact')[0].getAttribute('callsign')!;
        const s = input.doc.sorties.find((x) => cs.startsWith(`${x.id} `))!;
        const links = elements(ev, 'link');
        assert.equal(links.length, s.waypoints.length);
        links.forEach((l, i) => {
          assert.equal(l.getAttribute('type'), 'b-m-p-w');
          assert.equal(l.getAttribute('relation'), 'c');
          assert.equal(l.getAttribute('callsign'), s.waypoints[i].name);
          assert.ok(l.getAttribute('uid'));
          const [lat, lon] = l.getAttribute('point')!.split(',').map(Number);
          assert.ok(distanceKm([lon, lat], s.waypoints[i].position) < 1e-3);
        });
      });
    }
  });

  it('PDF brief: one page per plan, plus one per airframe for schedules; poppler renders and reads it', async (t) => {
    if (!need(t, 'pdftoppm', 'poppler-utils', ['-v']) || !need(t, 'chromium', 'chromium', ['--version']))
      return;
    for (const input of [plans[0], schedule]) {
      const p = await file(input, 'pdf');
      const tails = new Set(input.doc.sorties.map((s) => s.tail ?? s.aircraft));
      const pages = input.doc.kind === 'schedule' ? 1 + tails.size : 1;
      const info = run('pdfinfo', [p]);
      assert.equal(Number(/Pages:\s+(\d+)/.exec(info)?.[1]), pages, `${input.name}: ${pages} pages`);
      const dir = join(tmp.dir, `${input.name}-png`);
      spawnSync('mkdir', ['-p', dir]);
      run('pdftoppm', ['-png', '-r', '30', p, join(dir, 'page')]);
      assert.equal(readdirSync(dir).filter((f) => f.endsWith('.png')).length, pages);
      const text = run('pdftotext', ['-layout', p, '-']);
      for (const s of input.doc.sorties) assert.ok(text.includes(s.id), `${s.id} in the text`);
      if (input.doc.kind === 'plan') {
        assert.ok(input.doc.bounds, 'the plan file gives its lower bounds');
        assert.ok(text.includes(`fewer than ${input.doc.bounds.minSorties} sorties`));
        assert.ok(
          text.includes(
            input.doc.bounds.minDistanceKm.toLocaleString('en-US', {
              maximumFractionDigits: 1,
              minimumFractionDigits: 1,
            }),
          ),
        );
      }
      if (input.doc.kind === 'schedule') {
        const rb = (input.doc.summary.revisitBounds as { hours: number }[])[0];
        assert.ok(text.includes(`${rb.hours.toFixed(2)} h`), 'the revisit bound');
        assert.match(text, /Timeline/);
      }
    }
  });

  it('round trip: a plan exported to KML and flown along its routes covers what the plan covers', async (t) => {
    for (const input of plans.filter((x) => x.name !== 'greece-islands')) {
      const p = await file(input, 'kml', '-rt');
      // the exported routes only (the file also draws the coast and gaps, which were never flown)
      const doc = parseXml(readFileSync(p, 'utf8'));
      const keep = elements(doc, 'Placemark').filter(
        (pm) => elements(pm, 'styleUrl')[0]?.textContent === '#route',
      );
      assert.equal(keep.length, input.doc.sorties.length);
      const routes = keep.map((pm) => pm.toString()).join('\n');
      const only = join(tmp.dir, `${input.name}-routes.kml`);
      writeFileSync(
        only,
        `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${routes}</Document></kml>`,
      );
      const aircraft = input.doc.sorties[0].aircraft;
      assert.ok(
        input.doc.sorties.every((s) => s.aircraft === aircraft),
        'one type flies the plan',
      );
      const a = await auditFiles(scenarioPath(input.name), [only], { aircraft, write: false });
      const planned = Number(input.doc.summary.coveredKm);
      const step = input.scenario.sampleKm * (2 + 2 * input.doc.gaps.length);
      assert.ok(
        Math.abs(a.audit.coveredKm - planned) <= step,
        `${input.name}: flown ${a.audit.coveredKm.toFixed(2)} km, planned ${planned} km (step ${step})`,
      );
    }
    t.diagnostic('plan KML routes audited as flown');
  });

  it('round trip: a schedule exported to KML (gx:Track) and GPX (trk with times), audited, covers what it covers', async () => {
    const planned = Number(schedule.doc.summary.coveredKm);
    const aircraft = schedule.doc.sorties[0].aircraft;
    for (const format of ['kml', 'gpx']) {
      const p = await file(schedule, format, '-rt');
      const a = await auditFiles(scenarioPath('tunisia-sar'), [p], { aircraft, write: false });
      const step = schedule.scenario.sampleKm * (2 + 2 * schedule.doc.gaps.length);
      assert.ok(
        Math.abs(a.audit.coveredKm - planned) <= step,
        `${format}: flown ${a.audit.coveredKm.toFixed(2)} km, scheduled ${planned} km`,
      );
      assert.ok(a.audit.worstRevisitH !== null, `${format}: the tracks have times`);
      // and the audit file itself exports (tracks with times)
      if (format === 'gpx') {
        const audit = await auditFiles(scenarioPath('tunisia-sar'), [p], {
          aircraft,
          out: join(tmp.dir, 'rt.audit.geojson'),
        });
        const json = JSON.parse(readFileSync(audit.outPath, 'utf8'));
        const gpx = parseXml(new TextDecoder().decode((await exportDocument(json, 'gpx')).bytes));
        assert.ok(elements(gpx, 'trk').length >= 1);
        assert.ok(elements(gpx, 'time').length > 10);
        const kml = parseXml(new TextDecoder().decode((await exportDocument(json, 'kml')).bytes));
        assert.ok(elements(kml, 'gx:Track').length >= 1);
        await assert.rejects(exportDocument(json, 'qgc'), /cannot be exported to qgc/);
      }
    }
  });
});
