// Sessions (lucia's rows, app/utils/session.server.ts) ended inside a caller's transaction: lucia's own calls
// would use another connection.
import type { DbExecutor } from '../client'

/** Ends every session of an account except the one given (the one the change was made from). */
export async function deleteOtherUserSessions(db: DbExecutor, userId: string, keepSessionId: string): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute()
}

/** Ends every session of an account. */
export async function deleteUserSessions(db: DbExecutor, userId: string): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute()
}
