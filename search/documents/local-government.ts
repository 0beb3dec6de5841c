// The search document for a local government (地方公共団体), rebuilt from its Postgres row.
// Display fields are copied as they are; the search fields (stem, name_search, kana_key, …) are derived
// and run through normalizeQuery, the same function every query goes through. Why each derived field
// exists is written down in ../indexes.ts, next to the settings that use it.
import { z } from 'zod'
import type { LocalGovernment, LocalGovernmentKind } from '../../db/schema'
import { LOCAL_GOVERNMENT_KIND_LABELS, LOCAL_GOVERNMENT_KINDS } from '../../db/schema'
import { normalizeQuery, toHiragana, toKanaKey, toKatakana } from '../normalize'

export { LOCAL_GOVERNMENT_KIND_LABELS }

/** Ties between equally good matches go to the larger body: 広島県 before 広島市 before 広島町. */
const KIND_RANK = {
  prefecture: 0,
  designated_city: 1,
  city: 2,
  special_ward: 3,
  town: 4,
  village: 5,
} as const satisfies Record<LocalGovernmentKind, number>

/** The last character of the name, and the readings it takes (町: ちょう or まち, 村: むら or そん). */
const SUFFIX_READINGS: Record<string, readonly string[]> = {
  都: ['と'],
  府: ['ふ'],
  県: ['けん'],
  市: ['し'],
  区: ['く'],
  町: ['ちょう', 'まち'],
  村: ['むら', 'そん'],
}

export const LocalGovernmentDocumentSchema = z.object({
  code: z.string().regex(/^\d{6}$/),
  name: z.string().min(1),
  name_kana: z.string().min(1),
  kind: z.enum(LOCAL_GOVERNMENT_KINDS),
  kind_label: z.string().min(1),
  kind_rank: z.number().int().min(0),
  prefecture_code: z.string().regex(/^(0[1-9]|[1-3]\d|4[0-7])$/),
  /** Empty if the caller could not resolve it; the body stays findable by its own name. */
  prefecture_name: z.string(),
  active: z.boolean(),
  /** Name without 都/府/県/市/区/町/村, normalised: 横浜, 北海道 (道 stays), 南あるぷす. */
  stem: z.string().min(1),
  /** Reading without its suffix: よこはま, ほっかいどう. Not searched (see kana_key); kept for tests and debugging. */
  kana_stem: z.string().min(1),
  /** Normalised full name, for queries typed with the suffix (横浜市). */
  name_search: z.string().min(1),
  /**
   * kana_stem and the full reading spelled in latin letters by toKanaKey (yokohama, yokohamasi).
   * Empty only if a reading is not plain hiragana, which the master data never has; the body then
   * stays findable by name.
   */
  kana_key: z.string(),
  kana_full_key: z.string(),
})
export type LocalGovernmentDocument = z.infer<typeof LocalGovernmentDocumentSchema>

/** Splits a name and its reading into stem and suffix. 北海道 keeps 道: nobody searches for 北海. */
export function splitLocalGovernmentName(
  name: string,
  nameKana: string,
  kind: LocalGovernmentKind,
): { stem: string; kanaStem: string } {
  const suffix = name.slice(-1)
  const readings = SUFFIX_READINGS[suffix]
  if (readings === undefined || name.length < 2 || (kind === 'prefecture' && suffix === '道')) {
    return { stem: name, kanaStem: nameKana }
  }
  const kana = toHiragana(nameKana)
  const reading = readings.find((r) => kana.endsWith(r) && kana.length > r.length)
  return { stem: name.slice(0, -1), kanaStem: reading ? kana.slice(0, -reading.length) : kana }
}

/**
 * The reading of a place for other documents' reading twins (documents/reading-fields.ts), from the master
 * data: the reading without its suffix, then in full, in katakana (タカハシ タカハシシ). Both, because
 * Meilisearch's dictionary does not know most place names and cuts タカハシシ unlike the タカハシ a person
 * types; a word equal to the query is cut exactly like it (the measurement is in ../indexes.ts).
 */
export function localGovernmentReading(row: Pick<LocalGovernment, 'name' | 'name_kana' | 'kind'>): string {
  const { kanaStem } = splitLocalGovernmentName(row.name, row.name_kana, row.kind)
  const stem = toKatakana(normalizeQuery(kanaStem))
  const full = toKatakana(normalizeQuery(row.name_kana))
  return stem === full ? full : `${stem} ${full}`
}

export function buildLocalGovernmentDocument(row: LocalGovernment, prefectureName: string): LocalGovernmentDocument {
  const { stem, kanaStem } = splitLocalGovernmentName(row.name, row.name_kana, row.kind)
  const kanaStemNormalized = normalizeQuery(kanaStem)
  const kanaFull = normalizeQuery(row.name_kana)
  return LocalGovernmentDocumentSchema.parse({
    code: row.code,
    name: row.name,
    name_kana: row.name_kana,
    kind: row.kind,
    kind_label: LOCAL_GOVERNMENT_KIND_LABELS[row.kind],
    kind_rank: KIND_RANK[row.kind],
    prefecture_code: row.prefecture_code,
    prefecture_name: prefectureName,
    active: row.active,
    stem: normalizeQuery(stem),
    kana_stem: kanaStemNormalized,
    name_search: normalizeQuery(row.name),
    kana_key: toKanaKey(kanaStemNormalized) ?? '',
    kana_full_key: toKanaKey(kanaFull) ?? '',
  })
}
