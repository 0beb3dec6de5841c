import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DbExecutor } from '../client'
import { NATIONAL_LIST_CODE, type PoolStatus } from '../schema'
import { type ProfileViewer, profileVisibleTo } from './profile-visibility'

/** A role filter: a catalogue role id, or 'none' for members with no 人材像 set. */
export type RoleFilter = string | 'none'

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
  'pool_member.person_email',
] as const

/**
 * The person as this viewer may see them. The name is the pool's record of whom it holds and is always shown;
 * the e-mail comes from the profile only while its owner shares it with the viewer (profile-visibility.ts),
 * else it is the address the staff typed themselves (null for applications and national-list copies).
 */
const personColumns = (viewer: ProfileViewer | null) => {
  const visible = profileVisibleTo(viewer)
  return [
    sql<string | null>`coalesce(profile.family_name || ' ' || profile.given_name, pool_member.person_name)`.as(
      'display_name',
    ),
    sql<
      string | null
    >`coalesce(profile.family_name_kana || ' ' || profile.given_name_kana, pool_member.person_name_kana)`.as(
      'display_kana',
    ),
    sql<
      string | null
    >`case when ${visible} then coalesce(profile.contact_email, pool_member.person_email) else pool_member.person_email end`.as(
      'display_email',
    ),
    visible.as('profile_visible'),
  ] as const
}

/** One member, only if it belongs to the given prefecture (undefined scope = national read). */
export async function findPoolMember(
  db: DbExecutor,
  id: string,
  scope: { prefectureCode?: string },
  viewer: ProfileViewer | null,
) {
  let query = db
    .selectFrom('pool_member')
    .leftJoin('profile', 'profile.id', 'pool_member.profile_id')
    .select(memberColumns)
    .select(personColumns(viewer))
    .where('pool_member.id', '=', id)
  if (scope.prefectureCode !== undefined) query = query.where('pool_member.prefecture_code', '=', scope.prefectureCode)
  return query.executeTakeFirst()
}

export async function listPoolMembers(
  db: DbExecutor,
  scope: { prefectureCode?: string },
  viewer: ProfileViewer | null,
  filter: { status?: PoolStatus; roleId?: RoleFilter } = {},
) {
  let query = db
    .selectFrom('pool_member')
    .leftJoin('profile', 'profile.id', 'pool_member.profile_id')
    .select(memberColumns)
    .select(personColumns(viewer))
  if (scope.prefectureCode !== undefined) query = query.where('pool_member.prefecture_code', '=', scope.prefectureCode)
  if (filter.status) query = query.where('pool_member.status', '=', filter.status)
  if (filter.roleId === 'none')
    query = query.where(sql<number>`jsonb_array_length(pool_member.target_role_ids)`, '=', 0)
  else if (filter.roleId)
    query = query.where(
      sql<boolean>`pool_member.target_role_ids @> jsonb_build_array(${filter.roleId}::text)`,
      '=',
      true,
    )
  return query.orderBy('pool_member.updated_at', 'desc').limit(500).execute()
}

/** The pool's CSV rows, with their training records; contact details only as the viewer may see them. */
export async function listPoolMembersForExport(
  db: DbExecutor,
  scope: { prefectureCode?: string },
  viewer: ProfileViewer | null,
) {
  return db
    .selectFrom('pool_member')
    .leftJoin('profile', 'profile.id', 'pool_member.profile_id')
    .select([
      'pool_member.id',
      'pool_member.prefecture_code',
      'pool_member.status',
      'pool_member.source',
      'pool_member.created_at',
      'pool_member.updated_at',
      'pool_member.interview_at',
      'pool_member.interview_place',
    ])
    .select(personColumns(viewer))
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('training_record')
          .select(['training_record.title', 'training_record.completed_on'])
          .whereRef('training_record.pool_member_id', '=', 'pool_member.id')
          .orderBy('training_record.created_at'),
      ).as('trainings'),
    ])
    .$if(scope.prefectureCode !== undefined, (q) => q.where('pool_member.prefecture_code', '=', scope.prefectureCode!))
    .orderBy('pool_member.prefecture_code')
    .orderBy('pool_member.created_at')
    .execute()
}

export async function countPoolMembersByStatus(db: DbExecutor, scope: { prefectureCode?: string }) {
  let query = db
    .selectFrom('pool_member')
    .select(['status', sql<number>`count(*)`.as('count')])
    .groupBy('status')
  if (scope.prefectureCode !== undefined) query = query.where('prefecture_code', '=', scope.prefectureCode)
  const rows = await query.execute()
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)])) as Partial<Record<PoolStatus, number>>
}

/**
 * Members per 人材像 (target role) and status: one row per (role, status); role_id null = 人材像未設定.
 * A member with two target roles counts under both.
 */
export async function countPoolMembersByRole(db: DbExecutor, scope: { prefectureCode?: string }) {
  const rows = await sql<{ role_id: string | null; status: PoolStatus; count: string | number }>`
    select r.role_id, pm.status, count(*) as count
    from pool_member pm
    left join lateral jsonb_array_elements_text(pm.target_role_ids) as r(role_id) on true
    where ${scope.prefectureCode === undefined ? sql`true` : sql`pm.prefecture_code = ${scope.prefectureCode}`}
    group by r.role_id, pm.status`.execute(db)
  return rows.rows.map((r) => ({ roleId: r.role_id, status: r.status, count: Number(r.count) }))
}

/** The pool roles (人材像) of the published skill standard, in catalogue order (internal roles excluded). */
export async function listPoolRoleOptions(db: DbExecutor): Promise<Array<{ value: string; label: string }>> {
  const rows = await db
    .selectFrom('role_revision')
    .innerJoin('skill_standard_version', 'skill_standard_version.id', 'role_revision.version_id')
    .select(['role_revision.role_id', 'role_revision.name'])
    .where('skill_standard_version.status', '=', 'published')
    .where('role_revision.retired', '=', false)
    .where('role_revision.internal', '=', false)
    .orderBy('role_revision.sort_order')
    .orderBy('role_revision.role_id')
    .execute()
  return rows.map((r) => ({ value: r.role_id, label: r.name }))
}

/** Names for role ids, including retired ones (newest non-draft revision). */
export async function resolveRoleNames(db: DbExecutor, roleIds: readonly string[]): Promise<Map<string, string>> {
  if (roleIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('role_revision')
    .innerJoin('skill_standard_version', 'skill_standard_version.id', 'role_revision.version_id')
    .distinctOn('role_revision.role_id')
    .select(['role_revision.role_id', 'role_revision.name'])
    .where('role_revision.role_id', 'in', roleIds)
    .where('skill_standard_version.status', '!=', 'draft')
    .orderBy('role_revision.role_id')
    .orderBy('skill_standard_version.version_no', 'desc')
    .execute()
  return new Map(rows.map((r) => [r.role_id, r.name]))
}

export async function setTargetRoles(
  db: DbExecutor,
  id: string,
  roleIds: string[],
  lockVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('pool_member')
    .set({ target_role_ids: roleIds, lock_version: sql`lock_version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

// ---- invitations by e-mail (auth_token purpose 'pool_invitation', payload.poolMemberId) ----------------------

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

// ---- the national list as prefectures see it ---------------------------------------------------------------

/**
 * National-list members a viewer may see: 登録 (registered), linked to a profile whose owner consented to the
 * national list, and whose profile the viewer may see at all (the prefectures the person chose, or one they
 * applied to themselves: profile-visibility.ts). People added directly without a profile never appear.
 * `own_member_id` tells whether the viewer's prefecture already has them.
 */
export async function listConsentedNationalList(db: DbExecutor, viewer: ProfileViewer, memberId?: string) {
  // Ministry viewers have no pool of their own here: '__none__' marks nobody as already added.
  const ownPool = viewer.kind === 'prefecture' ? viewer.prefectureCode : '__none__'
  let query = db
    .selectFrom('pool_member')
    .innerJoin('profile', 'profile.id', 'pool_member.profile_id')
    .leftJoin('pool_member as own', (join) =>
      join.onRef('own.profile_id', '=', 'pool_member.profile_id').on('own.prefecture_code', '=', ownPool),
    )
    .select([
      'pool_member.id',
      'pool_member.profile_id',
      'pool_member.target_role_ids',
      'pool_member.updated_at',
      'profile.residence_prefecture_code',
      'profile.years_private_it',
      'profile.years_public_sector',
      'own.id as own_member_id',
      'own.status as own_status',
      sql<string>`profile.family_name || ' ' || profile.given_name`.as('name'),
      sql<string>`profile.family_name_kana || ' ' || profile.given_name_kana`.as('kana'),
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('training_record')
          .select(['training_record.title', 'training_record.provider', 'training_record.completed_on'])
          .whereRef('training_record.pool_member_id', '=', 'pool_member.id')
          .orderBy('training_record.created_at'),
      ).as('trainings'),
    ])
    .where('pool_member.prefecture_code', '=', NATIONAL_LIST_CODE)
    .where('pool_member.status', '=', 'registered')
    .where('profile.national_list_consent', '=', true)
    .where(profileVisibleTo(viewer))
  if (memberId) query = query.where('pool_member.id', '=', memberId)
  return query.orderBy('profile.family_name_kana').orderBy('profile.given_name_kana').limit(1000).execute()
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
  return (
    db
      .selectFrom('pool_member')
      // The national list ('00') has no local_government row: its name is given by the caller.
      .leftJoin('local_government', (join) =>
        join
          .onRef('local_government.prefecture_code', '=', 'pool_member.prefecture_code')
          .on('local_government.kind', '=', 'prefecture'),
      )
      .select([
        'pool_member.id',
        'pool_member.prefecture_code',
        'pool_member.status',
        'pool_member.application_message',
        'pool_member.created_at',
        'pool_member.updated_at',
        'local_government.name as prefecture_name',
      ])
      .where('pool_member.profile_id', '=', profileId)
      .orderBy('pool_member.created_at', 'desc')
      .execute()
  )
}

export async function insertPoolEvent(
  db: DbExecutor,
  event: {
    poolMemberId: string
    from: PoolStatus | null
    to: PoolStatus
    actorUserId: string | null
    actorLabel: string
    note?: string
  },
) {
  await db
    .insertInto('pool_member_event')
    .values({
      pool_member_id: event.poolMemberId,
      from_status: event.from,
      to_status: event.to,
      actor_user_id: event.actorUserId,
      actor_label: event.actorLabel,
      note: event.note ?? '',
    })
    .execute()
}

/** Status change guarded by the expected current status and lock version (no lost updates). */
export async function setPoolStatus(
  db: DbExecutor,
  id: string,
  { from, to, lockVersion }: { from: PoolStatus; to: PoolStatus; lockVersion: number },
) {
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
 * (spaces ignored) and birth year. A profile's e-mail and birth year are compared only while its owner shares
 * the profile with the viewer: the check must not reveal them otherwise.
 */
export async function findPossibleDuplicates(
  db: DbExecutor,
  prefectureCode: string,
  viewer: ProfileViewer | null,
  person: { name: string; email: string | null; birthYear: number | null },
) {
  const name = person.name.replace(/[\s　]/g, '')
  const visible = profileVisibleTo(viewer)
  return db
    .selectFrom('pool_member')
    .leftJoin('profile', 'profile.id', 'pool_member.profile_id')
    .select(['pool_member.id', 'pool_member.status'])
    .select(personColumns(viewer))
    .where('pool_member.prefecture_code', '=', prefectureCode)
    .where((eb) => {
      const byEmail = person.email
        ? [
            eb(
              sql<string>`lower(case when ${visible} then coalesce(profile.contact_email, pool_member.person_email) else pool_member.person_email end)`,
              '=',
              person.email.toLowerCase(),
            ),
          ]
        : []
      const byNameAndYear =
        person.birthYear !== null
          ? [
              eb.and([
                eb(
                  sql<string>`regexp_replace(coalesce(profile.family_name || profile.given_name, pool_member.person_name), '[[:space:]　]', '', 'g')`,
                  '=',
                  name,
                ),
                eb(
                  sql<number>`case when ${visible} then coalesce(profile.birth_year, pool_member.person_birth_year) else pool_member.person_birth_year end`,
                  '=',
                  person.birthYear,
                ),
              ]),
            ]
          : []
      return eb.or([...byEmail, ...byNameAndYear, eb.val(false)])
    })
    .execute()
}
