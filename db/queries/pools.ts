// SQL for prefectural talent pools (人材プール) and the national list (pool '00'): members, their history
// and the counts the pool pages show. Reads take the viewer's pool scope and consent (profile-visibility.ts).
import crypto from 'node:crypto'
import { type Insertable, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DbExecutor } from '../client'
import { type DB, NATIONAL_LIST_CODE, type PoolSource, type PoolStatus } from '../schema'
import { type ProfileViewer, profileVisibleTo } from './profile-visibility'
import { HISTORY_COLUMNS, historyValues } from './history'
import { moveTrainingRecords } from './training-records'

type NewPoolMember = Insertable<DB['pool_member']>

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

export interface PoolMemberFilter {
  status?: PoolStatus
  roleId?: RoleFilter
  /**
   * Only these profiles (the matches of a skill / work-style search), and only while the profile is shared with
   * the viewer: the rows' own consent check decides, whatever the search index says.
   */
  profileIds?: readonly string[]
}

function poolMembersMatching(
  db: DbExecutor,
  scope: { prefectureCode?: string },
  viewer: ProfileViewer | null,
  filter: PoolMemberFilter,
) {
  let query = db.selectFrom('pool_member').leftJoin('profile', 'profile.id', 'pool_member.profile_id')
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
  if (filter.profileIds) {
    if (filter.profileIds.length === 0) return query.where(sql<boolean>`false`)
    query = query
      .where('pool_member.profile_id', 'in', [...filter.profileIds])
      .where(profileVisibleTo(viewer), '=', true)
  }
  return query
}

/** One page of a pool's (or, without a prefecture, every pool's) members, the latest change first. */
export async function listPoolMembers(
  db: DbExecutor,
  scope: { prefectureCode?: string },
  viewer: ProfileViewer | null,
  filter: PoolMemberFilter,
  { limit, offset }: { limit: number; offset: number },
) {
  return poolMembersMatching(db, scope, viewer, filter)
    .select(memberColumns)
    .select(personColumns(viewer))
    .orderBy('pool_member.updated_at', 'desc')
    .orderBy('pool_member.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
}

/** How many members listPoolMembers pages through (for filters the per-status and per-role counts cannot answer). */
export async function countPoolMembersMatching(
  db: DbExecutor,
  scope: { prefectureCode?: string },
  viewer: ProfileViewer | null,
  filter: PoolMemberFilter,
): Promise<number> {
  const row = await poolMembersMatching(db, scope, viewer, filter)
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
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

/**
 * A pool's (or, without a prefecture, every pool's) members counted two ways in one statement: per status, and
 * per 人材像 (target role) and status — one row per (role, status); role_id null = 人材像未設定. A member with two
 * target roles counts under both roles but once in its status.
 */
export async function countPoolMembers(db: DbExecutor, scope: { prefectureCode?: string }) {
  const rows = await sql<{ role_id: string | null; status: PoolStatus; by_status: boolean; count: string | number }>`
    select r.role_id, pm.status, grouping(r.role_id) = 1 as by_status, count(distinct pm.id) as count
    from pool_member pm
    left join lateral jsonb_array_elements_text(pm.target_role_ids) as r(role_id) on true
    where ${scope.prefectureCode === undefined ? sql`true` : sql`pm.prefecture_code = ${scope.prefectureCode}`}
    group by grouping sets ((r.role_id, pm.status), (pm.status))`.execute(db)
  const byStatus: Partial<Record<PoolStatus, number>> = {}
  const byRole: Array<{ roleId: string | null; status: PoolStatus; count: number }> = []
  for (const row of rows.rows) {
    if (row.by_status) byStatus[row.status] = Number(row.count)
    else byRole.push({ roleId: row.role_id, status: row.status, count: Number(row.count) })
  }
  return { byStatus, byRole }
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
 * setPoolStatus and its history row in one statement (./history.ts): the event is written only if the guarded
 * update changed the member. False = someone changed the member in between (nothing written).
 */
export async function setPoolStatusWithEvent(
  db: DbExecutor,
  id: string,
  { from, to, lockVersion }: { from: PoolStatus; to: PoolStatus; lockVersion: number },
  event: { actorUserId: string | null; actorLabel: string; note?: string },
): Promise<boolean> {
  const written = await db
    .with('moved', (q) =>
      q
        .updateTable('pool_member')
        .set({ status: to, lock_version: sql`lock_version + 1`, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('status', '=', from)
        .where('lock_version', '=', lockVersion)
        .returning('id'),
    )
    .insertInto('pool_member_event')
    .columns(['pool_member_id', ...HISTORY_COLUMNS])
    .expression((eb) => eb.selectFrom('moved').select(['moved.id', ...historyValues({ from, to, ...event })]))
    .returning('pool_member_id')
    .executeTakeFirst()
  return written !== undefined
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

/** A member by id alone, without scope: for a caller holding a link that names the member (an invitation). */
export async function findPoolMemberById(db: DbExecutor, id: string) {
  return db
    .selectFrom('pool_member')
    .select(['id', 'prefecture_code', 'status', 'profile_id', 'person_name', 'person_email', 'lock_version'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** This profile's membership of one pool, if any. */
export async function findMembership(db: DbExecutor, poolCode: string, profileId: string) {
  return db
    .selectFrom('pool_member')
    .select(['id', 'status'])
    .where('prefecture_code', '=', poolCode)
    .where('profile_id', '=', profileId)
    .executeTakeFirst()
}

/** One membership of this profile (the person's own, by id: anyone else's is not found). */
export async function findOwnMembership(db: DbExecutor, memberId: string, profileId: string) {
  return db
    .selectFrom('pool_member')
    .select(['id', 'status', 'prefecture_code', 'lock_version'])
    .where('id', '=', memberId)
    .where('profile_id', '=', profileId)
    .executeTakeFirst()
}

export async function insertPoolMember(db: DbExecutor, member: NewPoolMember): Promise<void> {
  await db.insertInto('pool_member').values(member).execute()
}

export type JoinPoolOutcome =
  | { kind: 'added'; memberId: string }
  | { kind: 'reopened'; memberId: string; from: PoolStatus }
  /** Already in the pool at another status: nothing changed, except that a national-list copy became theirs. */
  | { kind: 'member'; memberId: string; status: PoolStatus; claimedCopy: boolean }

/**
 * The person's own application to a pool (応募 on the applications page, or 関心表明 on an open call), on
 * their membership row locked FOR UPDATE so two requests cannot both act on it (the unique index on pool and
 * profile guards the insert). No membership yet: a new 応募. 辞退 (withdrawn) or 見送り (declined): reopened as
 * 応募 with the new message. Any other status is left as it is for the caller to decide on, except that a
 * record the pool copied from the national list becomes the person's own application: it shares the profile
 * with the pool from now on (profile-visibility.ts) and takes the message as its application message.
 */
export async function joinPool(
  db: DbExecutor,
  {
    prefectureCode,
    profileId,
    source,
    message,
  }: { prefectureCode: string; profileId: string; source: PoolSource; message: string },
): Promise<JoinPoolOutcome> {
  const existing = await db
    .selectFrom('pool_member')
    .select(['id', 'status', 'copied_from_national_list'])
    .where('prefecture_code', '=', prefectureCode)
    .where('profile_id', '=', profileId)
    .forUpdate()
    .executeTakeFirst()
  if (!existing) {
    const memberId = crypto.randomUUID()
    await insertPoolMember(db, {
      id: memberId,
      prefecture_code: prefectureCode,
      profile_id: profileId,
      status: 'applied',
      source,
      application_message: message,
    })
    return { kind: 'added', memberId }
  }
  const reopen = existing.status === 'withdrawn' || existing.status === 'declined'
  if (!reopen && !existing.copied_from_national_list)
    return { kind: 'member', memberId: existing.id, status: existing.status, claimedCopy: false }
  await db
    .updateTable('pool_member')
    .set({
      ...(reopen ? { status: 'applied' as const } : {}),
      copied_from_national_list: false,
      application_message: message,
      lock_version: sql`lock_version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', existing.id)
    .execute()
  return reopen
    ? { kind: 'reopened', memberId: existing.id, from: existing.status }
    : { kind: 'member', memberId: existing.id, status: existing.status, claimedCopy: true }
}

/** 面接の日時・場所とメモ, saved only while the row still has the version the page was read at. */
export async function updateInterviewLocked(
  db: DbExecutor,
  id: string,
  changes: { interviewAt: Date | null; interviewPlace: string | null; notes: string },
  lockVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('pool_member')
    .set({
      interview_at: changes.interviewAt,
      interview_place: changes.interviewPlace,
      notes: changes.notes,
      lock_version: sql`lock_version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Links a member the staff added to the profile of the person who accepted their invitation. The profile is
 * the source of their details from then on: the e-mail and birth year the staff typed are dropped. False if
 * the member was linked meanwhile.
 */
export async function linkPoolMemberToProfile(db: DbExecutor, memberId: string, profileId: string): Promise<boolean> {
  const result = await db
    .updateTable('pool_member')
    .set({
      profile_id: profileId,
      person_email: null,
      person_birth_year: null,
      lock_version: sql`lock_version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', memberId)
    .where('profile_id', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Merges two members of one pool who are the same person: the removed one's history and training move to
 * the kept one, which takes the merged notes (and the other's e-mail and company where it had none), and the
 * removed one is deleted.
 */
export async function mergePoolMemberInto(
  db: DbExecutor,
  {
    keptId,
    removedId,
    notes,
    email,
    partnerCompanyId,
  }: {
    keptId: string
    removedId: string
    notes: string
    email: string | null
    partnerCompanyId: string | null
  },
): Promise<void> {
  await db
    .updateTable('pool_member_event')
    .set({ pool_member_id: keptId })
    .where('pool_member_id', '=', removedId)
    .execute()
  await moveTrainingRecords(db, removedId, keptId)
  await db
    .updateTable('pool_member')
    .set({
      notes,
      person_email: sql`coalesce(pool_member.person_email, ${email})`,
      partner_company_id: sql`coalesce(pool_member.partner_company_id, ${partnerCompanyId})`,
      lock_version: sql`lock_version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', keptId)
    .execute()
  await db.deleteFrom('pool_member').where('id', '=', removedId).execute()
}
