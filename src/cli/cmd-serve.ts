/** `coastwatch serve [--port N] [--host H] [--db PATH|postgres://...]`: the HTTP API and the web map. */
import { Coastwatch, filesDirFor, resolveDb } from '../app/service.js';
import { inputError } from '../domain/errors.js';
import { buildServer } from '../server/app.js';
import type { LegacyCommand as Command } from './spec.js';

export const DEFAULT_PORT = 8717;

/** A postgres URL without its password, for messages. */
export const showDb = (db: string): string => db.replace(/(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/i, '$1:***@');

export async function serve(opts: { port?: number; host?: string; db?: string; quiet?: boolean }) {
  const db = resolveDb(opts.db);
  const cw = await Coastwatch.open(db, { filesDir: filesDirFor(db) });
  // a larger upload limit for one's own bulk imports (and the 1 GB benchmark): COASTWATCH_UPLOAD_LIMIT_MB
  const mb = Number(process.env.COASTWATCH_UPLOAD_LIMIT_MB);
  const uploadLimit = Number.isFinite(mb) && mb > 0 ? mb * 2 ** 20 : undefined;
  const app = await buildServer(cw, { logger: !opts.quiet, uploadLimit });
  const host = opts.host ?? '127.0.0.1';
  const address = await app.listen({ port: opts.port ?? DEFAULT_PORT, host });
  const tokens = (await cw.store.listTokens()).filter((t) => t.revokedAt === null && t.role !== 'viewer');
  const close = async () => {
    await app.close();
    await cw.close();
  };
  return { app, cw, address, db, needsToken: tokens.length === 0, close };
}

export const serveCmd: Command = {
  summary: 'the HTTP API and the web map over one store (SQLite, or PostgreSQL/PostGIS)',
  usage: 'serve [--port N] [--host H] [--db PATH|postgres://...]',
  options: { port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' } },
  async run(_pos, v) {
    let port: number | undefined;
    if (v.port !== undefined) {
      port = Number(v.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw inputError('cli.bad-port', `must be a whole number 0..65535, got "${v.port}"`, '--port');
    }
    const s = await serve({ port, host: v.host as string | undefined, db: v.db as string | undefined });
    const dbArg = v.db ? ` --db ${JSON.stringify(v.db)}` : '';
    console.error(`coastwatch: serving ${s.address} (store: ${s.cw.store.kind} ${showDb(s.db)})`);
    if (s.needsToken)
      console.error(
        `coastwatch: no planner or admin token yet: make one with\n  coastwatch token create --role admin --name YOU${dbArg}`,
      );
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void s.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
