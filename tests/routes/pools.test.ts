// Prefectural pools through the real routes: a professional applies (sharing the profile with that
// prefecture), staff move the member through the screening steps, history and audit keep every step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as applicationsAction, loader as applicationsLoader } from '../../app/routes/applications/route'
import { action as memberAction, loader as memberLoader } from '../../app/routes/pools.$memberId/route'
import { loader as poolLoader } from '../../app/routes/pools._index/route'
import { loader as poolCsvLoader } from '../../app/routes/pools.export[.]csv'
import type { Services } from '../../app/services.server'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { searchProfiles } from '../../search/queries/profiles'
import { createProfile, loginAs } from '../factories'
import { createTestServices, createUnreachableSearchClient, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
beforeAll(async () => {
  services = await createTestServices()
})
afterAll(async () => {
  await services?.close()
})

async function drain() {
  for (let i = 0; i < 10; i++)
    if ((await drainSearchOutboxOnce({ db: services.database.db, search: services.search })).claimed === 0) return
}

describe('applying to a pool and screening', () => {
  let professional: Awaited<ReturnType<typeof loginAs>>
  let profileId: string
  let memberId: string
  let hiroshimaStaff: string
  let tokyoStaff: string

  beforeAll(async () => {
    professional = await loginAs(services, { role: 'professional' })
    hiroshimaStaff = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).cookie
    tokyoStaff = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '13' })).cookie
  })

  it('asks for a profile before applying', async () => {
    const result = unwrap(
      await applicationsAction(
        routeArgs(services, '/applications', { cookie: professional.cookie, form: { prefectureCode: '34' } }),
      ),
    )
    expect(result.status).toBe(400)
    expect(JSON.stringify(result.body)).toContain('プロフィールの基本情報を登録してください')
  })

  it('applies once; the application shares the (otherwise private) profile with that prefecture only', async () => {
    profileId = await createProfile(services.database.db, professional.user.id, {
      familyName: '応募',
      visibility: 'none',
    })
    const applied = (await applicationsAction(
      routeArgs(services, '/applications', {
        cookie: professional.cookie,
        form: { prefectureCode: '34', message: '週2日で支援できます' },
      }),
    )) as Response
    expect(applied.status).toBe(302)
    const again = unwrap(
      await applicationsAction(
        routeArgs(services, '/applications', { cookie: professional.cookie, form: { prefectureCode: '34' } }),
      ),
    )
    expect(JSON.stringify(again.body)).toContain('広島県にはすでに応募しています')
    const mine = await applicationsLoader(routeArgs(services, '/applications', { cookie: professional.cookie }))
    expect(mine.applications).toMatchObject([{ prefectureName: '広島県', statusLabel: '応募' }])
    memberId = mine.applications[0]!.id

    await drain()
    expect((await searchProfiles(services.search, { kind: 'prefecture', prefectureCode: '34' }, {})).ids).toContain(
      profileId,
    )
    expect((await searchProfiles(services.search, { kind: 'prefecture', prefectureCode: '13' }, {})).ids).not.toContain(
      profileId,
    )
  })

  it("shows the member to its prefecture only (another prefecture's staff get 404 by id)", async () => {
    const pool = await poolLoader(routeArgs(services, '/pools', { cookie: hiroshimaStaff }))
    expect(pool.members.map((m) => m.id)).toContain(memberId)
    expect(pool.counts.find((c) => c.status === 'applied')?.count).toBe(1)
    const tokyoPool = await poolLoader(routeArgs(services, '/pools', { cookie: tokyoStaff }))
    expect(tokyoPool.members.map((m) => m.id)).not.toContain(memberId)
    const probe = await thrownResponse(() =>
      memberLoader(routeArgs(services, `/pools/${memberId}`, { cookie: tokyoStaff, params: { memberId } })),
    )
    expect(probe.status).toBe(404)
    const write = await thrownResponse(() =>
      memberAction(
        routeArgs(services, `/pools/${memberId}`, {
          cookie: tokyoStaff,
          params: { memberId },
          form: { to: 'screening', lockVersion: '0' },
        }),
      ),
    )
    expect(write.status).toBe(404)
  })

  it('moves only along the screening steps, refuses stale edits, and keeps the history', async () => {
    const step = async (to: string, note = '') => {
      const member = await memberLoader(
        routeArgs(services, `/pools/${memberId}`, { cookie: hiroshimaStaff, params: { memberId } }),
      )
      return memberAction(
        routeArgs(services, `/pools/${memberId}`, {
          cookie: hiroshimaStaff,
          params: { memberId },
          form: { to, note, lockVersion: String(member.lockVersion) },
        }),
      )
    }
    const skip = unwrap(await step('registered'))
    expect(skip.status).toBe(400)
    expect(JSON.stringify(skip.body)).toContain('「応募」から「登録」には変更できません')

    expect(((await step('screening', '書類は揃っている')) as Response).status).toBe(302)
    const stale = unwrap(
      await memberAction(
        routeArgs(services, `/pools/${memberId}`, {
          cookie: hiroshimaStaff,
          params: { memberId },
          form: { to: 'interview', lockVersion: '0' },
        }),
      ),
    )
    expect(stale.status).toBe(409)
    for (const to of ['interview', 'training', 'registered']) expect(((await step(to)) as Response).status).toBe(302)

    const member = await memberLoader(
      routeArgs(services, `/pools/${memberId}`, { cookie: hiroshimaStaff, params: { memberId } }),
    )
    expect(member.statusLabel).toBe('登録')
    expect(member.history.map((e) => e.to)).toEqual(['応募', '書類確認', '面接', '研修', '登録'])
    expect(member.history[1]?.note).toBe('書類は揃っている')
    const audit = await services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', memberId)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'apply',
      'change_status',
      'change_status',
      'change_status',
      'change_status',
    ])
  })

  it('records the interview schedule and training (with field errors in Japanese), audited', async () => {
    const before = await memberLoader(
      routeArgs(services, `/pools/${memberId}`, { cookie: hiroshimaStaff, params: { memberId } }),
    )
    const saved = (await memberAction(
      routeArgs(services, `/pools/${memberId}`, {
        cookie: hiroshimaStaff,
        params: { memberId },
        form: {
          intent: 'interview',
          interviewAt: '2026-12-01T10:00',
          interviewPlace: '県庁本館3階',
          notes: '技術面接',
          lockVersion: String(before.lockVersion),
        },
      }),
    )) as Response
    expect(saved.status).toBe(302)
    const badTraining = unwrap(
      await memberAction(
        routeArgs(services, `/pools/${memberId}`, {
          cookie: hiroshimaStaff,
          params: { memberId },
          form: { intent: 'training', title: '', completedOn: '2026/12/01' },
        }),
      ),
    )
    expect(badTraining.status).toBe(400)
    expect((badTraining.body as { result: { error?: Record<string, string[] | null> } }).result.error).toMatchObject({
      title: ['研修名を入力してください'],
      completedOn: ['修了日の形式が正しくありません'],
    })
    const training = (await memberAction(
      routeArgs(services, `/pools/${memberId}`, {
        cookie: hiroshimaStaff,
        params: { memberId },
        form: { intent: 'training', title: '行政実務研修', provider: '自治大学校', completedOn: '2026-11-20' },
      }),
    )) as Response
    expect(training.status).toBe(302)
    const after = await memberLoader(
      routeArgs(services, `/pools/${memberId}`, { cookie: hiroshimaStaff, params: { memberId } }),
    )
    expect(after.interviewAt).toBe('2026-12-01T01:00:00.000Z') // 10:00 in Japan
    expect(after.interviewPlace).toBe('県庁本館3階')
    expect(after.trainings).toEqual([
      expect.objectContaining({ title: '行政実務研修', provider: '自治大学校', completedOn: '2026-11-20' }),
    ])
    const stale = unwrap(
      await memberAction(
        routeArgs(services, `/pools/${memberId}`, {
          cookie: hiroshimaStaff,
          params: { memberId },
          form: { intent: 'interview', interviewPlace: 'x', lockVersion: String(before.lockVersion) },
        }),
      ),
    )
    expect(stale.status).toBe(409)
    const audit = await services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', memberId)
      .where('action', 'in', ['update', 'add_training'])
      .execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['add_training', 'update'])
  })

  it("exports the pool as Excel-ready CSV, only the viewer's prefecture", async () => {
    const response = (await poolCsvLoader(
      routeArgs(services, '/pools/export.csv', { cookie: hiroshimaStaff }),
    )) as Response
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text).toContain('氏名')
    expect(text).toContain('応募 太郎')
    expect(text).toContain('行政実務研修（2026-11-20 修了）')
    const tokyo = await (
      (await poolCsvLoader(routeArgs(services, '/pools/export.csv', { cookie: tokyoStaff }))) as Response
    ).text()
    expect(tokyo).not.toContain('応募 太郎')
  })

  it('filters the pool by skill level and working style through the consent-scoped index', async () => {
    await services.database.db.transaction().execute(async (trx) => {
      await trx.insertInto('profile_skill').values({ profile_id: profileId, skill_id: 'bpr', level: 3 }).execute()
      await trx
        .updateTable('profile')
        .set({ employment_forms: ['contract'], remote_ok: true })
        .where('id', '=', profileId)
        .execute()
      await enqueueSearchSync(trx, 'profile', [profileId])
    })
    await drain()
    const ids = async (query: string, search = services.search) => {
      const page = await poolLoader(routeArgs({ ...services, search }, `/pools${query}`, { cookie: hiroshimaStaff }))
      return { ids: page.members.map((m) => m.id), searchUnavailable: page.searchUnavailable }
    }
    expect((await ids('?skillId=bpr&minLevel=3')).ids).toEqual([memberId])
    expect((await ids('?skillId=bpr&minLevel=4')).ids).toEqual([])
    expect((await ids('?employmentForm=contract&remoteOk=on')).ids).toEqual([memberId])
    expect((await ids('?employmentForm=part_time')).ids).toEqual([])
    // Nonsense parameters are ignored, never a 500.
    expect((await ids('?skillId=%22%20OR%201&minLevel=9')).ids).toEqual([memberId])
    // Search down: the pool still opens, unfiltered, and says why.
    const down = createUnreachableSearchClient()
    expect(await ids('?skillId=bpr&minLevel=4', down)).toEqual({ ids: [memberId], searchUnavailable: true })
    down.close()
  })

  it("asks the index for the pool's own members only, not everyone in the country who matches", async () => {
    // Someone with the same skill, shared with every prefecture, who is in no pool.
    const outsider = await loginAs(services, { role: 'professional' })
    const outsiderProfile = await createProfile(services.database.db, outsider.user.id, { visibility: 'all' })
    await services.database.db.transaction().execute(async (trx) => {
      await trx.insertInto('profile_skill').values({ profile_id: outsiderProfile, skill_id: 'bpr', level: 3 }).execute()
      await enqueueSearchSync(trx, 'profile', [outsiderProfile])
    })
    await drain()
    const hiroshima = { kind: 'prefecture', prefectureCode: '34' } as const
    const everyone = await searchProfiles(services.search, hiroshima, { skillId: 'bpr', minLevel: 3 })
    expect(everyone.ids).toEqual(expect.arrayContaining([profileId, outsiderProfile]))
    const pool = await searchProfiles(services.search, hiroshima, { skillId: 'bpr', minLevel: 3, poolCode: '34' })
    expect(pool.ids).toEqual([profileId])
    await expect(searchProfiles(services.search, hiroshima, { poolCode: '34 OR x' })).rejects.toThrow()
  })

  it("lets the ministry read pools nationally but not change a prefecture's pool (it runs only the national list)", async () => {
    const ministry = (await loginAs(services, { role: 'ministry_staff' })).cookie
    const member = await memberLoader(
      routeArgs(services, `/pools/${memberId}`, { cookie: ministry, params: { memberId } }),
    )
    expect(member.nextStatuses).toEqual([])
    const write = await thrownResponse(() =>
      memberAction(
        routeArgs(services, `/pools/${memberId}`, {
          cookie: ministry,
          params: { memberId },
          form: { to: 'withdrawn', lockVersion: '0' },
        }),
      ),
    )
    // Outside the one pool the ministry runs: not found, like any row out of scope.
    expect(write.status).toBe(404)
  })

  it("refuses to withdraw someone else's application by its id, and leaves it as it was", async () => {
    const staffView = () =>
      memberLoader(routeArgs(services, `/pools/${memberId}`, { cookie: hiroshimaStaff, params: { memberId } }))
    const before = await staffView()
    const other = await loginAs(services, { role: 'professional' })
    await createProfile(services.database.db, other.user.id)
    const probe = await thrownResponse(() =>
      applicationsAction(
        routeArgs(services, '/applications', { cookie: other.cookie, form: { intent: 'withdraw', memberId } }),
      ),
    )
    expect(probe.status).toBe(404)
    const after = await staffView()
    expect(after.statusLabel).toBe(before.statusLabel)
    expect(after.statusLabel).not.toBe('辞退')
    expect(after.history).toEqual(before.history)
    await drain()
    expect((await searchProfiles(services.search, { kind: 'prefecture', prefectureCode: '34' }, {})).ids).toContain(
      profileId,
    )
  })

  it('lets the professional withdraw (the prefecture loses sight of the profile) and apply again', async () => {
    const withdrawn = (await applicationsAction(
      routeArgs(services, '/applications', { cookie: professional.cookie, form: { intent: 'withdraw', memberId } }),
    )) as Response
    expect(withdrawn.status).toBe(302)
    await drain()
    expect((await searchProfiles(services.search, { kind: 'prefecture', prefectureCode: '34' }, {})).ids).not.toContain(
      profileId,
    )

    expect(
      (
        (await applicationsAction(
          routeArgs(services, '/applications', { cookie: professional.cookie, form: { prefectureCode: '34' } }),
        )) as Response
      ).status,
    ).toBe(302)
    const member = await memberLoader(
      routeArgs(services, `/pools/${memberId}`, { cookie: hiroshimaStaff, params: { memberId } }),
    )
    expect(member.statusLabel).toBe('応募')
    expect(member.history.at(-1)).toMatchObject({ from: '辞退', to: '応募', note: '再応募' })
  })

  it('refuses the pages to roles without access', async () => {
    const municipal = (await loginAs(services, { role: 'municipal_staff' })).cookie
    expect((await thrownResponse(() => poolLoader(routeArgs(services, '/pools', { cookie: municipal })))).status).toBe(
      403,
    )
    expect(
      (await thrownResponse(() => applicationsLoader(routeArgs(services, '/applications', { cookie: hiroshimaStaff }))))
        .status,
    ).toBe(403)
  })
})
