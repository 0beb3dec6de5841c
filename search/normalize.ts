// Query normalisation the way Japanese users type: 全角/半角 and ひらがな/カタカナ must not matter.
// Documents run their search fields through the same function (see documents/local-government.ts), so
// whatever we fold here is folded on both sides and cannot cause a mismatch.

/** Long enough for any body's name or reading (the longest reading is ~15 kana); stops abuse. */
export const MAX_QUERY_LENGTH = 100

const KATAKANA = /[\u30a1-\u30f6]/g // ァ … ヶ; ヷ-ヺ and ー have no hiragana counterpart

/** Katakana to hiragana (サッポロ → さっぽろ); everything else unchanged. */
export function toHiragana(text: string): string {
  return text.replace(KATAKANA, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
}

/** Hiragana to katakana (さっぽろ → サッポロ); everything else unchanged. */
export function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096\u309d\u309e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60))
}

/**
 * ヂ/ヅ (ぢ/づ) as ジ/ズ (じ/ず): the same sounds, and what people type is not what the dictionary writes
 * (会津 is あいづ, typed あいず or aizu; 小値賀 is おぢか, typed ojika). Applied to readings and kana
 * queries alike.
 */
export function foldVoicedKana(text: string): string {
  return text.replace(/[ヂぢヅづ]/g, (ch) => ({ ヂ: 'ジ', ぢ: 'じ', ヅ: 'ズ', づ: 'ず' })[ch]!)
}

/**
 * NFKC (half-width ｻｯﾎﾟﾛ → full-width, full-width ＡＢＣ１ → ABC1, 全角スペース → space), katakana →
 * hiragana, small ゖ/ゕ → け/か, whitespace trimmed and collapsed, capped at MAX_QUERY_LENGTH characters.
 */
export function normalizeQuery(q: string): string {
  const folded = toHiragana(q.normalize('NFKC'))
    // ヶ/ケ in place names (鶴ヶ島, 龍ケ崎) are written either way; after toHiragana they are ゖ/け.
    .replace(/\u3096/g, 'け')
    .replace(/\u3095/g, 'か')
    .replace(/\s+/g, ' ')
    .trim()
  // Count code points, not UTF-16 units, so a cut never splits a surrogate pair.
  const chars = Array.from(folded)
  return chars.length > MAX_QUERY_LENGTH ? chars.slice(0, MAX_QUERY_LENGTH).join('').trimEnd() : folded
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

/**
 * The same folding for document text (no length cap): a field searched with normalizeQuery must be folded
 * alike, or Meilisearch cuts 「ネットワーク更改」 in the document and 「ねっとわーく更改」 in the query differently
 * and finds nothing (measured on the need index, search/needs.test.ts).
 */
export function foldForSearch(text: string): string {
  return toHiragana(text.normalize('NFKC'))
    .replace(/\u3096/g, 'け')
    .replace(/\u3095/g, 'か')
}
