// Rows for the accelerators' tests, written straight into the tables (the appointment workflow that normally
// writes them is a separate feature). Appointments obey the table's checks: an appointed, ended or revoked row
// has its 年度, serial and date; the serial is the next free one of its 年度 (unique per 年度); an ended or
// revoked row has its end date and reason.
import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Services } from '../app/services.server'
import type { AppointmentEndReason, DB, DirectoryVisibility } from '../db/schema'
import { createProfile, loginAs } from './factories'

export interface AppointmentRowOptions {
  profileId: string | null
  prefectureCode?: string
  status?: 'nominated' | 'appointed' | 'ended' | 'revoked'
  fiscalYear?: number
  appointedOn?: string
  termEndOn?: string | null
  endedOn?: string
  endReason?: AppointmentEndReason
  roleName?: string
  personName?: string
  poolMemberId?: string | null
}

/** One appointment row (appointed in 令和7年度 from 2025-10-01 unless told); returns its id and number. */
export async function insertAppointment(db: Kysely<DB>, options: AppointmentRowOptions) {
  const id = crypto.randomUUID()
  const status = options.status ?? 'appointed'
  const numbered = status !== 'nominated'
  const ended = status === 'ended' || status === 'revoked'
  const fiscalYear = options.fiscalYear ?? 2025
  const last = await db
    .selectFrom('accelerator_appointment')
    .select((eb) => eb.fn.max('serial').as('serial'))
    .where('fiscal_year', '=', fiscalYear)
    .executeTakeFirst()
  const serial = numbered ? Number(last?.serial ?? 0) + 1 : null
  await db
    .insertInto('accelerator_appointment')
    .values({
      id,
      prefecture_code: options.prefectureCode ?? '34',
      pool_member_id: options.poolMemberId ?? null,
      profile_id: options.profileId,
      person_name: options.personName ?? '任命 太郎',
      role_id: 'project-manager',
      role_name: options.roleName ?? 'プロジェクトマネージャー',
      status,
      fiscal_year: numbered ? fiscalYear : null,
      serial,
      appointed_on: numbered ? (options.appointedOn ?? '2025-10-01') : null,
      term_end_on: numbered ? (options.termEndOn === undefined ? '2027-03-31' : options.termEndOn) : null,
      ended_on: ended ? (options.endedOn ?? '2026-03-31') : null,
      end_reason: ended ? (options.endReason ?? (status === 'revoked' ? 'revoked' : 'term_end')) : null,
    })
    .execute()
  return { id, fiscalYear, serial }
}

export interface DirectoryRowOptions {
  visibility?: DirectoryVisibility
  displayName?: string
  headline?: string
  introduction?: string
  contact?: string
  showPrefecture?: boolean
  showSkills?: boolean
}

export async function insertDirectoryEntry(db: Kysely<DB>, profileId: string, options: DirectoryRowOptions = {}) {
  await db
    .insertInto('accelerator_directory_entry')
    .values({
      profile_id: profileId,
      visibility: options.visibility ?? 'accelerators',
      display_name: options.displayName ?? '名簿 太郎',
      headline: options.headline ?? '',
      introduction: options.introduction ?? '',
      contact: options.contact ?? '',
      show_prefecture: options.showPrefecture ?? true,
      show_skills: options.showSkills ?? false,
    })
    .execute()
}

/** A registered pool record of the person in a prefecture, with one training record on it. */
export async function insertTraining(
  db: Kysely<DB>,
  profileId: string,
  {
    prefectureCode = '34',
    title,
    provider = '',
    completedOn = null,
  }: {
    prefectureCode?: string
    title: string
    provider?: string
    completedOn?: string | null
  },
) {
  const existing = await db
    .selectFrom('pool_member')
    .select('id')
    .where('profile_id', '=', profileId)
    .where('prefecture_code', '=', prefectureCode)
    .executeTakeFirst()
  const memberId = existing?.id ?? crypto.randomUUID()
  if (!existing)
    await db
      .insertInto('pool_member')
      .values({
        id: memberId,
        prefecture_code: prefectureCode,
        profile_id: profileId,
        status: 'registered',
        source: 'referral',
      })
      .execute()
  await db
    .insertInto('training_record')
    .values({
      id: crypto.randomUUID(),
      pool_member_id: memberId,
      title,
      provider,
      completed_on: completedOn,
      note: '担当者のメモ（本人のページには出さない）',
    })
    .execute()
  return memberId
}

/**
 * A professional with a profile (family name as given, contact e-mail on the profile) and, unless told, an
 * appointment in force; signed in. Returns the account, its session cookie and the profile id.
 */
export async function createAccelerator(
  services: Services,
  {
    familyName,
    appointment = {},
    appointed = true,
  }: { familyName: string; appointment?: Omit<AppointmentRowOptions, 'profileId'>; appointed?: boolean },
) {
  const { user, cookie } = await loginAs(services, { role: 'professional', displayName: `${familyName} 太郎` })
  const profileId = await createProfile(services.database.db, user.id, { familyName })
  const number = appointed ? await insertAppointment(services.database.db, { profileId, ...appointment }) : null
  return { user, cookie, profileId, number }
}

export async function setSkills(db: Kysely<DB>, profileId: string, skills: Array<{ skillId: string; level: number }>) {
  await db
    .insertInto('profile_skill')
    .values(skills.map((s) => ({ profile_id: profileId, skill_id: s.skillId, level: s.level })))
    .execute()
}
