// SQL for the ministry's dashboard toward 500 accelerators and the daily count behind its trend. Every figure is
// counted from the rows the other pages show (appointments, pools, needs, placements): no second bookkeeping.
// Each read takes the viewer's scope — the nation, or one prefecture — and filters on it in the WHERE clause, so
// a prefecture's slice never carries another prefecture's numbers.
import { sql } from 'kysely'
import type { DbExecutor } from '../client'
import type { LocalGovernmentKind, PlacementEmployment, PoolStatus } from '../schema'

export type DashboardScope = { kind: 'national' } | { kind: 'prefecture'; prefectureCode: string }

/** `column = code` for a prefecture's slice, `true` for the nation (as a raw condition inside a query). */
function inScope(scope: DashboardScope, column: string) {
  return scope.kind === 'national' ? sql<boolean>`true` : sql<boolean>`${sql.ref(column)} = ${scope.prefectureCode}`
}

/** What a prefecture's grouping set returns for the whole scope (its total row). */
const TOTAL = null

// ---- appointments --------------------------------------------------------------------------------------------

/**
 * Per prefecture (only those with any): accelerators appointed now (status 任命中) and nominations under the
 * ministry's review (審査中).
 */
export async function countAppointmentsByPrefecture(db: DbExecutor, scope: DashboardScope) {
  const rows = await db
    .selectFrom('accelerator_appointment')
    .select([
      'prefecture_code',
      sql<number>`(count(*) filter (where status = 'appointed'))::int`.as('appointed'),
      sql<number>`(count(*) filter (where status = 'nominated'))::int`.as('under_review'),
    ])
    .where('status', 'in', ['appointed', 'nominated'])
    .where(inScope(scope, 'accelerator_appointment.prefecture_code'))
    .groupBy('prefecture_code')
    .orderBy('prefecture_code')
    .execute()
  return rows.map((r) => ({ prefectureCode: r.prefecture_code, appointed: r.appointed, underReview: r.under_review }))
}

/** Accelerators appointed now by the role (人材像) they were appointed in, largest first. */
export async function countAppointedByRole(db: DbExecutor, scope: DashboardScope) {
  const rows = await db
    .selectFrom('accelerator_appointment')
    .select(['role_name', sql<number>`count(*)::int`.as('appointed')])
    .where('status', '=', 'appointed')
    .where(inScope(scope, 'accelerator_appointment.prefecture_code'))
    .groupBy('role_name')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('role_name')
    .execute()
  return rows.map((r) => ({ roleName: r.role_name, appointed: r.appointed }))
}

/**
 * Accelerators appointed now by employment form: the linked placement's form when the appointment names a
 * placement, else the form planned at nomination; null when neither is known (未定).
 */
export async function countAppointedByEmployment(db: DbExecutor, scope: DashboardScope) {
  const rows = await db
    .selectFrom('accelerator_appointment as a')
    .leftJoin('placement as p', 'p.id', 'a.placement_id')
    .select([
      sql<PlacementEmployment | null>`coalesce(p.employment, a.planned_employment)`.as('employment'),
      sql<number>`count(*)::int`.as('appointed'),
    ])
    .where('a.status', '=', 'appointed')
    .where(inScope(scope, 'a.prefecture_code'))
    .groupBy(sql`coalesce(p.employment, a.planned_employment)`)
    .execute()
  return rows.map((r) => ({ employment: r.employment, appointed: r.appointed }))
}

/**
 * Per prefecture: the municipalities that its appointed accelerators serve through their placements now in force
 * (an appointment linked to an active placement, counted once per municipality).
 */
export async function countMunicipalitiesServedByAccelerators(db: DbExecutor, scope: DashboardScope) {
  const rows = await db
    .selectFrom('accelerator_appointment as a')
    .innerJoin('placement as p', 'p.id', 'a.placement_id')
    .innerJoin('placement_municipality as pm', 'pm.placement_id', 'p.id')
    .select(['a.prefecture_code', sql<number>`count(distinct pm.municipality_code)::int`.as('municipalities')])
    .where('a.status', '=', 'appointed')
    .where('p.status', '=', 'active')
    .where(inScope(scope, 'a.prefecture_code'))
    .groupBy('a.prefecture_code')
    .execute()
  return rows.map((r) => ({ prefectureCode: r.prefecture_code, municipalities: r.municipalities }))
}

// ---- pools, needs, placements ---------------------------------------------------------------------------------

/** Pool members per prefecture and status (the national list, pool 00, is not a prefecture's pool). */
export async function countPoolMembersByStatus(db: DbExecutor, scope: DashboardScope) {
  const rows = await db
    .selectFrom('pool_member')
    .select(['prefecture_code', 'status', sql<number>`count(*)::int`.as('members')])
    .where('prefecture_code', '<>', '00')
    .where(inScope(scope, 'pool_member.prefecture_code'))
    .groupBy(['prefecture_code', 'status'])
    .execute()
  return rows.map((r) => ({ prefectureCode: r.prefecture_code, status: r.status as PoolStatus, members: r.members }))
}

/**
 * Registered (登録) pool members per prefecture and target role; a member with several roles counts under each,
 * one with none under a null role.
 */
export async function countRegisteredPoolMembersByRole(db: DbExecutor, scope: DashboardScope) {
  const { rows } = await sql<{ prefecture_code: string; role_id: string | null; members: number }>`
    select pm.prefecture_code, r.role_id, count(distinct pm.id)::int as members
    from pool_member pm
    left join lateral jsonb_array_elements_text(pm.target_role_ids) as r(role_id) on true
    where pm.status = 'registered' and pm.prefecture_code <> '00' and ${inScope(scope, 'pm.prefecture_code')}
    group by pm.prefecture_code, r.role_id`.execute(db)
  return rows.map((r) => ({ prefectureCode: r.prefecture_code, roleId: r.role_id, members: r.members }))
}

/** Needs per prefecture: open (公開・選考中) and filled (充足). */
export async function countNeedsByPrefecture(db: DbExecutor, scope: DashboardScope) {
  const rows = await db
    .selectFrom('need')
    .select([
      'prefecture_code',
      sql<number>`(count(*) filter (where status in ('published', 'selecting')))::int`.as('open'),
      sql<number>`(count(*) filter (where status = 'filled'))::int`.as('filled'),
    ])
    .where('status', 'in', ['published', 'selecting', 'filled'])
    .where(inScope(scope, 'need.prefecture_code'))
    .groupBy('prefecture_code')
    .execute()
  return rows.map((r) => ({ prefectureCode: r.prefecture_code, open: r.open, filled: r.filled }))
}

/**
 * Days from a need's first publication (its Japan-time date) to the start of the placement made from it, over the
 * placements that have started (配置中・終了): the median and how many placements it is taken over, per
 * prefecture and for the whole scope (prefectureCode null).
 */
export async function medianDaysFromPublicationToPlacement(db: DbExecutor, scope: DashboardScope) {
  const { rows } = await sql<{ prefecture_code: string | null; median_days: number | null; placements: number }>`
    select n.prefecture_code,
      percentile_cont(0.5) within group (order by (p.start_on - (n.published_at at time zone 'Asia/Tokyo')::date))
        as median_days,
      count(*)::int as placements
    from placement p
    join need n on n.id = p.need_id
    where p.status in ('active', 'ended') and p.start_on is not null and n.published_at is not null
      and ${inScope(scope, 'n.prefecture_code')}
    group by grouping sets ((n.prefecture_code), ())`.execute(db)
  return rows.map((r) => ({
    prefectureCode: r.prefecture_code ?? TOTAL,
    medianDays: r.median_days === null ? null : Number(r.median_days),
    placements: r.placements,
  }))
}

/**
 * The municipalities served by placements in force (配置中), per prefecture of the placement and for the whole
 * scope: how many, and how many of them are towns and villages (町村).
 */
export async function countMunicipalitiesServed(db: DbExecutor, scope: DashboardScope) {
  const { rows } = await sql<{ prefecture_code: string | null; served: number; small: number }>`
    select p.prefecture_code,
      count(distinct pm.municipality_code)::int as served,
      (count(distinct pm.municipality_code) filter (where lg.kind in ('town', 'village')))::int as small
    from placement p
    join placement_municipality pm on pm.placement_id = p.id
    join local_government lg on lg.code = pm.municipality_code
    where p.status = 'active' and ${inScope(scope, 'p.prefecture_code')}
    group by grouping sets ((p.prefecture_code), ())`.execute(db)
  return rows.map((r) => ({ prefectureCode: r.prefecture_code ?? TOTAL, served: r.served, small: r.small }))
}

/** Each municipality served by placements in force, with its kind and how many placements serve it. */
export async function listMunicipalitiesServed(db: DbExecutor, scope: DashboardScope) {
  const rows = await db
    .selectFrom('placement as p')
    .innerJoin('placement_municipality as pm', 'pm.placement_id', 'p.id')
    .innerJoin('local_government as lg', 'lg.code', 'pm.municipality_code')
    .select([
      'p.prefecture_code',
      'lg.code',
      'lg.name',
      'lg.kind',
      sql<number>`count(distinct p.id)::int`.as('placements'),
    ])
    .where('p.status', '=', 'active')
    .where(inScope(scope, 'p.prefecture_code'))
    .groupBy(['p.prefecture_code', 'lg.code', 'lg.name', 'lg.kind'])
    .orderBy('p.prefecture_code')
    .orderBy('lg.code')
    .execute()
  return rows.map((r) => ({
    prefectureCode: r.prefecture_code,
    code: r.code,
    name: r.name,
    kind: r.kind as LocalGovernmentKind,
    placements: r.placements,
  }))
}

// ---- the daily count ----------------------------------------------------------------------------------------

export interface SnapshotPoint {
  /** YYYY-MM-DD */
  on: string
  appointed: number
  /** Prefectures with at least one accelerator (null in a prefecture's slice). */
  bodies: number | null
  source: 'published' | 'daily'
  sourceNote: string
}

/**
 * The recorded counts, oldest first: for the nation every row; for a prefecture its own figure from the daily rows
 * (a published national figure without a breakdown says nothing about one prefecture and is left out).
 */
export async function listAcceleratorSnapshots(db: DbExecutor, scope: DashboardScope): Promise<SnapshotPoint[]> {
  if (scope.kind === 'national') {
    const rows = await db
      .selectFrom('accelerator_snapshot')
      .select([
        sql<string>`to_char(snapshot_on, 'YYYY-MM-DD')`.as('on'),
        'appointed',
        'bodies',
        'source',
        'source_note',
      ])
      .orderBy('snapshot_on')
      .execute()
    return rows.map((r) => ({
      on: r.on,
      appointed: r.appointed,
      bodies: r.bodies,
      source: r.source,
      sourceNote: r.source_note,
    }))
  }
  const rows = await db
    .selectFrom('accelerator_snapshot')
    .select([
      sql<string>`to_char(snapshot_on, 'YYYY-MM-DD')`.as('on'),
      sql<number>`coalesce((by_prefecture ->> ${scope.prefectureCode})::int, 0)`.as('appointed'),
      'source',
      'source_note',
    ])
    .where('source', '=', 'daily')
    .orderBy('snapshot_on')
    .execute()
  return rows.map((r) => ({
    on: r.on,
    appointed: r.appointed,
    bodies: null,
    source: r.source,
    sourceNote: r.source_note,
  }))
}

export async function hasAcceleratorSnapshot(db: DbExecutor, on: string): Promise<boolean> {
  const row = await db
    .selectFrom('accelerator_snapshot')
    .select('snapshot_on')
    .where('snapshot_on', '=', sql<Date>`${on}::date`)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Writes the day's count from the appointments as they stand, in one statement: the accelerators appointed now,
 * the prefectures with at least one, and the count per prefecture. A second run the same day overwrites the
 * day's 'daily' row with the current numbers; a 'published' row for that day is never touched. Returns the row
 * as written, or null when the day holds a published figure.
 */
export async function upsertDailyAcceleratorSnapshot(db: DbExecutor, on: string) {
  const { rows } = await sql<{ appointed: number; bodies: number; by_prefecture: Record<string, number> }>`
    insert into accelerator_snapshot (snapshot_on, appointed, bodies, by_prefecture, source, source_note)
    select ${on}::date, coalesce(sum(per.appointed), 0)::int, count(*)::int,
      coalesce(jsonb_object_agg(per.prefecture_code, per.appointed), '{}'::jsonb), 'daily', ''
    from (
      select prefecture_code, count(*)::int as appointed
      from accelerator_appointment
      where status = 'appointed'
      group by prefecture_code
    ) per
    on conflict (snapshot_on) do update
      set appointed = excluded.appointed, bodies = excluded.bodies, by_prefecture = excluded.by_prefecture,
        created_at = now()
      where accelerator_snapshot.source = 'daily'
    returning appointed, bodies, by_prefecture`.execute(db)
  const row = rows[0]
  return row ? { appointed: row.appointed, bodies: row.bodies, byPrefecture: row.by_prefecture } : null
}
