// Matching's reads from Postgres: the facts that rank and explain candidates, always through the consent
// predicate (profile-visibility.ts), so a profile whose owner withdrew consent a moment ago is gone from the
// page even while the search index catches up. The same select, with the hard conditions in SQL, is the match
// when Meilisearch is down (and the SQL baseline of the match benchmark).
import crypto from 'node:crypto'
import { type ExpressionBuilder, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DbExecutor } from '../client'
import type { DB } from '../schema'
import { type ProfileViewer, profileVisibleTo } from './profile-visibility'
import { placedFullTime } from './shortlist'

export interface MatchConditions {
  essentials: ReadonlyArray<{ skillId: string; minLevel: number }>
  employmentForm: string | null
  daysPerWeek: number
  prefectureCode: string
  remote: boolean
  /** 'YYYY-MM-DD' or null. */
  startOn: string | null
}

export interface MatchNarrowing {
  employmentForm?: string
  residencePrefectureCode?: string
  skillId?: string
  poolStatus?: string
  roleId?: string
}

/** viewer null: the owner reading their own profile (no consent involved; the caller scopes by user). */
function candidateSelect(db: DbExecutor, viewer: ProfileViewer | null, poolCode: string) {
  return db
    .selectFrom('profile')
    .select([
      'profile.id',
      'profile.family_name',
      'profile.given_name',
      'profile.family_name_kana',
      'profile.given_name_kana',
      'profile.employment_forms',
      'profile.days_per_week',
      'profile.work_area',
      'profile.work_prefecture_codes',
      'profile.remote_ok',
      'profile.years_public_sector',
      'profile.residence_prefecture_code',
      'profile.updated_at',
      sql<string | null>`to_char(profile.available_from, 'YYYY-MM-DD')`.as('available_from'),
      placedFullTime.as('placed_full_time'),
    ])
    .select((eb: ExpressionBuilder<DB, 'profile'>) => [
      jsonArrayFrom(
        eb
          .selectFrom('profile_skill')
          .select(['profile_skill.skill_id', 'profile_skill.level'])
          .whereRef('profile_skill.profile_id', '=', 'profile.id'),
      ).as('skills'),
      jsonArrayFrom(
        eb
          .selectFrom('profile_experience')
          .select('profile_experience.skill_ids')
          .whereRef('profile_experience.profile_id', '=', 'profile.id'),
      ).as('experiences'),
      eb
        .selectFrom('profile_qualification')
        .select((q) => q.fn.countAll<number>().as('n'))
        .whereRef('profile_qualification.profile_id', '=', 'profile.id')
        .as('qualification_count'),
      // The viewer's own pool record of the person, if any (statuses and target roles of other pools are
      // not the viewer's business).
      jsonArrayFrom(
        eb
          .selectFrom('pool_member')
          .select(['pool_member.id', 'pool_member.status', 'pool_member.target_role_ids'])
          .whereRef('pool_member.profile_id', '=', 'profile.id')
          .where('pool_member.prefecture_code', '=', poolCode)
          .where('pool_member.status', '!=', 'withdrawn'),
      ).as('pool'),
    ])
    .$if(viewer !== null, (query) => query.where(profileVisibleTo(viewer)))
}

export type CandidateRow = Awaited<ReturnType<ReturnType<typeof candidateSelect>['execute']>>[number]

/** The rows of these profiles that the viewer may see (a withdrawn consent drops a row at once). */
export async function listCandidateRows(
  db: DbExecutor,
  viewer: ProfileViewer,
  poolCode: string,
  ids: readonly string[],
): Promise<CandidateRow[]> {
  if (ids.length === 0) return []
  return candidateSelect(db, viewer, poolCode).where('profile.id', 'in', ids).execute()
}

/** A professional's own profile as matching sees it (their own pools are not needed here). */
export async function findOwnCandidateRow(db: DbExecutor, userId: string): Promise<CandidateRow | undefined> {
  return candidateSelect(db, null, '').where('profile.user_id', '=', userId).executeTakeFirst()
}

/** Published needs with what matching needs of them (a few thousand at most: all of them, in one statement). */
export async function listPublishedNeedsForMatch(db: DbExecutor, { openCallOnly }: { openCallOnly: boolean }) {
  return db
    .selectFrom('need')
    .innerJoin('local_government as p', (join) =>
      join.onRef('p.prefecture_code', '=', 'need.prefecture_code').on('p.kind', '=', 'prefecture'),
    )
    .select([
      'need.id',
      'need.title',
      'need.prefecture_code',
      'p.name as prefecture_name',
      'need.employment_form',
      'need.remote_days_per_week',
      'need.open_call',
      'need.published_at',
      sql<string | null>`to_char(need.start_on, 'YYYY-MM-DD')`.as('start_on'),
      sql<string | null>`to_char(need.application_deadline, 'YYYY-MM-DD')`.as('application_deadline'),
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('need_skill')
          .select(['need_skill.skill_id', 'need_skill.min_level', 'need_skill.essential'])
          .whereRef('need_skill.need_id', '=', 'need.id')
          .orderBy('need_skill.sort_order'),
      ).as('skills'),
      jsonArrayFrom(
        eb
          .selectFrom('need_municipality')
          .select('need_municipality.days_per_week')
          .whereRef('need_municipality.need_id', '=', 'need.id'),
      ).as('municipalities'),
    ])
    .where('need.status', '=', 'published')
    .$if(openCallOnly, (query) => query.where('need.open_call', '=', true))
    .orderBy('need.published_at', 'desc')
    .execute()
}

/**
 * The match in SQL alone: every profile the viewer may see that passes the hard conditions and the
 * narrowing, at most `limit` of them, those holding every 必須 skill first. Free text is not searched here.
 */
export async function listCandidateRowsBySql(
  db: DbExecutor,
  viewer: ProfileViewer,
  poolCode: string,
  conditions: MatchConditions,
  narrowing: MatchNarrowing,
  limit: number,
): Promise<CandidateRow[]> {
  // Someone placed full time (a 内定 on a 常勤 need) is no candidate for another need.
  let query = candidateSelect(db, viewer, poolCode).where(sql<boolean>`not ${placedFullTime}`)
  if (conditions.employmentForm)
    query = query.where(sql<boolean>`profile.employment_forms @> jsonb_build_array(${conditions.employmentForm}::text)`)
  if (conditions.daysPerWeek > 0) query = query.where('profile.days_per_week', '>=', String(conditions.daysPerWeek))
  query = query.where((eb) =>
    eb.or([
      eb('profile.work_area', '=', 'all'),
      sql<boolean>`profile.work_prefecture_codes @> jsonb_build_array(${conditions.prefectureCode}::text)`,
      ...(conditions.remote ? [eb('profile.remote_ok', '=', true)] : []),
    ]),
  )
  if (conditions.startOn)
    query = query.where((eb) =>
      eb.or([
        eb('profile.available_from', 'is', null),
        sql<boolean>`profile.available_from <= ${conditions.startOn}::date`,
      ]),
    )
  if (narrowing.employmentForm)
    query = query.where(sql<boolean>`profile.employment_forms @> jsonb_build_array(${narrowing.employmentForm}::text)`)
  if (narrowing.residencePrefectureCode)
    query = query.where('profile.residence_prefecture_code', '=', narrowing.residencePrefectureCode)
  if (narrowing.skillId) {
    const skillId = narrowing.skillId
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('profile_skill')
          .select(sql`1`.as('one'))
          .whereRef('profile_skill.profile_id', '=', 'profile.id')
          .where('profile_skill.skill_id', '=', skillId),
      ),
    )
  }
  if (narrowing.poolStatus || narrowing.roleId) {
    const { poolStatus, roleId } = narrowing
    query = query.where(({ exists, selectFrom }) => {
      let member = selectFrom('pool_member')
        .select(sql`1`.as('one'))
        .whereRef('pool_member.profile_id', '=', 'profile.id')
        .where('pool_member.prefecture_code', '=', poolCode)
        .where('pool_member.status', '!=', 'withdrawn')
      if (poolStatus) member = member.where('pool_member.status', '=', poolStatus as never)
      if (roleId) member = member.where(sql<boolean>`pool_member.target_role_ids @> jsonb_build_array(${roleId}::text)`)
      return exists(member)
    })
  }
  // Those who hold every 必須 skill at its level first, so a cut at `limit` keeps the best tier whole.
  const essentialsMet = conditions.essentials.length
    ? sql<number>`(select count(*) from profile_skill ps where ps.profile_id = profile.id and (${sql.join(
        conditions.essentials.map((e) => sql`(ps.skill_id = ${e.skillId} and ps.level >= ${e.minLevel})`),
        sql` or `,
      )}))`
    : sql<number>`0`
  return query.orderBy(essentialsMet, 'desc').orderBy('profile.id').limit(limit).execute()
}

// ---- saved searches ------------------------------------------------------------------------------------

export async function listSavedSearches(db: DbExecutor, needId: string) {
  return db
    .selectFrom('need_saved_search')
    .select(['id', 'name', 'query', 'created_at'])
    .where('need_id', '=', needId)
    .orderBy('created_at')
    .execute()
}

export async function insertSavedSearch(
  db: DbExecutor,
  values: { needId: string; name: string; query: string; createdBy: string },
) {
  await db
    .insertInto('need_saved_search')
    .values({
      id: crypto.randomUUID(),
      need_id: values.needId,
      name: values.name,
      query: values.query,
      created_by: values.createdBy,
    })
    .execute()
}

/** Deletes one of the need's saved searches; false when there was none with that id on that need. */
export async function deleteSavedSearch(db: DbExecutor, needId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('need_saved_search')
    .where('need_id', '=', needId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/**
 * People who asked for the weekly mail of fitting open calls and are due one (never sent, or the last one a
 * week or more before `dueBefore`), locked so two workers never mail the same person; active, verified
 * accounts only.
 */
export async function claimDueDigestRecipients(db: DbExecutor, dueBefore: Date, limit: number) {
  return db
    .selectFrom('profile')
    .innerJoin('app_user', 'app_user.id', 'profile.user_id')
    .select([
      'profile.id',
      'profile.user_id',
      'profile.family_name',
      'profile.given_name',
      'profile.fitting_needs_digest_since',
      'app_user.email',
    ])
    .where('profile.fitting_needs_digest', '=', true)
    .where((eb) =>
      eb.or([
        eb('profile.fitting_needs_digest_since', 'is', null),
        eb('profile.fitting_needs_digest_since', '<=', dueBefore),
      ]),
    )
    .where('app_user.deactivated_at', 'is', null)
    .where('app_user.email_verified_at', 'is not', null)
    .orderBy('profile.id')
    .limit(limit)
    .forUpdate('profile')
    .skipLocked()
    .execute()
}

export async function markDigestSent(db: DbExecutor, profileId: string, at: Date): Promise<void> {
  await db.updateTable('profile').set({ fitting_needs_digest_since: at }).where('id', '=', profileId).execute()
}
