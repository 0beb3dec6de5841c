import { sql } from 'kysely'
import type { DbExecutor } from '../client'
import type { PoolStatus } from '../schema'

const memberColumns = [
  'pool_member.id',
  'pool_member.prefecture_code',
  'pool_member.profile_id',
  'pool_member.status',
  'pool_member.source',
  'pool_member.application_message',
  'pool_member.target_role_ids',
  'pool_member.interview_at',
  'pool_member.interview_place',
  'pool_member.notes',
  'pool_member.lock_version',
  'pool_member.created_at',
  'pool_member.updated_at',
  'pool_member.partner_company_id',
  'pool_member.person_birth_year',
] as const

/** The person's name, kana and e-mail: from the profile when registered, else from the membership. */
const personColumns = [
  sql<string | null>`coalesce(profile.family_name || ' ' || profile.given_name, pool_member.person_name)`.as('display_name'),
  sql<string | null>`coalesce(profile.family_name_kana || ' ' || profile.given_name_kana, pool_member.person_name_kana)`.as('display_kana'),
  sql<string | null>`coalesce(profile.contact_email, pool_member.person_email)`.as('display_email'),
] as const

/** One member, only if it belongs to the given prefecture (undefined scope = national read). */
export async function findPoolMember(db: DbExecutor, id: string, scope: { prefectureCode?: string }) {
  let query = db
    .selectFrom('pool_member')
    .leftJoin('profile', 'profile.id', 'pool_member.profile_id')
    .select(memberColumns)
    .select(personColumns)
    .where('pool_member.id', '=', id)
  if (scope.prefectureCode !== undefined) query = query.where('pool_member.prefecture_code', '=', scope.prefectureCode)
  return query.executeTakeFirst()
}

export async function listPoolMembers(db: DbExecutor, scope: { prefectureCode?: string }, filter: { status?: PoolStatus } = {}) {
  let query = db
    .selectFrom('pool_member')
    .leftJoin('profile', 'profile.id', 'pool_member.profile_id')
    .select(memberColumns)
    .select(personColumns)
  if (scope.prefectureCode !== undefined) query = query.where('pool_member.prefecture_code', '=', scope.prefectureCode)
  if (filter.status) query = query.where('pool_member.status', '=', filter.status)
  return query.orderBy('pool_member.updated_at', 'desc').limit(500).execute()
}

export async function countPoolMembersByStatus(db: DbExecutor, scope: { prefectureCode?: string }) {
  let query = db.selectFrom('pool_member').select(['status', sql<number>`count(*)`.as('count')]).groupBy('status')
  if (scope.prefectureCode !== undefined) query = query.where('prefecture_code', '=', scope.prefectureCode)
  const rows = await query.execute()
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)])) as Partial<Record<PoolStatus, number>>
}

export async function listPoolEvents(db: DbExecutor, poolMemberId: string) {
  return db
    .selectFrom('pool_member_event')
    .select(['id', 'from_status', 'to_status', 'occurred_at', 'actor_label', 'note'])
    .where('pool_member_id', '=', poolMemberId)
    .orderBy('id')
    .execute()
}

export async function listMemberships(db: DbExecutor, profileId: string) {
  return db
    .selectFrom('pool_member')
    .innerJoin('local_government', (join) =>
      join.onRef('local_government.prefecture_code', '=', 'pool_member.prefecture_code').on('local_government.kind', '=', 'prefecture'),
    )
    .select(['pool_member.id', 'pool_member.prefecture_code', 'pool_member.status', 'pool_member.application_message', 'pool_member.created_at', 'pool_member.updated_at', 'local_government.name as prefecture_name'])
    .where('pool_member.profile_id', '=', profileId)
    .orderBy('pool_member.created_at', 'desc')
    .execute()
}

export async function insertPoolEvent(
  db: DbExecutor,
  event: { poolMemberId: string; from: PoolStatus | null; to: PoolStatus; actorUserId: string | null; actorLabel: string; note?: string },
) {
  await db
    .insertInto('pool_member_event')
    .values({ pool_member_id: event.poolMemberId, from_status: event.from, to_status: event.to, actor_user_id: event.actorUserId, actor_label: event.actorLabel, note: event.note ?? '' })
    .execute()
}

/** Status change guarded by the expected current status and lock version (no lost updates). */
export async function setPoolStatus(db: DbExecutor, id: string, { from, to, lockVersion }: { from: PoolStatus; to: PoolStatus; lockVersion: number }) {
  const result = await db
    .updateTable('pool_member')
    .set({ status: to, lock_version: sql`lock_version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', from)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Members of a prefecture's pool who may be the same person: same e-mail (case-insensitive), or same name
 * (spaces ignored) and birth year.
 */
export async function findPossibleDuplicates(
  db: DbExecutor,
  prefectureCode: string,
  person: { name: string; email: string | null; birthYear: number | null },
) {
  const name = person.name.replace(/[\s　]/g, '')
  return db
    .selectFrom('pool_member')
    .leftJoin('profile', 'profile.id', 'pool_member.profile_id')
    .select(['pool_member.id', 'pool_member.status'])
    .select(personColumns)
    .where('pool_member.prefecture_code', '=', prefectureCode)
    .where((eb) => {
      const byEmail = person.email
        ? [eb(sql<string>`lower(coalesce(profile.contact_email, pool_member.person_email))`, '=', person.email.toLowerCase())]
        : []
      const byNameAndYear =
        person.birthYear !== null
          ? [
              eb.and([
                eb(sql<string>`regexp_replace(coalesce(profile.family_name || profile.given_name, pool_member.person_name), '[[:space:]　]', '', 'g')`, '=', name),
                eb(sql<number>`coalesce(profile.birth_year, pool_member.person_birth_year)`, '=', person.birthYear),
              ]),
            ]
          : []
      return eb.or([...byEmail, ...byNameAndYear, eb.val(false)])
    })
    .execute()
}
