/** Runs a command in a child process and measures its wall time and peak memory (via rss-wrap). */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** dist/ of this checkout. */
export const distDir = join(here, '..');
export const cliPath = join(distDir, 'src', 'cli', 'main.js');

export interface ChildRun {
  ms: number;
  peakMB: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node ENTRY ARGS` in a child, in `cwd`, and reports wall time, peak RSS and output. */
export function runChild(
  entry: string,
  args: string[],
  opts: { cwd?: string; timeoutMs?: number } = {},
): ChildRun {
  const tmp = mkdtempSync(join(tmpdir(), 'coastwatch-bench-'));
  const rssFile = join(tmp, 'rss');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(here, 'rss-wrap.js'), entry, ...args], {
    cwd: opts.cwd ?? tmp,
    env: { ...process.env, COASTWATCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...(opts.timeoutMs !== undefined && { timeout: opts.timeoutMs, killSignal: 'SIGKILL' as const }),
  });
  const ms = performance.now() - t0;
  let peakMB = Number.NaN;
  try {
    peakMB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  } catch {
    // the child died before writing it
  }
  rmSync(tmp, { recursive: true, force: true });
  return { ms, peakMB, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runChild without blocking: several children at once (the world sweep's --jobs). */
export function runChildAsync(
  entry: string,
  args: string[],
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<ChildRun> {
  const tmp = mkdtempSync(join(tmpdir(), 'coastwatch-bench-'));
  const rssFile = join(tmp, 'rss');
  const t0 = performance.now();
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [join(here, 'rss-wrap.js'), entry, ...args], {
      cwd: opts.cwd ?? tmp,
      env: { ...process.env, COASTWATCH_RSS_FILE: rssFile },
    });
    let stdout = '';
    let stderr = '';
    c.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    c.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer =
      opts.timeoutMs !== undefined ? setTimeout(() => c.kill('SIGKILL'), opts.timeoutMs) : undefined;
    c.on('close', (code) => {
      if (timer) clearTimeout(timer);
      let peakMB = Number.NaN;
      try {
        peakMB = Number(readFileSync(rssFile, 'utf8')) / 1024;
      } catch {
        // the child died before writing it
      }
      rmSync(tmp, { recursive: true, force: true });
      resolve({ ms: performance.now() - t0, peakMB, status: code, stdout, stderr });
    });
  });
}

export { tempDir } from '../test/support/temp.js';
