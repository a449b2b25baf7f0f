// A node:test reporter that writes one line, "N passed, N failed, N skipped", for the end of `npm test`.
// Suites are not counted (node's own summary counts them as tests too), only the tests inside them.
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') continue;
    // a file's own top-level "test" (nesting -1 / file-level wrapper) is not a test of ours
    if (data.file && data.name === data.file) continue;
    if (data.skip || data.todo) skipped++;
    else if (event.type === 'test:pass') passed++;
    else failed++;
  }
  yield `${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
