/**
 * Test support for the track readers: the real-world fixtures kept in test/fixtures/tracks (their sources and
 * licences in test/fixtures/SOURCES.md), and the facts SOURCES.md states, checked in one place.
 * Used by the *.test.ts files only.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { ReadReport, Track } from '../../src/domain/track.js';
import { repoRoot } from './golden.js';

/** The fixtures folder inside the repository: nothing outside it is ever read. */
export function fixturesDir(): string {
  return join(repoRoot(), 'test', 'fixtures', 'tracks');
}

/**
 * The fixture's path. A missing fixture fails the test, never skips it: the fixtures are part of the
 * repository, so a missing one is a broken checkout.
 */
export function fixture(_t: TestContext, rel: string): string {
  const p = join(fixturesDir(), rel);
  assert.ok(existsSync(p), `fixture ${rel} is missing from ${fixturesDir()} (see test/fixtures/SOURCES.md)`);
  return p;
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
