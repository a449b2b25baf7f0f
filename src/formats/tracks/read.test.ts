import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { tempDir } from '../../../test/support/temp.js';
import { CoastwatchError } from '../../domain/errors.js';
import type { FixBatch } from '../../domain/track.js';
import { timeOrder } from '../../domain/track.js';
import { detectKind, readTrackFile, readTracks } from './read.js';
import { FixSink } from './sink.js';

const withDir = async (fn: (dir: string) => Promise<void>) => {
  const { dir, done } = tempDir();
  try {
    await fn(dir);
  } finally {
    done();
  }
};

const csvRows = (n: number, tracks = 1) => {
  const rows = ['time,lat,lon,alt,callsign'];
  for (let i = 0; i < n; i++) {
    rows.push(`${1796119200 + 10 * i},${(32 + i * 1e-4).toFixed(5)},15,3000,SEEK${i % tracks}`);
  }
  return `${rows.join('\n')}\n`;
};

describe('format detection', () => {
  it('tells formats apart by content; the extension only breaks ties', () => {
    assert.equal(detectKind('<?xml version="1.0"?>\n<gpx version="1.1">', '.xml'), 'gpx');
    assert.equal(
      detectKind('\uFEFF<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2">', '.gpx'),
      'kml',
    );
    assert.equal(detectKind('<Placemark><name>a</name></Placemark>', ''), 'kml');
    assert.equal(detectKind('{"icao":"ac671b",\n "timestamp": 1, "trace":[[0,1,2]]}', '.json'), 'readsb');
    assert.equal(detectKind('{"type":"FeatureCollection","features":[]}', '.txt'), 'geojson');
    assert.equal(detectKind('AXCSAAA\r\nHFDTE081116\r\nB2243174429252S16959323EA004680042300000', ''), 'igc');
    assert.equal(detectKind('HFDTEDATE:121024\nB1105252031418N10317918WA0000000000399', '.txt'), 'igc');
    assert.equal(detectKind('time,lat,lon\n', '.txt'), 'csv');
    assert.equal(detectKind('Timestamp;UTC;Callsign', ''), 'csv');
    assert.equal(detectKind('hello world', '.dat'), null);
    assert.equal(detectKind('<html><body>', '.html'), null);
  });
});

describe('readTrackFile', () => {
  it('detects gzip by its magic bytes, whatever the name, and streams it', async () => {
    await withDir(async (dir) => {
      const p = join(dir, 'tracks.dat');
      writeFileSync(p, gzipSync(csvRows(1000, 2)));
      const progress: number[] = [];
      const report = await readTrackFile(p, () => {}, { onProgress: (d, t) => progress.push(d / t) });
      assert.equal(report.format, 'csv-plain');
      assert.equal(report.fixes, 1000);
      assert.equal(report.tracks, 2);
      assert.equal(progress.at(-1), 1);
    });
  });

  it('refuses corrupt gzip data as unreadable', async () => {
    await withDir(async (dir) => {
      const p = join(dir, 'bad.csv.gz');
      const gz = gzipSync(csvRows(2000));
      gz[gz.length >> 1] ^= 0xff;
      gz[(gz.length >> 1) + 1] ^= 0xff;
      writeFileSync(p, gz);
      await assert.rejects(
        readTrackFile(p, () => {}),
        { code: 'track.unreadable', message: /gzip data is corrupt/ },
      );
    });
  });

  it('hands out batches of at most batchSize fixes of one track each, in file order', async () => {
    await withDir(async (dir) => {
      const p = join(dir, 'b.csv');
      writeFileSync(p, csvRows(2500, 3));
      const batches: FixBatch[] = [];
      const report = await readTrackFile(p, (b) => batches.push(b), { batchSize: 300 });
      assert.equal(report.fixes, 2500);
      assert.ok(batches.every((b) => b.t.length <= 300 && b.t.length === b.lat.length));
      assert.ok(batches.every((b) => b.callsign === b.track.split('#')[1]));
      const seek1 = batches.filter((b) => b.track === 'b.csv#SEEK1').flatMap((b) => [...b.t]);
      assert.equal(seek1.length, 833);
      assert.deepEqual(
        seek1,
        [...seek1].sort((a, b) => a - b),
      );
    });
  });

  it('random bytes named .gpx are reported as not GPX (not as a CSV), with no binary bytes in the message', async () => {
    await withDir(async (dir) => {
      // a fixed pseudo-random byte string that holds commas and newlines, so it could pass for CSV
      let x = 12345;
      const bytes = Buffer.alloc(600, 0);
      for (let i = 0; i < bytes.length; i++) {
        x = (x * 1103515245 + 12345) & 0x7fffffff;
        bytes[i] = i % 37 === 5 ? 0x2c : i % 91 === 7 ? 0x0a : x >> 16;
      }
      const p = join(dir, 'flight.gpx');
      writeFileSync(p, bytes);
      await assert.rejects(
        readTrackFile(p, () => {}),
        (e: unknown) => {
          assert.ok(e instanceof CoastwatchError);
          assert.equal(e.code, 'track.unknown-format');
          assert.match(e.message, /: not GPX: it holds binary data, not GPX/);
          assert.doesNotMatch(e.message, /CSV coastwatch cannot read|its header/);
          // nothing a terminal would act on or show as garbage
          const odd = [...e.message].filter((ch) => {
            const c = ch.charCodeAt(0);
            return c < 32 || (c >= 0x7f && c <= 0x9f) || c === 0xfffd;
          });
          assert.deepEqual(odd, []);
          return true;
        },
      );
    });
  });

  it('a text file that is no format quotes its start with control characters escaped', async () => {
    await withDir(async (dir) => {
      const p = join(dir, 'x.txt');
      writeFileSync(p, 'hello\u001b[31m world, and a longer line of plain notes about nothing much\n');
      await assert.rejects(
        readTrackFile(p, () => {}),
        (e: unknown) => {
          assert.ok(e instanceof CoastwatchError);
          assert.match(e.message, /its header \(hello\\x1b\[31m world, and/);
          return true;
        },
      );
    });
  });

  it('a missing file, a folder and an unknown format are input errors that say what to do', async () => {
    await withDir(async (dir) => {
      const missing = join(dir, 'nope.gpx');
      await assert.rejects(
        readTrackFile(missing, () => {}),
        (e: unknown) => {
          assert.ok(e instanceof CoastwatchError);
          assert.deepEqual([e.kind, e.code, e.where], ['input', 'track.unreadable', missing]);
          assert.equal(e.message, `${missing}: cannot read the track file: no such file: check the path`);
          return true;
        },
      );
      mkdirSync(join(dir, 'sub'));
      await assert.rejects(
        readTrackFile(join(dir, 'sub'), () => {}),
        { code: 'track.unreadable', message: /is a folder/ },
      );
      const odd = join(dir, 'notes.txt');
      writeFileSync(odd, 'dear diary\n');
      await assert.rejects(
        readTrackFile(odd, () => {}),
        (e: unknown) => {
          assert.ok(e instanceof CoastwatchError && e.code === 'track.unknown-format');
          assert.match(
            e.message,
            /not a track format coastwatch reads \(it starts with "dear diary\\n"\); it reads GPX/,
          );
          assert.match(e.message, /KML .*KMZ.*GeoJSON.*IGC.*CSV.*readsb/);
          return true;
        },
      );
    });
  });

  it('a file with no usable fix names the file and why, and hands out nothing', async () => {
    await withDir(async (dir) => {
      const p = join(dir, 'empty.gpx');
      writeFileSync(p, '<gpx><trk><name>x</name><trkseg/></trk></gpx>');
      let batches = 0;
      await assert.rejects(
        readTrackFile(p, () => batches++),
        { code: 'track.no-fixes', message: `${p}: no usable fix: its 1 <trk> have no points` },
      );
      assert.equal(batches, 0);
      const blank = join(dir, 'blank.csv');
      writeFileSync(blank, '\n\n   \n');
      await assert.rejects(
        readTrackFile(blank, () => {}),
        { code: 'track.no-fixes', message: /only blanks/ },
      );
    });
  });

  it('passes on what the consumer throws, unchanged', async () => {
    await withDir(async (dir) => {
      const p = join(dir, 'c.csv');
      writeFileSync(p, csvRows(100));
      const stop = new CoastwatchError('input', 'audit.stop', 'enough');
      await assert.rejects(
        readTrackFile(p, () => {
          throw stop;
        }),
        (e: unknown) => e === stop,
      );
      const bug = new TypeError('oops');
      await assert.rejects(
        readTrackFile(p, () => {
          throw bug;
        }),
        (e: unknown) => e === bug,
      );
    });
  });

  it('a GPX that is not XML says so', async () => {
    await withDir(async (dir) => {
      const p = join(dir, 'x.gpx');
      writeFileSync(p, '<gpx><trk></gpx>');
      await assert.rejects(
        readTrackFile(p, () => {}),
        { code: 'track.no-fixes', message: /not well-formed XML/ },
      );
    });
  });
});

describe('readTracks', () => {
  it('sorts each track by time, stably, untimed fixes staying after their predecessor', () => {
    assert.equal(timeOrder(Float64Array.from([1, 2, Number.NaN, 3])), null);
    assert.deepEqual([...(timeOrder(Float64Array.from([5, Number.NaN, 1, 1, 3])) ?? [])], [2, 3, 4, 0, 1]);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(Number.NaN)), { maxLength: 60 }),
        (xs) => {
          const t = Float64Array.from(xs);
          const order = timeOrder(t);
          const sorted = order ? [...order].map((i) => t[i]) : [...t];
          const timed = sorted.filter((v) => !Number.isNaN(v));
          assert.deepEqual(
            timed,
            [...timed].sort((a, b) => a - b),
          );
          assert.equal(sorted.length, t.length);
        },
      ),
    );
  });

  it('assembles tracks across batches', async () => {
    await withDir(async (dir) => {
      const p = join(dir, 'a.csv');
      writeFileSync(p, csvRows(1000, 4));
      const { tracks, report } = await readTracks(p, { batchSize: 64 });
      assert.equal(report.fixes, 1000);
      assert.deepEqual(
        tracks.map((t) => [t.id, t.t.length, t.source]),
        [0, 1, 2, 3].map((k) => [`a.csv#SEEK${k}`, 250, p]),
      );
    });
  });
});

describe('FixSink', () => {
  it('bounds what it buffers however many tracks interleave', () => {
    let out = 0;
    let biggest = 0;
    const sink = new FixSink(
      (b) => {
        out += b.t.length;
      },
      65536,
      10000,
    );
    const tbs = Array.from({ length: 5000 }, (_, i) => sink.open(`k${i}`));
    for (let r = 0; r < 20; r++) {
      for (const tb of tbs) {
        sink.add(tb, r, 15, 32, 0);
        biggest = Math.max(biggest, sink.fixes - out);
      }
    }
    sink.flushAll();
    assert.equal(out, 100000);
    assert.ok(biggest <= 10000, `buffered ${biggest}`);
  });
});
