// SQL for the national demo data (app/models/demo/): the few writes no model makes yet (推進体制 history and
// accelerator directory entries, until their models land), the generator's bookkeeping (where a resumed build
// stands, current lock versions) and the demo's mail, which is recorded as sent instead of printed.
import { type Insertable, sql } from 'kysely'
import type { DbExecutor } from '../client'
import type { DB } from '../schema'
import { userColumns } from './users'

// ---- 推進体制 and the directory ------------------------------------------------------------------------------

export async function insertDemoDxStructureReports(
  db: DbExecutor,
  reports: ReadonlyArray<Insertable<DB['dx_structure_report']>>,
): Promise<void> {
  for (let i = 0; i < reports.length; i += 500)
    await db
      .insertInto('dx_structure_report')
      .values(reports.slice(i, i + 500))
      .execute()
}

/** Whether the 推進体制 reports as of a date exist (the demo writes them last: its build is complete). */
export async function hasDxStructureReportsAsOf(db: DbExecutor, asOf: string): Promise<boolean> {
  const row = await db
    .selectFrom('dx_structure_report')
    .select('id')
    .where(sql<string>`to_char(as_of, 'YYYY-MM-DD')`, '=', asOf)
    .limit(1)
    .executeTakeFirst()
  return Boolean(row)
}

export async function insertDemoDirectoryEntries(
  db: DbExecutor,
  entries: ReadonlyArray<Insertable<DB['accelerator_directory_entry']>>,
): Promise<void> {
  if (entries.length === 0) return
  await db
    .insertInto('accelerator_directory_entry')
    .values([...entries])
    .onConflict((oc) => oc.column('profile_id').doNothing())
    .execute()
}

// ---- mail ---------------------------------------------------------------------------------------------------

export async function lastMailId(db: DbExecutor): Promise<number> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  return Number(row?.id ?? 0)
}

/**
 * The mail the demo's own steps queued (after `afterId`, in the caller's transaction) is recorded as sent: the
 * 送信メール page lists it, and the console is not flooded with thousands of notifications on a first start.
 */
export async function markMailSentAfter(db: DbExecutor, afterId: number): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ sent_at: sql`now()` })
    .where('id', '>', afterId)
    .where('sent_at', 'is', null)
    .execute()
}

/** The link of the newest pool invitation mailed to an address (what the person clicks). */
export async function findNewestInvitationMailBody(db: DbExecutor, email: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('mail_outbox')
    .select('body_text')
    .where('to_address', '=', email)
    .where('template', '=', 'pool_invitation')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.body_text
}

// ---- where a build stands -----------------------------------------------------------------------------------

export async function findUsersByEmails(db: DbExecutor, emails: readonly string[]) {
  if (emails.length === 0) return []
  return db
    .selectFrom('app_user')
    .select(userColumns)
    .where('email', 'in', [...emails])
    .execute()
}

/** Profile ids by their owner's e-mail address. */
export async function findProfileIdsByEmails(db: DbExecutor, emails: readonly string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map()
  const rows = await db
    .selectFrom('profile')
    .innerJoin('app_user', 'app_user.id', 'profile.user_id')
    .select(['app_user.email', 'profile.id'])
    .where('app_user.email', 'in', [...emails])
    .execute()
  return new Map(rows.map((r) => [r.email, r.id]))
}

export async function findPoolMemberRef(db: DbExecutor, poolCode: string, profileId: string) {
  return db
    .selectFrom('pool_member')
    .select(['id', 'status', 'lock_version'])
    .where('prefecture_code', '=', poolCode)
    .where('profile_id', '=', profileId)
    .executeTakeFirst()
}

export async function findNeedRefByTitle(db: DbExecutor, prefectureCode: string, title: string) {
  return db
    .selectFrom('need')
    .select(['id', 'status', 'lock_version'])
    .where('prefecture_code', '=', prefectureCode)
    .where('title', '=', title)
    .executeTakeFirst()
}

/** A 課題 of a municipality by its title (the demo's 課題 not in a need are written together, once). */
export async function findIssueRef(db: DbExecutor, municipalityCode: string, title: string) {
  return db
    .selectFrom('municipal_issue')
    .select(['id', 'status'])
    .where('municipality_code', '=', municipalityCode)
    .where('title', '=', title)
    .executeTakeFirst()
}

/**
 * A placement at the employer of the pool member, or of the named person recorded without one (a CIO補佐官 the body
 * hired itself). Namesakes happen, so a pool member is found by who they are, never by name.
 */
export async function findPlacementRefOf(
  db: DbExecutor,
  employerCode: string,
  person: { poolMemberId: string } | { personName: string },
) {
  return db
    .selectFrom('placement')
    .select(['id', 'status', 'lock_version'])
    .where('employer_code', '=', employerCode)
    .where((eb) =>
      'poolMemberId' in person
        ? eb('pool_member_id', '=', person.poolMemberId)
        : eb.and([eb('pool_member_id', 'is', null), eb('person_name', '=', person.personName)]),
    )
    .executeTakeFirst()
}

export async function findAppointmentRefsOfMember(db: DbExecutor, poolMemberId: string) {
  return db
    .selectFrom('accelerator_appointment')
    .select(['id', 'status', 'lock_version'])
    .where('pool_member_id', '=', poolMemberId)
    .execute()
}

type Locked = 'profile' | 'need' | 'pool_member' | 'need_shortlist_entry' | 'placement' | 'accelerator_appointment'

/** A row's current lock version (what a form would carry), or undefined when the row is gone. */
export async function currentLockVersion(db: DbExecutor, table: Locked, id: string): Promise<number | undefined> {
  const { rows } = await sql<{
    lock_version: number
  }>`select lock_version from ${sql.table(table)} where id = ${id}`.execute(db)
  return rows[0]?.lock_version
}

export async function findPlacementIdOfEntry(db: DbExecutor, shortlistEntryId: string) {
  const row = await db
    .selectFrom('placement')
    .select('id')
    .where('shortlist_entry_id', '=', shortlistEntryId)
    .executeTakeFirst()
  return row?.id
}

/** The ids of the experiences of a pool member's profile (a nomination's evidence). */
export async function listExperienceIdsOfMember(db: DbExecutor, memberId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('pool_member as m')
    .innerJoin('profile_experience as e', 'e.profile_id', 'm.profile_id')
    .select('e.id')
    .where('m.id', '=', memberId)
    .orderBy('e.started_on', 'desc')
    .orderBy('e.sort_order')
    .execute()
  return rows.map((r) => r.id)
}
