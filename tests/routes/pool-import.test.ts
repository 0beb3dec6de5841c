// Importing an existing pool from CSV: all rows checked and reported by row number; all or nothing.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as importAction } from '../../app/routes/pools.import/route'
import type { Services } from '../../app/services.server'
import { loginAs } from '../factories'
import { createTestServices, routeArgs, unwrap } from '../services'

let services: Services
let staff: string
beforeAll(async () => {
  services = await createTestServices({ indexed: false })
  staff = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).cookie
  await services.database.db
    .insertInto('partner_company')
    .values({ id: crypto.randomUUID(), name: '株式会社推薦', corporate_number: '7000012050002' })
    .execute()
})
afterAll(async () => {
  await services?.close()
})

async function upload(csv: string, filename = 'pool.csv') {
  const body = new FormData()
  body.append('file', new File([new TextEncoder().encode(csv)], filename, { type: 'text/csv' }))
  const { context } = routeArgs(services, '/pools/import', { cookie: staff })
  const request = new Request('http://localhost/pools/import', { method: 'POST', body, headers: { Cookie: staff } })
  return importAction({ request, params: {}, context })
}

const members = async () =>
  await services.database.db
    .selectFrom('pool_member')
    .select(['person_name', 'source', 'partner_company_id'])
    .where('prefecture_code', '=', '34')
    .execute()

describe('pool CSV import', () => {
  it('reports every bad row with its number and writes nothing', async () => {
    const csv = [
      '氏名,ふりがな,メールアドレス,生年,経路,推薦企業の法人番号,メモ',
      '山田 一郎,やまだ いちろう,ichiro@example.jp,1975,紹介,,',
      ',,,,紹介,,',
      '田中 花子,タナカ,not-mail,1800,知人,,',
      '鈴木 次郎,,jiro@example.jp,,企業推薦,,',
      '佐藤 三郎,,saburo@example.jp,,企業推薦,1234567890123,',
      '山田 一郎,,ICHIRO@example.jp,,紹介,,',
    ].join('\r\n')
    const result = unwrap(await upload(`\uFEFF${csv}`))
    expect(result.status).toBe(400)
    const errors = (result.body as { errors: Array<{ row?: number; field?: string; message: string }> }).errors
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => `${e.field}: ${e.message}`)
    expect(at(2)).toEqual([])
    expect(at(3)).toEqual(['氏名: 氏名が空です'])
    expect(at(4)).toEqual(
      expect.arrayContaining([
        'ふりがな: ふりがなはひらがなで入力してください',
        'メールアドレス: メールアドレスの形式が正しくありません（not-mail）',
        '生年: 生年は1930〜2015の西暦で入力してください',
        expect.stringContaining('経路: 経路は「企業推薦」「国のリスト」「紹介」「公募」'),
      ]),
    )
    expect(at(5)).toEqual(['推薦企業の法人番号: 企業推薦の行には推薦企業の法人番号が必要です'])
    expect(at(6)).toEqual(['推薦企業の法人番号: 法人番号 1234567890123 のパートナー企業は登録されていません'])
    expect(at(7)).toEqual(['メールアドレス: 2行目と同じメールアドレスです（同じ人の可能性があります）'])
    expect(await members()).toEqual([])
  })

  it('imports a clean file (UTF-8 with BOM, columns in any order) in one go, with history and audit', async () => {
    const csv = [
      '経路,氏名,推薦企業の法人番号,メールアドレス',
      '紹介,山田 一郎,,ichiro@example.jp',
      '企業推薦,鈴木 次郎,７０００－０１２０５０００２,jiro@example.jp',
    ].join('\n')
    const response = (await upload(`\uFEFF${csv}`)) as Response
    expect(response.status).toBe(302)
    const rows = await members()
    expect(rows.map((r) => [r.person_name, r.source, Boolean(r.partner_company_id)]).sort()).toEqual([
      ['山田 一郎', 'referral', false],
      ['鈴木 次郎', 'company_recommendation', true],
    ])
    const events = await services.database.db.selectFrom('pool_member_event').select('note').execute()
    expect(events.map((e) => e.note).sort()).toEqual(['CSV取り込み（2行目）', 'CSV取り込み（3行目）'])
    const audit = await services.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity', '=', 'pool_member')
      .execute()
    expect(audit).toHaveLength(2)
  })

  it('refuses people already in the pool, a file without the needed headings, and an empty upload', async () => {
    const again = unwrap(await upload('氏名,経路,メールアドレス\n別の名前,紹介,ichiro@example.jp'))
    expect(JSON.stringify(again.body)).toContain('すでにプールにいる「山田 一郎」と同じ人の可能性があります')
    const noHeader = unwrap(await upload('山田,紹介\n'))
    expect(JSON.stringify(noHeader.body)).toContain('見出し行に「氏名」「経路」の列がありません')
    const empty = unwrap(await upload('', 'empty.csv'))
    expect(empty.status).toBe(400)
    expect((await members()).length).toBe(2)
  })
})
