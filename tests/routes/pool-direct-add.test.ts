// Adding people to a pool directly, with duplicate detection (same e-mail, or same name and birth year).
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader as poolCsvLoader } from '../../app/routes/pools.export[.]csv'
import { action as memberAction, loader as memberLoader } from '../../app/routes/pools.$memberId/route'
import { loader as poolLoader } from '../../app/routes/pools._index/route'
import { action as addAction } from '../../app/routes/pools.new/route'
import type { Services } from '../../app/services.server'
import { createProfile, loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
let staff: string
beforeAll(async () => {
  services = await createTestServices({ indexed: false })
  staff = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).cookie
})
afterAll(async () => {
  await services?.close()
})

const add = (form: Record<string, string>, cookie = staff) =>
  addAction(routeArgs(services, '/pools/new', { cookie, form }))

describe('adding people to a pool directly', () => {
  it('validates on the field in Japanese', async () => {
    const result = unwrap(
      await add({ name: '', nameKana: 'ヤマダ', email: 'nope', birthYear: '1890', source: 'referral' }),
    )
    expect(result.status).toBe(400)
    expect((result.body as { fieldErrors: Record<string, string[]> }).fieldErrors).toMatchObject({
      name: ['氏名を入力してください'],
      nameKana: ['ふりがなはひらがなで入力してください'],
      email: ['メールアドレスの形式が正しくありません'],
      birthYear: ['生年は1930〜2015の西暦で入力してください'],
    })
    const noCompany = unwrap(await add({ name: '推薦 花子', source: 'company_recommendation' }))
    expect((noCompany.body as { fieldErrors: Record<string, string[]> }).fieldErrors.partnerCompanyId).toEqual([
      '推薦した企業を選択してください',
    ])
  })

  it('adds a person, warns about possible duplicates before adding them again, and adds after confirmation', async () => {
    const created = (await add({
      name: '佐藤 次郎',
      nameKana: 'さとう じろう',
      email: 'jiro@example.jp',
      birthYear: '1980',
      source: 'referral',
      note: '県OBの紹介',
    })) as Response
    expect(created.status).toBe(302)
    const memberId = created.headers.get('Location')!.split('/').pop()!
    const member = await memberLoader(
      routeArgs(services, `/pools/${memberId}`, { cookie: staff, params: { memberId } }),
    )
    expect(member).toMatchObject({
      name: '佐藤 次郎',
      kana: 'さとう じろう',
      email: 'jiro@example.jp',
      registered: false,
      statusLabel: '応募',
    })
    expect(member.history[0]?.note).toBe('直接登録（紹介）')

    // Same e-mail in another case: a possible duplicate.
    const byEmail = unwrap(await add({ name: '別名', email: 'JIRO@example.jp', source: 'referral' }))
    expect(byEmail.status).toBe(409)
    expect((byEmail.body as { duplicates: Array<{ id: string }> }).duplicates.map((d) => d.id)).toEqual([memberId])
    // Same name (spacing aside) and birth year: also.
    const byName = unwrap(await add({ name: '佐藤次郎', birthYear: '1980', source: 'national_list' }))
    expect((byName.body as { duplicates: Array<{ id: string }> }).duplicates.map((d) => d.id)).toEqual([memberId])
    // Same name, another birth year: a different person.
    expect(((await add({ name: '佐藤次郎', birthYear: '1990', source: 'national_list' })) as Response).status).toBe(302)
    // Confirmed: added anyway, and the audit says so.
    expect(
      ((await add({ name: '佐藤次郎', birthYear: '1980', source: 'national_list', confirmed: 'yes' })) as Response)
        .status,
    ).toBe(302)
    const audit = await services.database.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity', '=', 'pool_member')
      .where('action', '=', 'create')
      .execute()
    expect(audit.map((a) => (a.after as { duplicate_confirmed: boolean }).duplicate_confirmed).sort()).toEqual([
      false,
      false,
      true,
    ])
  })

  it('also finds a registered applicant with the same e-mail', async () => {
    const professional = await loginAs(services, { role: 'professional' })
    const profileId = await createProfile(services.database.db, professional.user.id, { familyName: '応募者' })
    await services.database.db
      .insertInto('pool_member')
      .values({
        id: crypto.randomUUID(),
        prefecture_code: '34',
        profile_id: profileId,
        status: 'applied',
        source: 'application',
      })
      .execute()
    const result = unwrap(await add({ name: '応募者 太郎', email: `${profileId}@example.jp`, source: 'referral' }))
    expect(result.status).toBe(409)
  })

  it('lists direct members like applicants, in the page and the CSV; other prefectures and roles are kept out', async () => {
    const pool = await poolLoader(routeArgs(services, '/pools', { cookie: staff }))
    expect(pool.members.map((m) => m.name)).toContain('佐藤 次郎')
    const csv = await (
      (await poolCsvLoader(routeArgs(services, '/pools/export.csv', { cookie: staff }))) as Response
    ).text()
    expect(csv).toContain('佐藤 次郎')
    expect(csv).toContain('紹介')
    const tokyo = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '13' })).cookie
    expect(
      (await poolLoader(routeArgs(services, '/pools', { cookie: tokyo }))).members.map((m) => m.name),
    ).not.toContain('佐藤 次郎')
    // Ministry staff add to the national list (pool '00'), never to a prefecture's pool.
    const ministry = (await loginAs(services, { role: 'ministry_staff' })).cookie
    const national = (await add({ name: '国 選考', source: 'referral' }, ministry)) as Response
    expect(national.status).toBe(302)
    const nationalId = national.headers.get('Location')!.split('/').pop()!
    const row = await services.database.db
      .selectFrom('pool_member')
      .select('prefecture_code')
      .where('id', '=', nationalId)
      .executeTakeFirstOrThrow()
    expect(row.prefecture_code).toBe('00')
    expect(
      (await poolLoader(routeArgs(services, '/pools', { cookie: staff }))).members.map((m) => m.name),
    ).not.toContain('国 選考')
    const municipal = (await loginAs(services, { role: 'municipal_staff' })).cookie
    expect((await thrownResponse(() => add({ name: 'x', source: 'referral' }, municipal))).status).toBe(403)
  })
})

describe('merging duplicates', () => {
  it('merges a directly added person into the registered applicant, moving history and training', async () => {
    const professional = await loginAs(services, { role: 'professional' })
    const profileId = await createProfile(services.database.db, professional.user.id, { familyName: '統合' })
    const registeredId = crypto.randomUUID()
    await services.database.db
      .insertInto('pool_member')
      .values({
        id: registeredId,
        prefecture_code: '34',
        profile_id: profileId,
        status: 'applied',
        source: 'application',
      })
      .execute()
    const direct = (await add({
      name: '統合 予定',
      email: `${profileId}@example.jp`,
      source: 'referral',
      note: '企業から紹介',
      confirmed: 'yes',
    })) as Response
    const directId = direct.headers.get('Location')!.split('/').pop()!
    await memberAction(
      routeArgs(services, `/pools/${directId}`, {
        cookie: staff,
        params: { memberId: directId },
        form: { intent: 'training', title: '行政実務研修' },
      }),
    )

    const page = await memberLoader(
      routeArgs(services, `/pools/${directId}`, { cookie: staff, params: { memberId: directId } }),
    )
    expect(page.possibleDuplicates.map((d) => d.id)).toEqual([registeredId])

    // Another prefecture cannot reach either record.
    const tokyo = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '13' })).cookie
    expect(
      (
        await thrownResponse(() =>
          memberAction(
            routeArgs(services, `/pools/${directId}`, {
              cookie: tokyo,
              params: { memberId: directId },
              form: { intent: 'merge', otherId: registeredId },
            }),
          ),
        )
      ).status,
    ).toBe(404)

    const merged = (await memberAction(
      routeArgs(services, `/pools/${directId}`, {
        cookie: staff,
        params: { memberId: directId },
        form: { intent: 'merge', otherId: registeredId },
      }),
    )) as Response
    expect(merged.status).toBe(302)
    expect(merged.headers.get('Location')).toBe(`/pools/${registeredId}`) // the registered record is kept
    const kept = await memberLoader(
      routeArgs(services, `/pools/${registeredId}`, { cookie: staff, params: { memberId: registeredId } }),
    )
    expect(kept.trainings.map((t) => t.title)).toEqual(['行政実務研修'])
    expect(kept.history.map((e) => e.note)).toEqual(
      expect.arrayContaining(['直接登録（紹介）', expect.stringContaining('を統合')]),
    )
    expect(kept.notes).toContain('企業から紹介')
    expect(
      (
        await thrownResponse(() =>
          memberLoader(routeArgs(services, `/pools/${directId}`, { cookie: staff, params: { memberId: directId } })),
        )
      ).status,
    ).toBe(404)
    const audit = await services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', registeredId)
      .where('action', '=', 'merge')
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('refuses to merge two registered accounts', async () => {
    const ids: string[] = []
    for (const name of ['二重', '二重']) {
      const professional = await loginAs(services, { role: 'professional' })
      const profileId = await createProfile(services.database.db, professional.user.id, { familyName: name })
      const id = crypto.randomUUID()
      await services.database.db
        .insertInto('pool_member')
        .values({ id, prefecture_code: '34', profile_id: profileId, status: 'applied', source: 'application' })
        .execute()
      ids.push(id)
    }
    const refused = unwrap(
      await memberAction(
        routeArgs(services, `/pools/${ids[0]}`, {
          cookie: staff,
          params: { memberId: ids[0]! },
          form: { intent: 'merge', otherId: ids[1]! },
        }),
      ),
    )
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain('2人とも本人がアカウントを登録しているため統合できません')
  })
})
