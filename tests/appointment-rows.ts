// Accelerator appointments written straight into the table, for tests of what reads them (the dashboard, the daily
// snapshot, the accelerator's pages, the programme page). Every row obeys the table's checks: appointed, ended and revoked rows carry a 年度, a serial (unique per
// 年度, taken as the next free one) and an appointment date; ended and revoked rows an end date and reason.
import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { AppointmentEndReason, AppointmentStatus, DB, PlacementEmployment } from '../db/schema'

export interface AppointmentRowOptions {
  prefectureCode: string
  status?: AppointmentStatus
  roleId?: string
  roleName?: string
  plannedEmployment?: PlacementEmployment | null
  placementId?: string | null
  personName?: string
  /** YYYY-MM-DD; 2026-04-01 unless told (numbered rows only). */
  appointedOn?: string
  /** YYYY-MM-DD; 2026-10-31 unless told (ended and revoked rows only). */
  endedOn?: string
  endReason?: AppointmentEndReason
  termEndOn?: string | null
  profileId?: string | null
  poolMemberId?: string | null
}

const NUMBERED: readonly AppointmentStatus[] = ['appointed', 'ended', 'revoked']

/** Inserts one appointment row; returns its id, 年度 and serial (null unless numbered). */
export async function insertAppointmentRow(
  db: Kysely<DB>,
  options: AppointmentRowOptions,
): Promise<{ id: string; fiscalYear: number; serial: number | null }> {
  const id = crypto.randomUUID()
  const status = options.status ?? 'appointed'
  const numbered = NUMBERED.includes(status)
  const appointedOn = options.appointedOn ?? '2026-04-01'
  const fiscalYear = Number(appointedOn.slice(0, 4)) - (Number(appointedOn.slice(5, 7)) < 4 ? 1 : 0)
  let serial: number | null = null
  if (numbered) {
    const last = await db
      .selectFrom('accelerator_appointment')
      .select((eb) => eb.fn.max('serial').as('last'))
      .where('fiscal_year', '=', fiscalYear)
      .executeTakeFirst()
    serial = Number(last?.last ?? 0) + 1
  }
  const ended = status === 'ended' || status === 'revoked'
  await db
    .insertInto('accelerator_appointment')
    .values({
      id,
      prefecture_code: options.prefectureCode,
      profile_id: options.profileId ?? null,
      pool_member_id: options.poolMemberId ?? null,
      person_name: options.personName ?? `任命 ${id.slice(0, 6)}`,
      role_id: options.roleId ?? 'producer',
      role_name: options.roleName ?? 'プロデューサー',
      status,
      placement_id: options.placementId ?? null,
      planned_employment: options.plannedEmployment ?? null,
      fiscal_year: numbered ? fiscalYear : null,
      serial,
      appointed_on: numbered ? appointedOn : null,
      term_end_on: numbered ? (options.termEndOn ?? null) : null,
      ended_on: ended ? (options.endedOn ?? '2026-10-31') : null,
      end_reason: ended ? (options.endReason ?? (status === 'revoked' ? 'revoked' : 'term_end')) : null,
    })
    .execute()
  return { id, fiscalYear, serial }
}

/** Several rows alike (e.g. three appointed in 広島県). */
export async function insertAppointmentRows(
  db: Kysely<DB>,
  count: number,
  options: AppointmentRowOptions,
): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < count; i++) ids.push((await insertAppointmentRow(db, options)).id)
  return ids
}
