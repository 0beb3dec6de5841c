// Joining a pool again after 見送り (declined): applying on the applications page and expressing interest in
// an open call are the same application (db/queries/pools.ts joinPool), and both reopen the same membership
// as 応募 with the history saying so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDemoContent } from '../../app/models/demo-content.server'
import { action as applicationsAction } from '../../app/routes/applications/route'
import { action as openCallAction } from '../../app/routes/open-calls.$id/route'
import { action as memberAction, loader as memberLoader } from '../../app/routes/pools.$memberId/route'
import type { Services } from '../../app/services.server'
import { createProfile, createUser, loginAs } from '../factories'
import { createTestServices, routeArgs } from '../services'

let services: Services
let staff: string
let needId: string
beforeAll(async () => {
  services = await createTestServices()
  const db = services.database.db
  // The demo content publishes one open call of 広島県 through the real models.
  await createUser(db, { email: 'akiota@demo.dx500.example.jp', role: 'municipal_staff', municipalityCode: '343684' })
  await createUser(db, { email: 'hiroshima@demo.dx500.example.jp', role: 'prefecture_staff', prefectureCode: '34' })
  await ensureDemoContent(services)
  needId = (await db.selectFrom('need').select('id').where('status', '=', 'published').executeTakeFirstOrThrow()).id
  staff = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).cookie
})
afterAll(async () => {
  await services?.close()
})

/** A professional with a profile who applied to 広島県 and was declined by its staff; returns the member id. */
async function declinedApplicant(familyName: string) {
  const professional = await loginAs(services, { role: 'professional' })
  const profileId = await createProfile(services.database.db, professional.user.id, { familyName })
  const applied = (await applicationsAction(
    routeArgs(services, '/applications', { cookie: professional.cookie, form: { prefectureCode: '34' } }),
  )) as Response
  expect(applied.status).toBe(302)
  const { id: memberId, lock_version } = await services.database.db
    .selectFrom('pool_member')
    .select(['id', 'lock_version'])
    .where('profile_id', '=', profileId)
    .where('prefecture_code', '=', '34')
    .executeTakeFirstOrThrow()
  const declined = (await memberAction(
    routeArgs(services, `/pools/${memberId}`, {
      cookie: staff,
      params: { memberId },
      form: { to: 'declined', lockVersion: String(lock_version) },
    }),
  )) as Response
  expect(declined.status).toBe(302)
  const member = await memberLoader(routeArgs(services, `/pools/${memberId}`, { cookie: staff, params: { memberId } }))
  expect(member.statusLabel).toBe('見送り')
  return { professional, memberId }
}

async function membershipsOf(userId: string) {
  return services.database.db
    .selectFrom('pool_member')
    .innerJoin('profile', 'profile.id', 'pool_member.profile_id')
    .select(['pool_member.id', 'pool_member.status', 'pool_member.application_message'])
    .where('profile.user_id', '=', userId)
    .execute()
}

describe('joining a pool again after being declined', () => {
  it('applying again reopens the declined membership as 応募', async () => {
    const { professional, memberId } = await declinedApplicant('再応募')
    const again = (await applicationsAction(
      routeArgs(services, '/applications', {
        cookie: professional.cookie,
        form: { prefectureCode: '34', message: '研修を終えました' },
      }),
    )) as Response
    expect(again.status).toBe(302)
    expect(await membershipsOf(professional.user.id)).toEqual([
      { id: memberId, status: 'applied', application_message: '研修を終えました' },
    ])
    const member = await memberLoader(
      routeArgs(services, `/pools/${memberId}`, { cookie: staff, params: { memberId } }),
    )
    expect(member.statusLabel).toBe('応募')
    expect(member.history.at(-1)).toMatchObject({ from: '見送り', to: '応募', note: '再応募' })
  })

  it('expressing interest in an open call reopens the declined membership as 応募, linked to the need', async () => {
    const { professional, memberId } = await declinedApplicant('関心再応募')
    const interested = (await openCallAction(
      routeArgs(services, `/open-calls/${needId}`, {
        cookie: professional.cookie,
        params: { id: needId },
        form: { message: '標準化の経験があります' },
      }),
    )) as Response
    expect(interested.status).toBe(302)
    expect(await membershipsOf(professional.user.id)).toEqual([
      { id: memberId, status: 'applied', application_message: '標準化の経験があります' },
    ])
    const member = await memberLoader(
      routeArgs(services, `/pools/${memberId}`, { cookie: staff, params: { memberId } }),
    )
    expect(member.statusLabel).toBe('応募')
    expect(member.history.at(-1)).toMatchObject({ from: '見送り', to: '応募' })
    expect(member.history.at(-1)!.note).toContain('（再応募）')
    const interest = await services.database.db
      .selectFrom('need_interest')
      .select(['need_id', 'pool_member_id'])
      .where('pool_member_id', '=', memberId)
      .execute()
    expect(interest).toEqual([{ need_id: needId, pool_member_id: memberId }])
  })
})
