// SQL for the accelerators' own side: whether a person is an accelerator now, their appointments and training,
// the ministry's notices, the opt-in network directory, and the programme's public counts. The appointment
// workflow itself (推薦 → 審査 → 任命 → 終了) writes accelerator_appointment elsewhere; here it is only read.
//
// 「任命中」 is one predicate (appointedNow): a profile with an appointment in status 'appointed'. The directory,
// the network guard, the notice mail and the public page all use it, so an ended or revoked accelerator
// disappears from every one of them at once.
// The directory lists never select a field the person did not choose to share: the prefecture and the skills
// are nulled in SQL when not chosen, and no column of the profile (name, address, e-mail) is selected at all.
import { type Expression, type ExpressionBuilder, type Insertable, sql, type SqlBool } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DbExecutor } from '../client'
import type { DB, DirectoryVisibility } from '../schema'

const dateText = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`

/** The profile (a column holding its id) has an appointment in force: an accelerator now. */
export function appointedNow(eb: ExpressionBuilder<DB, any>, profileId: Expression<string | null>) {
  return eb.exists(
    eb
      .selectFrom('accelerator_appointment as current')
      .select('current.id')
      .where('current.status', '=', 'appointed')
      .where('current.profile_id', '=', profileId),
  )
}

/** The profile of a user's account, with the name the directory form starts from. */
export async function findAcceleratorProfileOfUser(db: DbExecutor, userId: string) {
  return db
    .selectFrom('profile')
    .select(['profile.id', 'profile.family_name', 'profile.given_name', 'profile.public_directory_consent'])
    .select((eb) => appointedNow(eb, eb.ref('profile.id')).as('appointed'))
    .where('profile.user_id', '=', userId)
    .executeTakeFirst()
}

/** A person's appointments that were ever made (in force, ended or revoked), newest first, with the prefecture. */
export async function listAppointmentsOfProfile(db: DbExecutor, profileId: string) {
  return db
    .selectFrom('accelerator_appointment as a')
    .innerJoin('local_government as p', (join) =>
      join.onRef('p.prefecture_code', '=', 'a.prefecture_code').on('p.kind', '=', 'prefecture'),
    )
    .select(['a.id', 'a.status', 'a.prefecture_code', 'p.name as prefecture_name', 'a.role_name'])
    .select(['a.fiscal_year', 'a.serial', 'a.end_reason'])
    .select([
      dateText('a.appointed_on').as('appointed_on'),
      dateText('a.term_end_on').as('term_end_on'),
      dateText('a.ended_on').as('ended_on'),
    ])
    .where('a.profile_id', '=', profileId)
    .where('a.status', 'in', ['appointed', 'ended', 'revoked'])
    .orderBy('a.appointed_on', 'desc')
    .orderBy('a.fiscal_year', 'desc')
    .orderBy('a.serial', 'desc')
    .execute()
}

/** The training records of every pool record of the person (pool_member.profile_id), oldest first. */
export async function listTrainingRecordsOfProfile(db: DbExecutor, profileId: string) {
  return db
    .selectFrom('training_record as t')
    .innerJoin('pool_member as m', 'm.id', 't.pool_member_id')
    .leftJoin('local_government as p', (join) =>
      join.onRef('p.prefecture_code', '=', 'm.prefecture_code').on('p.kind', '=', 'prefecture'),
    )
    .select(['t.id', 't.title', 't.provider', 'm.prefecture_code', 'p.name as prefecture_name'])
    .select(dateText('t.completed_on').as('completed_on'))
    .where('m.profile_id', '=', profileId)
    .orderBy('t.completed_on', (ob) => ob.asc().nullsLast())
    .orderBy('t.created_at')
    .execute()
}

// ---- notices ----------------------------------------------------------------------------------------------

export async function listAcceleratorNotices(db: DbExecutor, { limit }: { limit: number }) {
  return db
    .selectFrom('accelerator_notice as n')
    .leftJoin('app_user as u', 'u.id', 'n.created_by')
    .select(['n.id', 'n.title', 'n.body', 'n.published_at', 'u.display_name as author_name'])
    .orderBy('n.published_at', 'desc')
    .orderBy('n.id')
    .limit(limit)
    .execute()
}

export async function insertAcceleratorNotice(
  db: DbExecutor,
  notice: { id: string; title: string; body: string; createdBy: string },
) {
  return db
    .insertInto('accelerator_notice')
    .values({ id: notice.id, title: notice.title, body: notice.body, created_by: notice.createdBy })
    .returning(['id', 'published_at'])
    .executeTakeFirstOrThrow()
}

/**
 * Whom a notice is mailed to: every accelerator now, once per account, active and verified accounts only (an
 * address never confirmed may not be the person's).
 */
export async function listAppointedRecipients(db: DbExecutor) {
  return db
    .selectFrom('profile')
    .innerJoin('app_user', 'app_user.id', 'profile.user_id')
    .select(['profile.id as profile_id', 'profile.family_name', 'profile.given_name', 'app_user.email'])
    .where((eb) => appointedNow(eb, eb.ref('profile.id')))
    .where('app_user.deactivated_at', 'is', null)
    .where('app_user.email_verified_at', 'is not', null)
    .orderBy('profile.id')
    .execute()
}

// ---- the directory ------------------------------------------------------------------------------------------

const entryColumns = [
  'e.visibility',
  'e.display_name',
  'e.headline',
  'e.introduction',
  'e.contact',
  'e.show_prefecture',
  'e.show_skills',
  'e.updated_at',
] as const

/** A person's own entry (their page's form). */
export async function findDirectoryEntry(db: DbExecutor, profileId: string) {
  return db
    .selectFrom('accelerator_directory_entry as e')
    .select(entryColumns)
    .where('e.profile_id', '=', profileId)
    .executeTakeFirst()
}

export async function upsertDirectoryEntry(
  db: DbExecutor,
  entry: Omit<Insertable<DB['accelerator_directory_entry']>, 'updated_at'>,
): Promise<void> {
  const { profile_id: _profileId, ...changes } = entry
  await db
    .insertInto('accelerator_directory_entry')
    .values(entry)
    .onConflict((oc) => oc.column('profile_id').doUpdateSet({ ...changes, updated_at: sql`now()` }))
    .execute()
}

export interface DirectoryFilter {
  /** Who reads: other accelerators and the ministry see 'accelerators' and 'public' entries; the public only 'public'. */
  audience: 'accelerators' | 'public'
  /** Only entries that show their prefecture match a prefecture (filtering must not reveal a hidden one). */
  prefectureCode?: string
  /** Words in the shared name, headline or introduction. */
  q?: string
  /** The reader's own entry is not listed among the others. */
  excludeProfileId?: string
  limit?: number
}

const VISIBLE_TO: Record<DirectoryFilter['audience'], DirectoryVisibility[]> = {
  accelerators: ['accelerators', 'public'],
  public: ['public'],
}

/** The directory entry under its alias `e`, as the list's subqueries see it. */
type EntryBuilder = ExpressionBuilder<DB & { e: DB['accelerator_directory_entry'] }, 'e'>

/** The appointment prefectures in force of an entry's person, by name (code order). */
function prefecturesOf(eb: EntryBuilder) {
  return jsonArrayFrom(
    eb
      .selectFrom('accelerator_appointment as a')
      .innerJoin('local_government as p', (join) =>
        join.onRef('p.prefecture_code', '=', 'a.prefecture_code').on('p.kind', '=', 'prefecture'),
      )
      .select(['a.prefecture_code as code', 'p.name'])
      .distinct()
      .whereRef('a.profile_id', '=', 'e.profile_id')
      .where('a.status', '=', 'appointed')
      .orderBy('a.prefecture_code'),
  )
}

function skillsOf(eb: EntryBuilder) {
  return jsonArrayFrom(
    eb
      .selectFrom('profile_skill as s')
      .select(['s.skill_id', 's.level'])
      .whereRef('s.profile_id', '=', 'e.profile_id')
      .orderBy('s.level', 'desc')
      .orderBy('s.skill_id'),
  )
}

/**
 * Entries of accelerators now, as their readers may see them. The prefecture and the skills come back null
 * when the person chose not to show them; the profile id is never returned.
 */
export async function listDirectoryEntries(db: DbExecutor, filter: DirectoryFilter) {
  let query = db
    .selectFrom('accelerator_directory_entry as e')
    .select(['e.display_name', 'e.headline', 'e.introduction', 'e.contact', 'e.updated_at'])
    .select((eb) => [
      sql<Array<{
        code: string
        name: string
      }> | null>`case when ${eb.ref('e.show_prefecture')} then ${prefecturesOf(eb)} end`.as('prefectures'),
      sql<Array<{
        skill_id: string
        level: number
      }> | null>`case when ${eb.ref('e.show_skills')} then ${skillsOf(eb)} end`.as('skills'),
    ])
    .where('e.visibility', 'in', VISIBLE_TO[filter.audience])
    .where((eb) => appointedNow(eb, eb.ref('e.profile_id')))
  // The public sees an entry only while its owner also consents to the public directory (「公開範囲と同意」), so
  // withdrawing that one consent takes the person off every public page at once.
  if (filter.audience === 'public')
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('profile as consent')
          .select('consent.id')
          .whereRef('consent.id', '=', 'e.profile_id')
          .where('consent.public_directory_consent', '=', true),
      ),
    )
  if (filter.excludeProfileId) query = query.where('e.profile_id', '<>', filter.excludeProfileId)
  const prefectureCode = filter.prefectureCode
  if (prefectureCode)
    query = query
      .where('e.show_prefecture', '=', true)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('accelerator_appointment as a')
            .select('a.id')
            .whereRef('a.profile_id', '=', 'e.profile_id')
            .where('a.status', '=', 'appointed')
            .where('a.prefecture_code', '=', prefectureCode),
        ),
      )
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where((eb) =>
      eb.or([
        eb('e.display_name', 'ilike', pattern),
        eb('e.headline', 'ilike', pattern),
        eb('e.introduction', 'ilike', pattern),
      ] as Expression<SqlBool>[]),
    )
  }
  return query
    .orderBy('e.display_name')
    .orderBy('e.updated_at', 'desc')
    .limit(filter.limit ?? 500)
    .execute()
}

// ---- the programme's public counts --------------------------------------------------------------------------

/** Appointments in force per prefecture: all 47, in code order, 0 where there is none. Counts only. */
export async function countAppointedByPrefecture(db: DbExecutor) {
  const rows = await db
    .selectFrom('local_government as p')
    .leftJoin('accelerator_appointment as a', (join) =>
      join.onRef('a.prefecture_code', '=', 'p.prefecture_code').on('a.status', '=', 'appointed'),
    )
    .select(['p.prefecture_code as code', 'p.name'])
    .select((eb) => eb.fn.count<string>('a.id').as('appointed'))
    .where('p.kind', '=', 'prefecture')
    .groupBy(['p.prefecture_code', 'p.name'])
    .orderBy('p.prefecture_code')
    .execute()
  return rows.map((row) => ({ code: row.code, name: row.name, appointed: Number(row.appointed) }))
}
