// Accelerator appointments (任命) through the real routes on real Postgres: a prefecture nominates a registered
// member of its own pool with the evidence (each bad field answered in Japanese), the ministry returns it, the
// prefecture resubmits, the ministry appoints (numbered per 年度 without gaps, even when an appointment fails or
// several run at once), the person's placements become an appointed accelerator's (what the funding engine reads),
// the notice prints for the right people only, and the appointment ends. Scope and permissions for every role,
// history and audit for every step, and malformed input on every route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as caseAction, loader as caseLoader } from '../../app/routes/appointments.$id/route'
import { action as editAction, loader as editLoader } from '../../app/routes/appointments.$id_.edit/route'
import { loader as noticeLoader } from '../../app/routes/appointments.$id_.notice/route'
import { loader as listLoader } from '../../app/routes/appointments._index/route'
import { action as newAction, loader as newLoader } from '../../app/routes/appointments.new/route'
import { loader as memberLoader } from '../../app/routes/pools.$memberId/route'
import type { Services } from '../../app/services.server'
import { listPlacementsForFunding } from '../../db/queries/placements'
import { createPlacement, createProfile, loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
const db = () => services.database.db

beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(async () => {
  await services?.close()
})

type Reply = { result: { error?: Record<string, string[] | null> }; errors: string[] }
/** A form action's answer: the conform reply and the page's messages. */
const reply = (response: unknown) => unwrap(response as { data: Reply })
const location = (response: unknown) => (response as Response).headers.get('Location')
const idFrom = (response: unknown) => location(response)!.split('/').pop()!
const CHECKLIST = {
  experience: 'on',
  skills: 'on',
  training: 'on',
  placement_form: 'on',
  main_duty: 'on',
}

async function poolMember(prefecture: string, status: 'registered' | 'applied', profileId: string | null = null) {
  const id = crypto.randomUUID()
  await db()
    .insertInto('pool_member')
    .values({
      id,
      prefecture_code: prefecture,
      status,
      source: 'referral',
      person_name: profileId ? null : `${prefecture} 直接登録`,
      profile_id: profileId,
    })
    .execute()
  return id
}

async function caseRow(id: string) {
  return db().selectFrom('accelerator_appointment').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

async function audit(id: string) {
  return (
    await db()
      .selectFrom('audit_log')
      .select(['action', 'prefecture_code'])
      .where('entity', '=', 'accelerator_appointment')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute()
  ).map((r) => r.action)
}

describe('accelerator appointments', () => {
  let hiroshima: string
  let okayama: string
  let ministry: string
  let professional: { cookie: string; email: string }
  let otherProfessional: string
  let memberId: string
  let directMemberId: string
  let appliedMemberId: string
  let okayamaMemberId: string
  let experienceId: string
  let placementId: string
  let caseId: string
  let roleId: string

  beforeAll(async () => {
    hiroshima = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).cookie
    okayama = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '33' })).cookie
    ministry = (await loginAs(services, { role: 'ministry_staff' })).cookie
    const person = await loginAs(services, { role: 'professional' })
    professional = { cookie: person.cookie, email: person.user.email }
    otherProfessional = (await loginAs(services, { role: 'professional' })).cookie
    const profileId = await createProfile(db(), person.user.id, { familyName: '任命', visibility: 'all' })
    experienceId = crypto.randomUUID()
    await db()
      .insertInto('profile_experience')
      .values({
        id: experienceId,
        profile_id: profileId,
        organization: '株式会社サンプル',
        title: '情報システム部長',
        started_on: '2015-04-01',
        description: '基幹システムの刷新を主導',
        skill_ids: ['bpr'],
      })
      .execute()
    await db().insertInto('profile_skill').values({ profile_id: profileId, skill_id: 'bpr', level: 3 }).execute()
    memberId = await poolMember('34', 'registered', profileId)
    directMemberId = await poolMember('34', 'registered')
    appliedMemberId = await poolMember('34', 'applied')
    okayamaMemberId = await poolMember('33', 'registered')
    await db()
      .insertInto('training_record')
      .values({ id: crypto.randomUUID(), pool_member_id: memberId, title: '自治大学校 DX研修', provider: '自治大学校' })
      .execute()
    placementId = await createPlacement(db(), {
      poolMemberId: memberId,
      profileId,
      personName: '任命 太郎',
      employment: 'full_time',
      appointedAccelerator: false,
    })
  })

  it('offers the nomination from the pool record of a registered member, with the evidence the pool holds', async () => {
    const member = await memberLoader(
      routeArgs(services, `/pools/${memberId}`, { cookie: hiroshima, params: { memberId } }),
    )
    expect(member.accelerator).toEqual({ cases: [], canNominate: true })
    const applied = await memberLoader(
      routeArgs(services, `/pools/${appliedMemberId}`, { cookie: hiroshima, params: { memberId: appliedMemberId } }),
    )
    expect(applied.accelerator?.canNominate).toBe(false)

    const page = await newLoader(routeArgs(services, `/appointments/new?member=${memberId}`, { cookie: hiroshima }))
    expect(page.problems).toEqual([])
    expect(page.experiences).toEqual([expect.objectContaining({ id: experienceId, organization: '株式会社サンプル' })])
    expect(page.skills).toEqual([expect.objectContaining({ level: 3 })])
    expect(page.trainings).toEqual([expect.objectContaining({ title: '自治大学校 DX研修' })])
    expect(page.placementOptions.map((p) => p.value)).toEqual([placementId])
    expect(page.roleOptions.length).toBeGreaterThan(0)
    roleId = page.roleOptions[0]!.value

    // Not registered yet: told why, no form.
    const notYet = await newLoader(
      routeArgs(services, `/appointments/new?member=${appliedMemberId}`, { cookie: hiroshima }),
    )
    expect(notYet.problems.join()).toContain('「登録」の状態の人')
  })

  it('refuses other prefectures, the ministry and professionals, and malformed links', async () => {
    expect(
      (
        await thrownResponse(() =>
          newLoader(routeArgs(services, `/appointments/new?member=${memberId}`, { cookie: okayama })),
        )
      ).status,
    ).toBe(404)
    expect(
      (
        await thrownResponse(() =>
          newLoader(routeArgs(services, `/appointments/new?member=${memberId}`, { cookie: ministry })),
        )
      ).status,
    ).toBe(403)
    expect(
      (
        await thrownResponse(() =>
          newLoader(routeArgs(services, `/appointments/new?member=${memberId}`, { cookie: professional.cookie })),
        )
      ).status,
    ).toBe(403)
    for (const query of ['', '?member=', '?member=abc', '?member=1%27%20or%201%3D1'])
      expect(
        (await thrownResponse(() => newLoader(routeArgs(services, `/appointments/new${query}`, { cookie: hiroshima }))))
          .status,
      ).toBe(400)
  })

  it('answers each bad field in Japanese and saves nothing', async () => {
    const empty = reply(
      await newAction(routeArgs(services, `/appointments/new?member=${memberId}`, { cookie: hiroshima, form: {} })),
    )
    expect(empty.status).toBe(400)
    const errors = empty.body.result.error!
    expect(errors.roleId).toEqual(['推薦する人材像を選択してください'])
    expect(errors.statement).toEqual(['推薦の理由を入力してください'])
    expect(errors.consent).toEqual(['本人の同意を得たことを確認してください'])
    // An experience exists but none was chosen as evidence.
    const noEvidence = reply(
      await newAction(
        routeArgs(services, `/appointments/new?member=${memberId}`, {
          cookie: hiroshima,
          form: { roleId, statement: '経験豊富', placementId, consent: 'on' },
        }),
      ),
    )
    expect(noEvidence.status).toBe(400)
    expect(noEvidence.body.result.error?.experienceIds).toEqual([
      '「一定の経験」の根拠になる職歴を1つ以上選んでください',
    ])
    // Another prefecture's placement or an unknown role is refused at the field.
    const foreign = reply(
      await newAction(
        routeArgs(services, `/appointments/new?member=${memberId}`, {
          cookie: hiroshima,
          form: {
            roleId: 'no-such-role',
            statement: 'x',
            experienceIds: experienceId,
            placementId: crypto.randomUUID(),
            consent: 'on',
          },
        }),
      ),
    )
    expect(foreign.body.result.error?.roleId).toEqual(['推薦する人材像を選択してください'])
    expect(await db().selectFrom('accelerator_appointment').select('id').execute()).toEqual([])
  })

  it('nominates with the evidence as sent, audited; one open case per person', async () => {
    const response = await newAction(
      routeArgs(services, `/appointments/new?member=${memberId}`, {
        cookie: hiroshima,
        form: {
          roleId,
          statement: '基幹システム刷新の経験があり、管内町村の共同調達を支援できる',
          experienceIds: experienceId,
          placementId,
          consent: 'on',
        },
      }),
    )
    expect(location(response)).toMatch(/^\/appointments\/[0-9a-f-]{36}$/)
    caseId = idFrom(response)
    const row = await caseRow(caseId)
    expect(row).toMatchObject({
      status: 'nominated',
      prefecture_code: '34',
      pool_member_id: memberId,
      placement_id: placementId,
    })
    expect(row.evidence.experiences).toEqual([expect.objectContaining({ id: experienceId, title: '情報システム部長' })])
    expect(row.evidence.skills).toEqual([expect.objectContaining({ skillId: 'bpr', level: 3 })])
    expect(row.evidence.trainings).toEqual([expect.objectContaining({ title: '自治大学校 DX研修' })])
    expect(await audit(caseId)).toEqual(['nominate'])

    const again = reply(
      await newAction(
        routeArgs(services, `/appointments/new?member=${memberId}`, {
          cookie: hiroshima,
          form: { roleId, statement: '二重', experienceIds: experienceId, placementId, consent: 'on' },
        }),
      ),
    )
    expect(again.status).toBe(409)
    expect(again.body.errors.join()).toContain('すでに審査中または任命中')
    // A member without a profile is nominated with the form and duty in words.
    const direct = await newAction(
      routeArgs(services, `/appointments/new?member=${directMemberId}`, {
        cookie: hiroshima,
        form: {
          roleId,
          statement: '自治体経験',
          plannedEmployment: 'part_time',
          plannedMainDuty: 'yes',
          consent: 'on',
        },
      }),
    )
    expect(location(direct)).toMatch(/^\/appointments\//)
    expect(await caseRow(idFrom(direct))).toMatchObject({
      planned_employment: 'part_time',
      planned_main_duty_municipal_support: true,
      placement_id: null,
    })
  })

  it('shows each viewer only the cases it may see', async () => {
    const okayamaCase = await newAction(
      routeArgs(services, `/appointments/new?member=${okayamaMemberId}`, {
        cookie: okayama,
        form: { roleId, statement: '岡山の推薦', plannedEmployment: 'contract', plannedMainDuty: 'no', consent: 'on' },
      }),
    )
    const okayamaCaseId = idFrom(okayamaCase)
    const ownList = await listLoader(routeArgs(services, '/appointments', { cookie: hiroshima }))
    expect(ownList.national).toBe(false)
    expect(ownList.rows.map((r) => r.prefectureName)).toEqual(['広島県', '広島県'])
    expect(JSON.stringify(ownList)).not.toContain('岡山の推薦')
    expect(ownList.prefectureOptions).toEqual([])
    const national = await listLoader(routeArgs(services, '/appointments?status=nominated', { cookie: ministry }))
    expect(national.rows).toHaveLength(3)
    expect(national.statusCounts.find((s) => s.value === 'nominated')?.count).toBe(3)
    // Another prefecture's case is not found; professionals and municipalities have no list.
    expect(
      (
        await thrownResponse(() =>
          caseLoader(
            routeArgs(services, `/appointments/${okayamaCaseId}`, { cookie: hiroshima, params: { id: okayamaCaseId } }),
          ),
        )
      ).status,
    ).toBe(404)
    expect(
      (await thrownResponse(() => listLoader(routeArgs(services, '/appointments', { cookie: professional.cookie }))))
        .status,
    ).toBe(403)
    // Unknown filters are ignored, never a 500.
    const odd = await listLoader(routeArgs(services, '/appointments?status=zzz&pref=99&q=%00', { cookie: ministry }))
    expect(odd.rows.length).toBeGreaterThan(0)
    for (const id of ['x', '00000000-0000-0000-0000-000000000000'])
      expect(
        (
          await thrownResponse(() =>
            caseLoader(routeArgs(services, `/appointments/${id}`, { cookie: ministry, params: { id } })),
          )
        ).status,
      ).toBe(404)
  })

  it('only the ministry decides; a return needs a comment and reaches the prefecture by mail', async () => {
    const page = await caseLoader(
      routeArgs(services, `/appointments/${caseId}`, { cookie: hiroshima, params: { id: caseId } }),
    )
    expect(page).toMatchObject({ canReview: false, canWithdraw: true, canEditNomination: true })
    const lockVersion = String(page.appointment.lockVersion)
    expect(
      (
        await thrownResponse(() =>
          caseAction(
            routeArgs(services, `/appointments/${caseId}`, {
              cookie: hiroshima,
              params: { id: caseId },
              form: { intent: 'appoint', lockVersion, appointedOn: '2025-09-01', ...CHECKLIST },
            }),
          ),
        )
      ).status,
    ).toBe(403)

    const review = await caseLoader(
      routeArgs(services, `/appointments/${caseId}`, { cookie: ministry, params: { id: caseId } }),
    )
    expect(review).toMatchObject({ canReview: true, canWithdraw: false })
    expect(review.appointment.evidence.experiences[0]?.organization).toBe('株式会社サンプル')
    const noComment = unwrap(
      await caseAction(
        routeArgs(services, `/appointments/${caseId}`, {
          cookie: ministry,
          params: { id: caseId },
          form: { intent: 'return', lockVersion, experience: 'on' },
        }),
      ),
    )
    expect(noComment.status).toBe(400)
    expect(noComment.body).toMatchObject({ fieldErrors: { comment: ['審査のコメントを入力してください'] } })
    const unknown = unwrap(
      await caseAction(
        routeArgs(services, `/appointments/${caseId}`, {
          cookie: ministry,
          params: { id: caseId },
          form: { intent: 'zap' },
        }),
      ),
    )
    expect(unknown.status).toBe(400)

    const returned = await caseAction(
      routeArgs(services, `/appointments/${caseId}`, {
        cookie: ministry,
        params: { id: caseId },
        form: { intent: 'return', lockVersion, experience: 'on', comment: '研修の修了日を添えてください' },
      }),
    )
    expect(location(returned)).toBe(`/appointments/${caseId}`)
    expect(await caseRow(caseId)).toMatchObject({ status: 'returned', review_comment: '研修の修了日を添えてください' })
    const mail = await db()
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject', 'body_text'])
      .where('template', '=', 'appointment_review')
      .execute()
    expect(mail.length).toBeGreaterThan(0)
    expect(mail[0]!.body_text).toContain('研修の修了日を添えてください')
  })

  it('the prefecture resubmits a returned case with a stale-form guard', async () => {
    const page = await editLoader(
      routeArgs(services, `/appointments/${caseId}/edit`, { cookie: hiroshima, params: { id: caseId } }),
    )
    expect(page.reviewComment).toBe('研修の修了日を添えてください')
    const form = {
      roleId: page.defaults.roleId,
      statement: `${page.defaults.statement}（研修は2025-06-30修了）`,
      experienceIds: experienceId,
      placementId,
      consent: 'on',
    }
    const stale = reply(
      await editAction(
        routeArgs(services, `/appointments/${caseId}/edit`, {
          cookie: hiroshima,
          params: { id: caseId },
          form: { ...form, lockVersion: String(page.lockVersion - 1) },
        }),
      ),
    )
    expect(stale.status).toBe(409)
    const saved = await editAction(
      routeArgs(services, `/appointments/${caseId}/edit`, {
        cookie: hiroshima,
        params: { id: caseId },
        form: { ...form, lockVersion: String(page.lockVersion) },
      }),
    )
    expect(location(saved)).toBe(`/appointments/${caseId}`)
    expect(await caseRow(caseId)).toMatchObject({ status: 'nominated' })
    expect(await audit(caseId)).toEqual(['nominate', 'return', 'resubmit'])
    expect(
      (
        await thrownResponse(() =>
          editLoader(routeArgs(services, `/appointments/${caseId}/edit`, { cookie: okayama, params: { id: caseId } })),
        )
      ).status,
    ).toBe(404)
  })

  it('appoints with every checklist item: numbered, the placements marked for the funding engine, the person told', async () => {
    const page = await caseLoader(
      routeArgs(services, `/appointments/${caseId}`, { cookie: ministry, params: { id: caseId } }),
    )
    const lockVersion = String(page.appointment.lockVersion)
    const partial = unwrap(
      await caseAction(
        routeArgs(services, `/appointments/${caseId}`, {
          cookie: ministry,
          params: { id: caseId },
          form: { intent: 'appoint', lockVersion, appointedOn: '2025-09-01', experience: 'on' },
        }),
      ),
    )
    expect(partial.status).toBe(400)
    expect(Object.keys((partial.body as { fieldErrors: object }).fieldErrors).sort()).toEqual(
      ['main_duty', 'placement_form', 'skills', 'training'].sort(),
    )
    // A failed appointment (stale form) takes no number.
    const stale = unwrap(
      await caseAction(
        routeArgs(services, `/appointments/${caseId}`, {
          cookie: ministry,
          params: { id: caseId },
          form: {
            intent: 'appoint',
            lockVersion: String(Number(lockVersion) + 5),
            appointedOn: '2025-09-01',
            ...CHECKLIST,
          },
        }),
      ),
    )
    expect(stale.status).toBe(409)
    expect(await db().selectFrom('appointment_number_counter').selectAll().execute()).toEqual([])

    const done = await caseAction(
      routeArgs(services, `/appointments/${caseId}`, {
        cookie: ministry,
        params: { id: caseId },
        form: { intent: 'appoint', lockVersion, appointedOn: '2025-09-01', termEndOn: '2027-03-31', ...CHECKLIST },
      }),
    )
    expect(location(done)).toBe(`/appointments/${caseId}`)
    expect(await caseRow(caseId)).toMatchObject({ status: 'appointed', fiscal_year: 2025, serial: 1 })
    const after = await caseLoader(
      routeArgs(services, `/appointments/${caseId}`, { cookie: hiroshima, params: { id: caseId } }),
    )
    expect(after.appointment.number).toBe('令和7年度 第1号')
    expect(after.hasNotice).toBe(true)

    const placement = (await listPlacementsForFunding(db(), { kind: 'national' }, [2026])).find(
      (p) => p.id === placementId,
    )
    expect(placement?.appointedAccelerator).toBe(true)
    const placementEvents = await db()
      .selectFrom('placement_event')
      .select('note')
      .where('placement_id', '=', placementId)
      .execute()
    expect(placementEvents.map((e) => e.note)).toContain('アクセラレータに任命（令和7年度 第1号）')
    const personMail = await db()
      .selectFrom('mail_outbox')
      .select(['subject', 'body_text'])
      .where('to_address', '=', professional.email)
      .where('template', '=', 'appointment_notice')
      .executeTakeFirst()
    expect(personMail?.body_text).toContain('令和7年度 第1号')
    expect(await audit(caseId)).toEqual(['nominate', 'return', 'resubmit', 'appoint'])
  })

  it('numbers stay unique and without gaps when appointments run at once', async () => {
    const ids: string[] = []
    for (let i = 0; i < 4; i++) {
      const member = await poolMember('34', 'registered')
      const response = await newAction(
        routeArgs(services, `/appointments/new?member=${member}`, {
          cookie: hiroshima,
          form: {
            roleId,
            statement: `並行${i}`,
            plannedEmployment: 'full_time',
            plannedMainDuty: 'yes',
            consent: 'on',
          },
        }),
      )
      ids.push(idFrom(response))
    }
    await Promise.all(
      ids.map((id) =>
        caseAction(
          routeArgs(services, `/appointments/${id}`, {
            cookie: ministry,
            params: { id },
            form: { intent: 'appoint', lockVersion: '0', appointedOn: '2026-01-15', ...CHECKLIST },
          }),
        ),
      ),
    )
    const serials = (
      await db().selectFrom('accelerator_appointment').select('serial').where('fiscal_year', '=', 2025).execute()
    )
      .map((r) => r.serial)
      .sort((a, b) => a! - b!)
    expect(serials).toEqual([1, 2, 3, 4, 5])
    // A new 年度 starts at 1.
    const member = await poolMember('34', 'registered')
    const next = idFrom(
      await newAction(
        routeArgs(services, `/appointments/new?member=${member}`, {
          cookie: hiroshima,
          form: { roleId, statement: '翌年度', plannedEmployment: 'full_time', plannedMainDuty: 'yes', consent: 'on' },
        }),
      ),
    )
    await caseAction(
      routeArgs(services, `/appointments/${next}`, {
        cookie: ministry,
        params: { id: next },
        form: { intent: 'appoint', lockVersion: '0', appointedOn: '2026-04-01', ...CHECKLIST },
      }),
    )
    expect(await caseRow(next)).toMatchObject({ fiscal_year: 2026, serial: 1 })
  })

  it('prints the notice for the ministry, the prefecture and the person only', async () => {
    const args = (cookie: string) =>
      routeArgs(services, `/appointments/${caseId}/notice`, { cookie, params: { id: caseId } })
    for (const cookie of [ministry, hiroshima, professional.cookie]) {
      const notice = await noticeLoader(args(cookie))
      expect(notice).toMatchObject({ number: '令和7年度 第1号', prefectureName: '広島県', appointedOn: '2025年9月1日' })
    }
    for (const cookie of [okayama, otherProfessional])
      expect((await thrownResponse(() => noticeLoader(args(cookie)))).status).toBe(404)
    const anonymous = await thrownResponse(() =>
      noticeLoader(routeArgs(services, `/appointments/${caseId}/notice`, { params: { id: caseId } })),
    )
    expect(anonymous.status).toBe(302)
  })

  it('ends an appointment on a past date only; the placements lose the flag', async () => {
    const page = await caseLoader(
      routeArgs(services, `/appointments/${caseId}`, { cookie: ministry, params: { id: caseId } }),
    )
    expect(page.canEnd).toBe(true)
    const lockVersion = String(page.appointment.lockVersion)
    const future = unwrap(
      await caseAction(
        routeArgs(services, `/appointments/${caseId}`, {
          cookie: ministry,
          params: { id: caseId },
          form: { intent: 'end', lockVersion, endedOn: '2999-01-01', endReason: 'resignation' },
        }),
      ),
    )
    expect(future.status).toBe(400)
    expect((future.body as { fieldErrors: Record<string, string[]> }).fieldErrors.endedOn?.[0]).toContain('以前の日付')
    const beforeAppointment = unwrap(
      await caseAction(
        routeArgs(services, `/appointments/${caseId}`, {
          cookie: ministry,
          params: { id: caseId },
          form: { intent: 'end', lockVersion, endedOn: '2025-01-01', endReason: 'resignation' },
        }),
      ),
    )
    expect(beforeAppointment.status).toBe(400)
    const ended = await caseAction(
      routeArgs(services, `/appointments/${caseId}`, {
        cookie: ministry,
        params: { id: caseId },
        form: { intent: 'end', lockVersion, endedOn: '2026-03-31', endReason: 'resignation', endNote: '転職のため' },
      }),
    )
    expect(location(ended)).toBe(`/appointments/${caseId}`)
    expect(await caseRow(caseId)).toMatchObject({ status: 'ended', end_reason: 'resignation' })
    const placement = (await listPlacementsForFunding(db(), { kind: 'national' }, [2026])).find(
      (p) => p.id === placementId,
    )
    expect(placement?.appointedAccelerator).toBe(false)
    expect(await audit(caseId)).toEqual(['nominate', 'return', 'resubmit', 'appoint', 'end'])
    // Over: nothing more to do on it, and the person may be nominated again.
    const over = await caseLoader(
      routeArgs(services, `/appointments/${caseId}`, { cookie: ministry, params: { id: caseId } }),
    )
    expect(over).toMatchObject({ canEnd: false, canReview: false, canWithdraw: false })
    const member = await memberLoader(
      routeArgs(services, `/pools/${memberId}`, { cookie: hiroshima, params: { memberId } }),
    )
    expect(member.accelerator?.canNominate).toBe(true)
    expect(member.accelerator?.cases[0]).toMatchObject({ statusLabel: '任命終了', number: '令和7年度 第1号' })
  })

  it('revokes with a reason, and a prefecture withdraws its own open nomination', async () => {
    const appointed = await db()
      .selectFrom('accelerator_appointment')
      .select(['id', 'lock_version'])
      .where('status', '=', 'appointed')
      .where('fiscal_year', '=', 2026)
      .executeTakeFirstOrThrow()
    const noReason = unwrap(
      await caseAction(
        routeArgs(services, `/appointments/${appointed.id}`, {
          cookie: ministry,
          params: { id: appointed.id },
          form: { intent: 'revoke', lockVersion: String(appointed.lock_version), endedOn: '2026-05-01' },
        }),
      ),
    )
    expect((noReason.body as { fieldErrors: Record<string, string[]> }).fieldErrors.endNote).toEqual([
      '取消しの理由を入力してください',
    ])
    await caseAction(
      routeArgs(services, `/appointments/${appointed.id}`, {
        cookie: ministry,
        params: { id: appointed.id },
        form: {
          intent: 'revoke',
          lockVersion: String(appointed.lock_version),
          endedOn: '2026-05-01',
          endNote: '要件を満たさないことが判明',
        },
      }),
    )
    expect(await caseRow(appointed.id)).toMatchObject({ status: 'revoked', end_reason: 'revoked' })

    const open = await db()
      .selectFrom('accelerator_appointment')
      .select(['id', 'lock_version'])
      .where('pool_member_id', '=', directMemberId)
      .executeTakeFirstOrThrow()
    expect(
      (
        await thrownResponse(() =>
          caseAction(
            routeArgs(services, `/appointments/${open.id}`, {
              cookie: okayama,
              params: { id: open.id },
              form: { intent: 'withdraw', lockVersion: String(open.lock_version) },
            }),
          ),
        )
      ).status,
    ).toBe(404)
    await caseAction(
      routeArgs(services, `/appointments/${open.id}`, {
        cookie: hiroshima,
        params: { id: open.id },
        form: { intent: 'withdraw', lockVersion: String(open.lock_version), note: '本人の都合' },
      }),
    )
    expect(await caseRow(open.id)).toMatchObject({ status: 'withdrawn' })
    expect(await audit(open.id)).toEqual(['nominate', 'withdraw'])
  })
})
