// Skill names typed as their reading, for the profile index. A profile lists the names of its skills as
// written (標準化・共通化…); people type them in kana too (ひょうじゅんか, ﾋｮｳｼﾞｭﾝｶ, hyoujunka). Other indexes
// carry a reading twin of each text, but in the profile index the skill names' twin was the same few
// catalogue strings repeated in every profile: at 100,000 profiles it took about half the time of a rebuild.
// So the reading is resolved here instead, once per published catalogue: every word of a skill name that
// has kanji, by its reading (ヒョウジュンカ → 標準化, and its parts ヒョウジュン → 標準), and a kana word
// of a query becomes the word as written before the query is sent. Introductions and qualification names
// keep their twins (search/documents/profile.ts): they are each person's own text.
import type { ReadingAnalyzer } from './readings'
import type { ReadingWord } from './reading-text'
import { synonymKey } from './synonyms'

/** Reading (as a synonym key: hiragana, voiced kana folded) → the words of skill names read so. */
export interface SkillReadings {
  words: ReadonlyMap<string, readonly string[]>
  /** The keys in code-point order, for the word still being typed (a prefix of a reading). */
  keys: readonly string[]
}

const HAS_KANJI = /\p{Script=Han}/u
/** A query word of kana only, as synonymKey writes it (hiragana, ー, ・, iteration marks). */
const KANA_KEY = /^[\u3041-\u3096\u309d\u309e\u30fb\u30fc]+$/
/** Shorter readings (か, し) would turn a typed syllable into an unrelated kanji. */
const MIN_READING_LENGTH = 2

/** Characters Meilisearch separates words at: anything but letters, digits and the marks inside words. */
const SEPARATORS = /[^\p{L}\p{N}\p{M}ー々〆ヶ]+/u

/**
 * A word as Meilisearch cuts it: the analyser may join symbols into a compound (共通化(20業務), read
 * キョウツウカ(20ギョウム)), which the index holds as separate words, so each piece is paired with its reading.
 */
function pieces({ surface, reading }: ReadingWord): ReadingWord[] {
  const surfaces = surface.split(SEPARATORS).filter((piece) => piece !== '')
  const readings = reading.split(SEPARATORS).filter((piece) => piece !== '')
  if (surfaces.length !== readings.length) return [{ surface, reading }]
  return surfaces.map((piece, index) => ({ surface: piece, reading: readings[index]! }))
}

/** The lookup from the names' words (search/reading-text.ts wordsOfTokens). */
export function skillReadingsOf(wordsOfNames: ReadonlyArray<readonly ReadingWord[]>): SkillReadings {
  const words = new Map<string, string[]>()
  for (const { surface, reading } of wordsOfNames.flat().flatMap(pieces)) {
    // Kana and latin words are found as written; only words with kanji need their reading.
    if (!HAS_KANJI.test(surface)) continue
    const key = synonymKey(reading)
    if (Array.from(key).length < MIN_READING_LENGTH || !KANA_KEY.test(key)) continue
    const list = words.get(key) ?? []
    if (!list.includes(surface)) list.push(surface)
    words.set(key, list)
  }
  return { words, keys: [...words.keys()].sort() }
}

/** Reads the skill names' words; null when the analyser cannot answer (queries then go as typed). */
export async function buildSkillReadings(
  names: readonly string[],
  analyzer: ReadingAnalyzer,
): Promise<SkillReadings | null> {
  const words = await analyzer.words(names)
  return words ? skillReadingsOf(words) : null
}

/**
 * The word as written for a kana word: the one read so (the first name's, if several are); for the last word
 * of a query, which may still be being typed, the shortest reading it begins (ひょうじゅ → 標準), if that
 * word begins with kanji, so a katakana word typed in full (クラウド) never becomes a longer compound.
 */
function wordFor(word: string, readings: SkillReadings, last: boolean): string | null {
  const key = synonymKey(word)
  if (!KANA_KEY.test(key)) return null
  const exact = readings.words.get(key)
  if (exact) return exact[0]!
  if (!last || Array.from(key).length < MIN_READING_LENGTH) return null
  let low = 0
  let high = readings.keys.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (readings.keys[mid]! < key) low = mid + 1
    else high = mid
  }
  let best: string | null = null
  for (let i = low; i < readings.keys.length && readings.keys[i]!.startsWith(key); i++) {
    const candidate = readings.keys[i]!
    const surface = readings.words.get(candidate)![0]!
    if (!HAS_KANJI.test(Array.from(surface)[0]!)) continue
    if (best === null || candidate.length < best.length) best = candidate
  }
  return best === null ? null : readings.words.get(best)![0]!
}

/**
 * A normalised query (search/normalize.ts normalizeSearchQuery: words separated by single spaces) with each
 * kana word that reads a skill name's word written as that word: 「ヒョウジュンカ 広島」 → 「標準化 広島」.
 * The query unchanged when nothing is read so, or without readings.
 */
export function writeSkillReadings(text: string, readings: SkillReadings | null): string {
  if (!readings || text === '') return text
  const words = text.split(' ')
  return words.map((word, index) => wordFor(word, readings, index === words.length - 1) ?? word).join(' ')
}
