// A professional's own profile (デジタル人材のプロフィール): the main row with optimistic locking, and the
// skills, qualifications and experiences that are replaced as a whole when their section is saved.
// Every function here takes the owner's user id or the profile id the model read for that user: no query
// reads or writes a profile by anything the browser sent.
import { type QueryCreator, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DbExecutor } from '../client'
import type { DB, EmploymentForm, ProfileTable, ProfileVisibility } from '../schema'

/** The main row as the app uses it: dates as 'YYYY-MM-DD' strings, days_per_week as a number. */
export interface ProfileRow {
  id: string
  user_id: string
  family_name: string
  given_name: string
  family_name_kana: string
  given_name_kana: string
  contact_email: string
  phone: string | null
  residence_prefecture_code: string | null
  birth_year: number | null
  introduction: string
  years_private_it: number
  years_public_sector: number
  languages: string[]
  employment_forms: EmploymentForm[]
  days_per_week: number | null
  available_from: string | null
  work_area: 'all' | 'selected'
  work_prefecture_codes: string[]
  remote_ok: boolean
  onsite_days_per_month: number | null
  pay_min_yen: number | null
  pay_max_yen: number | null
  pay_unit: ProfileTable['pay_unit']
  visibility: ProfileVisibility
  visible_prefecture_codes: string[]
  national_list_consent: boolean
  public_directory_consent: boolean
  fitting_needs_digest: boolean
  consent_updated_at: Date | null
  lock_version: number
  created_at: Date
  updated_at: Date
}

/** The columns a section form may change (never id, user_id, lock_version or the timestamps). */
export type ProfileChanges = Partial<
  Omit<ProfileRow, 'id' | 'user_id' | 'lock_version' | 'created_at' | 'updated_at' | 'consent_updated_at'>
> & { consent_updated_at?: Date }

const plainColumns = [
  'id',
  'user_id',
  'family_name',
  'given_name',
  'family_name_kana',
  'given_name_kana',
  'contact_email',
  'phone',
  'residence_prefecture_code',
  'birth_year',
  'introduction',
  'years_private_it',
  'years_public_sector',
  'languages',
  'employment_forms',
  'days_per_week',
  'work_area',
  'work_prefecture_codes',
  'remote_ok',
  'onsite_days_per_month',
  'pay_min_yen',
  'pay_max_yen',
  'pay_unit',
  'visibility',
  'visible_prefecture_codes',
  'national_list_consent',
  'public_directory_consent',
  'fitting_needs_digest',
  'consent_updated_at',
  'lock_version',
  'created_at',
  'updated_at',
] as const

// A date column as text: the drivers would turn it into a Date at some time zone's midnight.
const availableFromText = sql<string | null>`to_char(available_from, 'YYYY-MM-DD')`.as('available_from_text')

type RawProfile = {
  [K in (typeof plainColumns)[number]]: unknown
} & { available_from_text: string | null }

function toProfileRow(raw: RawProfile): ProfileRow {
  const { available_from_text, ...row } = raw
  const r = row as unknown as Omit<ProfileRow, 'days_per_week' | 'available_from'> & {
    days_per_week: string | number | null
  }
  return {
    ...r,
    // numeric(2,1) comes back as a string on both drivers.
    days_per_week: r.days_per_week === null ? null : Number(r.days_per_week),
    available_from: available_from_text,
    consent_updated_at: r.consent_updated_at ? new Date(r.consent_updated_at) : null,
    created_at: new Date(r.created_at),
    updated_at: new Date(r.updated_at),
  }
}

export async function findProfileByUserId(db: DbExecutor, userId: string): Promise<ProfileRow | undefined> {
  const raw = await db
    .selectFrom('profile')
    .select(plainColumns)
    .select(availableFromText)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return raw ? toProfileRow(raw as RawProfile) : undefined
}

/** The id of a user's profile, and whether they consented to the national list (no personal data). */
export async function findProfileRefByUserId(db: DbExecutor, userId: string) {
  return db
    .selectFrom('profile')
    .select(['id', 'national_list_consent'])
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

/** What the first save of the basic information writes. */
export type NewProfile = { id: string; user_id: string } & Pick<
  ProfileRow,
  'family_name' | 'given_name' | 'family_name_kana' | 'given_name_kana' | 'contact_email'
> &
  ProfileChanges

/**
 * Optimistic locking for a section stored in its own table, as the `locked` step of the statement that takes the
 * section's rows: bumps the owner's profile's lock version only while it is still the one the form was loaded
 * with, and answers the profile's id (no row = someone saved in between, or there is no profile).
 */
function bumpProfileLock(userId: string, lockVersion: number) {
  return (q: QueryCreator<DB>) =>
    q
      .updateTable('profile')
      .set({ lock_version: sql`lock_version + 1`, updated_at: sql`now()` })
      .where('user_id', '=', userId)
      .where('lock_version', '=', lockVersion)
      .returning('id')
}

/** What a locked take answers: the profile's id and the rows it removed; undefined = the lock did not hold. */
export type Taken<Row> = { profileId: string; rows: Row[] } | undefined

/**
 * Optimistic locking: changes the owner's profile only while it still has the lock version the form was loaded
 * with, and bumps it. Answers the row before and after the change, in one statement (the before-image is the
 * row locked at that version). Undefined = someone saved in between (or there is no profile).
 */
export async function updateProfileLockedWithBefore(
  db: DbExecutor,
  userId: string,
  lockVersion: number,
  changes: ProfileChanges,
): Promise<{ before: ProfileRow; after: ProfileRow } | undefined> {
  const raw = await db
    .updateTable('profile')
    .from(
      db
        .selectFrom('profile')
        .select(plainColumns)
        .select(availableFromText)
        .where('user_id', '=', userId)
        .where('lock_version', '=', lockVersion)
        .forUpdate()
        .as('old'),
    )
    .set({ ...changes, lock_version: sql`profile.lock_version + 1`, updated_at: sql`now()` })
    .whereRef('profile.id', '=', 'old.id')
    .returning(plainColumns.map((column) => `profile.${column}` as const))
    .returning(sql<string | null>`to_char(profile.available_from, 'YYYY-MM-DD')`.as('available_from_text'))
    .returning(sql<RawProfile>`to_jsonb(old)`.as('before'))
    .executeTakeFirst()
  if (!raw) return undefined
  const { before, ...after } = raw as unknown as RawProfile & { before: RawProfile }
  return { before: toProfileRow(before), after: toProfileRow(after) }
}

/**
 * Creates the profile unless the user has one: a profile created in between (another tab) makes the unique
 * user_id refuse the insert, and the answer is undefined.
 */
export async function createProfile(db: DbExecutor, values: NewProfile): Promise<ProfileRow | undefined> {
  const created = await db
    .insertInto('profile')
    .values(values)
    .onConflict((oc) => oc.constraint('profile_user_unique').doNothing())
    .returning(plainColumns)
    .returning(availableFromText)
    .executeTakeFirst()
  return created ? toProfileRow(created as RawProfile) : undefined
}

export async function deleteProfileOfUser(db: DbExecutor, userId: string): Promise<void> {
  await db.deleteFrom('profile').where('user_id', '=', userId).execute()
}

/** Code-unit order: the same on every database collation. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

// ---- skills (自己評価レベル) ------------------------------------------------------------------------------

export interface ProfileSkillRow {
  skill_id: string
  level: number
}

export async function listProfileSkills(db: DbExecutor, profileId: string): Promise<ProfileSkillRow[]> {
  return db
    .selectFrom('profile_skill')
    .select(['skill_id', 'level'])
    .where('profile_id', '=', profileId)
    .orderBy('skill_id')
    .execute()
}

/**
 * Bumps the profile's lock (bumpProfileLock) and, in the same statement, removes its skills and answers them by
 * skill id (the section's before-image).
 */
export async function takeProfileSkills(
  db: DbExecutor,
  userId: string,
  lockVersion: number,
): Promise<Taken<ProfileSkillRow>> {
  const row = await db
    .with('locked', bumpProfileLock(userId, lockVersion))
    .with('gone', (q) =>
      q
        .deleteFrom('profile_skill')
        .where('profile_id', 'in', q.selectFrom('locked').select('locked.id'))
        .returning(['skill_id', 'level']),
    )
    .selectFrom('locked')
    .select((eb) => [
      'locked.id',
      jsonArrayFrom(eb.selectFrom('gone').select(['gone.skill_id', 'gone.level'])).as('rows'),
    ])
    .executeTakeFirst()
  return row && { profileId: row.id, rows: row.rows.sort((a, b) => byText(a.skill_id, b.skill_id)) }
}

/** Stores skills of a profile that holds none (after takeProfileSkills). */
export async function insertProfileSkills(
  db: DbExecutor,
  profileId: string,
  skills: readonly ProfileSkillRow[],
): Promise<void> {
  if (skills.length === 0) return
  await db
    .insertInto('profile_skill')
    .values(skills.map((s) => ({ profile_id: profileId, skill_id: s.skill_id, level: s.level })))
    .execute()
}

// ---- qualifications ------------------------------------------------------------------------------------

export interface ProfileQualificationRow {
  qualification_id: string
  acquired_year: number | null
}

export async function listProfileQualifications(db: DbExecutor, profileId: string): Promise<ProfileQualificationRow[]> {
  return db
    .selectFrom('profile_qualification')
    .select(['qualification_id', 'acquired_year'])
    .where('profile_id', '=', profileId)
    .orderBy('qualification_id')
    .execute()
}

/** takeProfileSkills for qualifications: the lock bumped, the rows removed and answered by qualification id. */
export async function takeProfileQualifications(
  db: DbExecutor,
  userId: string,
  lockVersion: number,
): Promise<Taken<ProfileQualificationRow>> {
  const row = await db
    .with('locked', bumpProfileLock(userId, lockVersion))
    .with('gone', (q) =>
      q
        .deleteFrom('profile_qualification')
        .where('profile_id', 'in', q.selectFrom('locked').select('locked.id'))
        .returning(['qualification_id', 'acquired_year']),
    )
    .selectFrom('locked')
    .select((eb) => [
      'locked.id',
      jsonArrayFrom(eb.selectFrom('gone').select(['gone.qualification_id', 'gone.acquired_year'])).as('rows'),
    ])
    .executeTakeFirst()
  return row && { profileId: row.id, rows: row.rows.sort((a, b) => byText(a.qualification_id, b.qualification_id)) }
}

/** Stores qualifications of a profile that holds none (after takeProfileQualifications). */
export async function insertProfileQualifications(
  db: DbExecutor,
  profileId: string,
  qualifications: readonly ProfileQualificationRow[],
): Promise<void> {
  if (qualifications.length === 0) return
  await db
    .insertInto('profile_qualification')
    .values(
      qualifications.map((q) => ({
        profile_id: profileId,
        qualification_id: q.qualification_id,
        acquired_year: q.acquired_year,
      })),
    )
    .execute()
}

// ---- experiences (職歴) ------------------------------------------------------------------------------------

/** One entry; months as 'YYYY-MM' (stored as the first day of the month). */
export interface ProfileExperienceRow {
  id: string
  organization: string
  title: string
  started_month: string
  ended_month: string | null
  description: string
  skill_ids: string[]
}

const experienceColumns = [
  'id',
  'organization',
  'title',
  sql<string>`to_char(started_on, 'YYYY-MM')`.as('started_month'),
  sql<string | null>`to_char(ended_on, 'YYYY-MM')`.as('ended_month'),
  'description',
  'skill_ids',
] as const

export async function listProfileExperiences(db: DbExecutor, profileId: string): Promise<ProfileExperienceRow[]> {
  return (
    db
      .selectFrom('profile_experience')
      .select(experienceColumns)
      .where('profile_id', '=', profileId)
      // Newest first, as a CV reads; sort_order keeps the order stable for entries with the same start.
      .orderBy('started_on', 'desc')
      .orderBy('sort_order')
      .execute()
  )
}

/**
 * Entries about to be stored by replaceProfileExperiences, in the order listProfileExperiences will read them
 * back (newest start first; entries with the same start keep their order, which becomes their sort_order).
 */
export function inExperienceOrder<T extends Pick<ProfileExperienceRow, 'started_month'>>(
  experiences: readonly T[],
): T[] {
  // Array.prototype.sort is stable: equal starts keep their order.
  return [...experiences].sort((a, b) =>
    a.started_month === b.started_month ? 0 : a.started_month < b.started_month ? 1 : -1,
  )
}

/**
 * takeProfileSkills for experiences: the lock bumped, the rows removed and answered in the order
 * listProfileExperiences reads them.
 */
export async function takeProfileExperiences(
  db: DbExecutor,
  userId: string,
  lockVersion: number,
): Promise<Taken<ProfileExperienceRow>> {
  const row = await db
    .with('locked', bumpProfileLock(userId, lockVersion))
    .with('gone', (q) =>
      q
        .deleteFrom('profile_experience')
        .where('profile_id', 'in', q.selectFrom('locked').select('locked.id'))
        .returning([...experienceColumns, 'sort_order']),
    )
    .selectFrom('locked')
    .select((eb) => ['locked.id', jsonArrayFrom(eb.selectFrom('gone').selectAll('gone')).as('rows')])
    .executeTakeFirst()
  if (!row) return undefined
  const rows = inExperienceOrder(row.rows.sort((a, b) => a.sort_order - b.sort_order))
  return { profileId: row.id, rows: rows.map(({ sort_order: _sortOrder, ...experience }) => experience) }
}

/** Stores the experiences of a profile that holds none (after takeProfileExperiences), in this order. */
export async function insertProfileExperiences(
  db: DbExecutor,
  profileId: string,
  experiences: readonly ProfileExperienceRow[],
): Promise<void> {
  if (experiences.length === 0) return
  await db
    .insertInto('profile_experience')
    .values(
      experiences.map((e, index) => ({
        id: e.id,
        profile_id: profileId,
        organization: e.organization,
        title: e.title,
        started_on: `${e.started_month}-01`,
        ended_on: e.ended_month ? `${e.ended_month}-01` : null,
        description: e.description,
        skill_ids: e.skill_ids,
        sort_order: index,
      })),
    )
    .execute()
}

/**
 * The newest non-draft revision of each qualification id (like resolveSkills in skill-standard.ts): how a
 * profile shows a qualification that the current version retired or dropped.
 */
export async function resolveQualifications(db: DbExecutor, qualificationIds: readonly string[]) {
  if (qualificationIds.length === 0) return []
  return db
    .selectFrom('qualification_revision')
    .innerJoin('skill_standard_version', 'skill_standard_version.id', 'qualification_revision.version_id')
    .distinctOn('qualification_revision.qualification_id')
    .select([
      'qualification_revision.qualification_id',
      'qualification_revision.name',
      'qualification_revision.retired',
      'skill_standard_version.status',
    ])
    .where('qualification_revision.qualification_id', 'in', qualificationIds)
    .where('skill_standard_version.status', '!=', 'draft')
    .orderBy('qualification_revision.qualification_id')
    .orderBy('skill_standard_version.version_no', 'desc')
    .execute()
}

/**
 * What the professional's home page needs to say how complete the profile is: the few columns the
 * completion rules read, and how many skills, qualifications and work-history entries it has. One statement.
 */
export async function findProfileCompletionFacts(db: DbExecutor, userId: string) {
  const row = await db
    .selectFrom('profile')
    .select((eb) => [
      'profile.employment_forms',
      'profile.days_per_week',
      'profile.consent_updated_at',
      'profile.visibility',
      eb
        .selectFrom('profile_skill')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('profile_skill.profile_id', '=', 'profile.id')
        .as('skills'),
      eb
        .selectFrom('profile_qualification')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('profile_qualification.profile_id', '=', 'profile.id')
        .as('qualifications'),
      eb
        .selectFrom('profile_experience')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('profile_experience.profile_id', '=', 'profile.id')
        .as('experiences'),
    ])
    .where('profile.user_id', '=', userId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    ...row,
    skills: Number(row.skills ?? 0),
    qualifications: Number(row.qualifications ?? 0),
    experiences: Number(row.experiences ?? 0),
  }
}
