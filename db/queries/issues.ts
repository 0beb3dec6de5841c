// SQL for municipal issues (課題). Every read takes the viewer's scope and filters on it in the WHERE clause:
// a municipality sees its own posts, a prefecture its municipalities', the ministry everything.
import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DbExecutor } from '../client'
import type { DB, IssueStatus } from '../schema'

/** The rows a viewer may see, for issues and needs alike. */
export type ViewerScope =
  | { kind: 'national' }
  | { kind: 'prefecture'; prefectureCode: string }
  | { kind: 'municipality'; prefectureCode: string; municipalityCode: string }

type NewIssue = Insertable<DB['municipal_issue']>
type IssueChanges = Omit<
  Updateable<DB['municipal_issue']>,
  'id' | 'prefecture_code' | 'status' | 'created_by' | 'lock_version' | 'created_at' | 'updated_at'
>

// The needs an issue was grouped into.
const needsOfIssue = (eb: ExpressionBuilder<DB, 'municipal_issue'>) =>
  jsonArrayFrom(
    eb
      .selectFrom('need_issue')
      .innerJoin('need', 'need.id', 'need_issue.need_id')
      .select(['need.id', 'need.title', 'need.status'])
      .whereRef('need_issue.issue_id', '=', 'municipal_issue.id')
      .orderBy('need.created_at'),
  ).as('needs')

const issueColumns = [
  'municipal_issue.id',
  'municipal_issue.prefecture_code',
  'municipal_issue.municipality_code',
  'municipal_issue.title',
  'municipal_issue.current_situation',
  'municipal_issue.desired_outcome',
  'municipal_issue.urgency',
  'municipal_issue.topic_skill_ids',
  'municipal_issue.it_staffing',
  'municipal_issue.size_note',
  'municipal_issue.contact_name',
  'municipal_issue.contact_department',
  'municipal_issue.contact_email',
  'municipal_issue.contact_phone',
  'municipal_issue.status',
  'municipal_issue.entered_by_prefecture',
  'municipal_issue.lock_version',
  'municipal_issue.created_at',
  'municipal_issue.updated_at',
] as const

/**
 * The prefecture's hearing note (県のメモ) is internal: selected for prefecture and ministry staff only, so a
 * municipality's page data never holds it (the row type marks it optional).
 */
const withInternalIssueColumns = (scope: ViewerScope) => scope.kind !== 'municipality'

function scopeIssues<QB extends { where: (...args: any[]) => QB }>(query: QB, scope: ViewerScope): QB {
  if (scope.kind === 'municipality')
    return query.where('municipal_issue.municipality_code', '=', scope.municipalityCode)
  if (scope.kind === 'prefecture') return query.where('municipal_issue.prefecture_code', '=', scope.prefectureCode)
  return query
}

export interface IssueListFilter {
  status?: IssueStatus
  municipalityCode?: string
  prefectureCode?: string
}

function filterIssues<QB extends { where: (...args: any[]) => QB }>(query: QB, filter: IssueListFilter): QB {
  let filtered = query
  if (filter.status) filtered = filtered.where('municipal_issue.status', '=', filter.status)
  if (filter.municipalityCode)
    filtered = filtered.where('municipal_issue.municipality_code', '=', filter.municipalityCode)
  if (filter.prefectureCode) filtered = filtered.where('municipal_issue.prefecture_code', '=', filter.prefectureCode)
  return filtered
}

/** One page of the issues list, the newest first. */
export async function listIssues(
  db: DbExecutor,
  scope: ViewerScope,
  filter: IssueListFilter,
  { limit, offset }: { limit: number; offset: number },
) {
  const query = db
    .selectFrom('municipal_issue')
    .innerJoin('local_government as m', 'm.code', 'municipal_issue.municipality_code')
    .select([...issueColumns, 'm.name as municipality_name'])
    .select((eb) => needsOfIssue(eb))
    .$if(withInternalIssueColumns(scope), (q) => q.select('municipal_issue.prefecture_note'))
  return filterIssues(scopeIssues(query, scope), filter)
    .orderBy('municipal_issue.created_at', 'desc')
    .orderBy('municipal_issue.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
}

/** How many issues listIssues pages through. */
export async function countIssues(db: DbExecutor, scope: ViewerScope, filter: IssueListFilter): Promise<number> {
  const query = filterIssues(scopeIssues(db.selectFrom('municipal_issue'), scope), filter)
  const row = await query.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function findIssue(db: DbExecutor, scope: ViewerScope, id: string) {
  const query = db
    .selectFrom('municipal_issue')
    .innerJoin('local_government as m', 'm.code', 'municipal_issue.municipality_code')
    .select([...issueColumns, 'm.name as municipality_name'])
    .select((eb) => needsOfIssue(eb))
    .$if(withInternalIssueColumns(scope), (q) => q.select('municipal_issue.prefecture_note'))
    .where('municipal_issue.id', '=', id)
  return scopeIssues(query, scope).executeTakeFirst()
}

export async function listIssuesByIds(db: DbExecutor, prefectureCode: string, ids: readonly string[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('municipal_issue')
    .innerJoin('local_government as m', 'm.code', 'municipal_issue.municipality_code')
    .select([...issueColumns, 'municipal_issue.prefecture_note', 'm.name as municipality_name'])
    .where('municipal_issue.prefecture_code', '=', prefectureCode)
    .where('municipal_issue.id', 'in', ids)
    .orderBy('municipal_issue.created_at')
    .execute()
}

/** The prefecture's open issues not yet grouped into this need (to add from the need page). */
export async function listGroupableIssues(db: DbExecutor, prefectureCode: string, needId: string) {
  return db
    .selectFrom('municipal_issue')
    .innerJoin('local_government as m', 'm.code', 'municipal_issue.municipality_code')
    .select(['municipal_issue.id', 'municipal_issue.title', 'm.name as municipality_name'])
    .where('municipal_issue.prefecture_code', '=', prefectureCode)
    .where('municipal_issue.status', 'in', ['submitted', 'reviewing', 'in_need'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('need_issue')
            .select('need_issue.issue_id')
            .whereRef('need_issue.issue_id', '=', 'municipal_issue.id')
            .where('need_issue.need_id', '=', needId),
        ),
      ),
    )
    .orderBy('municipal_issue.created_at', 'desc')
    .limit(200)
    .execute()
}

/** Whether this account has posted (or entered) any issue. */
export async function hasPostedIssue(db: DbExecutor, userId: string): Promise<boolean> {
  const row = await db.selectFrom('municipal_issue').select('id').where('created_by', '=', userId).executeTakeFirst()
  return row !== undefined
}

export async function insertIssue(db: DbExecutor, issue: NewIssue): Promise<void> {
  await db.insertInto('municipal_issue').values(issue).execute()
}

/** Saves only while the row still has the version the form was read at; false = someone saved first. */
export async function updateIssueLocked(
  db: DbExecutor,
  id: string,
  changes: IssueChanges,
  lockVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('municipal_issue')
    .set({ ...changes, lock_version: sql`lock_version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Status change guarded by the status the caller saw. */
export async function setIssueStatus(
  db: DbExecutor,
  id: string,
  { from, to }: { from: IssueStatus; to: IssueStatus },
): Promise<void> {
  await db
    .updateTable('municipal_issue')
    .set({ status: to, lock_version: sql`lock_version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', from)
    .execute()
}

/** Issues grouped into a need become ニーズ化済み (those still 提出 or 確認中). */
export async function markIssuesInNeed(db: DbExecutor, issueIds: readonly string[]): Promise<void> {
  if (issueIds.length === 0) return
  await db
    .updateTable('municipal_issue')
    .set({ status: 'in_need', lock_version: sql`lock_version + 1`, updated_at: sql`now()` })
    .where('id', 'in', issueIds)
    .where('status', 'in', ['submitted', 'reviewing'])
    .execute()
}

/** Back to 確認中 once the issue is no longer part of any need. */
export async function reopenIssueOutsideNeeds(db: DbExecutor, issueId: string): Promise<void> {
  await db
    .updateTable('municipal_issue')
    .set({ status: 'reviewing', lock_version: sql`lock_version + 1`, updated_at: sql`now()` })
    .where('id', '=', issueId)
    .where('status', '=', 'in_need')
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('need_issue').select('need_issue.need_id').where('need_issue.issue_id', '=', issueId)),
      ),
    )
    .execute()
}
