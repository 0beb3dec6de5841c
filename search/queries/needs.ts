// Needs search. The public open calls page can only ever see open_call needs (the index holds 公開 needs
// only); a prefecture's own search is filtered to its prefecture. Returns ids; pages read rows from Postgres.
// The words go through the shared normalisation and the catalogue's synonyms (../synonyms.ts expandQuery),
// so ガバクラ, がばめんとくらうど, ひょうじゅんか and hyoujunka find what the catalogue search finds.
import type { SearchClient } from '../client'
import type { SynonymMap } from '../synonyms'
import { expandQuery } from '../synonyms'
import { searchVariants } from './variants'

export type NeedSearchViewer =
  { kind: 'public' } | { kind: 'prefecture'; prefectureCode: string } | { kind: 'ministry' }

const quote = (value: string) => `"${value.replace(/["\\]/g, '')}"`

export interface NeedSearchParams {
  q?: string
  /** The published catalogue's synonym map (buildSynonymMap); without it the words are searched alone. */
  synonyms?: SynonymMap | null
  prefectureCode?: string
  roleId?: string
  topicId?: string
  remote?: boolean
  employmentForm?: string
  page?: number
  hitsPerPage?: number
}

export async function searchNeeds(
  client: SearchClient,
  viewer: NeedSearchViewer,
  params: NeedSearchParams,
): Promise<{ ids: string[]; total: number }> {
  const filter: string[] = []
  if (viewer.kind === 'public') filter.push('open_call = true')
  if (viewer.kind === 'prefecture') filter.push(`prefecture_code = ${quote(viewer.prefectureCode)}`)
  if (params.prefectureCode) filter.push(`prefecture_code = ${quote(params.prefectureCode)}`)
  if (params.roleId) filter.push(`role_id = ${quote(params.roleId)}`)
  if (params.topicId) filter.push(`topic_ids = ${quote(params.topicId)}`)
  if (params.remote) filter.push('remote = true')
  if (params.employmentForm) filter.push(`employment_form = ${quote(params.employmentForm)}`)
  const { hits, total } = await searchVariants<{ id: string }>(client, {
    index: 'need',
    variants: expandQuery(params.q ?? '', params.synonyms ?? null),
    filter,
    page: Math.max(params.page ?? 1, 1),
    hitsPerPage: Math.min(Math.max(params.hitsPerPage ?? 20, 1), 100),
    attributesToRetrieve: ['id'],
    matchingStrategy: 'all',
    // Newest first when browsing; by relevance when searching.
    browseSort: ['published_at:desc'],
  })
  return { ids: hits.map((hit) => String(hit.id)), total }
}
