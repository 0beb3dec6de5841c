// Profile search for staff. The viewer's audience is not optional: a search without it cannot be written,
// so no code path can search profiles outside what their owners consented to. The index may lag a consent
// change by a moment: callers load the rows for the returned ids through the SQL consent predicate.
//
// The words go through the shared normalisation and the catalogue's synonyms (../synonyms.ts expandQuery),
// and a skill name's word typed as its reading is written as the word (../skill-readings.ts); every variant
// carries the audience filter (./variants.ts).
import { type ProfileViewer, viewerAudiences } from '../../db/queries/profile-visibility'
import type { SearchClient } from '../client'
import { type SkillReadings, writeSkillReadings } from '../skill-readings'
import { expandQuery, MAX_QUERY_VARIANTS, type SynonymMap } from '../synonyms'
import { searchVariants } from './variants'

export type { ProfileViewer }

/** The audience tokens a viewer may see: the consent definition's, never re-derived here. */
export function audienceOf(viewer: ProfileViewer): string[] {
  return viewerAudiences(viewer)
}

const quote = (value: string) => `"${value.replace(/["\\]/g, '')}"`

/** The consent part of every profile search: any one of the viewer's audiences (an OR group). */
export function audienceFilter(viewer: ProfileViewer): string[] {
  return audienceOf(viewer).map((token) => `audience = ${quote(token)}`)
}

/**
 * The path of one pool's membership field in the profile index (documents/profile.ts `pools`), for filters
 * and facets. The code becomes part of the path, so it must be two digits ('00' = the national list).
 */
export function poolField(poolCode: string, field: 'status' | 'roles'): string {
  if (!/^\d{2}$/.test(poolCode)) throw new Error(`invalid pool code: ${poolCode}`)
  return `pools.${poolCode}.${field}`
}

export async function searchProfiles(
  client: SearchClient,
  viewer: ProfileViewer,
  params: {
    q?: string
    /** The published catalogue's synonym map (buildSynonymMap); without it the words are searched alone. */
    synonyms?: SynonymMap | null
    /** The published catalogue's skill-name readings (buildSkillReadings); without them kana is searched as typed. */
    skillReadings?: SkillReadings | null
    skillId?: string
    minLevel?: number
    employmentForm?: string
    workPrefectureCode?: string
    remoteOk?: boolean
    /** Only members of this pool ('00' = the national list), whatever their status. */
    poolCode?: string
    limit?: number
    offset?: number
  },
): Promise<{ ids: string[]; total: number }> {
  const filter: Array<string | string[]> = [audienceFilter(viewer)]
  if (params.poolCode !== undefined) filter.push(`${poolField(params.poolCode, 'status')} EXISTS`)
  if (params.skillId) filter.push(`skill_levels = ${quote(`${params.skillId}:${params.minLevel ?? 1}`)}`)
  if (params.employmentForm) filter.push(`employment_forms = ${quote(params.employmentForm)}`)
  if (params.workPrefectureCode)
    filter.push([`work_area = "all"`, `work_prefecture_codes = ${quote(params.workPrefectureCode)}`])
  if (params.remoteOk) filter.push('remote_ok = true')
  const limit = Math.min(Math.max(params.limit ?? 20, 1), 100)
  const { hits, total } = await searchVariants<{ id: string }>(client, {
    index: 'profile',
    variants: withSkillWords(expandQuery(params.q ?? '', params.synonyms ?? null), params.skillReadings ?? null),
    filter,
    hitsPerPage: limit,
    page: Math.floor((params.offset ?? 0) / limit) + 1,
    attributesToRetrieve: ['id'],
    // Every word must match, as in the other searches: with 'last', a synonym variant such as
    // 「標準化・共通化(20業務)とガバメントクラウド」 would drop words until it matched anyone with 業務.
    matchingStrategy: 'all',
  })
  return { ids: hits.map((hit) => String(hit.id)), total }
}

/**
 * Each variant, followed by the same words with skill-name readings written as the words (ヒョウジュンカ →
 * 標準化) when that differs: the index holds skill names only as written. Still at most MAX_QUERY_VARIANTS.
 */
export function withSkillWords(variants: readonly string[], readings: SkillReadings | null): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const variant of variants) {
    for (const candidate of [variant, writeSkillReadings(variant, readings)]) {
      const key = candidate.toLowerCase()
      if (seen.has(key) || out.length >= MAX_QUERY_VARIANTS) continue
      seen.add(key)
      out.push(candidate)
    }
  }
  return out
}
