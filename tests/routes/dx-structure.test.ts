// 推進体制 ①〜④ through the real route on real Postgres: a prefecture reports (each bad field answered in Japanese),
// the ministry confirms or returns (a return needs its reason), a report answered or replaced is not answered
// again, every step leaves an audit row, each viewer's data holds only their scope, and the national table, its
// counts and the published figures agree with the reports — on this page and on the dashboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader as dashboardLoader } from '../../app/routes/dashboard._index/route'
import { action, loader } from '../../app/routes/dx-structure/route'
import type { Services } from '../../app/services.server'
import { tokyoIsoDate } from '../../app/utils/dates'
import { loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
const db = () => services.database.db

beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(async () => {
  await services?.close()
})

type Page = Awaited<ReturnType<typeof loader>>
const page = (cookie: string): Promise<Page> => loader(routeArgs(services, '/dx-structure', { cookie }))
const post = (cookie: string, form: Record<string, string>) =>
  action(routeArgs(services, '/dx-structure', { cookie, form }))

const location = (response: unknown) => (response as Response).headers.get('Location')
const errorsOf = (result: unknown) => {
  const { status, body } = unwrap(result as never)
  return { status, form: (body as { form: string }).form, error: (body as { result: { error: object } }).result.error }
}

async function reportsOf(prefectureCode: string) {
  return db()
    .selectFrom('dx_structure_report')
    .select(['id', 'requirement', 'met', 'status', 'note', 'review_note', 'reported_by', 'reviewed_by'])
    .select((eb) => eb.fn('to_char', [eb.ref('as_of'), eb.val('YYYY-MM-DD')]).as('as_of'))
    .where('prefecture_code', '=', prefectureCode)
    .orderBy('reported_at')
    .execute()
}

async function auditOf(entityId: string) {
  return db()
    .selectFrom('audit_log')
    .select(['entity', 'action', 'prefecture_code', 'actor_user_id', 'before', 'after'])
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute()
}

describe('推進体制 ①〜④', () => {
  let hiroshima: { cookie: string; id: string }
  let okayama: string
  let ministry: { cookie: string; id: string }
  let professional: string
  let municipal: string

  beforeAll(async () => {
    const h = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })
    hiroshima = { cookie: h.cookie, id: h.user.id }
    okayama = (await loginAs(services, { role: 'prefecture_admin', prefectureCode: '33' })).cookie
    const m = await loginAs(services, { role: 'ministry_staff' })
    ministry = { cookie: m.cookie, id: m.user.id }
    professional = (await loginAs(services, { role: 'professional' })).cookie
    municipal = (await loginAs(services, { role: 'municipal_staff', municipalityCode: '343684' })).cookie
  })

  it('only prefecture staff and the ministry open the page; the anonymous are sent to log in', async () => {
    const anonymous = await loader(routeArgs(services, '/dx-structure')).catch((e: unknown) => e)
    expect((anonymous as Response).status).toBe(302)
    expect(location(anonymous)).toMatch(/^\/login/)
    for (const cookie of [professional, municipal]) {
      expect((await thrownResponse(() => page(cookie))).status).toBe(403)
      expect((await thrownResponse(() => post(cookie, { intent: 'report' }))).status).toBe(403)
    }
  })

  it('a prefecture sees its four requirements, none reported yet, and nothing of other prefectures', async () => {
    const mine = await page(hiroshima.cookie)
    expect(mine.kind).toBe('prefecture')
    expect(mine.prefecture).toMatchObject({ code: '34', name: '広島県', today: tokyoIsoDate() })
    expect(mine.requirements.map((r) => [r.requirement, r.latest, r.history])).toEqual([
      [1, null, []],
      [2, null, []],
      [3, null, []],
      [4, null, []],
    ])
    expect(mine.requirements[0]!.label).toBe('① 市町村との会議体等を設置')
    expect(mine.pending).toEqual([])
    expect(mine.overview.rows.map((r) => r.code)).toEqual(['34'])
    expect(mine.overview.figures).toEqual([])
  })

  it('answers each bad field of a report in Japanese, at the field, and writes nothing', async () => {
    const bad = errorsOf(
      await post(hiroshima.cookie, { intent: 'report', requirement: '1', asOf: '2026-02-30', note: 'x'.repeat(1001) }),
    )
    expect(bad.status).toBe(400)
    expect(bad.form).toBe('report-1')
    expect(bad.error).toEqual({
      met: ['要件を満たしているかどうかを選んでください'],
      asOf: ['時点を正しい日付で入力してください（例: 2026-03-31）'],
      note: ['補足は1000文字以内で入力してください'],
    })
    const future = errorsOf(
      await post(hiroshima.cookie, { intent: 'report', requirement: '2', met: 'yes', asOf: '2999-01-01' }),
    )
    expect(future.error).toEqual({ asOf: ['時点に未来の日付は指定できません'] })
    const old = errorsOf(
      await post(hiroshima.cookie, { intent: 'report', requirement: '2', met: 'no', asOf: '2019-03-31' }),
    )
    expect(old.error).toEqual({ asOf: ['時点は2022年4月1日以降の日付にしてください'] })
    const missing = errorsOf(await post(hiroshima.cookie, { intent: 'report', requirement: '2', met: 'maybe' }))
    expect(missing.error).toEqual({
      met: ['要件を満たしているかどうかを選んでください'],
      asOf: ['時点を入力してください'],
    })
    const tampered = errorsOf(
      await post(hiroshima.cookie, { intent: 'report', requirement: '5', met: 'yes', asOf: '2026-03-31' }),
    )
    expect(tampered.error).toEqual({
      requirement: ['フォームの状態が正しくありません。ページを再読み込みしてください'],
    })
    expect(await reportsOf('34')).toEqual([])
    const noIntent = unwrap((await post(hiroshima.cookie, { requirement: '1' })) as never)
    expect(noIntent.status).toBe(400)
    expect(noIntent.body).toMatchObject({ errors: ['操作を選んでください。'] })
  })

  it('a prefecture reports for its own prefecture only; the ministry cannot report, the prefecture cannot confirm', async () => {
    const response = await post(hiroshima.cookie, {
      intent: 'report',
      requirement: '1',
      met: 'yes',
      asOf: '2026-03-31',
      note: '広島県・市町DX推進会議を設置',
      // A field no form has: ignored.
      prefectureCode: '33',
    })
    expect(location(response)).toBe('/dx-structure')
    const [report] = await reportsOf('34')
    expect(report).toMatchObject({
      requirement: 1,
      met: true,
      as_of: '2026-03-31',
      status: 'reported',
      note: '広島県・市町DX推進会議を設置',
      reported_by: hiroshima.id,
    })
    expect(await reportsOf('33')).toEqual([])
    expect(await auditOf(report!.id)).toEqual([
      {
        entity: 'dx_structure_report',
        action: 'report',
        prefecture_code: '34',
        actor_user_id: hiroshima.id,
        before: null,
        after: {
          requirement: 1,
          met: true,
          as_of: '2026-03-31',
          note: '広島県・市町DX推進会議を設置',
          status: 'reported',
        },
      },
    ])
    const form = { intent: 'report', requirement: '2', met: 'yes', asOf: '2026-03-31' }
    expect((await thrownResponse(() => post(ministry.cookie, form))).status).toBe(403)
    const review = { intent: 'confirm', reportId: report!.id, note: '' }
    expect((await thrownResponse(() => post(hiroshima.cookie, review))).status).toBe(403)
    expect((await thrownResponse(() => post(okayama, review))).status).toBe(403)
    expect((await reportsOf('34')).map((r) => r.status)).toEqual(['reported'])

    const mine = await page(hiroshima.cookie)
    expect(mine.requirements[0]!.latest).toMatchObject({ met: true, status: 'reported', statusLabel: '確認待ち' })
    // 岡山県 sees nothing of it.
    const theirs = await page(okayama)
    expect(theirs.requirements.every((r) => r.history.length === 0)).toBe(true)
    expect(JSON.stringify(theirs)).not.toContain('広島')
  })

  it('the ministry sees the waiting reports and the 47 prefectures with the published figures beneath', async () => {
    const national = await page(ministry.cookie)
    expect(national.kind).toBe('national')
    expect(national.pending.map((r) => [r.prefectureName, r.requirement, r.metLabel, r.asOf])).toEqual([
      ['広島県', 1, '満たしている', '2026-03-31'],
    ])
    expect(national.overview.rows).toHaveLength(47)
    expect(national.overview.rows.find((r) => r.code === '34')!.cells[0]).toMatchObject({
      met: true,
      status: 'reported',
      statusLabel: '確認待ち',
    })
    expect(national.overview.counts).toMatchObject({
      confirmed: [0, 0, 0, 0],
      withPending: [1, 0, 0, 0],
      confirmedAll: 0,
      withPendingAll: 0,
      prefectures: 47,
    })
    expect(national.overview.figures).toEqual([
      expect.objectContaining({ asOf: '2025-03-31', met: [47, 43, 38, 45], metAll: 32 }),
    ])
  })

  it('a return needs its reason; confirming counts the report; an answered report is not answered again', async () => {
    const [report] = await reportsOf('34')
    const noReason = errorsOf(await post(ministry.cookie, { intent: 'return', reportId: report!.id }))
    expect(noReason.status).toBe(400)
    expect(noReason.form).toBe(`review-${report!.id}`)
    expect(noReason.error).toEqual({ note: ['差し戻す理由をコメントに入力してください'] })
    const badId = errorsOf(await post(ministry.cookie, { intent: 'confirm', reportId: 'not-a-uuid' }))
    expect(badId.error).toEqual({ reportId: ['フォームの状態が正しくありません。ページを再読み込みしてください'] })
    const unknown = await thrownResponse(() =>
      post(ministry.cookie, { intent: 'confirm', reportId: '00000000-0000-4000-8000-000000000000' }),
    )
    expect(unknown.status).toBe(404)

    expect(
      location(await post(ministry.cookie, { intent: 'confirm', reportId: report!.id, note: '議事録を確認' })),
    ).toBe('/dx-structure')
    expect((await reportsOf('34'))[0]).toMatchObject({
      status: 'confirmed',
      reviewed_by: ministry.id,
      review_note: '議事録を確認',
    })
    expect(
      (await auditOf(report!.id)).map((a) => [a.action, a.actor_user_id, a.prefecture_code, a.before, a.after]),
    ).toEqual([
      ['report', hiroshima.id, '34', null, expect.anything()],
      ['confirm', ministry.id, '34', { status: 'reported' }, { status: 'confirmed', review_note: '議事録を確認' }],
    ])
    const again = errorsOf(await post(ministry.cookie, { intent: 'return', reportId: report!.id, note: '再確認' }))
    expect(again.status).toBe(409)
    expect(JSON.stringify(again.error)).toContain('すでに確認・差戻し済みか')
    expect((await reportsOf('34'))[0]!.status).toBe('confirmed')
    const national = await page(ministry.cookie)
    expect(national.pending).toEqual([])
    expect(national.overview.counts.confirmed).toEqual([1, 0, 0, 0])
  })

  it('a returned report stands for nothing and shows its reason to the prefecture, which reports again', async () => {
    await post(hiroshima.cookie, { intent: 'report', requirement: '2', met: 'yes', asOf: '2026-03-31' })
    const reported = (await reportsOf('34')).find((r) => r.requirement === 2)!
    const response = await post(ministry.cookie, {
      intent: 'return',
      reportId: reported.id,
      note: 'ヒアリングの記録を添えてください',
    })
    expect(location(response)).toBe('/dx-structure')
    expect((await auditOf(reported.id)).map((a) => [a.action, a.after])).toEqual([
      ['report', expect.anything()],
      ['return', { status: 'returned', review_note: 'ヒアリングの記録を添えてください' }],
    ])
    const mine = await page(hiroshima.cookie)
    expect(mine.requirements[1]!.latest).toMatchObject({
      status: 'returned',
      statusLabel: '差戻し',
      reviewNote: 'ヒアリングの記録を添えてください',
    })
    expect(mine.overview.rows[0]!.cells[1]).toBeNull()

    await post(hiroshima.cookie, {
      intent: 'report',
      requirement: '2',
      met: 'yes',
      asOf: '2026-06-30',
      note: '記録を添付',
    })
    const again = await page(hiroshima.cookie)
    expect(again.requirements[1]!.history.map((h) => h.status)).toEqual(['reported', 'returned'])
    expect(again.overview.rows[0]!.cells[1]).toMatchObject({ status: 'reported', asOf: '2026-06-30' })
  })

  it('a report replaced by a newer one is not answered; only the newest waits', async () => {
    await post(hiroshima.cookie, { intent: 'report', requirement: '3', met: 'no', asOf: '2026-03-31' })
    await post(hiroshima.cookie, { intent: 'report', requirement: '3', met: 'yes', asOf: '2026-09-30' })
    const [older, newer] = (await reportsOf('34')).filter((r) => r.requirement === 3)
    const national = await page(ministry.cookie)
    expect(national.pending.filter((r) => r.requirement === 3).map((r) => r.id)).toEqual([newer!.id])
    const stale = errorsOf(await post(ministry.cookie, { intent: 'confirm', reportId: older!.id }))
    expect(stale.status).toBe(409)
    expect((await reportsOf('34')).find((r) => r.id === older!.id)!.status).toBe('reported')
    expect(await auditOf(older!.id)).toHaveLength(1)
    expect(location(await post(ministry.cookie, { intent: 'confirm', reportId: newer!.id }))).toBe('/dx-structure')
  })

  it('the national counts and the dashboard’s 推進体制 table agree with the reports', async () => {
    // 広島県 meets all four (④ now too), confirmed; 岡山県 reports ① only, still waiting.
    await post(hiroshima.cookie, { intent: 'report', requirement: '4', met: 'yes', asOf: '2026-09-30' })
    for (const r of await reportsOf('34'))
      if (r.status === 'reported') await post(ministry.cookie, { intent: 'confirm', reportId: r.id })
    await post(okayama, { intent: 'report', requirement: '1', met: 'yes', asOf: '2026-04-01' })
    const national = await page(ministry.cookie)
    expect(national.overview.counts).toMatchObject({
      confirmed: [1, 1, 1, 1],
      confirmedAll: 1,
      withPending: [2, 1, 1, 1],
      withPendingAll: 1,
    })
    const board = await dashboardLoader(routeArgs(services, '/dashboard', { cookie: ministry.cookie }))
    expect(board.structure).toEqual(national.overview)
    const mine = await dashboardLoader(routeArgs(services, '/dashboard', { cookie: okayama }))
    expect(mine.structure.rows.map((r) => [r.code, r.cells.map((c) => c?.status ?? null)])).toEqual([
      ['33', ['reported', null, null, null]],
    ])
  })
})
