/**
 * Audit benchmark (issue #3): track points per second and peak memory for 1M and 10M points against the
 * Libya coast, for (a) the audit core on batches already in memory, (b) the whole `coastwatch audit` command
 * on a synthetic CSV in a child process, and (c) PostGIS answering the same question (ST_DWithin on geography
 * between the coast samples and the track segments) in the same run, with whether its answer matches ours.
 * Targets: at least 2M points/s, at least 3x PostGIS, peak RSS under 300 MB.
 * PostGIS runs on 1M points; set COASTWATCH_BENCH_PG_MAX=10000000 to run it on 10M too (many minutes).
 * COASTWATCH_BENCH_AUDIT_POINTS=1e6 picks the sizes.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../src/app/load-scenario.js';
import { createAudit, DEFAULT_MAX_GAP_KM, DEFAULT_MAX_GAP_S } from '../src/audit/auditor.js';
import type { AuditResult } from '../src/domain/audit.js';
import { buildCoastModel, type CoastModel } from '../src/domain/coast.js';
import type { FixBatch } from '../src/domain/track.js';
import { readTrackFile } from '../src/formats/tracks/read.js';
import { writeSyntheticCsv } from '../src/formats/tracks/synthetic-csv.js';
import { loadSamples, postgisAvailable, startPostgis } from '../test/support/postgres.js';
import { cliPath, runChild, tempDir } from './child.js';

const SCENARIO = fileURLToPath(new URL('../../scenarios/libya-pantelleria.json', import.meta.url));
const AIRCRAFT = 'Turboprop ISR';
const TRACKS = 8;

interface Row {
  points: number;
  mb: number;
  coreMs: number;
  coreMB: number;
  cmdMs: number;
  cmdAuditMs: number;
  cmdMB: number;
  outMB: number;
  pg?: { loadMs: number; queryMs: number; match: string };
  coverage: number;
}

const mps = (points: number, ms: number) => `${(((points / ms) * 1000) / 1e6).toFixed(2)}M`;

export async function bench(): Promise<void> {
  console.log('\n## audit\n');
  const scenario = await loadScenario(SCENARIO);
  const coast = buildCoastModel(scenario.coast.lines, scenario.sampleKm);
  const range = scenario.aircraft.find((a) => a.name === AIRCRAFT)!.sensorRangeKm;
  const pgMax = Number(process.env.COASTWATCH_BENCH_PG_MAX ?? 1e6);
  const rows: Row[] = [];
  const sizes = (process.env.COASTWATCH_BENCH_AUDIT_POINTS ?? '1e6,1e7').split(',').map(Number);
  for (const points of sizes) {
    const tmp = tempDir();
    try {
      const csv = join(tmp.dir, 'tracks.csv');
      const { bytes } = await writeSyntheticCsv(csv, { points, tracks: TRACKS, seed: 1 });
      // (b) the whole command, in a child: reading, auditing, writing the file
      const out = join(tmp.dir, 'audit.geojson');
      const cmd = runChild(cliPath, ['audit', SCENARIO, csv, '--aircraft', AIRCRAFT, '--out', out, '--json']);
      if (cmd.status !== 0) throw new Error(`coastwatch audit failed: ${cmd.stderr}`);
      const summary = JSON.parse(cmd.stdout) as { auditMs: number };
      const { statSync } = await import('node:fs');
      const outMB = statSync(out).size / 2 ** 20;
      // (a) the core alone, on the same fixes read into memory first
      const batches: FixBatch[] = [];
      await readTrackFile(csv, (b) => batches.push(b));
      global.gc?.();
      const rss0 = process.memoryUsage().rss;
      let best = Number.POSITIVE_INFINITY;
      let result: AuditResult | undefined;
      let coreMB = 0;
      for (let rep = 0; rep < (points > 1e6 ? 2 : 3); rep++) {
        const t0 = performance.now();
        const a = createAudit(coast);
        for (const b of batches) a.add(b, range, AIRCRAFT);
        result = a.finish();
        best = Math.min(best, performance.now() - t0);
        coreMB = Math.max(coreMB, (process.memoryUsage().rss - rss0) / 2 ** 20);
      }
      const row: Row = {
        points,
        mb: bytes / 2 ** 20,
        coreMs: best,
        coreMB,
        cmdMs: cmd.ms,
        cmdAuditMs: summary.auditMs,
        cmdMB: cmd.peakMB,
        outMB,
        coverage: result!.coverage,
      };
      // (c) PostGIS on the same fixes
      if (points <= pgMax && postgisAvailable().ok) row.pg = await postgis(coast, batches, range, result!);
      rows.push(row);
      batches.length = 0;
    } finally {
      tmp.done();
    }
  }
  console.log(
    `Synthetic CSV from \`writeSyntheticCsv\`: ${TRACKS} aircraft patrolling 30-80 km off the Libyan coast (${coast.lengthKm.toFixed(0)} km, ${coast.samples.count} samples), a fix every 10 s, \`--aircraft "${AIRCRAFT}"\` (${range} km).\n`,
  );
  console.log(
    '| points | CSV MB | core points/s | core MB | command s | command points/s | command audit s | peak RSS MB | file MB | PostGIS points/s | ours / PostGIS | same answer |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    const pg = r.pg;
    console.log(
      `| ${r.points.toExponential(0).replace('e+', 'e')} | ${r.mb.toFixed(0)} | ${mps(r.points, r.coreMs)} | ${r.coreMB.toFixed(0)} | ${(r.cmdMs / 1000).toFixed(1)} | ${mps(r.points, r.cmdMs)} | ${(r.cmdAuditMs / 1000).toFixed(1)} | ${r.cmdMB.toFixed(0)} | ${r.outMB.toFixed(1)} | ${pg ? mps(r.points, pg.queryMs) : 'not run'} | ${pg ? `${(pg.queryMs / r.coreMs).toFixed(1)}x` : ''} | ${pg ? pg.match : ''} |`,
    );
  }
  const pgRow = rows.find((r) => r.pg);
  if (pgRow?.pg) {
    console.log(
      `\nPostGIS: loading ${pgRow.points.toExponential(0)} fixes and building segments took ${(pgRow.pg.loadMs / 1000).toFixed(1)} s (not counted); the query is \`SELECT DISTINCT track, sample FROM segs JOIN samples ON ST_DWithin(sample.g, seg.g, ${range * 1000})\` with a GiST index on the samples.`,
    );
  }
  console.log(
    '\n"core": createAudit/add/finish on batches already in memory, best of 2-3 (one thread). "command": `coastwatch audit` in a child process: reading the CSV, auditing, writing the audit file; peak RSS of that process.',
  );
}

/** Loads the fixes and coast samples into a throwaway PostGIS, asks the same question, and compares answers. */
async function postgis(
  coast: CoastModel,
  batches: FixBatch[],
  range: number,
  ours: AuditResult,
): Promise<{ loadMs: number; queryMs: number; match: string }> {
  const db = await startPostgis({ database: 'coastwatch_bench' });
  try {
    const c = db.client;
    const t0 = performance.now();
    const s = coast.samples;
    await loadSamples(c, s);
    await c.query('CREATE UNLOGGED TABLE fixes (track int, t float8, lon float8, lat float8)');
    const trackIds = new Map<string, number>();
    for (const b of batches) {
      let id = trackIds.get(b.track);
      if (id === undefined) trackIds.set(b.track, (id = trackIds.size));
      await c.query(
        'INSERT INTO fixes SELECT $1, t, x, y FROM unnest($2::float8[], $3::float8[], $4::float8[]) AS u(t, x, y)',
        [id, Array.from(b.t), Array.from(b.lon), Array.from(b.lat)],
      );
    }
    // segments between consecutive fixes of a track, except data gaps (the auditor's defaults)
    await c.query(`CREATE UNLOGGED TABLE segs AS
      SELECT track, ST_SetSRID(ST_MakeLine(ST_MakePoint(lon, lat), ST_MakePoint(nlon, nlat)), 4326)::geography AS g
        FROM (SELECT track, t, lon, lat, lead(t) OVER w AS nt, lead(lon) OVER w AS nlon, lead(lat) OVER w AS nlat
                FROM fixes WINDOW w AS (PARTITION BY track ORDER BY t)) x
       WHERE nt IS NOT NULL AND nt - t <= ${DEFAULT_MAX_GAP_S * 1000}
         AND ST_Distance(ST_MakePoint(lon, lat)::geography, ST_MakePoint(nlon, nlat)::geography) <= ${DEFAULT_MAX_GAP_KM * 1000}`);
    await c.query('ANALYZE');
    const t1 = performance.now();
    const r = await c.query<{ track: number; id: number }>(
      `SELECT DISTINCT t.track, s.id FROM segs t JOIN samples s ON ST_DWithin(s.g, t.g, ${range * 1000})`,
    );
    const t2 = performance.now();
    const theirs = new Set(r.rows.map((x) => `${x.track}:${x.id}`));
    const mine = new Set<string>();
    for (const tr of ours.tracks) for (const i of tr.samplesSeen) mine.add(`${trackIds.get(tr.id)}:${i}`);
    let diff = 0;
    for (const k of mine) if (!theirs.has(k)) diff++;
    for (const k of theirs) if (!mine.has(k)) diff++;
    const match =
      diff === 0 ? `yes (${mine.size} track-sample pairs)` : `${diff} of ${mine.size} pairs differ`;
    return { loadMs: t1 - t0, queryMs: t2 - t1, match };
  } finally {
    await db.stop();
  }
}
