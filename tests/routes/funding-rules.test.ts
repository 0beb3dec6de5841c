// 財政措置のルール through the real routes on real Postgres: the list of measures with their years, extending B1
// with the simple form (a new version, audited, in the history, and counted by the engine for the extended year),
// a stale form (409, nothing written, what was typed kept), each bad field answered in Japanese at its field, the
// JSON editor (bad JSON, schema errors, a changed id), adding a measure, and who may open and post to the pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluateFunding, type FundingPlacement } from '../../app/funding/engine'
import { loadFundingRules } from '../../app/models/funding.server'
import { action as measureAction, loader as measureLoader } from '../../app/routes/admin.funding-rules.$measure/route'
import { loader as listLoader } from '../../app/routes/admin.funding-rules._index/route'
import { action as newAction, loader as newLoader } from '../../app/routes/admin.funding-rules.new/route'
import type { Services } from '../../app/services.server'
import { parseRate, rateDecimalText } from '../../app/utils/funding-rule-forms'
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

type Answer = { status: number; location: string | null; error: Record<string, string[]>; body: unknown }

/** An action's answer, returned (data with a status) or thrown (the redirect after a save). */
async function answer(run: () => Promise<unknown>): Promise<Answer> {
  try {
    const { status, body } = unwrap(await run())
    const error = (body as { result?: { error?: Record<string, string[]> } }).result?.error ?? {}
    return { status, location: null, error, body }
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown
    return { status: thrown.status, location: thrown.headers.get('Location'), error: {}, body: null }
  }
}

const measureArgs = (cookie: string, measure: string, form?: Record<string, string>) =>
  routeArgs(services, `/admin/funding-rules/${measure}`, { cookie, params: { measure }, form })

const postMeasure = (cookie: string, measure: string, form: Record<string, string>) =>
  answer(() => measureAction(measureArgs(cookie, measure, form)))

/** The simple form as the page fills it, with changes. */
async function simpleForm(cookie: string, measure: string, changes: Record<string, string>) {
  const page = await measureLoader(measureArgs(cookie, measure))
  return { intent: 'simple', baseVersion: String(page.rule.version), ...page.simpleDefaults, ...changes }
}

/** The JSON editor as the page fills it, with the rule changed by `edit`. */
async function jsonForm(cookie: string, measure: string, edit: (rule: Record<string, unknown>) => void, note = '') {
  const page = await measureLoader(measureArgs(cookie, measure))
  const rule = JSON.parse(page.ruleJson) as Record<string, unknown>
  edit(rule)
  return {
    intent: 'json',
    baseVersion: String(page.rule.version),
    ruleJson: JSON.stringify(rule, null, 2),
    changeNote: note,
  }
}

async function versionsOf(measure: string) {
  const rows = await db().selectFrom('funding_rule').select('version').where('measure', '=', measure).execute()
  return rows.map((row) => row.version).sort()
}

/** A municipality's CIO補佐官等 (特別職非常勤) in FY2026 (令和8年度), after B1's stated years. */
const cioAdviser: FundingPlacement = {
  id: 'cio-2026',
  employer: '343684',
  kind: 'cio_adviser',
  employment: 'special_part_time',
  fixedTerm: false,
  mainDutyMunicipalSupport: false,
  appointedAccelerator: false,
  designatedDxLeader: false,
  planDraftingOnly: false,
  start: '2026-04-01',
  end: null,
  costs: [{ fy: 2026, item: 'remuneration', amount: 1_200_000 }],
}

async function b1RowFor2026() {
  const { results } = evaluateFunding({
    rules: await loadFundingRules(db()),
    placements: [cioAdviser],
    fiscalYears: [2026],
  })
  return results.find((row) => row.measure === 'B1')!
}

describe('rate parsing', () => {
  it('takes a decimal of up to four places or a fraction, as an exact fraction', () => {
    expect(parseRate('0.7')).toEqual({ ok: true, numerator: 7, denominator: 10 })
    expect(parseRate('０．７５')).toEqual({ ok: true, numerator: 3, denominator: 4 })
    expect(parseRate('.5')).toEqual({ ok: true, numerator: 1, denominator: 2 })
    expect(parseRate('1')).toEqual({ ok: true, numerator: 1, denominator: 1 })
    expect(parseRate('0.70000')).toEqual({ ok: true, numerator: 7, denominator: 10 })
    expect(parseRate('2/3')).toEqual({ ok: true, numerator: 2, denominator: 3 })
    expect(parseRate('1.5')).toEqual({ ok: false, reason: 'too_large' })
    expect(parseRate('1.0001')).toEqual({ ok: false, reason: 'too_large' })
    expect(parseRate('4/3')).toEqual({ ok: false, reason: 'too_large' })
    expect(parseRate('0.12345')).toEqual({ ok: false, reason: 'too_precise' })
    for (const bad of ['abc', '', '.', '-0.5', '0.7割', '1/0', '0,7'])
      expect(parseRate(bad)).toMatchObject({ ok: false })
    expect([rateDecimalText(7, 10), rateDecimalText(3, 4), rateDecimalText(1, 1), rateDecimalText(2, 3)]).toEqual([
      '0.7',
      '0.75',
      '1',
      '2/3',
    ])
  })
})

describe('funding rules administration', () => {
  let ministry: string
  let ministryAdmin: string

  beforeAll(async () => {
    ministry = (await loginAs(services, { role: 'ministry_staff', displayName: '総務 太郎' })).cookie
    ministryAdmin = (await loginAs(services, { role: 'ministry_admin', displayName: '総務 花子' })).cookie
  })

  it('lists the six seeded measures, each with its years, method, caps and citation', async () => {
    const { rules } = await listLoader(routeArgs(services, '/admin/funding-rules', { cookie: ministry }))
    expect(rules.map((r) => [r.id, r.scheme, r.method, r.period, r.version])).toEqual([
      ['A0', '特別交付税', '0.7（7割）', '〜令和6年度', 1],
      ['A1', '普通交付税', '780万円／人', '令和7年度〜終期の定めなし', 1],
      ['A2', '特別交付税', '0.7（7割）', '〜令和11年度', 1],
      ['B1', '特別交付税', '0.7（7割）', '令和6年度〜令和7年度', 1],
      ['B2', '特別交付税', '0.7（7割）', '〜令和7年度', 1],
      ['C1', '特別交付税', '0.7（7割）', '〜令和7年度', 1],
    ])
    const b1 = rules.find((r) => r.id === 'B1')!
    expect(b1).toMatchObject({
      personsCap: '1団体3人まで',
      eligibleCostCap: 'なし',
      source: '002:435-450; 000:833-834',
    })
    expect(rules.find((r) => r.id === 'B2')!.eligibleCostCap).toBe('100万円（1団体・1年度あたり）')
    expect(rules.every((r) => r.summary.length > 0 && r.name.length > 0)).toBe(true)
  })

  it('shows a measure in full: conditions, open points, item rules, caps, and its one version', async () => {
    const page = await measureLoader(measureArgs(ministry, 'B2'))
    expect(page.rule).toMatchObject({ id: 'B2', version: 1, toFy: 2025 })
    expect(page.rule.openPoints).toHaveLength(1)
    expect(page.history).toEqual([
      expect.objectContaining({ version: 1, createdBy: null, changeNote: '資料に基づく初期ルール', changes: [] }),
    ])
    expect(page.simpleDefaults).toMatchObject({
      methodType: 'rate',
      rate: '0.7',
      fromFy: '',
      toFy: '2025',
      eligibleCostCap: '1000000',
      eligibleCostCapSource: '002:443',
      personsCap: '',
    })
    // The editor holds the rule without its id and version (the page's and the server's).
    const json = JSON.parse(page.ruleJson) as Record<string, unknown>
    expect(json).not.toHaveProperty('id')
    expect(json).not.toHaveProperty('version')
    expect(json.items).toEqual(page.rule.items)
    expect(await thrownResponse(() => measureLoader(measureArgs(ministry, 'Z9')))).toMatchObject({ status: 404 })
    expect(await thrownResponse(() => measureLoader(measureArgs(ministry, 'b1')))).toMatchObject({ status: 404 })
  })

  it('extends B1 to 令和9年度: version 2, audited, in the history, and the engine counts FY2026', async () => {
    // Before: FY2026 is after B1's last year (令和7年度), so the row waits for a decision.
    const before = await b1RowFor2026()
    expect(before).toMatchObject({ status: 'needs_confirmation', amount: 0, proposedAmount: 840_000 })
    expect(before.reason).toContain('期間外')

    const saved = await postMeasure(
      ministry,
      'B1',
      await simpleForm(ministry, 'B1', {
        toFy: '2027',
        periodNoteAfter: '令和9年度まで延長されました。それ以降の延長は記載がありません',
        changeNote: '令和8年度の通知で令和9年度まで延長',
      }),
    )
    expect(saved).toMatchObject({ status: 302, location: '/admin/funding-rules/B1' })
    expect(await versionsOf('B1')).toEqual([1, 2])

    const page = await measureLoader(measureArgs(ministry, 'B1'))
    expect(page.rule).toMatchObject({ version: 2, fromFy: 2024, toFy: 2027 })
    // Only what the form changed: the rate, the persons cap and every item rule are version 1's.
    const v1 = (await loadFundingRules(db())).find((r) => r.id === 'B1' && r.version === 1)!
    expect(page.rule.method).toEqual(v1.method)
    expect(page.rule.caps).toEqual(v1.caps)
    expect(page.rule.items).toEqual(v1.items)
    expect(page.history.map((h) => [h.version, h.createdBy, h.changeNote])).toEqual([
      [2, '総務 太郎', '令和8年度の通知で令和9年度まで延長'],
      [1, null, '資料に基づく初期ルール'],
    ])
    expect(page.history[0]!.changes).toEqual([
      { label: '終了年度', from: '令和7年度', to: '令和9年度' },
      { label: '期間外の注記' },
    ])
    const audit = await db()
      .selectFrom('audit_log')
      .select(['entity', 'action', 'entity_id', 'before', 'after'])
      .where('entity', '=', 'funding_rule')
      .execute()
    expect(audit).toEqual([
      {
        entity: 'funding_rule',
        action: 'new_version',
        entity_id: 'B1@2',
        before: { version: 1 },
        after: { version: 2, from_fy: 2024, to_fy: 2027, method: '7/10' },
      },
    ])
    const { rules } = await listLoader(routeArgs(services, '/admin/funding-rules', { cookie: ministry }))
    expect(rules.find((r) => r.id === 'B1')).toMatchObject({ version: 2, period: '令和6年度〜令和9年度' })

    // After: the same placement is eligible for FY2026 at 0.7.
    expect(await b1RowFor2026()).toMatchObject({ status: 'eligible', amount: 840_000 })
  })

  it('refuses a stale form with 409, writes nothing, and keeps what was typed', async () => {
    // Loaded at version 2; another editor saves version 3 first.
    const stale = await simpleForm(ministryAdmin, 'B1', { rate: '0.5', changeNote: '率を0.5に戻す' })
    const first = await postMeasure(
      ministry,
      'B1',
      await simpleForm(ministry, 'B1', { toFy: '2028', changeNote: '令和10年度まで' }),
    )
    expect(first.status).toBe(302)
    expect(await versionsOf('B1')).toEqual([1, 2, 3])

    const refused = await postMeasure(ministryAdmin, 'B1', stale)
    expect(refused.status).toBe(409)
    expect(refused.error['']![0]).toContain('ほかの職員がこの措置の版3を登録しました')
    const body = refused.body as { currentVersion: number; result: { initialValue: Record<string, unknown> } }
    expect(body.currentVersion).toBe(3)
    expect(body.result.initialValue).toMatchObject({ rate: '0.5', changeNote: '率を0.5に戻す' })
    expect(await versionsOf('B1')).toEqual([1, 2, 3])

    // The JSON editor loaded at version 1 is stale too; nothing is written.
    const page = await measureLoader(measureArgs(ministry, 'B1'))
    const json = {
      intent: 'json',
      baseVersion: '1',
      ruleJson: page.ruleJson,
      changeNote: '古い画面から',
    }
    const staleJson = await postMeasure(ministry, 'B1', json)
    expect(staleJson.status).toBe(409)
    expect((staleJson.body as { result: { initialValue: Record<string, unknown> } }).result.initialValue).toMatchObject(
      {
        changeNote: '古い画面から',
      },
    )
    expect(await versionsOf('B1')).toEqual([1, 2, 3])
    expect(await db().selectFrom('audit_log').select('id').where('entity', '=', 'funding_rule').execute()).toHaveLength(
      2,
    )

    // Two editors saving on the same version at once: one becomes version 4, the other is told of it.
    const [a, b] = await Promise.all([
      simpleForm(ministry, 'B1', { toFy: '2029', changeNote: '同時に保存（1）' }),
      simpleForm(ministryAdmin, 'B1', { toFy: '2030', changeNote: '同時に保存（2）' }),
    ])
    const both = await Promise.all([postMeasure(ministry, 'B1', a), postMeasure(ministryAdmin, 'B1', b)])
    expect(both.map((r) => r.status).sort()).toEqual([302, 409])
    expect(await versionsOf('B1')).toEqual([1, 2, 3, 4])
  })

  it('answers each bad simple-form field in Japanese at the field, and saves nothing', async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ rate: '1.5' }, 'rate', '措置率は1以下にしてください（例: 0.7）'],
      [{ rate: 'abc' }, 'rate', '措置率は0から1までの小数で入力してください（例: 0.7）'],
      [
        { rate: '0.12345' },
        'rate',
        '措置率は小数第4位までで入力してください（割り切れない率は 2/3 のように分数で入力できます）',
      ],
      [{ rate: '' }, 'rate', '措置率を入力してください（例: 0.7）'],
      [{ fromFy: '2026', toFy: '2025' }, 'toFy', '終了年度は開始年度と同じか、それより後の年度にしてください'],
      [{ toFy: 'x' }, 'toFy', '終了年度は一覧から選んでください'],
      [{ changeNote: '' }, 'changeNote', '変更理由を入力してください'],
      [{ changeNote: 'あ'.repeat(501) }, 'changeNote', '変更理由は500文字以内で入力してください'],
      [{ personsCap: '0' }, 'personsCap', '人数の上限は1以上の整数で入力してください'],
      [{ personsCapSource: '' }, 'personsCapSource', '人数の上限の出典を入力してください（例: 002:450）'],
      [{ personsCapSource: '第3条' }, 'personsCapSource', '出典は「002:398-405」の形で入力してください'],
      [{ eligibleCostCap: '-5' }, 'eligibleCostCap', '対象経費の上限額にマイナスの金額は入力できません'],
      [{ summary: '' }, 'summary', '概要を入力してください'],
    ]
    for (const [changes, field, message] of cases) {
      const form = await simpleForm(ministry, 'B1', { changeNote: '試し', ...changes })
      const result = await postMeasure(ministry, 'B1', form)
      expect({ changes, status: result.status, errors: result.error[field] }).toEqual({
        changes,
        status: 400,
        errors: [message],
      })
    }
    // A1 has a unit amount, not a rate; it began in 令和7年度, so its start cannot be cleared here.
    const unit = await postMeasure(
      ministry,
      'A1',
      await simpleForm(ministry, 'A1', { unitAmount: '780万', changeNote: '試し' }),
    )
    expect(unit.error.unitAmount).toEqual(['単価は1円単位の数字で入力してください（例: 7800000）'])
    const start = await postMeasure(
      ministry,
      'A1',
      await simpleForm(ministry, 'A1', { fromFy: '', changeNote: '試し' }),
    )
    expect(start.status).toBe(400)
    expect(start.error.fromFy![0]).toContain('開始年度は空欄にできません')
    expect(await versionsOf('B1')).toEqual([1, 2, 3, 4])
    expect(await versionsOf('A1')).toEqual([1])
  })

  it('changes a unit amount and a rate exactly (7,800,000円 → 8,000,000円; 0.7 → 0.75 as 3/4)', async () => {
    const a1 = await postMeasure(
      ministry,
      'A1',
      await simpleForm(ministry, 'A1', { unitAmount: '8,000,000', changeNote: '単価の改定' }),
    )
    expect(a1.status).toBe(302)
    expect((await measureLoader(measureArgs(ministry, 'A1'))).rule.method).toEqual({
      type: 'per_person',
      amount: 8_000_000,
    })
    const c1 = await postMeasure(
      ministry,
      'C1',
      await simpleForm(ministry, 'C1', { rate: '0.75', changeNote: '率の改定' }),
    )
    expect(c1.status).toBe(302)
    const page = await measureLoader(measureArgs(ministry, 'C1'))
    expect(page.rule.method).toEqual({ type: 'rate', numerator: 3, denominator: 4 })
    expect(page.history[0]!.changes).toEqual([{ label: '措置の方法', from: '0.7（7割）', to: '0.75' }])
  })

  it('the JSON editor: bad JSON, schema errors and a changed id are refused with Japanese messages', async () => {
    const post = async (form: Record<string, string>) => postMeasure(ministry, 'B2', form)

    const syntax = await post({
      ...(await jsonForm(ministry, 'B2', () => {}, '試し')),
      ruleJson: '{\n  "name": "x",\n}',
    })
    expect(syntax.status).toBe(400)
    expect(syntax.error.ruleJson).toEqual([
      'JSONとして読み取れません: 3行目の1文字目あたり（かっこ { } [ ]、カンマ、二重引用符 " を確認してください）',
    ])

    const schema = await post(
      await jsonForm(
        ministry,
        'B2',
        (rule) => {
          rule.summary = ''
          rule.method = { type: 'rate', numerator: 11, denominator: 10 }
          rule.scheme = 'kokko'
          ;(rule.items as Array<Record<string, unknown>>)[0]!.note = ''
          delete rule.source
          rule.extra = true
        },
        '試し',
      ),
    )
    expect(schema.status).toBe(400)
    expect(schema.error.ruleJson).toEqual(
      expect.arrayContaining([
        '概要（summary）: 入力してください',
        '措置の方法（method）: 措置率は1以下です',
        expect.stringMatching(/^交付税の種類（scheme）: /),
        '経費の扱い（items › 1番目 › note）: 入力してください',
        '出典（source）: この項目がありません（必須です）',
        expect.stringMatching(/^ルール全体: .*extra/),
      ]),
    )
    expect(schema.error.ruleJson!.every((message) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(message))).toBe(true)

    const renamed = await post(await jsonForm(ministry, 'B2', (rule) => (rule.id = 'B9'), '試し'))
    expect(renamed.status).toBe(400)
    expect(renamed.error.ruleJson![0]).toMatch(/^措置のID（id）は変更できません（この措置は「B2」です/)

    const unknown = await post(
      await jsonForm(
        ministry,
        'B2',
        (rule) => (rule.yieldsTo = [{ measure: 'Q7', reason: '試し', source: '002:1' }]),
        '試し',
      ),
    )
    expect(unknown.status).toBe(400)
    expect(unknown.error.ruleJson).toEqual(['Q7 という措置はありません'])

    const noNote = await post(await jsonForm(ministry, 'B2', () => {}))
    expect(noNote.error.changeNote).toEqual(['変更理由を入力してください'])
    expect(await versionsOf('B2')).toEqual([1])

    // A structural change saves as the next version, named in the history.
    const saved = await post(
      await jsonForm(
        ministry,
        'B2',
        (rule) => {
          ;(rule.openPoints as unknown[]).push({
            when: { employment: ['contract'] },
            reason: '業務委託で確保する場合の募集経費の扱いを確認中です',
            source: '002:443',
          })
          rule.id = 'B2'
          rule.version = 99
        },
        '要確認の論点を追加',
      ),
    )
    expect(saved).toMatchObject({ status: 302, location: '/admin/funding-rules/B2' })
    const page = await measureLoader(measureArgs(ministry, 'B2'))
    expect(page.rule.version).toBe(2)
    expect(page.rule.openPoints).toHaveLength(2)
    expect(page.history[0]!.changes).toEqual([{ label: '詳細編集: 要確認とする場合' }])
  })

  it('adds a measure from the template; an existing id is refused at the id field', async () => {
    const page = await newLoader(routeArgs(services, '/admin/funding-rules/new', { cookie: ministry }))
    expect(page.id).toBe('X1')
    expect(page.baseId).toBe('A2')
    const template = JSON.parse(page.ruleJson) as Record<string, unknown>
    expect(template).toMatchObject({ name: '（新しい措置の名称を入力してください）', scheme: 'tokubetsu', toFy: 2029 })
    const post = (form: Record<string, string>) =>
      answer(() => newAction(routeArgs(services, '/admin/funding-rules/new', { cookie: ministry, form })))
    const named = JSON.stringify({ ...template, name: '市町村支援のデジタル人材（試行）', toFy: 2027 }, null, 2)

    const placeholder = await post({ id: 'X1', ruleJson: page.ruleJson, changeNote: '試行の措置' })
    expect(placeholder.error.ruleJson).toEqual(['名称（name）を新しい措置の名称に書き換えてください'])
    const taken = await post({ id: 'A2', ruleJson: named, changeNote: '試行の措置' })
    expect(taken.status).toBe(400)
    expect(taken.error.id).toEqual([
      '措置「A2」はすでにあります。別のIDにするか、その措置のページで新しい版を登録してください',
    ])
    const badId = await post({ id: 'x-1', ruleJson: named, changeNote: '試行の措置' })
    expect(badId.error.id).toEqual([
      '措置のIDは英大文字で始まる、英大文字と数字の10文字以内にしてください（例: X1、D2）',
    ])
    const mismatch = await post({
      id: 'X1',
      ruleJson: JSON.stringify({ ...template, id: 'X2' }),
      changeNote: '試行の措置',
    })
    expect(mismatch.error.ruleJson![0]).toMatch(/^JSONの id（"X2"）が「措置のID」欄（X1）と違います/)
    expect(await versionsOf('A2')).toEqual([1])
    expect(await versionsOf('X1')).toEqual([])

    const created = await post({ id: 'X1', ruleJson: named, changeNote: '試行の措置' })
    expect(created).toMatchObject({ status: 302, location: '/admin/funding-rules/X1' })
    const x1 = await measureLoader(measureArgs(ministry, 'X1'))
    expect(x1.rule).toMatchObject({ id: 'X1', version: 1, name: '市町村支援のデジタル人材（試行）', toFy: 2027 })
    expect(x1.history).toEqual([
      expect.objectContaining({ version: 1, changeNote: '試行の措置', createdBy: '総務 太郎' }),
    ])
    const { rules } = await listLoader(routeArgs(services, '/admin/funding-rules', { cookie: ministry }))
    expect(rules.map((r) => r.id)).toEqual(['A0', 'A1', 'A2', 'B1', 'B2', 'C1', 'X1'])
    expect(rules.at(-1)).toMatchObject({ id: 'X1', version: 1, period: '〜令和9年度' })
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'funding_rule')
      .where('entity_id', '=', 'X1@1')
      .execute()
    expect(audit).toEqual([{ action: 'create', entity_id: 'X1@1' }])
    // The next suggestion is the next free id; the same id again is refused.
    expect((await newLoader(routeArgs(services, '/admin/funding-rules/new', { cookie: ministry }))).id).toBe('X2')
    const again = await post({ id: 'X1', ruleJson: named, changeNote: '二度目' })
    expect(again.error.id).toHaveLength(1)
    expect(await versionsOf('X1')).toEqual([1])
  })

  it('prefecture staff, municipal staff and professionals get 403 on every page and post; anonymous must log in', async () => {
    const versionsBefore = await db().selectFrom('funding_rule').select('measure').execute()
    for (const role of ['prefecture_staff', 'prefecture_admin', 'municipal_staff', 'professional'] as const) {
      const { cookie } = await loginAs(services, { role })
      const extend = { intent: 'simple', baseVersion: '3', toFy: '2030', rate: '0.7', summary: 'x', changeNote: 'x' }
      const calls: Array<() => Promise<unknown>> = [
        () => listLoader(routeArgs(services, '/admin/funding-rules', { cookie })),
        () => measureLoader(measureArgs(cookie, 'B1')),
        () => measureAction(measureArgs(cookie, 'B1', extend)),
        () => newLoader(routeArgs(services, '/admin/funding-rules/new', { cookie })),
        () =>
          newAction(
            routeArgs(services, '/admin/funding-rules/new', {
              cookie,
              form: { id: 'X9', ruleJson: '{}', changeNote: 'x' },
            }),
          ),
      ]
      for (const call of calls)
        expect({ role, status: (await thrownResponse(call)).status }).toEqual({ role, status: 403 })
    }
    const anonymous = await answer(() =>
      measureLoader(routeArgs(services, '/admin/funding-rules/B1', { params: { measure: 'B1' } })),
    )
    expect(anonymous.status).toBe(302)
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=/)
    expect(await db().selectFrom('funding_rule').select('measure').execute()).toHaveLength(versionsBefore.length)
  })
})
