// How the reading of a text is written into a search document, from kuromoji's tokens (the analyser process,
// search/reading-host.ts, calls it; it is pure so that it can be tested without the dictionary).
//
// The reading is katakana, the script every kana query is normalised to (search/normalize.ts). Words are
// separated by spaces, because Meilisearch matches words: a compound noun is one word (標準化 → ヒョウジュンカ,
// 安芸太田町 → アキオオタマチ), so the reading a person types for the whole compound meets it, and typing its start
// meets it too (the last query word is a prefix). When a compound has several parts, the parts follow on a
// second line (ヒョウジュン カ), so a word from inside it (こうかい in 庁内ネットワーク更改) is found as well.
// Why both, and why katakana, with the measurements: ./indexes.ts (Readings).
import { foldVoicedKana, toKatakana } from './normalize'

/**
 * How readings are written: change it whenever this module (or the analyser's dictionary) would write a text's
 * reading differently, and the readings kept for rebuilds (./reading-key.ts) are made again instead of reused.
 */
export const READING_FORMAT = 'kuromoji-0.1.2/ipadic/1'

/** The fields of a kuromoji (IPADIC) token that the reading needs. */
export interface ReadingToken {
  surface_form: string
  /** Katakana; absent (or '*') for words the dictionary does not know (ガバメントクラウド, BPR, 20). */
  reading?: string
  /** 名詞, 接頭詞, 助詞, 動詞, 記号, … */
  pos: string
}

/** Nouns (接尾 such as 化・町・士 included) and prefixes join into one compound word. */
function joinsCompound(token: ReadingToken): boolean {
  return token.pos === '名詞' || token.pos === '接頭詞'
}

/** Symbols and spaces separate words and are not read. */
function isSeparator(token: ReadingToken): boolean {
  return token.pos === '記号' || token.surface_form.trim() === ''
}

/**
 * The reading of one token: the dictionary's, or the word as written (katakana for kana, latin as is), with
 * ヂ/ヅ written ジ/ズ as in kana queries (normalize.ts foldVoicedKana).
 */
function readingOf(token: ReadingToken): string {
  const reading = token.reading && token.reading !== '*' ? token.reading : token.surface_form
  return foldVoicedKana(toKatakana(reading))
}

/** The text's words: each compound (nouns and prefixes in a row) as one group of tokens, separators dropped. */
function wordGroups(tokens: readonly ReadingToken[]): ReadingToken[][] {
  const words: ReadingToken[][] = []
  let compound: ReadingToken[] | null = null
  for (const token of tokens) {
    if (isSeparator(token)) {
      compound = null
      continue
    }
    if (joinsCompound(token)) {
      if (compound === null) words.push((compound = []))
      compound.push(token)
    } else {
      compound = null
      words.push([token])
    }
  }
  return words
}

/**
 * The reading of a text: its words in katakana, compounds joined, then (if any compound has several parts)
 * every part on a second line. '' for a text with nothing to read.
 */
export function readingOfTokens(tokens: readonly ReadingToken[]): string {
  const words = wordGroups(tokens).map((parts) => parts.map(readingOf))
  const compounds = words.map((parts) => parts.join('')).join(' ')
  if (words.every((parts) => parts.length === 1)) return compounds
  return `${compounds}\n${words.flat().join(' ')}`
}

/** A word of a text as written, with its reading (katakana, written as readingOfTokens writes it). */
export interface ReadingWord {
  surface: string
  reading: string
}

/**
 * The words of a text with their readings: every compound whole (標準化 ヒョウジュンカ), then, for a compound
 * of several parts, each part (標準 ヒョウジュン, 化 カ): the same words readingOfTokens writes, with what
 * each stands for as written.
 */
export function wordsOfTokens(tokens: readonly ReadingToken[]): ReadingWord[] {
  const words: ReadingWord[] = []
  const word = (parts: readonly ReadingToken[]): ReadingWord => ({
    surface: parts.map((t) => t.surface_form).join(''),
    reading: parts.map(readingOf).join(''),
  })
  const groups = wordGroups(tokens)
  for (const parts of groups) words.push(word(parts))
  for (const parts of groups) if (parts.length > 1) for (const part of parts) words.push(word([part]))
  return words
}
