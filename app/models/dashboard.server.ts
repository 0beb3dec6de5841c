// The dashboard toward 500 accelerators (「各都道府県10名+αのイメージ」, 002:382): appointed now against the target,
// the trend from the recorded daily counts (and the published baseline), each prefecture against 10, the
// breakdowns by role and employment form, the health of the pools behind the appointments, and 推進体制 ①〜④.
// Every figure is a query over the rows the other pages show (db/queries/dashboard.ts). The ministry sees the
// nation; a prefecture's staff see their prefecture's slice, and nothing about any other prefecture.
import type { AppLoadContext } from '@remix-run/node'
import {
  countAppointedByEmployment,
  countAppointedByRole,
  countAppointmentsByPrefecture,
  countMunicipalitiesServed,
  countMunicipalitiesServedByAccelerators,
  countNeedsByPrefecture,
  countPoolMembersByStatus,
  countRegisteredPoolMembersByRole,
  type DashboardScope,
  listAcceleratorSnapshots,
  listMunicipalitiesServed,
  medianDaysFromPublicationToPlacement,
} from '../../db/queries/dashboard'
import { resolveRoleNames } from '../../db/queries/pools'
import { LOCAL_GOVERNMENT_KIND_LABELS, type PlacementEmployment, POOL_STATUSES, type PoolStatus } from '../../db/schema'
import type { SessionUser } from '../utils/auth.server'
import { toCsv } from '../utils/csv'
import { formatDate, formatShortDate, tokyoDateStamp, tokyoIsoDate } from '../utils/dates'
import { PLACEMENT_EMPLOYMENT_LABELS, POOL_STATUS_LABELS } from '../utils/labels'
import { userHasPermission } from '../utils/permissions'
import { PREFECTURE_TILES, prefectureName, prefectureTile } from '../utils/prefecture-tiles'
import { NATIONAL_TARGET, percentOf, PREFECTURE_TARGET, progressBand } from '../utils/programme-targets'
import { type DxStructureOverview, loadDxStructureOverview } from './dx-structure.server'

/** The one line the page shows under the median, saying what it measures. */
export const MEDIAN_DAYS_DEFINITION =
  'ニーズを最初に公開した日から、そのニーズで採用した人の配置開始日までの日数の中央値（配置中・終了の配置が対象）'

const forbidden = () => new Response('このページを表示する権限がありません。', { status: 403 })

/** The ministry sees the nation; a prefecture's staff their prefecture; anyone else nothing (403). */
export function dashboardScopeOf(user: SessionUser): DashboardScope {
  if (userHasPermission(user, 'read:dashboard:any')) return { kind: 'national' }
  if (userHasPermission(user, 'read:dashboard:own-prefecture') && user.prefecture_code)
    return { kind: 'prefecture', prefectureCode: user.prefecture_code }
  throw forbidden()
}

const EMPLOYMENT_ORDER: Array<PlacementEmployment | null> = [
  'full_time',
  'part_time',
  'special_part_time',
  'contract',
  null,
]
const UNDECIDED = '未定'
const NO_ROLE = 'none'

export interface DashboardQuery {
  /** For the ministry: a prefecture to pick out on the map and in the tables (ignored in a prefecture's slice). */
  highlight: string | null
}

/** `?pref=34`: a prefecture to pick out; anything else is no choice (a stale or mistyped link still opens). */
export function parseDashboardQuery(searchParams: URLSearchParams): DashboardQuery {
  const pref = searchParams.get('pref') ?? ''
  return { highlight: prefectureTile(pref) ? pref : null }
}

export async function getDashboard(context: AppLoadContext, user: SessionUser, query: DashboardQuery) {
  const { db } = context.services.database
  const scope = dashboardScopeOf(user)
  const [
    appointments,
    served,
    roles,
    employment,
    snapshots,
    poolStatus,
    poolRoles,
    needs,
    medians,
    municipalities,
    municipalityList,
    structure,
  ] = await Promise.all([
    countAppointmentsByPrefecture(db, scope),
    countMunicipalitiesServedByAccelerators(db, scope),
    countAppointedByRole(db, scope),
    countAppointedByEmployment(db, scope),
    listAcceleratorSnapshots(db, scope),
    countPoolMembersByStatus(db, scope),
    countRegisteredPoolMembersByRole(db, scope),
    countNeedsByPrefecture(db, scope),
    medianDaysFromPublicationToPlacement(db, scope),
    countMunicipalitiesServed(db, scope),
    listMunicipalitiesServed(db, scope),
    loadDxStructureOverview(db, scope),
  ])
  const today = tokyoIsoDate()
  const national = scope.kind === 'national'
  const inScope = national ? PREFECTURE_TILES : PREFECTURE_TILES.filter((t) => t.code === scope.prefectureCode)

  // Each prefecture against its 10.
  const prefectures = inScope.map((p) => {
    const counts = appointments.find((a) => a.prefectureCode === p.code)
    const appointed = counts?.appointed ?? 0
    return {
      code: p.code,
      name: p.name,
      appointed,
      target: PREFECTURE_TARGET,
      percent: percentOf(appointed, PREFECTURE_TARGET),
      underReview: counts?.underReview ?? 0,
      municipalities: served.find((s) => s.prefectureCode === p.code)?.municipalities ?? 0,
      band: progressBand(appointed),
    }
  })
  const appointed = prefectures.reduce((sum, p) => sum + p.appointed, 0)
  const target = national ? NATIONAL_TARGET : PREFECTURE_TARGET
  const headline = {
    appointed,
    target,
    percent: percentOf(appointed, target),
    underReview: prefectures.reduce((sum, p) => sum + p.underReview, 0),
    /** Prefectures with at least one accelerator (the nation only: a prefecture's slice is one body). */
    bodies: national ? prefectures.filter((p) => p.appointed > 0).length : null,
  }

  // The recorded counts, and today's live count as the last point (it replaces a row written earlier today).
  const trend = [
    ...snapshots
      .filter((s) => s.on < today)
      .map((s) => ({
        on: s.on,
        label: formatShortDate(s.on),
        appointed: s.appointed,
        bodies: s.bodies,
        source: s.source,
        sourceLabel: s.source === 'published' ? `公表値（${s.sourceNote || '出典不明'}）` : '日次の記録',
      })),
    {
      on: today,
      label: formatShortDate(today),
      appointed,
      bodies: headline.bodies,
      source: 'live' as const,
      sourceLabel: '現在（本日の集計）',
    },
  ]

  const rolesView = roles.map((r) => ({ label: r.roleName, appointed: r.appointed }))
  const employmentView = EMPLOYMENT_ORDER.map((key) => ({
    key: key ?? 'undecided',
    label: key ? PLACEMENT_EMPLOYMENT_LABELS[key] : UNDECIDED,
    appointed: employment.find((e) => e.employment === key)?.appointed ?? 0,
  })).filter((e) => e.appointed > 0)

  const pools = await poolHealth(context, scope, inScope, { poolStatus, poolRoles, needs, medians, municipalities })
  const servedList = municipalityList.map((m) => ({
    prefectureCode: m.prefectureCode,
    prefectureName: prefectureName(m.prefectureCode),
    code: m.code,
    name: m.name,
    kindLabel: LOCAL_GOVERNMENT_KIND_LABELS[m.kind],
    small: m.kind === 'town' || m.kind === 'village',
    placements: m.placements,
  }))

  return {
    scope: scope.kind,
    prefecture: national ? null : { code: scope.prefectureCode, name: prefectureName(scope.prefectureCode) },
    highlight: national ? query.highlight : scope.prefectureCode,
    today,
    todayLabel: formatDate(today),
    headline,
    trend,
    prefectures,
    roles: rolesView,
    employment: employmentView,
    pools,
    served: servedList,
    structure,
    medianDefinition: MEDIAN_DAYS_DEFINITION,
  }
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>

async function poolHealth(
  context: AppLoadContext,
  scope: DashboardScope,
  inScope: readonly { code: string; name: string }[],
  data: {
    poolStatus: Awaited<ReturnType<typeof countPoolMembersByStatus>>
    poolRoles: Awaited<ReturnType<typeof countRegisteredPoolMembersByRole>>
    needs: Awaited<ReturnType<typeof countNeedsByPrefecture>>
    medians: Awaited<ReturnType<typeof medianDaysFromPublicationToPlacement>>
    municipalities: Awaited<ReturnType<typeof countMunicipalitiesServed>>
  },
) {
  const roleIds = [...new Set(data.poolRoles.map((r) => r.roleId).filter((id): id is string => id !== null))]
  const names = await resolveRoleNames(context.services.database.db, roleIds)
  const roles = [
    ...roleIds
      .map((id) => ({ key: id, label: names.get(id) ?? id }))
      .sort((a, b) => a.label.localeCompare(b.label, 'ja')),
    ...(data.poolRoles.some((r) => r.roleId === null) ? [{ key: NO_ROLE, label: '人材像の指定なし' }] : []),
  ]
  const statuses = POOL_STATUSES.map((status) => ({ key: status, label: POOL_STATUS_LABELS[status] }))
  const rowOf = (code: string | null) => {
    const mine = <T extends { prefectureCode: string | null }>(rows: readonly T[]) =>
      code === null ? rows : rows.filter((r) => r.prefectureCode === code)
    const byStatus = Object.fromEntries(
      POOL_STATUSES.map((s) => [
        s,
        mine(data.poolStatus)
          .filter((r) => r.status === s)
          .reduce((n, r) => n + r.members, 0),
      ]),
    ) as Record<PoolStatus, number>
    const byRole = Object.fromEntries(
      roles.map((role) => [
        role.key,
        mine(data.poolRoles)
          .filter((r) => (r.roleId ?? NO_ROLE) === role.key)
          .reduce((n, r) => n + r.members, 0),
      ]),
    )
    const needs = mine(data.needs)
    // Medians and distinct municipalities do not add up: the query's own total row serves the whole scope.
    const median = data.medians.find((m) => m.prefectureCode === code)
    const served = data.municipalities.find((m) => m.prefectureCode === code)
    return {
      byStatus,
      members: Object.values(byStatus).reduce((n, v) => n + v, 0),
      byRole,
      openNeeds: needs.reduce((n, r) => n + r.open, 0),
      filledNeeds: needs.reduce((n, r) => n + r.filled, 0),
      medianDays: median?.medianDays ?? null,
      placementsMeasured: median?.placements ?? 0,
      municipalitiesServed: served?.served ?? 0,
      smallMunicipalitiesServed: served?.small ?? 0,
    }
  }
  return {
    statuses,
    roles,
    rows: inScope.map((p) => ({ code: p.code, name: p.name, ...rowOf(p.code) })),
    total: scope.kind === 'national' ? rowOf(null) : null,
  }
}

// ---- CSV -------------------------------------------------------------------------------------------------------

export const DASHBOARD_TABLES = {
  prefectures: '都道府県別の任命状況',
  roles: '人材像別の任命数',
  employment: '任用・契約の形態別の任命数',
  pools: '都道府県別の人材プールと配置',
  structure: '推進体制',
  trend: '任命数の推移',
} as const
export type DashboardTable = keyof typeof DASHBOARD_TABLES

export function isDashboardTable(value: string | null): value is DashboardTable {
  return value !== null && Object.hasOwn(DASHBOARD_TABLES, value)
}

const medianCell = (days: number | null) => (days === null ? '' : days)

/** One of the dashboard's tables as CSV, from the same data the page shows (the viewer's scope). */
export async function dashboardCsv(context: AppLoadContext, user: SessionUser, table: DashboardTable) {
  const page = await getDashboard(context, user, { highlight: null })
  const rows = csvRows(page, table)
  const day = tokyoDateStamp()
  const who = page.prefecture?.name ?? '全国'
  return {
    csv: toCsv(rows),
    filename: `ダッシュボード_${DASHBOARD_TABLES[table]}_${who}_${day}.csv`,
    asciiFilename: `dashboard_${table}_${page.prefecture?.code ?? 'all'}_${day}.csv`,
  }
}

function csvRows(page: Dashboard, table: DashboardTable): Array<Array<string | number | null>> {
  switch (table) {
    case 'prefectures':
      return [
        ['都道府県コード', '都道府県', '任命中', '目安', '目安に対する割合（%）', '審査中の推薦', '支援先の市区町村'],
        ...page.prefectures.map((p) => [
          p.code,
          p.name,
          p.appointed,
          p.target,
          p.percent,
          p.underReview,
          p.municipalities,
        ]),
      ]
    case 'roles':
      return [['人材像', '任命中'], ...page.roles.map((r) => [r.label, r.appointed])]
    case 'employment':
      return [['任用・契約の形態', '任命中'], ...page.employment.map((e) => [e.label, e.appointed])]
    case 'pools':
      return [
        [
          '都道府県コード',
          '都道府県',
          ...page.pools.statuses.map((s) => `プール: ${s.label}`),
          'プール: 計',
          ...page.pools.roles.map((r) => `登録者の人材像: ${r.label}`),
          '公開中・選考中のニーズ',
          '充足したニーズ',
          '公開から配置までの日数（中央値）',
          '中央値の対象の配置',
          '配置中の支援先（市区町村）',
          'うち町村',
        ],
        ...page.pools.rows.map((p) => [
          p.code,
          p.name,
          ...page.pools.statuses.map((s) => p.byStatus[s.key]),
          p.members,
          ...page.pools.roles.map((r) => p.byRole[r.key] ?? 0),
          p.openNeeds,
          p.filledNeeds,
          medianCell(p.medianDays),
          p.placementsMeasured,
          p.municipalitiesServed,
          p.smallMunicipalitiesServed,
        ]),
      ]
    case 'structure':
      return structureCsvRows(page.structure)
    case 'trend':
      return [
        ['日付', 'アクセラレータ数', '任命のある都道府県数', '出典'],
        ...page.trend.map((t) => [t.on, t.appointed, t.bodies, t.sourceLabel]),
      ]
  }
}

function structureCsvRows(structure: DxStructureOverview): Array<Array<string | number | null>> {
  const marks = ['①', '②', '③', '④']
  return [
    ['都道府県コード', '都道府県', ...marks.flatMap((m) => [`${m} 要件`, `${m} 状態`, `${m} 時点`])],
    ...structure.rows.map((row) => [
      row.code,
      row.name,
      ...row.cells.flatMap((cell) => (cell ? [cell.metLabel, cell.statusLabel, cell.asOf] : ['未報告', '', ''])),
    ]),
  ]
}
