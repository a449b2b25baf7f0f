/**
 * The CSV line splitter (readLines, the fast path) against csv-parse reading the whole file: the same batches,
 * the same skipped rows with the same lines and reasons, on tricky input and on random files, in chunks of
 * any size. Where they differ on purpose (csv-parse counts a CR inside a record as a line) the splitter's
 * physical line numbers are checked.
 */
import assert from 'node:assert/strict';
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parse as parseSync } from 'csv-parse/sync';
import fc from 'fast-check';
import { tempDir } from '../../../test/support/temp.js';
import { fixture } from '../../../test/support/tracks.js';
import { type CsvEngine, csvEngine, detectCsvLayout, MAX_RECORD_CHARS, readCsv } from './csv.js';
import { readTrackFile } from './read.js';
import { FixSink } from './sink.js';

interface Read {
  format: string;
  emptyWhy?: string;
  batches: {
    track: string;
    callsign?: string;
    icao24?: string;
    t: number[];
    lon: number[];
    lat: number[];
    alt: number[];
  }[];
  skipped: { where: string; why: string }[];
  skippedCount: number;
}

const { dir, done } = tempDir();
process.on('exit', done);
let fileNo = 0;

/** Reads `text` as a CSV file with one engine, in chunks of `chunk` bytes, batches of 3 fixes. */
async function readWith(text: string | Buffer, engine: CsvEngine | 'auto', chunk = 65536): Promise<Read> {
  const p = join(dir, `t${fileNo++}.csv`);
  writeFileSync(p, text);
  const s = typeof text === 'string' ? text : text.toString('utf8');
  const first = s
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .find((l) => l.trim() !== '')!;
  const layout = detectCsvLayout(first);
  if ('error' in layout) throw new Error(layout.error);
  const out: Read = { format: '', batches: [], skipped: [], skippedCount: 0 };
  const sink = new FixSink(
    (b) =>
      out.batches.push({
        track: b.track,
        callsign: b.callsign,
        icao24: b.icao24,
        t: [...b.t],
        lon: [...b.lon],
        lat: [...b.lat],
        alt: [...b.altM],
      }),
    3,
  );
  const rs = createReadStream(p, { highWaterMark: chunk });
  const head = s.slice(0, 65536);
  const res = await readCsv(
    layout,
    {
      stream: [rs],
      bytesRead: () => rs.bytesRead,
      size: statSync(p).size,
      head,
      ...(engine === 'auto' ? {} : { engine }),
    },
    { path: 'f.csv', base: 'f.csv', sink },
  );
  sink.flushAll();
  out.format = res.format;
  if (res.emptyWhy !== undefined) out.emptyWhy = res.emptyWhy;
  out.skipped = sink.skipped;
  out.skippedCount = sink.skippedCount;
  return out;
}

/** The line splitter for the file's line ending (as csvEngine picks when there is no quote). */
const linesEngine = (text: string): CsvEngine => (/^[^\r\n]*\r\n/.test(text) ? 'lines-crlf' : 'lines');

/** Asserts both engines read `text` the same, the splitter in chunks of several sizes; returns the reading. */
async function assertSame(text: string, label = ''): Promise<Read> {
  const want = await readWith(text, 'csv-parse');
  for (const chunk of text.length > 5000 ? [65536, 4093] : [65536, 7, 1]) {
    const got = await readWith(text, linesEngine(text), chunk);
    assert.deepStrictEqual(
      got,
      want,
      `${label} (chunks of ${chunk} bytes)\n${JSON.stringify(text.slice(0, 300))}`,
    );
  }
  return want;
}

const H = 'time,lat,lon,alt,callsign';

/** The line without line breaks, and without its quotes when one would run on to the next line. */
function oneLine(line: string): string {
  const l = line.replace(/\n/g, ' ');
  let open = false;
  parseSync(l, {
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err?.code === 'CSV_QUOTE_NOT_CLOSED') open = true;
      return undefined;
    },
  });
  return open ? l.replace(/"/g, '') : l;
}
const row = (s: number, cs = 'SEEK21', lat = '32.5') =>
  `2026-12-01T10:00:${String(s).padStart(2, '0')}Z,${lat},15,3000,${cs}`;

describe('CSV line splitter and csv-parse agree', () => {
  const cases: Record<string, string> = {
    'plain LF': `${[H, row(0), row(1, 'SEEK22'), row(2)].join('\n')}\n`,
    CRLF: `${[H, row(0), row(1, 'SEEK22'), row(2)].join('\r\n')}\r\n`,
    BOM: `\uFEFF${[H, row(0), row(1)].join('\n')}\n`,
    'BOM and CRLF, no final newline': `\uFEFF${[H, row(0), row(1)].join('\r\n')}`,
    'no final newline': [H, row(0), row(1)].join('\n'),
    'no final newline, CRLF, bad last row': [H, row(0), '2026-12-01T10:00:01Z,95,15,1,X'].join('\r\n'),
    'blank and whitespace lines': ['', H, '', row(0), '   ', '\t', row(1), '', '', row(2), ''].join('\n'),
    'blank lines in CRLF': ['', H, '', row(0), '  ', row(1), '', ''].join('\r\n'),
    'lines of delimiters only': `${[H, ',,,,', row(0), ',,', row(1)].join('\n')}\n`,
    'bad rows of every kind': [
      H,
      row(0),
      'not-a-time,32.5,15,3000,SEEK21',
      ',32.5,15,3000,SEEK21',
      row(3, 'SEEK21', '95'),
      row(4, 'SEEK21', ''),
      row(5, 'SEEK21', 'x'),
      '2026-12-01T10:00:06Z,32.5,15,3000',
      '2026-12-01T10:00:07Z,32.5,15,3000,SEEK21,extra',
      '1796119250,32.6,15.5,,SEEK21',
      '1796119250.5,32.6,-15.5,NA,SEEK21',
      '2026-12-01 10:00:09,  32.6 ,15.5,1e3,SEEK21',
      '2026-12-01T10:00:10.123+01:00,32.6,15.5,0x10,SEEK21',
    ].join('\n'),
    'quoted fields': `${[
      H,
      row(0, '"SEEK21"'),
      row(1, '"SE,EK"'),
      row(2, '"A""B"'),
      '"2026-12-01T10:00:03Z","32.5","15","3000","SEEK21"',
      row(4, '""'),
      row(5),
    ].join('\n')}\n`,
    'quote inside a field (kept as is)': [H, row(0, 'A"B'), row(1, 'A""B'), row(2, 'AB"'), row(3)].join('\n'),
    'quoted field over lines': `${[H, row(0), row(1, '"SE\nEK"'), row(2, '"A\n\nB\n"'), row(3), 'x,1,2,3,4'].join('\n')}\n`,
    'quoted field over lines, CRLF, no CR inside': [H, row(0), row(1, '"SE\nEK"'), row(3), 'x,1,2,3,4'].join(
      '\r\n',
    ),
    'unclosed quote': `${[H, row(0), row(1, 'A"B'), row(2, '"AB'), row(3, 'CD'), 'x,1,2,3,4'].join('\n')}\n`,
    'unclosed quote, no final newline': [H, row(0), row(2, '"AB')].join('\n'),
    'unclosed quote on the last line': `${[H, row(0), row(2, '"AB')].join('\n')}\n`,
    'quote closed mid-field': `${[H, row(0, '"AB"C'), row(1, '"A"B"'), row(2)].join('\n')}\n`,
    'a CRLF file with a line ending in a bare LF': `${[H, row(0), `${row(1)}\n${row(2)}`, row(3)].join('\r\n')}\r\n`,
    'a CRLF file ending in a bare LF': `${[H, row(0), row(1)].join('\r\n')}\n`,
    'multi-byte characters': `${[H, row(0, 'ÉTÉ✈'), row(1, '飞机'), row(2, '"😀,x"'), row(3, '😀')].join('\n')}\n`,
    semicolons: [
      'time;lat;lon;callsign',
      '2026-12-01T10:00:00Z;32,5;15;A',
      '2026-12-01T10:00:01Z;32.5;15;"B;C"',
    ].join('\n'),
    tabs: ['time\tlat\tlon', '2026-12-01T10:00:00Z\t32.5\t15', '2026-12-01T10:00:01Z\t32.6\t15'].join('\n'),
    'no header': [row(0), row(1), 'x,1,2,3,4', row(2, 'SEEK22')].join('\n'),
    'header only': `${H}\n`,
    'header and blank lines only': `${H}\n\n\n`,
    'OpenSky layout, callsign changes': [
      'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact',
      '1527699598,484506,52.1,5.1,1,1,1,TRA051  ,False,False,False,1,1000,NA,1,1',
      '1527699599,484506,52.1,5.1,1,1,1,TRA051  ,False,False,False,1,NA,1100,1,1',
      '1527699600,4ca123,52.1,5.1,1,1,1,"X,Y",False,False,False,1,NA,NA,1,1',
      '1527699601,484506,52.1,5.1,1,1,1,TRA041,False,False,False,1,1200,NA,1,1',
    ].join('\n'),
    'FR24 export': [
      'Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction',
      '1635481576,2021-10-29T04:26:16Z,ANZ1005,"33.943356,-118.42868",0,0,0',
      ',2021-10-29T04:26:26Z,ANZ1005,"33.943378,-118.428467",0,0,0',
      '1635481596,2021-10-29T04:26:36Z,ANZ1005,"33.94,",0,0,0',
    ].join('\n'),
    'a long line (200 KB callsign) and a long bad line': [
      H,
      row(0, 'X'.repeat(200_000)),
      row(1),
      `${row(2)},${'y,'.repeat(150_000)}`,
      row(3),
    ].join('\n'),
  };
  for (const [label, text] of Object.entries(cases)) {
    it(label, async () => {
      await assertSame(text, label);
    });
  }

  it('a real reading of the cases, spot-checked', async () => {
    const q = await assertSame(cases['quoted fields']);
    assert.deepEqual(
      q.batches.map((b) => b.track),
      ['f.csv#SEEK21', 'f.csv#SE,EK', 'f.csv#A"B', 'f.csv'],
    );
    const over = await assertSame(cases['quoted field over lines']);
    assert.deepEqual(over.skipped, [{ where: 'f.csv:10', why: 'time "x" is not ISO 8601 or epoch seconds' }]);
    const bad = await assertSame(cases['bad rows of every kind']);
    assert.deepEqual(
      bad.skipped.map((s) => s.where),
      ['f.csv:3', 'f.csv:4', 'f.csv:5', 'f.csv:6', 'f.csv:7', 'f.csv:8', 'f.csv:9'],
    );
    const open = await assertSame(cases['unclosed quote']);
    assert.deepEqual(open.skipped, [
      {
        where: 'f.csv:6',
        why: 'malformed CSV: Quote Not Closed: the parsing is finished with an opening quote at line 6',
      },
    ]);
  });

  it('random files: any mix of good, bad, quoted and blank rows, LF or CRLF, BOM or not', async () => {
    const field = fc.oneof(
      fc.constantFrom(
        'SEEK21',
        'SEEK22',
        ' seek21 ',
        '',
        'NA',
        'A"B',
        '"Q"',
        '"A,B"',
        '"X""Y"',
        '"M\nN"',
        '"',
        '"un',
      ),
      fc.string({ maxLength: 4 }).map((s) => s.replace(/[\r\n]/g, '')),
    );
    const num = fc.oneof(
      fc.constantFrom('32.5', '-15', '0', '', 'x', '95', ' 12 ', '1e1', '"33.1"', '-0.0001'),
      fc.double({ min: -100, max: 100, noNaN: true }).map(String),
    );
    const time = fc.oneof(
      fc.integer({ min: 0, max: 2e9 }).map(String),
      fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms).toISOString()),
      fc.integer({ min: 0, max: 4e12 }).map((ms) => `${new Date(ms).toISOString().slice(0, 19)}Z`),
      fc.constantFrom('', 'x', '2026-02-30T00:00:00Z', '2026-12-01T24:00:00Z', '2026-12-01T10:00:60Z'),
    );
    const line = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(time, num, num, num, field).map((f) => f.join(',')) },
      { weight: 1, arbitrary: fc.constantFrom('', ' ', ',,,,', 'a,b', '1,2,3,4,5,6') },
      { weight: 1, arbitrary: fc.tuple(time, num, num).map((f) => f.join(',')) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 25 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        async (lines, crlf, bom, finalEol) => {
          const eol = crlf ? '\r\n' : '\n';
          // csv-parse counts a CR inside a quoted field as a line: kept out here, checked below
          const body = lines.map((l) => (crlf ? oneLine(l) : l));
          const text = `${bom ? '\uFEFF' : ''}${[H, ...body].join(eol)}${finalEol ? eol : ''}`;
          await assertSame(text);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('CSV line splitter and csv-parse agree on the fixture files', () => {
  for (const rel of [
    'made/fr24-per-flight.csv',
    'made/fr24-web-short-row.csv',
    'made/fr24-web.csv',
    'made/fr24-archive.csv',
    'made/opensky.csv',
  ]) {
    it(rel, async (t) => {
      const p = fixture(t, rel);
      const text = readFileSync(p, 'utf8');
      const want = await readWith(text, 'csv-parse');
      // the FR24 exports quote every Position: csvEngine gives them to csv-parse, the splitter reads them too
      assert.deepStrictEqual(await readWith(text, linesEngine(text), 4096), want);
      assert.deepStrictEqual(await readWith(text, 'auto'), want);
    });
  }
});

describe('CSV line splitter', () => {
  it('names rows by physical line where csv-parse counts a CR inside a record as a line', async () => {
    const crlf = [H, row(0, '"A\r\nB"'), row(1), 'x,1,2,3,4'].join('\r\n');
    const got = await readWith(crlf, 'lines-crlf');
    assert.deepEqual(got.skipped, [{ where: 'f.csv:5', why: 'time "x" is not ISO 8601 or epoch seconds' }]);
    assert.equal((await readWith(crlf, 'csv-parse')).skipped[0].where, 'f.csv:6');
    const stray = [H, `${row(0)}\r`, row(1).replace(',15,', ',15\r,'), 'x,1,2,3,4'].join('\n');
    assert.equal((await readWith(stray, 'lines')).skipped[0].where, 'f.csv:4');
    // the batches are the same all the same
    assert.deepEqual((await readWith(stray, 'lines')).batches, (await readWith(stray, 'csv-parse')).batches);
  });

  it('skips a line longer than MAX_RECORD_CHARS, naming it, and reads on', async () => {
    const text = [H, row(0), `${row(1)}${'z'.repeat(MAX_RECORD_CHARS + 10)}`, row(2), row(3)].join('\n');
    for (const chunk of [65536, 1 << 20]) {
      const got = await readWith(text, 'lines', chunk);
      assert.deepEqual(got.skipped, [{ where: 'f.csv:3', why: 'malformed CSV: a line longer than 1 MB' }]);
      assert.deepEqual(
        got.batches.map((b) => b.t.length),
        [3],
      );
    }
  });

  it('gives up on a quote not closed within MAX_RECORD_CHARS, naming its line, and reads on', async () => {
    const filler = Array.from({ length: 30000 }, (_, i) => row(i % 60, 'FILL')).join('\n');
    const text = [H, row(0), row(1, '"open'), filler, row(2, 'LATE')].join('\n');
    const got = await readWith(text, 'lines');
    assert.deepEqual(got.skipped, [
      { where: 'f.csv:3', why: 'malformed CSV: Quote Not Closed: no closing quote within 1 MB' },
    ]);
    const tracks = new Set(got.batches.map((b) => b.track));
    assert.ok(tracks.has('f.csv#FILL') && tracks.has('f.csv#LATE'));
  });

  it('picks csv-parse for a file whose start has a quote or bare CR line ends', () => {
    assert.equal(csvEngine('time,lat,lon\n1,2,3\n'), 'lines');
    assert.equal(csvEngine('time,lat,lon\r\n1,2,3\r\n'), 'lines-crlf');
    assert.equal(csvEngine('time,lat,lon'), 'lines');
    assert.equal(csvEngine('time,lat,lon\r1,2,3\r'), 'csv-parse');
    assert.equal(csvEngine('time,lat,"lon"\n1,2,3\n'), 'csv-parse');
    assert.equal(csvEngine('time,lat,lon\n1,2,"3"\n'), 'csv-parse');
  });

  it('reads the same through readTrackFile, gzipped or not, whichever engine the start picks', async () => {
    const rows = [H];
    for (let i = 0; i < 20000; i++) rows.push(row(i % 60, `S${i % 7}`, (30 + i * 1e-4).toFixed(4)));
    rows.splice(15000, 0, row(1, '"Q,1"'), row(2, '"multi\nline"'), 'bad,1,2,3,4');
    const text = `${rows.join('\n')}\n`;
    const plain = join(dir, 'big.csv');
    const gz = join(dir, 'big.csv.gz');
    writeFileSync(plain, text);
    writeFileSync(gz, gzipSync(text));
    const read = async (p: string) => {
      const b: number[][] = [];
      const report = await readTrackFile(p, (x) => b.push([...x.t, ...x.lat]));
      const skipped = report.skipped.map((x) => ({ ...x, where: x.where.replace(p, 'F') }));
      return { b, report: { ...report, skipped } };
    };
    const a = await read(plain);
    assert.deepStrictEqual(await read(gz), a);
    assert.equal(a.report.fixes, 20002);
    assert.deepEqual(a.report.skipped, [
      { where: 'F:15004', why: 'time "bad" is not ISO 8601 or epoch seconds' },
    ]);
    const want = await readWith(text, 'csv-parse');
    assert.deepStrictEqual(await readWith(text, 'auto'), want);
  });
});
