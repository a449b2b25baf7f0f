/** Runs the command line in this process (no child process per case) and collects what it prints. */
import { runCli } from '../../src/cli/program.js';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** `coastwatch ...args`, from `cwd` when given; `tty` makes stderr look like a terminal (progress bars). */
export async function cli(args: string[], opts: { cwd?: string; tty?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  if (opts.cwd) process.chdir(opts.cwd);
  try {
    const status = await runCli(args, {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s), isTTY: opts.tty === true },
    });
    return { status, stdout, stderr };
  } finally {
    if (opts.cwd) process.chdir(before);
  }
}
