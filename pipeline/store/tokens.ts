/**
 * Access tokens: a reporting unit's (submits for that unit only), a supervisor's (bound to a city and to 责任单位),
 * an administrator's (a city's, or the whole installation's without one). Only a sha256 of the secret is stored;
 * the secret is shown once, when issued. A revoked token is refused from then on.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { IntakeTables, TokenKind, TokensTable } from './tables';

export interface TokenInfo {
  id: string;
  kind: TokenKind;
  unitCode: string | null;
  city: string | null;
  responsible: string[];
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface IssueRequest {
  kind: TokenKind;
  unitCode?: string | null;
  city?: string | null;
  responsible?: string[];
  label?: string | null;
}

export type Verification = { ok: true; token: TokenInfo } | { ok: false; why: 'unknown' | 'revoked' };

/** "pm_" and 32 random bytes: long enough that guessing is hopeless, recognisable in a leaked log. */
const PREFIX = 'pm_';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export class TokenStore {
  constructor(private readonly db: Kysely<IntakeTables>) {}

  async issue(req: IssueRequest): Promise<{ secret: string; token: TokenInfo }> {
    const secret = PREFIX + randomBytes(32).toString('base64url');
    const row: TokensTable = {
      id: randomBytes(5).toString('hex'), hash: hashSecret(secret), kind: req.kind, unit_code: req.unitCode ?? null,
      city: req.city ?? null, responsible: JSON.stringify(req.responsible ?? []), label: req.label ?? null,
      created_at: new Date().toISOString(), revoked_at: null,
    };
    await this.db.insertInto('tokens').values(row).execute();
    return { secret, token: info(row) };
  }

  async verify(secret: string): Promise<Verification> {
    if (!secret.startsWith(PREFIX)) return { ok: false, why: 'unknown' };
    const row = await this.db.selectFrom('tokens').selectAll().where('hash', '=', hashSecret(secret)).executeTakeFirst();
    if (!row) return { ok: false, why: 'unknown' };
    if (row.revoked_at) return { ok: false, why: 'revoked' };
    return { ok: true, token: info(row) };
  }

  /** Revokes by id; false when no such token. Revoking twice keeps the first time. */
  async revoke(id: string): Promise<boolean> {
    const found = await this.db.selectFrom('tokens').select(['id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
    if (!found) return false;
    if (!found.revoked_at) await this.db.updateTable('tokens').set({ revoked_at: new Date().toISOString() }).where('id', '=', id).execute();
    return true;
  }

  async list(): Promise<TokenInfo[]> {
    const rows = await this.db.selectFrom('tokens').selectAll().orderBy('created_at').execute();
    return rows.map(info);
  }
}

/** Whether a token may see what belongs to `city`: a token bound to a city sees only that city's. */
export function seesCity(token: Pick<TokenInfo, 'city'>, city: string): boolean {
  return token.city === null || token.city === city;
}

function info(row: TokensTable): TokenInfo {
  return {
    id: row.id, kind: row.kind, unitCode: row.unit_code, city: row.city, responsible: JSON.parse(row.responsible) as string[],
    label: row.label, createdAt: row.created_at, revokedAt: row.revoked_at,
  };
}
