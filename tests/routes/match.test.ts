// Need → candidates on a hand-made fixture, through the model the route calls, real Postgres and Meilisearch:
// hard conditions filter, 必須 skills decide the tier, the explanation says why, consent holds on every path
// (search filter, row check, SQL fallback), and the SQL fallback ranks exactly like the search path.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { getNeedMatches } from '../../app/models/match.server'
import { MatchQuerySchema } from '../../app/utils/match-query'
import type { Services } from '../../app/services.server'
import type { SessionUser } from '../../app/utils/auth.server'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import type { EmploymentForm } from '../../db/schema'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { createProfile, createPublishedNeed, createUser, loginAs } from '../factories'
import { createTestServices, createUnreachableSearchClient, routeArgs, thrownResponse, unwrap } from '../services'
import * as candidatesRoute from '../../app/routes/needs.$id_.candidates/route'
import * as fittingRoute from '../../app/routes/open-calls.for-me/route'
import * as homeRoute from '../../app/routes/_index'
import * as memberRoute from '../../app/routes/pools.$memberId/route'

let services: Services
let hiroshimaStaff: SessionUser
let ministryStaff: SessionUser
let needId: string
const ids: Record<string, string> = {}

const db = () => services.database.db
const context = (s: Services = services) => routeArgs(s, '/').context
const query = (params: Record<string, string> = {}) => MatchQuerySchema.parse(params)

async function drain() {
  for (let i = 0; i < 10; i++)
    if ((await drainSearchOutboxOnce({ db: db(), search: services.search })).claimed === 0) return
}

interface Person {
  skills?: Record<string, number>
  evidence?: string[]
  forms?: EmploymentForm[]
  days?: number | null
  area?: { all: true } | { prefectures: string[] }
  remote?: boolean
  from?: string | null
  visibility?: 'none' | 'selected' | 'all'
  visibleTo?: string[]
  nationalList?: boolean
  yearsPublic?: number
  residence?: string
  intro?: string
}

async function person(key: string, p: Person) {
  const user = await createUser(db(), { role: 'professional' })
  const id = await createProfile(db(), user.id, {
    familyName: key,
    visibility: p.visibility ?? 'all',
    prefectures: p.visibleTo ?? [],
  })
  await db()
    .updateTable('profile')
    .set({
      employment_forms: p.forms ?? ['part_time'],
      days_per_week: p.days === undefined ? 3 : p.days,
      work_area: p.area && 'prefectures' in p.area ? 'selected' : 'all',
      work_prefecture_codes: p.area && 'prefectures' in p.area ? p.area.prefectures : [],
      remote_ok: p.remote ?? false,
      available_from: p.from ?? null,
      national_list_consent: p.nationalList ?? false,
      years_public_sector: p.yearsPublic ?? 0,
      residence_prefecture_code: p.residence ?? '34',
      introduction: p.intro ?? '',
    })
    .where('id', '=', id)
    .execute()
  const skills = Object.entries(p.skills ?? {})
  if (skills.length)
    await db()
      .insertInto('profile_skill')
      .values(skills.map(([skill_id, level]) => ({ profile_id: id, skill_id, level })))
      .execute()
  if (p.evidence?.length)
    await db()
      .insertInto('profile_experience')
      .values({
        id: crypto.randomUUID(),
        profile_id: id,
        organization: '〇〇市役所',
        started_on: '2020-04-01',
        skill_ids: p.evidence,
      })
      .execute()
  await db()
    .transaction()
    .execute((trx) => enqueueSearchSync(trx, 'profile', [id]))
  ids[key] = id
}

beforeAll(async () => {
  services = await createTestServices()
  hiroshimaStaff = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).user
  ministryStaff = (await loginAs(services, { role: 'ministry_staff' })).user
  // A published need of Hiroshima: 必須 bpr ≥ 3 and data-analysis ≥ 2, 任意 government-cloud ≥ 2; 非常勤,
  // 2 days a week in one town, on site, from 2027-04-01.
  needId = await createPublishedNeed(db(), {
    title: '業務改革とデータ活用の支援',
    employmentForm: 'part_time',
    skills: [
      { skillId: 'bpr', minLevel: 3, essential: true },
      { skillId: 'data-analysis', minLevel: 2, essential: true },
      { skillId: 'government-cloud', minLevel: 2, essential: false },
    ],
  })

  // Candidates who pass every hard condition.
  await person('全部', { skills: { bpr: 4, 'data-analysis': 2, 'government-cloud': 2 }, evidence: ['bpr'] })
  await person('必須のみ', { skills: { bpr: 3, 'data-analysis': 2 } })
  // Strong everywhere but one 必須 skill below its level: never above someone who meets them all.
  await person('一つ不足', {
    skills: { bpr: 4, 'data-analysis': 1, 'government-cloud': 4 },
    evidence: ['bpr', 'government-cloud'],
    yearsPublic: 10,
  })
  await person('スキルなし', { skills: {} })
  // Each fails one hard condition.
  await person('常勤のみ', { skills: { bpr: 4, 'data-analysis': 4 }, forms: ['full_time'] })
  await person('週1日', { skills: { bpr: 4, 'data-analysis': 4 }, days: 1 })
  await person('東京のみ', { skills: { bpr: 4, 'data-analysis': 4 }, area: { prefectures: ['13'] }, remote: true })
  await person('着任が遅い', { skills: { bpr: 4, 'data-analysis': 4 }, from: '2027-06-01' })
  // Consent: not shared with Hiroshima.
  await person('非公開', { skills: { bpr: 4, 'data-analysis': 4 }, visibility: 'none' })
  await person('東京にだけ公開', { skills: { bpr: 4, 'data-analysis': 4 }, visibility: 'selected', visibleTo: ['13'] })
  await person('国のリストのみ', { skills: { bpr: 4, 'data-analysis': 4 }, visibility: 'none', nationalList: true })
  await drain()
})

afterAll(async () => {
  await services?.close()
})

const namesOf = (page: Awaited<ReturnType<typeof getNeedMatches>>) => page.candidates.map((c) => c.name.split(' ')[0])

describe('need → candidates', () => {
  it('keeps only those who pass the hard conditions and may be seen, every 必須 skill first', async () => {
    const page = await getNeedMatches(context(), hiroshimaStaff, needId, query())
    expect(page.searchUnavailable).toBe(false)
    expect(namesOf(page)).toEqual(['全部', '必須のみ', '一つ不足', 'スキルなし'])
    expect(page.total).toBe(4)
    const [best, second, third] = page.candidates
    expect(best!.explanation.tier).toBe(0)
    expect(third!.explanation.tier).toBe(1)
    // The third has the highest raw strengths but misses a 必須 level, so it ranks below both.
    expect(third!.explanation.score).toBeLessThan(best!.explanation.score)
    expect(second!.explanation.score).toBeLessThan(best!.explanation.score)
  })

  it('explains each candidate: skills met, below or missing, evidence and conditions', async () => {
    const page = await getNeedMatches(context(), hiroshimaStaff, needId, query())
    const third = page.candidates.find((c) => c.name.startsWith('一つ不足'))!
    expect(third.explanation.skills).toEqual([
      expect.objectContaining({ skillId: 'bpr', essential: true, required: 3, held: 4, state: 'met', evidenced: true }),
      expect.objectContaining({ skillId: 'data-analysis', essential: true, required: 2, held: 1, state: 'below' }),
      expect.objectContaining({ skillId: 'government-cloud', essential: false, held: 4, state: 'met' }),
    ])
    expect(third.explanation.summary).toContain('必須スキル 2件中 1件を満たす')
    const none = page.candidates.find((c) => c.name.startsWith('スキルなし'))!
    expect(none.explanation.skills.every((s) => s.state === 'missing')).toBe(true)
    expect(none.explanation.conditions.map((c) => [c.label, c.ok])).toEqual([
      ['雇用形態', true],
      ['勤務日数', true],
      ['勤務地', true],
      ['着任可能日', true],
    ])
  })

  it('counts facets over every candidate and narrows by them and by free text', async () => {
    const page = await getNeedMatches(context(), hiroshimaStaff, needId, query())
    expect(page.facets.skills.find((f) => f.value === 'bpr')).toMatchObject({ count: 3 })
    expect(page.facets.residence).toEqual([{ value: '34', label: '広島県', count: 4 }])
    const cloud = await getNeedMatches(context(), hiroshimaStaff, needId, query({ skill: 'government-cloud' }))
    expect(namesOf(cloud)).toEqual(['全部', '一つ不足'])
    const byName = await getNeedMatches(context(), hiroshimaStaff, needId, query({ q: '必須のみ' }))
    expect(namesOf(byName)).toEqual(['必須のみ'])
    // Free text goes through the shared normalisation: a word of a skill's name (標準化・共通化（20業務）と
    // ガバメントクラウド) typed as its reading, in any kana, or still being typed.
    for (const q of ['ひょうじゅんか', 'ﾋｮｳｼﾞｭﾝｶ', 'きょうつうか', 'ひょうじゅ'])
      expect(namesOf(await getNeedMatches(context(), hiroshimaStaff, needId, query({ q }))), q).toEqual(namesOf(cloud))
  })

  it('drops a person at once when consent is withdrawn, before the index catches up', async () => {
    await db().updateTable('profile').set({ visibility: 'none' }).where('id', '=', ids['必須のみ']!).execute()
    try {
      const page = await getNeedMatches(context(), hiroshimaStaff, needId, query())
      expect(namesOf(page)).not.toContain('必須のみ')
      expect(JSON.stringify(page)).not.toContain(ids['必須のみ']!)
    } finally {
      await db().updateTable('profile').set({ visibility: 'all' }).where('id', '=', ids['必須のみ']!).execute()
    }
  })

  it('gives the ministry the national audience only', async () => {
    const page = await getNeedMatches(context(), ministryStaff, needId, query())
    const names = namesOf(page)
    expect(names).toContain('国のリストのみ')
    expect(names).not.toContain('東京にだけ公開')
    expect(names).not.toContain('非公開')
  })

  it('matches in SQL when Meilisearch is down, with the same order and the same consent', async () => {
    const down = { ...services, search: createUnreachableSearchClient() }
    const fallback = await getNeedMatches(context(down), hiroshimaStaff, needId, query())
    const normal = await getNeedMatches(context(), hiroshimaStaff, needId, query())
    expect(fallback.searchUnavailable).toBe(true)
    expect(namesOf(fallback)).toEqual(namesOf(normal))
    expect(fallback.candidates.map((c) => c.explanation)).toEqual(normal.candidates.map((c) => c.explanation))
    expect(fallback.facets.skills).toEqual(normal.facets.skills)
  })

  it('is not for viewers without a pool, nor for another prefecture’s need', async () => {
    const municipal = (await loginAs(services, { role: 'municipal_staff', municipalityCode: '343684' })).user
    await expect(getNeedMatches(context(), municipal, needId, query())).rejects.toMatchObject({ status: 404 })
    const tokyo = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '13' })).user
    await expect(getNeedMatches(context(), tokyo, needId, query())).rejects.toMatchObject({ status: 404 })
  })

  it('ignores malformed query values instead of failing', () => {
    expect(query({ form: 'x', residence: '99', skill: 'A B', status: 'nope', page: '-3', q: ' ' })).toEqual({ page: 1 })
  })
})

describe('the candidates page', () => {
  it('returns the ranked candidates and the narrowing from the URL, and no contact details', async () => {
    const { cookie } = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })
    const url = `/needs/${needId}/candidates?skill=bpr&form=bogus&page=1`
    const page = await candidatesRoute.loader(routeArgs(services, url, { cookie, params: { id: needId } }))
    expect(page.query).toEqual({ skill: 'bpr', page: 1 })
    expect(page.candidates.map((c) => c.name.split(' ')[0])).toEqual(['全部', '必須のみ', '一つ不足'])
    expect(JSON.stringify(page)).not.toMatch(/@example\.jp|contact_email|phone/)
  })

  it('saves a search under a name, refuses the same name again in Japanese, and deletes it', async () => {
    const { cookie } = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })
    const args = (form: Record<string, string>) =>
      routeArgs(services, `/needs/${needId}/candidates`, { cookie, params: { id: needId }, form })
    const saved = await candidatesRoute.action(
      args({ intent: 'save-search', name: 'BPRあり', search: 'skill=bpr&x=1' }),
    )
    expect((saved as Response).status).toBe(302)
    expect((saved as Response).headers.get('Location')).toBe(`/needs/${needId}/candidates?skill=bpr`)
    const again = unwrap(await candidatesRoute.action(args({ intent: 'save-search', name: 'BPRあり', search: '' })))
    expect(again.status).toBe(400)
    expect(again.body).toMatchObject({ fieldErrors: { name: [expect.stringContaining('同じ名前')] } })
    const empty = unwrap(await candidatesRoute.action(args({ intent: 'save-search', name: '  ' })))
    expect(empty.body).toMatchObject({ fieldErrors: { name: ['検索条件の名前を入力してください。'] } })

    const page = await candidatesRoute.loader(
      routeArgs(services, `/needs/${needId}/candidates`, { cookie, params: { id: needId } }),
    )
    expect(page.savedSearches).toEqual([{ id: expect.any(String), name: 'BPRあり', search: 'skill=bpr' }])
    const deleted = await candidatesRoute.action(args({ intent: 'delete-search', searchId: page.savedSearches[0]!.id }))
    expect((deleted as Response).status).toBe(302)
    const missing = await thrownResponse(() =>
      candidatesRoute.action(args({ intent: 'delete-search', searchId: page.savedSearches[0]!.id })),
    )
    expect(missing.status).toBe(404)
  })

  it("keeps another prefecture's staff out of the need and its saved searches", async () => {
    const { cookie } = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '13' })
    const response = await thrownResponse(() =>
      candidatesRoute.loader(routeArgs(services, `/needs/${needId}/candidates`, { cookie, params: { id: needId } })),
    )
    expect(response.status).toBe(404)
    const post = await thrownResponse(() =>
      candidatesRoute.action(
        routeArgs(services, `/needs/${needId}/candidates`, {
          cookie,
          params: { id: needId },
          form: { intent: 'save-search', name: '横取り', search: '' },
        }),
      ),
    )
    expect(post.status).toBe(404)
  })
})

describe('candidate → needs', () => {
  async function professional(changes: Record<string, unknown>) {
    const { user, cookie } = await loginAs(services, { role: 'professional' })
    const id = await createProfile(db(), user.id, { visibility: 'none' })
    await db()
      .updateTable('profile')
      .set({ employment_forms: ['part_time'], days_per_week: 3, work_area: 'all', ...changes })
      .where('id', '=', id)
      .execute()
    await db().insertInto('profile_skill').values({ profile_id: id, skill_id: 'bpr', level: 3 }).execute()
    return cookie
  }
  const fitting = (cookie: string) => fittingRoute.loader(routeArgs(services, '/open-calls/for-me', { cookie }))

  it('shows a professional the open calls they fit, with what they meet and miss, from their own profile only', async () => {
    await db().updateTable('need').set({ open_call: true }).where('id', '=', needId).execute()
    try {
      const cookie = await professional({})
      const page = await fitting(cookie)
      if (!page.hasProfile) throw new Error('expected a profile')
      // The home page shows the best of them, with the same reasons.
      const home = await homeRoute.loader(routeArgs(services, '/', { cookie }))
      if (home.home.kind !== 'professional') throw new Error('expected the professional home')
      expect(home.home.fittingNeeds.map((n) => n.id)).toContain(needId)
      expect(home.home.fittingNeeds.find((n) => n.id === needId)!.explanation).toEqual(
        page.needs.find((n) => n.id === needId)!.explanation,
      )
      const mine = page.needs.find((n) => n.id === needId)!
      expect(mine.explanation.summary).toBe('必須スキル 2件中 1件を満たす・任意スキル 1件中 0件')
      expect(mine.explanation.skills.map((s) => [s.skillId, s.state])).toEqual([
        ['bpr', 'met'],
        ['data-analysis', 'missing'],
        ['government-cloud', 'missing'],
      ])
      // A need whose conditions the person does not meet is not offered.
      const fullTimeOnly = await fitting(await professional({ employment_forms: ['full_time'] }))
      expect(fullTimeOnly.needs.map((n) => n.id)).not.toContain(needId)
      // Only open calls: the same need kept to the prefecture is not listed.
      await db().updateTable('need').set({ open_call: false }).where('id', '=', needId).execute()
      expect((await fitting(await professional({}))).needs.map((n) => n.id)).not.toContain(needId)
    } finally {
      await db().updateTable('need').set({ open_call: false }).where('id', '=', needId).execute()
    }
  })

  it('asks a professional without a profile to register one, and is for professionals only', async () => {
    const { cookie } = await loginAs(services, { role: 'professional' })
    expect(await fitting(cookie)).toMatchObject({ hasProfile: false, needs: [] })
    const staff = await loginAs(services, { role: 'prefecture_staff' })
    expect((await thrownResponse(() => fitting(staff.cookie))).status).toBe(403)
  })
})

describe("a pool member's fitting needs", () => {
  it('lists the pool’s published needs the member fits, and nothing once consent is gone', async () => {
    const memberId = crypto.randomUUID()
    await db()
      .insertInto('pool_member')
      .values({
        id: memberId,
        prefecture_code: '34',
        profile_id: ids['全部']!,
        status: 'registered',
        source: 'application',
      })
      .execute()
    const { cookie } = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })
    const open = () => memberRoute.loader(routeArgs(services, `/pools/${memberId}`, { cookie, params: { memberId } }))
    const page = unwrap(await open()).body
    expect(page.fittingNeeds.map((n) => n.id)).toContain(needId)
    expect(page.fittingNeeds.find((n) => n.id === needId)!.explanation.tier).toBe(0)
    await db().updateTable('profile').set({ visibility: 'none' }).where('id', '=', ids['全部']!).execute()
    try {
      // Joining the pool shares the profile with the prefecture, so withdraw the membership's sharing too.
      await db()
        .updateTable('pool_member')
        .set({ copied_from_national_list: true })
        .where('id', '=', memberId)
        .execute()
      expect(unwrap(await open()).body.fittingNeeds).toEqual([])
    } finally {
      await db().updateTable('profile').set({ visibility: 'all' }).where('id', '=', ids['全部']!).execute()
      await db().deleteFrom('pool_member').where('id', '=', memberId).execute()
    }
  })
})

describe('the pool facets of a match', () => {
  it("counts and narrows by the viewer's own pool, however many other pools the candidates are in", async () => {
    // 必須のみ is in 33 other prefectures' pools with a status and three roles each: far more facet values
    // than a facet lists (100), all sorting before Hiroshima's. 全部 is in Hiroshima's pool.
    const members = [
      ...Array.from({ length: 33 }, (_, i) => ({
        prefecture_code: String(i + 1).padStart(2, '0'),
        profile_id: ids['必須のみ']!,
        status: 'applied' as const,
        target_role_ids: ['engineer', 'cio-adviser', 'dx-leader'],
      })),
      {
        prefecture_code: '34',
        profile_id: ids['全部']!,
        status: 'registered' as const,
        target_role_ids: ['cio-adviser'],
      },
    ].map((member) => ({ ...member, id: crypto.randomUUID(), source: 'application' as const }))
    const reindex = async () => {
      await db()
        .transaction()
        .execute((trx) => enqueueSearchSync(trx, 'profile', [ids['必須のみ']!, ids['全部']!]))
      await drain()
    }
    await db().insertInto('pool_member').values(members).execute()
    await reindex()
    try {
      const page = await getNeedMatches(context(), hiroshimaStaff, needId, query())
      expect(page.facets.poolStatuses).toEqual([{ value: 'registered', label: expect.any(String), count: 1 }])
      expect(page.facets.roles).toEqual([{ value: 'cio-adviser', label: expect.any(String), count: 1 }])
      expect(namesOf(await getNeedMatches(context(), hiroshimaStaff, needId, query({ status: 'registered' })))).toEqual(
        ['全部'],
      )
      // Roles held in other prefectures' pools do not count for Hiroshima's.
      expect(namesOf(await getNeedMatches(context(), hiroshimaStaff, needId, query({ role: 'cio-adviser' })))).toEqual([
        '全部',
      ])
      expect(namesOf(await getNeedMatches(context(), hiroshimaStaff, needId, query({ role: 'engineer' })))).toEqual([])
      // The ministry counts its own list ('00'), where neither is.
      const national = await getNeedMatches(context(), ministryStaff, needId, query())
      expect(national.facets.poolStatuses).toEqual([])
    } finally {
      await db()
        .deleteFrom('pool_member')
        .where(
          'id',
          'in',
          members.map((member) => member.id),
        )
        .execute()
      await reindex()
    }
  })
})

describe('a need with more candidates than one ranking pass takes', () => {
  it('offers only the pages it ranked, and says so', async () => {
    // 350 more people who hold every 必須 skill: more than a tier's ranking pass (TIER_LIMIT: 300) takes.
    const crowd = await sql<{ id: string }>`
      with account as (
        insert into app_user (id, email, display_name, role)
        select gen_random_uuid(), 'crowd-' || n || '@example.jp', '群衆', 'professional' from generate_series(1, 350) n
        returning id
      )
      insert into profile (id, user_id, family_name, given_name, family_name_kana, given_name_kana, contact_email,
        visibility, employment_forms, days_per_week, work_area, residence_prefecture_code)
      select gen_random_uuid(), id, '群衆', '一人', 'ぐんしゅう', 'ひとり', id || '@example.jp', 'all', '["part_time"]', 3, 'all', '34'
      from account
      returning id`.execute(db())
    const crowdIds = crowd.rows.map((row) => row.id)
    await sql`insert into profile_skill (profile_id, skill_id, level)
      select id, skill, 3 from unnest(${crowdIds}::uuid[]) as id, unnest(array['bpr', 'data-analysis']) as skill`.execute(
      db(),
    )
    const sync = async () => {
      await db()
        .transaction()
        .execute((trx) => enqueueSearchSync(trx, 'profile', crowdIds))
      for (let i = 0; i < 20; i++)
        if ((await drainSearchOutboxOnce({ db: db(), search: services.search })).claimed === 0) return
    }
    await sync()
    try {
      const first = await getNeedMatches(context(), hiroshimaStaff, needId, query())
      expect(first.truncated).toBe(true)
      // Ranked: the tier of those who meet every 必須 skill as far as one pass takes (300), then the two who
      // do not (一つ不足, スキルなし): 302 people, 16 pages; the total still counts everyone who qualifies.
      expect(first.total).toBe(354)
      expect(first.pageCount).toBe(16)
      const last = await getNeedMatches(context(), hiroshimaStaff, needId, query({ page: '16' }))
      expect(namesOf(last)).toEqual(['一つ不足', 'スキルなし'])
      expect(last.pageCount).toBe(16)
    } finally {
      await db().deleteFrom('profile_skill').where('profile_id', 'in', crowdIds).execute()
      const users = await db().selectFrom('profile').select('user_id').where('id', 'in', crowdIds).execute()
      await db().deleteFrom('profile').where('id', 'in', crowdIds).execute()
      await db()
        .deleteFrom('app_user')
        .where(
          'id',
          'in',
          users.map((u) => u.user_id),
        )
        .execute()
      await sync()
    }
  })
})
