/** The shared store suite on a PostgreSQL 15 + PostGIS 3 cluster the test starts itself. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../src/store/open.js';
import type { PostgresStore } from '../src/store/postgres.js';
import type { Store } from '../src/store/store.js';
import { inCI } from './support/external.js';
import { type PostgisServer, postgisAvailable, startPostgis } from './support/postgres.js';
import { storeSuite } from './support/store-suite.js';

const avail = postgisAvailable();
if (!avail.ok && inCI()) throw new Error(`PostGIS is needed in CI: ${avail.why}`);

describe('PostgreSQL/PostGIS store', { skip: avail.ok ? false : avail.why }, () => {
  let server: PostgisServer;
  let store: Store | undefined;
  before(async () => {
    server = await startPostgis({ database: 'coastwatch_store' });
  });
  after(async () => {
    await store?.close();
    await server?.stop();
  });
  const open = async () => {
    store ??= await openStore(server.url);
    return store;
  };
  storeSuite(open, async () => {
    await store?.close();
    store = await openStore(server.url);
    return store;
  });

  it('keeps sortie lines and scenario boxes as geometry with GiST indexes', async () => {
    const s = (await open()) as PostgresStore;
    await s.createScenario('geo1', 'G', { name: 'G' }, [9, 30, 26, 34]);
    const box = await s.pool.query(
      "SELECT ST_Intersects(bbox, ST_SetSRID(ST_MakePoint(15, 32), 4326)) AS hit FROM scenario_versions WHERE scenario_id = 'geo1'",
    );
    assert.equal(box.rows[0].hit, true);
    const lines = await s.pool.query(
      'SELECT count(*)::int AS n FROM result_lines WHERE ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(12.5, 34), 4326)::geography, 1000)',
    );
    assert.ok(lines.rows[0].n >= 1, 'the sortie line stored by the suite is found near its path');
    const idx = await s.pool.query(
      "SELECT indexname FROM pg_indexes WHERE indexdef ILIKE '%USING gist%' ORDER BY 1",
    );
    assert.deepEqual(
      idx.rows.map((r) => r.indexname),
      ['result_lines_geom', 'scenario_versions_bbox'],
    );
  });
});
