// Search over the published skill-standard catalogue (skills, roles, qualifications). Returns ids only: the
// page shows the items from Postgres, the source of truth.
//
// Synonyms are expanded HERE, not by Meilisearch (why, with the measurements: ../indexes.ts). The typed query
// and each variant of it (../synonyms.ts) go to Meilisearch as separate queries of one federated
// multi-search: Meilisearch has no OR between words (every word must match with matchingStrategy 'all'),
// so 「業務改革 OR 業務見直し」 cannot be one query string, and one request keeps it to one round trip.
// Federation merges the lists by ranking score and returns each document once with its best score; the
// variants weigh a little less than the typed query, so what the user typed wins ties.
import type { FederatedMultiSearchParams } from 'meilisearch'
import type { SearchClient } from '../client'
import {
  SKILL_CATALOGUE_TYPES,
  type SkillCatalogueDocument,
  type SkillCatalogueType,
  searchIdFromDocumentKey,
} from '../documents/skill-catalogue'
import { expandQuery, type SynonymMap } from '../synonyms'

export type SkillCatalogueSearchParams = {
  q: string
  /** The synonym map of the published version (buildSynonymMap); null searches the typed query alone. */
  synonyms: SynonymMap | null
  /** Undefined or empty: every type. */
  types?: SkillCatalogueType[]
  /** Retired items are hidden unless this is true. */
  includeRetired?: boolean
  limit?: number
}

export type SkillCatalogueSearchResult = {
  /** Outbox-form ids, best first: `skill:bpr`, `role:project-manager`, `qualification:ipa-ap`. */
  ids: string[]
  /** The queries sent, the typed one first (for tests and for explaining a result). */
  variants: string[]
}

const DEFAULT_LIMIT = 20
const MAX_LIMIT = 100
/** Weight of a synonym variant against the typed query (1.0) in the federated merge. */
const VARIANT_WEIGHT = 0.9

export function buildSkillCatalogueFilter(
  params: Pick<SkillCatalogueSearchParams, 'types' | 'includeRetired'>,
): (string | string[])[] {
  const filter: (string | string[])[] = []
  if (!params.includeRetired) filter.push('retired = false')
  if (params.types !== undefined && params.types.length > 0) {
    for (const type of params.types) {
      if (!(SKILL_CATALOGUE_TYPES as readonly string[]).includes(type))
        throw new RangeError(`Invalid catalogue type: ${type}`)
    }
    filter.push(params.types.map((type) => `type = "${type}"`))
  }
  return filter
}

/**
 * Meilisearch reads `"` as a phrase and a leading `-` as negation; nobody means either when typing a skill,
 * and a stray quote would otherwise make the whole query a phrase.
 */
function toMeiliQuery(variant: string): string {
  return variant
    .replace(/"/g, ' ')
    .split(' ')
    .map((word) => word.replace(/^-+/, ''))
    .filter((word) => word !== '')
    .join(' ')
}

export async function searchSkillCatalogue(
  client: SearchClient,
  params: SkillCatalogueSearchParams,
): Promise<SkillCatalogueSearchResult> {
  const variants = expandQuery(params.q, params.synonyms)
  const queries = variants.map(toMeiliQuery).filter((q) => q !== '')
  if (queries.length === 0) return { ids: [], variants }
  const limit = Math.min(Math.max(Math.trunc(params.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT)
  const indexUid = client.indexUid('skill_catalogue')
  const filter = buildSkillCatalogueFilter(params)
  const request: FederatedMultiSearchParams = {
    federation: { limit, offset: 0 },
    queries: queries.map((q, index) => ({
      indexUid,
      q,
      filter,
      // Every word must match: with the default ('last') 「業務改革」 dropped 改革 and listed every item
      // containing 業務, which is how it reached 業務見直し… by accident. The synonym variants reach it on purpose.
      matchingStrategy: 'all',
      attributesToRetrieve: ['key'],
      // Without it, kanji-only queries are detected as Chinese and cut unlike the indexed text.
      locales: ['jpn'],
      federationOptions: { weight: index === 0 ? 1 : VARIANT_WEIGHT },
    })),
  }
  const response = await client.meili.multiSearch<FederatedMultiSearchParams, Pick<SkillCatalogueDocument, 'key'>>(
    request,
  )
  return { ids: response.hits.map((hit) => searchIdFromDocumentKey(hit.key)), variants }
}
