// Partner companies: the ministry keeps the national list; prefectures read it; changes are audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as editAction, loader as editLoader } from '../../app/routes/partners.$id/route'
import { loader as listLoader } from '../../app/routes/partners._index/route'
import type { Services } from '../../app/services.server'
import { isValidCorporateNumber } from '../../app/utils/partner-company-validation'
import { loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
let ministry: string
beforeAll(async () => {
  services = await createTestServices({ indexed: false })
  ministry = (await loginAs(services, { role: 'ministry_staff' })).cookie
})
afterAll(async () => {
  await services?.close()
})

const form = (overrides: Record<string, string> = {}) => ({
  name: '株式会社デジタル推進',
  nameKana: 'でじたるすいしん',
  corporateNumber: '7000012050002',
  contactName: '佐藤 花子',
  contactEmail: 'sato@example.co.jp',
  active: 'on',
  ...overrides,
})

describe('partner companies', () => {
  it('validates 法人番号 by its check digit', () => {
    expect(isValidCorporateNumber('7000012050002')).toBe(true) // 国税庁
    expect(isValidCorporateNumber('8000012050002')).toBe(false)
    expect(isValidCorporateNumber('700001205000')).toBe(false)
  })

  it('the ministry registers and edits companies; a stale edit is refused; every change is audited', async () => {
    const created = (await editAction(
      routeArgs(services, '/partners/new', { cookie: ministry, params: { id: 'new' }, form: form() }),
    )) as Response
    expect(created.status).toBe(302)
    const list = await listLoader(routeArgs(services, '/partners', { cookie: ministry }))
    const company = list.companies[0]!
    expect(company).toMatchObject({ name: '株式会社デジタル推進', corporate_number: '7000012050002' })
    expect(list.canEdit).toBe(true)

    const edited = (await editAction(
      routeArgs(services, `/partners/${company.id}`, {
        cookie: ministry,
        params: { id: company.id },
        form: form({ lockVersion: '0', contactName: '鈴木 一郎' }),
      }),
    )) as Response
    expect(edited.status).toBe(302)
    const stale = unwrap(
      await editAction(
        routeArgs(services, `/partners/${company.id}`, {
          cookie: ministry,
          params: { id: company.id },
          form: form({ lockVersion: '0' }),
        }),
      ),
    )
    expect(stale.status).toBe(409)

    const audit = await services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'partner_company')
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['create', 'update'])
  })

  it('answers bad input on the field in Japanese (check digit, duplicate 法人番号, e-mail, URL)', async () => {
    const errorsOf = async (fields: Record<string, string>) =>
      (
        unwrap(
          await editAction(
            routeArgs(services, '/partners/new', { cookie: ministry, params: { id: 'new' }, form: form(fields) }),
          ),
        ).body as { result: { error: Record<string, string[]> } }
      ).result.error
    expect((await errorsOf({ corporateNumber: '8000012050002' })).corporateNumber?.[0]).toContain(
      '法人番号（13桁）が正しくありません',
    )
    expect((await errorsOf({})).corporateNumber).toEqual(['この法人番号の企業はすでに登録されています'])
    expect((await errorsOf({ corporateNumber: '', contactEmail: 'not-mail' })).contactEmail?.[0]).toContain(
      'メールアドレスの形式',
    )
    expect((await errorsOf({ corporateNumber: '', website: 'javascript:alert(1)' })).website?.[0]).toContain('http')
    expect((await errorsOf({ name: '' })).name).toEqual(['企業名を入力してください'])
  })

  it('prefectures read the list but cannot edit; others are refused', async () => {
    const prefecture = (await loginAs(services, { role: 'prefecture_staff' })).cookie
    const list = await listLoader(routeArgs(services, '/partners', { cookie: prefecture }))
    expect(list.companies.length).toBeGreaterThan(0)
    expect(list.canEdit).toBe(false)
    expect(
      (
        await thrownResponse(() =>
          editLoader(routeArgs(services, '/partners/new', { cookie: prefecture, params: { id: 'new' } })),
        )
      ).status,
    ).toBe(403)
    const professional = (await loginAs(services, { role: 'professional' })).cookie
    expect(
      (await thrownResponse(() => listLoader(routeArgs(services, '/partners', { cookie: professional })))).status,
    ).toBe(403)
  })
})
