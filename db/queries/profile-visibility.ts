// Consent, defined once: who may see a professional's profile (name aside: contact details, skills, work
// history, search presence). Everything that reads profile data goes through this module: SQL read paths
// through `profileVisibleTo`, the search index through `profileAudiences` (the document's `audience`) and
// search filters through `viewerAudiences`. A viewer may see a profile when the profile grants one of the
// audiences the viewer holds:
//
//   audience          held by                      granted by
//   all-prefectures   every prefecture's staff     visibility 'all'
//   pref:NN           prefecture NN's staff        visibility 'selected' with NN; a pool of NN the person joined
//   national          ministry staff               visibility 'all'; national-list consent; the national list
//                                                  ('00') joined by the person
//
// "Joined by the person" means a membership the person made themselves and has not withdrawn: an application,
// an expression of interest, an accepted invitation. A copy a prefecture made from the national list
// (`copied_from_national_list`) is the prefecture's record only and grants nothing.
import { type RawBuilder, sql } from 'kysely'
import { NATIONAL_LIST_CODE, type ProfileVisibility } from '../schema'

/** Who is looking: a prefecture's staff (its pool) or ministry staff (the national list, every pool). */
export type ProfileViewer = { kind: 'prefecture'; prefectureCode: string } | { kind: 'ministry' }

export type Audience = 'all-prefectures' | 'national' | `pref:${string}`

const PREFECTURE_CODE = /^(0[1-9]|[1-3][0-9]|4[0-7])$/

/** The audiences a viewer holds (a malformed prefecture code is refused: it ends up in a search filter). */
export function viewerAudiences(viewer: ProfileViewer): Audience[] {
  if (viewer.kind === 'ministry') return ['national']
  if (!PREFECTURE_CODE.test(viewer.prefectureCode))
    throw new RangeError(`Invalid prefecture code: ${viewer.prefectureCode}`)
  return ['all-prefectures', `pref:${viewer.prefectureCode}`]
}

/** The audience a pool's membership shares the profile with: the ministry for the national list. */
export function poolAudience(poolCode: string): Audience {
  return poolCode === NATIONAL_LIST_CODE ? 'national' : `pref:${poolCode}`
}

export interface ConsentFacts {
  visibility: ProfileVisibility
  visible_prefecture_codes: readonly string[]
  national_list_consent: boolean
  /** Pools the person joined themselves and has not withdrawn from (never copies from the national list). */
  applied_prefecture_codes?: readonly string[]
}

/** The audiences a profile grants (empty = shared with nobody). */
export function profileAudiences(profile: ConsentFacts): Audience[] {
  const audiences = new Set<Audience>()
  if (profile.visibility === 'all') {
    audiences.add('all-prefectures')
    audiences.add('national')
  }
  if (profile.visibility === 'selected')
    for (const code of profile.visible_prefecture_codes) audiences.add(`pref:${code}`)
  if (profile.national_list_consent) audiences.add('national')
  for (const code of profile.applied_prefecture_codes ?? []) audiences.add(poolAudience(code))
  return [...audiences]
}

/** SQL: the person joined pool `code` themselves (see the header). */
const joinedPool = (code: string) => sql<boolean>`exists (
  select 1 from pool_member as joined
  where joined.profile_id = profile.id and joined.prefecture_code = ${code}
    and joined.status <> 'withdrawn' and not joined.copied_from_national_list)`

/** SQL: the profile grants this audience — the table in the header, row by row (as in profileAudiences). */
function grantsSql(audience: Audience): RawBuilder<boolean> {
  if (audience === 'all-prefectures') return sql<boolean>`profile.visibility = 'all'`
  if (audience === 'national')
    return sql<boolean>`(profile.visibility = 'all' or profile.national_list_consent or ${joinedPool(NATIONAL_LIST_CODE)})`
  const code = audience.slice('pref:'.length)
  return sql<boolean>`((profile.visibility = 'selected' and profile.visible_prefecture_codes @> jsonb_build_array(${code}::text)) or ${joinedPool(code)})`
}

/**
 * The consent predicate for SQL: true when `viewer` may see the profile of the row in scope as `profile`
 * (false, never null, when there is no profile, e.g. on a left join). Null viewer = may see no profile.
 */
export function profileVisibleTo(viewer: ProfileViewer | null): RawBuilder<boolean> {
  if (!viewer) return sql<boolean>`false`
  return sql<boolean>`coalesce((${sql.join(viewerAudiences(viewer).map(grantsSql), sql` or `)}), false)`
}
