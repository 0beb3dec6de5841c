// Index settings as code, applied at start-up (applyIndexSettings) and by the reindex job.
//
// local_government: why these fields and settings. Measured with Meilisearch 1.21 over the whole master
// list (47 prefectures + 1,741 active 市区町村 = 1,788 bodies), a miss being "not in the first 10";
// tests/search/local-government.test.ts keeps the bar and fails if any of the points below regresses.
//
// - Rows indexed as they are (default settings) miss badly: by reading without suffix (よこはま) 171 of
//   1,788 (あかびら found nothing), by name without suffix (横浜) 22, in katakana 436, in half-width
//   katakana all 1,788. Normalising the query (normalize.ts) fixes only the script: still 171/32/171/171.
//   Meilisearch cuts Japanese with a morphological dictionary that does not know most place names, so
//   「よこはまし」 in the document and 「よこはま」 in the query are cut differently.
// - So the stem is its own field (`stem`: 横浜; the reading's stem is encoded below). A query equal to the
//   whole field is cut exactly like it. With stem fields alone, all four misses above drop to 0.
// - `kana_key`/`kana_full_key`: the readings spelled in latin letters, one fixed code per kana
//   (toKanaKey: よこはま → yokohama). Users type through an IME, so a picker searches hiragana prefixes
//   (よこ, よこは, …) until conversion. Of the 2,548 reading prefixes (2+ kana) shared by at most 10
//   bodies, 201 missed their body with kana text fields (にせ found nothing), 129 with kana bigrams
//   added as extra tokens, 0 with the keys: a latin word is never cut, and prefix search on it is
//   exact. The query side spells each all-hiragana word the same way (queries/local-government.ts), so
//   kana text fields are not searched at all.
// - Names are normalised like queries (NFKC, katakana → hiragana, ヶ → け) on both sides, so
//   南アルプス/南あるぷす and 鶴ヶ島/鶴ケ島 meet.
// - localizedAttributes jpn on the kanji fields, and `locales: ['jpn']` on every query: both sides must
//   be cut alike (jpn on the query but not on the fields missed 398 bodies by name), and kanji-only text
//   must never be guessed as Chinese (known upstream reports).
// - Typo tolerance is off. On the keys a typo is another place: with it on, かいし (kaisi) matched
//   kasi… and 甲斐市 dropped out of the first 10 (5 full readings missed). Kanji names of 1-4
//   characters get no typos at the default word sizes anyway; turning it off there changed no measure.
// - Ranking: `attribute` before `exactness`, so a name starting with the query outranks bodies matching
//   only through prefecture_name (長野 → 長野原町 in the top 10, not buried under 長野県's 77 bodies);
//   `exactness` then puts exact stems first (よこはま → 横浜市, 横浜町 before 横須賀市); ties go to the
//   larger body (kind_rank), then the code (ひろしま → 広島県, 広島市).
// - prefecture_name is searchable so that 「北海道 伊達」 picks the right 伊達市.
//
// skill_catalogue: the skills, roles and qualifications of the CURRENT PUBLISHED skill-standard version
// (documents/skill-catalogue.ts; older versions are browsed from Postgres, never searched). Measured with
// Meilisearch 1.21 over the seed version (35 skills, 6 roles, 16 qualifications);
// tests/search/skill-catalogue.test.ts keeps every case named here.
// - Synonyms are expanded in our code (synonyms.ts, queries/skill-catalogue.ts), not in `synonyms` below.
//   With Meilisearch's own synonyms (the catalogue's groups as the setting, the words not on the documents)
//   katakana ↔ katakana worked (ガバクラ → ガバメントクラウド, プロマネ → PM role) but kanji did not:
//   「業務改革」 did not reach 業務見直し（BPR）・システム発注支援, 「セキスペ」 did not reach
//   情報処理安全確保支援士, and 「がばくら」 (hiragana) found nothing. Sending the variants as queries
//   finds all three.
// - The ministry's own words are on the documents too (`synonyms`), and searched FIRST: 「PM」 is a
//   synonym of the PM role and a prefix of PMP; with name first PMP ranked above the role, with synonyms
//   first the role comes first. The rest follow by how much they say about the item (related_names: the
//   roles needing a skill, or the skills a role needs, so 「ガバクラ」 also lists エンジニア and CIO補佐官等).
// - matchingStrategy 'all' on every query (queries/skill-catalogue.ts): with the default ('last') a query
//   of two words silently dropped one: 「業務改革」 also listed every item containing only 業務
//   (標準化・共通化（20業務）…, データ利活用に関する助言 …), and found 業務見直し… only by that accident.
// - Meilisearch folds hiragana and katakana itself (「がばくら」 finds ガバクラ) but not half-width kana
//   or full-width latin: 「ｾｷｽﾍﾟ」 and 「ＰＭ」 found nothing. The query side folds width (NFKC) first.
// - localizedAttributes jpn on every text field and `locales: ['jpn']` on every query, as above.
// - Ties go to the catalogue's display order (display_rank). Retired items stay in the index, flagged:
//   a profile may still carry one, and includeRetired shows them.
import type { Settings } from 'meilisearch'
import { SEARCH_ENTITIES, type SearchEntity } from '../db/schema'
import type { SearchClient } from './client'
import { searchErrorCode } from './client'

// Settings as code: every index resets what it does not use, so nothing set by hand on a server survives
// a deploy.
const UNUSED_SETTINGS = {
  stopWords: [],
  synonyms: {},
  distinctAttribute: null,
  dictionary: [],
  separatorTokens: [],
  nonSeparatorTokens: [],
} satisfies Settings

const localGovernmentSettings: Settings = {
  searchableAttributes: ['kana_key', 'stem', 'kana_full_key', 'name_search', 'prefecture_name'],
  filterableAttributes: ['active', 'prefecture_code', 'kind'],
  sortableAttributes: ['code', 'kind_rank'],
  rankingRules: ['words', 'attribute', 'exactness', 'typo', 'proximity', 'sort', 'kind_rank:asc', 'code:asc'],
  localizedAttributes: [{ attributePatterns: ['stem', 'name_search', 'prefecture_name'], locales: ['jpn'] }],
  typoTolerance: { enabled: false },
  // The default (1,000) would cut the unfiltered list of ~1,800 bodies short.
  pagination: { maxTotalHits: 5_000 },
  faceting: { maxValuesPerFacet: 100 },
  ...UNUSED_SETTINGS,
}

const SKILL_CATALOGUE_TEXT = ['synonyms', 'name', 'area_name', 'related_names', 'details', 'description']

const skillCatalogueSettings: Settings = {
  searchableAttributes: SKILL_CATALOGUE_TEXT,
  filterableAttributes: ['type', 'retired'],
  sortableAttributes: ['display_rank'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'display_rank:asc'],
  localizedAttributes: [{ attributePatterns: SKILL_CATALOGUE_TEXT, locales: ['jpn'] }],
  typoTolerance: { enabled: true },
  pagination: { maxTotalHits: 1_000 },
  faceting: { maxValuesPerFacet: 100 },
  // UNUSED_SETTINGS keeps `synonyms` deliberately empty: see the comment at the top (kanji synonyms are
  // expanded in our code).
  ...UNUSED_SETTINGS,
}

// profile: professionals' profiles, only as far as each person consented (search/documents/profile.ts).
// `audience` is filterable and EVERY profile search filters on it (search/queries/profiles.ts): a prefecture
// finds only profiles shared with all prefectures or with it; the ministry only the national list. Names are
// searchable so staff can find a person they know; contact details are never indexed.
const PROFILE_TEXT = ['name', 'name_kana', 'skill_names', 'qualification_names', 'introduction']
const profileSettings: Settings = {
  searchableAttributes: PROFILE_TEXT,
  filterableAttributes: [
    'audience',
    'skill_ids',
    'skill_levels',
    'employment_forms',
    'work_area',
    'work_prefecture_codes',
    'remote_ok',
    'days_per_week',
    'available_from_day',
    'residence_prefecture_code',
    'pool_tokens',
  ],
  // Matching orders candidates within a tier by evidence, qualifications and public-sector years before it
  // scores them (search/queries/match.ts).
  sortableAttributes: ['updated_at', 'evidence_count', 'qualification_count', 'years_public_sector'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  localizedAttributes: [{ attributePatterns: PROFILE_TEXT, locales: ['jpn'] }],
  typoTolerance: { enabled: false },
  pagination: { maxTotalHits: 10_000 },
  faceting: { maxValuesPerFacet: 100 },
  ...UNUSED_SETTINGS,
}

// need: 公開 needs only (search/documents/need.ts). The public open calls page filters on open_call = true;
// filters by prefecture, role, topic (support tasks and required skills) and remote work. Text fields in
// order of how much they say: the title, the topics and role, then the places and the longer texts.
const NEED_TEXT = [
  'title',
  'topic_names',
  'role_name',
  'municipality_names',
  'prefecture_name',
  'task_details',
  'background',
]
const needSettings: Settings = {
  searchableAttributes: NEED_TEXT,
  filterableAttributes: [
    'open_call',
    'prefecture_code',
    'municipality_codes',
    'role_id',
    'topic_ids',
    'remote',
    'employment_form',
  ],
  sortableAttributes: ['published_at'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'published_at:desc'],
  localizedAttributes: [{ attributePatterns: NEED_TEXT, locales: ['jpn'] }],
  typoTolerance: { enabled: false },
  pagination: { maxTotalHits: 5_000 },
  faceting: { maxValuesPerFacet: 100 },
  ...UNUSED_SETTINGS,
}

interface IndexDefinition {
  /** The document field Meilisearch keys on; the entity's document schema must have it (search/registry.ts). */
  primaryKey: string
  settings: Settings
}

/** One index per search entity, named after it: a name in SEARCH_ENTITIES without settings here fails the type check. */
export const INDEXES = {
  local_government: { primaryKey: 'code', settings: localGovernmentSettings },
  skill_catalogue: { primaryKey: 'key', settings: skillCatalogueSettings },
  profile: { primaryKey: 'id', settings: profileSettings },
  need: { primaryKey: 'id', settings: needSettings },
} as const satisfies Record<SearchEntity, IndexDefinition>

export type IndexName = SearchEntity

/** Creates each index if missing (with its primary key), applies its settings and waits for the tasks. */
export async function applyIndexSettings(
  client: SearchClient,
  names: readonly IndexName[] = SEARCH_ENTITIES,
): Promise<void> {
  for (const name of names) {
    const { primaryKey, settings } = INDEXES[name]
    const uid = client.indexUid(name)

    let existingPrimaryKey: string | null | undefined
    try {
      existingPrimaryKey = (await client.meili.getRawIndex(uid)).primaryKey
    } catch (error) {
      if (searchErrorCode(error) !== 'index_not_found') throw error
      const created = await client.meili.createIndex(uid, { primaryKey }).waitTask()
      // Lost a race with another process creating it: fine, the settings below still apply.
      if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists') {
        throw new Error(`Creating search index ${uid} failed: ${created.error?.message ?? created.status}`)
      }
      existingPrimaryKey = primaryKey
    }
    if (existingPrimaryKey === null) {
      // An index created implicitly (e.g. by a settings update) has none yet; it can still be set.
      const updated = await client.meili.updateIndex(uid, { primaryKey }).waitTask()
      if (updated.status !== 'succeeded') {
        throw new Error(`Setting the primary key of ${uid} failed: ${updated.error?.message ?? updated.status}`)
      }
    } else if (existingPrimaryKey !== primaryKey) {
      throw new Error(
        `Search index ${uid} has primary key ${existingPrimaryKey}, expected ${primaryKey}; delete and reindex it`,
      )
    }

    const task = await client.meili.index(uid).updateSettings(settings).waitTask()
    if (task.status !== 'succeeded') {
      throw new Error(`Updating settings of search index ${uid} failed: ${task.error?.message ?? task.status}`)
    }
  }
}
