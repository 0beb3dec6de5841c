// Synonyms of the skill catalogue (検索語), expanded in our code. Pure: every search that takes words about
// skills (the catalogue, needs and open calls, profiles) turns one query into the variants it sends to
// Meilisearch (queries/variants.ts), and later matching can use the same map to see that 「ガバクラ」 and
// 「ガバメントクラウド」 are one skill. The map is the published catalogue's, so a new version's words count
// everywhere at once, without rebuilding any index.
//
// Why not Meilisearch's own `synonyms` setting: with the same documents and settings, 「業務改革」 did not
// reach 業務見直し（BPR）・システム発注支援 through it (a kanji synonym; katakana ones worked), while query
// variants do. The measurements are in ./indexes.ts (skill_catalogue) and
// tests/search/skill-catalogue.test.ts keeps them.
import type { CatalogueContent } from '../db/skill-standard-content'
import { normalizeQuery, normalizeSearchQuery } from './normalize'

/**
 * Key of a term → the terms it stands for, as written in the catalogue, the term's own display forms
 * included. expandQuery normalises them like a typed query; documents fold their text the same way.
 */
export type SynonymMap = ReadonlyMap<string, readonly string[]>

/** At most this many queries go to Meilisearch for one search (the typed one included). */
export const MAX_QUERY_VARIANTS = 12

/**
 * The form in which terms are compared: normalizeQuery (全角/半角, カタカナ/ひらがな, spaces) and
 * lower case, so ｶﾞﾊﾞｸﾗ, ガバクラ and がばくら, or ＰＭ, PM and pm, are one key.
 */
export function synonymKey(term: string): string {
  return normalizeQuery(term).toLowerCase()
}

/**
 * One group per skill, role and qualification: its name and its synonyms. A term in several groups
 * (「CIO補佐官」 names two roles) stands for the union of them. Retired items count too: a retired
 * skill's old words still lead to the items that carry them.
 */
export function buildSynonymMap(content: Pick<CatalogueContent, 'skills' | 'roles' | 'qualifications'>): SynonymMap {
  const map = new Map<string, string[]>()
  const groups = [...content.skills, ...content.roles, ...content.qualifications].map((item) => [
    item.name,
    ...item.synonyms,
  ])
  for (const group of groups) {
    const terms = [...new Set(group.map((term) => term.trim()).filter((term) => term !== ''))]
    for (const term of terms) {
      const key = synonymKey(term)
      if (key === '') continue
      const entry = map.get(key) ?? []
      for (const t of terms) if (!entry.includes(t)) entry.push(t)
      map.set(key, entry)
    }
  }
  return map
}

/**
 * The queries to send for what the user typed, best first: the query as normalised (normalizeSearchQuery:
 * width folded, kana words in katakana); the terms its whole text stands for (「ガバクラ」 →
 * ガバメントクラウド and the skill's name); then each word replaced by the terms it stands for
 * (「ガバクラ 移行」 → 「ガバメントクラウド 移行」); then the same for its romaji reading, if it has one
 * (gabakura → ガバクラ → …). Terms are normalised like the query. Exact duplicates (ignoring case, as
 * Meilisearch does) are dropped; at most `max` variants. A null map gives the query and its romaji reading.
 */
export function expandQuery(q: string, map: SynonymMap | null, max: number = MAX_QUERY_VARIANTS): string[] {
  const { text, romaji } = normalizeSearchQuery(q)
  if (text === '') return []
  const variants: string[] = []
  const seen = new Set<string>()
  const add = (variant: string) => {
    const key = variant.toLowerCase()
    if (key === '' || seen.has(key) || variants.length >= max) return
    seen.add(key)
    variants.push(variant)
  }
  const synonymsOf = (term: string) => (map?.get(synonymKey(term)) ?? []).map((t) => normalizeSearchQuery(t).text)

  for (const typed of romaji === null ? [text] : [text, romaji]) {
    add(typed)
    for (const term of synonymsOf(typed)) add(term)
    const words = typed.split(' ')
    if (words.length > 1) {
      words.forEach((word, index) => {
        for (const term of synonymsOf(word)) add(words.map((w, i) => (i === index ? term : w)).join(' '))
      })
    }
  }
  return variants
}
