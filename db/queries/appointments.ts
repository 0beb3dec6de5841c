// SQL for accelerator appointments (任命): a prefecture's nomination of a registered pool member, the ministry's
// review and decision, the appointment's number (per 年度, without gaps) and its end, with the history. Every
// read takes the viewer's scope in its WHERE clause: the ministry reads every case, a prefecture its own.
import { type Insertable, sql, type Updateable } from 'kysely'
import type { DbExecutor } from '../client'
import type { AppointmentStatus, DB } from '../schema'

export type AppointmentScope = { kind: 'national' } | { kind: 'prefecture'; prefectureCode: string }

type NewAppointment = Insertable<DB['accelerator_appointment']>
type AppointmentChanges = Pick<
  Updateable<DB['accelerator_appointment']>,
  | 'role_id'
  | 'role_name'
  | 'nomination_statement'
  | 'evidence'
  | 'placement_id'
  | 'planned_employment'
  | 'planned_main_duty_municipal_support'
  | 'planned_placement_note'
  | 'review_checklist'
  | 'review_comment'
  | 'fiscal_year'
  | 'serial'
  | 'appointed_on'
  | 'term_end_on'
  | 'ended_on'
  | 'end_reason'
  | 'end_note'
  | 'decided_by'
>

const dateText = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`

const appointmentColumns = [
  'a.id',
  'a.prefecture_code',
  'a.pool_member_id',
  'a.profile_id',
  'a.person_name',
  'a.person_kana',
  'a.role_id',
  'a.role_name',
  'a.status',
  'a.nomination_statement',
  'a.evidence',
  'a.placement_id',
  'a.planned_employment',
  'a.planned_main_duty_municipal_support',
  'a.planned_placement_note',
  'a.review_checklist',
  'a.review_comment',
  'a.fiscal_year',
  'a.serial',
  'a.end_reason',
  'a.end_note',
  'a.lock_version',
  'a.created_at',
  'a.updated_at',
] as const

export interface AppointmentFilter {
  status?: AppointmentStatus
  prefectureCode?: string
  /** Name or kana, part of it. */
  q?: string
}

function scoped(db: DbExecutor, scope: AppointmentScope) {
  let query = db
    .selectFrom('accelerator_appointment as a')
    .innerJoin('local_government as pref', (join) =>
      join.onRef('pref.prefecture_code', '=', 'a.prefecture_code').on('pref.kind', '=', 'prefecture'),
    )
  if (scope.kind === 'prefecture') query = query.where('a.prefecture_code', '=', scope.prefectureCode)
  return query
}

function filteredAppointments(db: DbExecutor, scope: AppointmentScope, filter: AppointmentFilter) {
  let query = scoped(db, scope)
  if (filter.status) query = query.where('a.status', '=', filter.status)
  if (filter.prefectureCode) query = query.where('a.prefecture_code', '=', filter.prefectureCode)
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where((eb) => eb.or([eb('a.person_name', 'ilike', like), eb('a.person_kana', 'ilike', like)]))
  }
  return query
}

/** One page of the list: cases waiting for the ministry first, then the latest change first. */
export async function listAppointments(
  db: DbExecutor,
  scope: AppointmentScope,
  filter: AppointmentFilter,
  { limit, offset }: { limit: number; offset: number },
) {
  return filteredAppointments(db, scope, filter)
    .select([
      'a.id',
      'a.prefecture_code',
      'pref.name as prefecture_name',
      'a.person_name',
      'a.person_kana',
      'a.role_name',
      'a.status',
      'a.fiscal_year',
      'a.serial',
      dateText('a.appointed_on').as('appointed_on'),
      dateText('a.term_end_on').as('term_end_on'),
      dateText('a.ended_on').as('ended_on'),
      'a.updated_at',
    ])
    .orderBy(sql`case a.status when 'nominated' then 0 when 'returned' then 1 when 'appointed' then 2 else 3 end`)
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
}

/** How many cases listAppointments pages through (the status counts answer it when only the status is chosen). */
export async function countAppointments(
  db: DbExecutor,
  scope: AppointmentScope,
  filter: AppointmentFilter,
): Promise<number> {
  const row = await filteredAppointments(db, scope, filter)
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Cases per status within the scope (the list's tabs). */
export async function countAppointmentsByStatus(db: DbExecutor, scope: AppointmentScope) {
  return scoped(db, scope)
    .select(['a.status', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('a.status')
    .execute()
}

export async function findAppointment(db: DbExecutor, scope: AppointmentScope, id: string) {
  return scoped(db, scope)
    .leftJoin('placement as p', 'p.id', 'a.placement_id')
    .leftJoin('local_government as employer', 'employer.code', 'p.employer_code')
    .select([
      ...appointmentColumns,
      'pref.name as prefecture_name',
      dateText('a.appointed_on').as('appointed_on'),
      dateText('a.term_end_on').as('term_end_on'),
      dateText('a.ended_on').as('ended_on'),
      'p.employment as placement_employment',
      'p.main_duty_municipal_support as placement_main_duty',
      'p.status as placement_status',
      'p.person_name as placement_person_name',
      dateText('p.start_on').as('placement_start_on'),
      'employer.name as placement_employer_name',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst()
}

/** The open case (推薦中・差戻し・任命中) of a pool record, if any. */
export async function findOpenAppointmentOfMember(db: DbExecutor, poolMemberId: string) {
  return db
    .selectFrom('accelerator_appointment')
    .select(['id', 'status'])
    .where('pool_member_id', '=', poolMemberId)
    .where('status', 'in', ['nominated', 'returned', 'appointed'])
    .executeTakeFirst()
}

/** The cases of one pool record, newest first (its page lists them). */
export async function listAppointmentsOfMember(db: DbExecutor, poolMemberId: string) {
  return db
    .selectFrom('accelerator_appointment')
    .select([
      'id',
      'status',
      'role_name',
      'fiscal_year',
      'serial',
      dateText('appointed_on').as('appointed_on'),
      dateText('ended_on').as('ended_on'),
    ])
    .where('pool_member_id', '=', poolMemberId)
    .orderBy('created_at', 'desc')
    .execute()
}

/**
 * The current appointment of a person, by their pool record or their profile: what makes a placement's person an
 * appointed accelerator.
 */
export async function findCurrentAppointmentOfPerson(
  db: DbExecutor,
  person: { poolMemberId: string | null; profileId: string | null },
) {
  if (!person.poolMemberId && !person.profileId) return undefined
  return db
    .selectFrom('accelerator_appointment')
    .select(['id', 'fiscal_year', 'serial', dateText('appointed_on').as('appointed_on')])
    .where('status', '=', 'appointed')
    .where((eb) =>
      eb.or([
        ...(person.poolMemberId ? [eb('pool_member_id', '=', person.poolMemberId)] : []),
        ...(person.profileId ? [eb('profile_id', '=', person.profileId)] : []),
      ]),
    )
    .orderBy('appointed_on', 'desc')
    .executeTakeFirst()
}

export async function insertAppointment(db: DbExecutor, row: NewAppointment): Promise<void> {
  await db.insertInto('accelerator_appointment').values(row).execute()
}

/**
 * Moves a case from one status to another and writes the changes, if nobody changed it since `lockVersion`
 * was read. False when the case moved on or the version is stale.
 */
export async function updateAppointmentLocked(
  db: DbExecutor,
  id: string,
  guard: { from: readonly AppointmentStatus[]; to: AppointmentStatus; lockVersion: number; prefectureCode?: string },
  changes: AppointmentChanges,
): Promise<boolean> {
  let query = db
    .updateTable('accelerator_appointment')
    .set({
      ...changes,
      status: guard.to,
      lock_version: sql<number>`lock_version + 1`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('status', 'in', guard.from)
    .where('lock_version', '=', guard.lockVersion)
  if (guard.prefectureCode) query = query.where('prefecture_code', '=', guard.prefectureCode)
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * The next number of fiscal year `fy`, taken inside the caller's transaction: the counter row stays locked until
 * it commits, and a rolled-back appointment gives its number back, so numbers have no gaps.
 */
export async function takeAppointmentSerial(db: DbExecutor, fy: number): Promise<number> {
  const row = await db
    .insertInto('appointment_number_counter')
    .values({ fiscal_year: fy, last_serial: 1 })
    .onConflict((oc) =>
      oc.column('fiscal_year').doUpdateSet({ last_serial: sql<number>`appointment_number_counter.last_serial + 1` }),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow()
  return row.last_serial
}

export async function insertAppointmentEvent(
  db: DbExecutor,
  event: {
    appointmentId: string
    action: string
    from: AppointmentStatus | null
    to: AppointmentStatus
    note: string
    actorUserId: string | null
    actorLabel: string
  },
): Promise<void> {
  await db
    .insertInto('accelerator_appointment_event')
    .values({
      appointment_id: event.appointmentId,
      action: event.action,
      from_status: event.from,
      to_status: event.to,
      note: event.note,
      actor_user_id: event.actorUserId,
      actor_label: event.actorLabel,
    })
    .execute()
}

export async function listAppointmentEvents(db: DbExecutor, appointmentId: string) {
  return db
    .selectFrom('accelerator_appointment_event')
    .select(['id', 'action', 'from_status', 'to_status', 'note', 'actor_label', 'occurred_at'])
    .where('appointment_id', '=', appointmentId)
    .orderBy('id')
    .execute()
}

/**
 * Sets the appointed-accelerator flag of a person's placements that are not over (下書き・配置中), inside the
 * caller's transaction; returns the placements whose flag changed, for their history and the audit log.
 */
export async function setPlacementsAppointedFlag(
  db: DbExecutor,
  person: { poolMemberId: string | null; profileId: string | null },
  appointed: boolean,
) {
  if (!person.poolMemberId && !person.profileId) return []
  return db
    .updateTable('placement')
    .set({
      appointed_accelerator: appointed,
      lock_version: sql<number>`lock_version + 1`,
      updated_at: sql<Date>`now()`,
    })
    .where('status', 'in', ['draft', 'active'])
    .where('appointed_accelerator', '=', !appointed)
    .where((eb) =>
      eb.or([
        ...(person.poolMemberId ? [eb('pool_member_id', '=', person.poolMemberId)] : []),
        ...(person.profileId ? [eb('profile_id', '=', person.profileId)] : []),
      ]),
    )
    .returning(['id', 'status', 'person_name', 'prefecture_code', 'kind', 'employer_code'])
    .execute()
}

/** A prefecture's placements of a pool record or profile, offered as the planned placement of a nomination. */
export async function listPlacementsOfPerson(
  db: DbExecutor,
  prefectureCode: string,
  person: { poolMemberId: string; profileId: string | null },
) {
  return db
    .selectFrom('placement as p')
    .innerJoin('local_government as employer', 'employer.code', 'p.employer_code')
    .select([
      'p.id',
      'p.status',
      'p.employment',
      'p.main_duty_municipal_support',
      'employer.name as employer_name',
      dateText('p.start_on').as('start_on'),
    ])
    .where('p.prefecture_code', '=', prefectureCode)
    .where('p.status', 'in', ['draft', 'active'])
    .where((eb) =>
      eb.or([
        eb('p.pool_member_id', '=', person.poolMemberId),
        ...(person.profileId ? [eb('p.profile_id', '=', person.profileId)] : []),
      ]),
    )
    .orderBy('p.created_at', 'desc')
    .execute()
}

/** Where to tell an appointed person: the address of the account that owns the profile (active accounts only). */
export async function findProfileOwnerContact(db: DbExecutor, profileId: string) {
  return db
    .selectFrom('profile')
    .innerJoin('app_user', 'app_user.id', 'profile.user_id')
    .select(['app_user.email', 'app_user.display_name'])
    .where('profile.id', '=', profileId)
    .where('app_user.deactivated_at', 'is', null)
    .executeTakeFirst()
}
