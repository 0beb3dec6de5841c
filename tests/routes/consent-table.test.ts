// Consent as one rule, proven as a table: every consent setting × every kind of viewer × every read path of a
// professional's data, before and after the person withdraws. The expectation comes from the rule as the
// consent page states it (written out in `maySee`, independently of the code); each cell checks what the
// loader or CSV actually returns (the person's e-mail and introduction appear only where consent allows, the
// phone never).
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as applyAction } from '../../app/routes/applications/route'
import { action as nationalAction, loader as nationalLoader } from '../../app/routes/national-list._index/route'
import { loader as nationalCsvLoader } from '../../app/routes/national-list.export[.]csv'
import { loader as memberLoader } from '../../app/routes/pools.$memberId/route'
import { loader as poolLoader } from '../../app/routes/pools._index/route'
import { loader as poolCsvLoader } from '../../app/routes/pools.export[.]csv'
import { action as consentAction } from '../../app/routes/profile.consent/route'
import type { Services } from '../../app/services.server'
import type { ProfileViewer } from '../../db/queries/profile-visibility'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { searchProfiles } from '../../search/queries/profiles'
import { createProfile, loginAs } from '../factories'
import { createTestServices, routeArgs, unwrap } from '../services'

// ---- the table --------------------------------------------------------------------------------------------

/** 広島県 (applied to), 東京都 (another prefecture), 岡山県 (copied the person from the national list), 総務省. */
const VIEWERS = ['applied-to', 'other', 'copier', 'ministry'] as const
type ViewerKey = (typeof VIEWERS)[number]
const CODE: Record<Exclude<ViewerKey, 'ministry'>, string> = { 'applied-to': '34', other: '13', copier: '33' }

type Visibility = { visibility: 'all' | 'none' } | { visibility: 'selected'; codes: string[]; label: string }
const VISIBILITIES: Visibility[] = [
  { visibility: 'all' },
  { visibility: 'selected', codes: ['34', '13', '33'], label: 'selected incl. each viewer' },
  { visibility: 'selected', codes: ['34'], label: 'selected 広島県 only' },
  { visibility: 'selected', codes: ['01'], label: 'selected, no viewer' },
  { visibility: 'none' },
]
interface Consent {
  visibility: Visibility
  national: boolean
}
interface Case extends Consent {
  /** Applied to 広島県's pool themselves (changing consent does not undo an application). */
  applied: boolean
}
const CASES: Case[] = VISIBILITIES.flatMap((visibility) =>
  [true, false].flatMap((national) => [true, false].map((applied) => ({ visibility, national, applied }))),
)
const WITHDRAWN: Consent = { visibility: { visibility: 'none' }, national: false }

const caseLabel = (c: Case) =>
  `${c.visibility.visibility === 'selected' ? c.visibility.label : `visibility ${c.visibility.visibility}`} / national ${c.national ? 'on' : 'off'} / ${c.applied ? 'applied to 広島県' : 'no application'}`

/**
 * The rule as the consent page promises it. A prefecture sees the profile when the person opened it to all
 * prefectures, chose that prefecture, or applied there themselves; a copy from the national list gives nothing.
 * The ministry sees it when the person opened it to all, consented to the national list, or joined the
 * ministry's list themselves, which every person in this table did (through its public call).
 */
function maySee(viewer: ViewerKey, consent: Consent, applied: boolean): boolean {
  if (viewer === 'ministry') return true
  const v = consent.visibility
  return (
    v.visibility === 'all' ||
    (v.visibility === 'selected' && v.codes.includes(CODE[viewer])) ||
    (viewer === 'applied-to' && applied)
  )
}
/** Shown on the national list (and copyable): registered there, national-list consent, and maySee. */
const onNationalList = (viewer: ViewerKey, consent: Consent, applied: boolean) =>
  consent.national && maySee(viewer, consent, applied)

// ---- the people -------------------------------------------------------------------------------------------

interface Person {
  c: Case
  name: string
  email: string
  phone: string
  /** Only the staff-facing profile (pool member page) carries it. */
  introduction: string
  profileId: string
  cookie: string
  nationalMemberId: string
  /** The member id each viewer holds in its own pool (the ministry: the national-list record it runs). */
  rows: Partial<Record<ViewerKey, string>>
}

let services: Services
const cookies = {} as Record<ViewerKey, string>
const people: Person[] = []
const db = () => services.database.db

async function drain() {
  for (let i = 0; i < 20; i++)
    if ((await drainSearchOutboxOnce({ db: db(), search: services.search })).claimed === 0) return
}

async function setConsent(person: Person, consent: Consent) {
  const { lock_version } = await db()
    .selectFrom('profile')
    .select('lock_version')
    .where('id', '=', person.profileId)
    .executeTakeFirstOrThrow()
  const form: Record<string, string | string[]> = {
    lockVersion: String(lock_version),
    visibility: consent.visibility.visibility,
  }
  if (consent.visibility.visibility === 'selected') form.visiblePrefectureCodes = consent.visibility.codes
  if (consent.national) form.nationalListConsent = 'on'
  const response = await consentAction(routeArgs(services, '/profile/consent', { cookie: person.cookie, form }))
  expect((response as Response).status).toBe(302)
}

beforeAll(async () => {
  services = await createTestServices()
  for (const viewer of VIEWERS) {
    cookies[viewer] =
      viewer === 'ministry'
        ? (await loginAs(services, { role: 'ministry_staff' })).cookie
        : (await loginAs(services, { role: 'prefecture_staff', prefectureCode: CODE[viewer] })).cookie
  }
  for (const [index, c] of CASES.entries()) {
    const pro = await loginAs(services, { role: 'professional' })
    const name = `表${String(index).padStart(2, '0')}`
    // Open at first, so that 岡山県 can copy the person from the national list (as happened on the live site).
    const profileId = await createProfile(db(), pro.user.id, { familyName: name, visibility: 'all' })
    const phone = `090-0000-${String(1000 + index)}`
    const introduction = `${name}の自己紹介です。`
    await db()
      .updateTable('profile')
      .set({ national_list_consent: true, phone, introduction })
      .where('id', '=', profileId)
      .execute()
    await db().insertInto('profile_skill').values({ profile_id: profileId, skill_id: 'bpr', level: 2 }).execute()
    const nationalMemberId = crypto.randomUUID()
    await db()
      .insertInto('pool_member')
      .values({
        id: nationalMemberId,
        prefecture_code: '00',
        profile_id: profileId,
        status: 'registered',
        source: 'public_call',
      })
      .execute()
    const person: Person = {
      c,
      name,
      email: `${profileId}@example.jp`,
      phone,
      introduction,
      profileId,
      cookie: pro.cookie,
      nationalMemberId,
      rows: { ministry: nationalMemberId },
    }
    const copied = (await nationalAction(
      routeArgs(services, '/national-list', { cookie: cookies.copier, form: { memberId: nationalMemberId } }),
    )) as Response
    expect(copied.status).toBe(302)
    person.rows.copier = copied.headers.get('Location')!.split('/').pop()!
    if (c.applied) {
      const applied = (await applyAction(
        routeArgs(services, '/applications', { cookie: pro.cookie, form: { prefectureCode: '34', message: '' } }),
      )) as Response
      expect(applied.status).toBe(302)
      const row = await db()
        .selectFrom('pool_member')
        .select('id')
        .where('profile_id', '=', profileId)
        .where('prefecture_code', '=', '34')
        .executeTakeFirstOrThrow()
      person.rows['applied-to'] = row.id
    }
    await setConsent(person, c)
    people.push(person)
  }
  await drain()
  // Twenty people set up through the real routes: slow on a busy machine, so a generous limit.
}, 600_000)
afterAll(async () => {
  await services?.close()
})

// ---- the read paths ---------------------------------------------------------------------------------------

const PATHS = [
  'pool list page data',
  'pool member page data',
  'pool member page profile',
  'pool CSV',
  'pool search (rows re-checked in Postgres)',
  'pool search (Meilisearch filter)',
  'national-list page data',
  'national-list CSV',
] as const
type Path = (typeof PATHS)[number]

const profileViewer = (viewer: ViewerKey): ProfileViewer =>
  viewer === 'ministry' ? { kind: 'ministry' } : { kind: 'prefecture', prefectureCode: CODE[viewer] }

/** What each viewer sees on each path: per person, visible or not, plus every text the viewer was sent. */
async function observe(viewer: ViewerKey, paths: readonly Path[]) {
  const cookie = cookies[viewer]
  const seen = new Map<Path, (p: Person) => boolean>()
  const texts: string[] = []
  const ownRowsIn = (ids: string[], p: Person) => Object.values(p.rows).filter((id) => id && ids.includes(id))
  // The member page of each person the viewer holds a record of, loaded once for the paths that read it.
  let memberPages: Map<string, Awaited<ReturnType<typeof memberLoader>>> | undefined
  const loadMemberPages = async () => {
    if (memberPages) return memberPages
    memberPages = new Map()
    for (const p of people) {
      const id = p.rows[viewer]
      if (!id) continue
      const page = await memberLoader(routeArgs(services, `/pools/${id}`, { cookie, params: { memberId: id } }))
      memberPages.set(p.profileId, page)
      texts.push(JSON.stringify(page))
    }
    return memberPages
  }
  for (const path of paths) {
    if (path === 'pool list page data') {
      const data = await poolLoader(routeArgs(services, '/pools', { cookie }))
      texts.push(JSON.stringify(data))
      seen.set(path, (p) => data.members.some((m) => ownRowsIn([m.id], p).length > 0 && m.profileShared))
    } else if (path === 'pool member page data') {
      const pages = await loadMemberPages()
      seen.set(path, (p) => {
        const page = pages.get(p.profileId)
        return page ? JSON.stringify(page).includes(p.email) : false
      })
    } else if (path === 'pool member page profile') {
      // The staff-facing profile (skills, work history, availability …): the object, and its content.
      const pages = await loadMemberPages()
      seen.set(path, (p) => {
        const profile = pages.get(p.profileId)?.profile
        return Boolean(profile && profile.introduction === p.introduction && profile.skills.some((s) => s.id === 'bpr'))
      })
    } else if (path === 'pool CSV') {
      const csv = await ((await poolCsvLoader(routeArgs(services, '/pools/export.csv', { cookie }))) as Response).text()
      texts.push(csv)
      seen.set(path, (p) => csv.includes(p.email))
    } else if (path === 'pool search (rows re-checked in Postgres)') {
      const data = await poolLoader(routeArgs(services, '/pools?skillId=bpr&minLevel=1', { cookie }))
      expect(data.searchUnavailable).toBe(false)
      texts.push(JSON.stringify(data))
      const ids = data.members.map((m) => m.id)
      seen.set(path, (p) => ownRowsIn(ids, p).length > 0)
    } else if (path === 'pool search (Meilisearch filter)') {
      const { ids } = await searchProfiles(services.search, profileViewer(viewer), {
        skillId: 'bpr',
        minLevel: 1,
        limit: 100,
      })
      seen.set(path, (p) => ids.includes(p.profileId))
    } else if (path === 'national-list page data') {
      const data = await nationalLoader(routeArgs(services, '/national-list', { cookie }))
      texts.push(JSON.stringify(data))
      seen.set(path, (p) => data.members.some((m) => m.id === p.nationalMemberId))
    } else {
      const csv = await (
        (await nationalCsvLoader(routeArgs(services, '/national-list/export.csv', { cookie }))) as Response
      ).text()
      texts.push(csv)
      seen.set(path, (p) => csv.includes(p.nationalMemberId))
    }
  }
  return { seen, texts }
}

/** The expected cell: pool paths need a record in the viewer's pool; search and the national list do not. */
function expected(path: Path, viewer: ViewerKey, p: Person, consent: Consent) {
  if (path === 'national-list page data' || path === 'national-list CSV')
    return onNationalList(viewer, consent, p.c.applied)
  if (path === 'pool search (Meilisearch filter)') return maySee(viewer, consent, p.c.applied)
  return Boolean(p.rows[viewer]) && maySee(viewer, consent, p.c.applied)
}

async function checkTable(phase: string, consentOf: (p: Person) => Consent, paths: readonly Path[]) {
  const mismatches: string[] = []
  const leaks: string[] = []
  const tally = { visible: 0, hidden: 0 }
  for (const viewer of VIEWERS) {
    const { seen, texts } = await observe(viewer, paths)
    for (const p of people) {
      const consent = consentOf(p)
      for (const path of paths) {
        const want = expected(path, viewer, p, consent)
        const got = seen.get(path)!(p)
        tally[want ? 'visible' : 'hidden']++
        if (want !== got)
          mismatches.push(`${phase} | ${caseLabel(p.c)} | ${viewer} | ${path}: expected ${want ? 'visible' : 'hidden'}`)
      }
      // Whatever the path, the viewer was never sent contact details it may not see, and never the phone.
      const all = texts.join('\n')
      if (!maySee(viewer, consent, p.c.applied) && all.includes(p.email))
        leaks.push(`${phase} | ${caseLabel(p.c)} | ${viewer}: e-mail sent`)
      if (!maySee(viewer, consent, p.c.applied) && all.includes(p.introduction))
        leaks.push(`${phase} | ${caseLabel(p.c)} | ${viewer}: introduction sent`)
      if (all.includes(p.phone)) leaks.push(`${phase} | ${caseLabel(p.c)} | ${viewer}: phone sent`)
    }
  }
  expect(mismatches).toEqual([])
  expect(leaks).toEqual([])
  // The table is not degenerate: both outcomes occur.
  expect(tally.visible).toBeGreaterThan(0)
  expect(tally.hidden).toBeGreaterThan(0)
}

/** 「自県の人材プールに追加」 for every person and viewer: copied, refused (already in the pool), 404 or 403. */
async function checkAddAction(phase: string, consentOf: (p: Person) => Consent) {
  const mismatches: string[] = []
  for (const viewer of VIEWERS) {
    for (const p of people) {
      const consent = consentOf(p)
      const want =
        viewer === 'ministry' ? 403 : !onNationalList(viewer, consent, p.c.applied) ? 404 : p.rows[viewer] ? 409 : 302
      const run = () =>
        nationalAction(
          routeArgs(services, '/national-list', { cookie: cookies[viewer], form: { memberId: p.nationalMemberId } }),
        )
      let got: number
      try {
        const result = await run()
        got = result instanceof Response ? result.status : unwrap(result).status
        if (got === 302) p.rows[viewer] = (result as Response).headers.get('Location')!.split('/').pop()!
      } catch (error) {
        if (!(error instanceof Response)) throw error
        got = error.status
      }
      if (want !== got)
        mismatches.push(`${phase} | ${caseLabel(p.c)} | ${viewer} | add to own pool: expected ${want}, got ${got}`)
    }
  }
  expect(mismatches).toEqual([])
}

describe('consent decides every read path, as one rule', () => {
  it('before withdrawal: each viewer sees exactly what the consent table allows, on every path', async () => {
    await checkTable('before', (p) => p.c, PATHS)
  }, 180_000)

  it('before withdrawal: 「自県の人材プールに追加」 only where the national list shows the person', async () => {
    await checkAddAction('before', (p) => p.c)
  }, 180_000)

  it('after withdrawal: every Postgres path hides the person at once, even while the index lags', async () => {
    for (const p of people) await setConsent(p, WITHDRAWN)
    // No drain: the search index still holds the old audiences (it does find withdrawn people), and the
    // pages must not care.
    const stale = await searchProfiles(
      services.search,
      { kind: 'prefecture', prefectureCode: '13' },
      { skillId: 'bpr', minLevel: 1, limit: 100 },
    )
    expect(stale.ids.length).toBeGreaterThan(0)
    await checkTable(
      'withdrawn, index not yet updated',
      () => WITHDRAWN,
      PATHS.filter((path) => path !== 'pool search (Meilisearch filter)'),
    )
  }, 180_000)

  it('after withdrawal: the search index follows on the next drain, and nobody can copy the person any more', async () => {
    await drain()
    await checkTable('withdrawn, index updated', () => WITHDRAWN, ['pool search (Meilisearch filter)'])
    await checkAddAction('withdrawn', () => WITHDRAWN)
  }, 180_000)
})
