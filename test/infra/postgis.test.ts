/**
 * The PostGIS harness works end to end, and PostGIS's geography distances agree with GeographicLib (our
 * src/geo/geodesic.ts) to well under a metre, so server-side ST_DWithin filters can stand in for ours.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { destination, distanceKm } from '../../src/geo/geodesic.js';
import type { LonLat } from '../../src/geo/lonlat.js';
import { type PostgisServer, postgisAvailable, requirePostgis, startPostgis } from '../support/postgres.js';

const POINT = 'ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)::geography';
const POINT_B = 'ST_SetSRID(ST_MakePoint($3::float8, $4::float8), 4326)::geography';

describe('PostGIS started by the test harness', { timeout: 60_000 }, () => {
  let db: PostgisServer | undefined;
  before(async () => {
    if (postgisAvailable().ok) db = await startPostgis();
  });
  after(async () => {
    await db?.stop();
  });

  it('answers postgis_full_version()', async (t) => {
    if (!requirePostgis(t) || !db) return;
    const r = await db.client.query<{ v: string }>('SELECT postgis_full_version() AS v');
    assert.match(r.rows[0].v, /POSTGIS="3\./);
    assert.match(r.rows[0].v, /PROJ=/);
  });

  it('accepts more clients at its url', async (t) => {
    if (!requirePostgis(t) || !db) return;
    const { default: pg } = await import('pg');
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      const r = await other.query<{ db: string; addr: string }>(
        'SELECT current_database() AS db, inet_server_addr()::text AS addr',
      );
      assert.equal(r.rows[0].db, db.database);
      assert.equal(r.rows[0].addr, '127.0.0.1/32');
    } finally {
      await other.end();
    }
  });

  // a 60 km geodesic from several places and in several directions, ends computed with GeographicLib
  const starts: Array<{ name: string; a: LonLat; azimuth: number }> = [
    { name: 'Cornwall, north-east', a: [-5.05, 50.15], azimuth: 37 },
    { name: 'equator, due east', a: [10, 0], azimuth: 90 },
    { name: 'Svalbard, due north', a: [15.6, 78.2], azimuth: 0 },
    { name: 'Tasmania, south-west', a: [147.3, -42.9], azimuth: 225 },
    { name: 'across the antimeridian', a: [179.8, -16.5], azimuth: 80 },
  ];
  for (const { name, a, azimuth } of starts) {
    it(`ST_DWithin/ST_Distance on geography agree with GeographicLib: ${name}`, async (t) => {
      if (!requirePostgis(t) || !db) return;
      const b = destination(a, azimuth, 60);
      const meters = distanceKm(a, b) * 1000;
      assert.ok(Math.abs(meters - 60_000) < 1e-3, `GeographicLib round trip: ${meters} m`);
      const r = await db.client.query<{ near: boolean; far: boolean; d: number; planar: boolean }>(
        `SELECT ST_DWithin(${POINT}, ${POINT_B}, 60000.5) AS near,
                ST_DWithin(${POINT}, ${POINT_B}, 59999.5) AS far,
                ST_Distance(${POINT}, ${POINT_B}) AS d`,
        [a[0], a[1], b[0], b[1]],
      );
      const row = r.rows[0];
      assert.equal(row.near, true, 'ST_DWithin 60000.5 m');
      assert.equal(row.far, false, 'ST_DWithin 59999.5 m');
      assert.ok(Math.abs(row.d - meters) < 1, `ST_Distance ${row.d} m vs GeographicLib ${meters} m`);
    });
  }

  it('uses the spheroid, not the sphere, by default', async (t) => {
    if (!requirePostgis(t) || !db) return;
    const a: LonLat = [-5.05, 50.15];
    const b = destination(a, 0, 60);
    const r = await db.client.query<{ spheroid: number; sphere: number }>(
      `SELECT ST_Distance(${POINT}, ${POINT_B}) AS spheroid, ST_Distance(${POINT}, ${POINT_B}, false) AS sphere`,
      [a[0], a[1], b[0], b[1]],
    );
    // north-south at 50°N the sphere is off by some tens of metres over 60 km: the test could not tell otherwise
    assert.ok(Math.abs(r.rows[0].sphere - 60_000) > 10, `sphere distance ${r.rows[0].sphere}`);
    assert.ok(Math.abs(r.rows[0].spheroid - 60_000) < 1, `spheroid distance ${r.rows[0].spheroid}`);
  });
});
