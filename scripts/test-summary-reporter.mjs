// A node:test reporter for the end of `npm test`: the five slowest test files, then one line,
// "N passed, N failed, N skipped". Suites are not counted (node's own summary counts them as tests too).
import { relative } from 'node:path';

export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const byFile = new Map();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.nesting === 0 && data.file)
      byFile.set(data.file, (byFile.get(data.file) ?? 0) + (data.details?.duration_ms ?? 0));
    if (data.details?.type === 'suite') continue;
    if (data.skip || data.todo) skipped++;
    else if (event.type === 'test:pass') passed++;
    else failed++;
  }
  const slow = [...byFile]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([f, ms]) => `${relative(process.cwd(), f)} ${(ms / 1000).toFixed(0)} s`);
  if (slow.length) yield `slowest: ${slow.join(', ')}\n`;
  yield `${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
