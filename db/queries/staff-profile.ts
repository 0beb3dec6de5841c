// SQL for a professional's profile as prefecture and ministry staff read it (app/models/staff-profile.server.ts).
// One statement: the profile row with its skills, work history, qualifications and the viewer's pool's
// training records as JSON arrays, and only while the owner shares the profile with the viewer — consent is
// the WHERE clause (profile-visibility.ts), so a withdrawn consent hides everything at once. Contact details
// (contact_email, phone), birth year, desired pay and the consent settings themselves are never selected.
import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DbExecutor } from '../client'
import { type ProfileViewer, profileVisibleTo } from './profile-visibility'

/**
 * The profile `profileId` as `viewer` may see it; undefined when there is no such profile or it is not shared
 * with the viewer. Training records come from the viewer's own pool (`trainingPoolCode`; null = none).
 */
export async function findProfileForStaff(
  db: DbExecutor,
  viewer: ProfileViewer | null,
  profileId: string,
  trainingPoolCode: string | null,
) {
  return db
    .selectFrom('profile')
    .select([
      'profile.id',
      'profile.family_name',
      'profile.given_name',
      'profile.family_name_kana',
      'profile.given_name_kana',
      'profile.residence_prefecture_code',
      'profile.introduction',
      'profile.years_private_it',
      'profile.years_public_sector',
      'profile.languages',
      'profile.employment_forms',
      'profile.days_per_week',
      // A date column as text: the drivers would turn it into a Date at some time zone's midnight.
      sql<string | null>`to_char(profile.available_from, 'YYYY-MM-DD')`.as('available_from'),
      'profile.work_area',
      'profile.work_prefecture_codes',
      'profile.remote_ok',
      'profile.onsite_days_per_month',
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('profile_skill')
          .select(['profile_skill.skill_id', 'profile_skill.level'])
          .whereRef('profile_skill.profile_id', '=', 'profile.id')
          .orderBy('profile_skill.skill_id'),
      ).as('skills'),
      jsonArrayFrom(
        eb
          .selectFrom('profile_experience')
          .select([
            'profile_experience.id',
            'profile_experience.organization',
            'profile_experience.title',
            sql<string>`to_char(profile_experience.started_on, 'YYYY-MM')`.as('started_month'),
            sql<string | null>`to_char(profile_experience.ended_on, 'YYYY-MM')`.as('ended_month'),
            'profile_experience.description',
            'profile_experience.skill_ids',
          ])
          .whereRef('profile_experience.profile_id', '=', 'profile.id')
          // Newest first, as a CV reads (the same order as the person's own page).
          .orderBy('profile_experience.started_on', 'desc')
          .orderBy('profile_experience.sort_order'),
      ).as('experiences'),
      jsonArrayFrom(
        eb
          .selectFrom('profile_qualification')
          .select(['profile_qualification.qualification_id', 'profile_qualification.acquired_year'])
          .whereRef('profile_qualification.profile_id', '=', 'profile.id')
          .orderBy('profile_qualification.qualification_id'),
      ).as('qualifications'),
      jsonArrayFrom(
        eb
          .selectFrom('training_record')
          .innerJoin('pool_member as training_pool', 'training_pool.id', 'training_record.pool_member_id')
          .select([
            'training_record.title',
            'training_record.provider',
            sql<string | null>`to_char(training_record.completed_on, 'YYYY-MM-DD')`.as('completed_on'),
          ])
          .whereRef('training_pool.profile_id', '=', 'profile.id')
          .where('training_pool.prefecture_code', '=', trainingPoolCode ?? '__none__')
          .orderBy('training_record.created_at'),
      ).as('trainings'),
    ])
    .where('profile.id', '=', profileId)
    .where(profileVisibleTo(viewer))
    .executeTakeFirst()
}
