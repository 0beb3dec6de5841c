// SQL for invitations by e-mail to join a pool (「メールで登録を依頼」): auth_token rows of purpose
// 'pool_invitation' whose payload names the pool member (payload.poolMemberId).
import { sql } from 'kysely'
import type { DbExecutor } from '../client'

/** The newest invitation sent for a member (older ones were revoked when it was sent). */
export async function findLatestPoolInvitation(db: DbExecutor, poolMemberId: string) {
  return db
    .selectFrom('auth_token')
    .select(['id', 'email', 'payload', 'created_at', 'expires_at', 'used_at'])
    .where('purpose', '=', 'pool_invitation')
    .where(sql<string>`payload->>'poolMemberId'`, '=', poolMemberId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Sending again invalidates the open link (marked 'replaced', so the page can tell it from an answer). */
export async function revokePoolInvitations(db: DbExecutor, poolMemberId: string): Promise<void> {
  await db
    .updateTable('auth_token')
    .set({ used_at: sql`now()`, payload: sql`payload || '{"outcome":"replaced"}'::jsonb` })
    .where('purpose', '=', 'pool_invitation')
    .where(sql<string>`payload->>'poolMemberId'`, '=', poolMemberId)
    .where('used_at', 'is', null)
    .execute()
}

export async function recordInvitationOutcome(
  db: DbExecutor,
  tokenId: string,
  outcome: 'accepted' | 'declined',
): Promise<void> {
  await db
    .updateTable('auth_token')
    .set({ payload: sql`payload || jsonb_build_object('outcome', ${outcome}::text)` })
    .where('id', '=', tokenId)
    .execute()
}
