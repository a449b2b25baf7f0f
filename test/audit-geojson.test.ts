import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createAudit } from '../src/audit/auditor.js';
import { buildCoastModel } from '../src/domain/coast.js';
import {
  auditGeoJSONText,
  auditSummary,
  auditToGeoJSON,
  drawnTrackParts,
  isoTime,
} from '../src/formats/audit-geojson.js';
import { roundDeg } from '../src/formats/plan-geojson.js';
import { drawnTrack, WRITE_OFF_KM } from '../src/geo/drawn.js';
import { destination, pointToSegmentKm } from '../src/geo/geodesic.js';
import type { LonLat } from '../src/geo/lonlat.js';

const T0 = Date.UTC(2026, 11, 1, 6);

describe('audit file', () => {
  const start: LonLat = [14, 32];
  const coast = buildCoastModel(
    [{ coords: [start, destination(start, 90, 120)], closed: false, seaSide: 'left' }],
    1,
  );
  const n = 3000;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = destination(destination(start, 90, (i * 100) / n), 0, 10 + 5 * Math.sin(i / 50));
    lon[i] = p[0];
    lat[i] = p[1];
    t[i] = T0 + i * 2000;
  }
  const a = createAudit(coast);
  a.add(
    { track: 'f.csv#SEEK21', callsign: 'SEEK21', t, lon, lat, altM: new Float64Array(n) },
    20,
    'Turboprop ISR',
  );
  a.add(
    {
      track: 'one',
      t: Float64Array.of(Number.NaN),
      lon: Float64Array.of(14.5),
      lat: Float64Array.of(32.1),
      altM: Float64Array.of(0),
    },
    20,
    'Turboprop ISR',
  );
  // two data gaps (an hour without fixes, twice): three gap-free parts, the last of one fix
  const gl: number[] = [];
  const gt: number[] = [];
  const glat: number[] = [];
  for (let i = 0; i < 21; i++) {
    const p = destination(destination(start, 90, 20 + i), 0, 12);
    gl.push(p[0]);
    glat.push(p[1]);
    gt.push(T0 + i * 10_000 + (i >= 10 ? 3_600_000 : 0) + (i >= 20 ? 3_600_000 : 0));
  }
  a.add(
    {
      track: 'gappy',
      t: Float64Array.from(gt),
      lon: Float64Array.from(gl),
      lat: Float64Array.from(glat),
      altM: new Float64Array(21),
    },
    20,
    'Turboprop ISR',
  );
  const audit = a.finish();

  it('writes a track with data gaps as a MultiLineString, one part and one list of times per gap-free piece', () => {
    const fc = auditToGeoJSON(audit, coast, { scenario: 'x' });
    const g = fc.features.find((f) => (f.properties as { id?: string }).id === 'gappy') as {
      properties: { times: string[][]; dataGaps: number };
      geometry: { type: string; coordinates: LonLat[][] };
    };
    assert.equal(g.properties.dataGaps, 2);
    assert.equal(g.geometry.type, 'MultiLineString');
    assert.equal(g.geometry.coordinates.length, 3);
    assert.deepEqual(
      g.properties.times.map((x) => x.length),
      g.geometry.coordinates.map((x) => x.length),
    );
    assert.equal(g.properties.times[0][0], '2026-12-01T06:00:00Z');
    assert.equal(g.properties.times[1][0], '2026-12-01T07:01:40Z');
    // a part of one fix is a line of zero length: its one position and time twice
    assert.deepEqual(g.properties.times[2], ['2026-12-01T08:03:20Z', '2026-12-01T08:03:20Z']);
    assert.deepEqual(g.geometry.coordinates[2][0], g.geometry.coordinates[2][1]);
    // gapsAfter: the written vertex (over all parts in order) before each gap
    const ends = g.geometry.coordinates
      .map((c) => c.length)
      .map((_, k, a) => a.slice(0, k + 1).reduce((x, y) => x + y) - 1);
    assert.deepEqual((g.properties as unknown as { gapsAfter: number[] }).gapsAfter, ends.slice(0, 2));
    // no part draws across a gap: the parts are disjoint in time
    for (let k = 1; k < 3; k++)
      assert.ok(
        Date.parse(g.properties.times[k][0]) - Date.parse(g.properties.times[k - 1].at(-1)!) >= 3_600_000,
      );
  });

  it('draws track lines right: a long leg at 60N densified within 0.1 km of the geodesic, a track across 180 split there and timed', () => {
    // a sparse feed (a fix an hour, hundreds of km apart) taken as one flight, not as data gaps
    const far = createAudit(coast, { maxGapS: 3 * 3600, maxGapKm: 1000 });
    const h = 3_600_000;
    const A: LonLat = [0, 60];
    const B: LonLat = [8, 60];
    far.add(
      {
        track: 'north',
        t: Float64Array.of(T0, T0 + h),
        lon: Float64Array.of(A[0], B[0]),
        lat: Float64Array.of(A[1], B[1]),
        altM: new Float64Array(2),
      },
      20,
      'Turboprop ISR',
    );
    far.add(
      {
        track: 'dateline',
        t: Float64Array.of(T0, T0 + 2 * h),
        lon: Float64Array.of(179.5, -179.5),
        lat: Float64Array.of(-17, -17.2),
        altM: new Float64Array(2),
      },
      20,
      'Turboprop ISR',
    );
    const r = far.finish();
    const fc = auditToGeoJSON(r, coast, { scenario: 'x' });
    type Track = {
      properties: { id: string; times: unknown };
      geometry: { type: string; coordinates: unknown };
    };
    const track = (id: string) =>
      fc.features.find((f) => (f.properties as { id?: string }).id === id) as Track;
    // 445 km along the parallel: the straight lon/lat line runs kilometres south of the geodesic
    const north = track('north');
    assert.equal(north.geometry.type, 'LineString');
    const line = north.geometry.coordinates as LonLat[];
    const times = (north.properties.times as string[]).map(Date.parse);
    assert.ok(line.length > 10, `${line.length} vertices`);
    assert.equal(times.length, line.length);
    assert.deepEqual(line[0], A);
    assert.deepEqual(line.at(-1), B);
    assert.equal(times[0], T0);
    assert.equal(times.at(-1), T0 + h);
    for (let i = 1; i < line.length; i++) {
      assert.ok(times[i] > times[i - 1], 'times ascend (no fix written twice)');
      for (const f of [0.25, 0.5, 0.75]) {
        const p: LonLat = [
          line[i - 1][0] + (line[i][0] - line[i - 1][0]) * f,
          line[i - 1][1] + (line[i][1] - line[i - 1][1]) * f,
        ];
        const off = pointToSegmentKm(p, A, B).km;
        assert.ok(off <= 0.1, `chord ${i} at ${f}: ${off.toFixed(3)} km off the geodesic`);
      }
    }
    // across the antimeridian: two parts meeting at ±180, the crossing timed halfway (the leg is symmetric)
    const dl = track('dateline');
    assert.equal(dl.geometry.type, 'MultiLineString');
    const parts = dl.geometry.coordinates as LonLat[][];
    const pt = (dl.properties.times as string[][]).map((x) => x.map(Date.parse));
    assert.equal(parts.length, 2);
    assert.deepEqual(
      pt.map((x) => x.length),
      parts.map((x) => x.length),
    );
    assert.equal(parts[0].at(-1)![0], 180);
    assert.equal(parts[1][0][0], -180);
    assert.equal(parts[0].at(-1)![1], parts[1][0][1]);
    for (const part of parts)
      for (let i = 1; i < part.length; i++) assert.ok(Math.abs(part[i][0] - part[i - 1][0]) < 1);
    const cross = pt[0].at(-1)!;
    assert.equal(pt[1][0], cross);
    assert.ok(Math.abs(cross - (T0 + h)) < 60_000, `crossing at ${(cross - T0) / h} h`);
    assert.equal(pt[0][0], T0);
    assert.equal(pt[1].at(-1), T0 + 2 * h);
    // the streamed file is the same bytes
    const text = [...auditGeoJSONText(r, coast, auditSummary(r, { scenario: 'x' }))].join('');
    assert.equal(text, `${JSON.stringify(fc)}\n`);
  });

  it('gives no revisit figure for one timed fix: it spans no time (null, not 0 h)', () => {
    const one = createAudit(coast);
    const p = destination(start, 90, 50);
    one.add(
      {
        track: 'fix',
        t: Float64Array.of(T0),
        lon: Float64Array.of(p[0]),
        lat: Float64Array.of(p[1]),
        altM: Float64Array.of(0),
      },
      20,
      'Turboprop ISR',
    );
    const r = one.finish();
    assert.equal(r.worstRevisitH, null);
    assert.equal(r.worstRevisitSeenH, null);
    assert.ok(r.coveredKm > 0);
    const sum = auditSummary(r, { scenario: 'x' });
    assert.equal(sum.worstRevisitH, null);
    assert.equal(sum.spanStart, '2026-12-01T06:00:00Z');
    for (const f of auditToGeoJSON(r, coast, { scenario: 'x' }).features)
      if ((f.properties as { kind: string }).kind === 'seen')
        assert.equal((f.properties as { worstGapH: unknown }).worstGapH, null);
  });

  it('streams the same bytes as the object form', () => {
    const obj = auditToGeoJSON(audit, coast, { scenario: 'x' }, { maxSightings: 1 });
    const text = [
      ...auditGeoJSONText(audit, coast, auditSummary(audit, { scenario: 'x' }), { maxSightings: 1 }),
    ].join('');
    assert.equal(text, `${JSON.stringify(obj)}\n`);
  });

  it('has the features and summary of docs/formats.md', () => {
    const fc = auditToGeoJSON(audit, coast, { scenario: 'x' });
    const track = fc.features.find((f) => (f.properties as { id?: string }).id === 'f.csv#SEEK21') as {
      properties: { times: string[]; aircraft: string };
      geometry: { type: string; coordinates: LonLat[] };
    };
    assert.equal(track.geometry.type, 'LineString');
    assert.equal(track.properties.times.length, track.geometry.coordinates.length);
    assert.equal(track.properties.times[0], '2026-12-01T06:00:00Z');
    assert.equal(track.properties.aircraft, 'Turboprop ISR');
    const single = fc.features.find((f) => (f.properties as { id?: string }).id === 'one') as {
      properties: { times: (string | null)[] };
      geometry: { coordinates: LonLat[] };
    };
    assert.deepEqual(single.properties.times, [null, null]);
    assert.equal(single.geometry.coordinates.length, 2);
    const seen = fc.features.filter((f) => (f.properties as { kind: string }).kind === 'seen');
    assert.ok(seen.length > 1);
    for (const f of seen) {
      const p = f.properties as { sightings: string[]; sightingsCount: number; worstGapH: number };
      assert.ok(p.sightings.length >= 1 && p.sightings.length === p.sightingsCount);
      assert.equal(typeof p.worstGapH, 'number');
    }
    for (const k of ['coveredKm', 'coverage', 'worstRevisitH', 'tracks', 'points'])
      assert.ok(k in fc.summary, k);
    assert.equal(fc.summary.points, n + 1 + 21);
  });

  it('writes times to the second, milliseconds only when there are some', () => {
    assert.equal(isoTime(T0), '2026-12-01T06:00:00Z');
    assert.equal(isoTime(T0 + 250), '2026-12-01T06:00:00.250Z');
    assert.equal(isoTime(Number.NaN), null);
  });

  it('draws a long track slice by slice into the same vertices and times as drawnTrack over it whole', () => {
    // legs of some 70 km (no data gaps here), which drawing densifies
    const b = createAudit(coast, { maxGapKm: 5000 });
    const m = 6000;
    const zl = new Float64Array(m);
    const za = new Float64Array(m);
    const zt = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      // a zigzag: every fix is a vertex of the thinned path, six slices of fixes
      const p = destination(destination(start, 90, 60 * (i % 20)), 0, 10 + (i % 2) * 40);
      zl[i] = p[0];
      za[i] = p[1];
      zt[i] = T0 + i * 60_000;
    }
    b.add({ track: 'zz', t: zt, lon: zl, lat: za, altM: new Float64Array(m) }, 20, 'Turboprop ISR');
    const { path } = b.finish().tracks[0];
    assert.ok(path.lon.length > 3000 && path.gapAfter.length === 0, `${path.lon.length} vertices`);
    const whole = drawnTrack(
      path.lon.map((x, i): LonLat => [x, path.lat[i]]),
      path.t,
      { maxOffKm: WRITE_OFF_KM },
    );
    const drawn = drawnTrackParts(path);
    assert.equal(whole.length, 1);
    assert.equal(drawn.parts.length, 1);
    assert.ok(whole[0].coords.length > path.lon.length, 'densified');
    assert.deepEqual(
      drawn.parts[0].coords,
      whole[0].coords.map((p) => [roundDeg(p[0]), roundDeg(p[1])]),
    );
    assert.deepEqual(drawn.parts[0].times, whole[0].times.map(isoTime));
  });

  it('writes every time as Date.toISOString does (whole seconds are formatted without a Date)', () => {
    const viaDate = (ms: number) => {
      const d = new Date(Math.round(ms));
      if (Number.isNaN(d.getTime())) return null;
      const s = d.toISOString();
      return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
    };
    // whole seconds over years 1900-10100 (leap days, century years, the year-10000 edge), some with ms
    const time = fc.oneof(
      fc.integer({ min: -2_208_988_800, max: 256_000_000_000 }).map((s) => s * 1000),
      fc.integer({ min: -2_208_988_800_000, max: 256_000_000_000_000 }),
      fc.constantFrom(0, -0, 951_782_400_000, 4_107_456_000_000, 253_402_300_799_000, 253_402_300_800_000),
      fc.double({ min: -1e13, max: 1e13, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 20 }), (ts) => {
        // in runs, as a track writes them (isoTime keeps the last day)
        for (const t of ts) {
          assert.equal(isoTime(t), viaDate(t), String(t));
          assert.equal(isoTime(t + 1000), viaDate(t + 1000), String(t + 1000));
        }
      }),
      { numRuns: 2000, seed: 3 },
    );
  });
});
