// How every search with a typed query goes to Meilisearch: the query's variants (../synonyms.ts expandQuery:
// the query as normalised, the catalogue's synonyms, the romaji reading) as one request.
//
// One variant (or none: browsing) is one plain search, with an exact total (page/hitsPerPage makes
// Meilisearch count exhaustively). Several are the queries of one federated multi-search: Meilisearch has no
// OR between words (every word must match with matchingStrategy 'all'), so 「ガバクラ OR ガバメントクラウド」
// cannot be one query string. Federation merges the lists by ranking score and returns each document once
// with its best score; the variants weigh a little less than the typed query, so what the user typed wins
// ties. Its total is Meilisearch's estimate (exact for our index sizes, far below maxTotalHits).
//
// The filter goes into every query of the request: a variant can never widen who sees what (the audience
// filter of profiles, open_call of the public needs).
import type { Filter, FederatedMultiSearchParams, SearchParams } from 'meilisearch'
import type { SearchClient } from '../client'
import type { IndexName } from '../indexes'

/** Weight of a variant against the typed query (1.0) in the federated merge. */
export const VARIANT_WEIGHT = 0.9

export interface VariantSearch {
  index: IndexName
  /** The typed query first (expandQuery); empty to browse. */
  variants: readonly string[]
  filter: Filter
  page: number
  hitsPerPage: number
  attributesToRetrieve: string[]
  matchingStrategy: 'all' | 'last'
  /** Only when browsing (no variants): a ranked search keeps its relevance order. */
  browseSort?: string[]
}

export async function searchVariants<T extends Record<string, unknown>>(
  client: SearchClient,
  search: VariantSearch,
): Promise<{ hits: T[]; total: number }> {
  const indexUid = client.indexUid(search.index)
  const common = {
    filter: search.filter,
    attributesToRetrieve: search.attributesToRetrieve,
    matchingStrategy: search.matchingStrategy,
    // Without it, kanji-only queries are detected as Chinese and cut unlike the indexed text.
    locales: ['jpn'],
  } satisfies SearchParams

  if (search.variants.length <= 1) {
    const q = search.variants[0] ?? ''
    const response = await client.meili.index<T>(indexUid).search(q, {
      ...common,
      page: search.page,
      hitsPerPage: search.hitsPerPage,
      ...(q === '' && search.browseSort ? { sort: search.browseSort } : {}),
    })
    return { hits: response.hits, total: response.totalHits ?? 0 }
  }

  const request: FederatedMultiSearchParams = {
    federation: { offset: (search.page - 1) * search.hitsPerPage, limit: search.hitsPerPage },
    queries: search.variants.map((q, index) => ({
      indexUid,
      q,
      ...common,
      federationOptions: { weight: index === 0 ? 1 : VARIANT_WEIGHT },
    })),
  }
  const response = await client.meili.multiSearch<FederatedMultiSearchParams, T>(request)
  return { hits: response.hits, total: response.estimatedTotalHits ?? response.hits.length }
}
