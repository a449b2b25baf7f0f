/** Opening the store a `--db` names: a postgres:// URL (or DATABASE_URL) for PostgreSQL, else a SQLite file. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/** $XDG_DATA_HOME/coastwatch, else ~/.local/share/coastwatch. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME !== '' ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'coastwatch');
}

export const isPostgresUrl = (db: string): boolean => /^postgres(?:ql)?:\/\//i.test(db);

/** What `--db` (or, without it, DATABASE_URL, else the default SQLite file) names. */
export function resolveDb(db: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return db ?? (env.DATABASE_URL || join(dataDir(env), 'coastwatch.db'));
}

/** Opens and migrates the store. */
export async function openStore(db: string): Promise<Store> {
  const store: Store = isPostgresUrl(db) ? new PostgresStore(db) : new SqliteStore(db);
  try {
    await store.migrate();
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
  return store;
}
