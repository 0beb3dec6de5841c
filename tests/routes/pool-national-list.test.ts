// 国の外部人材リスト (the ministry's pool '00') and 人材像 counts, through the real routes. Prefectures see only
// people who are 登録, whose profile consents to the national list and is shared with that prefecture — in
// the page, the CSV and search — and can add them to their own pool once; withdrawing consent removes them at
// once. (Every combination is in consent-table.test.ts.)
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as nationalAction, loader as nationalLoader } from '../../app/routes/national-list._index/route'
import { loader as nationalCsvLoader } from '../../app/routes/national-list.export[.]csv'
import { action as memberAction, loader as memberLoader } from '../../app/routes/pools.$memberId/route'
import { loader as poolLoader } from '../../app/routes/pools._index/route'
import { action as addAction } from '../../app/routes/pools.new/route'
import { loader as poolCsvLoader } from '../../app/routes/pools.export[.]csv'
import { action as consentAction } from '../../app/routes/profile.consent/route'
import { getPoolRoleCounts } from '../../app/models/pool.server'
import type { Services } from '../../app/services.server'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { searchProfiles } from '../../search/queries/profiles'
import { createProfile, loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
let ministry: Awaited<ReturnType<typeof loginAs>>
let hiroshima: Awaited<ReturnType<typeof loginAs>>
let tokyo: string
beforeAll(async () => {
  services = await createTestServices()
  ministry = await loginAs(services, { role: 'ministry_staff', displayName: '総務 担当' })
  hiroshima = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })
  tokyo = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '13' })).cookie
})
afterAll(async () => {
  await services?.close()
})

const db = () => services.database.db
async function drain() {
  for (let i = 0; i < 10; i++)
    if ((await drainSearchOutboxOnce({ db: db(), search: services.search })).claimed === 0) return
}
const memberPost = (memberId: string, form: Record<string, string | string[]>, cookie = ministry.cookie) =>
  memberAction(routeArgs(services, `/pools/${memberId}`, { cookie, params: { memberId }, form }))
const lockOf = async (id: string) =>
  String(
    (await db().selectFrom('pool_member').select('lock_version').where('id', '=', id).executeTakeFirstOrThrow())
      .lock_version,
  )

/** A professional with a profile on the national list (status as given). */
async function listed(
  familyName: string,
  { consent, status }: { consent: boolean; status: 'applied' | 'screening' | 'registered' },
) {
  const pro = await loginAs(services, { role: 'professional' })
  // Shared with 広島県 only: 東京都 must not see them, on the national list or anywhere else.
  const profileId = await createProfile(db(), pro.user.id, { familyName, visibility: 'selected', prefectures: ['34'] })
  await db().updateTable('profile').set({ national_list_consent: consent }).where('id', '=', profileId).execute()
  const memberId = crypto.randomUUID()
  await db()
    .insertInto('pool_member')
    .values({ id: memberId, prefecture_code: '00', profile_id: profileId, status, source: 'public_call' })
    .execute()
  return { pro, profileId, memberId }
}

describe('the ministry runs the national list with the pool pages', () => {
  let consented: Awaited<ReturnType<typeof listed>>

  it('moves a person through screening with training to 登録; direct additions go to pool 00', async () => {
    consented = await listed('同意', { consent: true, status: 'applied' })
    for (const to of ['screening', 'interview', 'training']) {
      expect(
        ((await memberPost(consented.memberId, { to, lockVersion: await lockOf(consented.memberId) })) as Response)
          .status,
      ).toBe(302)
    }
    await memberPost(consented.memberId, {
      intent: 'training',
      title: '行政実務研修',
      provider: '自治大学校',
      completedOn: '2026-10-30',
    })
    await memberPost(consented.memberId, { to: 'registered', lockVersion: await lockOf(consented.memberId) })
    const page = await memberLoader(
      routeArgs(services, `/pools/${consented.memberId}`, {
        cookie: ministry.cookie,
        params: { memberId: consented.memberId },
      }),
    )
    expect(page).toMatchObject({
      statusLabel: '登録',
      canUpdate: true,
      nationalList: true,
      poolLabel: '国の外部人材リスト',
    })
    // Audit rows of the national list are national (no prefecture).
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'prefecture_code'])
      .where('entity_id', '=', consented.memberId)
      .execute()
    expect(audit.length).toBeGreaterThanOrEqual(5)
    expect(audit.every((a) => a.prefecture_code === null)).toBe(true)

    const direct = (await addAction(
      routeArgs(services, '/pools/new', {
        cookie: ministry.cookie,
        form: { name: '直接 登録', email: 'direct@example.jp', source: 'public_call' },
      }),
    )) as Response
    const directId = direct.headers.get('Location')!.split('/').pop()!
    await db().updateTable('pool_member').set({ status: 'registered' }).where('id', '=', directId).execute()

    const list = await poolLoader(routeArgs(services, '/pools?pool=national', { cookie: ministry.cookie }))
    expect(list).toMatchObject({ nationalList: true, canManage: true })
    expect(list.members.map((m) => m.name).sort()).toEqual(['同意 太郎', '直接 登録'].sort())
    const csv = await (
      (await poolCsvLoader(
        routeArgs(services, '/pools/export.csv?pool=national', { cookie: ministry.cookie }),
      )) as Response
    ).text()
    expect(csv).toContain('直接 登録')
    expect(csv).toContain('行政実務研修（2026-10-30 修了）')
    // A prefecture's staff cannot open or change a national-list member.
    expect(
      (
        await thrownResponse(() =>
          memberLoader(
            routeArgs(services, `/pools/${directId}`, { cookie: hiroshima.cookie, params: { memberId: directId } }),
          ),
        )
      ).status,
    ).toBe(404)
    expect(
      (await thrownResponse(() => memberPost(directId, { to: 'withdrawn', lockVersion: '0' }, hiroshima.cookie)))
        .status,
    ).toBe(404)
  })

  it('prefectures see only registered, consented people with a profile — in the page, the CSV and search', async () => {
    const noConsent = await listed('不同意', { consent: false, status: 'registered' })
    const screening = await listed('選考中', { consent: true, status: 'screening' })
    const shared = await nationalLoader(routeArgs(services, '/national-list', { cookie: hiroshima.cookie }))
    expect(shared.members.map((m) => m.name)).toEqual(['同意 太郎'])
    expect(shared.members[0]).toMatchObject({
      trainings: [{ title: '行政実務研修', completedOn: '2026-10-30' }],
      ownMemberId: null,
    })
    expect(shared.canAddToOwnPool).toBe(true)
    const csv = await (
      (await nationalCsvLoader(
        routeArgs(services, '/national-list/export.csv', { cookie: hiroshima.cookie }),
      )) as Response
    ).text()
    expect(csv).toContain('同意 太郎')
    for (const hidden of ['不同意', '選考中', '直接 登録']) expect(csv).not.toContain(hidden)
    // Search: a national-list membership shares nothing with a prefecture the person did not choose.
    await drain()
    const found = (await searchProfiles(services.search, { kind: 'prefecture', prefectureCode: '13' }, {})).ids
    expect(found).not.toContain(noConsent.profileId)
    expect(found).not.toContain(screening.profileId)
    // Adding someone not shown is "not found".
    expect(
      (
        await thrownResponse(() =>
          nationalAction(
            routeArgs(services, '/national-list', { cookie: hiroshima.cookie, form: { memberId: noConsent.memberId } }),
          ),
        )
      ).status,
    ).toBe(404)
    // Municipal staff and professionals have no access.
    const municipal = (await loginAs(services, { role: 'municipal_staff' })).cookie
    expect(
      (await thrownResponse(() => nationalLoader(routeArgs(services, '/national-list', { cookie: municipal })))).status,
    ).toBe(403)
  })

  it('adds a listed person to the own pool once (source 国のリスト, same profile), and 広島県 can then find them', async () => {
    const added = (await nationalAction(
      routeArgs(services, '/national-list', { cookie: hiroshima.cookie, form: { memberId: consented.memberId } }),
    )) as Response
    expect(added.status).toBe(302)
    const ownId = added.headers.get('Location')!.split('/').pop()!
    const row = await db().selectFrom('pool_member').selectAll().where('id', '=', ownId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      prefecture_code: '34',
      profile_id: consented.profileId,
      source: 'national_list',
      status: 'applied',
    })
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'prefecture_code'])
      .where('entity_id', '=', ownId)
      .executeTakeFirstOrThrow()
    expect(audit).toEqual({ action: 'add_from_national_list', prefecture_code: '34' })

    const again = unwrap(
      await nationalAction(
        routeArgs(services, '/national-list', { cookie: hiroshima.cookie, form: { memberId: consented.memberId } }),
      ),
    )
    expect(again.status).toBe(409)
    expect((again.body as { error: string }).error).toContain('すでに広島県の人材プールにいます')
    expect(
      (await nationalLoader(routeArgs(services, '/national-list', { cookie: hiroshima.cookie }))).members[0],
    ).toMatchObject({ ownMemberId: ownId, ownStatusLabel: '応募' })
    // The person shared the profile with 広島県 only: 東京都 does not see them on the list, nor can copy them.
    expect((await nationalLoader(routeArgs(services, '/national-list', { cookie: tokyo }))).members).toEqual([])
    expect(
      (
        await thrownResponse(() =>
          nationalAction(
            routeArgs(services, '/national-list', { cookie: tokyo, form: { memberId: consented.memberId } }),
          ),
        )
      ).status,
    ).toBe(404)

    await drain()
    expect((await searchProfiles(services.search, { kind: 'prefecture', prefectureCode: '34' }, {})).ids).toContain(
      consented.profileId,
    )
    expect((await searchProfiles(services.search, { kind: 'prefecture', prefectureCode: '13' }, {})).ids).not.toContain(
      consented.profileId,
    )
  })

  it('withdrawing consent removes the person from the prefectures’ list and CSV at once', async () => {
    const withdrawn = await consentAction(
      routeArgs(services, '/profile/consent', {
        cookie: consented.pro.cookie,
        form: { lockVersion: '0', visibility: 'none' },
      }),
    )
    expect((withdrawn as Response).status).toBe(302)
    expect((await nationalLoader(routeArgs(services, '/national-list', { cookie: hiroshima.cookie }))).members).toEqual(
      [],
    )
    const csv = await (
      (await nationalCsvLoader(
        routeArgs(services, '/national-list/export.csv', { cookie: hiroshima.cookie }),
      )) as Response
    ).text()
    expect(csv).not.toContain('同意 太郎')
    // 広島県's copy keeps its own record (name, status) but no longer the person's e-mail.
    const ownId = (
      await db()
        .selectFrom('pool_member')
        .select('id')
        .where('profile_id', '=', consented.profileId)
        .where('prefecture_code', '=', '34')
        .executeTakeFirstOrThrow()
    ).id
    const copy = await memberLoader(
      routeArgs(services, `/pools/${ownId}`, { cookie: hiroshima.cookie, params: { memberId: ownId } }),
    )
    expect(copy).toMatchObject({ name: '同意 太郎', statusLabel: '応募', email: null, profileShared: false })
    // The ministry still runs its own list in full.
    expect(
      (await poolLoader(routeArgs(services, '/pools?pool=national', { cookie: ministry.cookie }))).members.map(
        (m) => m.name,
      ),
    ).toContain('同意 太郎')
  })
})

describe('人材像 (target roles): set on a member, filter and count', () => {
  it('sets roles with validation and audit; filters the list; counts role × status with 人材像未設定', async () => {
    const cookie = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '01' })).cookie
    const add = async (name: string) => {
      const response = (await addAction(
        routeArgs(services, '/pools/new', { cookie, form: { name, source: 'referral' } }),
      )) as Response
      return response.headers.get('Location')!.split('/').pop()!
    }
    const [a, b, c] = [await add('役割 一'), await add('役割 二'), await add('役割 三')]
    const page = await memberLoader(routeArgs(services, `/pools/${a}`, { cookie, params: { memberId: a } }))
    expect(page.roleOptions.map((r) => r.value)).toEqual(
      expect.arrayContaining(['producer', 'project-manager', 'engineer']),
    )

    const bad = unwrap(await memberPost(a, { intent: 'roles', roleIds: ['no-such-role'], lockVersion: '0' }, cookie))
    expect(bad.status).toBe(400)
    expect((bad.body as { result: { error?: Record<string, string[] | null> } }).result.error?.roleIds).toEqual([
      '人材像はスキル標準の一覧から選択してください',
    ])
    expect(
      (
        (await memberPost(
          a,
          { intent: 'roles', roleIds: ['engineer', 'producer'], lockVersion: '0' },
          cookie,
        )) as Response
      ).status,
    ).toBe(302)
    expect(
      ((await memberPost(b, { intent: 'roles', roleIds: ['engineer'], lockVersion: '0' }, cookie)) as Response).status,
    ).toBe(302)
    await memberPost(b, { to: 'screening', lockVersion: await lockOf(b) }, cookie)
    // A stale form loses (optimistic locking).
    expect(
      unwrap(await memberPost(c, { intent: 'roles', roleIds: ['engineer'], lockVersion: '5' }, cookie)).status,
    ).toBe(409)

    expect(
      (await memberLoader(routeArgs(services, `/pools/${a}`, { cookie, params: { memberId: a } }))).targetRoles.map(
        (r) => r.value,
      ),
    ).toEqual(['producer', 'engineer'])
    const audit = await db()
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity_id', '=', a)
      .where('action', '=', 'update_target_roles')
      .executeTakeFirstOrThrow()
    expect(audit).toEqual({ before: { target_role_ids: [] }, after: { target_role_ids: ['producer', 'engineer'] } })

    const names = async (query: string) =>
      (await poolLoader(routeArgs(services, `/pools${query}`, { cookie }))).members.map((m) => m.name).sort()
    expect(await names('?roleId=engineer')).toEqual(['役割 一', '役割 二'])
    expect(await names('?roleId=producer')).toEqual(['役割 一'])
    expect(await names('?roleId=none')).toEqual(['役割 三'])
    expect(await names('?roleId=engineer&status=screening')).toEqual(['役割 二'])

    const { roleCounts } = await poolLoader(routeArgs(services, '/pools', { cookie }))
    const col = (status: string) => roleCounts.statuses.findIndex((s) => s.status === status)
    const row = (roleId: string) => roleCounts.rows.find((r) => r.roleId === roleId)!
    expect(row('engineer').counts[col('applied')]).toBe(1)
    expect(row('engineer').counts[col('screening')]).toBe(1)
    expect(row('engineer').total).toBe(2)
    expect(row('producer').total).toBe(1)
    expect(row('none')).toMatchObject({ label: '人材像未設定', total: 1 })
    // Scoped: 北海道's members are not counted for 広島県 (through the model call the dashboard will use).
    const forDashboard = await getPoolRoleCounts(
      { services, requestInfo: { id: 't', ip: '203.0.113.10' } } as never,
      (await db()
        .selectFrom('app_user')
        .selectAll()
        .where('id', '=', hiroshima.user.id)
        .executeTakeFirstOrThrow()) as never,
    )
    expect(forDashboard.rows.find((r) => r.roleId === 'engineer')!.total).toBe(0)
  })
})
