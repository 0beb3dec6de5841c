// Rows for the accelerators' tests, written straight into the tables: appointments (through appointment-rows.ts,
// with this file's defaults), directory entries, training records, and a signed-in accelerator.
import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Services } from '../app/services.server'
import type { AppointmentEndReason, DB, DirectoryVisibility } from '../db/schema'
import { insertAppointmentRow } from './appointment-rows'
import { createProfile, loginAs } from './factories'

export interface AppointmentRowOptions {
  profileId: string | null
  prefectureCode?: string
  status?: 'nominated' | 'appointed' | 'ended' | 'revoked'
  /** The 年度 of the appointment date when no date is given (1 October of it). */
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
export function insertAppointment(db: Kysely<DB>, options: AppointmentRowOptions) {
  return insertAppointmentRow(db, {
    ...options,
    prefectureCode: options.prefectureCode ?? '34',
    personName: options.personName ?? '任命 太郎',
    roleId: 'project-manager',
    roleName: options.roleName ?? 'プロジェクトマネージャー',
    appointedOn: options.appointedOn ?? `${options.fiscalYear ?? 2025}-10-01`,
    termEndOn: options.termEndOn === undefined ? '2027-03-31' : options.termEndOn,
    endedOn: options.endedOn ?? '2026-03-31',
  })
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
