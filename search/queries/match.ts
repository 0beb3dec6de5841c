// Candidates for a need, from the profile index. Three queries over the same filter:
//   facets  the counts of every facet and the total (no hits);
//   tier 0  candidates who hold every 必須 skill at its required level;
//   tier 1  everyone else who passes the hard conditions.
// The first two are sent at once; tier 1 only when the page reaches past tier 0 (every tier-1 candidate ranks
// below every tier-0 one, so on most first pages it is not needed, and its size counts the pages).
// Each tier returns up to TIER_LIMIT hits with the few fields that rank and explain a candidate
// (app/utils/match-score.ts scores them in our code): Meilisearch cannot rank by a need-specific sum of skill
// levels, but it filters 100,000 profiles to a tier in a few milliseconds, and a tier's hits are small. Within
// a tier Meilisearch orders by evidence, qualifications and public-sector years, so if a tier holds more than
// TIER_LIMIT people, the ones scored are its best documented. The viewer's audience filter is on every query
// (search/queries/profiles.ts): no query here can reach a profile that was not shared with the viewer.
import type { ProfileViewer } from '../../db/queries/profile-visibility'
import type { SearchClient } from '../client'
import { PROFILE_HIT_FIELDS, type ProfileDocument } from '../documents/profile'
import { normalizeSearchQuery } from '../normalize'
import { type SkillReadings, writeSkillReadings } from '../skill-readings'
import { audienceFilter, poolField } from './profiles'

export const TIER_LIMIT = 300

export interface MatchCriteria {
  /** The need's 必須 skills and their minimum levels. */
  essentials: ReadonlyArray<{ skillId: string; minLevel: number }>
  employmentForm: string | null
  /** 0 = not stated. */
  daysPerWeek: number
  prefectureCode: string
  remote: boolean
  /** Days since 1970-01-01 of the need's start (search/documents/profile.ts epochDay); null = none. */
  startDay: number | null
}

/** What the official narrowed the list to (facets and free text); all optional. */
export interface MatchSelection {
  q?: string
  employmentForm?: string
  residencePrefectureCode?: string
  skillId?: string
  poolStatus?: string
  roleId?: string
}

export type MatchHit = Pick<ProfileDocument, (typeof PROFILE_HIT_FIELDS)[number]>

export interface MatchSearchResult {
  total: number
  /** Tier 1 is empty when the page did not reach it (searchMatchCandidates). */
  tiers: [MatchHit[], MatchHit[]]
  /** How many candidates the ranking covers: up to TIER_LIMIT of each tier, fetched or not. */
  rankable: number
  /** Whether a tier held more than TIER_LIMIT people (only its best documented were ranked). */
  truncated: boolean
  /** Facet value → count; pool statuses and roles only of the viewer's own pool, without its code. */
  facets: {
    employmentForms: Record<string, number>
    residence: Record<string, number>
    skills: Record<string, number>
    poolStatuses: Record<string, number>
    roles: Record<string, number>
  }
}

/** The facets of a match: the viewer's own pool's statuses and roles, never another pool's. */
function facetsFor(pool: string): string[] {
  return [
    'employment_forms',
    'residence_prefecture_code',
    'skill_ids',
    poolField(pool, 'status'),
    poolField(pool, 'roles'),
  ]
}
const TIER_SORT = ['evidence_count:desc', 'qualification_count:desc', 'years_public_sector:desc']

const quote = (value: string) => `"${value.replace(/["\\]/g, '')}"`
const SAFE_NUMBER = (value: number) => (Number.isFinite(value) ? value : 0)

/** The pool whose statuses and roles a viewer filters and counts: its prefecture's, or the national list. */
export function poolCodeOf(viewer: ProfileViewer): string {
  return viewer.kind === 'ministry' ? '00' : viewer.prefectureCode
}

/** The hard conditions and the official's selection, as Meilisearch filter groups (AND of ORs). */
export function matchFilter(
  viewer: ProfileViewer,
  criteria: MatchCriteria,
  selection: MatchSelection,
): Array<string | string[]> {
  // Someone placed full time (a 内定 on a 常勤 need) is no candidate for another need. `!= true` rather than
  // `= false`: a document indexed before the field existed has none, and stays a candidate until it is rebuilt
  // instead of every candidate vanishing until a full reindex.
  const filter: Array<string | string[]> = [audienceFilter(viewer), 'placed_full_time != true']
  if (criteria.employmentForm) filter.push(`employment_forms = ${quote(criteria.employmentForm)}`)
  if (criteria.daysPerWeek > 0) filter.push(`days_per_week >= ${SAFE_NUMBER(criteria.daysPerWeek)}`)
  filter.push([
    'work_area = "all"',
    `work_prefecture_codes = ${quote(criteria.prefectureCode)}`,
    ...(criteria.remote ? ['remote_ok = true'] : []),
  ])
  if (criteria.startDay !== null)
    filter.push(['available_from_day IS NULL', `available_from_day <= ${SAFE_NUMBER(criteria.startDay)}`])
  const pool = poolCodeOf(viewer)
  if (selection.employmentForm) filter.push(`employment_forms = ${quote(selection.employmentForm)}`)
  if (selection.residencePrefectureCode)
    filter.push(`residence_prefecture_code = ${quote(selection.residencePrefectureCode)}`)
  if (selection.skillId) filter.push(`skill_ids = ${quote(selection.skillId)}`)
  if (selection.poolStatus) filter.push(`${poolField(pool, 'status')} = ${quote(selection.poolStatus)}`)
  if (selection.roleId) filter.push(`${poolField(pool, 'roles')} = ${quote(selection.roleId)}`)
  return filter
}

/** Meilisearch's filter for "every 必須 skill at its level" (null when the need has none). */
function essentialsFilter(criteria: MatchCriteria): string | null {
  if (criteria.essentials.length === 0) return null
  return criteria.essentials.map((e) => `skill_levels = ${quote(`${e.skillId}:${e.minLevel}`)}`).join(' AND ')
}

/** The multi-search body of a match: what searchMatchCandidates sends (and the benchmark sends raw). */
export function matchQueries(
  indexUid: string,
  viewer: ProfileViewer,
  criteria: MatchCriteria,
  selection: MatchSelection,
  /** The published catalogue's skill-name readings (../skill-readings.ts); null: kana goes as typed. */
  skillReadings: SkillReadings | null = null,
) {
  const base = matchFilter(viewer, criteria, selection)
  const essentials = essentialsFilter(criteria)
  // The shared normalisation, so kana and half-width words meet the reading twins, and a skill name's word
  // typed as its reading written as the word (the index holds skill names only as written). Its variants
  // (romaji, the catalogue's synonyms: ../synonyms.ts) are not sent: they would need one federated search per
  // tier and merged facet counts.
  const q = writeSkillReadings(normalizeSearchQuery(selection.q ?? '').text, skillReadings)
  const common = {
    indexUid,
    q,
    locales: ['jpn'] as ['jpn'],
    attributesToRetrieve: [...PROFILE_HIT_FIELDS],
    sort: TIER_SORT,
  }
  return [
    { indexUid, q, locales: ['jpn'] as ['jpn'], filter: base, limit: 0, facets: facetsFor(poolCodeOf(viewer)) },
    { ...common, filter: essentials ? [...base, essentials] : base, limit: TIER_LIMIT },
    // Without 必須 skills every candidate is in tier 0, and there is no tier 1 to ask for.
    ...(essentials ? [{ ...common, filter: [...base, `NOT (${essentials})`], limit: TIER_LIMIT }] : []),
  ]
}

export async function searchMatchCandidates(
  client: SearchClient,
  viewer: ProfileViewer,
  criteria: MatchCriteria,
  selection: MatchSelection,
  /** How many ranked candidates the page reaches (its offset plus its size). */
  needed: number,
  skillReadings: SkillReadings | null = null,
): Promise<MatchSearchResult> {
  // One request per query: Meilisearch answers a multi-search's queries one after another on one thread, and
  // concurrent requests on as many threads as it has (measured at 100,000 profiles, 2 cores: p50 23 → 16 ms
  // for the same three queries).
  const send = async (query: ReturnType<typeof matchQueries>[number]) =>
    (await client.meili.multiSearch({ queries: [query] })).results[0]
  const [facetQuery, tier0Query, tier1Query] = matchQueries(
    client.indexUid('profile'),
    viewer,
    criteria,
    selection,
    skillReadings,
  )
  const [facetResult, tier0] = await Promise.all([send(facetQuery!), send(tier0Query!)])
  const total = facetResult?.estimatedTotalHits ?? 0
  const tier0Hits = (tier0?.hits ?? []) as MatchHit[]
  // Every tier-1 candidate ranks below every tier-0 one, so tier 1 is asked for only when the page reaches
  // past tier 0's hits; otherwise its size is enough to count the pages.
  const tier1Total = tier1Query ? Math.max(0, total - (tier0?.estimatedTotalHits ?? 0)) : 0
  const tier1 =
    tier1Query && tier0Hits.length < needed && tier1Total > 0
      ? (((await send(tier1Query))?.hits ?? []) as MatchHit[])
      : null
  // How many of tier 1 the ranking covers: those fetched, or as many as a fetch would bring.
  const tier1Ranked = tier1 ? tier1.length : Math.min(tier1Total, TIER_LIMIT)
  const distribution = (facetResult?.facetDistribution ?? {}) as Record<string, Record<string, number>>
  const pool = poolCodeOf(viewer)
  return {
    total,
    tiers: [tier0Hits, tier1 ?? []],
    rankable: tier0Hits.length + tier1Ranked,
    truncated: tier0Hits.length >= TIER_LIMIT || tier1Ranked >= TIER_LIMIT,
    facets: {
      employmentForms: distribution.employment_forms ?? {},
      residence: distribution.residence_prefecture_code ?? {},
      skills: distribution.skill_ids ?? {},
      poolStatuses: distribution[poolField(pool, 'status')] ?? {},
      roles: distribution[poolField(pool, 'roles')] ?? {},
    },
  }
}
