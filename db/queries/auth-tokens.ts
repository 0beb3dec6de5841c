import { sql } from 'kysely'
import type { DbExecutor } from '../client'
import type { AuthTokenPurpose } from '../schema'

export interface NewAuthToken {
  id: string
  purpose: AuthTokenPurpose
  tokenHash: string
  email: string
  userId?: string | null
  payload?: Record<string, unknown>
  createdBy?: string | null
  expiresAt: Date
}

export async function insertAuthToken(db: DbExecutor, token: NewAuthToken): Promise<void> {
  await db
    .insertInto('auth_token')
    .values({
      id: token.id,
      purpose: token.purpose,
      token_hash: token.tokenHash,
      email: token.email,
      user_id: token.userId ?? null,
      payload: token.payload ?? {},
      created_by: token.createdBy ?? null,
      expires_at: token.expiresAt,
    })
    .execute()
}

export type TokenLookup =
  | {
      status: 'valid'
      token: {
        id: string
        email: string
        user_id: string | null
        payload: Record<string, unknown>
        created_by: string | null
        expires_at: Date
      }
    }
  | { status: 'used' | 'expired' | 'unknown' }

/** Reads a token without using it (to show the form behind a link). */
export async function findAuthToken(
  db: DbExecutor,
  purpose: AuthTokenPurpose,
  tokenHash: string,
): Promise<TokenLookup> {
  const row = await db
    .selectFrom('auth_token')
    .select(['id', 'email', 'user_id', 'payload', 'created_by', 'used_at', 'expires_at'])
    .where('purpose', '=', purpose)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
  if (!row) return { status: 'unknown' }
  if (row.used_at) return { status: 'used' }
  if (new Date(row.expires_at).getTime() <= Date.now()) return { status: 'expired' }
  return { status: 'valid', token: row }
}

/**
 * Uses a token exactly once: one UPDATE that only succeeds while the token is unused and unexpired, so two
 * concurrent requests with the same link cannot both win.
 */
export async function consumeAuthToken(
  db: DbExecutor,
  purpose: AuthTokenPurpose,
  tokenHash: string,
): Promise<TokenLookup> {
  const used = await db
    .updateTable('auth_token')
    .set({ used_at: sql`now()` })
    .where('purpose', '=', purpose)
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['id', 'email', 'user_id', 'payload', 'created_by', 'expires_at'])
    .executeTakeFirst()
  if (used) return { status: 'valid', token: used }
  const lookup = await findAuthToken(db, purpose, tokenHash)
  return lookup.status === 'valid' ? { status: 'used' } : lookup
}

/** Older unused tokens of the same purpose for the same address stop working when a new one is issued. */
export async function revokeOpenAuthTokens(db: DbExecutor, purpose: AuthTokenPurpose, email: string): Promise<void> {
  await db
    .updateTable('auth_token')
    .set({ used_at: sql`now()` })
    .where('purpose', '=', purpose)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('used_at', 'is', null)
    .execute()
}

/** Every unused token issued for an account (verification, reset, e-mail change) stops working. */
export async function revokeUserAuthTokens(db: DbExecutor, userId: string): Promise<void> {
  await db
    .updateTable('auth_token')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute()
}

export async function listOpenInvitations(db: DbExecutor, scope: { prefectureCode?: string }) {
  let query = db
    .selectFrom('auth_token')
    .select(['id', 'email', 'payload', 'created_at', 'expires_at'])
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
  if (scope.prefectureCode !== undefined) {
    query = query.where(sql<string>`payload->>'prefectureCode'`, '=', scope.prefectureCode)
  }
  return query.orderBy('created_at', 'desc').execute()
}

/** Every token of an account (they are credentials and carry the address), for deleting the account. */
export async function deleteAuthTokensOfUser(db: DbExecutor, userId: string): Promise<void> {
  await db.deleteFrom('auth_token').where('user_id', '=', userId).execute()
}
