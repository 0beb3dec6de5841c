// Demo professionals for the embedded setup's matching page: accounts that cannot log in (a random password
// nobody knows), each with a profile, skills and one work-history entry, enqueued for search.
import crypto from 'node:crypto'
import type { DbExecutor } from '../client'
import type { EmploymentForm, ProfileVisibility } from '../schema'
import { enqueueSearchSync } from './search-outbox'

export interface DemoProfessional {
  email: string
  familyName: string
  givenName: string
  familyNameKana: string
  givenNameKana: string
  introduction: string
  visibility: ProfileVisibility
  employmentForms: EmploymentForm[]
  daysPerWeek: number
  remoteOk: boolean
  yearsPublicSector: number
  residence: string
  skills: Record<string, number>
  experience: { organization: string; title: string; startedOn: string; skillIds: string[] }
}

export async function demoProfessionalExists(db: DbExecutor, email: string): Promise<boolean> {
  return Boolean(await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst())
}

export async function insertDemoProfessional(db: DbExecutor, person: DemoProfessional, passwordHash: string) {
  const userId = crypto.randomUUID()
  const profileId = crypto.randomUUID()
  await db
    .insertInto('app_user')
    .values({
      id: userId,
      email: person.email,
      display_name: `${person.familyName} ${person.givenName}`,
      password_hash: passwordHash,
      role: 'professional',
      email_verified_at: new Date(),
    })
    .execute()
  await db
    .insertInto('profile')
    .values({
      id: profileId,
      user_id: userId,
      family_name: person.familyName,
      given_name: person.givenName,
      family_name_kana: person.familyNameKana,
      given_name_kana: person.givenNameKana,
      contact_email: person.email,
      introduction: person.introduction,
      visibility: person.visibility,
      employment_forms: person.employmentForms,
      days_per_week: person.daysPerWeek,
      work_area: 'all',
      remote_ok: person.remoteOk,
      years_public_sector: person.yearsPublicSector,
      residence_prefecture_code: person.residence,
      consent_updated_at: new Date(),
    })
    .execute()
  await db
    .insertInto('profile_skill')
    .values(Object.entries(person.skills).map(([skill_id, level]) => ({ profile_id: profileId, skill_id, level })))
    .execute()
  await db
    .insertInto('profile_experience')
    .values({
      id: crypto.randomUUID(),
      profile_id: profileId,
      organization: person.experience.organization,
      title: person.experience.title,
      started_on: person.experience.startedOn,
      skill_ids: person.experience.skillIds,
    })
    .execute()
  await enqueueSearchSync(db, 'profile', [profileId])
}
