// The staff list pages page through their rows in SQL, 50 at a time, through the real loaders: page 2 holds
// the next rows (and none of the first), the total counts every matching row, filters and paging combine, a
// malformed or huge `?page=` still opens a page, and each viewer pages only through what they may see.
// Rows live in 秋田県 (05), which no other data here touches, so every total is exact.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader as mailLoader } from '../../app/routes/admin.mail/route'
import { loader as usersLoader } from '../../app/routes/admin.users._index/route'
import { loader as appointmentsLoader } from '../../app/routes/appointments._index/route'
import { loader as issuesLoader } from '../../app/routes/issues._index/route'
import { loader as needsLoader } from '../../app/routes/needs._index/route'
import { loader as placementsLoader } from '../../app/routes/placements._index/route'
import { loader as poolsLoader } from '../../app/routes/pools._index/route'
import type { Services } from '../../app/services.server'
import { enqueueMail } from '../../db/queries/mail-outbox'
import { countPoolMembersMatching, insertPoolMember, listPoolMembers } from '../../db/queries/pools'
import type { PoolStatus } from '../../db/schema'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { searchProfiles } from '../../search/queries/profiles'
import { insertAppointmentRow } from '../appointment-rows'
import { createPlacement, createProfessionalWithProfile, createUser, loginAs } from '../factories'
import { createTestServices, routeArgs, unwrap } from '../services'

let services: Services
let prefectureBody: string
let cityA: string
let cityB: string

beforeAll(async () => {
  services = await createTestServices()
  const bodies = await services.database.db
    .selectFrom('local_government')
    .select(['code', 'kind'])
    .where('prefecture_code', '=', '05')
    .where('active', '=', true)
    .orderBy('code')
    .execute()
  prefectureBody = bodies.find((b) => b.kind === 'prefecture')!.code
  const municipalities = bodies.filter((b) => b.kind !== 'prefecture').map((b) => b.code)
  cityA = municipalities[0]!
  cityB = municipalities[1]!
})
afterAll(async () => {
  await services?.close()
})

interface Paged {
  page: number
  pageSize: number
  pageCount: number
  total: number
}

/** A second in 2026, counting from a base: row i is newer than row i - 1. */
const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000)

/**
 * Pages of one filtered list against the rows it should hold, in order: page 1 and 2, the total, and the page a
 * malformed, negative or huge number opens (the first, the first, the last).
 */
async function expectPaging(
  load: (query: string) => Promise<{ ids: string[]; paged: Paged }>,
  filter: string,
  expected: string[],
) {
  const query = (page: string) => `?${filter ? `${filter}&` : ''}page=${page}`
  const pageCount = Math.max(1, Math.ceil(expected.length / 50))
  const first = await load(filter ? `?${filter}` : '')
  expect(first.paged).toEqual({ page: 1, pageSize: 50, pageCount, total: expected.length })
  expect(first.ids).toEqual(expected.slice(0, 50))
  const second = await load(query('2'))
  expect(second.paged).toMatchObject({ page: Math.min(2, pageCount), total: expected.length })
  if (pageCount >= 2) {
    expect(second.ids).toEqual(expected.slice(50, 100))
    expect(second.ids.filter((id) => first.ids.includes(id))).toEqual([])
  }
  for (const malformed of ['abc', '-1', '0', '2.5']) {
    const opened = await load(query(encodeURIComponent(malformed)))
    expect(opened.paged.page, malformed).toBe(1)
    expect(opened.ids, malformed).toEqual(expected.slice(0, 50))
  }
  for (const huge of ['999', '99999999999999999999']) {
    const last = await load(query(huge))
    expect(last.paged.page, huge).toBe(pageCount)
    expect(last.ids, huge).toEqual(expected.slice((pageCount - 1) * 50))
  }
}

describe('needs', () => {
  let published: string[]
  let all: string[]

  beforeAll(async () => {
    const { db } = services.database
    const rows = Array.from({ length: 90 }, (_, i) => ({
      id: crypto.randomUUID(),
      prefecture_code: '05',
      status: i % 9 < 7 ? ('published' as const) : ('draft' as const),
      title: `秋田のニーズ ${i}`,
      remote_days_per_week: '0',
      published_at: i % 9 < 7 ? at(i) : null,
      created_at: at(i),
      updated_at: at(i),
    }))
    await db.insertInto('need').values(rows).execute()
    all = rows.map((r) => r.id).reverse()
    published = rows
      .filter((r) => r.status === 'published')
      .map((r) => r.id)
      .reverse()
  })

  const needsAs = (cookie: string) => async (query: string) => {
    const body = await needsLoader(routeArgs(services, `/needs${query}`, { cookie }))
    return { ids: body.needs.map((n) => n.id), paged: body.paged }
  }

  it('pages a prefecture through its needs, the latest change first, with and without a status', async () => {
    const { cookie } = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '05' })
    await expectPaging(needsAs(cookie), '', all)
    expect(published).toHaveLength(70)
    await expectPaging(needsAs(cookie), 'status=published', published)
  })

  it('exports every need of the prefecture in the CSV, past any page or batch size', async () => {
    const { db } = services.database
    const many = Array.from({ length: 2_100 }, (_, i) => ({
      id: crypto.randomUUID(),
      prefecture_code: '06',
      status: 'draft' as const,
      title: `山形のニーズ ${i}`,
      remote_days_per_week: '0',
    }))
    await db.insertInto('need').values(many).execute()
    const { cookie } = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '06' })
    const { loader: csvLoader } = await import('../../app/routes/needs.export[.]csv')
    const csv = await ((await csvLoader(routeArgs(services, '/needs/export.csv', { cookie }))) as Response).text()
    const lines = csv.trim().split('\n')
    expect(lines).toHaveLength(1 + 2_100)
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0]))).toEqual(new Set(many.map((n) => n.id)))
  })

  it('pages the ministry through one prefecture and a status; another prefecture has none of them', async () => {
    const ministry = await loginAs(services, { role: 'ministry_staff' })
    await expectPaging(needsAs(ministry.cookie), 'pref=05&status=published', published)
    const tokyo = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '13' })
    expect((await needsAs(tokyo.cookie)('')).paged.total).toBe(0)
  })
})

describe('pools', () => {
  const memberIds: Record<string, string[]> = { all: [], applied: [], registered: [], producer: [], national: [] }

  beforeAll(async () => {
    const { db } = services.database
    for (let i = 0; i < 65; i++) {
      const status: PoolStatus = i < 55 ? 'applied' : 'registered'
      const id = crypto.randomUUID()
      await insertPoolMember(db, {
        id,
        prefecture_code: '05',
        profile_id: null,
        status,
        source: 'referral',
        target_role_ids: i % 5 === 0 ? ['producer'] : [],
        person_name: `秋田 ${i}`,
        created_at: at(i),
        updated_at: at(i),
      })
      memberIds[status]!.unshift(id)
      memberIds.all!.unshift(id)
      if (i % 5 === 0) memberIds.producer!.unshift(id)
    }
    for (let i = 0; i < 55; i++) {
      const id = crypto.randomUUID()
      await insertPoolMember(db, {
        id,
        prefecture_code: '00',
        profile_id: null,
        status: 'registered',
        source: 'national_list',
        target_role_ids: [],
        person_name: `国 ${i}`,
        created_at: at(i),
        updated_at: at(i),
      })
      memberIds.national!.unshift(id)
    }
  })

  const poolAs = (cookie: string) => async (query: string) => {
    const body = await poolsLoader(routeArgs(services, `/pools${query}`, { cookie }))
    return { ids: body.members.map((m) => m.id), paged: body.paged }
  }

  it('pages a prefecture through its whole pool (no cap), a status, and a role within a status', async () => {
    const { cookie } = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '05' })
    await expectPaging(poolAs(cookie), '', memberIds.all!)
    await expectPaging(poolAs(cookie), 'status=applied', memberIds.applied!)
    const appliedProducers = memberIds.producer!.filter((id) => memberIds.applied!.includes(id))
    await expectPaging(poolAs(cookie), 'status=applied&roleId=producer', appliedProducers)
  })

  it('pages the ministry through the national list (?pool=national) only', async () => {
    const { cookie } = await loginAs(services, { role: 'ministry_admin' })
    await expectPaging(poolAs(cookie), 'pool=national', memberIds.national!)
    const national = await poolAs(cookie)('?pool=national&page=2')
    expect(national.ids.every((id) => memberIds.national!.includes(id))).toBe(true)
    // Without it, every pool: the 65 of 秋田県 and the 55 of the national list.
    expect((await poolAs(cookie)('')).paged).toMatchObject({ total: 120, pageCount: 3 })
  })

  it('applies the skill and work-style filters before paging; the rows own consent check decides', async () => {
    const { db } = services.database
    const sideJob = async (familyName: string, updatedAt: Date, copiedFromNationalList = false) => {
      const { profileId } = await createProfessionalWithProfile(services, {
        familyName,
        availability: { employmentForms: ['side_job'], daysPerWeek: 1, workArea: 'all', remoteOk: true },
        consent: { visibility: 'selected', visiblePrefectureCodes: ['05'] },
      })
      const id = crypto.randomUUID()
      await insertPoolMember(db, {
        id,
        prefecture_code: '05',
        profile_id: profileId,
        status: 'applied',
        source: copiedFromNationalList ? 'national_list' : 'application',
        copied_from_national_list: copiedFromNationalList,
        target_role_ids: [],
        created_at: updatedAt,
        updated_at: updatedAt,
      })
      return { id, profileId }
    }
    // Older than all 65 members above: after paging, page 1 would hold none of them.
    const older = await sideJob('副業', new Date(Date.UTC(2025, 0, 1)))
    const oldest = await sideJob('副業古', new Date(Date.UTC(2024, 0, 1)))
    // A copy from the national list grants nothing itself: only the profile's own consent shares it.
    const withdrawn = await sideJob('撤回', new Date(Date.UTC(2025, 6, 1)), true)
    for (let i = 0; i < 20; i++) if ((await drainSearchOutboxOnce({ db, search: services.search })).claimed === 0) break
    // Consent withdrawn in Postgres; the index has not caught up (no drain after this).
    await db.updateTable('profile').set({ visibility: 'none' }).where('id', '=', withdrawn.profileId).execute()
    const indexed = await searchProfiles(
      services.search,
      { kind: 'prefecture', prefectureCode: '05' },
      {
        employmentForm: 'side_job',
      },
    )
    expect(indexed.ids).toContain(withdrawn.profileId)

    const { cookie } = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '05' })
    const filtered = await poolAs(cookie)('?employmentForm=side_job&status=applied')
    expect(filtered.ids).toEqual([older.id, oldest.id])
    expect(filtered.paged).toEqual({ page: 1, pageSize: 50, pageCount: 1, total: 2 })
    expect((await poolAs(cookie)('?employmentForm=side_job&page=abc')).ids).toEqual([older.id, oldest.id])
    expect((await poolAs(cookie)('?employmentForm=side_job&status=registered')).paged.total).toBe(0)

    // The SQL pages within the matches (the search's ids) and counts them, with the same consent check.
    const viewer = { kind: 'prefecture' as const, prefectureCode: '05' }
    const matches = { profileIds: [older.profileId, oldest.profileId, withdrawn.profileId] }
    const secondOfOne = await listPoolMembers(db, { prefectureCode: '05' }, viewer, matches, { limit: 1, offset: 1 })
    expect(secondOfOne.map((m) => m.id)).toEqual([oldest.id])
    expect(await countPoolMembersMatching(db, { prefectureCode: '05' }, viewer, matches)).toBe(2)
    expect(await countPoolMembersMatching(db, { prefectureCode: '05' }, viewer, { profileIds: [] })).toBe(0)
  })
})

describe('issues', () => {
  const ids: Record<string, string[]> = { all: [], submittedInA: [], inB: [] }

  beforeAll(async () => {
    const rows = Array.from({ length: 70 }, (_, i) => ({
      id: crypto.randomUUID(),
      prefecture_code: '05',
      municipality_code: i % 7 === 0 ? cityB : cityA,
      title: `秋田の課題 ${i}`,
      current_situation: '紙の申請が多い',
      desired_outcome: 'オンライン化',
      urgency: 'medium' as const,
      topic_skill_ids: [],
      it_staffing: 'one' as const,
      contact_name: '担当 太郎',
      contact_email: `issue${i}@example.jp`,
      status: i < 60 ? ('submitted' as const) : ('reviewing' as const),
      created_at: at(i),
      updated_at: at(i),
    }))
    await services.database.db.insertInto('municipal_issue').values(rows).execute()
    ids.all = rows.map((r) => r.id).reverse()
    ids.inB = rows
      .filter((r) => r.municipality_code === cityB)
      .map((r) => r.id)
      .reverse()
    ids.submittedInA = rows
      .filter((r) => r.status === 'submitted' && r.municipality_code === cityA)
      .map((r) => r.id)
      .reverse()
  })

  const issuesAs = (cookie: string) => async (query: string) => {
    const body = await issuesLoader(routeArgs(services, `/issues${query}`, { cookie }))
    return { ids: body.issues.map((n) => n.id), paged: body.paged }
  }

  it('pages a prefecture through its issues, newest first, and through a status in one municipality', async () => {
    const { cookie } = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '05' })
    await expectPaging(issuesAs(cookie), '', ids.all!)
    expect(ids.submittedInA!.length).toBeGreaterThan(50)
    await expectPaging(issuesAs(cookie), `status=submitted&municipality=${cityA}`, ids.submittedInA!)
  })

  it('pages a municipality through its own issues only', async () => {
    const { cookie } = await loginAs(services, { role: 'municipal_staff', municipalityCode: cityB })
    await expectPaging(issuesAs(cookie), '', ids.inB!)
  })
})

describe('placements', () => {
  const ids: Record<string, string[]> = { all: [], active: [] }

  beforeAll(async () => {
    const { db } = services.database
    const created: Array<{ id: string; status: string }> = []
    for (let i = 0; i < 65; i++) {
      const status = i < 55 ? ('active' as const) : ('draft' as const)
      const id = await createPlacement(db, {
        employerCode: prefectureBody,
        status,
        personName: `秋田 配置${i}`,
        municipalities: [{ code: cityA, daysPerWeek: 1 }],
      })
      await db
        .updateTable('placement')
        .set({ updated_at: at(i) })
        .where('id', '=', id)
        .execute()
      created.push({ id, status })
    }
    ids.all = created.map((c) => c.id).reverse()
    ids.active = created
      .filter((c) => c.status === 'active')
      .map((c) => c.id)
      .reverse()
  })

  const placementsAs = (cookie: string) => async (query: string) => {
    const body = await placementsLoader(routeArgs(services, `/placements${query}`, { cookie }))
    return { ids: body.placements.map((p) => p.id), paged: body.paged }
  }

  it('pages a prefecture through its placements and through a status', async () => {
    const { cookie } = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '05' })
    await expectPaging(placementsAs(cookie), '', ids.all!)
    await expectPaging(placementsAs(cookie), 'status=active&fy=2026', ids.active!)
  })

  it('pages the ministry through one prefecture; the CSV holds every row, not one page', async () => {
    const { cookie } = await loginAs(services, { role: 'ministry_staff' })
    await expectPaging(placementsAs(cookie), 'pref=05&status=active', ids.active!)
    const { loader: csvLoader } = await import('../../app/routes/placements.export[.]csv')
    const csv = await (
      (await csvLoader(routeArgs(services, '/placements/export.csv?pref=05&page=2', { cookie }))) as Response
    ).text()
    expect(csv.trim().split('\n')).toHaveLength(1 + 65)
  })
})

describe('appointments', () => {
  const ids: Record<string, string[]> = { nominated: [], all: [] }

  beforeAll(async () => {
    const { db } = services.database
    const created: Array<{ id: string; status: string }> = []
    for (let i = 0; i < 65; i++) {
      const status = i < 55 ? ('nominated' as const) : ('appointed' as const)
      const { id } = await insertAppointmentRow(db, { prefectureCode: '05', status, personName: `推薦 秋田${i}` })
      await db
        .updateTable('accelerator_appointment')
        .set({ updated_at: at(i) })
        .where('id', '=', id)
        .execute()
      created.push({ id, status })
    }
    // Cases waiting for the ministry first, then the latest change first.
    ids.nominated = created
      .filter((c) => c.status === 'nominated')
      .map((c) => c.id)
      .reverse()
    ids.all = [
      ...ids.nominated,
      ...created
        .filter((c) => c.status === 'appointed')
        .map((c) => c.id)
        .reverse(),
    ]
  })

  const appointmentsAs = (cookie: string) => async (query: string) => {
    const body = await appointmentsLoader(routeArgs(services, `/appointments${query}`, { cookie }))
    return { ids: body.rows.map((r) => r.id), paged: body.paged }
  }

  it('pages by the status counts, and by a count when a prefecture or a name narrows the list', async () => {
    const ministry = await loginAs(services, { role: 'ministry_staff' })
    await expectPaging(appointmentsAs(ministry.cookie), '', ids.all!)
    await expectPaging(appointmentsAs(ministry.cookie), 'status=nominated', ids.nominated!)
    await expectPaging(appointmentsAs(ministry.cookie), 'pref=05&q=%E7%A7%8B%E7%94%B0&status=nominated', ids.nominated!)
    const prefecture = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '05' })
    await expectPaging(appointmentsAs(prefecture.cookie), 'status=nominated', ids.nominated!)
    const tokyo = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '13' })
    expect((await appointmentsAs(tokyo.cookie)('')).paged.total).toBe(0)
  })
})

describe('sent mail', () => {
  const ids: Record<string, string[]> = { akita: [], all: [] }

  beforeAll(async () => {
    const { db } = services.database
    await db.deleteFrom('mail_outbox').execute()
    for (let i = 0; i < 66; i++) {
      const prefectureCode = i % 11 === 0 ? null : '05'
      const id = await enqueueMail(db, {
        to: `mail${i}@example.jp`,
        subject: `お知らせ ${i}`,
        bodyText: '本文',
        shownBodyText: '本文',
        template: 'test',
        prefectureCode,
      })
      ids.all!.unshift(String(id))
      if (prefectureCode) ids.akita!.unshift(String(id))
    }
  })

  const mailAs = (cookie: string) => async (query: string) => {
    const { body } = unwrap(await mailLoader(routeArgs(services, `/admin/mail${query}`, { cookie })))
    return { ids: body.mails.map((m) => String(m.id)), paged: body.paged }
  }

  it('pages the ministry through every mail and a prefecture admin through its own, newest first', async () => {
    const ministry = await loginAs(services, { role: 'ministry_admin' })
    await expectPaging(mailAs(ministry.cookie), '', ids.all!)
    const akita = await loginAs(services, { role: 'prefecture_admin', prefectureCode: '05' })
    expect(ids.akita).toHaveLength(60)
    await expectPaging(mailAs(akita.cookie), '', ids.akita!)
  })
})

describe('users', () => {
  it('pages an admin through the staff of their prefecture only, the total above the list', async () => {
    const { db } = services.database
    for (let i = 0; i < 60; i++)
      await createUser(db, { role: 'prefecture_staff', prefectureCode: '05', email: `akita${i}@example.jp` })
    const admin = await loginAs(services, { role: 'prefecture_admin', prefectureCode: '05' })
    const inScope = await db
      .selectFrom('app_user')
      .select('id')
      .where('prefecture_code', '=', '05')
      .where('role', '!=', 'professional')
      .execute()
    const load = async (query: string) => {
      const body = await usersLoader(routeArgs(services, `/admin/users${query}`, { cookie: admin.cookie }))
      return { ids: body.users.map((u) => u.id), paged: body.paged }
    }
    const first = await load('')
    const second = await load('?page=2')
    expect(first.paged).toEqual({ page: 1, pageSize: 50, pageCount: 2, total: inScope.length })
    expect(first.ids).toHaveLength(50)
    expect(second.ids.filter((id) => first.ids.includes(id))).toEqual([])
    expect([...first.ids, ...second.ids].sort()).toEqual(inScope.map((u) => u.id).sort())
    expect((await load('?page=-1')).ids).toEqual(first.ids)
    expect((await load('?page=abc')).ids).toEqual(first.ids)
    expect((await load('?page=99999')).ids).toEqual(second.ids)
  })
})
