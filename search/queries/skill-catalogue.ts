// Search over the published skill-standard catalogue (skills, roles, qualifications). Returns ids only: the
// page shows the items from Postgres, the source of truth.
//
// Synonyms are expanded HERE, not by Meilisearch (why, with the measurements: ../indexes.ts). The typed query
// and each variant of it (../synonyms.ts) go to Meilisearch as one request (./variants.ts), as in every
// other search.
import type { SearchClient } from '../client'
import {
  SKILL_CATALOGUE_TYPES,
  type SkillCatalogueDocument,
  type SkillCatalogueType,
  searchIdFromDocumentKey,
} from '../documents/skill-catalogue'
import { expandQuery, type SynonymMap } from '../synonyms'
import { searchVariants } from './variants'

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

export async function searchSkillCatalogue(
  client: SearchClient,
  params: SkillCatalogueSearchParams,
): Promise<SkillCatalogueSearchResult> {
  const variants = expandQuery(params.q, params.synonyms)
  if (variants.length === 0) return { ids: [], variants }
  const { hits } = await searchVariants<Pick<SkillCatalogueDocument, 'key'>>(client, {
    index: 'skill_catalogue',
    variants,
    filter: buildSkillCatalogueFilter(params),
    page: 1,
    hitsPerPage: Math.min(Math.max(Math.trunc(params.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT),
    attributesToRetrieve: ['key'],
    // Every word must match: with the default ('last') 「業務改革」 dropped 改革 and listed every item
    // containing 業務, which is how it reached 業務見直し… by accident. The synonym variants reach it on purpose.
    matchingStrategy: 'all',
  })
  return { ids: hits.map((hit) => searchIdFromDocumentKey(hit.key)), variants }
}
