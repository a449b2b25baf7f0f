/** API tokens for the command line: made, listed and revoked in the server's store, without starting it. */
import { createHash, randomBytes } from 'node:crypto';
import { openStore } from '../store/open.js';
import type { Role, TokenRow } from '../store/store.js';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newToken = (): string => `cw_${randomBytes(32).toString('base64url')}`;
export const newTokenId = (): string => `tok_${randomBytes(9).toString('base64url')}`;

export async function openStoreForTokens(db: string) {
  const store = await openStore(db);
  return {
    async create(role: Role, name?: string): Promise<{ token: string; row: TokenRow }> {
      const token = newToken();
      const row = await store.createToken(newTokenId(), name ?? `${role} token`, role, hashToken(token));
      return { token, row };
    },
    list: () => store.listTokens(),
    revoke: (id: string) => store.revokeToken(id),
    close: () => store.close(),
  };
}
