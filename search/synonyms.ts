// Synonyms of the skill catalogue (検索語), expanded in our code. Pure: the catalogue search uses it to turn
// one query into the variants it sends to Meilisearch, and later matching can use the same map to see that
// 「ガバクラ」 and 「ガバメントクラウド」 are one skill.
//
// Why not Meilisearch's own `synonyms` setting: with the same documents and settings, 「業務改革」 did not
// reach 業務見直し（BPR）・システム発注支援 through it (a kanji synonym; katakana ones worked), while query
// variants do. The measurements are in ./indexes.ts (skill_catalogue) and
// tests/search/skill-catalogue.test.ts keeps them.
import type { CatalogueContent } from '../db/skill-standard-content'
import { isHiragana, MAX_QUERY_LENGTH, normalizeQuery } from './normalize'

/**
 * Key of a term → the terms it stands for, as written in the catalogue (display forms, so Meilisearch
 * sees them exactly like the documents), the term's own display forms included.
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

/** Katakana for an all-hiragana word (がばめんと → ガバメント): the catalogue writes such words in katakana. */
function toKatakana(hiragana: string): string {
  return hiragana.replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60))
}

/** The query as Meilisearch should see it: width folded (ｾｷｽﾍﾟ → セキスペ), spaces collapsed, script kept. */
function cleanQuery(q: string): string {
  const chars = Array.from(q.normalize('NFKC').replace(/\s+/g, ' ').trim())
  return chars.length > MAX_QUERY_LENGTH ? chars.slice(0, MAX_QUERY_LENGTH).join('').trimEnd() : chars.join('')
}

/**
 * The queries to send for what the user typed, best first: the query itself; the terms its whole text
 * stands for (「ガバクラ」 → ガバメントクラウド and the skill's name); then each word replaced by the
 * terms it stands for (「ガバクラ 移行」 → 「ガバメントクラウド 移行」); an all-hiragana word also in
 * katakana. Exact duplicates (ignoring case, as Meilisearch does) are dropped; at most `max` variants.
 * がばくら and ガバクラ are both kept: the map treats them as one key, Meilisearch does not.
 */
export function expandQuery(q: string, map: SynonymMap | null, max: number = MAX_QUERY_VARIANTS): string[] {
  const typed = cleanQuery(q)
  if (typed === '') return []
  const variants: string[] = []
  const seen = new Set<string>()
  const add = (variant: string) => {
    const key = variant.toLowerCase()
    if (key === '' || seen.has(key) || variants.length >= max) return
    seen.add(key)
    variants.push(variant)
  }
  add(typed)
  if (map === null) return variants

  for (const term of map.get(synonymKey(typed)) ?? []) add(term)

  const words = typed.split(' ')
  if (words.length > 1) {
    words.forEach((word, index) => {
      for (const term of map.get(synonymKey(word)) ?? []) add(words.map((w, i) => (i === index ? term : w)).join(' '))
    })
  }

  const kanaWords = words.map((word) => {
    const folded = synonymKey(word)
    return isHiragana(folded) ? toKatakana(folded) : word
  })
  add(kanaWords.join(' '))
  return variants
}
