// SQL for placements (配置): the person, the employing body, the municipalities served with days a week, the cost
// lines per fiscal year and the history. Every read takes the viewer's scope and filters on it in the WHERE clause:
// the ministry everything, a prefecture every placement in it, a municipality those it employs or is served by.
// The employer's internal record (cost lines, notes) is selected only for viewers of the employer's side.
import { type ExpressionBuilder, type Insertable, type RawBuilder, sql, type Updateable } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DbExecutor } from '../client'
import type { CostItem, DB, PlacementEmployment, PlacementEndReason, PlacementKind, PlacementStatus } from '../schema'
import type { ViewerScope } from './issues'

type NewPlacement = Insertable<DB['placement']>
type PlacementChanges = Omit<
  Updateable<DB['placement']>,
  | 'id'
  | 'employer_code'
  | 'prefecture_code'
  | 'kind'
  | 'status'
  | 'end_reason'
  | 'end_note'
  | 'created_by'
  | 'lock_version'
  | 'created_at'
  | 'updated_at'
>

const dateText = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`
/** A calendar day (YYYY-MM-DD) as a DATE value to compare a DATE column with. */
const day = (iso: string) => sql<Date>`${iso}::date`

/** Rows the viewer may read: a municipality reads what it employs and what serves it. */
function scopePlacements<QB extends { where: (...args: any[]) => QB }>(query: QB, scope: ViewerScope): QB {
  if (scope.kind === 'national') return query
  if (scope.kind === 'prefecture') return query.where('placement.prefecture_code', '=', scope.prefectureCode)
  return query.where((eb: ExpressionBuilder<DB, 'placement'>) =>
    eb.or([
      eb('placement.employer_code', '=', scope.municipalityCode),
      eb.exists(
        eb
          .selectFrom('placement_municipality as served')
          .select('served.placement_id')
          .whereRef('served.placement_id', '=', 'placement.id')
          .where('served.municipality_code', '=', scope.municipalityCode),
      ),
    ]),
  )
}

/**
 * Whether the viewer sees the employer's own record of a placement (its cost lines and notes): the ministry and
 * the prefecture always, a municipality only for the placements it employs — not a prefecture's person who
 * merely serves it (their pay is the prefecture's business).
 */
function employerSideSql(scope: ViewerScope): RawBuilder<boolean> {
  if (scope.kind !== 'municipality') return sql<boolean>`true`
  return sql<boolean>`(placement.employer_code = ${scope.municipalityCode})`
}

const municipalitiesOf = (eb: ExpressionBuilder<DB, 'placement'>) =>
  jsonArrayFrom(
    eb
      .selectFrom('placement_municipality')
      .innerJoin('local_government as m', 'm.code', 'placement_municipality.municipality_code')
      .select([
        'placement_municipality.municipality_code as code',
        'm.name',
        'placement_municipality.days_per_week',
        'placement_municipality.weekdays',
      ])
      .whereRef('placement_municipality.placement_id', '=', 'placement.id')
      .orderBy('placement_municipality.sort_order'),
  ).as('municipalities')

const costsOf = (eb: ExpressionBuilder<DB, 'placement'>, scope: ViewerScope) =>
  jsonArrayFrom(
    eb
      .selectFrom('placement_cost')
      .select([
        'placement_cost.fiscal_year',
        'placement_cost.item',
        'placement_cost.in_programme',
        'placement_cost.amount',
      ])
      .whereRef('placement_cost.placement_id', '=', 'placement.id')
      .where(employerSideSql(scope))
      .orderBy('placement_cost.fiscal_year')
      .orderBy('placement_cost.item')
      .orderBy('placement_cost.in_programme', 'desc'),
  ).as('costs')

const summaryColumns = [
  'placement.id',
  'placement.employer_code',
  'placement.prefecture_code',
  'placement.kind',
  'placement.status',
  'placement.person_name',
  'placement.person_kana',
  'placement.job_title',
  'placement.employment',
  'placement.fixed_term',
  'placement.main_duty_municipal_support',
  'placement.appointed_accelerator',
  'placement.designated_dx_leader',
  'placement.plan_drafting_only',
  'placement.end_reason',
  'placement.lock_version',
  'placement.created_at',
  'placement.updated_at',
] as const

export interface PlacementFilter {
  status?: PlacementStatus
  kind?: PlacementKind
  /** Placements active on some day of this fiscal year (drafts have no start and never are). */
  fiscalYear?: number
  prefectureCode?: string
}

/** SQL: the placement is active on some day of fiscal year `fy` (1 April – 31 March; no end = still active). */
const activeIn = (eb: ExpressionBuilder<DB, 'placement'>, fy: number) =>
  eb.and([
    eb('placement.start_on', '<=', day(`${fy + 1}-03-31`)),
    eb.or([eb('placement.end_on', 'is', null), eb('placement.end_on', '>=', day(`${fy}-04-01`))]),
  ])

function filterPlacements<QB extends { where: (...args: any[]) => QB }>(query: QB, filter: PlacementFilter): QB {
  let filtered = query
  if (filter.status) filtered = filtered.where('placement.status', '=', filter.status)
  if (filter.kind) filtered = filtered.where('placement.kind', '=', filter.kind)
  if (filter.prefectureCode) filtered = filtered.where('placement.prefecture_code', '=', filter.prefectureCode)
  const fy = filter.fiscalYear
  if (fy !== undefined) filtered = filtered.where((eb: ExpressionBuilder<DB, 'placement'>) => activeIn(eb, fy))
  return filtered
}

/** The placements list, the latest change first: one page of it, or (without a range, for the CSV) all of it. */
export async function listPlacements(
  db: DbExecutor,
  scope: ViewerScope,
  filter: PlacementFilter = {},
  range?: { limit: number; offset: number },
) {
  const query = db
    .selectFrom('placement')
    .innerJoin('local_government as employer', 'employer.code', 'placement.employer_code')
    .select([...summaryColumns, 'employer.name as employer_name'])
    .select([dateText('placement.start_on').as('start_on'), dateText('placement.end_on').as('end_on')])
    .select((eb) => municipalitiesOf(eb))
  const ordered = filterPlacements(scopePlacements(query, scope), filter)
    .orderBy('placement.updated_at', 'desc')
    .orderBy('placement.id')
  return (range ? ordered.limit(range.limit).offset(range.offset) : ordered).execute()
}

/** How many placements listPlacements pages through. */
export async function countPlacements(db: DbExecutor, scope: ViewerScope, filter: PlacementFilter): Promise<number> {
  const query = filterPlacements(scopePlacements(db.selectFrom('placement'), scope), filter)
  const row = await query.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function findPlacement(db: DbExecutor, scope: ViewerScope, id: string) {
  const query = db
    .selectFrom('placement')
    .innerJoin('local_government as employer', 'employer.code', 'placement.employer_code')
    .select([...summaryColumns, 'employer.name as employer_name', 'employer.kind as employer_kind'])
    .select([
      'placement.profile_id',
      'placement.pool_member_id',
      'placement.need_id',
      'placement.shortlist_entry_id',
      dateText('placement.start_on').as('start_on'),
      dateText('placement.end_on').as('end_on'),
      employerSideSql(scope).as('employer_side'),
      sql<string>`case when ${employerSideSql(scope)} then placement.note else '' end`.as('note'),
      sql<string>`case when ${employerSideSql(scope)} then placement.end_note else '' end`.as('end_note'),
    ])
    .select((eb) => [municipalitiesOf(eb), costsOf(eb, scope)])
    .where('placement.id', '=', id)
  return scopePlacements(query, scope).executeTakeFirst()
}

export async function listPlacementEvents(db: DbExecutor, placementId: string) {
  return db
    .selectFrom('placement_event')
    .select(['id', 'action', 'from_status', 'to_status', 'occurred_at', 'actor_label', 'note'])
    .where('placement_id', '=', placementId)
    .orderBy('id')
    .execute()
}

export async function findPlacementIdByShortlistEntry(db: DbExecutor, shortlistEntryId: string) {
  const row = await db
    .selectFrom('placement')
    .select('id')
    .where('shortlist_entry_id', '=', shortlistEntryId)
    .executeTakeFirst()
  return row?.id ?? null
}

/** Removes the placement a 内定 started while it is still a draft (nothing recorded on it is lost but the draft). */
export async function deleteDraftPlacementOfEntry(db: DbExecutor, shortlistEntryId: string) {
  return db
    .deleteFrom('placement')
    .where('shortlist_entry_id', '=', shortlistEntryId)
    .where('status', '=', 'draft')
    .returning(['id', 'prefecture_code', 'person_name'])
    .executeTakeFirst()
}

export async function insertPlacement(db: DbExecutor, placement: NewPlacement): Promise<void> {
  await db.insertInto('placement').values(placement).execute()
}

/**
 * Saves the placement only while the employer is the caller's body and the row still has the version the form was
 * read at; false = someone saved first (or the row is not the caller's to change).
 */
export async function updatePlacementLocked(
  db: DbExecutor,
  id: string,
  { employerCode, lockVersion }: { employerCode: string; lockVersion: number },
  changes: PlacementChanges,
): Promise<boolean> {
  const result = await db
    .updateTable('placement')
    .set({ ...changes, lock_version: sql`lock_version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('employer_code', '=', employerCode)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Status change guarded by the employer, the status the caller saw and the lock version (no lost updates). */
export async function setPlacementStatus(
  db: DbExecutor,
  id: string,
  {
    employerCode,
    from,
    to,
    lockVersion,
  }: { employerCode: string; from: PlacementStatus; to: PlacementStatus; lockVersion: number },
  ending?: { endOn: string; endReason: PlacementEndReason; endNote: string },
): Promise<boolean> {
  const result = await db
    .updateTable('placement')
    .set({
      status: to,
      ...(ending ? { end_on: ending.endOn, end_reason: ending.endReason, end_note: ending.endNote } : {}),
      lock_version: sql`lock_version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('employer_code', '=', employerCode)
    .where('status', '=', from)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function replacePlacementMunicipalities(
  db: DbExecutor,
  placementId: string,
  rows: ReadonlyArray<{ code: string; daysPerWeek: number; weekdays?: string }>,
) {
  await db.deleteFrom('placement_municipality').where('placement_id', '=', placementId).execute()
  if (rows.length === 0) return
  await db
    .insertInto('placement_municipality')
    .values(
      rows.map((row, index) => ({
        placement_id: placementId,
        municipality_code: row.code,
        days_per_week: row.daysPerWeek,
        weekdays: row.weekdays ?? '',
        sort_order: index,
      })),
    )
    .execute()
}

/** One fiscal year's cost lines replaced by these (the other years stay as they are). */
export async function replacePlacementCosts(
  db: DbExecutor,
  placementId: string,
  fiscalYear: number,
  lines: ReadonlyArray<{ item: CostItem; inProgramme: boolean; amount: number }>,
) {
  await db
    .deleteFrom('placement_cost')
    .where('placement_id', '=', placementId)
    .where('fiscal_year', '=', fiscalYear)
    .execute()
  if (lines.length === 0) return
  await db
    .insertInto('placement_cost')
    .values(
      lines.map((line) => ({
        placement_id: placementId,
        fiscal_year: fiscalYear,
        item: line.item,
        in_programme: line.inProgramme,
        amount: line.amount,
      })),
    )
    .execute()
}

export async function insertPlacementEvent(
  db: DbExecutor,
  event: {
    placementId: string
    action: string
    from: PlacementStatus | null
    to: PlacementStatus
    actorUserId: string | null
    actorLabel: string
    note?: string
  },
) {
  await db
    .insertInto('placement_event')
    .values({
      placement_id: event.placementId,
      action: event.action,
      from_status: event.from,
      to_status: event.to,
      actor_user_id: event.actorUserId,
      actor_label: event.actorLabel,
      note: event.note ?? '',
    })
    .execute()
}

// ---- for other features ------------------------------------------------------------------------------------

/** A placement as the funding engine reads it. */
export interface PlacementForFunding {
  id: string
  /** 全国地方公共団体コード of the employing body (the body that claims). */
  employer: string
  kind: PlacementKind
  employment: PlacementEmployment
  fixedTerm: boolean
  mainDutyMunicipalSupport: boolean
  appointedAccelerator: boolean
  designatedDxLeader: boolean
  planDraftingOnly: boolean
  /** The employer's record of the person (for the funding tables; the engine does not read it). */
  personName: string
  /** Never null: only drafts lack a start (placement_active_has_start), and drafts are left out. */
  start: string
  end: string | null
  costs: Array<{ fy: number; item: CostItem; amount: number; inProgramme: boolean }>
}

/**
 * The placements a funding view counts, with their cost lines in the given fiscal years: those active on some day
 * of one of the years, or with a cost line in one (募集経費 are often spent the year before a start). Drafts are
 * left out. Funding is the employer's: a municipality gets the placements it employs, not a prefecture's person
 * who serves it.
 */
export async function listPlacementsForFunding(
  db: DbExecutor,
  scope: ViewerScope,
  fiscalYears: readonly number[],
  { employerCode }: { employerCode?: string } = {},
): Promise<PlacementForFunding[]> {
  const years = [...new Set(fiscalYears)]
  if (years.length === 0) return []
  let query = db
    .selectFrom('placement')
    .select([
      'placement.id',
      'placement.employer_code',
      'placement.person_name',
      'placement.kind',
      'placement.employment',
      'placement.fixed_term',
      'placement.main_duty_municipal_support',
      'placement.appointed_accelerator',
      'placement.designated_dx_leader',
      'placement.plan_drafting_only',
      dateText('placement.start_on').as('start_on'),
      dateText('placement.end_on').as('end_on'),
    ])
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('placement_cost')
          .select([
            'placement_cost.fiscal_year',
            'placement_cost.item',
            'placement_cost.amount',
            'placement_cost.in_programme',
          ])
          .whereRef('placement_cost.placement_id', '=', 'placement.id')
          .where('placement_cost.fiscal_year', 'in', years)
          .orderBy('placement_cost.fiscal_year')
          .orderBy('placement_cost.item')
          .orderBy('placement_cost.in_programme', 'desc'),
      ).as('costs'),
    )
    .where('placement.status', '<>', 'draft')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('placement_cost as spent')
            .select('spent.placement_id')
            .whereRef('spent.placement_id', '=', 'placement.id')
            .where('spent.fiscal_year', 'in', years),
        ),
        ...years.map((fy) => activeIn(eb, fy)),
      ]),
    )
  if (scope.kind === 'prefecture') query = query.where('placement.prefecture_code', '=', scope.prefectureCode)
  if (scope.kind === 'municipality') query = query.where('placement.employer_code', '=', scope.municipalityCode)
  if (employerCode !== undefined) query = query.where('placement.employer_code', '=', employerCode)
  const rows = await query.orderBy('placement.employer_code').orderBy('placement.id').execute()
  return rows.map((row) => ({
    id: row.id,
    employer: row.employer_code,
    personName: row.person_name,
    kind: row.kind,
    employment: row.employment,
    fixedTerm: row.fixed_term,
    mainDutyMunicipalSupport: row.main_duty_municipal_support,
    appointedAccelerator: row.appointed_accelerator,
    designatedDxLeader: row.designated_dx_leader,
    planDraftingOnly: row.plan_drafting_only,
    start: row.start_on ?? '',
    end: row.end_on,
    costs: row.costs.map((c) => ({
      fy: c.fiscal_year,
      item: c.item,
      amount: Number(c.amount),
      inProgramme: c.in_programme,
    })),
  }))
}

/**
 * Who supports a municipality today: active placements serving it (a prefecture's staff, or its own CIO補佐官等),
 * with the days and weekdays it gets and the period. A placement whose end date has passed is not listed.
 */
export async function listSupportersOfMunicipality(db: DbExecutor, municipalityCode: string, today: string) {
  return db
    .selectFrom('placement')
    .innerJoin('placement_municipality as served', 'served.placement_id', 'placement.id')
    .innerJoin('local_government as employer', 'employer.code', 'placement.employer_code')
    .select([
      'placement.id',
      'placement.kind',
      'placement.person_name',
      'placement.job_title',
      'placement.employment',
      'employer.name as employer_name',
      'served.days_per_week',
      'served.weekdays',
      dateText('placement.start_on').as('start_on'),
      dateText('placement.end_on').as('end_on'),
    ])
    .where('served.municipality_code', '=', municipalityCode)
    .where('placement.status', '=', 'active')
    .where((eb) => eb.or([eb('placement.end_on', 'is', null), eb('placement.end_on', '>=', day(today))]))
    .orderBy('placement.start_on')
    .orderBy('placement.id')
    .limit(50)
    .execute()
}
