import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCoastModel } from '../domain/coast.js';
import { CoastwatchError } from '../domain/errors.js';
import { destination } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { line, offset, parallel, plan, scenario, sortie, toGeoJSON, vertexKm } from './fixtures.js';
import { parsePlanGeoJSON } from './plan-file.js';

function straightPlan() {
  const coast = parallel(33, 12, 15.2, 0.05);
  const sc = scenario([line(coast)]);
  const type = sc.aircraft[0];
  const km = vertexKm(sc);
  const base = sc.bases[0].position;
  const a = sortie('A', type, [base, ...offset(coast, 0, 32, 30), base], [[km[0], km[32]]]);
  const b = sortie('B', type, [base, ...offset(coast, 32, 60, 30), base], [[km[32], km[60]]]);
  return plan(sc, [a, b], [[km[60], km[km.length - 1]]]);
}

// biome-ignore lint/suspicious/noExplicitAny: a plan file edited freely in place, as a user would
type Json = Record<string, any>;
const file = (): Json => JSON.parse(JSON.stringify(toGeoJSON(straightPlan())));
/** Index of the first feature of a kind in the file. */
const ix = (f: Json, kind: string) => f.features.findIndex((x: Json) => x.properties.kind === kind);

function refused(json: unknown, where: string, message: RegExp) {
  assert.throws(
    () => parsePlanGeoJSON(json),
    (e: unknown) => {
      assert.ok(e instanceof CoastwatchError, String(e));
      assert.equal(e.kind, 'input');
      assert.equal(e.code, 'plan.invalid');
      assert.equal(e.where, where);
      assert.match(e.message, message);
      return true;
    },
  );
}

describe('parsePlanGeoJSON', () => {
  it('reads back what the contract describes', () => {
    const p = straightPlan();
    const back = parsePlanGeoJSON(file());
    assert.deepEqual(back.summary, p.summary);
    assert.deepEqual(back.coast, p.coast);
    assert.deepEqual(back.bases, p.bases);
    assert.deepEqual(back.sorties, p.sorties);
    assert.equal(back.gaps.length, 1);
    // the gap has only geometry in the file: placed on the coast again
    assert.ok(Math.abs(back.gaps[0].fromKm - p.gaps[0].fromKm) < 0.01, `${back.gaps[0].fromKm}`);
    assert.ok(Math.abs(back.gaps[0].toKm - p.gaps[0].toKm) < 0.01);
    assert.equal(back.gaps[0].reason, p.gaps[0].reason);
    assert.deepEqual(parsePlanGeoJSON(JSON.stringify(file())), back);
  });

  it('tolerates what Google Earth and QGIS round trips do', () => {
    const f = file();
    const s = f.features[ix(f, 'sortie')];
    s.properties = {
      ...s.properties,
      kind: 'Sortie',
      distanceKm: String(s.properties.distanceKm),
      durationH: ` ${s.properties.durationH} `,
      covers: JSON.stringify(s.properties.covers),
      id: 7,
      stroke: '#ff0000',
      'stroke-width': 3,
    };
    s.geometry = {
      type: 'MultiLineString',
      coordinates: [s.geometry.coordinates.map((p: number[]) => [...p, 3000])],
    };
    f.summary.coastKm = String(f.summary.coastKm);
    f.features.push({ type: 'Feature', properties: null, geometry: { type: 'Point', coordinates: [1, 2] } });
    f.features.push({ type: 'Feature', properties: { kind: 'note', text: 'hi' }, geometry: null });
    f.features[ix(f, 'gap')].properties.fromKm = '280.5';
    f.features[ix(f, 'gap')].properties.toKm = 299;
    const p = straightPlan();
    const back = parsePlanGeoJSON(f);
    assert.equal(back.sorties[0].id, '7');
    assert.equal(back.sorties[0].distanceKm, p.sorties[0].distanceKm);
    assert.equal(back.sorties[0].durationH, p.sorties[0].durationH);
    assert.deepEqual(back.sorties[0].covers, p.sorties[0].covers);
    assert.deepEqual(back.sorties[0].path, p.sorties[0].path);
    assert.equal(back.summary.coastKm, p.summary.coastKm);
    assert.deepEqual([back.gaps[0].fromKm, back.gaps[0].toKm], [280.5, 299]);
  });

  it('says an audit file is one, instead of listing what a plan would need', () => {
    const audit = {
      type: 'FeatureCollection',
      summary: { tracks: 1 },
      features: [
        {
          type: 'Feature',
          properties: { kind: 'track' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [12, 33],
              [13, 33],
            ],
          },
        },
      ],
    };
    assert.throws(
      () => parsePlanGeoJSON(audit, 'a.geojson'),
      (e: unknown) => e instanceof CoastwatchError && /is an audit file/.test(e.message),
    );
  });

  it('reads schedule fields', () => {
    const f = file();
    Object.assign(f.features[ix(f, 'sortie')].properties, {
      tail: 'Patrol#1',
      takeoff: '2026-12-01T00:00:00Z',
      landing: '2026-12-01T01:30:00Z',
    });
    f.summary.horizonH = '168';
    const back = parsePlanGeoJSON(f);
    assert.equal(back.sorties[0].tail, 'Patrol#1');
    assert.equal(back.sorties[0].landing, '2026-12-01T01:30:00Z');
    assert.equal(back.summary.horizonH, 168);
  });

  it('places geometry-only gaps on a ring by their ends, not by the ring seam', () => {
    const centre: LonLat = [14, 34];
    const ring = Array.from({ length: 37 }, (_, i): LonLat => destination(centre, (i % 36) * 10, 20));
    const sc = scenario([line(ring, true)]);
    const L = buildCoastModel(sc.coast.lines, 1).lengthKm;
    const p = plan(
      sc,
      [],
      [
        [0, 10],
        [L - 10, L],
      ],
    );
    const back = parsePlanGeoJSON(toGeoJSON(p));
    assert.ok(
      Math.abs(back.gaps[0].fromKm) < 1e-6 && Math.abs(back.gaps[0].toKm - 10) < 0.01,
      JSON.stringify(back.gaps[0]),
    );
    assert.ok(Math.abs(back.gaps[1].fromKm - (L - 10)) < 0.01 && Math.abs(back.gaps[1].toKm - L) < 1e-6);
  });

  it('refuses what it cannot use, naming the feature and field', () => {
    refused(42, 'plan', /must be a GeoJSON FeatureCollection/);
    refused('{not json', 'plan', /must be JSON/);
    refused({ type: 'Feature' }, 'plan.type', /got type "Feature"/);
    refused({ type: 'FeatureCollection' }, 'plan.features', /must be an array/);

    const si = ix(file(), 'sortie');
    const at = `plan.features[${si}]`;
    const edit = (change: (f: Json) => void) => {
      const f = file();
      change(f);
      return f;
    };
    refused(
      edit((f) => delete f.features[si].properties.distanceKm),
      `${at}.properties.distanceKm`,
      /is required: length of the sortie in km/,
    );
    refused(
      edit((f) => (f.features[si].properties.durationH = 'long')),
      `${at}.properties.durationH`,
      /must be a number \(airborne hours\), got "long"/,
    );
    refused(
      edit((f) => (f.features[si].properties.covers = [[1, 2, 3]])),
      `${at}.properties.covers[0]`,
      /must be \[fromKm, toKm\]/,
    );
    refused(
      edit((f) => (f.features[si].properties.covers = [[1, 'x']])),
      `${at}.properties.covers[0][1]`,
      /toKm/,
    );
    refused(
      edit((f) => delete f.features[si].properties.covers),
      `${at}.properties.covers`,
      /is required/,
    );
    refused(
      edit((f) => {
        const g = f.features[si].geometry;
        f.features[si].geometry = { type: 'MultiLineString', coordinates: [g.coordinates, g.coordinates] };
      }),
      `${at}.geometry`,
      /must be one line from base to base, got a MultiLineString of 2 lines/,
    );
    refused(
      edit((f) => (f.features[si].geometry = { type: 'Point', coordinates: [1, 2] })),
      `${at}.geometry.type`,
      /a sortie must be a LineString or MultiLineString, got Point/,
    );
    refused(
      edit((f) => (f.features[si].geometry.coordinates[3] = [13, 95])),
      `${at}.geometry.coordinates[3][1]`,
      /latitude must be between -90 and 90, got 95/,
    );
    refused(
      edit((f) => (f.features[si].geometry.coordinates = [[13, 34]])),
      `${at}.geometry.coordinates`,
      /at least 2 positions/,
    );
    refused(
      edit((f) => (f.features[si].properties.takeoff = 'tomorrow')),
      `${at}.properties.takeoff`,
      /ISO 8601/,
    );
    refused(
      edit((f) => delete f.summary.coveredKm),
      'plan.summary.coveredKm',
      /is required/,
    );
    refused(
      edit((f) => (f.features = f.features.filter((x: Json) => x.properties.kind !== 'coast'))),
      'plan.features',
      /no feature with properties.kind "coast"/,
    );
    const gi = ix(file(), 'gap');
    refused(
      edit(
        (f) =>
          (f.features[gi].geometry.coordinates = [
            [
              [20, 40],
              [20.1, 40],
            ],
          ]),
      ),
      `plan.features[${gi}]`,
      /gap line 0 is \d+\.\d+ km off the coast feature/,
    );
    refused(
      edit((f) => delete f.features[gi].properties.reason),
      `plan.features[${gi}].properties.reason`,
      /is required/,
    );
    const bi = ix(file(), 'base');
    refused(
      edit(
        (f) =>
          (f.features[bi].geometry = {
            type: 'LineString',
            coordinates: [
              [1, 2],
              [3, 4],
            ],
          }),
      ),
      `plan.features[${bi}].geometry.type`,
      /a base must be a Point/,
    );
  });
});
