import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, mock } from 'node:test';
import { Worker } from 'node:worker_threads';
import { readTrackFileInWorker } from '../src/app/read-in-worker.js';
import { CoastwatchError } from '../src/domain/errors.js';
import type { FixBatch } from '../src/domain/track.js';
import { readTrackFile } from '../src/formats/tracks/read.js';
import { writeSyntheticCsv } from '../src/formats/tracks/synthetic-csv.js';

const copy = (b: FixBatch) => ({ ...b, t: [...b.t], lon: [...b.lon], lat: [...b.lat], altM: [...b.altM] });

describe('readTrackFileInWorker', () => {
  it('hands over the same batches and report as readTrackFile, in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coastwatch-worker-'));
    try {
      const path = join(dir, 'tracks.csv');
      await writeSyntheticCsv(path, { points: 300_000, tracks: 5, seed: 3 });
      const here: ReturnType<typeof copy>[] = [];
      const there: ReturnType<typeof copy>[] = [];
      const r1 = await readTrackFile(path, (b) => here.push(copy(b)));
      let progressed = 0;
      const r2 = await readTrackFileInWorker(path, (b) => there.push(copy(b)), {
        onProgress: () => progressed++,
      });
      assert.deepEqual(r2, r1);
      assert.equal(there.length, here.length);
      assert.deepEqual(there, here);
      assert.ok(progressed > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes typed input errors through unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coastwatch-worker-'));
    try {
      const path = join(dir, 'empty.csv');
      writeFileSync(path, 'time,lat,lon\n2026-12-01T00:00:00Z,95,12\n');
      const inline = await readTrackFile(path, () => {}).then(
        () => null,
        (e: unknown) => e,
      );
      const viaWorker = await readTrackFileInWorker(path, () => {}).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(inline instanceof CoastwatchError && viaWorker instanceof CoastwatchError);
      assert.equal(viaWorker.kind, inline.kind);
      assert.equal(viaWorker.code, inline.code);
      assert.equal(viaWorker.message, inline.message);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops the reader and rejects when the consumer throws', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coastwatch-worker-'));
    try {
      const path = join(dir, 'tracks.csv');
      await writeSyntheticCsv(path, { points: 200_000, tracks: 2, seed: 1 });
      const terminate = mock.method(Worker.prototype, 'terminate');
      try {
        await assert.rejects(
          readTrackFileInWorker(path, () => {
            throw new Error('consumer failed');
          }),
          /consumer failed/,
        );
        // the reader thread is stopped, not left reading the rest of the file
        assert.equal(terminate.mock.callCount(), 1);
      } finally {
        terminate.mock.restore();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
