// Municipal issues → needs with a job description → open calls, through the real routes, Postgres and
// Meilisearch: scope, the status workflow, templates, the bad-input rules, CSV and interest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader as applicationsLoader } from '../../app/routes/applications/route'
import { action as issueAction, loader as issueLoader } from '../../app/routes/issues.$id/route'
import { action as issueEditAction } from '../../app/routes/issues.$id_.edit/route'
import { loader as issuesLoader } from '../../app/routes/issues._index/route'
import { action as newIssueAction } from '../../app/routes/issues.new/route'
import { action as needAction, loader as needLoader } from '../../app/routes/needs.$id/route'
import { action as needEditAction, loader as needEditLoader } from '../../app/routes/needs.$id_.edit/route'
import { loader as exportJsonLoader } from '../../app/routes/profile.export[.]json'
import { loader as printLoader } from '../../app/routes/needs.$id_.print/route'
import { loader as needsLoader } from '../../app/routes/needs._index/route'
import { loader as needsCsvLoader } from '../../app/routes/needs.export[.]csv'
import { action as newNeedAction, loader as newNeedLoader } from '../../app/routes/needs.new/route'
import { action as openCallAction, loader as openCallLoader } from '../../app/routes/open-calls.$id/route'
import { loader as openCallsLoader } from '../../app/routes/open-calls._index/route'
import type { Services } from '../../app/services.server'
import { listMunicipalitiesOfPrefecture } from '../../db/queries/local-government'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { searchNeeds } from '../../search/queries/needs'
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

const issueForm = (overrides: Record<string, string | string[]> = {}) => ({
  title: '標準化の移行計画が立てられない',
  currentSituation: '情報担当が1人で、ベンダーとの仕様調整が追いつかない。',
  desiredOutcome: '移行計画を作り、ベンダーと調整できる体制にしたい。',
  urgency: 'high',
  topicSkillIds: ['government-cloud', 'standardization-advice'],
  itStaffing: 'one',
  contactName: '安芸 太郎',
  contactEmail: 'joho@town.example.jp',
  ...overrides,
})

/** The edit form as the browser sends it, from the loader's defaults with changes. */
async function jdForm(cookie: string, id: string, changes: Record<string, string | string[]>) {
  const page = await needEditLoader(routeArgs(services, `/needs/${id}/edit`, { cookie, params: { id } }))
  const d = page.defaults
  const form: Record<string, string | string[]> = {
    lockVersion: String(page.lockVersion),
    title: d.title,
    background: d.background,
    taskSkillIds: d.taskSkillIds,
    taskDetails: d.taskDetails,
    roleId: d.roleId,
    employmentForm: d.employmentForm,
    employer: d.employer,
    employerNote: d.employerNote,
    workPlace: d.workPlace,
    remoteDaysPerWeek: d.remoteDaysPerWeek,
    startOn: d.startOn,
    endOn: d.endOn,
    payMinYen: d.payMinYen,
    payMaxYen: d.payMaxYen,
    payUnit: d.payUnit,
    budgetYen: d.budgetYen,
    selectionProcess: d.selectionProcess,
    supervisor: d.supervisor,
    managementNote: d.managementNote,
    contact: d.contact,
    applicationDeadline: d.applicationDeadline,
    ...(d.openCall ? { openCall: 'on' } : {}),
  }
  d.municipalities.forEach((m, i) => {
    form[`municipalities[${i}].code`] = m.code
    form[`municipalities[${i}].daysPerWeek`] = m.daysPerWeek
  })
  d.skills.forEach((s, i) => {
    form[`skills[${i}].skillId`] = s.skillId
    form[`skills[${i}].minLevel`] = s.minLevel
    form[`skills[${i}].essential`] = s.essential
  })
  for (const [key, value] of Object.entries(changes)) {
    if (value === '') delete form[key]
    else form[key] = value
  }
  // Drop empty values as a browser's empty inputs are dropped by conform.
  return Object.fromEntries(Object.entries(form).filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0)))
}

describe('issues, needs and open calls', () => {
  let akiota: { code: string; name: string }
  let kitahiroshima: { code: string; name: string }
  let okayamaTown: { code: string; name: string }
  let akiotaStaff: string
  let otherTownStaff: string
  let hiroshimaStaff: string
  let okayamaStaff: string
  let ministry: string
  let issueId: string
  let needId: string

  beforeAll(async () => {
    const db = services.database.db
    const hiroshima = await listMunicipalitiesOfPrefecture(db, '34')
    akiota = hiroshima.find((m) => m.name === '安芸太田町')!
    kitahiroshima = hiroshima.find((m) => m.name === '北広島町')!
    okayamaTown = (await listMunicipalitiesOfPrefecture(db, '33'))[0]!
    akiotaStaff = (await loginAs(services, { role: 'municipal_staff', municipalityCode: akiota.code })).cookie
    otherTownStaff = (await loginAs(services, { role: 'municipal_staff', municipalityCode: kitahiroshima.code })).cookie
    hiroshimaStaff = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).cookie
    okayamaStaff = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '33' })).cookie
    ministry = (await loginAs(services, { role: 'ministry_staff' })).cookie
  })

  it('a municipality posts an issue for its own body and sees only its own posts', async () => {
    const invalid = unwrap(
      await newIssueAction(
        routeArgs(services, '/issues/new', {
          cookie: akiotaStaff,
          form: issueForm({ title: '', contactEmail: 'not-an-email' }),
        }),
      ),
    )
    expect(invalid.status).toBe(400)
    expect(JSON.stringify(invalid.body)).toContain('課題の件名を入力してください')
    expect(JSON.stringify(invalid.body)).toContain('メールアドレスの形式が正しくありません')

    const created = (await newIssueAction(
      routeArgs(services, '/issues/new', { cookie: akiotaStaff, form: issueForm() }),
    )) as Response
    expect(created.status).toBe(302)
    issueId = created.headers.get('Location')!.split('/').pop()!
    const mine = await issuesLoader(routeArgs(services, '/issues', { cookie: akiotaStaff }))
    expect(mine.issues.map((i) => i.id)).toEqual([issueId])
    expect(mine.issues[0]).toMatchObject({
      municipalityName: '安芸太田町',
      statusLabel: '提出済み',
      enteredByPrefecture: false,
    })

    const others = await issuesLoader(routeArgs(services, '/issues', { cookie: otherTownStaff }))
    expect(others.issues.map((i) => i.id)).not.toContain(issueId)
    expect(
      (
        await thrownResponse(() =>
          issueLoader(routeArgs(services, `/issues/${issueId}`, { cookie: otherTownStaff, params: { id: issueId } })),
        )
      ).status,
    ).toBe(404)
    // Nor can another town edit it (same 404: not found and not yours look alike).
    const write = await thrownResponse(() =>
      issueEditAction(
        routeArgs(services, `/issues/${issueId}/edit`, {
          cookie: otherTownStaff,
          params: { id: issueId },
          form: { ...issueForm(), lockVersion: '0' },
        }),
      ),
    )
    expect(write.status).toBe(404)
  })

  it('the prefecture sees its municipalities’ issues, enters one after a hearing, and may not pick a body outside it', async () => {
    const list = await issuesLoader(routeArgs(services, '/issues', { cookie: hiroshimaStaff }))
    expect(list.issues.map((i) => i.id)).toContain(issueId)
    expect(
      (await issuesLoader(routeArgs(services, '/issues', { cookie: okayamaStaff }))).issues.map((i) => i.id),
    ).not.toContain(issueId)
    expect(
      (await issuesLoader(routeArgs(services, '/issues', { cookie: ministry }))).issues.map((i) => i.id),
    ).toContain(issueId)

    const outside = unwrap(
      await newIssueAction(
        routeArgs(services, '/issues/new', {
          cookie: hiroshimaStaff,
          form: issueForm({ municipalityCode: okayamaTown.code }),
        }),
      ),
    )
    expect(outside.status).toBe(400)
    expect(JSON.stringify(outside.body)).toContain('管内の市区町村ではありません')

    const onBehalf = (await newIssueAction(
      routeArgs(services, '/issues/new', {
        cookie: hiroshimaStaff,
        form: issueForm({
          municipalityCode: kitahiroshima.code,
          title: '窓口のオンライン化',
          prefectureNote: '7/1 ヒアリング',
        }),
      }),
    )) as Response
    expect(onBehalf.status).toBe(302)
    const townView = await issuesLoader(routeArgs(services, '/issues', { cookie: otherTownStaff }))
    expect(townView.issues).toMatchObject([{ title: '窓口のオンライン化', enteredByPrefecture: true }])
    // The hearing note stays with the prefecture.
    const id = townView.issues[0]!.id
    expect(
      (await issueLoader(routeArgs(services, `/issues/${id}`, { cookie: otherTownStaff, params: { id } })))
        .showPrefectureNote,
    ).toBe(false)

    const reviewing = (await issueAction(
      routeArgs(services, `/issues/${issueId}`, {
        cookie: hiroshimaStaff,
        params: { id: issueId },
        form: { to: 'reviewing' },
      }),
    )) as Response
    expect(reviewing.status).toBe(302)
    // A municipality cannot close the prefecture's review; it can only withdraw its own post.
    const refused = unwrap(
      await issueAction(
        routeArgs(services, `/issues/${issueId}`, {
          cookie: akiotaStaff,
          params: { id: issueId },
          form: { to: 'closed' },
        }),
      ),
    )
    expect(refused.status).toBe(409)
  })

  it('starts a need from a template with the chosen issues: tasks, role, skills and municipalities filled in', async () => {
    const page = await newNeedLoader(routeArgs(services, `/needs/new?issue=${issueId}`, { cookie: hiroshimaStaff }))
    expect(page.templates.map((t) => t.title)).toContain('標準化・クラウド化に向けた助言・仕様調整')
    expect(page.issues).toMatchObject([{ id: issueId, municipalityName: '安芸太田町' }])

    const refused = unwrap(
      await newNeedAction(
        routeArgs(services, '/needs/new', {
          cookie: okayamaStaff,
          form: { templateId: 'standardization-advice', issueIds: [issueId] },
        }),
      ),
    )
    expect(refused.status).toBe(400)

    const created = (await newNeedAction(
      routeArgs(services, '/needs/new', {
        cookie: hiroshimaStaff,
        form: { templateId: 'standardization-advice', issueIds: [issueId] },
      }),
    )) as Response
    expect(created.status).toBe(302)
    needId = created.headers.get('Location')!.split('/')[2]!
    const need = await needLoader(
      routeArgs(services, `/needs/${needId}`, { cookie: hiroshimaStaff, params: { id: needId } }),
    )
    expect(need.need).toMatchObject({
      status: 'draft',
      title: '標準化・クラウド化に向けた助言・仕様調整',
      roleName: 'エンジニア',
      employmentFormLabel: '非常勤',
    })
    expect(need.need.tasks).toEqual(['標準化・クラウド化に向けた助言・仕様調整'])
    expect(need.need.skills.map((s) => s.name)).toContain('標準化・共通化（20業務）とガバメントクラウド')
    expect(need.need.municipalities).toEqual([{ code: akiota.code, name: '安芸太田町', daysPerWeek: 1 }])
    expect(need.need.background).toContain('情報担当が1人')
    expect(need.issues).toMatchObject([{ id: issueId, statusLabel: 'ニーズに反映済み' }])
    expect(need.events).toMatchObject([{ fromLabel: null, toLabel: '下書き' }])
    // The municipality sees where its post went.
    const mine = await issuesLoader(routeArgs(services, '/issues', { cookie: akiotaStaff }))
    expect(mine.issues.find((i) => i.id === issueId)?.needs).toMatchObject([{ id: needId, status: 'draft' }])
  })

  it('keeps a need inside its prefecture: another prefecture gets 404, the ministry reads it', async () => {
    expect(
      (
        await thrownResponse(() =>
          needLoader(routeArgs(services, `/needs/${needId}`, { cookie: okayamaStaff, params: { id: needId } })),
        )
      ).status,
    ).toBe(404)
    expect(
      (await needsLoader(routeArgs(services, '/needs', { cookie: okayamaStaff }))).needs.map((n) => n.id),
    ).not.toContain(needId)
    const write = await thrownResponse(() =>
      needAction(
        routeArgs(services, `/needs/${needId}`, {
          cookie: okayamaStaff,
          params: { id: needId },
          form: { to: 'published', lockVersion: '0' },
        }),
      ),
    )
    expect(write.status).toBe(404)
    const national = await needsLoader(routeArgs(services, '/needs', { cookie: ministry }))
    expect(national.needs.find((n) => n.id === needId)).toMatchObject({
      prefectureName: '広島県',
      statusLabel: '下書き',
    })
    expect(national.canEdit).toBe(false)
  })

  it('refuses bad job descriptions at the field: days per body, end before start, a body outside the prefecture', async () => {
    const tooMany = unwrap(
      await needEditAction(
        routeArgs(services, `/needs/${needId}/edit`, {
          cookie: hiroshimaStaff,
          params: { id: needId },
          form: await jdForm(hiroshimaStaff, needId, { 'municipalities[0].daysPerWeek': '6' }),
        }),
      ),
    )
    expect(tooMany.status).toBe(400)
    expect(JSON.stringify(tooMany.body)).toContain('1つの団体あたり週5日以内にしてください')
    const negative = unwrap(
      await needEditAction(
        routeArgs(services, `/needs/${needId}/edit`, {
          cookie: hiroshimaStaff,
          params: { id: needId },
          form: await jdForm(hiroshimaStaff, needId, { 'municipalities[0].daysPerWeek': '-1' }),
        }),
      ),
    )
    expect(JSON.stringify(negative.body)).toContain('週の日数は0より大きい数にしてください')
    const backwards = unwrap(
      await needEditAction(
        routeArgs(services, `/needs/${needId}/edit`, {
          cookie: hiroshimaStaff,
          params: { id: needId },
          form: await jdForm(hiroshimaStaff, needId, { startOn: '2027-04-01', endOn: '2027-03-31' }),
        }),
      ),
    )
    expect(backwards.status).toBe(400)
    expect(JSON.stringify(backwards.body)).toContain('終了日は開始日以降の日付にしてください')
    const outside = unwrap(
      await needEditAction(
        routeArgs(services, `/needs/${needId}/edit`, {
          cookie: hiroshimaStaff,
          params: { id: needId },
          form: await jdForm(hiroshimaStaff, needId, {
            'municipalities[1].code': okayamaTown.code,
            'municipalities[1].daysPerWeek': '1',
          }),
        }),
      ),
    )
    expect(outside.status).toBe(400)
    expect(JSON.stringify(outside.body)).toContain('管内の市区町村ではありません')
    // Nothing of the above was saved.
    const need = await needLoader(
      routeArgs(services, `/needs/${needId}`, { cookie: hiroshimaStaff, params: { id: needId } }),
    )
    expect(need.need.municipalities).toEqual([{ code: akiota.code, name: '安芸太田町', daysPerWeek: 1 }])
    expect(need.need.startOn).toBeNull()
  })

  it('warns (but saves) when the days add up to more than five a week', async () => {
    const saved = (await needEditAction(
      routeArgs(services, `/needs/${needId}/edit`, {
        cookie: hiroshimaStaff,
        params: { id: needId },
        form: await jdForm(hiroshimaStaff, needId, {
          'municipalities[0].daysPerWeek': '3',
          'municipalities[1].code': kitahiroshima.code,
          'municipalities[1].daysPerWeek': '3',
        }),
      }),
    )) as Response
    expect(saved.status).toBe(302)
    const need = await needLoader(
      routeArgs(services, `/needs/${needId}`, { cookie: hiroshimaStaff, params: { id: needId } }),
    )
    expect(need.need.daysTotal).toBe(6)
    expect(need.need.daysWarning).toContain('週5日を超えています')
  })

  it('publishes only a complete job description, along the allowed steps, with history and audit', async () => {
    const incomplete = unwrap(
      await needAction(
        routeArgs(services, `/needs/${needId}`, {
          cookie: hiroshimaStaff,
          params: { id: needId },
          form: { to: 'published', lockVersion: String(await lockOf(needId)) },
        }),
      ),
    )
    expect(incomplete.status).toBe(400)
    expect(JSON.stringify(incomplete.body)).toContain('開始日を入力してください')
    expect(JSON.stringify(incomplete.body)).toContain('県の管理体制（担当課・監督者）を入力してください')

    const skip = unwrap(
      await needAction(
        routeArgs(services, `/needs/${needId}`, {
          cookie: hiroshimaStaff,
          params: { id: needId },
          form: { to: 'filled', lockVersion: String(await lockOf(needId)) },
        }),
      ),
    )
    expect(JSON.stringify(skip.body)).toContain('「下書き」から「充足」には変更できません')

    const saved = (await needEditAction(
      routeArgs(services, `/needs/${needId}/edit`, {
        cookie: hiroshimaStaff,
        params: { id: needId },
        form: await jdForm(hiroshimaStaff, needId, {
          'municipalities[0].daysPerWeek': '1',
          'municipalities[1].code': kitahiroshima.code,
          'municipalities[1].daysPerWeek': '1',
          startOn: '2027-04-01',
          endOn: '2028-03-31',
          supervisor: '広島県 デジタル推進課長',
          remoteDaysPerWeek: '1',
          payUnit: 'day',
          payMinYen: '30000',
          payMaxYen: '40000',
          openCall: 'on',
        }),
      }),
    )) as Response
    expect(saved.status).toBe(302)
    const stale = unwrap(
      await needAction(
        routeArgs(services, `/needs/${needId}`, {
          cookie: hiroshimaStaff,
          params: { id: needId },
          form: { to: 'published', lockVersion: '0' },
        }),
      ),
    )
    expect(stale.status).toBe(409)
    const published = (await needAction(
      routeArgs(services, `/needs/${needId}`, {
        cookie: hiroshimaStaff,
        params: { id: needId },
        form: { to: 'published', lockVersion: String(await lockOf(needId)), note: '県HPでも告知' },
      }),
    )) as Response
    expect(published.status).toBe(302)
    const need = await needLoader(
      routeArgs(services, `/needs/${needId}`, { cookie: hiroshimaStaff, params: { id: needId } }),
    )
    expect(need.need.status).toBe('published')
    expect(need.events.map((e) => e.toLabel)).toEqual(['下書き', '公開'])
    expect(need.events[1]!.note).toBe('県HPでも告知')
    const audit = await services.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity', '=', 'need')
      .where('entity_id', '=', needId)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'change_status'])
  })

  it('lists the published need in the open calls (Meilisearch), searchable by prefecture, role, topic and remote', async () => {
    await drain()
    const byWords = await openCallsLoader(routeArgs(services, '/open-calls?q=ガバメントクラウド'))
    expect(byWords.needs.map((n) => n.id)).toContain(needId)
    const filtered = await openCallsLoader(
      routeArgs(services, '/open-calls?pref=34&role=engineer&topic=government-cloud&remote=1'),
    )
    expect(filtered.needs).toMatchObject([{ id: needId, prefectureName: '広島県', roleName: 'エンジニア' }])
    expect((await openCallsLoader(routeArgs(services, '/open-calls?pref=33'))).needs.map((n) => n.id)).not.toContain(
      needId,
    )
    expect(
      (await openCallsLoader(routeArgs(services, '/open-calls?role=producer'))).needs.map((n) => n.id),
    ).not.toContain(needId)
    // A malformed query string shows everything from the first page and says what was wrong.
    const malformed = await openCallsLoader(routeArgs(services, '/open-calls?pref=99&q=ガバメントクラウド'))
    expect(malformed.notice).toBe('都道府県を一覧から選択してください')
    expect(malformed.query).toEqual({ q: '', pref: '', role: '', topic: '', remote: false, page: 1 })
    expect(malformed.needs.map((n) => n.id)).toContain(needId)
    // The public page hides the prefecture's internal management note and lock version.
    const page = await openCallLoader(routeArgs(services, `/open-calls/${needId}`, { params: { id: needId } }))
    expect(page.need.municipalities.map((m) => m.name)).toEqual(['安芸太田町', '北広島町'])
    expect(page.need).not.toHaveProperty('managementNote')
    expect(page.interest.state).toBe('anonymous')
  })

  it('a professional expresses interest: a pool application for that prefecture linked to the need', async () => {
    const professional = await loginAs(services, { role: 'professional' })
    const noProfile = (await openCallAction(
      routeArgs(services, `/open-calls/${needId}`, {
        cookie: professional.cookie,
        params: { id: needId },
        form: { message: '' },
      }),
    )) as Response
    expect(noProfile.headers.get('Location')).toContain('/profile/basics')
    const profileId = await createProfile(services.database.db, professional.user.id, {
      familyName: '関心',
      visibility: 'none',
    })
    const interested = (await openCallAction(
      routeArgs(services, `/open-calls/${needId}`, {
        cookie: professional.cookie,
        params: { id: needId },
        form: { message: '標準化の経験があります' },
      }),
    )) as Response
    expect(interested.status).toBe(302)
    const again = unwrap(
      await openCallAction(
        routeArgs(services, `/open-calls/${needId}`, {
          cookie: professional.cookie,
          params: { id: needId },
          form: { message: '' },
        }),
      ),
    )
    expect(JSON.stringify(again.body)).toContain('すでに関心を表明しています')

    const member = await services.database.db
      .selectFrom('pool_member')
      .select(['id', 'prefecture_code', 'status', 'source'])
      .where('profile_id', '=', profileId)
      .executeTakeFirstOrThrow()
    expect(member).toMatchObject({ prefecture_code: '34', status: 'applied', source: 'public_call' })
    const mine = await applicationsLoader(routeArgs(services, '/applications', { cookie: professional.cookie }))
    expect(mine.applications).toMatchObject([{ id: member.id, prefectureName: '広島県', statusLabel: '応募' }])
    expect(mine.interests).toMatchObject([{ needId, open: true, stateLabel: '募集中', prefectureName: '広島県' }])
    // It is the professional's own data: in the download too.
    const exported = JSON.parse(
      await (
        (await exportJsonLoader(
          routeArgs(services, '/profile/export.json', { cookie: professional.cookie }),
        )) as Response
      ).text(),
    )
    expect(exported.applications).toMatchObject([
      { prefectureName: '広島県', status: 'applied', message: '標準化の経験があります' },
    ])
    expect(exported.openCallInterests).toMatchObject([
      { needTitle: '標準化・クラウド化に向けた助言・仕様調整', message: '標準化の経験があります' },
    ])
    const need = await needLoader(
      routeArgs(services, `/needs/${needId}`, { cookie: hiroshimaStaff, params: { id: needId } }),
    )
    expect(need.interests).toMatchObject([
      { poolMemberId: member.id, name: '関心 太郎', message: '標準化の経験があります' },
    ])
    // The ministry reads the need nationally, but this person shares the profile with 広島県 only (by applying).
    const nationalView = await needLoader(
      routeArgs(services, `/needs/${needId}`, { cookie: ministry, params: { id: needId } }),
    )
    expect(nationalView.interests).toEqual([
      expect.objectContaining({ poolMemberId: member.id, name: null, message: '' }),
    ])
    expect(JSON.stringify(nationalView)).not.toContain('関心 太郎')
    // Applying shared the (otherwise private) profile with 広島県 only.
    await drain()
    expect((await searchProfiles(services.search, { kind: 'prefecture', prefectureCode: '34' }, {})).ids).toContain(
      profileId,
    )
    expect((await searchProfiles(services.search, { kind: 'prefecture', prefectureCode: '33' }, {})).ids).not.toContain(
      profileId,
    )
  })

  it('takes the need out of the open calls when selection starts, and refuses interest then', async () => {
    const selecting = (await needAction(
      routeArgs(services, `/needs/${needId}`, {
        cookie: hiroshimaStaff,
        params: { id: needId },
        form: { to: 'selecting', lockVersion: String(await lockOf(needId)) },
      }),
    )) as Response
    expect(selecting.status).toBe(302)
    await drain()
    expect((await searchNeeds(services.search, { kind: 'ministry' }, {})).ids).not.toContain(needId)
    expect(
      (
        await thrownResponse(() =>
          openCallLoader(routeArgs(services, `/open-calls/${needId}`, { params: { id: needId } })),
        )
      ).status,
    ).toBe(404)
    const late = await loginAs(services, { role: 'professional' })
    await createProfile(services.database.db, late.user.id, { familyName: '遅刻' })
    const refused = unwrap(
      await openCallAction(
        routeArgs(services, `/open-calls/${needId}`, {
          cookie: late.cookie,
          params: { id: needId },
          form: { message: '' },
        }),
      ),
    )
    expect(JSON.stringify(refused.body)).toContain('募集を終了しました')
  })

  it('prints the job description with the prefecture’s name, and exports CSV of the own prefecture only', async () => {
    const print = await printLoader(
      routeArgs(services, `/needs/${needId}/print`, { cookie: hiroshimaStaff, params: { id: needId } }),
    )
    expect(print.need).toMatchObject({
      prefectureName: '広島県',
      title: '標準化・クラウド化に向けた助言・仕様調整',
      pay: '日額 30,000円〜40,000円',
    })
    const csv = (await needsCsvLoader(routeArgs(services, '/needs/export.csv', { cookie: hiroshimaStaff }))) as Response
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text).toContain('安芸太田町（週1日）、北広島町（週1日）')
    expect(text).toContain('選考中')
    // The list names the same bodies in the same order, with the days and the prefecture.
    const listed = (await needsLoader(routeArgs(services, '/needs', { cookie: hiroshimaStaff }))).needs
    expect(listed.find((n) => n.id === needId)).toMatchObject({
      prefectureName: '広島県',
      municipalities: '安芸太田町 週1日・北広島町 週1日',
      daysTotal: 2,
    })
    const okayamaCsv = await (
      (await needsCsvLoader(routeArgs(services, '/needs/export.csv', { cookie: okayamaStaff }))) as Response
    ).text()
    expect(okayamaCsv).not.toContain(needId)
  })

  it('never loses a write when Meilisearch is down; the open calls fall back to Postgres and say so', async () => {
    const created = (await newNeedAction(
      routeArgs(services, '/needs/new', {
        cookie: hiroshimaStaff,
        form: { templateId: 'hr-development', issueIds: [] },
      }),
    )) as Response
    const id = created.headers.get('Location')!.split('/')[2]!
    await needEditAction(
      routeArgs(services, `/needs/${id}/edit`, {
        cookie: hiroshimaStaff,
        params: { id },
        form: await jdForm(hiroshimaStaff, id, {
          'municipalities[0].code': akiota.code,
          'municipalities[0].daysPerWeek': '0.5',
          startOn: '2027-06-01',
          supervisor: '人事課',
          openCall: 'on',
        }),
      }),
    )
    const down = { ...services, search: createUnreachableSearchClient() }
    const published = (await needAction(
      routeArgs(down, `/needs/${id}`, {
        cookie: hiroshimaStaff,
        params: { id },
        form: { to: 'published', lockVersion: String(await lockOf(id)) },
      }),
    )) as Response
    expect(published.status).toBe(302)
    const list = await openCallsLoader(routeArgs(down, '/open-calls?pref=34&topic=hr-development'))
    expect(list.notice).toContain('検索が一時的に利用できない')
    expect(list.needs.map((n) => n.id)).toEqual([id])
    // The index catches up once Meilisearch is back.
    await drain()
    expect((await searchNeeds(services.search, { kind: 'public' }, { topicId: 'hr-development' })).ids).toContain(id)
  })
})

async function lockOf(id: string): Promise<number> {
  const row = await services.database.db
    .selectFrom('need')
    .select('lock_version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return row.lock_version
}
