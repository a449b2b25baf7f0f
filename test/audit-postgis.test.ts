/**
 * Independent check of the audit against PostGIS (issue #3): the same Libya coast samples and track segments
 * loaded into PostgreSQL, `ST_DWithin(sample::geography, segment::geography, range_m)` asked which samples each
 * track covers. Ours must agree except for samples within the tolerance of the sensor edge (PostGIS measures
 * edges as great circles on the sphere and corrects to the spheroid; we follow WGS84 geodesics), and every
 * disagreement is counted and bounded by GeographicLib.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadScenario } from '../src/app/load-scenario.js';
import { createAudit } from '../src/audit/auditor.js';
import { buildCoastModel, type CoastModel } from '../src/domain/coast.js';
import type { FixBatch } from '../src/domain/track.js';
import { mulberry32 } from '../src/formats/tracks/synthetic-csv.js';
import { destination, distanceKm, pointToSegmentKm } from '../src/geo/geodesic.js';
import type { LonLat } from '../src/geo/lonlat.js';
import {
  loadSamples,
  type PostgisServer,
  postgisAvailable,
  requirePostgis,
  startPostgis,
} from './support/postgres.js';

const T0 = Date.UTC(2026, 11, 1, 6);

interface TestTrack {
  id: string;
  range: number;
  lon: number[];
  lat: number[];
  t: number[];
}

/**
 * Tracks that follow the coast at an offset wandering around the sensor range (so many samples sit near the
 * edge), plus one that zigzags in and out across it; fixes every 4-30 s at 150-300 kts.
 */
function makeTracks(coast: CoastModel): TestTrack[] {
  const s = coast.samples;
  const specs = [
    { id: 'edge-60', range: 60, from: 0, to: 900, off: 60, wobble: 3, seed: 1 },
    { id: 'edge-40', range: 40, from: 600, to: 1500, off: 40, wobble: 2, seed: 2 },
    { id: 'zigzag-25', range: 25, from: 1100, to: 1780, off: 20, wobble: 15, seed: 3 },
    { id: 'far-80', range: 80, from: 200, to: 1200, off: 95, wobble: 25, seed: 4 },
  ];
  // each path flown with several sensor ranges, so that many (sample, track) pairs fall near some edge
  return specs.flatMap((sp) =>
    [-2, -1, 0, 1, 2]
      .map((k) => ({ ...sp, id: `${sp.id}${k ? `/${k}` : ''}`, range: sp.range + 2.7 * k }))
      .map((sp) => {
        const r = mulberry32(sp.seed);
        const tr: TestTrack = { id: sp.id, range: sp.range, lon: [], lat: [], t: [] };
        let t = T0;
        for (let i = sp.from; i < Math.min(sp.to, s.count - 1); ) {
          const base: LonLat = [s.lon[i], s.lat[i]];
          const off = sp.off + sp.wobble * Math.sin(i / 7 + r());
          const p = destination(base, 0, off);
          tr.lon.push(p[0]);
          tr.lat.push(p[1]);
          tr.t.push(t);
          const stepS = 4 + 26 * r();
          const kts = 150 + 150 * r();
          const km = (kts * 1.852 * stepS) / 3600;
          i += Math.max(1, Math.round(km / 1));
          t += stepS * 1000;
        }
        return tr;
      }),
  );
}

function batchOf(tr: TestTrack): FixBatch {
  return {
    track: tr.id,
    t: Float64Array.from(tr.t),
    lon: Float64Array.from(tr.lon),
    lat: Float64Array.from(tr.lat),
    altM: new Float64Array(tr.t.length).fill(Number.NaN),
  };
}

/** GeographicLib distance from a point to the track, km. */
function exactTo(p: LonLat, tr: TestTrack): number {
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k + 1 < tr.lon.length; k++) {
    const a: LonLat = [tr.lon[k], tr.lat[k]];
    const b: LonLat = [tr.lon[k + 1], tr.lat[k + 1]];
    if (Math.min(distanceKm(p, a), distanceKm(p, b)) - distanceKm(a, b) > best) continue;
    best = Math.min(best, pointToSegmentKm(p, a, b).km);
  }
  return best;
}

describe('audit agrees with PostGIS ST_DWithin on geography', { timeout: 300_000 }, () => {
  let db: PostgisServer | undefined;
  let coast: CoastModel;
  before(async () => {
    const sc = await loadScenario(
      new URL('../../scenarios/libya-pantelleria.json', import.meta.url).pathname,
    );
    coast = buildCoastModel(sc.coast.lines, sc.sampleKm);
    if (postgisAvailable().ok) db = await startPostgis();
  });
  after(async () => {
    await db?.stop();
  });

  it('finds the same covered samples per track, to the sampling tolerance at the sensor edge', async (t) => {
    if (!requirePostgis(t) || !db) return;
    const c = db.client;
    const tracks = makeTracks(coast);
    const s = coast.samples;
    await loadSamples(c, s);
    await c.query(
      'CREATE TABLE segs (track int NOT NULL, range_m float8 NOT NULL, g geography(LineString, 4326) NOT NULL)',
    );
    for (const [ti, tr] of tracks.entries()) {
      await c.query(
        `INSERT INTO segs SELECT $1, $2, ST_SetSRID(ST_MakeLine(ST_MakePoint(x1, y1), ST_MakePoint(x2, y2)), 4326)::geography
           FROM unnest($3::float8[], $4::float8[], $5::float8[], $6::float8[]) AS u(x1, y1, x2, y2)`,
        [ti, tr.range * 1000, tr.lon.slice(0, -1), tr.lat.slice(0, -1), tr.lon.slice(1), tr.lat.slice(1)],
      );
    }
    await c.query('ANALYZE');
    const q = await c.query<{ track: number; id: number }>(
      'SELECT DISTINCT t.track, s.id FROM segs t JOIN samples s ON ST_DWithin(s.g, t.g, t.range_m)',
    );
    // how many (sample, track) pairs lie within 200 m of the sensor edge: the test is only as good as these
    const band = await c.query<{ track: number; id: number }>(
      `SELECT DISTINCT t.track, s.id FROM segs t JOIN samples s ON ST_DWithin(s.g, t.g, t.range_m + 200)
        EXCEPT SELECT DISTINCT t.track, s.id FROM segs t JOIN samples s ON ST_DWithin(s.g, t.g, t.range_m - 200)`,
    );
    const nearEdge = band.rows.length;
    const theirs = tracks.map(() => new Set<number>());
    for (const row of q.rows) theirs[row.track].add(row.id);

    const audit = createAudit(coast);
    for (const tr of tracks) audit.add(batchOf(tr), tr.range);
    const ours = audit.finish();

    let agreed = 0;
    let total = 0;
    const disagreements: string[] = [];
    tracks.forEach((tr, ti) => {
      const mine = new Set(ours.tracks[ti].samplesSeen);
      assert.equal(ours.tracks[ti].id, tr.id);
      for (let i = 0; i < s.count; i++) {
        const a = mine.has(i);
        const b = theirs[ti].has(i);
        if (!a && !b) continue;
        total++;
        if (a === b) {
          agreed++;
          continue;
        }
        const d = exactTo([s.lon[i], s.lat[i]], tr);
        const off = d - tr.range;
        disagreements.push(
          `${tr.id} sample ${i}: ours ${a}, PostGIS ${b}, GeographicLib ${d.toFixed(6)} km (${(off * 1000).toFixed(2)} m from the edge)`,
        );
        // within 0.1% + 10 m of the edge, and our side is the one GeographicLib takes
        assert.ok(Math.abs(off) <= tr.range * 0.001 + 0.01, disagreements[disagreements.length - 1]);
        assert.equal(
          a,
          d <= tr.range,
          `ours must follow GeographicLib: ${disagreements[disagreements.length - 1]}`,
        );
      }
    });
    // at the edge, where PostGIS and we could both be off by metres, ours must be GeographicLib's answer
    const seenBy = ours.tracks.map((x) => new Set(x.samplesSeen));
    for (const { track, id } of band.rows) {
      const tr = tracks[track];
      const d = exactTo([s.lon[id], s.lat[id]], tr);
      assert.equal(
        seenBy[track].has(id),
        d <= tr.range,
        `${tr.id} sample ${id}: GeographicLib ${d.toFixed(6)} km against a ${tr.range} km sensor`,
      );
    }
    t.diagnostic(
      `${agreed} of ${total} (sample, track) coverages agree, ${nearEdge} of them within 200 m of the sensor edge; ${disagreements.length} differ, all at the edge`,
    );
    assert.ok(nearEdge >= 100, `only ${nearEdge} samples near the edge: the tracks no longer test it`);
    for (const x of disagreements.slice(0, 10)) t.diagnostic(x);
    assert.ok(total > 10_000, `the tracks must cover enough coast to mean something (${total})`);
    assert.ok(disagreements.length <= total * 0.005, `${disagreements.length} disagreements of ${total}`);
  });
});
