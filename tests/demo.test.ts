// The national demo (app/models/demo/): the plan at full size, and the generator at a reduced size on fresh test
// databases — deterministic (a build interrupted and resumed equals one built straight through), every status
// present, the published baselines reproduced, example.jp addresses only, and a second run adds nothing.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildNationalDemo, isNationalDemoBuilt } from '../app/models/demo/generator.server'
import { fieldLabel } from '../app/models/audit-labels.server'
import { getNationalFunding } from '../app/models/funding.server'
import {
  APPOINTMENT_BASELINE,
  DEMO_PROFESSIONALS,
  DEMO_SEED,
  DX_STRUCTURE_R6_END,
  planDemo,
} from '../app/models/demo/plan.server'
import { createRng } from '../app/models/demo/random'
import type { Services } from '../app/services.server'
import { fiscalYearOfIsoDate, tokyoIsoDate } from '../app/utils/dates'
import { createDatabase, type DbExecutor } from '../db/client'
import { migrateToLatest } from '../db/migrate'
import { findPlacementRefOf } from '../db/queries/demo'
import {
  createPlacement,
  createProfessionalWithProfile,
  createUser,
  demoContext,
  poolMemberAt,
  sessionUserOf,
} from './factories'
import { seedMasterData } from '../seeds/index'
import { createTestServices } from './services'

const SIZE = 300
const today = tokyoIsoDate()

describe('the demo plan (pure)', () => {
  it('the generator is a seeded PRNG: the same seed gives the same numbers, another seed others', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRng(seed).next)
    expect(draw(7)).toEqual(draw(7))
    expect(draw(7)).not.toEqual(draw(8))
  })

  it('at full size: 2,000 professionals, ~300 needs in every prefecture, the baselines, small bodies first', () => {
    const plan = planDemo({ seed: DEMO_SEED, professionals: DEMO_PROFESSIONALS, today })
    expect(plan.professionals).toHaveLength(2000)
    expect(new Set(plan.professionals.map((p) => p.email)).size).toBe(2000)
    expect(plan.needs).toHaveLength(300)
    expect(new Set(plan.needs.map((n) => n.prefectureCode)).size).toBe(47)
    const baseline = plan.appointments.filter((a) => a.appointedOn && a.appointedOn <= APPOINTMENT_BASELINE.on)
    expect(baseline).toHaveLength(53)
    expect(new Set(baseline.map((a) => a.prefectureCode)).size).toBe(21)
    const served = plan.needs.flatMap((n) => n.municipalities)
    const small = served.filter((m) => m.kind === 'town' || m.kind === 'village').length / served.length
    expect(small).toBeGreaterThan(0.75)
    // Two plans from the same seed are the same plan.
    expect(planDemo({ seed: DEMO_SEED, professionals: DEMO_PROFESSIONALS, today })).toEqual(plan)
  })

  it('keeps the hand-made demo what the pages explain with it (the rules in the header of plan.ts)', () => {
    const plan = planDemo({ seed: DEMO_SEED, professionals: DEMO_PROFESSIONALS, today })
    const hiroshimaNeeds = plan.needs.filter((n) => n.prefectureCode === '34')
    expect(hiroshimaNeeds.length).toBeGreaterThan(0)
    expect(hiroshimaNeeds.filter((n) => n.title.includes('標準化'))).toEqual([])
    // A newcomer who can work three days a week as 非常勤 fits no generated open call: the hand-made one is theirs.
    const fitting = plan.needs.filter(
      (n) =>
        n.status === 'published' &&
        n.openCall &&
        n.employmentForm === 'part_time' &&
        n.municipalities.reduce((sum, m) => sum + m.daysPerWeek, 0) <= 3,
    )
    expect(fitting).toEqual([])
    // 広島県's own body has no placement with costs in 令和7年度.
    const hiroshimaFy2025 = [
      ...plan.placements.filter((p) => p.employerCode === '340006').flatMap((p) => p.costs),
      ...plan.needs.filter((n) => n.prefectureCode === '34').flatMap((n) => n.placement?.costs ?? []),
    ].filter((c) => c.fy === 2025)
    expect(hiroshimaFy2025).toEqual([])
  })
})

/** What a build wrote, as data two builds can be compared by (no ids, no timestamps). */
async function digest(db: DbExecutor) {
  const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows
  return {
    people: await rows(sql`select u.email, p.family_name || ' ' || p.given_name as name, p.visibility,
      (select count(*)::int from profile_skill s where s.profile_id = p.id) as skills
      from profile p join app_user u on u.id = p.user_id order by u.email`),
    pools: await rows(sql`select m.prefecture_code, m.status, count(*)::int as n from pool_member m
      group by 1, 2 order by 1, 2`),
    needs: await rows(sql`select n.prefecture_code, n.title, n.status from need n order by 1, 2`),
    shortlist: await rows(sql`select n.title, u.email, e.status from need_shortlist_entry e
      join need n on n.id = e.need_id join profile p on p.id = e.profile_id join app_user u on u.id = p.user_id
      order by 1, 2`),
    placements: await rows(sql`select p.employer_code, p.person_name, p.status, p.employment,
      to_char(p.start_on, 'YYYY-MM-DD') as start_on, coalesce((select sum(c.amount)::text from placement_cost c
      where c.placement_id = p.id), '0') as costs from placement p order by 1, 2`),
    appointments: await rows(sql`select a.prefecture_code, a.person_name, a.status, a.fiscal_year, a.serial,
      to_char(a.appointed_on, 'YYYY-MM-DD') as appointed_on from accelerator_appointment a order by 1, 2`),
    structure: await rows(sql`select r.prefecture_code, r.requirement::int as requirement, r.met,
      to_char(r.as_of, 'YYYY-MM-DD') as as_of, r.status from dx_structure_report r order by 1, 2, 4`),
    directory: await rows(sql`select d.display_name, d.visibility from accelerator_directory_entry d order by 1`),
  }
}

async function tableCounts(db: DbExecutor) {
  const tables = [
    'app_user',
    'profile',
    'profile_skill',
    'profile_experience',
    'pool_member',
    'pool_member_event',
    'municipal_issue',
    'need',
    'need_event',
    'need_shortlist_entry',
    'placement',
    'placement_cost',
    'accelerator_appointment',
    'dx_structure_report',
    'accelerator_directory_entry',
    'audit_log',
    'mail_outbox',
  ]
  const counts: Record<string, number> = {}
  for (const table of tables)
    counts[table] = (
      await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)
    ).rows[0]!.n
  return counts
}

describe(`the demo generator (${SIZE} professionals)`, { timeout: 600_000 }, () => {
  let interrupted: Services
  let straight: Services
  let firstDigest: Awaited<ReturnType<typeof digest>>

  beforeAll(async () => {
    ;[interrupted, straight] = await Promise.all([
      createTestServices({ indexed: false }),
      createTestServices({ indexed: false }),
    ])
  })
  afterAll(async () => {
    await interrupted?.close()
    await straight?.close()
  })

  it('stops when asked, and a second call resumes where the first stopped', async () => {
    let batches = 0
    const stopped = await buildNationalDemo(interrupted, {
      professionals: SIZE,
      today,
      onProgress: () => void batches++,
      shouldStop: () => batches >= 25,
    })
    expect(stopped.status).toBe('stopped')
    expect(await isNationalDemoBuilt(interrupted)).toBe(false)
    const resumed = await buildNationalDemo(interrupted, { professionals: SIZE, today })
    expect(resumed.status).toBe('built')
    firstDigest = await digest(interrupted.database.db)
  })

  it('is deterministic: a build straight through writes the same people, pools, needs, placements and numbers', async () => {
    expect((await buildNationalDemo(straight, { professionals: SIZE, today })).status).toBe('built')
    const second = await digest(straight.database.db)
    expect(second.people).toHaveLength(SIZE)
    expect(second).toEqual(firstDigest)
  })

  it("is built the same inside the embedded database's own process, while the app's statements and transactions keep theirs", async () => {
    // As the server has it built: beside the database, sharing its one session with the app's lane.
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dxp-demo-host-'))
    const database = await createDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite'), ownProcess: true })
    try {
      const db = database.db
      await migrateToLatest(db)
      await seedMasterData(db)
      await sql`create table probe (n int)`.execute(db)
      const phases: string[] = []
      let underway!: () => void
      const professionalsUnderway = new Promise<void>((resolve) => (underway = resolve))
      const running = await database.buildDemo!(
        { professionals: SIZE, appUrl: 'http://localhost:3000', dataDir, today },
        (p) => {
          if (p.phase === 'professionals' && p.done > 0) underway()
          if (p.done === p.total) phases.push(p.phase)
        },
      )
      let built = false
      void running.done.then(() => (built = true))
      await professionalsUnderway
      // The app is answered while the build runs (it takes the session between its batches)…
      await sql`select 1`.execute(db)
      expect(built).toBe(false)
      // …and its transaction has the session to itself: no statement of the build lands in it (its rollback would
      // undo part of the build), and none of it in a batch of the build (the batch's commit would keep the row).
      await db
        .transaction()
        .execute(async (trx) => {
          await sql`insert into probe values (1)`.execute(trx)
          await new Promise((resolve) => setTimeout(resolve, 300))
          throw new Error('roll back')
        })
        .catch(() => {})
      expect(built).toBe(false)
      const result = await running.done
      expect(result.status).toBe('built')
      expect(result.statements).toBeGreaterThan(1000)
      expect(phases).toEqual(['staff', 'professionals', 'pools', 'needs', 'placements', 'appointments', 'structure'])
      expect((await sql<{ n: number }>`select count(*)::int as n from probe`.execute(db)).rows[0]!.n).toBe(0)
      expect(await digest(db)).toEqual(firstDigest)
    } finally {
      await database.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('writes every status of pools (in all 47 prefectures), needs, shortlists, placements and appointments', async () => {
    const db = straight.database.db
    const pools = await sql<{ prefecture_code: string; statuses: number }>`
      select prefecture_code, count(distinct status)::int as statuses from pool_member
      where prefecture_code <> '00' group by 1`.execute(db)
    expect(pools.rows).toHaveLength(47)
    expect(pools.rows.every((r) => r.statuses === 7)).toBe(true)
    const distinct = async (table: string) =>
      (await sql<{ status: string }>`select distinct status from ${sql.table(table)} order by 1`.execute(db)).rows.map(
        (r) => r.status,
      )
    expect(await distinct('need')).toEqual(['closed', 'draft', 'filled', 'published', 'selecting', 'withdrawn'])
    expect(await distinct('need_shortlist_entry')).toEqual([
      'contacted',
      'declined',
      'interview',
      'offered',
      'passed',
      'shortlisted',
    ])
    expect(await distinct('placement')).toEqual(['active', 'draft', 'ended'])
    expect(await distinct('accelerator_appointment')).toEqual([
      'appointed',
      'declined',
      'ended',
      'nominated',
      'returned',
      'revoked',
      'withdrawn',
    ])
    // Each 内定 made a draft placement, linked to its shortlist entry.
    const offers = await sql<{ offers: number; linked: number }>`select
      (select count(*)::int from need_shortlist_entry where status = 'offered') as offers,
      (select count(*)::int from placement where shortlist_entry_id is not null) as linked`.execute(db)
    expect(offers.rows[0]!.offers).toBeGreaterThan(0)
    expect(offers.rows[0]!.linked).toBe(offers.rows[0]!.offers)
    // The national list: registered people, linked to their profiles through the accepted invitation.
    const national = await sql<{ n: number }>`select count(*)::int as n from pool_member
      where prefecture_code = '00' and status = 'registered' and profile_id is not null`.execute(db)
    expect(national.rows[0]!.n).toBeGreaterThan(0)
  })

  it('names every field its audit entries changed in Japanese (the audit log shows no column name)', async () => {
    // The demo goes through the models that write audit entries for every status above: any key they put in a
    // snapshot without a label would reach the 監査ログ page and its CSV as a raw column name.
    const keys = await sql<{ entity: string; key: string }>`
      select distinct entity, key from audit_log,
        lateral (select jsonb_object_keys(coalesce(before, '{}'::jsonb)) as key
                 union select jsonb_object_keys(coalesce(after, '{}'::jsonb))) k
      order by 1, 2`.execute(straight.database.db)
    expect(keys.rows.length).toBeGreaterThan(50)
    expect(keys.rows.filter((row) => fieldLabel(row.key) === row.key)).toEqual([])
  })

  it('records costs over several 年度 that the funding rules count as 対象 and leave as 要確認', async () => {
    const db = straight.database.db
    const years = await sql<{
      fiscal_year: number
    }>`select distinct fiscal_year from placement_cost order by 1`.execute(db)
    expect(years.rows.length).toBeGreaterThanOrEqual(3)
    const ministry = sessionUserOf(
      await db
        .selectFrom('app_user')
        .selectAll()
        .where('email', '=', 'ministry-review@demo.dx500.example.jp')
        .executeTakeFirstOrThrow(),
    )
    const funding = await getNationalFunding(demoContext(straight, 'test'), ministry, {
      fy: fiscalYearOfIsoDate(today) - 1,
    })
    const totals = funding.nationalTotals
    expect(totals.some((t) => t.futsu > 0)).toBe(true) // A1: appointed 常勤 accelerators
    expect(totals.some((t) => t.tokubetsu > 0)).toBe(true) // A2, B1 …
    expect(totals.some((t) => t.pending > 0)).toBe(true)
    expect(funding.toDecide.length).toBeGreaterThan(0)
  })

  it('mixes consent: shared with every prefecture, with a few, with none; some on the national list', async () => {
    const { rows } = await sql<{ visibility: string; n: number; national: number }>`
      select visibility, count(*)::int as n, count(*) filter (where national_list_consent)::int as national
      from profile group by 1 order by 1`.execute(straight.database.db)
    expect(rows.map((r) => r.visibility)).toEqual(['all', 'none', 'selected'])
    expect(rows.every((r) => r.n > SIZE * 0.1)).toBe(true)
    expect(rows.reduce((sum, r) => sum + r.national, 0)).toBeGreaterThan(0)
  })

  it('posts needs from small municipalities far more often than their share of the country', async () => {
    const { rows } = await sql<{ served: number; all_bodies: number }>`select
      (select avg(case when lg.kind in ('town', 'village') then 1.0 else 0 end)::float from need_municipality nm
        join local_government lg on lg.code = nm.municipality_code) as served,
      (select avg(case when kind in ('town', 'village') then 1.0 else 0 end)::float from local_government
        where kind <> 'prefecture' and active) as all_bodies`.execute(straight.database.db)
    expect(rows[0]!.served).toBeGreaterThan(rows[0]!.all_bodies + 0.15)
  })

  it('reproduces the baseline: 53 accelerators appointed on or before 2025-07-14 in 21 prefectures, still then', async () => {
    const { rows } = await sql<{ appointed: number; prefectures: number }>`
      select count(*)::int as appointed, count(distinct prefecture_code)::int as prefectures
      from accelerator_appointment
      where appointed_on <= ${APPOINTMENT_BASELINE.on}::date
        and (ended_on is null or ended_on > ${APPOINTMENT_BASELINE.on}::date)`.execute(straight.database.db)
    expect(rows[0]).toEqual({ appointed: 53, prefectures: 21 })
    // And it grew since, with numbers per 年度 without gaps.
    const numbers = await sql<{ fiscal_year: number; n: number; top: number }>`
      select fiscal_year, count(*)::int as n, max(serial)::int as top from accelerator_appointment
      where serial is not null group by 1 order by 1`.execute(straight.database.db)
    expect(numbers.rows.every((r) => r.n === r.top)).toBe(true)
    expect(numbers.rows.reduce((sum, r) => sum + r.n, 0)).toBeGreaterThan(53)
  })

  it('reports 推進体制 as published for the end of R6 (①47 ②43 ③38 ④45, all four 32), also as it stands now', async () => {
    const db = straight.database.db
    const count = async (asOf: string | null) => {
      const { rows } = await sql<{ prefecture_code: string; requirement: number; met: boolean }>`
        select distinct on (prefecture_code, requirement) prefecture_code, requirement::int as requirement, met
        from dx_structure_report
        where status <> 'returned' and (${asOf}::date is null or as_of = ${asOf}::date)
        order by prefecture_code, requirement, reported_at desc`.execute(db)
      const met = [1, 2, 3, 4].map((q) => rows.filter((r) => r.requirement === q && r.met).length)
      const prefectures = [...new Set(rows.map((r) => r.prefecture_code))]
      const all = prefectures.filter((p) => rows.filter((r) => r.prefecture_code === p && r.met).length === 4).length
      return { met, all }
    }
    const published = { met: [...DX_STRUCTURE_R6_END.met], all: DX_STRUCTURE_R6_END.metAll }
    expect(await count(DX_STRUCTURE_R6_END.asOf)).toEqual(published)
    expect(await count(null)).toEqual(published)
  })

  it('uses example.jp addresses only', async () => {
    const { rows } = await sql<{ address: string }>`
      select email as address from app_user
      union all select contact_email from profile
      union all select to_address from mail_outbox
      union all select contact_email from municipal_issue
      union all select contact from accelerator_directory_entry`.execute(straight.database.db)
    expect(rows.length).toBeGreaterThan(SIZE)
    expect(rows.filter((r) => !/@([a-z0-9-]+\.)*example\.jp$/.test(r.address))).toEqual([])
  })

  it('records the mail it causes as sent (the console is not flooded) and queues search updates', async () => {
    const db = straight.database.db
    const mail = await sql<{ unsent: number; sent: number }>`select
      count(*) filter (where sent_at is null)::int as unsent, count(*) filter (where sent_at is not null)::int as sent
      from mail_outbox`.execute(db)
    expect(mail.rows[0]).toMatchObject({ unsent: 0 })
    expect(mail.rows[0]!.sent).toBeGreaterThan(0)
    const outbox = await sql<{ entity: string; n: number }>`select entity, count(*)::int as n from search_outbox
      where entity in ('profile', 'need') and confirmed_at is null group by 1 order by 1`.execute(db)
    expect(outbox.rows.map((r) => r.entity)).toEqual(['need', 'profile'])
  })

  it('adds nothing when run again', async () => {
    const db = straight.database.db
    const before = await tableCounts(db)
    expect((await buildNationalDemo(straight, { professionals: SIZE, today })).status).toBe('already-built')
    expect(await tableCounts(db)).toEqual(before)
  })
})

describe('the shared builders (tests/factories.ts)', () => {
  let services: Services
  beforeAll(async () => {
    services = await createTestServices({ indexed: false })
  })
  afterAll(async () => {
    await services?.close()
  })

  it('take a professional through the models to 登録 in a pool, with the history and the training', async () => {
    const { sessionUser, profileId } = await createProfessionalWithProfile(services, {
      consent: { visibility: 'selected', visiblePrefectureCodes: ['34'] },
      skills: [{ skillId: 'bpr', level: 3 }],
      experiences: [{ organization: '株式会社みらい情報システム', startMonth: '2018-04', skillIds: ['bpr'] }],
    })
    const staff = sessionUserOf(await createUser(services.database.db, { role: 'prefecture_staff' }))
    const memberId = await poolMemberAt(demoContext(services, 'test'), {
      staff,
      person: sessionUser,
      prefectureCode: '34',
      steps: ['screening', 'interview', 'training', 'registered'],
      training: { title: '行政実務研修', provider: '自治大学校', completedOn: '2026-06-20' },
    })
    const db = services.database.db
    const member = await db.selectFrom('pool_member').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow()
    expect(member).toMatchObject({ profile_id: profileId, status: 'registered', source: 'application' })
    const events = await db
      .selectFrom('pool_member_event')
      .select('to_status')
      .where('pool_member_id', '=', memberId)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.to_status)).toEqual(['applied', 'screening', 'interview', 'training', 'registered'])
    expect(
      await db.selectFrom('training_record').select('title').where('pool_member_id', '=', memberId).execute(),
    ).toEqual([{ title: '行政実務研修' }])
    const profile = await db
      .selectFrom('profile')
      .select(['visibility', 'lock_version'])
      .where('id', '=', profileId)
      .executeTakeFirstOrThrow()
    expect(profile).toEqual({ visibility: 'selected', lock_version: 3 })
  })

  it('find a placement by the pool member, not by a namesake at the same employer', async () => {
    const { sessionUser } = await createProfessionalWithProfile(services, {
      consent: { visibility: 'selected', visiblePrefectureCodes: ['34'] },
    })
    const staff = sessionUserOf(await createUser(services.database.db, { role: 'prefecture_staff' }))
    const memberId = await poolMemberAt(demoContext(services, 'test'), {
      staff,
      person: sessionUser,
      prefectureCode: '34',
      steps: ['screening'],
    })
    const db = services.database.db
    // The namesake recorded first, without a pool member: a lookup by name alone would find them.
    const namesake = await createPlacement(db, { employerCode: '340006', personName: '同名 一郎' })
    const member = await createPlacement(db, {
      employerCode: '340006',
      personName: '同名 一郎',
      poolMemberId: memberId,
    })
    expect((await findPlacementRefOf(db, '340006', { poolMemberId: memberId }))?.id).toBe(member)
    expect((await findPlacementRefOf(db, '340006', { personName: '同名 一郎' }))?.id).toBe(namesake)
    expect(await findPlacementRefOf(db, '342131', { poolMemberId: memberId })).toBeUndefined()
  })
})
