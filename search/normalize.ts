// Query normalisation the way Japanese users type: 全角/半角, ひらがな/カタカナ and romaji must not matter.
//
// normalizeSearchQuery is the one function every search module (search/queries/*) sends a query through:
// width folded (NFKC), Meilisearch's operators dropped, every all-kana word in katakana (the script of the
// readings on the documents, see documents/reading-fields.ts and the comment in indexes.ts for why katakana),
// and an ASCII query also read as romaji. Documents fold their text fields with foldForSearch, the same width
// folding, so whatever the query side folds is folded on both sides.
//
// normalizeQuery is the local-government index's own fold (hiragana, for its latin kana keys); that module
// applies it on top of normalizeSearchQuery.
import { toKatakana as romajiToKatakana } from 'wanakana'

/** Long enough for any body's name or reading (the longest reading is ~15 kana); stops abuse. */
export const MAX_QUERY_LENGTH = 100

const KATAKANA = /[\u30a1-\u30f6]/g // ァ … ヶ; ヷ-ヺ and ー have no hiragana counterpart
const HIRAGANA = /[\u3041-\u3096\u309d\u309e]/g // ぁ … ゖ, ゝ ゞ
/** A word of kana only: hiragana, katakana, ー, ・ and the iteration marks. */
const KANA_WORD = /^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fb-\u30fe]+$/
/** Katakana, ー and ・ only: what a clean romaji conversion gives. */
const KATAKANA_WORD = /^[\u30a1-\u30fa\u30fb\u30fc]+$/
/** What may be romaji: latin letters, with - for ー and ' to separate ん from a vowel (kon'nichiha). */
const ROMAJI_WORD = /^[a-z][a-z'-]*$/i

/** Katakana to hiragana (サッポロ → さっぽろ); everything else unchanged. */
export function toHiragana(text: string): string {
  return text.replace(KATAKANA, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
}

/** Hiragana to katakana (さっぽろ → サッポロ); everything else unchanged. */
export function toKatakana(text: string): string {
  return text.replace(HIRAGANA, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60))
}

/**
 * ヂ/ヅ (ぢ/づ) as ジ/ズ (じ/ず): the same sounds, and what people type is not what the dictionary writes
 * (会津 is あいづ, typed あいず or aizu; 小値賀 is おぢか, typed ojika). Applied to readings and kana
 * queries alike.
 */
export function foldVoicedKana(text: string): string {
  return text.replace(/[ヂぢヅづ]/g, (ch) => ({ ヂ: 'ジ', ぢ: 'じ', ヅ: 'ズ', づ: 'ず' })[ch]!)
}

/** Cuts a string to MAX_QUERY_LENGTH code points, so a cut never splits a surrogate pair. */
function capLength(text: string): string {
  const chars = Array.from(text)
  return chars.length > MAX_QUERY_LENGTH ? chars.slice(0, MAX_QUERY_LENGTH).join('').trimEnd() : text
}

/**
 * Width folding for document text and queries alike: NFKC (ｾｷｽﾍﾟ → セキスペ, ＰＭ → PM, 全角スペース → space)
 * and ヶ/ヵ → ケ/カ (鶴ヶ島 and 鶴ケ島 are written either way). The script is kept: Meilisearch cuts text in
 * katakana into whole words (ネットワーク) but hiragana into pieces (ねっ と わーく), so text stays as written and
 * kana queries meet the katakana readings instead.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\u30f6/g, 'ケ')
    .replace(/\u30f5/g, 'カ')
}

/** A query as every search module sends it to Meilisearch (normalizeSearchQuery). */
export interface SearchQuery {
  /**
   * Width folded, Meilisearch's operators dropped (a `"` starts a phrase, a leading `-` negates a word:
   * nobody means either when typing a name or a skill), spaces collapsed, capped at MAX_QUERY_LENGTH
   * characters, and each word of kana only in katakana (ひょうじゅんか → ヒョウジュンカ). A word mixing
   * kanji and kana (書かない窓口, ネットワーク更改) is kept as typed: an IME wrote its kana as the documents
   * do. '' when nothing is left.
   */
  text: string
  /**
   * The query read as romaji, in katakana (hyoujunka → ヒョウジュンカ, nettowa-ku → ネットワーク), when it is
   * latin letters only and every word converts to kana without a letter left over; otherwise null. A
   * second reading, not a replacement: 「AI」 or 「ui」 are words as well as romaji.
   */
  romaji: string | null
}

/** The one normalisation of a typed query for every search (see SearchQuery). */
export function normalizeSearchQuery(q: string): SearchQuery {
  const words = foldForSearch(q)
    .replace(/"/g, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^-+/, ''))
    .filter((word) => word !== '')
  const text = capLength(
    words.map((word) => (KANA_WORD.test(word) ? foldVoicedKana(toKatakana(word)) : word)).join(' '),
  )
  return { text, romaji: readAsRomaji(text) }
}

function readAsRomaji(text: string): string | null {
  const words = text.split(' ')
  if (text === '' || !words.every((word) => ROMAJI_WORD.test(word))) return null
  // Hepburn spells っち as tch (kutchan for 倶知安), which the converter does not read.
  const kana = words.map((word) => romajiToKatakana(word.toLowerCase().replace(/tch/g, 'cch')))
  return kana.every((word) => KATAKANA_WORD.test(word)) ? kana.map(foldVoicedKana).join(' ') : null
}

/**
 * NFKC (half-width ｻｯﾎﾟﾛ → full-width, full-width ＡＢＣ１ → ABC1, 全角スペース → space), katakana →
 * hiragana, small ゖ/ゕ → け/か, ぢ/づ → じ/ず (foldVoicedKana), whitespace trimmed and collapsed, capped at
 * MAX_QUERY_LENGTH characters.
 */
export function normalizeQuery(q: string): string {
  const folded = foldVoicedKana(toHiragana(q.normalize('NFKC')))
    // ヶ/ケ in place names (鶴ヶ島, 龍ケ崎) are written either way; after toHiragana they are ゖ/け.
    .replace(/\u3096/g, 'け')
    .replace(/\u3095/g, 'か')
    .replace(/\s+/g, ' ')
    .trim()
  return capLength(folded)
}

// One code per hiragana, Kunrei-like, with small kana spelled x… . No code is a prefix of another, so
// a kana string is a prefix of another exactly when its key is a prefix of the other's key.
const KANA_KEY_CODES: Record<string, string> = Object.fromEntries(
  (
    'ぁxa あa ぃxi いi ぅxu うu ぇxe えe ぉxo おo かka がga きki ぎgi くku ぐgu けke げge こko ごgo ' +
    'さsa ざza しsi じzi すsu ずzu せse ぜze そso ぞzo たta だda ちti ぢdi っxtu つtu づdu てte でde ' +
    'とto どdo なna にni ぬnu ねne のno はha ばba ぱpa ひhi びbi ぴpi ふhu ぶbu ぷpu へhe べbe ぺpe ' +
    'ほho ぼbo ぽpo まma みmi むmu めme もmo ゃxya やya ゅxyu ゆyu ょxyo よyo らra りri るru れre ' +
    'ろro ゎxwa わwa ゐwi ゑwe をwo んnn ゔvu ゕxka ゖxke'
  )
    .split(' ')
    .map((pair) => [pair.slice(0, 1), pair.slice(1)]),
)

/** True for a non-empty string of hiragana only (the kind of word toKanaKey accepts). */
export function isHiragana(text: string): boolean {
  return text.length > 0 && Array.from(text).every((ch) => ch in KANA_KEY_CODES)
}

/**
 * Spells hiragana in latin letters, one fixed code per kana: よこはま → yokohama, さっぽろ → saxtuporo.
 * Returns null when the text is not all hiragana. Why: see kana_key in ../search/indexes.ts.
 */
export function toKanaKey(hiragana: string): string | null {
  if (!isHiragana(hiragana)) return null
  return Array.from(hiragana, (ch) => KANA_KEY_CODES[ch]).join('')
}
