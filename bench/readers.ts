/**
 * Track readers benchmark (issue #3): writes synthetic CSVs of aircraft patrolling the Libyan coast (1M and 10M
 * fixes; 20M, about 1 GB, with COASTWATCH_BENCH_GB=1), and reads each in a child process, reporting points per
 * second and peak RSS. The target is bounded memory: a 1 GB CSV under 300 MB peak RSS.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { writeSyntheticCsv } from '../src/formats/tracks/synthetic-csv.js';
import { distDir, runChild, tempDir } from './child.js';

const childPath = join(distDir, 'bench', 'read-child.js');

function readRow(label: string, path: string, points: number): void {
  const mb = statSync(path).size / 2 ** 20;
  const r = runChild(childPath, [path]);
  if (r.status !== 0) throw new Error(`reading ${path} failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { fixes: number; handed: number; ms: number };
  if (out.fixes !== points || out.handed !== points)
    throw new Error(`${path}: read ${out.fixes} of ${points}`);
  const s = out.ms / 1000;
  console.log(
    `| ${label} | ${points.toLocaleString('en')} | ${mb.toFixed(0)} | ${s.toFixed(1)} | ${Math.round(points / s).toLocaleString('en')} | ${r.peakMB.toFixed(0)} |`,
  );
}

export async function bench(): Promise<void> {
  console.log('\n## readers\n');
  console.log(
    'Synthetic plain CSV (`time,lat,lon,alt,callsign`, ISO times, 8 aircraft interleaved), read in a child.\n',
  );
  console.log('| file | points | size (MB) | read (s) | points/s | peak RSS (MB) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const sizes = [1_000_000, 10_000_000];
  if (process.env.COASTWATCH_BENCH_GB === '1') sizes.push(20_000_000);
  const { dir, done } = tempDir();
  try {
    for (const n of sizes) {
      const p = join(dir, `syn-${n}.csv`);
      await writeSyntheticCsv(p, { points: n, tracks: 8, seed: 1 });
      readRow('csv', p, n);
      if (n === 1_000_000) {
        const gz = `${p}.gz`;
        await pipeline(createReadStream(p), createGzip(), createWriteStream(gz));
        readRow('csv.gz', gz, n);
      }
    }
  } finally {
    done();
  }
}
