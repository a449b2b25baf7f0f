/**
 * Runs a Node entry point in this process and, on exit, writes the peak resident set size (KB) to the file
 * named by COASTWATCH_RSS_FILE, so the benchmark can measure a whole command without external tools.
 * usage: node dist/bench/rss-wrap.js ENTRY.js ARGS...
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(entry), ...args];
process.on('exit', () => {
  const file = process.env.COASTWATCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
await import(pathToFileURL(resolve(entry)).href);
