// Local government search for pickers and lists. Returns codes only: the page loads the rows from
// Postgres, which stays the source of truth (a stale index can at worst misorder, never mislabel).
import type { SearchParams } from 'meilisearch'
import type { LocalGovernmentKind } from '../../db/schema'
import { LOCAL_GOVERNMENT_KINDS } from '../../db/schema'
import type { SearchClient } from '../client'
import type { LocalGovernmentDocument } from '../documents/local-government'
import { normalizeQuery, normalizeSearchQuery, toKanaKey } from '../normalize'

export type LocalGovernmentSearchParams = {
  q: string
  /** '01' … '47' */
  prefectureCode?: string
  /** Undefined or empty: every kind. */
  kinds?: LocalGovernmentKind[]
  /** The six 北方領土 villages are hidden unless this is true. */
  includeInactive?: boolean
  limit?: number
  offset?: number
}

export type LocalGovernmentSearchResult = {
  codes: string[]
  /** Exact count of matching bodies (Meilisearch counts exhaustively below maxTotalHits). */
  total: number
  /** The query as normalised and searched, for echoing back to the user. */
  query: string
}

const DEFAULT_LIMIT = 20
const MAX_LIMIT = 100
const PREFECTURE_CODE = /^(0[1-9]|[1-3]\d|4[0-7])$/

/**
 * The text sent to Meilisearch for a normalised query: each all-hiragana word is spelled as its kana
 * key (よこは → yokoha), which prefix-matches the kana_key fields (why: see ../indexes.ts). Quotes
 * and leading minus signs are dropped: Meilisearch reads them as phrase and negation operators, which
 * nobody means when typing a place name.
 */
export function toMeiliQuery(normalizedQuery: string): string {
  return normalizedQuery
    .replace(/"/g, ' ')
    .split(' ')
    .map((word) => word.replace(/^-+/, ''))
    .filter((word) => word !== '')
    .map((word) => toKanaKey(word) ?? word)
    .join(' ')
}

/**
 * A typed query in this index's own form: the shared normalisation (width, operators, romaji), then
 * normalizeQuery's hiragana, which the kana keys are spelled from. The romaji reading replaces the query
 * here (hiroshima → ひろしま → hirosima): no name of a place is written in latin letters.
 */
export function localGovernmentQuery(q: string): string {
  const { text, romaji } = normalizeSearchQuery(q)
  return normalizeQuery(romaji ?? text)
}

/**
 * The Meilisearch filter: AND of the entries, OR inside the inner array. Values are validated, never
 * interpolated raw.
 */
export function buildLocalGovernmentFilter(params: LocalGovernmentSearchParams): (string | string[])[] {
  const filter: (string | string[])[] = []
  if (!params.includeInactive) filter.push('active = true')
  if (params.prefectureCode !== undefined) {
    if (!PREFECTURE_CODE.test(params.prefectureCode)) {
      throw new RangeError(`Invalid prefecture code: ${params.prefectureCode}`)
    }
    filter.push(`prefecture_code = "${params.prefectureCode}"`)
  }
  if (params.kinds !== undefined && params.kinds.length > 0) {
    for (const kind of params.kinds) {
      if (!(LOCAL_GOVERNMENT_KINDS as readonly string[]).includes(kind)) {
        throw new RangeError(`Invalid local government kind: ${kind}`)
      }
    }
    filter.push(params.kinds.map((kind) => `kind = "${kind}"`))
  }
  return filter
}

/** Builds the search request; exported so tests can batch many of them in one multi-search. */
export function buildLocalGovernmentSearch(
  client: SearchClient,
  params: LocalGovernmentSearchParams,
): {
  indexUid: string
  query: string
  search: SearchParams & { q: string; page: number; hitsPerPage: number }
  skip: number
} {
  const query = localGovernmentQuery(params.q)
  const limit = Math.min(Math.max(Math.trunc(params.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT)
  const offset = Math.max(Math.trunc(params.offset ?? 0), 0)
  const q = toMeiliQuery(query)
  const aligned = offset % limit === 0
  return {
    indexUid: client.indexUid('local_government'),
    query,
    search: {
      q,
      filter: buildLocalGovernmentFilter(params),
      // page/hitsPerPage (not offset/limit) makes Meilisearch count the total exhaustively.
      // Offsets that are not a multiple of the limit are served by fetching the pages up to them.
      ...(aligned ? { page: offset / limit + 1, hitsPerPage: limit } : { page: 1, hitsPerPage: offset + limit }),
      attributesToRetrieve: ['code'],
      // Without it, kanji-only queries are detected as Chinese and cut unlike the indexed names.
      locales: ['jpn'],
      // An empty query has nothing to rank: list in code order (each prefecture, then its bodies).
      ...(q === '' ? { sort: ['code:asc'] } : {}),
    },
    /** Hits to drop from the front of the response (unaligned offsets only). */
    skip: aligned ? 0 : offset,
  }
}

export async function searchLocalGovernments(
  client: SearchClient,
  params: LocalGovernmentSearchParams,
): Promise<LocalGovernmentSearchResult> {
  const { indexUid, query, search, skip } = buildLocalGovernmentSearch(client, params)
  const { q, ...rest } = search
  const response = await client.meili.index<Pick<LocalGovernmentDocument, 'code'>>(indexUid).search(q, rest)
  return {
    codes: response.hits.slice(skip).map((hit) => hit.code),
    total: response.totalHits,
    query,
  }
}
