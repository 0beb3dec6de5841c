import crypto from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AuditActor, recordAudit } from '../../app/models/audit.server'
import { loader as pageLoader } from '../../app/routes/admin.audit._index/route'
import { loader as csvLoader } from '../../app/routes/admin.audit[.]csv'
import type { Services } from '../../app/services.server'
import type { Role } from '../../db/schema'
import { listAuditPageInScope } from '../../db/queries/audit-log'
import { loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
let ministryCookie: string
let hiroshimaCookie: string
let tokyoCookie: string

function actor(email: string, displayName: string, role: Role, requestId: string): AuditActor {
  return {
    user: { id: crypto.randomUUID(), email, display_name: displayName, role },
    requestInfo: { id: requestId, ip: '203.0.113.1' },
  }
}
const taro = actor('taro@example.jp', '山田 太郎', 'prefecture_admin', 'req-hiroshima')
const jiro = actor('jiro@example.jp', '鈴木 次郎', 'prefecture_admin', 'req-tokyo')
const shiro = actor('shiro@example.jp', '高橋 四郎', 'ministry_admin', 'req-ministry')

const COMMA_SUMMARY = 'カンマ,と"引用符"と\n改行を含む内容'
const FORMULA_SUMMARY = '=HYPERLINK("https://evil.example","開く")'
const BULK_ROWS = 55
// 広島県 7 (5 today + 2 dated), 東京都 1, 北海道 1, national 1, 沖縄県 BULK_ROWS.
const HIROSHIMA_ROWS = 7
const ALL_ROWS = HIROSHIMA_ROWS + 3 + BULK_ROWS
const PERSONAL = [
  'taro@example.jp',
  'taro.yamada@example.jp',
  'hanako@example.jp',
  'jiro@example.jp',
  'saburo@example.jp',
  'shiro@example.jp',
  '山田 太朗',
  '佐藤 花子',
]

beforeAll(async () => {
  services = await createTestServices({ indexed: false })
  const { db } = services.database
  await recordAudit(db, taro, {
    action: 'invite',
    entity: 'invitation',
    entityId: 'inv-hiroshima',
    summary: '安芸太田町の市区町村職員を招待しました',
    prefectureCode: '34',
    municipalityCode: '343684',
    after: { email: 'hanako@example.jp', role: 'municipal_staff', prefecture_code: '34', municipality_code: '343684' },
  })
  await recordAudit(
    db,
    { user: null, label: '本人（メールアドレス変更の確認）' },
    {
      action: 'change_email',
      entity: 'user',
      entityId: 'user-taro',
      summary: 'メールアドレスを変更しました',
      prefectureCode: '34',
      before: { email: 'taro@example.jp', display_name: '山田 太郎', role: 'prefecture_admin', email_verified: true },
      after: {
        email: 'taro.yamada@example.jp',
        display_name: '山田 太朗',
        role: 'prefecture_admin',
        email_verified: true,
      },
    },
  )
  await recordAudit(db, taro, {
    action: 'deactivate',
    entity: 'user',
    entityId: 'user-hanako',
    summary: 'アカウントを停止しました（全セッションを終了）',
    prefectureCode: '34',
    before: { display_name: '佐藤 花子', deactivated: false },
    after: { display_name: '佐藤 花子', deactivated: true },
  })
  await recordAudit(db, taro, {
    action: 'create',
    entity: 'user',
    entityId: 'user-comma',
    summary: COMMA_SUMMARY,
    prefectureCode: '34',
  })
  await recordAudit(db, taro, {
    action: 'create',
    entity: 'user',
    entityId: 'user-formula',
    summary: FORMULA_SUMMARY,
    prefectureCode: '34',
  })
  // Two rows either side of midnight in Japan (2024-04-01 00:00 JST = 2024-03-31 15:00 UTC). Inserting is
  // allowed (only UPDATE/DELETE are refused), and the only way to give a row a past time.
  for (const [id, at] of [
    ['need-march', '2024-03-31T14:59:59.000Z'],
    ['need-april', '2024-03-31T15:00:00.000Z'],
  ] as const) {
    await db
      .insertInto('audit_log')
      .values({
        occurred_at: new Date(at),
        actor_label: 'システム',
        action: 'close',
        entity: 'need',
        entity_id: id,
        prefecture_code: '34',
        summary: 'ニーズを締め切りました',
      })
      .execute()
  }
  await recordAudit(db, jiro, {
    action: 'invite',
    entity: 'invitation',
    entityId: 'inv-tokyo',
    summary: '東京都の都道府県職員を招待しました',
    prefectureCode: '13',
    after: { email: 'saburo@example.jp', role: 'prefecture_staff', prefecture_code: '13' },
  })
  await recordAudit(db, shiro, {
    action: 'deactivate',
    entity: 'user',
    entityId: 'user-hokkaido',
    summary: '北海道の職員を停止しました',
    prefectureCode: '01',
  })
  await recordAudit(db, shiro, {
    action: 'invite',
    entity: 'invitation',
    entityId: 'inv-national',
    summary: '総務省・デジタル庁管理者を招待しました',
  })
  for (let i = 0; i < BULK_ROWS; i++) {
    await recordAudit(db, shiro, {
      action: 'create',
      entity: 'partner_company',
      entityId: `bulk-${i}`,
      summary: `一括 ${i}`,
      prefectureCode: '47',
    })
  }

  ministryCookie = (await loginAs(services, { role: 'ministry_admin' })).cookie
  hiroshimaCookie = (await loginAs(services, { role: 'prefecture_admin', prefectureCode: '34' })).cookie
  tokyoCookie = (await loginAs(services, { role: 'prefecture_admin', prefectureCode: '13' })).cookie
})
afterAll(async () => {
  await services?.close()
})

async function page(query: string, cookie: string) {
  return unwrap(await pageLoader(routeArgs(services, `/admin/audit${query}`, { cookie })))
}

async function okPage(query: string, cookie = ministryCookie) {
  const { status, body } = await page(query, cookie)
  expect(status, query).toBe(200)
  if (!body.result) throw new Error(`no result for ${query}`)
  return { ...body, result: body.result }
}

async function csv(query: string, cookie = ministryCookie) {
  const response = await csvLoader(routeArgs(services, `/admin/audit.csv${query}`, { cookie }))
  const bytes = new Uint8Array(await response.arrayBuffer())
  // Response.text() would drop the BOM; decode keeping it.
  return { response, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) }
}

/** A strict RFC 4180 reader: a bare LF outside quotes stays in the cell, so bad quoting shows up. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const endCell = () => {
    row.push(cell)
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        cell += c
      }
    } else if (c === '"' && cell === '') {
      quoted = true
    } else if (c === ',') {
      endCell()
    } else if (c === '\r' && text[i + 1] === '\n') {
      endCell()
      rows.push(row)
      row = []
      i++
    } else {
      cell += c
    }
  }
  if (cell !== '' || row.length > 0) {
    endCell()
    rows.push(row)
  }
  return rows
}

describe('/admin/audit scope (tenant isolation in the query)', () => {
  it('shows a ministry admin every prefecture and national rows, and narrows by prefecture on request', async () => {
    const all = await okPage('')
    expect(all.result.total).toBe(ALL_ROWS)
    expect(all.options).toMatchObject({ national: true, scopeLabel: '全国' })
    expect(all.options.prefectures).toHaveLength(47)
    const emptyPref = await okPage('?entity=partner_company&pref=')
    expect(emptyPref.result.total).toBe(BULK_ROWS)
    const nonBulk = [...(await okPage('?entity=user')).result.rows, ...(await okPage('?entity=invitation')).result.rows]
    expect(new Set(nonBulk.map((r) => r.prefecture))).toEqual(new Set(['広島県', '東京都', '北海道', '全国']))

    const tokyo = await okPage('?pref=13')
    expect(tokyo.result.total).toBe(1)
    expect(tokyo.result.rows[0]).toMatchObject({ prefecture: '東京都', summary: '東京都の都道府県職員を招待しました' })
  })

  it("shows a prefecture admin only their prefecture's rows; ?pref= for another prefecture reveals nothing", async () => {
    const own = await okPage('', hiroshimaCookie)
    expect(own.result.total).toBe(HIROSHIMA_ROWS)
    expect(own.result.rows.every((r) => r.prefecture === '広島県')).toBe(true)
    expect(own.options).toMatchObject({ national: false, scopeLabel: '広島県', prefectures: [] })

    // Cross-tenant probe: the pref parameter neither widens nor moves a prefecture admin's scope.
    for (const query of ['?pref=13', '?pref=01&entity=user', '?pref=47&entity=partner_company']) {
      const probe = await okPage(query, hiroshimaCookie)
      expect(
        probe.result.rows.every((r) => r.prefecture === '広島県'),
        query,
      ).toBe(true)
      expect(JSON.stringify(probe), query).not.toMatch(/東京都|北海道|沖縄県|全国/)
    }
    expect((await okPage('?pref=13', hiroshimaCookie)).result.total).toBe(HIROSHIMA_ROWS)
    expect((await okPage('?pref=47&entity=partner_company', hiroshimaCookie)).result.total).toBe(0)

    const tokyo = await okPage('?pref=34', tokyoCookie)
    expect(tokyo.result.total).toBe(1)
    expect(tokyo.result.rows[0]!.prefecture).toBe('東京都')

    const { text } = await csv('?pref=13', hiroshimaCookie)
    expect(parseCsv(text.slice(1))).toHaveLength(1 + HIROSHIMA_ROWS)
    expect(text).not.toMatch(/東京都|j\*\*\*@example\.jp|s\*\*\*@example\.jp/)
  })
})

describe('/admin/audit access', () => {
  it('refuses other roles with 403, on the page and the CSV', async () => {
    for (const role of ['prefecture_staff', 'municipal_staff', 'professional', 'ministry_staff'] as const) {
      const { cookie } = await loginAs(services, { role })
      const onPage = await thrownResponse(() => pageLoader(routeArgs(services, '/admin/audit', { cookie })))
      expect(onPage.status, role).toBe(403)
      expect(onPage.text, role).toContain('権限がありません')
      const onCsv = await thrownResponse(() => csvLoader(routeArgs(services, '/admin/audit.csv', { cookie })))
      expect(onCsv.status, role).toBe(403)
    }
  })

  it('sends an anonymous visitor to the login page, coming back to the same filters', async () => {
    for (const url of ['/admin/audit?entity=user', '/admin/audit.csv?entity=user']) {
      const loader = url.includes('.csv') ? csvLoader : pageLoader
      let thrown: unknown
      try {
        await loader(routeArgs(services, url))
      } catch (error) {
        thrown = error
      }
      expect(thrown, url).toBeInstanceOf(Response)
      const response = thrown as Response
      expect(response.status, url).toBe(302)
      expect(response.headers.get('Location'), url).toBe(`/login?${new URLSearchParams({ redirectTo: url })}`)
    }
  })
})

describe('/admin/audit masking', () => {
  it('never shows personal data unmasked in the page data', async () => {
    const { result } = await okPage('?entity=user&pref=34')
    const json = JSON.stringify(result)
    for (const value of PERSONAL) expect(json, value).not.toContain(value)

    const changeEmail = result.rows.find((r) => r.action === 'メールアドレス変更')!
    expect(changeEmail.actor).toBe('本人（メールアドレス変更の確認）')
    expect(changeEmail.changes).toEqual([
      { key: 'email', label: 'メールアドレス', before: 't***@example.jp', after: 't***@example.jp' },
      { key: 'display_name', label: '氏名', before: '山＊＊＊', after: '山＊＊＊' },
    ])
    const deactivate = result.rows.find((r) => r.action === '停止')!
    expect(deactivate).toMatchObject({
      actor: '山田 太郎 <t***@example.jp>',
      actorRole: '都道府県管理者',
      entity: 'ユーザー',
    })
    expect(deactivate.changes).toEqual([{ key: 'deactivated', label: '停止中', before: 'いいえ', after: 'はい' }])

    const invite = (await okPage('?entity=invitation&pref=34')).result.rows[0]!
    expect(invite).toMatchObject({ action: '招待', entity: '招待', prefecture: '広島県', municipality: '安芸太田町' })
    expect(invite.changes).toEqual([
      { key: 'email', label: 'メールアドレス', before: null, after: 'h***@example.jp' },
      { key: 'role', label: '役割', before: null, after: '市区町村職員' },
      { key: 'prefecture_code', label: '都道府県', before: null, after: '広島県' },
      { key: 'municipality_code', label: '市区町村', before: null, after: '安芸太田町' },
    ])
  })

  it('never writes personal data unmasked into the CSV', async () => {
    const { text } = await csv('')
    for (const value of PERSONAL) expect(text, value).not.toContain(value)
    expect(text).toContain('山田 太郎 <t***@example.jp>')
    expect(text).toContain('メールアドレス: t***@example.jp → t***@example.jp')
    expect(text).toContain('""email"":""h***@example.jp""')
  })

  it('matches the actor filter against the masked label, so it cannot confirm a hidden address', async () => {
    expect((await okPage('?actor=taro@example.jp')).result.total).toBe(0)
    expect((await okPage('?actor=山田')).result.total).toBe(4)
    expect((await okPage(`?actor=${encodeURIComponent('t***@example.jp')}`)).result.total).toBe(4)
  })
})

describe('/admin/audit filters', () => {
  it('filters by entity, action and actor', async () => {
    const invitations = await okPage('?entity=invitation')
    expect(invitations.result.total).toBe(3)
    expect(invitations.result.rows.every((r) => r.entity === '招待')).toBe(true)
    const changes = await okPage('?action=change_email')
    expect(changes.result.rows.map((r) => r.summary)).toEqual(['メールアドレスを変更しました'])
    const actor = await okPage(`?actor=${encodeURIComponent('高橋')}&entity=user`)
    expect(actor.result.rows.map((r) => r.summary)).toEqual(['北海道の職員を停止しました'])
    // An action the platform does not write is shown as it is, under its entity's name.
    const needs = await okPage('?entity=need&action=close')
    expect(needs.result.rows.map((r) => [r.entity, r.action])).toEqual([
      ['ニーズ', 'close'],
      ['ニーズ', 'close'],
    ])
  })

  it('treats dates as days in Japan, with the end date included', async () => {
    const april = await okPage('?entity=need&from=2024-04-01&to=2024-04-01')
    expect(april.result.rows.map((r) => [r.entityId, r.occurredAt])).toEqual([['need-april', '2024/04/01 00:00:00']])
    const march = await okPage('?entity=need&to=2024-03-31')
    expect(march.result.rows.map((r) => [r.entityId, r.occurredAt])).toEqual([['need-march', '2024/03/31 23:59:59']])
    expect((await okPage('?entity=need&from=2024-03-31&to=2024-04-01')).result.total).toBe(2)
    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10)
    expect((await okPage(`?from=${today}&to=${today}`)).result.total).toBe(ALL_ROWS - 2)
    expect((await okPage(`?from=${today}&entity=need`)).result.total).toBe(0)
  })

  it('pages through 50 rows at a time, newest first', async () => {
    const first = await okPage('?entity=partner_company')
    expect(first.result).toMatchObject({ total: BULK_ROWS, page: 1, pageSize: 50, pageCount: 2 })
    expect(first.result.rows).toHaveLength(50)
    expect(first.result.rows[0]!.entityId).toBe(`bulk-${BULK_ROWS - 1}`)
    const second = await okPage('?entity=partner_company&page=2')
    expect(second.result.rows.map((r) => r.entityId)).toEqual(['bulk-4', 'bulk-3', 'bulk-2', 'bulk-1', 'bulk-0'])
    expect(second.result.total).toBe(BULK_ROWS)
    // Past the last page there is no row to carry the count: the total is still the number of matching rows.
    const beyond = await okPage('?entity=partner_company&page=3')
    expect(beyond.result).toMatchObject({ total: BULK_ROWS, page: 3, pageCount: 2, rows: [] })
  })

  it('counts only up to its cap over a long log, and says the total is at least that', async () => {
    const { db } = services.database
    const scope = { kind: 'national' } as const
    const filter = { entity: 'partner_company' }
    const capped = await listAuditPageInScope(db, scope, filter, { limit: 5, offset: 5, countCap: 20 })
    expect(capped).toMatchObject({ total: 20, totalIsLowerBound: true })
    expect(capped.entries.map((e) => e.entity_id)).toEqual([
      `bulk-${BULK_ROWS - 6}`,
      `bulk-${BULK_ROWS - 7}`,
      `bulk-${BULK_ROWS - 8}`,
      `bulk-${BULK_ROWS - 9}`,
      `bulk-${BULK_ROWS - 10}`,
    ])
    const exact = await listAuditPageInScope(db, scope, filter, { limit: 5, offset: 0, countCap: BULK_ROWS })
    expect(exact).toMatchObject({ total: BULK_ROWS, totalIsLowerBound: false })
  })

  it('answers malformed filters with 400 and a Japanese message on the field, never a 500', async () => {
    const cases: Array<[string, string, string]> = [
      ['?from=2024-13-01', 'from', '存在しない日付です'],
      ['?from=2024-02-30', 'from', '存在しない日付です'],
      ['?to=2024%2F04%2F01', 'to', '日付は「2025-04-01」の形式で入力してください'],
      ['?from=2024-04-02&to=2024-04-01', 'to', '終了日は開始日と同じ日か、それより後の日付にしてください'],
      ['?page=0', 'page', 'ページ番号が正しくありません'],
      ['?page=abc', 'page', 'ページ番号が正しくありません'],
      ['?page=501', 'page', 'ページ番号が大きすぎます'],
      ['?entity=Users!', 'entity', '対象の指定が正しくありません'],
      ['?action=drop%20table', 'action', '操作の指定が正しくありません'],
      [`?actor=${'あ'.repeat(101)}`, 'actor', '操作者は100文字以内で入力してください'],
      ['?pref=48', 'pref', '都道府県の指定が正しくありません'],
    ]
    for (const [query, field, message] of cases) {
      const { status, body } = await page(query, ministryCookie)
      expect(status, query).toBe(400)
      expect(body.fieldErrors[field], query).toContain(message)
      expect(body.result, query).toBeNull()
      expect(body.options.prefectures, query).toHaveLength(47)
    }
    const { response, text } = await csv('?from=2024-13-01')
    expect(response.status).toBe(400)
    expect(text).toContain('存在しない日付です')
  })
})

describe('/admin/audit.csv', () => {
  it('is UTF-8 with a BOM, a Japanese header row, RFC 4180 quoting and no live formulas', async () => {
    const { response, bytes, text } = await csv('')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="audit-log-\d{8}\.csv"; filename\*=UTF-8''%E7%9B%A3%E6%9F%BB%E3%83%AD%E3%82%B0_\d{8}\.csv$/,
    )
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(
      text.startsWith(
        '\uFEFF日時,操作者,役割,操作,対象,対象ID,都道府県,市区町村,内容,変更内容,変更前（JSON）,変更後（JSON）,リクエストID\r\n',
      ),
    ).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)

    expect(text).toContain('"カンマ,と""引用符""と\n改行を含む内容"')
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example"",""開く"")"`)
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m)

    const records = parseCsv(text.slice(1))
    expect(records).toHaveLength(1 + ALL_ROWS)
    expect(response.headers.get('X-Audit-Row-Count')).toBe(String(ALL_ROWS))
    expect(records.every((r) => r.length === 13)).toBe(true)
    const summaries = records.map((r) => r[8])
    expect(summaries).toContain(COMMA_SUMMARY)
    expect(summaries).toContain(`'${FORMULA_SUMMARY}`)
    const march = records.find((r) => r[5] === 'need-march')!
    expect(march.slice(0, 8)).toEqual([
      '2024/03/31 23:59:59',
      'システム',
      '—',
      'close',
      'ニーズ',
      'need-march',
      '広島県',
      '',
    ])
  })

  it('carries the same filters as the page', async () => {
    const { response, text } = await csv('?entity=invitation')
    expect(response.headers.get('X-Audit-Row-Count')).toBe('3')
    const records = parseCsv(text.slice(1))
    expect(records.slice(1).map((r) => r[4])).toEqual(['招待', '招待', '招待'])
  })
})

describe('audit_log is append-only', () => {
  it('is refused by the database on UPDATE, DELETE and TRUNCATE', async () => {
    const { db } = services.database
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('audit_log')
            .select(sql<number>`count(*)`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await count()
    await expect(
      db.updateTable('audit_log').set({ summary: '改ざん' }).where('entity', '=', 'user').execute(),
    ).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('audit_log').where('entity', '=', 'user').execute()).rejects.toThrow(/append-only/)
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/)
    expect(await count()).toBe(before)
    expect((await okPage('?action=change_email')).result.rows[0]!.summary).toBe('メールアドレスを変更しました')
  })
})

describe('a long log', () => {
  const LONG_ROWS = 620
  beforeAll(async () => {
    const { db } = services.database
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < LONG_ROWS; i++) {
        await recordAudit(trx, shiro, {
          action: 'update',
          entity: 'partner_company',
          entityId: `long-${i}`,
          summary: `長い記録 ${i}`,
          prefectureCode: '46',
        })
      }
    })
  })

  it('counts ten pages past the one shown, says 「以上」 beyond them, and still pages on', async () => {
    const first = await okPage('?entity=partner_company&action=update')
    expect(first.result).toMatchObject({ total: 550, totalIsLowerBound: true, page: 1, pageCount: 11 })
    expect(first.result.rows[0]!.entityId).toBe(`long-${LONG_ROWS - 1}`)
    // Further on, the count reaches the end of the log and is exact again.
    const third = await okPage('?entity=partner_company&action=update&page=3')
    expect(third.result).toMatchObject({ total: LONG_ROWS, totalIsLowerBound: false, pageCount: 13 })
    expect(third.result.rows[0]!.entityId).toBe(`long-${LONG_ROWS - 101}`)
    // The CSV is not paged: every matching row.
    const { response } = await csv('?entity=partner_company&action=update')
    expect(response.headers.get('X-Audit-Row-Count')).toBe(String(LONG_ROWS))
  })
})
