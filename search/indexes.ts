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
// - Names are normalised like queries (NFKC, katakana → hiragana, ヶ → け, ぢ/づ → じ/ず) on both sides, so
//   南アルプス/南あるぷす, 鶴ヶ島/鶴ケ島 and あいづ/あいず meet. A query in romaji is read as kana first
//   (hiroshima → ひろしま → hirosima).
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
// - Meilisearch folds neither half-width kana nor full-width latin: 「ｾｷｽﾍﾟ」 and 「ＰＭ」 found nothing.
//   Queries and document text are folded in width (NFKC, normalize.ts) on both sides.
// - localizedAttributes jpn on every text field and `locales: ['jpn']` on every query, as above.
// - Ties go to the catalogue's display order (display_rank). Retired items stay in the index, flagged:
//   a profile may still carry one, and includeRetired shows them.
//
// Readings (skill_catalogue, need, profile). Meilisearch does not read kanji: 「ひょうじゅんか」 found
// nothing where a document says 標準化. So every text field has a reading twin (documents/reading-fields.ts),
// written by kuromoji in its own process (readings.ts) when documents are loaded for the index. Measured
// with Meilisearch 1.21 on the seed catalogue (57 items) and the master list; search/needs.test.ts,
// tests/search/skill-catalogue.test.ts, tests/search/profile-consent.test.ts and
// tests/search/typed-queries.test.ts keep the cases.
// - Katakana, not hiragana, for readings and kana queries (normalize.ts normalizeSearchQuery): Meilisearch
//   cuts hiragana into pieces of one to three kana (ねっとわーく → ねっ, と, わーく) and katakana into whole
//   dictionary words (ガバメントクラウド → ガバメント, クラウド), and typos are only counted within a piece:
//   of 176 one-character typos of the catalogue's 38 katakana words, hiragana readings found 6, katakana
//   96. Text fields stay as written (width folded only): text folded to katakana glued particles to words
//   (シスデベンダートノ), so ベンダー no longer matched.
// - The reading of a text lists its compounds (標準化 → ヒョウジュンカ), then their parts (ヒョウジュン カ)
//   (reading-text.ts). Of 72 whole compounds typed as readings and 146 words from inside compounds,
//   compounds alone missed 30 inner words, parts alone 25 whole compounds, both 2 (しけん, in 13 items,
//   not in the first 10); readings of every text with the typed query still found all 101 names as written.
// - Places are read from the master data, not the analyser (安芸太田町 is あきおおたちょう, kuromoji says
//   あきおおたまち), as the reading without suffix and in full (documents/local-government.ts
//   localGovernmentReading): over the 1,788 bodies the full reading alone missed 171 when typed without the
//   suffix (ふらの → 富良野市: Meilisearch cuts unknown names unlike the query), both missed 4 (たか, かみ ×2,
//   ひがし: more than 10 bodies share them).
// - ヂ/ヅ are folded to ジ/ズ in readings and kana queries (normalize.ts foldVoicedKana): 会津 is あいづ in the
//   dictionary and あいず (aizu) as typed: the bodies' readings typed in romaji missed 30 of 1,788 before
//   this fold (and Hepburn's tch, kutchan for 倶知安町), none after.
// - The twins are searched after every text field, so a match on the text as written ranks first.
// - The catalogue's synonyms are expanded for needs and profiles as for the catalogue (queries/variants.ts),
//   from the published version at query time, so no index needs rebuilding when the words change.
import { MeilisearchTaskTimeOutError, type Settings } from 'meilisearch'
import { SEARCH_ENTITIES, type SearchEntity } from '../db/schema'
import type { SearchClient } from './client'
import { searchErrorCode } from './client'
import { NEED_READING_FIELDS } from './documents/need'
import { PROFILE_HIT_FIELDS, PROFILE_READING_FIELDS } from './documents/profile'
import { readingTwin } from './documents/reading-fields'
import { SKILL_CATALOGUE_READING_FIELDS } from './documents/skill-catalogue'

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

/**
 * The text fields as written, then their reading twins in the same order (documents/reading-fields.ts):
 * with `attribute` in the ranking rules, a match on the text as written ranks above the same match on a
 * reading, so 標準化 typed in kanji lists the items that say 標準化 first.
 */
function withReadingTwins(text: readonly string[], readingFields: readonly string[]): string[] {
  return [...text, ...text.filter((field) => readingFields.includes(field)).map(readingTwin)]
}

// Typo tolerance on the text fields and the reading twins, with one typo from 4 characters and two from 8
// (Meilisearch's defaults: 5 and 9). Measured on the seed catalogue with its 38 katakana words and 176
// one-character typos of them (a dakuten, a small kana, a dropped ー): found 6 with typos off, 83 with the
// defaults, 96 with 4/8, 101 with 3/8, which also let three-letter words (ベンダ) match more loosely; exact
// words found all 38 in every setting. The ceiling is Meilisearch's dictionary: it cuts the mistyped word
// before counting typos, and マイナンバーガード is cut into マイナンバー + ガード, both real words, so no
// typo is counted and nothing matches. Kanji words are cut into short words, which get no typos.
const TYPO_TOLERANCE = {
  enabled: true,
  minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
} satisfies Settings['typoTolerance']

const SKILL_CATALOGUE_TEXT = withReadingTwins(
  ['synonyms', 'name', 'area_name', 'related_names', 'details', 'description'],
  SKILL_CATALOGUE_READING_FIELDS,
)

const skillCatalogueSettings: Settings = {
  searchableAttributes: SKILL_CATALOGUE_TEXT,
  filterableAttributes: ['type', 'retired'],
  sortableAttributes: ['display_rank'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'display_rank:asc'],
  localizedAttributes: [{ attributePatterns: SKILL_CATALOGUE_TEXT, locales: ['jpn'] }],
  typoTolerance: TYPO_TOLERANCE,
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
const PROFILE_TEXT = withReadingTwins(
  ['name', 'name_kana', 'skill_names', 'qualification_names', 'introduction'],
  PROFILE_READING_FIELDS,
)
const profileSettings: Settings = {
  searchableAttributes: PROFILE_TEXT,
  // Meilisearch builds each hit from the whole stored document: displaying only these fields made a match's
  // 300-hit tier queries a third faster (100,000 profiles). `/documents` still returns whole documents.
  displayedAttributes: [...PROFILE_HIT_FIELDS],
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
    // Nested: `pools.34.status`, `pools.34.roles` (documents/profile.ts).
    'pools',
    'placed_full_time',
  ],
  // Matching orders candidates within a tier by evidence, qualifications and public-sector years before it
  // scores them (search/queries/match.ts).
  sortableAttributes: ['updated_at', 'evidence_count', 'qualification_count', 'years_public_sector'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  // Proximity counts words in the same field, not their distance: a person's fields are short lists and
  // sentences, where distance says little, and the pair index behind exact distances was the larger half of
  // building the index (100,000 profiles, 2 cores: words 24 s + word pairs 27 s of 60 s; 31 s without pairs).
  proximityPrecision: 'byAttribute',
  localizedAttributes: [{ attributePatterns: PROFILE_TEXT, locales: ['jpn'] }],
  typoTolerance: TYPO_TOLERANCE,
  pagination: { maxTotalHits: 10_000 },
  // A facet lists at most this many values (alphabetically): every skill of the catalogue, which the ministry
  // may extend, and all 47 prefectures must fit, or the counts of the later ones would silently vanish.
  faceting: { maxValuesPerFacet: 500 },
  ...UNUSED_SETTINGS,
}

// need: 公開 needs only (search/documents/need.ts). The public open calls page filters on open_call = true;
// filters by prefecture, role, topic (support tasks and required skills) and remote work. Text fields in
// order of how much they say: the title, the topics and role, then the places and the longer texts.
const NEED_TEXT = withReadingTwins(
  ['title', 'topic_names', 'role_name', 'municipality_names', 'prefecture_name', 'task_details', 'background'],
  NEED_READING_FIELDS,
)
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
  typoTolerance: TYPO_TOLERANCE,
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

export interface ApplySettingsOptions {
  /**
   * When given, a settings change that takes longer than `settingsWaitMs` (one that re-indexes a large
   * index: 100,000 profiles take about a minute) is reported here and left to finish in the background
   * instead of failing the app's start. Meilisearch runs an index's tasks in order, so documents sent
   * meanwhile are indexed after it, with the new settings. Without it, the call waits for the whole change.
   */
  onSlowSettings?: (message: string) => void
  settingsWaitMs?: number
}

/** Creates each index if missing (with its primary key), applies its settings and waits for the tasks. */
export async function applyIndexSettings(
  client: SearchClient,
  names: readonly IndexName[] = SEARCH_ENTITIES,
  { onSlowSettings, settingsWaitMs = 30_000 }: ApplySettingsOptions = {},
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

    const enqueued = client.meili.index(uid).updateSettings(settings)
    let task
    try {
      task = await enqueued.waitTask(onSlowSettings ? { timeout: settingsWaitMs } : { timeout: 600_000 })
    } catch (error) {
      if (!(onSlowSettings && error instanceof MeilisearchTaskTimeOutError)) throw error
      onSlowSettings(
        `検索索引 ${uid} の設定を反映しています（索引の作り直しを伴うため時間がかかります）。検索は反映まで以前の設定で動きます。`,
      )
      continue
    }
    if (task.status !== 'succeeded') {
      throw new Error(`Updating settings of search index ${uid} failed: ${task.error?.message ?? task.status}`)
    }
  }
}
