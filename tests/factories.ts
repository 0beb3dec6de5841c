// Factories for tests. Users are real rows with real argon2id hashes and real lucia sessions. The ones below
// write rows directly (fast, any state); the model-level builders the demo-data generator uses are re-exported
// at the end (app/models/demo/builders.server.ts), for tests that want data the way the pages write it.
import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import { insertUser } from '../db/queries/users'
import type {
  AppUser,
  CostItem,
  DB,
  EmploymentForm,
  PlacementEmployment,
  PlacementEndReason,
  PlacementKind,
  PlacementStatus,
  Role,
} from '../db/schema'
import type { Services } from '../app/services.server'
import { hashPassword } from '../app/utils/auth.server'
import { startSession } from '../app/utils/session.server'
import { demoContext } from '../app/models/demo/batch.server'
import { buildProfile, type ProfileSpec, sessionUserOf } from '../app/models/demo/builders.server'

export const TEST_PASSWORD = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined

export interface UserOptions {
  role?: Role
  email?: string
  displayName?: string
  prefectureCode?: string | null
  municipalityCode?: string | null
  verified?: boolean
  deactivated?: boolean
  password?: string
}

/** Defaults give each role a valid scope: 広島県 (34) and 安芸太田町 (343684) unless told otherwise. */
export async function createUser(db: Kysely<DB>, options: UserOptions = {}): Promise<AppUser> {
  const role = options.role ?? 'professional'
  const municipalityCode = role === 'municipal_staff' ? (options.municipalityCode ?? '343684') : null
  const prefectureCode =
    role === 'municipal_staff'
      ? municipalityCode!.slice(0, 2)
      : role === 'prefecture_admin' || role === 'prefecture_staff'
        ? (options.prefectureCode ?? '34')
        : null
  const hash = options.password
    ? await hashPassword(options.password)
    : await (passwordHash ??= hashPassword(TEST_PASSWORD))
  return insertUser(db, {
    id: crypto.randomUUID(),
    email: options.email ?? `${role}-${crypto.randomBytes(4).toString('hex')}@example.jp`,
    display_name: options.displayName ?? `テスト ${role}`,
    password_hash: hash,
    role,
    prefecture_code: prefectureCode,
    municipality_code: municipalityCode,
    email_verified_at: options.verified === false ? null : new Date(),
    deactivated_at: options.deactivated ? new Date() : null,
  })
}

/** A logged-in session for the user, as the Cookie header a browser would send. */
export async function sessionCookieFor(services: Services, userId: string): Promise<string> {
  const { cookie } = await startSession(services.auth, userId, { ip: '203.0.113.10', userAgent: 'vitest' })
  return cookie.split(';')[0]!
}

export async function loginAs(
  services: Services,
  options: UserOptions = {},
): Promise<{ user: AppUser; cookie: string }> {
  const user = await createUser(services.database.db, options)
  return { user, cookie: await sessionCookieFor(services, user.id) }
}

/** A minimal saved profile for a professional (consent defaults to "shared with nobody"). */
export async function createProfile(
  db: Kysely<DB>,
  userId: string,
  options: { familyName?: string; visibility?: 'none' | 'selected' | 'all'; prefectures?: string[] } = {},
): Promise<string> {
  const id = crypto.randomUUID()
  await db
    .insertInto('profile')
    .values({
      id,
      user_id: userId,
      family_name: options.familyName ?? '試験',
      given_name: '太郎',
      family_name_kana: 'しけん',
      given_name_kana: 'たろう',
      contact_email: `${id}@example.jp`,
      visibility: options.visibility ?? 'none',
      visible_prefecture_codes: options.prefectures ?? [],
    })
    .execute()
  return id
}

/**
 * A published need of a prefecture (default 広島県), on site, in one municipality (default 安芸太田町, 2 days a
 * week), starting 2027-04-01, with the given skills in order. Returns its id.
 */
export async function createPublishedNeed(
  db: Kysely<DB>,
  options: {
    title: string
    employmentForm: EmploymentForm
    skills: Array<{ skillId: string; minLevel: number; essential: boolean }>
    prefectureCode?: string
    municipalityCode?: string
  },
): Promise<string> {
  const id = crypto.randomUUID()
  await db
    .insertInto('need')
    .values({
      id,
      prefecture_code: options.prefectureCode ?? '34',
      status: 'published',
      title: options.title,
      employment_form: options.employmentForm,
      remote_days_per_week: '0',
      start_on: '2027-04-01',
      published_at: new Date(),
    })
    .execute()
  await db
    .insertInto('need_municipality')
    .values({ need_id: id, municipality_code: options.municipalityCode ?? '343684', days_per_week: 2 })
    .execute()
  if (options.skills.length > 0)
    await db
      .insertInto('need_skill')
      .values(
        options.skills.map((s, i) => ({
          need_id: id,
          skill_id: s.skillId,
          min_level: s.minLevel,
          essential: s.essential,
          sort_order: i,
        })),
      )
      .execute()
  return id
}

export interface PlacementOptions {
  /** The employing body: 広島県 (340006) unless told; a prefecture's body places for 市町村支援, others CIO補佐官等. */
  employerCode?: string
  kind?: PlacementKind
  status?: PlacementStatus
  personName?: string
  employment?: PlacementEmployment
  fixedTerm?: boolean
  mainDutyMunicipalSupport?: boolean
  appointedAccelerator?: boolean
  designatedDxLeader?: boolean
  planDraftingOnly?: boolean
  startOn?: string | null
  endOn?: string | null
  endReason?: PlacementEndReason
  /** Served bodies with days a week; 安芸太田町 (343684) 2 days (火・木) unless told (a CIO補佐官等 its employer). */
  municipalities?: Array<{ code: string; daysPerWeek: number; weekdays?: string }>
  costs?: Array<{ fy: number; item: CostItem; amount: number; inProgramme?: boolean }>
  poolMemberId?: string | null
  profileId?: string | null
}

/**
 * A placement as its employer would have recorded it: by default 広島県's 常勤 person supporting 安芸太田町 two
 * days a week, 配置中 since 2026-04-01. Returns its id.
 */
export async function createPlacement(db: Kysely<DB>, options: PlacementOptions = {}): Promise<string> {
  const id = crypto.randomUUID()
  const employerCode = options.employerCode ?? '340006'
  const kind = options.kind ?? (employerCode.slice(2, 5) === '000' ? 'municipal_support' : 'cio_adviser')
  const status = options.status ?? 'active'
  await db
    .insertInto('placement')
    .values({
      id,
      employer_code: employerCode,
      prefecture_code: employerCode.slice(0, 2),
      kind,
      status,
      person_name: options.personName ?? '配置 花子',
      person_kana: 'はいち はなこ',
      profile_id: options.profileId ?? null,
      pool_member_id: options.poolMemberId ?? null,
      employment: options.employment ?? (kind === 'cio_adviser' ? 'special_part_time' : 'full_time'),
      fixed_term: options.fixedTerm ?? false,
      main_duty_municipal_support: options.mainDutyMunicipalSupport ?? kind === 'municipal_support',
      appointed_accelerator: options.appointedAccelerator ?? false,
      designated_dx_leader: options.designatedDxLeader ?? false,
      plan_drafting_only: options.planDraftingOnly ?? false,
      start_on: options.startOn === undefined ? (status === 'draft' ? null : '2026-04-01') : options.startOn,
      end_on: options.endOn ?? (status === 'ended' ? '2027-03-31' : null),
      end_reason: options.endReason ?? (status === 'ended' ? 'term_end' : null),
    })
    .execute()
  const served =
    options.municipalities ??
    (kind === 'cio_adviser'
      ? [{ code: employerCode, daysPerWeek: 1 }]
      : [{ code: '343684', daysPerWeek: 2, weekdays: '火・木' }])
  if (served.length > 0)
    await db
      .insertInto('placement_municipality')
      .values(
        served.map((m, index) => ({
          placement_id: id,
          municipality_code: m.code,
          days_per_week: m.daysPerWeek,
          weekdays: m.weekdays ?? '',
          sort_order: index,
        })),
      )
      .execute()
  if (options.costs?.length)
    await db
      .insertInto('placement_cost')
      .values(
        options.costs.map((c) => ({
          placement_id: id,
          fiscal_year: c.fy,
          item: c.item,
          in_programme: c.inProgramme ?? false,
          amount: c.amount,
        })),
      )
      .execute()
  return id
}

// ---- through the models, shared with the demo generator (app/models/demo/builders.server.ts) ----------------------
// A profile saved section by section, a pool member moved to a status, a need published in a municipality, a
// shortlist entry taken to a status, a placement with cost lines per fiscal year, an accelerator case: written
// the way the pages write them (validation, history, audit, search outbox).
export {
  appointCase,
  buildProfile,
  closeCase,
  nationalListMemberAt,
  needIn,
  nominateMember,
  placementWithCosts,
  poolMemberAt,
  type ProfileSpec,
  sessionUserOf,
  shortlistEntryAt,
} from '../app/models/demo/builders.server'
export { demoContext } from '../app/models/demo/batch.server'
export { demoName } from '../app/models/demo/names'
export { createRng } from '../app/models/demo/random'

/** A professional: an account, and a profile saved through the profile model (basics, then any sections given). */
export async function createProfessionalWithProfile(
  services: Services,
  spec: Partial<ProfileSpec> & { email?: string } = {},
) {
  const user = await createUser(services.database.db, { role: 'professional', email: spec.email })
  const sessionUser = sessionUserOf(user)
  const profileId = await buildProfile(demoContext(services, 'test'), sessionUser, {
    familyName: '試験',
    givenName: '花子',
    familyNameKana: 'しけん',
    givenNameKana: 'はなこ',
    contactEmail: user.email,
    residencePrefectureCode: '34',
    ...spec,
  })
  return { user, sessionUser, profileId }
}
