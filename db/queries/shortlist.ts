// SQL for a need's shortlist (the people taken from the match list through 打診 → 面談 → 内定 / 見送り / 辞退)
// and its history. Callers have already checked that the viewer may see the need; every read of a person's
// name goes through the consent predicate (profile-visibility.ts), so a withdrawn consent shows 非公開 at once.
// "Accepted" (the person answered the 打診 with 「話を聞く」) is the need_interest row their application left.
import { type ExpressionBuilder, sql } from 'kysely'
import type { DbExecutor } from '../client'
import type { DB, ShortlistStatus } from '../schema'
import { HISTORY_COLUMNS, historyValues } from './history'
import { type ProfileViewer, profileVisibleTo } from './profile-visibility'

const entryColumns = [
  'need_shortlist_entry.id',
  'need_shortlist_entry.need_id',
  'need_shortlist_entry.profile_id',
  'need_shortlist_entry.status',
  'need_shortlist_entry.note',
  'need_shortlist_entry.interview_at',
  'need_shortlist_entry.interview_place',
  'need_shortlist_entry.lock_version',
  'need_shortlist_entry.created_at',
  'need_shortlist_entry.updated_at',
] as const

/** The person linked their application to the need (answered 「話を聞く」, or expressed interest before). */
const acceptedOf = (eb: ExpressionBuilder<DB, 'need_shortlist_entry'>) =>
  eb
    .exists(
      eb
        .selectFrom('need_interest')
        .select(sql`1`.as('one'))
        .whereRef('need_interest.need_id', '=', 'need_shortlist_entry.need_id')
        .whereRef('need_interest.profile_id', '=', 'need_shortlist_entry.profile_id'),
    )
    .as('accepted')

/**
 * SQL: the person in scope as `profile` holds a 内定 on a 常勤 need, so is placed full time and no candidate for
 * other needs. The profile document's placed_full_time and the SQL match both use this one definition.
 */
export const placedFullTime = sql<boolean>`exists (
  select 1 from need_shortlist_entry as placed join need as placed_need on placed_need.id = placed.need_id
  where placed.profile_id = profile.id and placed.status = 'offered' and placed_need.employment_form = 'full_time')`

/** Whether the viewer may see this profile (the consent predicate): only such a person can be shortlisted. */
export async function isProfileVisibleTo(db: DbExecutor, viewer: ProfileViewer, profileId: string): Promise<boolean> {
  const row = await db
    .selectFrom('profile')
    .select('profile.id')
    .where('profile.id', '=', profileId)
    .where(profileVisibleTo(viewer))
    .executeTakeFirst()
  return row !== undefined
}

/** Adds the person to the need's shortlist; false when they are on it already (nothing changes then). */
export async function insertShortlistEntry(
  db: DbExecutor,
  entry: { id: string; needId: string; profileId: string; createdBy: string },
): Promise<boolean> {
  const row = await db
    .insertInto('need_shortlist_entry')
    .values({ id: entry.id, need_id: entry.needId, profile_id: entry.profileId, created_by: entry.createdBy })
    .onConflict((oc) => oc.constraint('need_shortlist_entry_person_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

/** The person's entry on the need, if any. */
export async function findShortlistEntryOfPerson(db: DbExecutor, needId: string, profileId: string) {
  return db
    .selectFrom('need_shortlist_entry')
    .select(['id', 'status'])
    .where('need_id', '=', needId)
    .where('profile_id', '=', profileId)
    .executeTakeFirst()
}

/** One entry of the need (`forUpdate` locks it for the rest of the transaction). */
export async function findShortlistEntry(
  db: DbExecutor,
  needId: string,
  entryId: string,
  { forUpdate = false }: { forUpdate?: boolean } = {},
) {
  let query = db
    .selectFrom('need_shortlist_entry')
    .select(entryColumns)
    .select((eb) => acceptedOf(eb))
    .where('need_shortlist_entry.need_id', '=', needId)
    .where('need_shortlist_entry.id', '=', entryId)
  if (forUpdate) query = query.forUpdate()
  return query.executeTakeFirst()
}

/** The need's shortlist, newest step first; a name only where the person shares their profile with the viewer. */
export async function listShortlist(db: DbExecutor, needId: string, viewer: ProfileViewer | null) {
  return db
    .selectFrom('need_shortlist_entry')
    .innerJoin('profile', 'profile.id', 'need_shortlist_entry.profile_id')
    .select(entryColumns)
    .select((eb) => [
      acceptedOf(eb),
      sql<
        string | null
      >`case when ${profileVisibleTo(viewer)} then profile.family_name || ' ' || profile.given_name end`.as(
        'full_name',
      ),
    ])
    .where('need_shortlist_entry.need_id', '=', needId)
    .orderBy('need_shortlist_entry.updated_at', 'desc')
    .orderBy('need_shortlist_entry.id')
    .execute()
}

/** Which of these people are on the need's shortlist already (the match page marks them). */
export async function listShortlistMarks(db: DbExecutor, needId: string, profileIds: readonly string[]) {
  if (profileIds.length === 0) return []
  return db
    .selectFrom('need_shortlist_entry')
    .select(['id', 'profile_id', 'status'])
    .where('need_id', '=', needId)
    .where('profile_id', 'in', profileIds)
    .execute()
}

/** The need's 内定, if any (at most one: need_shortlist_entry_one_offer_key). */
export async function findOfferedEntry(db: DbExecutor, needId: string) {
  return db
    .selectFrom('need_shortlist_entry')
    .select(['id', 'profile_id'])
    .where('need_id', '=', needId)
    .where('status', '=', 'offered')
    .executeTakeFirst()
}

export async function listShortlistEvents(db: DbExecutor, entryId: string) {
  return db
    .selectFrom('need_shortlist_event')
    .select(['id', 'from_status', 'to_status', 'note', 'actor_label', 'occurred_at'])
    .where('entry_id', '=', entryId)
    .orderBy('id')
    .execute()
}

export async function insertShortlistEvent(
  db: DbExecutor,
  event: {
    entryId: string
    from: ShortlistStatus | null
    to: ShortlistStatus
    actorUserId: string | null
    actorLabel: string
    note?: string
  },
): Promise<void> {
  await db
    .insertInto('need_shortlist_event')
    .values({
      entry_id: event.entryId,
      from_status: event.from,
      to_status: event.to,
      actor_user_id: event.actorUserId,
      actor_label: event.actorLabel,
      note: event.note ?? '',
    })
    .execute()
}

/**
 * Status change guarded by the status the caller saw and the lock version (no lost updates), with its history
 * row in the same statement (./history.ts). False = someone changed the entry in between (nothing written).
 */
export async function setShortlistStatusWithEvent(
  db: DbExecutor,
  id: string,
  { from, to, lockVersion, note }: { from: ShortlistStatus; to: ShortlistStatus; lockVersion: number; note: string },
  event: { actorUserId: string | null; actorLabel: string },
): Promise<boolean> {
  const written = await db
    .with('moved', (q) =>
      q
        .updateTable('need_shortlist_entry')
        .set({ status: to, note, lock_version: sql`lock_version + 1`, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('status', '=', from)
        .where('lock_version', '=', lockVersion)
        .returning('id'),
    )
    .insertInto('need_shortlist_event')
    .columns(['entry_id', ...HISTORY_COLUMNS])
    .expression((eb) => eb.selectFrom('moved').select(['moved.id', ...historyValues({ from, to, note, ...event })]))
    .returning('entry_id')
    .executeTakeFirst()
  return written !== undefined
}

/** Marks the entry changed without a status change (the person's answer): open forms on it become stale. */
export async function touchShortlistEntry(db: DbExecutor, id: string): Promise<void> {
  await db
    .updateTable('need_shortlist_entry')
    .set({ lock_version: sql`lock_version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute()
}

/** 面談の日時と場所, saved only while the entry still has the version the page was read at. */
export async function setShortlistInterview(
  db: DbExecutor,
  id: string,
  { interviewAt, place, lockVersion }: { interviewAt: Date; place: string; lockVersion: number },
): Promise<boolean> {
  const result = await db
    .updateTable('need_shortlist_entry')
    .set({
      interview_at: interviewAt,
      interview_place: place,
      lock_version: sql`lock_version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The need, locked for a 内定 (or its undoing): one decision per need at a time. */
export async function lockNeedForShortlist(db: DbExecutor, needId: string) {
  return db
    .selectFrom('need')
    .select(['id', 'prefecture_code', 'status', 'title', 'employment_form', 'lock_version'])
    .where('id', '=', needId)
    .forUpdate()
    .executeTakeFirst()
}

// ---- the professional's side --------------------------------------------------------------------------------

const needOfEntry = (eb: ExpressionBuilder<DB, 'need_shortlist_entry'>) =>
  eb
    .selectFrom('need')
    .innerJoin('local_government as p', (join) =>
      join.onRef('p.prefecture_code', '=', 'need.prefecture_code').on('p.kind', '=', 'prefecture'),
    )
    .whereRef('need.id', '=', 'need_shortlist_entry.need_id')

/**
 * The 打診 a professional has had, newest first: every entry from 打診 on. One closed while it was only 候補
 * never reached them, so it is not theirs to see.
 */
export async function listOffersOfProfile(db: DbExecutor, profileId: string) {
  return db
    .selectFrom('need_shortlist_entry')
    .innerJoin('need', 'need.id', 'need_shortlist_entry.need_id')
    .innerJoin('local_government as p', (join) =>
      join.onRef('p.prefecture_code', '=', 'need.prefecture_code').on('p.kind', '=', 'prefecture'),
    )
    .select(entryColumns)
    .select((eb) => [acceptedOf(eb), 'need.title as need_title', 'p.name as prefecture_name'])
    .where('need_shortlist_entry.profile_id', '=', profileId)
    .where((eb) =>
      eb.or([
        eb('need_shortlist_entry.status', 'in', ['contacted', 'interview', 'offered']),
        eb.exists(
          eb
            .selectFrom('need_shortlist_event')
            .select(sql`1`.as('one'))
            .whereRef('need_shortlist_event.entry_id', '=', 'need_shortlist_entry.id')
            .where('need_shortlist_event.to_status', '=', 'contacted'),
        ),
      ]),
    )
    .orderBy('need_shortlist_entry.updated_at', 'desc')
    .limit(50)
    .execute()
}

/** One of the professional's own entries (from 打診 on), with its need; `forUpdate` locks the entry. */
export async function findOwnShortlistEntry(
  db: DbExecutor,
  entryId: string,
  profileId: string,
  { forUpdate = false }: { forUpdate?: boolean } = {},
) {
  let query = db
    .selectFrom('need_shortlist_entry')
    .select(entryColumns)
    .select((eb) => [
      acceptedOf(eb),
      needOfEntry(eb).select('need.title').as('need_title'),
      needOfEntry(eb).select('need.prefecture_code').as('prefecture_code'),
      needOfEntry(eb).select('p.name').as('prefecture_name'),
      eb
        .exists(
          eb
            .selectFrom('need_shortlist_event')
            .select(sql`1`.as('one'))
            .whereRef('need_shortlist_event.entry_id', '=', 'need_shortlist_entry.id')
            .where('need_shortlist_event.to_status', '=', 'contacted'),
        )
        .as('was_contacted'),
    ])
    .where('need_shortlist_entry.id', '=', entryId)
    .where('need_shortlist_entry.profile_id', '=', profileId)
  if (forUpdate) query = query.forUpdate()
  return query.executeTakeFirst()
}

/** Where to write to the person of an entry: their account's address and their name. */
export async function findEntryPerson(db: DbExecutor, profileId: string) {
  return db
    .selectFrom('profile')
    .innerJoin('app_user', 'app_user.id', 'profile.user_id')
    .select([
      'app_user.email',
      'app_user.deactivated_at',
      'profile.family_name',
      'profile.given_name',
      'profile.family_name_kana',
      'profile.given_name_kana',
    ])
    .where('profile.id', '=', profileId)
    .executeTakeFirst()
}

/**
 * The staff who hear the person's answer: whoever added the person and whoever made the 打診, while they are
 * still active (and verified) staff of the need's prefecture.
 */
export async function listStaffToNotify(db: DbExecutor, entryId: string, prefectureCode: string) {
  return db
    .selectFrom('app_user')
    .select(['app_user.id', 'app_user.email', 'app_user.display_name'])
    .where((eb) =>
      eb.or([
        eb(
          'app_user.id',
          'in',
          eb.selectFrom('need_shortlist_entry').select('created_by').where('need_shortlist_entry.id', '=', entryId),
        ),
        eb(
          'app_user.id',
          'in',
          eb
            .selectFrom('need_shortlist_event')
            .select('actor_user_id')
            .where('need_shortlist_event.entry_id', '=', entryId)
            .where('need_shortlist_event.to_status', '=', 'contacted'),
        ),
      ]),
    )
    .where('app_user.prefecture_code', '=', prefectureCode)
    .where('app_user.role', 'in', ['prefecture_staff', 'prefecture_admin'])
    .where('app_user.deactivated_at', 'is', null)
    .where('app_user.email_verified_at', 'is not', null)
    .orderBy('app_user.id')
    .execute()
}
