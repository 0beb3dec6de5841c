// Which pool a staff member runs, and how pools are named. A prefecture's staff run their prefecture's pool;
// ministry staff run the national list (国の外部人材リスト), the pool with code '00', with the same pages.
import type { DbExecutor } from '../../db/client'
import { findPrefecture } from '../../db/queries/local-government'
import type { ProfileViewer } from '../../db/queries/profile-visibility'
import { NATIONAL_LIST_CODE } from '../../db/schema'
import type { SessionUser } from '../utils/auth.server'
import { roleHasPermission } from '../utils/permissions'

export { NATIONAL_LIST_CODE }

/** The pool this user may change: their prefecture's, or the national list; null = may only read. */
export function managedPoolCode(user: Pick<SessionUser, 'role' | 'prefecture_code'>): string | null {
  if (user.prefecture_code && roleHasPermission(user.role, 'update:pool:own-prefecture')) return user.prefecture_code
  if (roleHasPermission(user.role, 'update:national-list:any')) return NATIONAL_LIST_CODE
  return null
}

/** For actions that change a pool: 403 for anyone who runs none. */
export function requirePoolManager(user: SessionUser): string {
  const code = managedPoolCode(user)
  if (!code) throw new Response('この操作を行う権限がありません。', { status: 403 })
  return code
}

/** Rows a change may touch: only the pool the user runs ('__none__' matches nothing). */
export function managedScope(user: SessionUser): { prefectureCode: string } {
  return { prefectureCode: managedPoolCode(user) ?? '__none__' }
}

/** Rows a user may read: the ministry reads every pool; prefecture staff only their own. */
export function readScope(user: SessionUser): { prefectureCode?: string } {
  if (roleHasPermission(user.role, 'read:pool:any')) return {}
  return { prefectureCode: user.prefecture_code ?? '__none__' }
}

/**
 * Whose consent applies when this user reads profiles (db/queries/profile-visibility.ts): the ministry's
 * for ministry staff, the prefecture's for its staff; null (sees no profile) for anyone else.
 */
export function profileViewerOf(user: Pick<SessionUser, 'role' | 'prefecture_code'>): ProfileViewer | null {
  if (roleHasPermission(user.role, 'read:pool:any')) return { kind: 'ministry' }
  if (user.prefecture_code && roleHasPermission(user.role, 'read:pool:own-prefecture'))
    return { kind: 'prefecture', prefectureCode: user.prefecture_code }
  return null
}

/** The audit log and mail outbox keep prefecture codes; the national list is national (null). */
export function prefectureColumn(poolCode: string): string | null {
  return poolCode === NATIONAL_LIST_CODE ? null : poolCode
}

/**
 * 「広島県の人材プール」/「国の外部人材リスト」, and who runs it (「広島県」/「総務省・デジタル庁」). Inside a
 * transaction pass the transaction (PGlite has one connection: the outer pool would wait forever).
 */
export async function describePool(db: DbExecutor, poolCode: string): Promise<{ poolLabel: string; orgLabel: string }> {
  if (poolCode === NATIONAL_LIST_CODE) return { poolLabel: '国の外部人材リスト', orgLabel: '総務省・デジタル庁' }
  const name = (await findPrefecture(db, poolCode))?.name ?? ''
  return { poolLabel: `${name}の人材プール`, orgLabel: name }
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; constraint_name?: string; message?: string }
  return (
    e?.code === '23505' &&
    (e.constraint === constraint || e.constraint_name === constraint || Boolean(e.message?.includes(constraint)))
  )
}
