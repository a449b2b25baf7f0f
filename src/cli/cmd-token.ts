/** `coastwatch token create --role ROLE [--name N] [--db ...]`, `token list`, `token revoke ID`. */
import { hashToken, ROLES, type Role, resolveDb } from '../app/service.js';
import { openStoreForTokens } from '../app/tokens.js';
import { inputError } from '../domain/errors.js';
import type { LegacyCommand as Command } from './spec.js';
import { table } from './table.js';

export const tokenCmd: Command = {
  summary: "create, list or revoke API tokens (viewer, planner, admin) in the server's store",
  usage:
    'token create --role viewer|planner|admin [--name N] [--db ...] | token list [--db ...] | token revoke ID [--db ...]',
  options: { role: { type: 'string' }, name: { type: 'string' }, db: { type: 'string' } },
  async run(pos, v) {
    const [sub, ...rest] = pos;
    const store = await openStoreForTokens(resolveDb(v.db as string | undefined));
    try {
      if (sub === 'create') {
        const role = v.role as string | undefined;
        if (!role || !ROLES.includes(role as Role))
          throw inputError(
            'token.bad-role',
            `give --role viewer, planner or admin${role ? ` (got "${role}")` : ''}`,
            '--role',
          );
        const { token, row } = await store.create(role as Role, v.name as string | undefined);
        if (v.json) console.log(JSON.stringify({ id: row.id, name: row.name, role: row.role, token }));
        else {
          console.error(`token ${row.id} (${row.role}, "${row.name}"): shown once, keep it now`);
          console.log(token);
        }
        return 0;
      }
      if (sub === 'list') {
        const rows = await store.list();
        if (v.json) console.log(JSON.stringify(rows));
        else
          console.log(
            table(
              ['id', 'name', 'role', 'created', 'revoked'],
              rows.map((r) => [r.id, r.name, r.role, r.createdAt, r.revokedAt ?? '']),
            ),
          );
        return 0;
      }
      if (sub === 'revoke') {
        if (rest.length !== 1)
          throw inputError(
            'cli.missing-argument',
            'give the token id to revoke (see `coastwatch token list`)',
          );
        if (!(await store.revoke(rest[0])))
          throw inputError('token.unknown', `no live token with id "${rest[0]}"`, 'ID');
        console.error(`token ${rest[0]} revoked`);
        return 0;
      }
      throw inputError(
        'cli.bad-arguments',
        `token takes create, list or revoke\n\nusage: coastwatch ${this.usage}`,
      );
    } finally {
      await store.close();
    }
  },
};

export { hashToken };
