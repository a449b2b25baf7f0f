/**
 * Writing result files whole or not at all (docs/cli.md), the one writer of every command and the server:
 * `-` is standard output; an existing path must be a regular file (a symbolic link is followed and its target
 * replaced), never a device, FIFO or folder, and never one of the command's own inputs; the text goes to a
 * temporary file beside the target (`.NAME.PID.tmp`), is fsynced and renamed over it, keeping the old file's
 * mode. Temporary files are removed on every way out (an error, SIGINT, SIGTERM, exit), and ones left by a
 * killed run (their PID is dead) are removed by the next write to the same file.
 */
import { type Stats, unlinkSync } from 'node:fs';
import { lstat, open, readdir, readlink, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { inputError } from '../domain/errors.js';

export interface WriteOptions {
  /** The command's input files: the output may not be one of them (compared by device and inode). */
  inputs?: readonly string[];
  /** How the caller names the output in messages (default `--out`). */
  flag?: string;
}

/** Temporary files being written now, removed if the process is interrupted. */
const pending = new Set<string>();
let hooked = false;

function removePending(): void {
  for (const tmp of pending) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
  pending.clear();
}

function onSignal(sig: NodeJS.Signals): void {
  removePending();
  // with no other listener, dying by the signal is what the user asked for (our listener disabled the default)
  if (process.listenerCount(sig) <= 1) {
    unhook();
    process.kill(process.pid, sig);
  }
}

const onSigint = () => onSignal('SIGINT');
const onSigterm = () => onSignal('SIGTERM');

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  process.on('exit', removePending);
}

function unhook(): void {
  if (!hooked) return;
  hooked = false;
  process.off('SIGINT', onSigint);
  process.off('SIGTERM', onSigterm);
  process.off('exit', removePending);
}

function kindOf(st: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException)?.code;

/** The file a write to `path` lands on: `path` itself, or the end of its chain of links (which may not exist yet). */
async function targetOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (e) {
    if (errno(e) !== 'ENOENT') throw e;
  }
  // missing, or a dangling link: follow the links by hand to the name to create
  let p = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let st: Stats;
    try {
      st = await lstat(p);
    } catch (e) {
      if (errno(e) === 'ENOENT') return p;
      throw e;
    }
    if (!st.isSymbolicLink()) return p;
    p = resolve(dirname(p), await readlink(p));
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errno(e) === 'EPERM';
  }
}

/** Removes `.NAME.PID.tmp` files beside `target` whose writer is dead (a run killed with SIGKILL). */
export async function cleanStaleTemps(target: string): Promise<string[]> {
  const dir = dirname(target);
  const name = basename(target);
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return removed;
  }
  const prefix = `.${name}.`;
  for (const e of entries) {
    if (!e.startsWith(prefix) || !e.endsWith('.tmp')) continue;
    const pidText = e.slice(prefix.length, -4);
    if (!/^\d{1,10}$/.test(pidText)) continue;
    const pid = Number(pidText);
    if (pid === process.pid || alive(pid)) continue;
    try {
      await unlink(join(dir, e));
      removed.push(join(dir, e));
    } catch {
      // another run cleaned it first
    }
  }
  return removed;
}

async function writeStdout(text: string | Uint8Array | Iterable<string>): Promise<void> {
  const put = (s: string | Uint8Array) =>
    new Promise<void>((ok, fail) => {
      process.stdout.write(s, (e) => (e ? fail(e) : ok()));
    });
  if (typeof text === 'string' || text instanceof Uint8Array) await put(text);
  else for (const piece of text) await put(piece);
}

const unwritableError = (path: string, flag: string, e: unknown) =>
  inputError(
    'file.unwritable',
    `cannot write the output file (${errno(e) ?? String(e)}): check that its folder exists and is writable, or give ${flag} another path (- for standard output)`,
    `${flag} ${path}`,
  );

/**
 * Checks that `path` may be written (see writeFileAtomic) without writing it: use cases call it before any work,
 * so a bad --out fails at once. Resolves with the file a write lands on and its mode (undefined: a new file).
 */
export async function checkOutput(
  path: string,
  opts: WriteOptions = {},
): Promise<{ target: string; mode: number | undefined }> {
  const flag = opts.flag ?? '--out';
  if (path === '-') return { target: '-', mode: undefined };
  let target: string;
  let mode: number | undefined;
  try {
    target = await targetOf(path);
    let st: Stats | undefined;
    try {
      st = await stat(target);
    } catch (e) {
      if (errno(e) !== 'ENOENT') throw e;
    }
    if (st && !st.isFile())
      throw inputError(
        'file.not-regular',
        `${target === resolve(path) ? '' : `(a link to ${target}) `}is ${kindOf(st)}, not a regular file: give ${flag} a file path, or ${flag} - for standard output`,
        `${flag} ${path}`,
      );
    if (st) {
      for (const input of opts.inputs ?? []) {
        const si = await stat(input).catch(() => undefined);
        if (si && si.dev === st.dev && si.ino === st.ino)
          throw inputError(
            'file.is-input',
            `is ${input === path ? 'an input' : `the input ${input}`} of this command: writing it would destroy it; give ${flag} another file name`,
            `${flag} ${path}`,
          );
      }
      mode = st.mode & 0o7777;
    }
  } catch (e) {
    if ((e as { kind?: string }).kind === 'input') throw e;
    throw unwritableError(path, flag, e);
  }
  return { target, mode };
}

/**
 * Writes `text` (or text made in pieces, written as they come) to `path` whole or not at all; `-` is standard
 * output. Throws an input error (exit 2) naming the flag and the fix for a path that is not a regular file or
 * is one of `opts.inputs`, or that cannot be written.
 */
export async function writeFileAtomic(
  path: string,
  text: string | Uint8Array | Iterable<string>,
  opts: WriteOptions = {},
): Promise<void> {
  const flag = opts.flag ?? '--out';
  if (path === '-') {
    await writeStdout(text);
    return;
  }
  const { target, mode } = await checkOutput(path, opts);
  await cleanStaleTemps(target);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  hook();
  pending.add(tmp);
  try {
    const fh = await open(tmp, 'w', mode ?? 0o666);
    try {
      // open's mode is masked by the umask: the old file's mode is put back exactly
      if (mode !== undefined) await fh.chmod(mode);
      if (typeof text === 'string') await fh.write(text);
      // binary exports (KMZ, zips, PDF)
      else if (text instanceof Uint8Array) await fh.write(text);
      else for (const piece of text) await fh.write(piece);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
    pending.delete(tmp);
  } catch (e) {
    pending.delete(tmp);
    await unlink(tmp).catch(() => undefined);
    // a failed system call is the path's fault; anything else (a bug making the text) keeps its own error
    throw typeof (e as NodeJS.ErrnoException)?.syscall === 'string' ? unwritableError(path, flag, e) : e;
  } finally {
    if (pending.size === 0) unhook();
  }
}

/** `scenarios/libya-pantelleria.json` + `plan` -> `libya-pantelleria.plan.geojson` in the working directory. */
export function defaultOutPath(scenarioPath: string, what: string): string {
  return `${basename(scenarioPath).replace(/\.json$/i, '')}.${what}.geojson`;
}
