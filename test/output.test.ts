/**
 * Safe outputs (docs/cli.md, issue 9): devices, FIFOs, folders and the command's own inputs are refused with
 * an input error naming --out; links are followed and their target replaced; a file's mode is kept; `-` is standard
 * output; no temporary file outlives a failure, a SIGTERM, or (by the next write) a SIGKILL.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { auditFiles } from '../src/app/audit.js';
import { cleanStaleTemps, writeFileAtomic } from '../src/app/output.js';
import { planScenarioFile } from '../src/app/plan.js';
import { scheduleScenarioFile } from '../src/app/schedule.js';
import { CoastwatchError } from '../src/domain/errors.js';
import { repoRoot } from './support/golden.js';
import { tempDir } from './support/temp.js';

const ROOT = repoRoot();
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const OUTPUT_JS = pathToFileURL(join(ROOT, 'dist', 'src', 'app', 'output.js')).href;
const SCENARIO = join(ROOT, 'scenarios', 'libya-pantelleria.json');
const { dir: scratch, done } = tempDir('coastwatch-output-');
after(done);
let n = 0;
const fresh = () => {
  const d = join(scratch, String(n++));
  mkdirSync(d);
  return d;
};
const temps = (d: string) => readdirSync(d).filter((f) => f.endsWith('.tmp'));

/** Asserts an input error (exit 2) whose message names `--out PATH` and matches `re`. */
function refused(path: string, re: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof CoastwatchError, String(e));
    assert.equal(e.kind, 'input');
    assert.ok(e.message.startsWith(`--out ${path}: `), e.message);
    assert.match(e.message, re);
    return true;
  };
}

describe('writeFileAtomic', () => {
  it('refuses devices (/dev/null, /dev/full) and leaves them devices', async () => {
    for (const dev of ['/dev/null', '/dev/full']) {
      await assert.rejects(
        writeFileAtomic(dev, 'x'),
        refused(
          dev,
          /is a device, not a regular file: give --out a file path, or --out - for standard output/,
        ),
      );
      assert.ok(statSync(dev).isCharacterDevice());
    }
  });

  it('refuses a FIFO, a folder, and a link to either', async () => {
    const d = fresh();
    const fifo = join(d, 'fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    await assert.rejects(writeFileAtomic(fifo, 'x'), refused(fifo, /is a FIFO/));
    assert.ok(lstatSync(fifo).isFIFO());
    await assert.rejects(writeFileAtomic(d, 'x'), refused(d, /is a folder/));
    const link = join(d, 'to-null');
    symlinkSync('/dev/null', link);
    await assert.rejects(writeFileAtomic(link, 'x'), refused(link, /\(a link to \/dev\/null\) is a device/));
    assert.equal(readlinkSync(link), '/dev/null');
    assert.deepEqual(temps(d), []);
  });

  it('follows a link and replaces its target, keeping the link; a dangling link creates its target', async () => {
    const d = fresh();
    mkdirSync(join(d, 'real'));
    writeFileSync(join(d, 'real', 'plan.geojson'), 'old');
    symlinkSync('real/plan.geojson', join(d, 'link.geojson'));
    await writeFileAtomic(join(d, 'link.geojson'), 'new');
    assert.ok(lstatSync(join(d, 'link.geojson')).isSymbolicLink());
    assert.equal(readFileSync(join(d, 'real', 'plan.geojson'), 'utf8'), 'new');
    symlinkSync('real/later.geojson', join(d, 'dangling'));
    await writeFileAtomic(join(d, 'dangling'), 'made');
    assert.ok(lstatSync(join(d, 'dangling')).isSymbolicLink());
    assert.equal(readFileSync(join(d, 'real', 'later.geojson'), 'utf8'), 'made');
    assert.deepEqual([...temps(d), ...temps(join(d, 'real'))], []);
  });

  it("keeps the old file's mode (0600 stays 0600, 0640 stays 0640)", async () => {
    const d = fresh();
    for (const mode of [0o600, 0o640]) {
      const p = join(d, `m${mode.toString(8)}.geojson`);
      writeFileSync(p, 'old');
      chmodSync(p, mode);
      await writeFileAtomic(p, 'new');
      assert.equal(statSync(p).mode & 0o7777, mode);
      assert.equal(readFileSync(p, 'utf8'), 'new');
    }
  });

  it('refuses the inputs, by real path and inode (a link to one, a hard link too)', async () => {
    const d = fresh();
    const input = join(d, 'scenario.json');
    writeFileSync(input, '{}');
    symlinkSync('scenario.json', join(d, 'alias.json'));
    for (const out of [input, join(d, 'alias.json'), join(d, '.', 'scenario.json')]) {
      await assert.rejects(
        writeFileAtomic(out, 'x', { inputs: [input] }),
        refused(out, /of this command: writing it would destroy it; give --out another file name/),
      );
    }
    assert.equal(readFileSync(input, 'utf8'), '{}');
  });

  it('removes its temporary file when the text fails half-way, and keeps the old file', async () => {
    const d = fresh();
    const p = join(d, 'out.geojson');
    writeFileSync(p, 'old');
    function* pieces() {
      yield 'half';
      throw new Error('boom');
    }
    await assert.rejects(writeFileAtomic(p, pieces()), /boom/);
    assert.equal(readFileSync(p, 'utf8'), 'old');
    assert.deepEqual(temps(d), []);
  });

  it('a missing folder is an input error naming --out and the fix', async () => {
    const p = join(fresh(), 'no', 'such', 'out.geojson');
    await assert.rejects(
      writeFileAtomic(p, 'x'),
      refused(p, /cannot write the output file \(ENOENT\): check that its folder exists/),
    );
  });

  it('cleans the temporary files of dead runs, not of live ones or other files', async () => {
    const d = fresh();
    const p = join(d, 'out.geojson');
    // a PID far above pid_max is never alive; the test's own parent is
    writeFileSync(join(d, '.out.geojson.999999999.tmp'), 'stale');
    writeFileSync(join(d, `.out.geojson.${process.ppid}.tmp`), 'live');
    writeFileSync(join(d, '.other.geojson.999999999.tmp'), 'another file');
    await writeFileAtomic(p, 'x');
    assert.deepEqual(temps(d).sort(), ['.other.geojson.999999999.tmp', `.out.geojson.${process.ppid}.tmp`]);
  });
});

describe('writeFileAtomic in a killed process', () => {
  /** A child writing 256 MB in pieces to `out`; resolves once its temporary file exists. */
  function slowWriter(out: string) {
    const code = `
      import { writeFileAtomic } from ${JSON.stringify(OUTPUT_JS)};
      function* pieces() { const s = 'x'.repeat(1 << 20); for (let i = 0; i < 256; i++) yield s; }
      await writeFileAtomic(${JSON.stringify(out)}, pieces());`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'ignore' });
    const tmp = join(out, '..', `.out.geojson.${child.pid}.tmp`);
    const started = new Promise<void>((ok, fail) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        if (existsSync(tmp) && statSync(tmp).size > 0) {
          clearInterval(poll);
          ok();
        } else if (Date.now() - t0 > 20000 || child.exitCode !== null) {
          clearInterval(poll);
          fail(new Error('the writer never started writing'));
        }
      }, 5);
    });
    const exited = new Promise<NodeJS.Signals | null>((ok) => child.on('exit', (_c, sig) => ok(sig)));
    return { child, tmp, started, exited };
  }

  it('SIGTERM mid-write: the temporary file is removed, the old file kept, the process dies by the signal', async () => {
    const d = fresh();
    const out = join(d, 'out.geojson');
    writeFileSync(out, 'old');
    const w = slowWriter(out);
    await w.started;
    w.child.kill('SIGTERM');
    assert.equal(await w.exited, 'SIGTERM');
    assert.deepEqual(temps(d), []);
    assert.equal(readFileSync(out, 'utf8'), 'old');
  });

  it('SIGKILL mid-write leaves a temporary file; the next write removes it', async () => {
    const d = fresh();
    const out = join(d, 'out.geojson');
    writeFileSync(out, 'old');
    const w = slowWriter(out);
    await w.started;
    w.child.kill('SIGKILL');
    assert.equal(await w.exited, 'SIGKILL');
    assert.deepEqual(temps(d), [`.out.geojson.${w.child.pid}.tmp`]);
    assert.equal(readFileSync(out, 'utf8'), 'old');
    assert.deepEqual(await cleanStaleTemps(out), [w.tmp]);
    writeFileSync(join(d, `.out.geojson.${w.child.pid}.tmp`), 'again');
    await writeFileAtomic(out, 'new');
    assert.deepEqual(temps(d), []);
    assert.equal(readFileSync(out, 'utf8'), 'new');
  });
});

describe('use cases refuse a bad --out before any work', () => {
  it('plan, schedule and audit refuse their own inputs and devices (exit 2), leaving the inputs whole', async () => {
    const d = fresh();
    const scenario = join(d, 'self.json');
    copyFileSync(SCENARIO, scenario);
    const before = readFileSync(scenario, 'utf8');
    await assert.rejects(
      planScenarioFile(scenario, { out: scenario }),
      refused(scenario, /an input of this command/),
    );
    await assert.rejects(scheduleScenarioFile(scenario, { out: scenario }), refused(scenario, /an input/));
    const track = join(d, 'track.csv');
    writeFileSync(track, 'time,lat,lon\n2026-12-01T00:00:00Z,33,13\n');
    await assert.rejects(
      auditFiles(scenario, [track], { out: track, aircraft: 'MALE UAV' }),
      refused(track, /is an input of this command/),
    );
    await assert.rejects(planScenarioFile(scenario, { out: '/dev/full' }), refused('/dev/full', /a device/));
    assert.equal(readFileSync(scenario, 'utf8'), before);
    assert.equal(readFileSync(track, 'utf8'), 'time,lat,lon\n2026-12-01T00:00:00Z,33,13\n');
  });

  it('coastwatch plan --out - writes the plan to stdout, the summary to stderr, and no file named -', () => {
    const d = fresh();
    const r = spawnSync(process.execPath, [CLI, 'plan', SCENARIO, '--out', '-'], {
      cwd: d,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as { type: string; features: unknown[] };
    assert.equal(plan.type, 'FeatureCollection');
    assert.ok(plan.features.length > 0);
    assert.match(r.stderr, /plan written to -/);
    assert.deepEqual(readdirSync(d), []);
  });

  it('coastwatch plan --out /dev/null exits 2 with the message on stderr', () => {
    const r = spawnSync(process.execPath, [CLI, 'plan', SCENARIO, '--out', '/dev/null'], {
      cwd: fresh(),
      encoding: 'utf8',
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^coastwatch: --out \/dev\/null: is a device, not a regular file/);
    assert.ok(statSync('/dev/null').isCharacterDevice());
  });
});
