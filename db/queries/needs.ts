// SQL for needs (ニーズ), their job descriptions and the interest professionals express in them. Every read
// takes the viewer's scope and filters on it in the WHERE clause: a prefecture its own rows, the ministry
// everything, the public only 公開 needs on the open calls.
import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DbExecutor } from '../client'
import type { DB, NeedStatus } from '../schema'
import type { ViewerScope } from './issues'
import { listLocalGovernmentsByCodes, listPrefectures } from './local-government'
import { type ProfileViewer, profileVisibleTo } from './profile-visibility'

type NewNeed = Insertable<DB['need']>
type NeedChanges = Omit<
  Updateable<DB['need']>,
  'id' | 'prefecture_code' | 'status' | 'published_at' | 'created_by' | 'lock_version' | 'created_at' | 'updated_at'
>

const dateText = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`

// Shared subqueries: the municipalities a need serves (with days a week) and its required skills.
const municipalitiesOf = (eb: ExpressionBuilder<DB, 'need'>) =>
  jsonArrayFrom(
    eb
      .selectFrom('need_municipality')
      .innerJoin('local_government as m', 'm.code', 'need_municipality.municipality_code')
      .select(['need_municipality.municipality_code as code', 'm.name', 'need_municipality.days_per_week'])
      .whereRef('need_municipality.need_id', '=', 'need.id')
      .orderBy('need_municipality.sort_order'),
  ).as('municipalities')

const skillsOf = (eb: ExpressionBuilder<DB, 'need'>) =>
  jsonArrayFrom(
    eb
      .selectFrom('need_skill')
      .select(['need_skill.skill_id', 'need_skill.min_level', 'need_skill.essential'])
      .whereRef('need_skill.need_id', '=', 'need.id')
      .orderBy('need_skill.sort_order'),
  ).as('skills')

// ---- ニーズ -----------------------------------------------------------------------------------------------------

const needSummaryColumns = [
  'need.id',
  'need.prefecture_code',
  'need.status',
  'need.title',
  'need.role_id',
  'need.employment_form',
  'need.employer',
  'need.remote_days_per_week',
  'need.open_call',
  'need.lock_version',
  'need.published_at',
  'need.created_at',
  'need.updated_at',
] as const

function scopeNeeds<QB extends { where: (...args: any[]) => QB }>(query: QB, scope: ViewerScope): QB {
  if (scope.kind === 'national') return query
  return query.where('need.prefecture_code', '=', scope.prefectureCode)
}

export interface NeedListFilter {
  status?: NeedStatus
  prefectureCode?: string
}

function filterNeeds<QB extends { where: (...args: any[]) => QB }>(query: QB, filter: NeedListFilter): QB {
  let filtered = query
  if (filter.status) filtered = filtered.where('need.status', '=', filter.status)
  if (filter.prefectureCode) filtered = filtered.where('need.prefecture_code', '=', filter.prefectureCode)
  return filtered
}

/**
 * The needs list, the latest change first: one page of it, or (without a range, for the CSV) all of it.
 * Each row carries its municipalities' codes and days; their names and the prefecture's come from the master
 * list of bodies (cached, db/queries/local-government.ts), not from a join per row: on the embedded database
 * the join and sort inside each row's subquery took over half of the national list's statement time.
 */
export async function listNeeds(
  db: DbExecutor,
  scope: ViewerScope,
  filter: NeedListFilter = {},
  range?: { limit: number; offset: number },
) {
  const query = db
    .selectFrom('need')
    .select(needSummaryColumns)
    .select([
      dateText('need.start_on').as('start_on'),
      dateText('need.end_on').as('end_on'),
      dateText('need.application_deadline').as('application_deadline'),
    ])
    .select((eb) => [
      eb
        .selectFrom('need_municipality as nm')
        .select(
          sql<
            Array<[string, number]>
          >`coalesce(json_agg(json_build_array(nm.municipality_code, nm.days_per_week) order by nm.sort_order), '[]')`.as(
            'days',
          ),
        )
        .whereRef('nm.need_id', '=', 'need.id')
        .as('municipality_days'),
      eb
        .selectFrom('need_interest')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('need_interest.need_id', '=', 'need.id')
        .as('interest_count'),
    ])
  const ordered = filterNeeds(scopeNeeds(query, scope), filter)
    .orderBy('need.updated_at', 'desc')
    .orderBy('need.id', 'desc')
  const rows = await (range ? ordered.limit(range.limit).offset(range.offset) : ordered).execute()
  const codes = new Set<string>()
  for (const row of rows) for (const [code] of row.municipality_days ?? []) codes.add(code)
  const bodies = new Map((await listLocalGovernmentsByCodes(db, [...codes])).map((body) => [body.code, body]))
  const prefectures = new Map((await listPrefectures(db)).map((p) => [p.prefecture_code, p.name]))
  return rows.map(({ municipality_days, ...row }) => ({
    ...row,
    prefecture_name: prefectures.get(row.prefecture_code) ?? row.prefecture_code,
    municipalities: (municipality_days ?? []).map(([code, days]) => ({
      code,
      name: bodies.get(code)?.name ?? code,
      days_per_week: String(days),
    })),
  }))
}

/** How many needs listNeeds pages through. */
export async function countNeeds(db: DbExecutor, scope: ViewerScope, filter: NeedListFilter = {}): Promise<number> {
  const query = filterNeeds(scopeNeeds(db.selectFrom('need'), scope), filter)
  const row = await query.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function findNeed(db: DbExecutor, scope: ViewerScope | { kind: 'public' }, id: string) {
  let query = db
    .selectFrom('need')
    .innerJoin('local_government as p', (join) =>
      join.onRef('p.prefecture_code', '=', 'need.prefecture_code').on('p.kind', '=', 'prefecture'),
    )
    .select([
      ...needSummaryColumns,
      'p.name as prefecture_name',
      'need.template_id',
      'need.background',
      'need.task_skill_ids',
      'need.task_details',
      'need.employer_note',
      'need.work_place',
      'need.pay_min_yen',
      'need.pay_max_yen',
      'need.pay_unit',
      'need.budget_yen',
      'need.selection_process',
      'need.supervisor',
      'need.management_note',
      'need.contact',
    ])
    .select([
      dateText('need.start_on').as('start_on'),
      dateText('need.end_on').as('end_on'),
      dateText('need.application_deadline').as('application_deadline'),
    ])
    .select((eb) => [municipalitiesOf(eb), skillsOf(eb)])
    .where('need.id', '=', id)
  if (scope.kind === 'public') {
    // Outside the prefecture only 公開 needs the prefecture chose to publish are visible.
    query = query.where('need.status', '=', 'published').where('need.open_call', '=', true)
  } else {
    query = scopeNeeds(query, scope)
  }
  return query.executeTakeFirst()
}

export async function listNeedIssues(db: DbExecutor, needId: string) {
  return db
    .selectFrom('need_issue')
    .innerJoin('municipal_issue', 'municipal_issue.id', 'need_issue.issue_id')
    .innerJoin('local_government as m', 'm.code', 'municipal_issue.municipality_code')
    .select([
      'municipal_issue.id',
      'municipal_issue.title',
      'municipal_issue.status',
      'municipal_issue.urgency',
      'm.name as municipality_name',
    ])
    .where('need_issue.need_id', '=', needId)
    .orderBy('municipal_issue.created_at')
    .execute()
}

export async function listNeedEvents(db: DbExecutor, needId: string) {
  return db
    .selectFrom('need_event')
    .select(['id', 'from_status', 'to_status', 'occurred_at', 'actor_label', 'note'])
    .where('need_id', '=', needId)
    .orderBy('id')
    .execute()
}

/**
 * The people who expressed interest in a need. Their names come from their profiles, so they are read
 * under the consent rule: the need's prefecture sees its applicants; the ministry only those who share
 * their profile with it.
 */
export async function listNeedInterests(db: DbExecutor, needId: string, viewer: ProfileViewer | null) {
  return db
    .selectFrom('need_interest')
    .innerJoin('profile', 'profile.id', 'need_interest.profile_id')
    .innerJoin('pool_member', 'pool_member.id', 'need_interest.pool_member_id')
    .select([
      'need_interest.pool_member_id',
      sql<string>`case when ${profileVisibleTo(viewer)} then need_interest.message else '' end`.as('message'),
      'need_interest.created_at',
      sql<
        string | null
      >`case when ${profileVisibleTo(viewer)} then profile.family_name || ' ' || profile.given_name end`.as(
        'full_name',
      ),
      'pool_member.status as pool_status',
    ])
    .where('need_interest.need_id', '=', needId)
    .orderBy('need_interest.created_at')
    .execute()
}

export async function insertNeed(db: DbExecutor, need: NewNeed): Promise<void> {
  await db.insertInto('need').values(need).execute()
}

/**
 * Saves the job description only while the need is the prefecture's and still has the version the form was
 * read at; false = someone saved first.
 */
export async function updateNeedLocked(
  db: DbExecutor,
  id: string,
  { prefectureCode, lockVersion }: { prefectureCode: string; lockVersion: number },
  changes: NeedChanges,
): Promise<boolean> {
  const result = await db
    .updateTable('need')
    .set({ ...changes, lock_version: sql`lock_version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('prefecture_code', '=', prefectureCode)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Status change guarded by the prefecture, the status the caller saw and the lock version (no lost updates).
 * The first publication stamps published_at.
 */
export async function setNeedStatus(
  db: DbExecutor,
  id: string,
  {
    prefectureCode,
    from,
    to,
    lockVersion,
  }: { prefectureCode: string; from: NeedStatus; to: NeedStatus; lockVersion: number },
): Promise<boolean> {
  const result = await db
    .updateTable('need')
    .set({
      status: to,
      ...(to === 'published' ? { published_at: sql`coalesce(published_at, now())` } : {}),
      lock_version: sql`lock_version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('prefecture_code', '=', prefectureCode)
    .where('status', '=', from)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Groups issues into a need (an issue already in it stays as it is). */
export async function addNeedIssues(db: DbExecutor, needId: string, issueIds: readonly string[]): Promise<void> {
  if (issueIds.length === 0) return
  await db
    .insertInto('need_issue')
    .values(issueIds.map((issueId) => ({ need_id: needId, issue_id: issueId })))
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export async function removeNeedIssue(db: DbExecutor, needId: string, issueId: string): Promise<void> {
  await db.deleteFrom('need_issue').where('need_id', '=', needId).where('issue_id', '=', issueId).execute()
}

export async function insertNeedEvent(
  db: DbExecutor,
  event: {
    needId: string
    from: NeedStatus | null
    to: NeedStatus
    actorUserId: string | null
    actorLabel: string
    note?: string
  },
) {
  await db
    .insertInto('need_event')
    .values({
      need_id: event.needId,
      from_status: event.from,
      to_status: event.to,
      actor_user_id: event.actorUserId,
      actor_label: event.actorLabel,
      note: event.note ?? '',
    })
    .execute()
}

export async function replaceNeedMunicipalities(
  db: DbExecutor,
  needId: string,
  rows: ReadonlyArray<{ code: string; daysPerWeek: number }>,
) {
  await db.deleteFrom('need_municipality').where('need_id', '=', needId).execute()
  if (rows.length === 0) return
  await db
    .insertInto('need_municipality')
    .values(
      rows.map((row, index) => ({
        need_id: needId,
        municipality_code: row.code,
        days_per_week: row.daysPerWeek,
        sort_order: index,
      })),
    )
    .execute()
}

export async function replaceNeedSkills(
  db: DbExecutor,
  needId: string,
  rows: ReadonlyArray<{ skillId: string; minLevel: number; essential: boolean }>,
) {
  await db.deleteFrom('need_skill').where('need_id', '=', needId).execute()
  if (rows.length === 0) return
  await db
    .insertInto('need_skill')
    .values(
      rows.map((row, index) => ({
        need_id: needId,
        skill_id: row.skillId,
        min_level: row.minLevel,
        essential: row.essential,
        sort_order: index,
      })),
    )
    .execute()
}

/** Public open calls read from Postgres by the ids Meilisearch returned, keeping the search order. */
export async function listPublicNeedsByIds(db: DbExecutor, ids: readonly string[]) {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('need')
    .innerJoin('local_government as p', (join) =>
      join.onRef('p.prefecture_code', '=', 'need.prefecture_code').on('p.kind', '=', 'prefecture'),
    )
    .select([...needSummaryColumns, 'p.name as prefecture_name', 'need.task_skill_ids', 'need.work_place'])
    .select([
      dateText('need.start_on').as('start_on'),
      dateText('need.application_deadline').as('application_deadline'),
    ])
    .select((eb) => municipalitiesOf(eb))
    .where('need.id', 'in', ids)
    .where('need.status', '=', 'published')
    .where('need.open_call', '=', true)
    .execute()
  const order = new Map(ids.map((id, index) => [id, index]))
  return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
}

// ---- search documents -----------------------------------------------------------------------------------------

export async function listAllNeedIds(db: DbExecutor): Promise<string[]> {
  const rows = await db.selectFrom('need').select('id').where('status', '=', 'published').execute()
  return rows.map((row) => row.id)
}

export async function listNeedsForIndex(db: DbExecutor, ids: readonly string[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('need')
    .innerJoin('local_government as p', (join) =>
      join.onRef('p.prefecture_code', '=', 'need.prefecture_code').on('p.kind', '=', 'prefecture'),
    )
    .select([
      'need.id',
      'need.prefecture_code',
      'p.name as prefecture_name',
      'need.status',
      'need.title',
      'need.background',
      'need.task_skill_ids',
      'need.task_details',
      'need.role_id',
      'need.employment_form',
      'need.remote_days_per_week',
      'need.open_call',
      'need.work_place',
      'need.published_at',
      'need.updated_at',
    ])
    .select(dateText('need.start_on').as('start_on'))
    .select((eb) => [municipalitiesOf(eb), skillsOf(eb)])
    .where('need.id', 'in', ids)
    .execute()
}

/** Open calls straight from Postgres (when Meilisearch is down): the same filters but no words, newest first. */
export async function listOpenCallIds(
  db: DbExecutor,
  filter: { prefectureCode?: string; roleId?: string; topicId?: string; remote?: boolean },
  { limit = 5000 }: { limit?: number } = {},
): Promise<string[]> {
  let query = db
    .selectFrom('need')
    .select('need.id')
    .where('need.status', '=', 'published')
    .where('need.open_call', '=', true)
  if (filter.prefectureCode) query = query.where('need.prefecture_code', '=', filter.prefectureCode)
  if (filter.roleId) query = query.where('need.role_id', '=', filter.roleId)
  if (filter.remote) query = query.where('need.remote_days_per_week', '>', '0')
  const topic = filter.topicId
  if (topic) {
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`need.task_skill_ids ? ${topic}`,
        eb.exists(
          eb
            .selectFrom('need_skill')
            .select('need_skill.skill_id')
            .whereRef('need_skill.need_id', '=', 'need.id')
            .where('need_skill.skill_id', '=', topic),
        ),
      ]),
    )
  }
  const rows = await query.orderBy('need.published_at', 'desc').orderBy('need.id').limit(limit).execute()
  return rows.map((row) => row.id)
}

/** A professional's interests in needs, newest first, with where each need stands now. */
export async function listInterestsOfProfile(db: DbExecutor, profileId: string) {
  return db
    .selectFrom('need_interest')
    .innerJoin('need', 'need.id', 'need_interest.need_id')
    .innerJoin('local_government as p', (join) =>
      join.onRef('p.prefecture_code', '=', 'need.prefecture_code').on('p.kind', '=', 'prefecture'),
    )
    .select([
      'need.id',
      'need.title',
      'need.status',
      'need.open_call',
      'need.prefecture_code',
      'p.name as prefecture_name',
      'need_interest.message',
      'need_interest.created_at',
    ])
    .where('need_interest.profile_id', '=', profileId)
    .orderBy('need_interest.created_at', 'desc')
    .execute()
}

/** Whether (and when) this profile already expressed interest in the need. */
export async function findNeedInterest(db: DbExecutor, needId: string, profileId: string) {
  return db
    .selectFrom('need_interest')
    .select('created_at')
    .where('need_id', '=', needId)
    .where('profile_id', '=', profileId)
    .executeTakeFirst()
}

export async function insertNeedInterest(
  db: DbExecutor,
  interest: { needId: string; profileId: string; poolMemberId: string; message: string },
): Promise<void> {
  await db
    .insertInto('need_interest')
    .values({
      need_id: interest.needId,
      profile_id: interest.profileId,
      pool_member_id: interest.poolMemberId,
      message: interest.message,
    })
    .execute()
}
