// A need's shortlist end to end, through the routes' loaders and actions, on real Postgres and Meilisearch:
// adding from the match list (once, and only people the viewer may see), the need page and the entry page
// (consent on every read), the moves 候補 → 打診 → 面談 → 内定 with their refusals and the lock version, the
// professional's answer from home (an application to the pool linked to the need, or a decline), 内定 filling
// the need (one per need), people placed full time leaving other matches on both the search and the SQL
// path, the mails queued and the audit rows written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getNeedMatches } from '../../app/models/match.server'
import * as homeRoute from '../../app/routes/_index'
import * as candidatesRoute from '../../app/routes/needs.$id_.candidates/route'
import * as needRoute from '../../app/routes/needs.$id/route'
import * as entryRoute from '../../app/routes/needs.$id_.shortlist.$entryId/route'
import * as offerRoute from '../../app/routes/offers.$entryId/route'
import * as fittingRoute from '../../app/routes/open-calls.for-me/route'
import * as memberRoute from '../../app/routes/pools.$memberId/route'
import type { Services } from '../../app/services.server'
import type { SessionUser } from '../../app/utils/auth.server'
import { MatchQuerySchema } from '../../app/utils/match-query'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import type { EmploymentForm } from '../../db/schema'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { createProfile, createPublishedNeed, createUser, loginAs, sessionCookieFor } from '../factories'
import { createTestServices, createUnreachableSearchClient, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
let staff: SessionUser
let staffCookie: string
let ministryCookie: string
let tokyoCookie: string
/** 非常勤 (part time) and 常勤 (full time) needs of Hiroshima. */
let partTimeNeed: string
let fullTimeNeed: string

const db = () => services.database.db
const context = (s: Services = services) => routeArgs(s, '/').context

interface Person {
  profileId: string
  email: string
  cookie: string
}
const people: Record<string, Person> = {}

async function drain() {
  for (let i = 0; i < 10; i++)
    if ((await drainSearchOutboxOnce({ db: db(), search: services.search })).claimed === 0) return
}

async function person(
  name: string,
  { visibility = 'all', visibleTo = [] }: { visibility?: 'none' | 'selected' | 'all'; visibleTo?: string[] } = {},
) {
  const user = await createUser(db(), { role: 'professional' })
  const profileId = await createProfile(db(), user.id, { familyName: name, visibility, prefectures: visibleTo })
  await db()
    .updateTable('profile')
    .set({
      employment_forms: ['part_time', 'full_time'] satisfies EmploymentForm[],
      days_per_week: 5,
      work_area: 'all',
      residence_prefecture_code: '34',
    })
    .where('id', '=', profileId)
    .execute()
  await db().insertInto('profile_skill').values({ profile_id: profileId, skill_id: 'bpr', level: 3 }).execute()
  await db()
    .transaction()
    .execute((trx) => enqueueSearchSync(trx, 'profile', [profileId]))
  people[name] = { profileId, email: user.email, cookie: await sessionCookieFor(services, user.id) }
}

const need = (title: string, form: EmploymentForm) =>
  createPublishedNeed(db(), {
    title,
    employmentForm: form,
    skills: [{ skillId: 'bpr', minLevel: 2, essential: true }],
  })

beforeAll(async () => {
  services = await createTestServices()
  const login = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34', displayName: '広島 担当' })
  staff = login.user
  staffCookie = login.cookie
  ministryCookie = (await loginAs(services, { role: 'ministry_staff' })).cookie
  tokyoCookie = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '13' })).cookie
  partTimeNeed = await need('業務改革の支援（非常勤）', 'part_time')
  fullTimeNeed = await need('DX推進の専任（常勤）', 'full_time')
  await person('山田')
  await person('鈴木')
  await person('佐藤')
  await person('撤回')
  await person('非公開', { visibility: 'none' })
  await person('東京', { visibility: 'selected', visibleTo: ['13'] })
  await drain()
})

afterAll(async () => {
  await services?.close()
})

// ---- helpers over the routes -----------------------------------------------------------------------------------

async function addToShortlist(needId: string, name: string, cookie = staffCookie) {
  return candidatesRoute.action(
    routeArgs(services, `/needs/${needId}/candidates`, {
      cookie,
      params: { id: needId },
      form: { intent: 'add-to-shortlist', profileId: people[name]!.profileId, search: 'skill=bpr' },
    }),
  )
}

async function entryIdOf(needId: string, name: string): Promise<string> {
  const row = await db()
    .selectFrom('need_shortlist_entry')
    .select('id')
    .where('need_id', '=', needId)
    .where('profile_id', '=', people[name]!.profileId)
    .executeTakeFirstOrThrow()
  return row.id
}

const entryPage = (needId: string, entryId: string, cookie = staffCookie) =>
  entryRoute.loader(
    routeArgs(services, `/needs/${needId}/shortlist/${entryId}`, { cookie, params: { id: needId, entryId } }),
  )

const entryAction = (needId: string, entryId: string, form: Record<string, string>, cookie = staffCookie) =>
  entryRoute.action(
    routeArgs(services, `/needs/${needId}/shortlist/${entryId}`, { cookie, params: { id: needId, entryId }, form }),
  )

/** A status change from a freshly loaded page (the lock version it shows). */
async function move(needId: string, entryId: string, to: string, note = '') {
  const page = await entryPage(needId, entryId)
  return entryAction(needId, entryId, { intent: 'status', to, note, lockVersion: String(page.entry.lockVersion) })
}

async function setInterview(needId: string, entryId: string, interviewAt: string, place: string) {
  const page = await entryPage(needId, entryId)
  return entryAction(needId, entryId, {
    intent: 'interview',
    interviewAt,
    place,
    lockVersion: String(page.entry.lockVersion),
  })
}

/** The form errors of a refused action (a conform reply). */
function refusal(result: unknown): { status: number; messages: string[] } {
  const { status, body } = unwrap(result as { result: { error?: Record<string, string[] | null> } })
  return { status, messages: Object.values(body.result.error ?? {}).flatMap((m) => m ?? []) }
}

const answer = (entryId: string, name: string, intent: 'accept' | 'decline', message = '') =>
  offerRoute.action(
    routeArgs(services, `/offers/${entryId}`, {
      cookie: people[name]!.cookie,
      params: { entryId },
      form: { intent, message },
    }),
  )

async function homeOf(name: string) {
  const { home } = await homeRoute.loader(routeArgs(services, '/', { cookie: people[name]!.cookie }))
  if (home.kind !== 'professional') throw new Error(`expected a professional home, got ${home.kind}`)
  return home
}

const needPage = (needId: string, cookie = staffCookie) =>
  needRoute.loader(routeArgs(services, `/needs/${needId}`, { cookie, params: { id: needId } }))

async function mailsTo(address: string) {
  return db()
    .selectFrom('mail_outbox')
    .select(['subject', 'template', 'body_text', 'prefecture_code'])
    .where('to_address', '=', address)
    .orderBy('id')
    .execute()
}

async function auditOf(entityId: string) {
  return db()
    .selectFrom('audit_log')
    .select(['entity', 'action', 'summary', 'before', 'after', 'prefecture_code'])
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute()
}

const matchNames = async (needId: string, s: Services = services) =>
  (await getNeedMatches(context(s), staff, needId, MatchQuerySchema.parse({}))).candidates.map(
    (c) => c.name.split(' ')[0],
  )

// ---- adding -----------------------------------------------------------------------------------------------------

describe('adding from the match list', () => {
  it('adds a candidate once, back to the same narrowed list, and a second time only says so', async () => {
    const added = (await addToShortlist(partTimeNeed, '山田')) as Response
    expect(added.status).toBe(302)
    expect(added.headers.get('Location')).toBe(`/needs/${partTimeNeed}/candidates?skill=bpr`)
    const again = (await addToShortlist(partTimeNeed, '山田')) as Response
    expect(again.status).toBe(302)
    const entries = await db()
      .selectFrom('need_shortlist_entry')
      .select(['id', 'status', 'created_by'])
      .where('need_id', '=', partTimeNeed)
      .execute()
    expect(entries).toEqual([{ id: expect.any(String), status: 'shortlisted', created_by: staff.id }])
    const events = await db()
      .selectFrom('need_shortlist_event')
      .selectAll()
      .where('entry_id', '=', entries[0]!.id)
      .execute()
    expect(events.map((e) => [e.from_status, e.to_status])).toEqual([[null, 'shortlisted']])
    expect((await auditOf(entries[0]!.id)).map((a) => [a.entity, a.action])).toEqual([['need_shortlist_entry', 'add']])

    // The match page marks the person and links to the entry instead of offering the button again.
    const page = await candidatesRoute.loader(
      routeArgs(services, `/needs/${partTimeNeed}/candidates`, { cookie: staffCookie, params: { id: partTimeNeed } }),
    )
    expect(page.canShortlist).toBe(true)
    const yamada = page.candidates.find((c) => c.name.startsWith('山田'))!
    expect(yamada.shortlist).toEqual({ entryId: entries[0]!.id, statusLabel: '候補' })
  })

  it('refuses people the viewer may not see, staff of another prefecture, and the ministry (reads only)', async () => {
    expect((await thrownResponse(() => addToShortlist(partTimeNeed, '非公開'))).status).toBe(404)
    expect((await thrownResponse(() => addToShortlist(partTimeNeed, '東京'))).status).toBe(404)
    expect((await thrownResponse(() => addToShortlist(partTimeNeed, '鈴木', tokyoCookie))).status).toBe(404)
    expect((await thrownResponse(() => addToShortlist(partTimeNeed, '鈴木', ministryCookie))).status).toBe(403)
    const count = await db()
      .selectFrom('need_shortlist_entry')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('need_id', '=', partTimeNeed)
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(1)
    const ministryPage = await candidatesRoute.loader(
      routeArgs(services, `/needs/${partTimeNeed}/candidates`, {
        cookie: ministryCookie,
        params: { id: partTimeNeed },
      }),
    )
    expect(ministryPage.canShortlist).toBe(false)
  })
})

// ---- the need page and the entry page --------------------------------------------------------------------------

describe('the need page and the entry page', () => {
  it('lists the shortlist on the need page and explains the person exactly as the match list does', async () => {
    const entryId = await entryIdOf(partTimeNeed, '山田')
    const needData = await needPage(partTimeNeed)
    expect(needData.shortlist).toEqual([
      expect.objectContaining({
        id: entryId,
        name: '山田 太郎',
        status: 'shortlisted',
        statusLabel: '候補',
        nextStep: expect.stringContaining('声をかける'),
        interviewAt: null,
      }),
    ])
    const page = await entryPage(partTimeNeed, entryId)
    expect(page.profile?.name).toBe('山田 太郎')
    expect(page.canManage).toBe(true)
    expect(page.moves.map((m) => m.value)).toEqual(['contacted', 'passed', 'declined'])
    const matches = await getNeedMatches(context(), staff, partTimeNeed, MatchQuerySchema.parse({}))
    expect(page.explanation).toEqual(matches.candidates.find((c) => c.name.startsWith('山田'))!.explanation)
    // The ministry reads it, and moves nothing; another prefecture gets 404.
    const ministry = await entryPage(partTimeNeed, entryId, ministryCookie)
    expect(ministry.moves).toEqual([])
    expect((await thrownResponse(() => entryPage(partTimeNeed, entryId, tokyoCookie))).status).toBe(404)
    expect(
      (
        await thrownResponse(() =>
          entryAction(partTimeNeed, entryId, { intent: 'status', to: 'passed', lockVersion: '0' }, ministryCookie),
        )
      ).status,
    ).toBe(403)
  })

  it('hides the person on both pages once they stop sharing their profile (nothing of it in the loader data)', async () => {
    await addToShortlist(partTimeNeed, '撤回')
    const entryId = await entryIdOf(partTimeNeed, '撤回')
    const { profileId } = people['撤回']!
    expect((await entryPage(partTimeNeed, entryId)).profile?.name).toBe('撤回 太郎')
    await db().updateTable('profile').set({ visibility: 'none' }).where('id', '=', profileId).execute()
    const page = await entryPage(partTimeNeed, entryId)
    expect(page.profile).toBeNull()
    expect(page.explanation).toBeNull()
    expect(page.poolMember).toBeNull()
    const json = JSON.stringify(page)
    expect(json).not.toContain('撤回')
    expect(json).not.toContain(profileId)
    expect(json).not.toContain(people['撤回']!.email)
    const listed = (await needPage(partTimeNeed)).shortlist.find((e) => e.id === entryId)!
    expect(listed.name).toBeNull()
    expect(JSON.stringify(await needPage(partTimeNeed))).not.toContain('撤回')
    // The entry stays the prefecture's record: it can still be closed.
    const closed = await move(partTimeNeed, entryId, 'passed', '共有の取りやめ')
    expect((closed as Response).status).toBe(302)
    // Closed while only 候補: the person never heard of it, so no mail.
    expect(await mailsTo(people['撤回']!.email)).toEqual([])
  })
})

// ---- moves, refusals, conflicts, the professional's answer ------------------------------------------------------

describe('moving an entry', () => {
  it('refuses moves the workflow does not allow, in Japanese, and a stale form as a conflict', async () => {
    const entryId = await entryIdOf(partTimeNeed, '山田')
    const skip = refusal(await move(partTimeNeed, entryId, 'interview'))
    expect(skip).toEqual({ status: 400, messages: ['「候補」から「面談」には変更できません。'] })
    const offered = refusal(await move(partTimeNeed, entryId, 'offered'))
    expect(offered.messages).toEqual(['「候補」から「内定」には変更できません。'])
    const bogus = refusal(await entryAction(partTimeNeed, entryId, { intent: 'status', to: 'hired', lockVersion: '0' }))
    expect(bogus).toEqual({ status: 400, messages: ['変更後の状態を選択してください'] })

    const page = await entryPage(partTimeNeed, entryId)
    const stale = String(page.entry.lockVersion)
    expect(((await move(partTimeNeed, entryId, 'contacted', '電話で概要を伝えた')) as Response).status).toBe(302)
    const conflict = refusal(
      await entryAction(partTimeNeed, entryId, { intent: 'status', to: 'passed', lockVersion: stale }),
    )
    expect(conflict.status).toBe(409)
    expect(conflict.messages[0]).toContain('ほかの人が先にこの候補者を更新しました')
    // The refused move left no history row behind; the accepted one left its note.
    const events = await db()
      .selectFrom('need_shortlist_event')
      .select(['from_status', 'to_status', 'note'])
      .where('entry_id', '=', entryId)
      .orderBy('id')
      .execute()
    expect(events.map((e) => [e.from_status, e.to_status, e.note])).toEqual([
      [null, 'shortlisted', expect.any(String)],
      ['shortlisted', 'contacted', '電話で概要を伝えた'],
    ])
    // 面談 waits for the person's answer.
    const early = refusal(await move(partTimeNeed, entryId, 'interview'))
    expect(early.messages).toEqual(['本人が「話を聞く（応募する）」と回答してから、面談に進めます。'])
    const earlyDate = refusal(await setInterview(partTimeNeed, entryId, '2027-01-15T14:00', '県庁'))
    expect(earlyDate.messages[0]).toContain('回答してから、面談の日程を設定できます')
  })

  it('声をかける: the person gets a mail and sees the offer on their home', async () => {
    const entryId = await entryIdOf(partTimeNeed, '山田')
    const mails = await mailsTo(people['山田']!.email)
    expect(mails.map((m) => [m.template, m.subject])).toEqual([
      ['shortlist_contacted', '【自治体DXアクセラレータ500】広島県からのお声がけ（業務改革の支援（非常勤））'],
    ])
    expect(mails[0]!.body_text).toContain(`/offers/${entryId}`)
    expect(mails[0]!.body_text).toContain('安芸太田町')
    // The person's address stays out of the prefecture's view of the outbox.
    expect(mails[0]!.prefecture_code).toBeNull()
    const home = await homeOf('山田')
    expect(home.offers).toEqual([
      expect.objectContaining({
        entryId,
        needTitle: '業務改革の支援（非常勤）',
        prefectureName: '広島県',
        state: 'waiting',
        canAccept: true,
        canDecline: true,
      }),
    ])
    const offer = await offerRoute.loader(
      routeArgs(services, `/offers/${entryId}`, { cookie: people['山田']!.cookie, params: { entryId } }),
    )
    expect(offer.offer.state).toBe('waiting')
    expect(offer.need).not.toHaveProperty('managementNote')
    // Nobody else's: another professional gets 404, staff 403.
    const other = await thrownResponse(() =>
      offerRoute.loader(
        routeArgs(services, `/offers/${entryId}`, { cookie: people['鈴木']!.cookie, params: { entryId } }),
      ),
    )
    expect(other.status).toBe(404)
    const staffOpen = await thrownResponse(() =>
      offerRoute.loader(routeArgs(services, `/offers/${entryId}`, { cookie: staffCookie, params: { entryId } })),
    )
    expect(staffOpen.status).toBe(403)
  })

  it('「話を聞く（応募する）」 makes the person an applicant of the pool, linked to the need, and tells the staff', async () => {
    const entryId = await entryIdOf(partTimeNeed, '山田')
    const { profileId } = people['山田']!
    const accepted = (await answer(entryId, '山田', 'accept', 'ぜひお話を伺いたいです')) as Response
    expect(accepted.status).toBe(302)
    const member = await db()
      .selectFrom('pool_member')
      .select(['id', 'status', 'source', 'prefecture_code'])
      .where('profile_id', '=', profileId)
      .executeTakeFirstOrThrow()
    expect(member).toMatchObject({ status: 'applied', source: 'application', prefecture_code: '34' })
    const interest = await db()
      .selectFrom('need_interest')
      .selectAll()
      .where('need_id', '=', partTimeNeed)
      .where('profile_id', '=', profileId)
      .executeTakeFirstOrThrow()
    expect(interest).toMatchObject({ pool_member_id: member.id, message: 'ぜひお話を伺いたいです' })
    const entry = await db()
      .selectFrom('need_shortlist_entry')
      .selectAll()
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow()
    expect(entry.status).toBe('contacted')
    const events = await db()
      .selectFrom('need_shortlist_event')
      .selectAll()
      .where('entry_id', '=', entryId)
      .orderBy('id')
      .execute()
    expect(events.at(-1)).toMatchObject({ from_status: 'contacted', to_status: 'contacted', actor_label: '本人' })
    expect((await homeOf('山田')).offers[0]).toMatchObject({ state: 'accepted', canAccept: false, canDecline: true })
    // The need page shows the person among those interested; the entry page offers 面談 now.
    expect((await needPage(partTimeNeed)).interests.map((i) => i.poolMemberId)).toContain(member.id)
    const page = await entryPage(partTimeNeed, entryId)
    expect(page.entry.accepted).toBe(true)
    expect(page.moves.map((m) => m.value)).toEqual(['interview', 'passed', 'declined'])
    expect(page.poolMember).toEqual({ id: member.id })
    // Answering twice is refused.
    const twice = unwrap(await answer(entryId, '山田', 'accept'))
    expect(twice).toEqual({ status: 409, body: { errors: ['このお声がけにはすでに応募しています。'] } })
    // The staff member who added and contacted the person hears of it.
    expect((await mailsTo(staff.email)).map((m) => [m.template, m.subject, m.prefecture_code])).toEqual([
      ['shortlist_answer', '【自治体DXアクセラレータ500】お声がけへの回答：話を聞く（業務改革の支援（非常勤））', '34'],
    ])
    expect((await auditOf(entryId)).map((a) => a.action)).toEqual(['add', 'change_status', 'accept_offer'])
    expect((await auditOf(member.id)).map((a) => [a.entity, a.action])).toEqual([['pool_member', 'apply']])
  })

  it('sets the interview date and place (refusing dates the calendar does not have), and mails the person', async () => {
    const entryId = await entryIdOf(partTimeNeed, '山田')
    const bad = refusal(await setInterview(partTimeNeed, entryId, '2027-02-30T10:00', '県庁'))
    expect(bad).toEqual({
      status: 400,
      messages: ['面談日時が正しくありません。カレンダーにある日時を入力してください'],
    })
    const empty = refusal(await setInterview(partTimeNeed, entryId, '', ''))
    expect(empty.messages).toEqual(['面談日時を入力してください'])
    expect(
      ((await setInterview(partTimeNeed, entryId, '2027-01-15T14:00', '広島県庁本館3階')) as Response).status,
    ).toBe(302)
    expect(((await setInterview(partTimeNeed, entryId, '2027-01-16T10:30', 'オンライン')) as Response).status).toBe(302)
    const entry = await db()
      .selectFrom('need_shortlist_entry')
      .selectAll()
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow()
    expect(entry.interview_at?.toISOString()).toBe('2027-01-16T01:30:00.000Z')
    expect(entry.interview_place).toBe('オンライン')
    expect((await mailsTo(people['山田']!.email)).map((m) => m.subject).slice(1)).toEqual([
      '【自治体DXアクセラレータ500】面談の日程のお知らせ（業務改革の支援（非常勤））',
      '【自治体DXアクセラレータ500】面談の日程が変わりました（業務改革の支援（非常勤））',
    ])
    expect((await homeOf('山田')).offers[0]!.interview).toEqual({ at: '2027年1月16日 10:30', place: 'オンライン' })
    expect((await needPage(partTimeNeed)).shortlist.find((e) => e.id === entryId)).toMatchObject({
      interviewAt: '2027-01-16T01:30:00.000Z',
      interviewPlace: 'オンライン',
    })
    expect((await auditOf(entryId)).filter((a) => a.action === 'update_interview')).toHaveLength(2)
  })

  it('辞退 from home closes the entry and tells the staff; the person is not asked again', async () => {
    await addToShortlist(partTimeNeed, '鈴木')
    const entryId = await entryIdOf(partTimeNeed, '鈴木')
    expect(((await move(partTimeNeed, entryId, 'contacted')) as Response).status).toBe(302)
    const declined = (await answer(entryId, '鈴木', 'decline')) as Response
    expect(declined.status).toBe(302)
    const entry = await db()
      .selectFrom('need_shortlist_entry')
      .selectAll()
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow()
    expect(entry.status).toBe('declined')
    expect((await homeOf('鈴木')).offers[0]).toMatchObject({ state: 'declined', canAccept: false, canDecline: false })
    // No pool application for a decline.
    const member = await db()
      .selectFrom('pool_member')
      .select('id')
      .where('profile_id', '=', people['鈴木']!.profileId)
      .executeTakeFirst()
    expect(member).toBeUndefined()
    expect((await mailsTo(staff.email)).at(-1)?.subject).toBe(
      '【自治体DXアクセラレータ500】お声がけへの回答：辞退（業務改革の支援（非常勤））',
    )
    expect((await auditOf(entryId)).map((a) => a.action)).toEqual(['add', 'change_status', 'decline_offer'])
    const again = unwrap(await answer(entryId, '鈴木', 'accept'))
    expect(again.status).toBe(409)
    expect((await entryPage(partTimeNeed, entryId)).moves).toEqual([])
  })
})

// ---- 内定 ---------------------------------------------------------------------------------------------------------

/** Shortlist → 打診 → 話を聞く → 面談 on the full-time need. */
async function toInterview(name: string): Promise<string> {
  await addToShortlist(fullTimeNeed, name)
  const entryId = await entryIdOf(fullTimeNeed, name)
  expect(((await move(fullTimeNeed, entryId, 'contacted')) as Response).status).toBe(302)
  expect(((await answer(entryId, name, 'accept')) as Response).status).toBe(302)
  expect(((await move(fullTimeNeed, entryId, 'interview')) as Response).status).toBe(302)
  return entryId
}

describe('内定', () => {
  it('fills the need in the same step, names the person on the need page, and mails them', async () => {
    const entryId = await toInterview('山田')
    await toInterview('佐藤')
    const offered = (await move(fullTimeNeed, entryId, 'offered', '面談の結果、適任')) as Response
    expect(offered.status).toBe(302)
    const needRow = await db()
      .selectFrom('need')
      .select('status')
      .where('id', '=', fullTimeNeed)
      .executeTakeFirstOrThrow()
    expect(needRow.status).toBe('filled')
    const needEvents = await db()
      .selectFrom('need_event')
      .select(['from_status', 'to_status', 'actor_label'])
      .where('need_id', '=', fullTimeNeed)
      .orderBy('id')
      .execute()
    expect(needEvents).toEqual([
      { from_status: 'published', to_status: 'selecting', actor_label: '広島 担当' },
      { from_status: 'selecting', to_status: 'filled', actor_label: '広島 担当' },
    ])
    expect((await auditOf(fullTimeNeed)).map((a) => [a.action, a.after])).toEqual([
      ['change_status', expect.objectContaining({ status: 'selecting' })],
      ['change_status', expect.objectContaining({ status: 'filled' })],
    ])
    expect((await auditOf(entryId)).at(-1)).toMatchObject({
      entity: 'need_shortlist_entry',
      action: 'change_status',
      before: { status: 'interview' },
      after: { status: 'offered', note: '面談の結果、適任', need_status: 'filled' },
      prefecture_code: '34',
    })
    const page = await needPage(fullTimeNeed)
    expect(page.need.status).toBe('filled')
    expect(page.offer).toEqual({ entryId, name: '山田 太郎' })
    expect((await mailsTo(people['山田']!.email)).at(-1)?.subject).toBe(
      '【自治体DXアクセラレータ500】内定のお知らせ（DX推進の専任（常勤））',
    )
    expect((await homeOf('山田')).offers.find((o) => o.entryId === entryId)).toMatchObject({ state: 'offered' })
    // The 内定 starts the placement as a draft: the prefecture employs, for the need's municipalities and form.
    const placement = await db()
      .selectFrom('placement')
      .select(['id', 'status', 'employer_code', 'kind', 'employment', 'person_name', 'profile_id', 'need_id'])
      .where('shortlist_entry_id', '=', entryId)
      .executeTakeFirstOrThrow()
    expect(placement).toMatchObject({
      status: 'draft',
      employer_code: '340006',
      kind: 'municipal_support',
      employment: 'full_time',
      person_name: '山田 太郎',
      profile_id: people['山田']!.profileId,
      need_id: fullTimeNeed,
    })
    const served = await db()
      .selectFrom('placement_municipality')
      .select(['municipality_code', 'days_per_week'])
      .where('placement_id', '=', placement.id)
      .execute()
    expect(served.map((m) => [m.municipality_code, Number(m.days_per_week)])).toEqual([['343684', 2]])
    expect((await auditOf(placement.id)).map((a) => a.action)).toEqual(['create'])
  })

  it('refuses a second 内定 on the need, and Postgres refuses one written past the rules', async () => {
    const second = await entryIdOf(fullTimeNeed, '佐藤')
    const refused = refusal(await move(fullTimeNeed, second, 'offered'))
    expect(refused.messages).toEqual([
      'ニーズはすでに「充足」です。ほかの候補者は「見送り」か「辞退」にだけ変更できます。',
    ])
    await expect(
      db().updateTable('need_shortlist_entry').set({ status: 'offered' }).where('id', '=', second).execute(),
    ).rejects.toMatchObject({ code: '23505' })
    // The need page cannot reopen the need under its 内定.
    const { need } = await needPage(fullTimeNeed)
    const reopen = unwrap(
      await needRoute.action(
        routeArgs(services, `/needs/${fullTimeNeed}`, {
          cookie: staffCookie,
          params: { id: fullTimeNeed },
          form: { to: 'selecting', lockVersion: String(need.lockVersion), note: '' },
        }),
      ),
    )
    expect(reopen.status).toBe(400)
    expect(JSON.stringify(reopen.body)).toContain('このニーズには内定者がいます')
  })

  it('takes a person placed full time out of other matches, on the search path and in SQL', async () => {
    await drain()
    expect(await matchNames(partTimeNeed)).not.toContain('山田')
    expect(await matchNames(partTimeNeed)).toContain('佐藤')
    const down = { ...services, search: createUnreachableSearchClient() }
    const sql = await getNeedMatches(context(down), staff, partTimeNeed, MatchQuerySchema.parse({}))
    expect(sql.searchUnavailable).toBe(true)
    expect(sql.candidates.map((c) => c.name.split(' ')[0])).not.toContain('山田')
    expect(sql.candidates.map((c) => c.name.split(' ')[0])).toContain('佐藤')
  })

  it('says so on the pool member page (no fitting needs) and tells the person on their own list', async () => {
    const memberPage = async (name: string) => {
      const member = await db()
        .selectFrom('pool_member')
        .select('id')
        .where('profile_id', '=', people[name]!.profileId)
        .where('prefecture_code', '=', '34')
        .executeTakeFirstOrThrow()
      return unwrap(
        await memberRoute.loader(
          routeArgs(services, `/pools/${member.id}`, { cookie: staffCookie, params: { memberId: member.id } }),
        ),
      ).body
    }
    const placed = await memberPage('山田')
    expect(placed).toMatchObject({ placedFullTime: true, fittingNeeds: [] })
    const other = await memberPage('佐藤')
    expect(other.placedFullTime).toBe(false)
    expect(other.fittingNeeds.map((n) => n.id)).toContain(partTimeNeed)
    const own = await fittingRoute.loader(routeArgs(services, '/open-calls/for-me', { cookie: people['山田']!.cookie }))
    expect(own).toMatchObject({ hasProfile: true, placedFullTime: true })
    const notPlaced = await fittingRoute.loader(
      routeArgs(services, '/open-calls/for-me', { cookie: people['佐藤']!.cookie }),
    )
    expect(notPlaced).toMatchObject({ hasProfile: true, placedFullTime: false })
  })

  it('内定辞退 from home reopens the need and puts the person back among the candidates', async () => {
    const entryId = await entryIdOf(fullTimeNeed, '山田')
    expect(((await answer(entryId, '山田', 'decline')) as Response).status).toBe(302)
    const needRow = await db()
      .selectFrom('need')
      .select('status')
      .where('id', '=', fullTimeNeed)
      .executeTakeFirstOrThrow()
    expect(needRow.status).toBe('selecting')
    const lastEvent = await db()
      .selectFrom('need_event')
      .select(['from_status', 'to_status', 'actor_label'])
      .where('need_id', '=', fullTimeNeed)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(lastEvent).toEqual({ from_status: 'filled', to_status: 'selecting', actor_label: '内定者本人' })
    expect((await needPage(fullTimeNeed)).offer).toBeNull()
    // The draft placement of the 内定 goes with it (nobody had started it), and the audit log says why.
    expect(await db().selectFrom('placement').select('id').where('shortlist_entry_id', '=', entryId).execute()).toEqual(
      [],
    )
    const dropped = await db()
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity', '=', 'placement')
      .where('action', '=', 'delete_draft')
      .executeTakeFirstOrThrow()
    expect(dropped.summary).toContain('山田 太郎')
    await drain()
    expect(await matchNames(partTimeNeed)).toContain('山田')
    // With the 内定 gone, another candidate can be chosen.
    const second = await entryIdOf(fullTimeNeed, '佐藤')
    expect(((await move(fullTimeNeed, second, 'offered')) as Response).status).toBe(302)
    expect((await needPage(fullTimeNeed)).offer).toEqual({ entryId: second, name: '佐藤 太郎' })
  })

  it('mails the person at every step they are part of, with the expected subjects', async () => {
    expect((await mailsTo(people['佐藤']!.email)).map((m) => m.subject)).toEqual([
      '【自治体DXアクセラレータ500】広島県からのお声がけ（DX推進の専任（常勤））',
      '【自治体DXアクセラレータ500】面談に進みます（DX推進の専任（常勤））',
      '【自治体DXアクセラレータ500】内定のお知らせ（DX推進の専任（常勤））',
    ])
    // 見送り after a 打診 is told; the staff-recorded 辞退 too.
    await addToShortlist(partTimeNeed, '佐藤')
    const entryId = await entryIdOf(partTimeNeed, '佐藤')
    expect(((await move(partTimeNeed, entryId, 'contacted')) as Response).status).toBe(302)
    expect(((await move(partTimeNeed, entryId, 'passed', '他の候補者に決定')) as Response).status).toBe(302)
    expect((await mailsTo(people['佐藤']!.email)).at(-1)?.subject).toBe(
      '【自治体DXアクセラレータ500】選考結果のお知らせ（業務改革の支援（非常勤））',
    )
    const staffNote = (await mailsTo(people['佐藤']!.email)).at(-1)!.body_text
    expect(staffNote).not.toContain('他の候補者に決定')
  })
})
