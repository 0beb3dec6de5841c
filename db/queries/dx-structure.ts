// SQL for 推進体制 ①〜④: each prefecture's reports (every one kept; the latest per requirement is current), the
// ministry's confirmation or return, and the published national figures as history. Reads take the viewer's scope
// (the nation, or one prefecture) in the WHERE clause.
import { type ExpressionBuilder, type Insertable, sql } from 'kysely'
import type { DbExecutor } from '../client'
import type { DB, DxStructureReportStatus, DxStructureRequirement } from '../schema'
import type { DashboardScope } from './dashboard'

type NewDxStructureReport = Insertable<DB['dx_structure_report']>

/** The report `r` (dx_structure_report as r) is the newest of its prefecture and requirement. */
export function newestOfItsRequirement({
  not,
  exists,
  selectFrom,
}: ExpressionBuilder<DB & { r: DB['dx_structure_report'] }, 'r'>) {
  return not(
    exists(
      selectFrom('dx_structure_report as newer')
        .select('newer.id')
        .whereRef('newer.prefecture_code', '=', 'r.prefecture_code')
        .whereRef('newer.requirement', '=', 'r.requirement')
        .whereRef('newer.reported_at', '>', 'r.reported_at'),
    ),
  )
}

export interface DxStructureReportRow {
  id: string
  prefecture_code: string
  requirement: DxStructureRequirement
  met: boolean
  as_of: string
  note: string
  status: DxStructureReportStatus
  reported_at: Date
  reported_by_name: string | null
  reviewed_at: Date | null
  reviewed_by_name: string | null
  review_note: string
}

const reportColumns = sql<DxStructureReportRow>`r.id, r.prefecture_code, r.requirement::int as requirement, r.met,
  to_char(r.as_of, 'YYYY-MM-DD') as as_of, r.note, r.status, r.reported_at, reporter.display_name as reported_by_name,
  r.reviewed_at, reviewer.display_name as reviewed_by_name, r.review_note`

const scopeCondition = (scope: DashboardScope) =>
  scope.kind === 'national' ? sql`true` : sql`r.prefecture_code = ${scope.prefectureCode}`

/** Every report in scope, newest first within each prefecture and requirement (the history). */
export async function listDxStructureReports(db: DbExecutor, scope: DashboardScope): Promise<DxStructureReportRow[]> {
  const { rows } = await sql<DxStructureReportRow>`
    select ${reportColumns}
    from dx_structure_report r
    left join app_user reporter on reporter.id = r.reported_by
    left join app_user reviewer on reviewer.id = r.reviewed_by
    where ${scopeCondition(scope)}
    order by r.prefecture_code, r.requirement, r.reported_at desc, r.id`.execute(db)
  return rows
}

/**
 * Per prefecture and requirement, the report that stands: the latest one the ministry has not returned (確認済み,
 * or 確認待ち when newer). A returned report stands for nothing; the one before it, if any, still does.
 */
export async function listStandingDxStructureReports(
  db: DbExecutor,
  scope: DashboardScope,
): Promise<DxStructureReportRow[]> {
  const { rows } = await sql<DxStructureReportRow>`
    select distinct on (r.prefecture_code, r.requirement) ${reportColumns}
    from dx_structure_report r
    left join app_user reporter on reporter.id = r.reported_by
    left join app_user reviewer on reviewer.id = r.reviewed_by
    where r.status <> 'returned' and ${scopeCondition(scope)}
    order by r.prefecture_code, r.requirement, r.reported_at desc, r.id`.execute(db)
  return rows
}

/** The reports waiting for the ministry: the latest report of a prefecture and requirement, still 確認待ち. */
export async function listPendingDxStructureReports(db: DbExecutor): Promise<DxStructureReportRow[]> {
  const { rows } = await sql<DxStructureReportRow>`
    select * from (
      select distinct on (r.prefecture_code, r.requirement) ${reportColumns}
      from dx_structure_report r
      left join app_user reporter on reporter.id = r.reported_by
      left join app_user reviewer on reviewer.id = r.reviewed_by
      order by r.prefecture_code, r.requirement, r.reported_at desc, r.id
    ) latest
    where latest.status = 'reported'
    order by latest.reported_at, latest.prefecture_code, latest.requirement`.execute(db)
  return rows
}

export async function findDxStructureReport(db: DbExecutor, id: string): Promise<DxStructureReportRow | undefined> {
  const { rows } = await sql<DxStructureReportRow>`
    select ${reportColumns}
    from dx_structure_report r
    left join app_user reporter on reporter.id = r.reported_by
    left join app_user reviewer on reviewer.id = r.reviewed_by
    where r.id = ${id}`.execute(db)
  return rows[0]
}

export async function insertDxStructureReport(db: DbExecutor, report: NewDxStructureReport): Promise<void> {
  await db.insertInto('dx_structure_report').values(report).execute()
}

/**
 * The ministry's answer to a report: only while it is 確認待ち and still the latest for its prefecture and
 * requirement (a report a newer one has replaced is not answered). False when either no longer holds.
 */
export async function reviewDxStructureReport(
  db: DbExecutor,
  id: string,
  review: { status: 'confirmed' | 'returned'; reviewedBy: string; note: string },
): Promise<boolean> {
  const result = await db
    .updateTable('dx_structure_report as r')
    .set({ status: review.status, reviewed_by: review.reviewedBy, reviewed_at: sql`now()`, review_note: review.note })
    .where('r.id', '=', id)
    .where('r.status', '=', 'reported')
    .where(newestOfItsRequirement)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The published national figures (how many prefectures met each requirement), newest first. */
export async function listDxStructureNationalFigures(db: DbExecutor) {
  const rows = await db
    .selectFrom('dx_structure_national_figure')
    .select([
      sql<string>`to_char(as_of, 'YYYY-MM-DD')`.as('as_of'),
      'met_1',
      'met_2',
      'met_3',
      'met_4',
      'met_all',
      'source',
    ])
    .orderBy('as_of', 'desc')
    .execute()
  return rows.map((r) => ({
    asOf: r.as_of,
    met: [r.met_1, r.met_2, r.met_3, r.met_4] as [number, number, number, number],
    metAll: r.met_all,
    source: r.source,
  }))
}
