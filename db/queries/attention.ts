// What needs someone's attention: the counts and short lists the home page of each role shows. Every query
// takes the viewer's scope and filters on it; no personal data of professionals is read here beyond the
// viewer's own applications.
import { sql } from 'kysely'
import type { DbExecutor } from '../client'
import { newestOfItsRequirement } from './dx-structure'
import { NATIONAL_LIST_CODE } from '../schema'

const RECENT_DAYS = 14

/** count(*) subqueries come back as strings (or null): as numbers, by the same keys. */
function counts<K extends string>(row: Record<K, string | number | null>): Record<K, number> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value ?? 0)])) as Record<K, number>
}

/** A prefecture's inbox: applications to screen, 課題 to review, recent interest in its needs, drafts. */
export async function countPrefectureAttention(db: DbExecutor, prefectureCode: string) {
  const since = sql<Date>`now() - make_interval(days => ${RECENT_DAYS})`
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('pool_member')
        .select(eb.fn.countAll<string>().as('n'))
        .where('prefecture_code', '=', prefectureCode)
        .where('status', '=', 'applied')
        .as('new_applications'),
      eb
        .selectFrom('pool_member')
        .select(eb.fn.countAll<string>().as('n'))
        .where('prefecture_code', '=', prefectureCode)
        .where('status', 'in', ['screening', 'interview', 'training'])
        .as('in_screening'),
      eb
        .selectFrom('pool_member')
        .select(eb.fn.countAll<string>().as('n'))
        .where('prefecture_code', '=', prefectureCode)
        .where('interview_at', '>=', sql<Date>`now()`)
        .as('upcoming_interviews'),
      eb
        .selectFrom('pool_member')
        .select(eb.fn.countAll<string>().as('n'))
        .where('prefecture_code', '=', prefectureCode)
        .where('status', '=', 'registered')
        .as('registered'),
      eb
        .selectFrom('municipal_issue')
        .select(eb.fn.countAll<string>().as('n'))
        .where('prefecture_code', '=', prefectureCode)
        .where('status', '=', 'submitted')
        .as('new_issues'),
      eb
        .selectFrom('need_interest')
        .innerJoin('need', 'need.id', 'need_interest.need_id')
        .select(eb.fn.countAll<string>().as('n'))
        .where('need.prefecture_code', '=', prefectureCode)
        .where('need_interest.created_at', '>=', since)
        .as('recent_interests'),
      eb
        .selectFrom('need')
        .select(eb.fn.countAll<string>().as('n'))
        .where('prefecture_code', '=', prefectureCode)
        .where('status', '=', 'draft')
        .as('draft_needs'),
      eb
        .selectFrom('need')
        .select(eb.fn.countAll<string>().as('n'))
        .where('prefecture_code', '=', prefectureCode)
        .where('status', 'in', ['published', 'selecting'])
        .as('open_needs'),
      eb
        .selectFrom('accelerator_appointment')
        .select(eb.fn.countAll<string>().as('n'))
        .where('prefecture_code', '=', prefectureCode)
        .where('status', '=', 'returned')
        .as('returned_nominations'),
      eb
        .selectFrom('accelerator_appointment')
        .select(eb.fn.countAll<string>().as('n'))
        .where('prefecture_code', '=', prefectureCode)
        .where('status', '=', 'appointed')
        .as('appointed_accelerators'),
    ])
    .executeTakeFirstOrThrow()
  return counts(row)
}

/** The ministry's inbox: a catalogue draft, staff invitations not yet accepted, the national list to screen. */
export async function countMinistryAttention(db: DbExecutor) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('skill_standard_version')
        .select(eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'draft')
        .as('catalogue_drafts'),
      eb
        .selectFrom('auth_token')
        .select(eb.fn.countAll<string>().as('n'))
        .where('purpose', '=', 'invitation')
        .where('used_at', 'is', null)
        .where('expires_at', '>', sql<Date>`now()`)
        .as('pending_invitations'),
      eb
        .selectFrom('pool_member')
        .select(eb.fn.countAll<string>().as('n'))
        .where('prefecture_code', '=', NATIONAL_LIST_CODE)
        .where('status', 'in', ['applied', 'screening', 'interview', 'training'])
        .as('national_list_in_screening'),
      eb
        .selectFrom('need')
        .select(eb.fn.countAll<string>().as('n'))
        .where('status', 'in', ['published', 'selecting'])
        .as('open_needs'),
      eb
        .selectFrom('municipal_issue')
        .select(eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'submitted')
        .as('new_issues'),
      eb
        .selectFrom('accelerator_appointment')
        .select(eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'nominated')
        .as('nominations_to_review'),
      eb
        .selectFrom('accelerator_appointment')
        .select(eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'appointed')
        .as('appointed_accelerators'),
      // 推進体制 reports waiting for the ministry: the newest report of a prefecture's requirement, not yet answered.
      eb
        .selectFrom('dx_structure_report as r')
        .select(eb.fn.countAll<string>().as('n'))
        .where('r.status', '=', 'reported')
        .where(newestOfItsRequirement)
        .as('structure_reports_waiting'),
    ])
    .executeTakeFirstOrThrow()
  return counts(row)
}

/** A municipality's own 課題 (newest first) and the needs that serve it, with days a week. */
export async function listMunicipalityOverview(db: DbExecutor, municipalityCode: string) {
  const [issues, needs] = await Promise.all([
    db
      .selectFrom('municipal_issue')
      .select(['id', 'title', 'status', 'updated_at'])
      .where('municipality_code', '=', municipalityCode)
      .orderBy('updated_at', 'desc')
      .limit(10)
      .execute(),
    db
      .selectFrom('need')
      .innerJoin('need_municipality', 'need_municipality.need_id', 'need.id')
      .select([
        'need.id',
        'need.title',
        'need.status',
        'need.start_on',
        'need.end_on',
        'need_municipality.days_per_week',
      ])
      .where('need_municipality.municipality_code', '=', municipalityCode)
      .where('need.status', 'in', ['published', 'selecting', 'filled'])
      .orderBy('need.updated_at', 'desc')
      .limit(10)
      .execute(),
  ])
  return { issues, needs }
}

/** The professional's own pool memberships with the interview date staff set. */
export async function listMyMembershipSteps(db: DbExecutor, userId: string) {
  return db
    .selectFrom('pool_member')
    .innerJoin('profile', 'profile.id', 'pool_member.profile_id')
    .leftJoin('local_government', (join) =>
      join
        .onRef('local_government.prefecture_code', '=', 'pool_member.prefecture_code')
        .on('local_government.kind', '=', 'prefecture'),
    )
    .select([
      'pool_member.id',
      'pool_member.prefecture_code',
      'pool_member.status',
      'pool_member.interview_at',
      'pool_member.interview_place',
      'pool_member.updated_at',
      'local_government.name as prefecture_name',
    ])
    .where('profile.user_id', '=', userId)
    .where('pool_member.status', 'not in', ['withdrawn'])
    .orderBy('pool_member.updated_at', 'desc')
    .execute()
}

/** What the public home page can say today, counted from the same rows the pages show. */
export async function countPublicFigures(db: DbExecutor) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('need')
        .select(eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'published')
        .where('open_call', '=', true)
        .as('open_calls'),
      eb
        .selectFrom('pool_member')
        .select(sql<string>`count(distinct prefecture_code)`.as('n'))
        .where('prefecture_code', '<>', NATIONAL_LIST_CODE)
        .as('prefectures_with_pools'),
    ])
    .executeTakeFirstOrThrow()
  return { openCalls: Number(row.open_calls ?? 0), prefecturesWithPools: Number(row.prefectures_with_pools ?? 0) }
}
