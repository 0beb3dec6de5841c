import { sql } from 'kysely'
import type { DbExecutor } from '../client'
import { placedFullTime } from './shortlist'

/** Profiles with their current skill names and qualifications, for the search index (no contact data). */
export async function listProfilesForIndex(db: DbExecutor, ids: readonly string[]) {
  if (ids.length === 0) return []
  const profiles = await db
    .selectFrom('profile')
    .select([
      'id',
      'family_name',
      'given_name',
      'family_name_kana',
      'given_name_kana',
      'introduction',
      'visibility',
      'visible_prefecture_codes',
      'national_list_consent',
      'employment_forms',
      'work_area',
      'work_prefecture_codes',
      'remote_ok',
      'days_per_week',
      'updated_at',
      'residence_prefecture_code',
      'years_public_sector',
      'available_from',
    ])
    .select(placedFullTime.as('placed_full_time'))
    .where('id', 'in', ids)
    .execute()
  if (profiles.length === 0) return []
  const profileIds = profiles.map((p) => p.id)
  // Skill names as the newest non-draft version has them (a retired skill keeps its last name): the
  // catalogue's few dozen names once, and each profile's skills as one `id:level id:level` text. One row per
  // profile instead of one per skill: at 2,000 profiles a batch, 12,000 rows cost the embedded database four
  // times as much to hand over as the 2,000 aggregated ones (a full rebuild reads 100,000 profiles).
  const names = await db
    .selectFrom('skill_revision')
    .innerJoin('skill_standard_version', 'skill_standard_version.id', 'skill_revision.version_id')
    .distinctOn('skill_revision.skill_id')
    .select(['skill_revision.skill_id', 'skill_revision.name'])
    .where('skill_standard_version.status', '!=', 'draft')
    .orderBy('skill_revision.skill_id')
    .orderBy('skill_standard_version.version_no', 'desc')
    .execute()
  const held = await db
    .selectFrom('profile_skill')
    .select(['profile_id', sql<string>`string_agg(skill_id || ':' || level, ' ')`.as('held')])
    .where('profile_id', 'in', profileIds)
    .groupBy('profile_id')
    .execute()
  const skillName = new Map(names.map((row) => [row.skill_id, row.name]))
  // Skill ids are slugs (db/skill-standard-content.ts): no spaces or colons inside one.
  const skills = held.flatMap(({ profile_id, held }) =>
    held.split(' ').flatMap((pair) => {
      const at = pair.lastIndexOf(':')
      const skill_id = pair.slice(0, at)
      const name = skillName.get(skill_id)
      return name === undefined ? [] : [{ profile_id, skill_id, level: Number(pair.slice(at + 1)), name }]
    }),
  )
  const qualifications = await db
    .selectFrom('profile_qualification')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('qualification_revision')
          .innerJoin('skill_standard_version', 'skill_standard_version.id', 'qualification_revision.version_id')
          .distinctOn('qualification_revision.qualification_id')
          .select(['qualification_revision.qualification_id', 'qualification_revision.name'])
          .where('skill_standard_version.status', '!=', 'draft')
          .orderBy('qualification_revision.qualification_id')
          .orderBy('skill_standard_version.version_no', 'desc')
          .as('latest'),
      (join) => join.onRef('latest.qualification_id', '=', 'profile_qualification.qualification_id'),
    )
    .select(['profile_qualification.profile_id', 'latest.name'])
    .where('profile_qualification.profile_id', 'in', profileIds)
    .execute()
  const memberships = await db
    .selectFrom('pool_member')
    .select(['profile_id', 'prefecture_code', 'status', 'target_role_ids', 'copied_from_national_list'])
    .where('profile_id', 'in', profileIds)
    .where('status', '!=', 'withdrawn')
    .execute()
  const experiences = await db
    .selectFrom('profile_experience')
    .select(['profile_id', 'skill_ids'])
    .where('profile_id', 'in', profileIds)
    .execute()
  const byProfile = <T extends { profile_id: string | null }>(rows: T[]) => {
    const grouped = new Map<string, T[]>()
    for (const row of rows)
      if (row.profile_id) grouped.set(row.profile_id, [...(grouped.get(row.profile_id) ?? []), row])
    return (id: string) => grouped.get(id) ?? []
  }
  const [skillsOf, qualificationsOf, membershipsOf, experiencesOf] = [
    byProfile(skills),
    byProfile(qualifications),
    byProfile(memberships),
    byProfile(experiences),
  ] as const
  return profiles.map((p) => ({
    ...p,
    // Only pools the person joined themselves share the profile (profile-visibility.ts): a prefecture's copy
    // from the national list does not.
    applied_prefecture_codes: membershipsOf(p.id)
      .filter((m) => !m.copied_from_national_list)
      .map((m) => m.prefecture_code),
    pool_memberships: membershipsOf(p.id).map((m) => ({
      prefecture_code: m.prefecture_code,
      status: m.status,
      target_role_ids: m.target_role_ids,
    })),
    experience_skill_ids: experiencesOf(p.id).map((e) => e.skill_ids),
    updated_at: new Date(p.updated_at),
    skills: skillsOf(p.id).map((s) => ({ skill_id: s.skill_id, name: s.name, level: s.level })),
    qualifications: qualificationsOf(p.id).map((q) => q.name),
  }))
}

export async function listAllProfileIds(db: DbExecutor): Promise<string[]> {
  const rows = await db
    .selectFrom('profile')
    .select('id')
    .orderBy(sql`id`)
    .execute()
  return rows.map((r) => r.id)
}
