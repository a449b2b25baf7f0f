/**
 * What a command gets to talk to the user: its streams (the process's, or a test's), `--json` and `--quiet`,
 * a progress bar for long work and one place that prints plausibility warnings.
 */

/** A stream a command writes to: process.stdout/stderr, or a test's collector. */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
}

/** Called by the use cases as long work goes on: done so far (0..1) and what is being done. */
export type OnProgress = (fraction: number, label: string) => void;

export interface CliContext {
  io: CliIO;
  /** `--json`: the summary as one JSON object on stdout, nothing else there. */
  json: boolean;
  /** `--quiet`: no table and no progress; errors and warnings still go to stderr. */
  quiet: boolean;
  /** Prints lines on stdout unless --quiet or --json. */
  print(text: string): void;
  /** Prints one JSON object on stdout (--json). */
  printJson(value: unknown): void;
  /** Prints the warnings once on stderr, each on its own line. */
  warn(warnings: readonly string[]): void;
  /** A progress callback drawing a bar on stderr, or undefined when stderr is no terminal, or --json/--quiet. */
  progress(): { onProgress: OnProgress; end(): void } | undefined;
}

export function createContext(
  io: CliIO,
  flags: { json?: boolean; quiet?: boolean; out?: unknown },
): CliContext {
  const json = flags.json === true;
  const quiet = flags.quiet === true;
  // `--out -` puts the file itself on stdout: the table or JSON summary moves to stderr so it stays parseable
  const summary = flags.out === '-' ? io.stderr : io.stdout;
  return {
    io,
    json,
    quiet,
    print(text) {
      if (!json && !quiet) summary.write(`${text}\n`);
    },
    printJson(value) {
      summary.write(`${JSON.stringify(value)}\n`);
    },
    warn(warnings) {
      for (const w of warnings) io.stderr.write(`coastwatch: warning: ${w}\n`);
    },
    progress() {
      if (json || quiet || !io.stderr.isTTY) return undefined;
      return progressBar(io.stderr);
    },
  };
}

/** A bar on a terminal, redrawn at most ten times a second, erased at the end. */
export function progressBar(out: OutStream): { onProgress: OnProgress; end(): void } {
  let last = 0;
  let shown = false;
  const width = 30;
  return {
    onProgress(fraction, label) {
      const now = Date.now();
      if (now - last < 100 && fraction < 1) return;
      last = now;
      const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
      const full = Math.round(f * width);
      out.write(
        `\r\x1b[K${label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(f * 100).toFixed(0).padStart(3)}%`,
      );
      shown = true;
    },
    end() {
      if (shown) out.write('\r\x1b[K');
      shown = false;
    },
  };
}
