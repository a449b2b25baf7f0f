/**
 * Test support for the track readers: where the shared real-world fixtures are (../shared/fixtures/tracks
 * beside the checkout, or COASTWATCH_TRACK_FIXTURES), and the facts SOURCES.md states, checked in one place.
 * Used by the *.test.ts files only.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import type { ReadReport, Track } from '../../src/domain/track.js';
import { repoRoot } from './golden.js';

/**
 * COASTWATCH_TRACK_FIXTURES, else shared/fixtures/tracks beside the checkout or beside any folder above it
 * (a clone made elsewhere, e.g. under /tmp, still finds the workspace's fixtures), else the workspace's own.
 */
export function fixturesDir(): string {
  const env = process.env.COASTWATCH_TRACK_FIXTURES;
  if (env) return env;
  const rel = join('shared', 'fixtures', 'tracks');
  let dir = dirname(repoRoot());
  for (;;) {
    if (existsSync(join(dir, rel))) return join(dir, rel);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const workspace = join('/work', rel);
  return existsSync(workspace) ? workspace : join(dirname(repoRoot()), rel);
}

/** The fixture's path, or undefined after skipping the test with a clear message when it is not there. */
export function fixture(t: TestContext, rel: string): string | undefined {
  const p = join(fixturesDir(), rel);
  if (existsSync(p)) return p;
  t.skip(
    `fixture ${rel} not found under ${fixturesDir()} (set COASTWATCH_TRACK_FIXTURES to the tracks folder)`,
  );
  return undefined;
}

/** First 16 hex digits of the file's SHA-256, as SOURCES.md gives them. */
export function sha16(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
}

export interface Facts {
  fixes: number;
  tracks?: number;
  /** First and last time over all timed fixes (ISO), or null when none is timed. */
  first?: string | null;
  last?: string | null;
  bbox: [number, number, number, number];
  /** Degrees of slack on the bbox (SOURCES gives 6 decimals). */
  tol?: number;
  skipped?: number;
  sha?: string;
}

export function measured(tracks: Track[]): {
  fixes: number;
  first: string | null;
  last: string | null;
  bbox: [number, number, number, number];
} {
  let w = 180;
  let s = 90;
  let e = -180;
  let n = -90;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let fixes = 0;
  for (const tr of tracks) {
    for (let i = 0; i < tr.t.length; i++) {
      fixes++;
      w = Math.min(w, tr.lon[i]);
      e = Math.max(e, tr.lon[i]);
      s = Math.min(s, tr.lat[i]);
      n = Math.max(n, tr.lat[i]);
      if (tr.t[i] < lo) lo = tr.t[i];
      if (tr.t[i] > hi) hi = tr.t[i];
    }
  }
  const iso = (x: number) => (Number.isFinite(x) ? new Date(x).toISOString().replace('.000Z', 'Z') : null);
  return { fixes, first: iso(lo), last: iso(hi), bbox: [w, s, e, n] };
}

/** Asserts what SOURCES.md states about a fixture against what was read. */
export function assertFacts(path: string, tracks: Track[], report: ReadReport, f: Facts): void {
  if (f.sha) assert.equal(sha16(path), f.sha, `${path} is not the file SOURCES.md describes`);
  const m = measured(tracks);
  assert.equal(report.fixes, f.fixes, 'report.fixes');
  assert.equal(m.fixes, f.fixes, 'fixes in tracks');
  if (f.tracks !== undefined) assert.equal(tracks.length, f.tracks, 'tracks');
  if (f.first !== undefined) assert.equal(m.first, f.first, 'first time');
  if (f.last !== undefined) assert.equal(m.last, f.last, 'last time');
  const tol = f.tol ?? 1e-6;
  m.bbox.forEach((v, i) => {
    assert.ok(Math.abs(v - f.bbox[i]) <= tol, `bbox[${i}] ${v} != ${f.bbox[i]} (read ${m.bbox.join(', ')})`);
  });
  assert.equal(report.skippedCount, f.skipped ?? 0, `skipped: ${JSON.stringify(report.skipped.slice(0, 3))}`);
  for (const tr of tracks) {
    let prev = Number.NEGATIVE_INFINITY;
    for (const v of tr.t) {
      if (Number.isNaN(v)) continue;
      assert.ok(v >= prev, `${tr.id} is not sorted by time`);
      prev = v;
    }
  }
}
