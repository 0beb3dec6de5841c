// The dashboard toward 500 through its real loader and CSV route on real Postgres: every figure equals a count
// the test makes itself over the rows it inserted (appointments, pools, needs, placements); the tile map and the
// table carry the same prefectures and values; a prefecture's slice holds nothing of any other prefecture;
// anyone without the permission is refused; each CSV says what the page says; bad query strings never give 500.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PrefectureTileMap } from '../../app/components/prefecture-tile-map'
import { loader as dashboardLoader } from '../../app/routes/dashboard._index/route'
import { PrefectureTable } from '../../app/routes/dashboard._index/sections'
import { loader as csvLoader } from '../../app/routes/dashboard.export[.]csv'
import type { Services } from '../../app/services.server'
import { parseCsv } from '../../app/utils/csv'
import { tokyoIsoDate } from '../../app/utils/dates'
import { PLACEMENT_EMPLOYMENT_LABELS, POOL_STATUS_LABELS } from '../../app/utils/labels'
import { PREFECTURE_TILE_COLUMNS, PREFECTURE_TILE_ROWS, PREFECTURE_TILES } from '../../app/utils/prefecture-tiles'
import { listMunicipalitiesOfPrefecture, listPrefectures } from '../../db/queries/local-government'
import type { PlacementEmployment, PoolStatus } from '../../db/schema'
import { takeAcceleratorSnapshot } from '../../jobs/accelerator-snapshot'
import { insertAppointmentRow } from '../appointment-rows'
import { createPlacement, loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse } from '../services'

let services: Services
const db = () => services.database.db

beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(async () => {
  await services?.close()
})

type Page = Awaited<ReturnType<typeof dashboardLoader>>

async function dashboard(cookie: string, query = ''): Promise<Page> {
  return dashboardLoader(routeArgs(services, `/dashboard${query}`, { cookie }))
}

async function csv(cookie: string, table: string): Promise<string[][]> {
  const response = (await csvLoader(
    routeArgs(services, `/dashboard/export.csv?table=${table}`, { cookie }),
  )) as Response
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
  return parseCsv(await response.text())
}

// ---- the rows this test writes, kept here so the expected figures are counted without the app's queries ----

interface Appointment {
  pref: string
  status: 'appointed' | 'nominated' | 'returned' | 'ended' | 'revoked'
  roleId: string
  roleName: string
  planned: PlacementEmployment | null
  /** The linked placement's employment (when the appointment names a placement). */
  placement: { employment: PlacementEmployment; municipalities: string[]; active: boolean } | null
}

const APPOINTMENTS: Appointment[] = [
  ...Array.from({ length: 2 }, () => ({
    pref: '34',
    status: 'appointed' as const,
    roleId: 'producer',
    roleName: 'プロデューサー',
    planned: 'full_time' as const,
    placement: null,
  })),
  {
    pref: '34',
    status: 'appointed',
    roleId: 'engineer',
    roleName: 'エンジニア',
    planned: 'full_time',
    // The placement's form wins over the plan.
    placement: { employment: 'part_time', municipalities: ['343684', 'KITAHIROSHIMA'], active: true },
  },
  { pref: '34', status: 'nominated', roleId: 'producer', roleName: 'プロデューサー', planned: null, placement: null },
  { pref: '34', status: 'returned', roleId: 'producer', roleName: 'プロデューサー', planned: null, placement: null },
  { pref: '34', status: 'ended', roleId: 'producer', roleName: 'プロデューサー', planned: null, placement: null },
  { pref: '34', status: 'revoked', roleId: 'engineer', roleName: 'エンジニア', planned: null, placement: null },
  ...Array.from({ length: 2 }, () => ({
    pref: '33',
    status: 'appointed' as const,
    roleId: 'project-manager',
    roleName: 'プロジェクトマネージャー',
    planned: 'contract' as const,
    placement: null,
  })),
  ...Array.from({ length: 2 }, () => ({
    pref: '33',
    status: 'nominated' as const,
    roleId: 'engineer',
    roleName: 'エンジニア',
    planned: null,
    placement: null,
  })),
  ...Array.from({ length: 11 }, (_, i) => ({
    pref: '13',
    status: 'appointed' as const,
    roleId: 'service-designer',
    roleName: 'サービスデザイナー',
    planned: i < 4 ? ('special_part_time' as const) : null,
    placement: null,
  })),
  ...Array.from({ length: 6 }, () => ({
    pref: '01',
    status: 'appointed' as const,
    roleId: 'producer',
    roleName: 'プロデューサー',
    planned: 'full_time' as const,
    placement: null,
  })),
]

const POOL: Array<{ pref: string; status: PoolStatus; roles: string[] }> = [
  { pref: '34', status: 'registered', roles: ['producer'] },
  { pref: '34', status: 'registered', roles: ['producer', 'engineer'] },
  { pref: '34', status: 'registered', roles: [] },
  { pref: '34', status: 'applied', roles: ['engineer'] },
  { pref: '34', status: 'applied', roles: [] },
  { pref: '34', status: 'declined', roles: [] },
  { pref: '33', status: 'registered', roles: ['engineer'] },
  { pref: '33', status: 'screening', roles: [] },
  // The national list (pool 00) is nobody's prefecture pool.
  { pref: '00', status: 'registered', roles: ['producer'] },
  { pref: '00', status: 'registered', roles: ['producer'] },
]

interface NeedRow {
  pref: string
  status: 'draft' | 'published' | 'selecting' | 'filled' | 'closed'
  /** Japan-time publication date. */
  publishedOn: string | null
  /** A placement made from the need: its start and state. */
  placement?: { startOn: string; status: 'active' | 'ended' | 'draft'; municipalities: string[] }
}

const NEEDS: NeedRow[] = [
  { pref: '34', status: 'published', publishedOn: '2026-09-01' },
  { pref: '34', status: 'published', publishedOn: '2026-09-15' },
  { pref: '34', status: 'selecting', publishedOn: '2026-08-01' },
  {
    pref: '34',
    status: 'filled',
    publishedOn: '2026-01-10',
    placement: { startOn: '2026-02-09', status: 'active', municipalities: ['342025', '343684'] },
  },
  {
    pref: '34',
    status: 'closed',
    publishedOn: '2026-03-01',
    placement: { startOn: '2026-04-01', status: 'ended', municipalities: ['AKITAKATA'] },
  },
  {
    pref: '34',
    status: 'filled',
    publishedOn: '2026-01-01',
    placement: { startOn: '2026-03-02', status: 'active', municipalities: ['KITAHIROSHIMA'] },
  },
  // A 内定 whose placement has not started is not measured.
  {
    pref: '34',
    status: 'selecting',
    publishedOn: '2026-06-01',
    placement: { startOn: '2027-04-01', status: 'draft', municipalities: ['343684'] },
  },
  { pref: '34', status: 'draft', publishedOn: null },
  { pref: '33', status: 'published', publishedOn: '2026-10-01' },
  {
    pref: '33',
    status: 'filled',
    publishedOn: '2026-05-01',
    placement: { startOn: '2026-05-11', status: 'active', municipalities: ['OKAYAMA_TOWN', 'OKAYAMA_CITY'] },
  },
]

const median = (values: number[]) => {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000
const countBy = <T>(rows: T[], key: (row: T) => string) =>
  rows.reduce<Record<string, number>>((acc, row) => ({ ...acc, [key(row)]: (acc[key(row)] ?? 0) + 1 }), {})

describe('dashboard', () => {
  let ministry: string
  let hiroshima: string
  let professional: string
  let municipal: string
  /** Placeholder municipality names → real codes. */
  const codes: Record<string, string> = {}
  const kinds = new Map<string, string>()
  /** Every active placement's prefecture and served municipalities (for the served counts). */
  const activePlacements: Array<{ pref: string; municipalities: string[] }> = []

  beforeAll(async () => {
    ministry = (await loginAs(services, { role: 'ministry_staff' })).cookie
    hiroshima = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).cookie
    professional = (await loginAs(services, { role: 'professional' })).cookie
    municipal = (await loginAs(services, { role: 'municipal_staff', municipalityCode: '343684' })).cookie
    const hiroshimaBodies = await listMunicipalitiesOfPrefecture(db(), '34')
    const okayamaBodies = await listMunicipalitiesOfPrefecture(db(), '33')
    codes.KITAHIROSHIMA = hiroshimaBodies.find((m) => m.name === '北広島町')!.code
    codes.AKITAKATA = hiroshimaBodies.find((m) => m.name === '安芸高田市')!.code
    codes.OKAYAMA_TOWN = okayamaBodies.find((m) => m.kind === 'town')!.code
    codes.OKAYAMA_CITY = okayamaBodies.find((m) => m.kind === 'city')!.code
    for (const m of [...hiroshimaBodies, ...okayamaBodies]) kinds.set(m.code, m.kind)
    const bodyOf = Object.fromEntries((await listPrefectures(db())).map((p) => [p.prefecture_code, p.code]))
    const real = (list: string[]) => list.map((c) => codes[c] ?? c)

    for (const a of APPOINTMENTS) {
      let placementId: string | null = null
      if (a.placement) {
        placementId = await createPlacement(db(), {
          employerCode: bodyOf[a.pref]!,
          employment: a.placement.employment,
          status: a.placement.active ? 'active' : 'ended',
          municipalities: real(a.placement.municipalities).map((code) => ({ code, daysPerWeek: 1 })),
        })
        if (a.placement.active)
          activePlacements.push({ pref: a.pref, municipalities: real(a.placement.municipalities) })
      }
      await insertAppointmentRow(db(), {
        prefectureCode: a.pref,
        status: a.status,
        roleId: a.roleId,
        roleName: a.roleName,
        plannedEmployment: a.planned,
        placementId,
      })
    }
    for (const m of POOL) {
      await db()
        .insertInto('pool_member')
        .values({
          id: crypto.randomUUID(),
          prefecture_code: m.pref,
          status: m.status,
          source: 'referral',
          person_name: 'プール 試験',
          target_role_ids: m.roles,
        })
        .execute()
    }
    for (const n of NEEDS) {
      const id = crypto.randomUUID()
      await db()
        .insertInto('need')
        .values({
          id,
          prefecture_code: n.pref,
          status: n.status,
          title: '試験のニーズ',
          published_at: n.publishedOn ? `${n.publishedOn}T10:00:00+09:00` : null,
        })
        .execute()
      if (n.placement) {
        const placementId = await createPlacement(db(), {
          employerCode: bodyOf[n.pref]!,
          status: n.placement.status,
          startOn: n.placement.startOn,
          municipalities: real(n.placement.municipalities).map((code) => ({ code, daysPerWeek: 1 })),
        })
        await db().updateTable('placement').set({ need_id: id }).where('id', '=', placementId).execute()
        if (n.placement.status === 'active')
          activePlacements.push({ pref: n.pref, municipalities: real(n.placement.municipalities) })
      }
    }
  })

  const appointedNow = () => APPOINTMENTS.filter((a) => a.status === 'appointed')
  const appointedIn = (pref: string) => appointedNow().filter((a) => a.pref === pref).length
  const reviewIn = (pref: string) => APPOINTMENTS.filter((a) => a.pref === pref && a.status === 'nominated').length
  const employmentOf = (a: Appointment) => {
    const form = a.placement?.employment ?? a.planned
    return form ? PLACEMENT_EMPLOYMENT_LABELS[form] : '未定'
  }
  const servedIn = (pref: string | null) => {
    const set = new Set(
      activePlacements.filter((p) => pref === null || p.pref === pref).flatMap((p) => p.municipalities),
    )
    return { served: set.size, small: [...set].filter((c) => ['town', 'village'].includes(kinds.get(c)!)).length }
  }
  const mediansIn = (pref: string | null) =>
    median(
      NEEDS.filter((n) => (pref === null || n.pref === pref) && n.placement && n.placement.status !== 'draft').map(
        (n) => daysBetween(n.publishedOn!, n.placement!.startOn),
      ),
    )

  it('the tile map has the 47 prefectures once each, at distinct squares inside the grid, named as the master list', async () => {
    expect(PREFECTURE_TILES.map((t) => t.code)).toEqual((await listPrefectures(db())).map((p) => p.prefecture_code))
    expect(PREFECTURE_TILES.map((t) => t.name)).toEqual((await listPrefectures(db())).map((p) => p.name))
    expect(new Set(PREFECTURE_TILES.map((t) => `${t.x},${t.y}`)).size).toBe(47)
    for (const t of PREFECTURE_TILES) {
      expect(t.x).toBeGreaterThanOrEqual(0)
      expect(t.x).toBeLessThan(PREFECTURE_TILE_COLUMNS)
      expect(t.y).toBeLessThan(PREFECTURE_TILE_ROWS)
    }
    const hokkaido = PREFECTURE_TILES.find((t) => t.code === '01')!
    const okinawa = PREFECTURE_TILES.find((t) => t.code === '47')!
    // 北海道 top right, 沖縄 bottom left.
    expect(hokkaido.y).toBe(Math.min(...PREFECTURE_TILES.map((t) => t.y)))
    expect(hokkaido.x).toBe(Math.max(...PREFECTURE_TILES.map((t) => t.x)))
    expect(okinawa.y).toBe(Math.max(...PREFECTURE_TILES.map((t) => t.y)))
    expect(okinawa.x).toBe(Math.min(...PREFECTURE_TILES.map((t) => t.x)))
  })

  it('the ministry sees the nation: appointed now, bodies and reviews equal the rows, per prefecture against 10', async () => {
    const page = await dashboard(ministry)
    const total = appointedNow().length
    expect(total).toBe(22)
    expect(page.scope).toBe('national')
    expect(page.headline).toEqual({
      appointed: total,
      target: 500,
      percent: Math.round((total / 500) * 1000) / 10,
      underReview: APPOINTMENTS.filter((a) => a.status === 'nominated').length,
      bodies: new Set(appointedNow().map((a) => a.pref)).size,
    })
    expect(page.prefectures).toHaveLength(47)
    for (const p of page.prefectures) {
      expect(p.appointed, p.name).toBe(appointedIn(p.code))
      expect(p.underReview, p.name).toBe(reviewIn(p.code))
      expect(p.target).toBe(10)
      expect(p.percent).toBe(appointedIn(p.code) * 10)
    }
    const band = (code: string) => page.prefectures.find((p) => p.code === code)!.band
    expect([band('13'), band('01'), band('34'), band('47')]).toEqual(['met', 'mid', 'low', 'none'])
    // 広島県's one accelerator with a placement in force serves 安芸太田町 and 北広島町.
    expect(page.prefectures.find((p) => p.code === '34')!.municipalities).toBe(2)
    expect(page.prefectures.find((p) => p.code === '33')!.municipalities).toBe(0)
  })

  it('breaks the appointed down by role and by employment form (the placement’s form over the plan; 未定)', async () => {
    const page = await dashboard(ministry)
    const byRole = countBy(appointedNow(), (a) => a.roleName)
    expect(Object.fromEntries(page.roles.map((r) => [r.label, r.appointed]))).toEqual(byRole)
    // Largest first.
    expect(page.roles.map((r) => r.appointed)).toEqual([...page.roles.map((r) => r.appointed)].sort((a, b) => b - a))
    const byEmployment = countBy(appointedNow(), employmentOf)
    expect(Object.fromEntries(page.employment.map((e) => [e.label, e.appointed]))).toEqual(byEmployment)
    expect(byEmployment).toMatchObject({ 未定: 7, 非常勤: 1, 常勤: 8 })
  })

  it('reports the pools, needs and placements per prefecture from the same rows', async () => {
    const page = await dashboard(ministry)
    for (const pref of ['34', '33', '13']) {
      const row = page.pools.rows.find((r) => r.code === pref)!
      const members = POOL.filter((m) => m.pref === pref)
      const byStatus = Object.fromEntries(
        Object.keys(POOL_STATUS_LABELS).map((s) => [s, members.filter((m) => m.status === s).length]),
      )
      expect(row.byStatus, pref).toEqual(byStatus)
      expect(row.members).toBe(members.length)
      const registered = members.filter((m) => m.status === 'registered')
      for (const role of page.pools.roles) {
        const expected = registered.filter((m) =>
          role.key === 'none' ? m.roles.length === 0 : m.roles.includes(role.key),
        ).length
        expect(row.byRole[role.key], `${pref} ${role.label}`).toBe(expected)
      }
      const needs = NEEDS.filter((n) => n.pref === pref)
      expect(row.openNeeds).toBe(needs.filter((n) => n.status === 'published' || n.status === 'selecting').length)
      expect(row.filledNeeds).toBe(needs.filter((n) => n.status === 'filled').length)
      expect(row.medianDays).toBe(mediansIn(pref))
      expect(row.municipalitiesServed).toBe(servedIn(pref).served)
      expect(row.smallMunicipalitiesServed).toBe(servedIn(pref).small)
    }
    expect(page.pools.roles.map((r) => r.label)).toEqual(
      expect.arrayContaining(['プロデューサー', 'エンジニア', '人材像の指定なし']),
    )
    // 広島県: 30, 31 and 60 days → 31; the nation adds 岡山県's 10 → 30.5 (not a median of medians).
    expect(page.pools.rows.find((r) => r.code === '34')!.medianDays).toBe(31)
    expect(page.pools.total!.medianDays).toBe(30.5)
    expect(page.pools.total!.medianDays).toBe(mediansIn(null))
    expect(page.pools.total!.members).toBe(POOL.filter((m) => m.pref !== '00').length)
    expect(page.pools.total!.municipalitiesServed).toBe(servedIn(null).served)
    expect(page.pools.total!.smallMunicipalitiesServed).toBe(servedIn(null).small)
    expect(page.medianDefinition).toContain('最初に公開した日から')
    const served = page.served.filter((m) => m.prefectureCode === '34')
    expect(served.map((m) => m.code).sort()).toEqual(
      [...new Set(activePlacements.filter((p) => p.pref === '34').flatMap((p) => p.municipalities))].sort(),
    )
    expect(served.find((m) => m.code === '343684')).toMatchObject({ name: '安芸太田町', small: true, kindLabel: '町' })
  })

  it('the tile map and the table show the same prefectures with the same figures', async () => {
    for (const cookie of [ministry, hiroshima]) {
      const page = await dashboard(cookie)
      const map = renderToStaticMarkup(
        createElement(PrefectureTileMap, {
          id: 'm',
          values: page.prefectures,
          highlight: page.highlight,
          title: '地図',
        }),
      )
      const table = renderToStaticMarkup(createElement(PrefectureTable, { page }))
      const tiles = [...map.matchAll(/<g class="([^"]+)" data-code="(\d\d)"><title>([^<]+)<\/title>/g)]
      expect(tiles).toHaveLength(47)
      const counted = tiles
        .filter(([, classes]) => !classes!.includes('outside'))
        .map(([, , , title]) => /^(.+): (\d+)名/.exec(title!)!.slice(1, 3))
      const rows = [...table.matchAll(/<tr[^>]*><th scope="row">([^<]+)<\/th><td class="dashboard-number">(\d+)名/g)]
        .map((m) => [m[1], m[2]])
        .filter(([name]) => name !== '全国')
      expect(counted).toEqual(rows)
      expect(rows).toEqual(page.prefectures.map((p) => [p.name, String(p.appointed)]))
    }
  })

  it('the trend starts from the published baseline, then the daily rows, and ends with today’s live count', async () => {
    await takeAcceleratorSnapshot(db(), new Date('2026-11-01T12:00:00+09:00'))
    await insertAppointmentRow(db(), { prefectureCode: '47', status: 'appointed' })
    try {
      const page = await dashboard(ministry)
      expect(page.trend[0]).toMatchObject({ on: '2025-07-14', appointed: 53, bodies: 21, source: 'published' })
      expect(page.trend[1]).toMatchObject({ on: '2026-11-01', appointed: 22, bodies: 4, source: 'daily' })
      expect(page.trend.at(-1)).toMatchObject({ on: tokyoIsoDate(), appointed: 23, source: 'live' })
      const mine = await dashboard(hiroshima)
      // A prefecture's trend: its own daily figure; the national published figure says nothing about it.
      expect(mine.trend.map((t) => [t.on, t.appointed])).toEqual([
        ['2026-11-01', 3],
        [tokyoIsoDate(), 3],
      ])
    } finally {
      await db().deleteFrom('accelerator_appointment').where('prefecture_code', '=', '47').execute()
    }
  })

  it('a prefecture’s staff see only their prefecture: no other prefecture’s row or number in the data', async () => {
    const page = await dashboard(hiroshima)
    expect(page.scope).toBe('prefecture')
    expect(page.prefecture).toEqual({ code: '34', name: '広島県' })
    expect(page.headline).toEqual({ appointed: 3, target: 10, percent: 30, underReview: 1, bodies: null })
    expect(page.prefectures.map((p) => p.code)).toEqual(['34'])
    expect(page.pools.rows.map((p) => p.code)).toEqual(['34'])
    expect(page.pools.total).toBeNull()
    expect(page.structure.rows.map((r) => r.code)).toEqual(['34'])
    expect(page.structure.figures).toEqual([])
    expect(page.served.every((m) => m.prefectureCode === '34')).toBe(true)
    expect(Object.fromEntries(page.roles.map((r) => [r.label, r.appointed]))).toEqual(
      countBy(
        appointedNow().filter((a) => a.pref === '34'),
        (a) => a.roleName,
      ),
    )
    expect(page.roles.find((r) => r.label === 'サービスデザイナー')).toBeUndefined()
    // Nothing anywhere in the data names another prefecture or carries its code.
    const text = JSON.stringify(page)
    for (const other of PREFECTURE_TILES.filter((t) => t.code !== '34')) expect(text).not.toContain(other.name)
    const codesIn = (value: unknown): string[] =>
      Array.isArray(value)
        ? value.flatMap(codesIn)
        : value && typeof value === 'object'
          ? Object.entries(value).flatMap(([key, v]) =>
              /^(code|prefectureCode|highlight)$/.test(key) && typeof v === 'string' && /^\d\d$/.test(v)
                ? [v]
                : codesIn(v),
            )
          : []
    expect(new Set(codesIn(page))).toEqual(new Set(['34']))
    // The ministry's `pref` choice is no way out of the slice.
    expect((await dashboard(hiroshima, '?pref=33')).highlight).toBe('34')
  })

  it('refuses anyone without the permission: the anonymous go to log in, others get 403', async () => {
    for (const run of [
      () => dashboardLoader(routeArgs(services, '/dashboard')),
      () => csvLoader(routeArgs(services, '/dashboard/export.csv?table=prefectures')),
    ]) {
      const response = await run().catch((e: unknown) => e)
      expect(response).toBeInstanceOf(Response)
      expect((response as Response).status).toBe(302)
      expect((response as Response).headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
    }
    for (const cookie of [professional, municipal]) {
      expect((await thrownResponse(() => dashboard(cookie))).status).toBe(403)
      expect(
        (await thrownResponse(() => csvLoader(routeArgs(services, '/dashboard/export.csv?table=roles', { cookie }))))
          .status,
      ).toBe(403)
    }
  })

  it('each table’s CSV holds what the page shows, in the viewer’s scope', async () => {
    const page = await dashboard(ministry)
    const [head, ...prefectures] = await csv(ministry, 'prefectures')
    expect(head).toEqual([
      '都道府県コード',
      '都道府県',
      '任命中',
      '目安',
      '目安に対する割合（%）',
      '審査中の推薦',
      '支援先の市区町村',
    ])
    expect(prefectures).toEqual(
      page.prefectures.map((p) =>
        [p.code, p.name, p.appointed, p.target, p.percent, p.underReview, p.municipalities].map(String),
      ),
    )
    expect((await csv(ministry, 'roles')).slice(1)).toEqual(page.roles.map((r) => [r.label, String(r.appointed)]))
    expect((await csv(ministry, 'employment')).slice(1)).toEqual(
      page.employment.map((e) => [e.label, String(e.appointed)]),
    )
    const pools = await csv(ministry, 'pools')
    expect(pools).toHaveLength(48)
    const hiroshimaPool = pools.find((r) => r[0] === '34')!
    const row34 = page.pools.rows.find((r) => r.code === '34')!
    expect(hiroshimaPool).toEqual(
      [
        '34',
        '広島県',
        ...page.pools.statuses.map((s) => row34.byStatus[s.key]),
        row34.members,
        ...page.pools.roles.map((r) => row34.byRole[r.key]),
        row34.openNeeds,
        row34.filledNeeds,
        row34.medianDays,
        row34.placementsMeasured,
        row34.municipalitiesServed,
        row34.smallMunicipalitiesServed,
      ].map(String),
    )
    const structure = await csv(ministry, 'structure')
    expect(structure.slice(1).map((r) => r[1])).toEqual(page.structure.rows.map((r) => r.name))
    const trend = await csv(ministry, 'trend')
    expect(trend.slice(1).map((r) => [r[0], r[1]])).toEqual(page.trend.map((t) => [t.on, String(t.appointed)]))

    // A prefecture's CSV: its own row only.
    const own = await csv(hiroshima, 'prefectures')
    expect(own.slice(1)).toEqual([['34', '広島県', '3', '10', '30', '1', '2']])
    expect((await csv(hiroshima, 'pools')).slice(1).map((r) => r[0])).toEqual(['34'])
    const name = (
      (await csvLoader(
        routeArgs(services, '/dashboard/export.csv?table=prefectures', { cookie: hiroshima }),
      )) as Response
    ).headers.get('Content-Disposition')
    expect(name).toContain('dashboard_prefectures_34_')
  })

  it('malformed query strings give a 400 with a Japanese message or the default page, never 500', async () => {
    for (const query of ['', '?table=', '?table=users', '?table=%00', '?table=__proto__', '?table=toString']) {
      const answer = await thrownResponse(() =>
        csvLoader(routeArgs(services, `/dashboard/export.csv${query}`, { cookie: ministry })),
      )
      expect(answer.status, query).toBe(400)
      expect(answer.text).toContain('表（table）は次のどれかで指定してください')
    }
    for (const query of ['?pref=99', '?pref=%3Cscript%3E', '?pref=', '?pref=3', '?pref=00&pref=01', '?x=%00']) {
      const page = await dashboard(ministry, query)
      expect(page.highlight, query).toBeNull()
      expect(page.prefectures).toHaveLength(47)
    }
    expect((await dashboard(ministry, '?pref=34')).highlight).toBe('34')
  })
})
