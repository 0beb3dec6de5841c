import { sql } from 'kysely'
import type { DbExecutor } from '../client'
import { resolveQualifications } from './profiles'
import { placedFullTime } from './shortlist'
import { resolveSkills } from './skill-standard'

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
  // Skill and qualification names as the newest non-draft version has them (a retired one keeps its last
  // name: resolveSkills, resolveQualifications), looked up once per batch for the ids it holds. Each profile's
  // skills come as one `id:level id:level` text: one row per profile instead of one per skill (at 2,000
  // profiles a batch, 12,000 rows cost the embedded database four times as much to hand over as the 2,000
  // aggregated ones; a full rebuild reads 100,000 profiles).
  const held = await db
    .selectFrom('profile_skill')
    .select(['profile_id', sql<string>`string_agg(skill_id || ':' || level, ' ')`.as('held')])
    .where('profile_id', 'in', profileIds)
    .groupBy('profile_id')
    .execute()
  // Skill ids are slugs (db/skill-standard-content.ts): no spaces or colons inside one.
  const heldSkills = held.flatMap(({ profile_id, held }) =>
    held.split(' ').map((pair) => {
      const at = pair.lastIndexOf(':')
      return { profile_id, skill_id: pair.slice(0, at), level: Number(pair.slice(at + 1)) }
    }),
  )
  const skillName = namesOf(
    await resolveSkills(db, [...new Set(heldSkills.map((s) => s.skill_id))]),
    (row) => row.skill_id,
  )
  const skills = heldSkills.flatMap(({ profile_id, skill_id, level }) => {
    const name = skillName.get(skill_id)
    return name === undefined ? [] : [{ profile_id, skill_id, level, name }]
  })
  const heldQualifications = await db
    .selectFrom('profile_qualification')
    .select(['profile_id', 'qualification_id'])
    .where('profile_id', 'in', profileIds)
    .execute()
  const qualificationName = namesOf(
    await resolveQualifications(db, [...new Set(heldQualifications.map((q) => q.qualification_id))]),
    (row) => row.qualification_id,
  )
  const qualifications = heldQualifications.flatMap(({ profile_id, qualification_id }) => {
    const name = qualificationName.get(qualification_id)
    return name === undefined ? [] : [{ profile_id, name }]
  })
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
  const storedReadings = await db
    .selectFrom('profile_search_reading')
    .select(['profile_id', 'source_key', 'reading'])
    .where('profile_id', 'in', profileIds)
    .execute()
  const storedReadingOf = new Map(storedReadings.map((r) => [r.profile_id, r]))
  // Grouped with one array per profile, and each profile's object written out field by field: the rebuild
  // builds 100,000 of them, and copying rows with spreads took a third of the app's CPU time for reading them
  // (docs/BENCHMARKS.md).
  const skillsOf = groupByProfile(skills, (s) => ({ skill_id: s.skill_id, name: s.name, level: s.level }))
  const qualificationsOf = groupByProfile(qualifications, (q) => q.name)
  const membershipsOf = groupByProfile(memberships, (m) => m)
  const experiencesOf = groupByProfile(experiences, (e) => e.skill_ids)
  return profiles.map((p) => {
    const joined = membershipsOf(p.id)
    return {
      id: p.id,
      family_name: p.family_name,
      given_name: p.given_name,
      family_name_kana: p.family_name_kana,
      given_name_kana: p.given_name_kana,
      introduction: p.introduction,
      visibility: p.visibility,
      visible_prefecture_codes: p.visible_prefecture_codes,
      national_list_consent: p.national_list_consent,
      employment_forms: p.employment_forms,
      work_area: p.work_area,
      work_prefecture_codes: p.work_prefecture_codes,
      remote_ok: p.remote_ok,
      days_per_week: p.days_per_week,
      updated_at: new Date(p.updated_at),
      residence_prefecture_code: p.residence_prefecture_code,
      years_public_sector: p.years_public_sector,
      available_from: p.available_from,
      placed_full_time: p.placed_full_time,
      // Only pools the person joined themselves share the profile (profile-visibility.ts): a prefecture's copy
      // from the national list does not.
      applied_prefecture_codes: joined.filter((m) => !m.copied_from_national_list).map((m) => m.prefecture_code),
      pool_memberships: joined.map((m) => ({
        prefecture_code: m.prefecture_code,
        status: m.status,
        target_role_ids: m.target_role_ids,
      })),
      experience_skill_ids: experiencesOf(p.id),
      skills: skillsOf(p.id),
      qualifications: qualificationsOf(p.id),
      stored_introduction_reading: storedReadingOf.get(p.id) ?? null,
    }
  })
}

/** Rows grouped by profile, each mapped once; a profile without rows gets an empty list. */
function groupByProfile<T extends { profile_id: string | null }, U>(
  rows: readonly T[],
  map: (row: T) => U,
): (id: string) => U[] {
  const grouped = new Map<string, U[]>()
  for (const row of rows) {
    if (!row.profile_id) continue
    const list = grouped.get(row.profile_id)
    if (list) list.push(map(row))
    else grouped.set(row.profile_id, [map(row)])
  }
  return (id) => grouped.get(id) ?? []
}

/**
 * Keeps the readings of introductions just made by the analyser, one per profile (replacing an older one), so
 * that the next rebuild of the index reuses them while the text is the same. A profile deleted meanwhile is
 * skipped.
 */
export async function storeIntroductionReadings(
  db: DbExecutor,
  readings: ReadonlyArray<{ profile_id: string; source_key: string; reading: string }>,
): Promise<void> {
  if (readings.length === 0) return
  // One statement for a batch; the join drops a profile deleted since it was read. The JSON goes as text: a
  // driver that sees a jsonb parameter encodes a string as a JSON string, not as the array it spells.
  await sql`insert into profile_search_reading (profile_id, source_key, reading)
    select r.profile_id, r.source_key, r.reading
    from jsonb_to_recordset(${JSON.stringify(readings)}::text::jsonb) as r(profile_id uuid, source_key text, reading text)
    join profile on profile.id = r.profile_id
    on conflict (profile_id) do update set source_key = excluded.source_key, reading = excluded.reading`.execute(db)
}

/** The kept reading of a profile's introduction (the person's own data export shows it). */
export async function findIntroductionReading(db: DbExecutor, profileId: string): Promise<string | null> {
  const row = await db
    .selectFrom('profile_search_reading')
    .select('reading')
    .where('profile_id', '=', profileId)
    .executeTakeFirst()
  return row?.reading ?? null
}

export async function listAllProfileIds(db: DbExecutor): Promise<string[]> {
  const rows = await db
    .selectFrom('profile')
    .select('id')
    .orderBy(sql`id`)
    .execute()
  return rows.map((r) => r.id)
}

function namesOf<T extends { name: string }>(rows: readonly T[], idOf: (row: T) => string): Map<string, string> {
  return new Map(rows.map((row) => [idOf(row), row.name]))
}
