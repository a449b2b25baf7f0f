import { join } from 'node:path';
import { after, describe } from 'node:test';
import { storeSuite } from '../../test/support/store-suite.js';
import { tempDir } from '../../test/support/temp.js';
import { openStore } from './open.js';
import type { Store } from './store.js';

describe('SQLite store', () => {
  const tmp = tempDir('coastwatch-sqlite-');
  const file = join(tmp.dir, 'sub', 'coastwatch.db');
  const opened: Store[] = [];
  let current: Store | undefined;
  const open = async () => {
    current ??= await openStore(file);
    if (!opened.includes(current)) opened.push(current);
    return current;
  };
  after(async () => {
    for (const s of opened) await s.close();
    tmp.done();
  });
  storeSuite(open, async () => {
    await current?.close();
    opened.splice(opened.indexOf(current!), 1);
    current = await openStore(file);
    opened.push(current);
    return current;
  });
});
