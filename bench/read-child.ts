/**
 * Child process of the readers benchmark: reads one track file, counting fixes, and prints what it did as JSON,
 * so that its peak memory (measured by rss-wrap) is the reader's alone.
 * usage: node dist/bench/rss-wrap.js dist/bench/read-child.js FILE
 */
import { readTrackFile } from '../src/formats/tracks/read.js';

const t0 = performance.now();
let handed = 0;
const report = await readTrackFile(process.argv[2], (b) => {
  handed += b.t.length;
});
console.log(
  JSON.stringify({ fixes: report.fixes, handed, tracks: report.tracks, ms: performance.now() - t0 }),
);
