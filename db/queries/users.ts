import { sql } from 'kysely'
import type { DbExecutor } from '../client'
import type { AppUser, NewAppUser, Role } from '../schema'

export const userColumns = [
  'id',
  'email',
  'email_verified_at',
  'password_hash',
  'display_name',
  'role',
  'prefecture_code',
  'municipality_code',
  'deactivated_at',
  'created_at',
  'updated_at',
] as const

export async function findUserById(db: DbExecutor, id: string): Promise<AppUser | undefined> {
  return db.selectFrom('app_user').select(userColumns).where('id', '=', id).executeTakeFirst()
}

export async function findUserByEmail(db: DbExecutor, email: string): Promise<AppUser | undefined> {
  return db
    .selectFrom('app_user')
    .select(userColumns)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()
}

export async function insertUser(db: DbExecutor, user: NewAppUser): Promise<AppUser> {
  return db.insertInto('app_user').values(user).returning(userColumns).executeTakeFirstOrThrow()
}

export async function updateUser(
  db: DbExecutor,
  id: string,
  changes: Partial<
    Pick<
      AppUser,
      | 'email'
      | 'email_verified_at'
      | 'password_hash'
      | 'display_name'
      | 'deactivated_at'
      | 'role'
      | 'prefecture_code'
      | 'municipality_code'
    >
  >,
): Promise<AppUser> {
  return db
    .updateTable('app_user')
    .set({ ...changes, updated_at: sql`now()` })
    .where('id', '=', id)
    .returning(userColumns)
    .executeTakeFirstOrThrow()
}

export interface UserScope {
  /** Restrict to one prefecture (its staff and its municipalities' staff); undefined = national. */
  prefectureCode?: string
}

interface StaffUserFilter {
  roles?: readonly Role[]
  includeDeactivated?: boolean
}

function staffUsers(db: DbExecutor, scope: UserScope, { roles, includeDeactivated = true }: StaffUserFilter) {
  let query = db.selectFrom('app_user').where('app_user.role', '!=', 'professional')
  if (scope.prefectureCode !== undefined) query = query.where('app_user.prefecture_code', '=', scope.prefectureCode)
  if (roles && roles.length > 0) query = query.where('app_user.role', 'in', roles)
  if (!includeDeactivated) query = query.where('app_user.deactivated_at', 'is', null)
  return query
}

/** Staff accounts by prefecture, role and address: one page of them, or all without a range. */
export async function listStaffUsers(
  db: DbExecutor,
  scope: UserScope,
  filter: StaffUserFilter = {},
  range?: { limit: number; offset: number },
): Promise<Array<AppUser & { municipality_name: string | null }>> {
  return staffUsers(db, scope, filter)
    .leftJoin('local_government', 'local_government.code', 'app_user.municipality_code')
    .select(userColumns.map((c) => `app_user.${c}` as const))
    .select('local_government.name as municipality_name')
    .orderBy('app_user.prefecture_code')
    .orderBy('app_user.role')
    .orderBy('app_user.email')
    .orderBy('app_user.id')
    .$if(range !== undefined, (q) => q.limit(range!.limit).offset(range!.offset))
    .execute()
}

/** How many staff accounts listStaffUsers pages through. */
export async function countStaffUsers(db: DbExecutor, scope: UserScope, filter: StaffUserFilter = {}): Promise<number> {
  const row = await staffUsers(db, scope, filter)
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function countUsersByRole(db: DbExecutor, role: Role): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select(db.fn.countAll<number>().as('count'))
    .where('role', '=', role)
    .where('deactivated_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Whether the account has a professional's profile (names, contact, career: personal data). */
export async function userHasProfile(db: DbExecutor, userId: string): Promise<boolean> {
  const row = await db.selectFrom('profile').select('id').where('user_id', '=', userId).executeTakeFirst()
  return row !== undefined
}

/**
 * The staff who look after a pool: the prefecture's staff and admins, or the ministry's for the national list
 * ('00'); active, verified accounts only. A query, so that a mail to each of them is queued in one statement.
 */
export function poolStaffQuery(db: DbExecutor, poolCode: string) {
  return db
    .selectFrom('app_user')
    .select('email')
    .$if(poolCode === '00', (q) => q.where('role', 'in', ['ministry_staff', 'ministry_admin']))
    .$if(poolCode !== '00', (q) =>
      q.where('role', 'in', ['prefecture_staff', 'prefecture_admin']).where('prefecture_code', '=', poolCode),
    )
    .where('deactivated_at', 'is', null)
    .where('email_verified_at', 'is not', null)
}
