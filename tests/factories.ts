// Factories shared by tests (and, later, the demo-data generator). Users are real rows with real
// argon2id hashes and real lucia sessions.
import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import { insertUser } from '../db/queries/users'
import type { AppUser, DB, EmploymentForm, Role } from '../db/schema'
import type { Services } from '../app/services.server'
import { hashPassword } from '../app/utils/auth.server'
import { startSession } from '../app/utils/session.server'

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
