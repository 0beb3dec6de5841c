// The search document of a professional's profile. Personal data leaves Postgres only as far as the
// person consented: a profile with visibility 'none' and no national-list consent is not indexed at all,
// and every document carries `audience`, the list of viewers allowed to find it, which every profile
// search filters on (search/queries/profiles.ts). Both come from the one consent definition in
// db/queries/profile-visibility.ts, which the SQL read paths use too. Contact details are never indexed.
import { z } from 'zod'
import { type ConsentFacts, profileAudiences } from '../../db/queries/profile-visibility'
import { foldForSearch, toKatakana } from '../normalize'
import { readingSourceKey } from '../reading-key'
import type { TextField } from './reading-fields'

export const ProfileDocumentSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  name_kana: z.string(),
  introduction: z.string(),
  skill_ids: z.array(z.string()),
  skill_names: z.array(z.string()),
  /** `skill_id:level` pairs, for filters such as "BPR at level 3 or more" (expanded to each level ≤ held). */
  skill_levels: z.array(z.string()),
  qualification_names: z.array(z.string()),
  employment_forms: z.array(z.string()),
  work_area: z.enum(['all', 'selected']),
  work_prefecture_codes: z.array(z.string()),
  remote_ok: z.boolean(),
  days_per_week: z.number().nullable(),
  /** Who may find it: 'all-prefectures', 'pref:34', 'national' (ministry, national list). */
  audience: z.array(z.string()).min(1),
  updated_at: z.number(),
  // ---- for matching (search/queries/match.ts): what ranks and explains a candidate without a row read ----
  /** `skill_id:level` of each skill held, once, space-separated: retrieved with a match hit, not searched. */
  skills_compact: z.string(),
  /** Skills that an entry of the work history names: the evidence behind a claimed level. */
  evidence_skill_ids: z.array(z.string()),
  evidence_count: z.number(),
  qualification_count: z.number(),
  years_public_sector: z.number(),
  /** Days since 1970-01-01 (UTC) of 着任可能日; null = available now. */
  available_from_day: z.number().nullable(),
  residence_prefecture_code: z.string().nullable(),
  /**
   * Pool memberships for facets and filters, keyed by the pool's code ('00' = the national list): the member's
   * status and target roles. A viewer's query filters and counts only `pools.<its own code>.*`
   * (search/queries/match.ts), so its facets hold its own pool's values, however many pools a candidate is in.
   */
  pools: z.record(z.string(), z.object({ status: z.string(), roles: z.array(z.string()) })),
  // Reading twins (./reading-fields.ts), filled when the profile is loaded for the index. The name has none:
  // name_kana is the person's own reading, which no analyser would guess. Skill names have none either: they
  // are the catalogue's words, read once per catalogue and resolved in the query (../skill-readings.ts).
  qualification_names_reading: z.array(z.string()),
  introduction_reading: z.string(),
  /** Holds a 内定 on a 常勤 need (the need's shortlist): not a candidate for other needs. */
  placed_full_time: z.boolean(),
})
export type ProfileDocument = z.infer<typeof ProfileDocumentSchema>

/** The fields with a reading twin (search/indexes.ts searches the twins after the text). */
export const PROFILE_READING_FIELDS = ['qualification_names', 'introduction'] as const satisfies ReadonlyArray<
  TextField<ProfileDocument>
>

/**
 * The only fields a search hit of the profile index carries (search/indexes.ts displayedAttributes): the id,
 * since every search reads the person's row from Postgres through the consent predicate, and what matching
 * ranks a candidate by (search/queries/match.ts). No name or text ever leaves the index in a hit.
 */
export const PROFILE_HIT_FIELDS = [
  'id',
  'skills_compact',
  'evidence_skill_ids',
  'qualification_count',
  'years_public_sector',
] as const satisfies ReadonlyArray<keyof ProfileDocument>

export interface ProfileForIndex {
  id: string
  family_name: string
  given_name: string
  family_name_kana: string
  given_name_kana: string
  introduction: string
  visibility: 'none' | 'selected' | 'all'
  visible_prefecture_codes: string[]
  national_list_consent: boolean
  employment_forms: string[]
  work_area: 'all' | 'selected'
  work_prefecture_codes: string[]
  remote_ok: boolean
  days_per_week: string | number | null
  updated_at: Date
  skills: Array<{ skill_id: string; name: string; level: number }>
  qualifications: string[]
  /** Pools the person joined themselves (not withdrawn, not copies from the national list). */
  applied_prefecture_codes?: string[]
  residence_prefecture_code: string | null
  years_public_sector: number
  available_from: Date | string | null
  /** The skill ids each work-history entry names. */
  experience_skill_ids: string[][]
  /** Every membership not withdrawn, copies included: the pool's own record of the person. */
  pool_memberships: Array<{ prefecture_code: string; status: string; target_role_ids: string[] }>
  /** A 内定 on a 常勤 need (db/queries/shortlist.ts placedFullTime). */
  placed_full_time?: boolean
  /** The introduction's reading as last made, with the key of the text it was made from (../reading-key.ts). */
  stored_introduction_reading?: { source_key: string; reading: string } | null
}

const DAY_MS = 24 * 60 * 60 * 1000

/** A date (Date or 'YYYY-MM-DD') as whole days since 1970-01-01 UTC: how dates are compared in filters. */
export function epochDay(value: Date | string): number {
  const time = typeof value === 'string' ? Date.parse(`${value.slice(0, 10)}T00:00:00Z`) : value.getTime()
  return Math.floor(time / DAY_MS)
}

/** The viewers a profile is shared with, from its consent settings (empty = not searchable at all). */
export function profileAudience(profile: ConsentFacts): string[] {
  return profileAudiences(profile)
}

/** Returns null when the person shares the profile with nobody: then it must not be in the index. */
export function buildProfileDocument(profile: ProfileForIndex): ProfileDocument | null {
  const audience = profileAudience(profile)
  if (audience.length === 0) return null
  const introduction = foldForSearch(profile.introduction)
  // The kept reading when it was made from this very text; otherwise empty, and the analyser reads it
  // (./reading-fields.ts addReadings).
  const stored = profile.stored_introduction_reading
  const introductionReading = stored && stored.source_key === readingSourceKey(introduction) ? stored.reading : ''
  return ProfileDocumentSchema.parse({
    id: profile.id,
    // Text is folded in width like queries (normalize.ts); the reading in katakana, the script kana queries
    // are normalised to, so やまだ and ヤマダ both find it.
    name: foldForSearch(`${profile.family_name} ${profile.given_name}`),
    name_kana: toKatakana(foldForSearch(`${profile.family_name_kana} ${profile.given_name_kana}`))
      .replace(/\s+/g, ' ')
      .trim(),
    introduction,
    skill_ids: profile.skills.map((s) => s.skill_id),
    skill_names: profile.skills.map((s) => foldForSearch(s.name)),
    skill_levels: profile.skills.flatMap((s) => Array.from({ length: s.level }, (_, i) => `${s.skill_id}:${i + 1}`)),
    qualification_names: profile.qualifications.map(foldForSearch),
    employment_forms: profile.employment_forms,
    work_area: profile.work_area,
    work_prefecture_codes: profile.work_prefecture_codes,
    remote_ok: profile.remote_ok,
    days_per_week: profile.days_per_week === null ? null : Number(profile.days_per_week),
    audience,
    updated_at: profile.updated_at.getTime(),
    skills_compact: profile.skills.map((s) => `${s.skill_id}:${s.level}`).join(' '),
    evidence_skill_ids: [...new Set(profile.experience_skill_ids.flat())],
    evidence_count: profile.experience_skill_ids.length,
    qualification_count: profile.qualifications.length,
    years_public_sector: profile.years_public_sector,
    available_from_day: profile.available_from === null ? null : epochDay(profile.available_from),
    residence_prefecture_code: profile.residence_prefecture_code,
    pools: Object.fromEntries(
      profile.pool_memberships.map((m) => [m.prefecture_code, { status: m.status, roles: m.target_role_ids }]),
    ),
    qualification_names_reading: [],
    introduction_reading: introductionReading,
    placed_full_time: profile.placed_full_time ?? false,
  })
}
