/**
 * The seeded fuzz budget the suite runs (issue 9): every reader's target (test/support/fuzz.ts), mutated real
 * files, each input read or refused with an input error, never an internal error or a crash; and an external
 * entity never brings a secret file's text into what a reader returns. `npm run fuzz` runs longer budgets; the
 * bombs are tested on their own in limits.test.ts, so this budget leaves them out to stay fast.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readTrackFile } from '../src/formats/tracks/read.js';
import { fuzzTarget, TARGETS } from './support/fuzz.js';
import { gpxEntityExpansion, gpxExternalEntity, kmlExternalEntity } from './support/hostile.js';
import { tempDir } from './support/temp.js';

const RUNS = Number(process.env.COASTWATCH_FUZZ_TEST_RUNS ?? 100);
const SEED = 20261205;
const { dir, done } = tempDir('coastwatch-fuzz-test-');
after(done);

describe(`fuzz: ${RUNS} mutated inputs per target, seed ${SEED}`, () => {
  for (const target of TARGETS) {
    it(`${target.name}: every input read or refused with an input error`, async () => {
      const f = await fuzzTarget(target, { runs: RUNS, seed: SEED, bombs: false, findingsDir: dir });
      assert.equal(f.inputs, RUNS);
      assert.deepEqual(f.findings, [], f.findings.map((x) => `${x.message} (${x.file})`).join('\n'));
      assert.equal(f.exits.internal + f.exits.infeasible + f.exits.crash, 0);
      assert.equal(f.leaks, 0);
      // the mutations reach past the first check: some inputs are still read, some refused
      assert.ok(f.exits.input > 0, 'no input was refused: the mutations do nothing');
      if (target.name !== 'kmz')
        assert.ok(f.exits.read > 0, 'no input was read: the mutations only break files');
    });
  }
});

describe('XML entities', () => {
  it('an external entity never reads a file (GPX and KML): the secret appears nowhere', async () => {
    const secretText = `SECRET-${randomBytes(8).toString('hex')}`;
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, secretText);
    for (const [name, text] of [
      ['xxe.gpx', gpxExternalEntity(secret)],
      ['xxe.kml', kmlExternalEntity(secret)],
    ] as const) {
      const p = join(dir, name);
      writeFileSync(p, text);
      const seen: string[] = [];
      const r = await readTrackFile(p, (b) => seen.push(b.track, b.name ?? '', b.callsign ?? ''));
      assert.ok(r.fixes > 0);
      assert.ok(!JSON.stringify([r, seen]).includes(secretText));
    }
  });

  it('entity expansion (a billion laughs) is not expanded', async () => {
    const p = join(dir, 'lol.gpx');
    writeFileSync(p, gpxEntityExpansion(9));
    const seen: string[] = [];
    const r = await readTrackFile(p, (b) => seen.push(b.name ?? ''));
    assert.equal(r.fixes, 1);
    assert.ok(!seen.join('').includes('lollol'));
  });
});
