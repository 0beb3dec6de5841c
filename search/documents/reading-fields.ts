// Reading twins of text fields: `title` is searched as written, `title_reading` as it is read (katakana, see
// ../reading-text.ts). Meilisearch does not read kanji, so without the twin ひょうじゅんか finds nothing where
// the document says 標準化. Each document module lists the fields that get a twin; its builder writes the twins
// empty (or from a reading it already has: the master data's kana of a place name is better than any
// analyser's guess), and addReadings fills the empty ones from the analyser when documents are loaded for
// the index (../registry.ts). Indexes search the twins after every text field (../indexes.ts), so the text
// as written ranks first.
import type { ReadingAnalyzer } from '../readings'

/** The name of a field's reading twin. */
export type ReadingTwin<F extends string> = `${F}_reading`

export function readingTwin<F extends string>(field: F): ReadingTwin<F> {
  return `${field}_reading`
}

/** Keys of D holding text or a list of texts: the fields a twin can be built for. */
export type TextField<D> = {
  [K in keyof D]: D[K] extends string | string[] ? (K extends string ? K : never) : never
}[keyof D]

/** A twin already written by the builder (a list counts when any entry is non-empty). */
function isFilled(value: unknown): boolean {
  return typeof value === 'string' ? value !== '' : Array.isArray(value) && value.some((entry) => entry !== '')
}

/**
 * The documents with the empty reading twins of `fields` filled, in one batch for all of them. A text the
 * analyser could not read gets '' (the document is still indexed, found by its text as written).
 */
export async function addReadings<D extends object>(
  documents: readonly D[],
  fields: ReadonlyArray<TextField<D>>,
  analyzer: ReadingAnalyzer,
): Promise<D[]> {
  const texts: string[] = []
  const slots: Array<{ doc: number; twin: string; entry: number | null }> = []
  const updated = documents.map((document) => ({ ...document }) as Record<string, unknown>)
  documents.forEach((document, doc) => {
    const record = document as Record<string, unknown>
    for (const field of fields) {
      const twin = readingTwin(field)
      if (isFilled(record[twin])) continue
      const value = record[field]
      if (typeof value === 'string') {
        texts.push(value)
        slots.push({ doc, twin, entry: null })
      } else if (Array.isArray(value)) {
        updated[doc]![twin] = value.map(() => '')
        value.forEach((entry: string, index) => {
          texts.push(entry)
          slots.push({ doc, twin, entry: index })
        })
      }
    }
  })
  if (texts.length === 0) return updated as D[]

  const readings = await analyzer.read(texts)
  slots.forEach(({ doc, twin, entry }, index) => {
    const reading = readings[index] ?? ''
    if (entry === null) updated[doc]![twin] = reading
    else (updated[doc]![twin] as string[])[entry] = reading
  })
  return updated as D[]
}
