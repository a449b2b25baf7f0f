/**
 * Fuzz targets (issue 9): every track reader, the scenario loader and the plan/schedule file reader, fed real files
 * mutated by fast-check (byte flips, truncation, duplicated and deleted lines, huge and non-finite numbers, invalid
 * UTF-8, deep nesting, entity expansion, external entities, gzip and zip bombs). Each input must be read or refused
 * with an input error; anything else (an internal error, a non-coastwatch exception) is a finding, and an external
 * entity must never bring a secret file's text into what a reader returns. Used by the test suite (a short seeded
 * budget), `npm run fuzz` and the bench's `fuzz` section.
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { loadScenario, readJsonFile } from '../../src/app/load-scenario.js';
import { CoastwatchError } from '../../src/domain/errors.js';
import { readTrackFile } from '../../src/formats/tracks/read.js';
import { parsePlanGeoJSON } from '../../src/verify/plan-file.js';
import { repoRoot } from './golden.js';
import { storedEntry, zipOf } from './hostile.js';
import { fixturesDir } from './tracks.js';

/** A seed file: its name (the extension picks the reader's tie-break) and bytes. */
export interface Seed {
  name: string;
  bytes: Buffer;
}

export interface FuzzTarget {
  name: string;
  /** The family of mutations that make sense (XML gets entities, JSON brackets, KMZ zips). */
  family: 'xml' | 'json' | 'text' | 'zip';
  seeds(): Seed[];
  /** Reads the file at `path`; returns every text the reader gave back (names, notes, messages), for the XXE check. */
  run(path: string): Promise<string>;
}

export type Outcome = 'read' | 'input' | 'infeasible' | 'internal' | 'crash';

export interface TargetFigures {
  target: string;
  inputs: number;
  exits: Record<Outcome, number>;
  /** Highest resident set size seen after an input, MiB. */
  peakRssMiB: number;
  slowestMs: number;
  slowestInput: string;
  /** Up to 5 failing inputs, saved to files. */
  findings: { outcome: Outcome; message: string; file: string }[];
  /** Inputs whose results held the secret an external entity pointed at. */
  leaks: number;
  totalMs: number;
}

/** Seeds are cut to this many bytes (at a line end) so that a long run tries many inputs, not few big ones. */
const SEED_BYTES = 48 * 1024;

function cut(bytes: Buffer): Buffer {
  if (bytes.length <= SEED_BYTES) return bytes;
  const nl = bytes.lastIndexOf(0x0a, SEED_BYTES);
  return bytes.subarray(0, nl > 0 ? nl + 1 : SEED_BYTES);
}

/**
 * The fixtures of one kind, from the repository's test/fixtures/tracks only (`made/` holds invented files for
 * the formats whose real samples could not be shipped); text ones cut at a line end to SEED_BYTES, binary and
 * JSON ones (which a cut would only break) kept whole when at most `wholeMax` bytes, else left out. A target
 * without seeds would fuzz nothing and pass: a missing folder or no matching file throws.
 */
function filesIn(rel: string, ext: RegExp, whole = false, wholeMax = 160 * 1024): Seed[] {
  const dir = join(fixturesDir(), rel);
  if (!existsSync(dir)) throw new Error(`fuzz seeds: no folder ${dir} (a broken checkout)`);
  const seeds = readdirSync(dir)
    .filter((f) => ext.test(f))
    .sort()
    .map((f) => {
      const b = readFileSync(join(dir, f));
      return { name: f, bytes: !whole ? cut(b) : b.length <= wholeMax ? b : Buffer.alloc(0) };
    })
    .filter((s) => s.bytes.length > 0);
  if (seeds.length === 0)
    throw new Error(`fuzz seeds: no file in ${dir} matches ${ext} (or all are too big)`);
  return seeds;
}

/** The readsb fixture with its trace cut to its first 200 rows, still valid JSON. */
function readsbSeeds(): Seed[] {
  return filesIn('made', /^readsb.*\.json$/i, true, Number.POSITIVE_INFINITY).map((s) => {
    const j = JSON.parse(s.bytes.toString('utf8'));
    if (Array.isArray(j.trace)) j.trace = j.trace.slice(0, 200);
    return { name: s.name, bytes: Buffer.from(JSON.stringify(j, null, 0).replace(/\],\[/g, '],\n[')) };
  });
}

/** Every text in a track read's result. */
async function readTrackTexts(path: string): Promise<string> {
  const names: string[] = [];
  const report = await readTrackFile(path, (b) => {
    names.push(b.track, b.callsign ?? '', b.name ?? '', b.icao24 ?? '');
  });
  return `${names.join('\n')}\n${JSON.stringify(report)}`;
}

const trackTarget = (name: string, family: FuzzTarget['family'], seeds: () => Seed[]): FuzzTarget => ({
  name,
  family,
  seeds,
  run: readTrackTexts,
});

export const TARGETS: FuzzTarget[] = [
  trackTarget('gpx', 'xml', () => filesIn('gpx', /\.gpx$/i)),
  trackTarget('kml', 'xml', () => filesIn('kml', /\.kml$/i)),
  trackTarget('kmz', 'zip', () => {
    // the fixtures are hostile or trackless archives: add one that reads, made of a KML fixture
    const kml = filesIn('kml', /^gxtrack\.kml$/, true);
    const made = kml.map((k) => ({
      name: 'gxtrack.kmz',
      bytes: Buffer.from(zipSync({ 'doc.kml': k.bytes })),
    }));
    return [...filesIn('kmz', /\.kmz$/i, true), ...made];
  }),
  trackTarget('igc', 'text', () => filesIn('igc', /\.igc$/i)),
  trackTarget('csv-plain', 'text', () => [
    {
      name: 'plain.csv',
      bytes: Buffer.from(
        'time,lat,lon,alt,callsign\n2026-12-01T06:00:00Z,33.1,12.5,3000,SEEK21\n2026-12-01T06:00:10Z,33.11,12.52,3010,SEEK21\n' +
          '1764568830,33.12,12.54,3020,SEEK21\n2026-12-01T06:00:40.5Z,33.13,12.56,,SEEK21\n',
      ),
    },
  ]),
  trackTarget('csv-opensky', 'text', () => filesIn('made', /^opensky.*\.csv$/i)),
  trackTarget('csv-fr24', 'text', () => filesIn('made', /^fr24.*\.csv$/i)),
  trackTarget('readsb', 'json', readsbSeeds),
  trackTarget('geojson', 'json', () => filesIn('geojson', /\.geojson$/i, true)),
  {
    name: 'scenario',
    family: 'json',
    seeds: () => {
      const dir = join(repoRoot(), 'scenarios');
      return readdirSync(dir)
        .filter((f) => f.endsWith('.json') && f !== 'schema.json')
        .sort()
        .map((f) => ({ name: f, bytes: readFileSync(join(dir, f)) }));
    },
    async run(path) {
      const s = await loadScenario(path);
      return JSON.stringify({ name: s.name, aircraft: s.aircraft, bases: s.bases });
    },
  },
  {
    name: 'plan-file',
    family: 'json',
    seeds: () => {
      const dir = join(repoRoot(), 'scenarios', 'golden');
      return readdirSync(dir)
        .filter((f) => /\.(geojson|json)$/.test(f))
        .sort()
        .map((f) => ({ name: f, bytes: readFileSync(join(dir, f)) }))
        .filter((s) => s.bytes.length <= 64 * 1024);
    },
    async run(path) {
      const p = parsePlanGeoJSON(await readJsonFile(path, 'plan file'), 'plan');
      return JSON.stringify(p.summary);
    },
  },
];

const HUGE = [
  '1e308',
  '-1e308',
  '1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '9000000000000000',
  '-0',
  '1e-400',
  '99999999999999999999999999',
  '0x1F',
  '1_000',
  '.5e+2',
];
const BAD_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
];

/** One mutation of `bytes`; `secret` is the path an external entity names. */
type Mutation = (bytes: Buffer, secret: string) => Buffer;

const lines = (b: Buffer) => b.toString('latin1').split('\n');
const fromLines = (ls: string[]) => Buffer.from(ls.join('\n'), 'latin1');

function mutationArb(
  family: FuzzTarget['family'],
  bombs = true,
): fc.Arbitrary<{ label: string; apply: Mutation }> {
  const at = fc.double({ min: 0, max: 1, noNaN: true });
  const base: fc.Arbitrary<{ label: string; apply: Mutation }>[] = [
    fc
      .tuple(fc.array(fc.tuple(at, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }))
      .map(([flips]) => ({
        label: `flip ${flips.length} bytes`,
        apply: (b: Buffer) => {
          const c = Buffer.from(b);
          for (const [p, v] of flips) if (c.length > 0) c[Math.floor(p * c.length)] = v;
          return c;
        },
      })),
    at.map((p) => ({
      label: `truncate at ${p.toFixed(3)}`,
      apply: (b: Buffer) => b.subarray(0, Math.floor(p * b.length)),
    })),
    fc.tuple(at, fc.integer({ min: 1, max: 50 })).map(([p, k]) => ({
      label: `duplicate a line ${k} times`,
      apply: (b: Buffer) => {
        const ls = lines(b);
        const i = Math.floor(p * ls.length);
        ls.splice(i, 0, ...Array(k).fill(ls[i] ?? ''));
        return fromLines(ls);
      },
    })),
    fc.tuple(at, fc.integer({ min: 1, max: 20 })).map(([p, k]) => ({
      label: `delete ${k} lines`,
      apply: (b: Buffer) => {
        const ls = lines(b);
        ls.splice(Math.floor(p * ls.length), k);
        return fromLines(ls);
      },
    })),
    fc.tuple(at, fc.constantFrom(...HUGE), fc.integer({ min: 1, max: 20 })).map(([p, v, k]) => ({
      label: `numbers to ${v} (${k})`,
      apply: (b: Buffer) => {
        let s = b.toString('latin1');
        const nums = [...s.matchAll(/-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g)];
        if (nums.length === 0) return b;
        const from = Math.floor(p * nums.length);
        for (const m of nums.slice(from, from + k).reverse())
          s = s.slice(0, m.index) + v + s.slice(m.index + m[0].length);
        return Buffer.from(s, 'latin1');
      },
    })),
    fc.tuple(at, fc.constantFrom(...BAD_UTF8)).map(([p, bad]) => ({
      label: `invalid UTF-8 ${Buffer.from(bad).toString('hex')}`,
      apply: (b: Buffer) => {
        const i = Math.floor(p * b.length);
        return Buffer.concat([b.subarray(0, i), Buffer.from(bad), b.subarray(i)]);
      },
    })),
  ];
  if (family === 'xml' || family === 'zip') {
    base.push(
      fc.tuple(at, fc.integer({ min: 10, max: 20000 })).map(([p, d]) => ({
        label: `XML nested ${d} deep`,
        apply: (b: Buffer) => {
          const s = b.toString('latin1');
          const i = s.indexOf('>', Math.floor(p * s.length));
          const k = i < 0 ? s.length : i + 1;
          return Buffer.from(`${s.slice(0, k)}${'<x>'.repeat(d)}${'</x>'.repeat(d)}${s.slice(k)}`, 'latin1');
        },
      })),
      fc.integer({ min: 2, max: 12 }).map((levels) => ({
        label: `entity expansion 10^${levels}`,
        apply: (b: Buffer) => withDoctype(b, laughs(levels), `&lol${levels};`),
      })),
      fc.constantFrom('file', 'http').map((scheme) => ({
        label: `external entity (${scheme})`,
        apply: (b: Buffer, secret: string) =>
          withDoctype(
            b,
            `<!ENTITY xxe SYSTEM "${scheme === 'file' ? `file://${secret}` : 'http://127.0.0.1:9/x'}"><!ENTITY % p SYSTEM "file://${secret}">`,
            '&xxe;',
          ),
      })),
    );
  }
  if (family === 'json') {
    base.push(
      fc.tuple(at, fc.integer({ min: 10, max: 20000 }), fc.boolean()).map(([p, d, obj]) => ({
        label: `JSON nested ${d} deep`,
        apply: (b: Buffer) => {
          const s = b.toString('latin1');
          const i = s.indexOf('[', Math.floor(p * s.length));
          const k = i < 0 ? s.length : i + 1;
          const open = obj ? '{"a":'.repeat(d) : '['.repeat(d);
          const close = obj ? '}'.repeat(d) : ']'.repeat(d);
          return Buffer.from(`${s.slice(0, k)}${open}1${close},${s.slice(k)}`, 'latin1');
        },
      })),
    );
  }
  const mutated = fc.oneof(...base);
  // sometimes two mutations, sometimes the result gzipped or (for KMZ) zipped, sometimes a bomb
  return fc
    .tuple(
      fc.array(mutated, { minLength: 1, maxLength: 2 }),
      // bombs are rare: each inflates hundreds of MB up to a cap, some 0.3 s
      fc.oneof(
        { arbitrary: fc.constant('plain'), weight: 40 },
        { arbitrary: fc.constant('gzip'), weight: 8 },
        { arbitrary: fc.constant(family === 'zip' ? 'zip' : 'gzip'), weight: 4 },
        { arbitrary: fc.constant(bombs ? 'bomb' : 'gzip'), weight: 1 },
      ),
    )
    .map(([ms, wrap]) => ({
      label: `${ms.map((m) => m.label).join(' + ')}${wrap === 'plain' ? '' : `, ${wrap}`}`,
      apply: (b: Buffer, secret: string) => {
        let out = b;
        for (const m of ms) out = m.apply(out, secret);
        if (wrap === 'gzip') return gzipSync(out, { level: 1 });
        if (wrap === 'zip') return Buffer.from(zipSync({ 'doc.kml': out }, { level: 1 }));
        if (wrap === 'bomb') return bomb(out, family);
        return out;
      },
    }));
}

/** A compressed input inflating to its text and then 320 MiB (gzip) or 96 MiB (KMZ) of blanks: past every cap. */
let gzipPiece: Buffer | undefined;
let zipPiece: ReturnType<typeof storedEntry> | undefined;
function bomb(text: Buffer, family: FuzzTarget['family']): Buffer {
  if (family === 'zip') {
    if (!zipPiece) {
      const plain = Buffer.alloc(96 * 2 ** 20, ' ');
      zipPiece = {
        name: 'big.kml',
        data: deflateRawSync(plain, { level: 9 }),
        method: 8,
        crc: crc32(plain),
        size: plain.length,
      };
    }
    return zipOf([
      { ...storedEntry('doc.kml', ''), data: text, crc: crc32(text), size: text.length },
      zipPiece,
    ]);
  }
  gzipPiece ??= gzipSync(Buffer.alloc(64 * 2 ** 20, ' '), { level: 9 });
  return Buffer.concat([gzipSync(text), gzipPiece, gzipPiece, gzipPiece, gzipPiece, gzipPiece]);
}

function laughs(levels: number): string {
  let dtd = '<!ENTITY lol0 "lol">';
  for (let i = 1; i <= levels; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  return dtd;
}

/** `b` with a DOCTYPE declaring `decls` and `use` put in the first text of an element. */
function withDoctype(b: Buffer, decls: string, use: string): Buffer {
  let s = b.toString('latin1').replace(/<!DOCTYPE[^>]*>/, '');
  const decl = s.match(/^\s*<\?xml[^>]*\?>/);
  const head = decl ? decl[0] : '';
  s = s.slice(head.length);
  const root = s.match(/<([A-Za-z_][\w:.-]*)/)?.[1] ?? 'root';
  s = s.replace(/<name>/, `<name>${use}`).replace(/<description>/, `<description>${use}`);
  if (!s.includes(use)) s = s.replace(/(<[A-Za-z][^>]*>)/, `$1${use}`);
  return Buffer.from(`${head}<!DOCTYPE ${root} [${decls}]>${s}`, 'latin1');
}

function classify(e: unknown): { outcome: Outcome; message: string } {
  if (e instanceof CoastwatchError) return { outcome: e.kind, message: e.message };
  return { outcome: 'crash', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

export interface FuzzOptions {
  runs: number;
  seed: number;
  /** Where failing inputs are saved (default: a temp folder). */
  findingsDir?: string;
  onProgress?: (done: number) => void;
  /** Include gzip and zip bombs (default true; each costs some 0.3 s). */
  bombs?: boolean;
}

/** Runs `runs` mutated inputs through `target`, returning its figures. */
export async function fuzzTarget(target: FuzzTarget, opts: FuzzOptions): Promise<TargetFigures> {
  const seeds = target.seeds();
  if (seeds.length === 0)
    throw new Error(`fuzz target ${target.name}: no seed files (under ${fixturesDir()} or scenarios/)`);
  const work = mkdtempSync(join(tmpdir(), `coastwatch-fuzz-${target.name}-`));
  const secretText = `COASTWATCH-SECRET-${randomBytes(12).toString('hex')}`;
  const secret = join(work, 'secret.txt');
  writeFileSync(secret, secretText);
  const figures: TargetFigures = {
    target: target.name,
    inputs: 0,
    exits: { read: 0, input: 0, infeasible: 0, internal: 0, crash: 0 },
    peakRssMiB: process.memoryUsage().rss / 2 ** 20,
    slowestMs: 0,
    slowestInput: '',
    findings: [],
    leaks: 0,
    totalMs: 0,
  };
  const arb = fc.tuple(
    fc.integer({ min: 0, max: seeds.length - 1 }),
    mutationArb(target.family, opts.bombs !== false),
  );
  const t0 = performance.now();
  const BATCH = 50;
  try {
    for (let done = 0; done < opts.runs; ) {
      const n = Math.min(BATCH, opts.runs - done);
      const batch = fc.sample(arb, { numRuns: n, seed: opts.seed + done });
      for (const [k, m] of batch) {
        const seed = seeds[k];
        const bytes = m.apply(seed.bytes, secret);
        const path = join(work, `input-${seed.name}`);
        writeFileSync(path, bytes);
        const label = `${seed.name}: ${m.label}`;
        const s = performance.now();
        let outcome: Outcome = 'read';
        let message = '';
        let texts = '';
        try {
          texts = await target.run(path);
        } catch (e) {
          ({ outcome, message } = classify(e));
          texts = message;
        }
        const ms = performance.now() - s;
        figures.inputs++;
        figures.exits[outcome]++;
        if (texts.includes(secretText)) {
          figures.leaks++;
          outcome = 'crash';
          message = `the secret file's text came back: ${label}`;
        }
        if (ms > figures.slowestMs) {
          figures.slowestMs = ms;
          figures.slowestInput = `${label} (${bytes.length} bytes)`;
        }
        if ((outcome === 'internal' || outcome === 'crash') && figures.findings.length < 5) {
          const dir = opts.findingsDir ?? join(tmpdir(), 'coastwatch-fuzz-findings');
          mkdirSync(dir, { recursive: true });
          const file = join(
            dir,
            `${target.name}-${opts.seed}-${done}-${figures.findings.length}-${seed.name}`,
          );
          writeFileSync(file, bytes);
          figures.findings.push({ outcome, message: `${label}: ${message.slice(0, 300)}`, file });
        }
        figures.peakRssMiB = Math.max(figures.peakRssMiB, process.memoryUsage().rss / 2 ** 20);
      }
      done += n;
      opts.onProgress?.(done);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  figures.totalMs = performance.now() - t0;
  return figures;
}

/** Parses `--runs N --seed S --target NAME[,NAME]` (the fuzz script's and the bench's arguments). */
export function fuzzArgs(argv: readonly string[]): { runs: number; seed: number; targets: FuzzTarget[] } {
  let runs = 1000;
  let seed = 42;
  let names: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--runs') runs = Number(v);
    else if (a === '--seed') seed = Number(v);
    else if (a === '--target') names = String(v).split(',');
    else continue;
    i++;
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number, got ${runs}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got ${seed}`);
  const targets = names ? TARGETS.filter((t) => names.includes(t.name)) : TARGETS;
  if (names && targets.length !== names.length)
    throw new Error(`--target: known targets are ${TARGETS.map((t) => t.name).join(', ')}`);
  return { runs, seed, targets };
}

/** The figures as a Markdown table. */
export function figuresTable(rows: readonly TargetFigures[]): string {
  const out = [
    '| target | inputs | read | input error | internal | crash | leaks | peak RSS MiB | slowest ms | slowest input | total s |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const r of rows)
    out.push(
      `| ${r.target} | ${r.inputs} | ${r.exits.read} | ${r.exits.input} | ${r.exits.internal + r.exits.infeasible} | ${r.exits.crash} | ${r.leaks} | ${r.peakRssMiB.toFixed(0)} | ${r.slowestMs.toFixed(0)} | ${r.slowestInput.replace(/\|/g, '/')} | ${(r.totalMs / 1000).toFixed(1)} |`,
    );
  return out.join('\n');
}
