// 交付税 over recorded placements, through the routes' loaders and actions on real Postgres: the seeded rules,
// a placement's own results, a body's yearly totals (only 対象 rows count), the CIO補佐官等 three-person cap and the
// body's own choice, the ministry's decision on a 要確認 row, CSV and Excel, and who sees which body.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFundingRules } from '../../app/models/funding.server'
import * as fundingRoute from '../../app/routes/funding._index/route'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import * as estimateRoute from '../../app/routes/funding.estimate/route'
import * as csvRoute from '../../app/routes/funding.export[.]csv'
import * as xlsxRoute from '../../app/routes/funding.export[.]xlsx'
import * as nationalRoute from '../../app/routes/funding.national/route'
import * as placementRoute from '../../app/routes/placements.$id/route'
import type { Services } from '../../app/services.server'
import { createPlacement, loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
const db = () => services.database.db
const HIROSHIMA = '340006'
const AKIOTA = '343684'
let prefectureCookie: string
let townCookie: string
let ministryCookie: string
let tokyoCookie: string
let accelerator: string
const cio: string[] = []

type Overview = Awaited<ReturnType<typeof fundingRoute.loader>>

async function overview(cookie: string, query: string): Promise<Overview> {
  return fundingRoute.loader(routeArgs(services, `/funding?${query}`, { cookie }))
}

beforeAll(async () => {
  services = await createTestServices()
  prefectureCookie = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).cookie
  townCookie = (await loginAs(services, { role: 'municipal_staff', prefectureCode: '34', municipalityCode: AKIOTA }))
    .cookie
  ministryCookie = (await loginAs(services, { role: 'ministry_staff' })).cookie
  tokyoCookie = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '13' })).cookie
  // 広島県's 常勤 appointed accelerator supporting municipalities all of 令和7年度 (A1, 002:398-405).
  accelerator = await createPlacement(db(), {
    personName: '常勤 一郎',
    employment: 'full_time',
    appointedAccelerator: true,
    startOn: '2025-04-01',
    costs: [{ fy: 2025, item: 'salary', amount: 8_000_000 }],
  })
  // 安芸太田町's four CIO補佐官等 (特別職非常勤) in 令和7年度: at most three count (B1, 002:443).
  for (const [name, amount] of [
    ['補佐官 甲', 3_000_000],
    ['補佐官 乙', 2_000_000],
    ['補佐官 丙', 1_000_000],
    ['補佐官 丁', 500_000],
  ] as const)
    cio.push(
      await createPlacement(db(), {
        employerCode: AKIOTA,
        personName: name,
        startOn: '2025-04-01',
        costs: [
          { fy: 2025, item: 'remuneration', amount },
          { fy: 2026, item: 'remuneration', amount },
        ],
      }),
    )
})

afterAll(async () => {
  await services?.close()
})

describe('the rules', () => {
  it('are seeded once as data, each measure with its version and source', async () => {
    const rules = await loadFundingRules(db())
    expect(rules.map((r) => `${r.id}@${r.version}`).sort()).toEqual(['A0@1', 'A1@1', 'A2@1', 'B1@1', 'B2@1', 'C1@1'])
    const a1 = rules.find((r) => r.id === 'A1')!
    expect(a1).toMatchObject({ scheme: 'futsu', method: { type: 'per_person', amount: 7_800_000 }, fromFy: 2025 })
    expect(a1.source).toMatch(/^002:/)
  })
})

describe('a body and a fiscal year', () => {
  it('counts the appointed 常勤 accelerator under 普通交付税 (780万円 per person) on the prefecture’s page', async () => {
    const page = await overview(prefectureCookie, `fy=2025&employer=${HIROSHIMA}`)
    const body = page.bodies.find((b) => b.employer === HIROSHIMA)!
    expect(body).toMatchObject({ employerName: '広島県', futsu: 7_800_000, tokubetsu: 0, pending: 0 })
    const a1 = page.rows.find((r) => r.placementId === accelerator && r.measure === 'A1')!
    expect(a1).toMatchObject({
      status: 'eligible',
      amount: 7_800_000,
      eligibleCost: 8_000_000,
      personName: '常勤 一郎',
    })
    expect(a1.source).toMatch(/^002:/)
    expect(a1.reason.length).toBeGreaterThan(10)
    // Its salary is not counted again under a special-tax measure.
    expect(
      page.rows.filter((r) => r.placementId === accelerator && r.measure !== 'A1').every((r) => r.amount === 0),
    ).toBe(true)
  })

  it('shows the same rows on the placement’s own page', async () => {
    const page = unwrap(
      await placementRoute.loader(
        routeArgs(services, `/placements/${accelerator}`, { cookie: prefectureCookie, params: { id: accelerator } }),
      ),
    ).body
    expect(page.funding!.years.find((y) => y.fy === 2025)).toMatchObject({ futsu: 7_800_000, pending: 0 })
    expect(page.funding!.rows.find((r) => r.fy === 2025 && r.measure === 'A1')).toMatchObject({
      status: 'eligible',
      amount: 7_800_000,
    })
  })

  it('counts three CIO補佐官等 with the largest costs at 0.7, and lets the town choose another three', async () => {
    const before = await overview(townCookie, `fy=2025&employer=${AKIOTA}`)
    expect(before.bodies.map((b) => b.employer)).toEqual([AKIOTA])
    // 0.7 × (3,000,000 + 2,000,000 + 1,000,000); the fourth is named and not counted.
    expect(before.bodies[0]).toMatchObject({ tokubetsu: 4_200_000, futsu: 0 })
    const b1 = (id: string, page: Overview) => page.rows.find((r) => r.placementId === id && r.measure === 'B1')!
    expect(b1(cio[3]!, before)).toMatchObject({ status: 'not_eligible', amount: 0 })
    expect(before.selection).toMatchObject({ max: 3, measure: 'B1' })
    expect(
      before
        .selection!.candidates.filter((c) => c.counted)
        .map((c) => c.placementId)
        .sort(),
    ).toEqual(cio.slice(0, 3).sort())

    const chosen = [cio[0]!, cio[1]!, cio[3]!]
    const saved = (await fundingRoute.action(
      routeArgs(services, '/funding', {
        cookie: townCookie,
        form: { intent: 'select', fy: '2025', measure: 'B1', employer: AKIOTA, placementId: chosen },
      }),
    )) as Response
    expect(saved.status).toBe(302)
    const after = await overview(townCookie, `fy=2025&employer=${AKIOTA}`)
    expect(after.bodies[0]!.tokubetsu).toBe(2_100_000 + 1_400_000 + 350_000)
    expect(b1(cio[2]!, after)).toMatchObject({ status: 'not_eligible', amount: 0 })
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'after', 'municipality_code'])
      .where('entity', '=', 'funding_selection')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ action: 'select', after: { placement_ids: chosen }, municipality_code: AKIOTA })

    // Four chosen is refused at the form; the prefecture (not the employer) may not choose at all.
    const tooMany = unwrap(
      await fundingRoute.action(
        routeArgs(services, '/funding', {
          cookie: townCookie,
          form: { intent: 'select', fy: '2025', measure: 'B1', placementId: cio },
        }),
      ),
    )
    expect(tooMany.status).toBe(400)
    expect(JSON.stringify(tooMany.body)).toContain('1〜3人選んでください')
  })
})

describe('要確認 and the ministry', () => {
  it('lists B1 after its last year (令和7年度) as 要確認, counts nothing, and counts the ministry’s decision', async () => {
    const national = await nationalRoute.loader(
      routeArgs(services, '/funding/national?fy=2026', { cookie: ministryCookie }),
    )
    const item = national.toDecide.find((r) => r.placementId === cio[0] && r.measure === 'B1')!
    expect(item).toMatchObject({ status: 'needs_confirmation', amount: 0, proposedAmount: 2_100_000, decided: false })
    expect(item.reason).toContain('期間外')
    const hiroshima = national.byPrefecture.find((p) => p.prefectureCode === '34')!
    expect(hiroshima.years.find((y) => y.fy === 2026)!.pending).toBeGreaterThanOrEqual(1)

    const decide = (form: Record<string, string>) =>
      nationalRoute.action(routeArgs(services, '/funding/national', { cookie: ministryCookie, form }))
    // The reason is required, in Japanese, at its field.
    const missing = unwrap(
      await decide({
        intent: 'decide',
        placementId: cio[0]!,
        fy: '2026',
        measure: 'B1',
        decision: 'eligible',
        amount: '2100000',
        note: '',
      }),
    )
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ fieldErrors: { note: ['判断の理由を入力してください'] } })

    const ok = (await decide({
      intent: 'decide',
      placementId: cio[0]!,
      fy: '2026',
      measure: 'B1',
      decision: 'eligible',
      amount: '2,100,000',
      note: '令和8年度も継続と通知あり',
    })) as Response
    expect(ok.status).toBe(302)
    const town = await overview(townCookie, `fy=2026&employer=${AKIOTA}`)
    const row = town.rows.find((r) => r.placementId === cio[0] && r.measure === 'B1')!
    expect(row).toMatchObject({ status: 'eligible', amount: 2_100_000, decided: true })
    expect(row.reason).toContain('令和8年度も継続と通知あり')
    expect(town.bodies[0]!.tokubetsu).toBe(2_100_000)
    expect(
      await db().selectFrom('audit_log').select('action').where('entity', '=', 'funding_decision').execute(),
    ).toEqual([{ action: 'decide' }])

    const withdrawn = (await decide({
      intent: 'withdraw',
      placementId: cio[0]!,
      fy: '2026',
      measure: 'B1',
    })) as Response
    expect(withdrawn.status).toBe(302)
    const again = await overview(townCookie, `fy=2026&employer=${AKIOTA}`)
    expect(again.rows.find((r) => r.placementId === cio[0] && r.measure === 'B1')).toMatchObject({
      status: 'needs_confirmation',
      amount: 0,
    })
    expect(again.bodies[0]!.tokubetsu).toBe(0)
  })

  it('keeps the national page and decisions to the ministry', async () => {
    for (const cookie of [prefectureCookie, townCookie]) {
      const refused = await thrownResponse(() =>
        nationalRoute.loader(routeArgs(services, '/funding/national?fy=2026', { cookie })),
      )
      expect(refused.status).toBe(403)
    }
  })
})

describe('who sees which body', () => {
  it('shows a prefecture its bodies only, a town only itself, and refuses another prefecture’s body', async () => {
    const prefecture = await overview(prefectureCookie, 'fy=2025')
    expect(prefecture.bodies.map((b) => b.employer).sort()).toEqual([HIROSHIMA, AKIOTA].sort())
    const town = await overview(townCookie, 'fy=2025')
    expect(town.bodies.map((b) => b.employer)).toEqual([AKIOTA])
    expect(town.rows.every((r) => cio.includes(r.placementId))).toBe(true)
    const tokyo = await overview(tokyoCookie, 'fy=2025')
    expect(tokyo.bodies).toEqual([])
    expect((await thrownResponse(() => overview(tokyoCookie, `fy=2025&employer=${HIROSHIMA}`))).status).toBe(404)
    expect(JSON.stringify(tokyo)).not.toContain('常勤 一郎')
  })

  it('answers a malformed year or body with 400 and a Japanese message', async () => {
    for (const query of ['fy=20x5', 'fy=1999', 'employer=abc', 'fy=2025&employer=3400061']) {
      const refused = await thrownResponse(() => overview(prefectureCookie, query))
      expect(refused.status).toBe(400)
      expect(refused.text).toMatch(/の指定が正しくありません/)
    }
  })
})

describe('filing', () => {
  it('downloads the body’s rows as CSV and as an Excel workbook with yen formatting and 令和 years', async () => {
    const csv = (await csvRoute.loader(
      routeArgs(services, `/funding/export.csv?fy=2025&employer=${HIROSHIMA}`, { cookie: prefectureCookie }),
    )) as Response
    expect(csv.headers.get('Content-Type')).toContain('text/csv')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.startsWith('団体,人,年度,措置')).toBe(true)
    expect(text).toContain('広島県,常勤 一郎,令和7年度,A1,普通交付税,対象,8000000,7800000')

    const xlsx = (await xlsxRoute.loader(
      routeArgs(services, `/funding/export.xlsx?fy=2025&employer=${HIROSHIMA}`, { cookie: prefectureCookie }),
    )) as Response
    expect(xlsx.headers.get('Content-Disposition')).toContain('.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    const summary = workbook.getWorksheet('集計')!
    expect(String(summary.getCell('A1').value)).toContain('令和7年度')
    const totalRow = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === '合計')!
    expect(totalRow.getCell(2).value).toBe(7_800_000)
    expect(totalRow.getCell(2).numFmt).toBe('#,##0"円"')
    const detail = workbook.getWorksheet('明細')!
    expect(detail.getRow(1).getCell(1).value).toBe('団体')
    expect(
      detail
        .getRows(2, detail.rowCount - 1)!
        .some((r) => r.getCell(4).value === 'A1' && r.getCell(8).value === 7_800_000),
    ).toBe(true)
  })
})

describe('an estimate from a file', () => {
  const fixtures = path.resolve(import.meta.dirname, '../fixtures/funding')
  async function estimate(cookie: string, content: Uint8Array<ArrayBuffer>, filename: string) {
    const body = new FormData()
    body.append('file', new File([content], filename, { type: 'text/csv' }))
    const { context } = routeArgs(services, '/funding/estimate', { cookie })
    const request = new Request('http://localhost/funding/estimate', {
      method: 'POST',
      body,
      headers: { Cookie: cookie, Origin: 'http://localhost' },
    })
    return unwrap(await estimateRoute.action({ request, params: {}, context }))
  }

  it('judges the CLI’s sample CSV with the stored rules, the same totals as the CLI, storing nothing', async () => {
    const expected = JSON.parse(await readFile(path.join(fixtures, 'sample.expected.json'), 'utf8')) as {
      totals: Array<{ employer: string; fy: number; futsu: number; tokubetsu: number; pending: number }>
    }
    const placementsBefore = await db().selectFrom('placement').select('id').execute()
    const result = await estimate(
      prefectureCookie,
      new Uint8Array(await readFile(path.join(fixtures, 'sample.csv'))),
      'sample.csv',
    )
    expect(result.status).toBe(200)
    const body = result.body as unknown as { totals: Array<Record<string, unknown>> }
    expect(body.totals.map((t) => [t.employer, t.fy, t.futsu, t.tokubetsu, t.pending])).toEqual(
      expected.totals.map((t) => [t.employer, t.fy, t.futsu, t.tokubetsu, t.pending]),
    )
    expect(await db().selectFrom('placement').select('id').execute()).toHaveLength(placementsBefore.length)
  })

  it('names the row and the field of bad input, in Japanese, with 400', async () => {
    const csv =
      'id,employer,kind,employment,fixedTerm,mainDutyMunicipalSupport,appointedAccelerator,designatedDxLeader,planDraftingOnly,start,end,fy,item,amount,inProgramme\np1,380008,municipal_support,full_time,FALSE,TRUE,TRUE,FALSE,FALSE,2025-04-01,,2025,salary,-5,\n'
    const result = await estimate(prefectureCookie, new TextEncoder().encode(csv), 'bad.csv')
    expect(result.status).toBe(400)
    expect(JSON.stringify(result.body)).toContain('row 2 (p1).amount: 金額は0以上の整数（円）で入力してください')
  })
})
