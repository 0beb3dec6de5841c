// A small CSV writer for every list officials export (audit log now; pools, needs later). Client-safe: no
// Node APIs. RFC 4180 quoting with CRLF line ends, a UTF-8 BOM so Excel opens Japanese text correctly, and
// protection against formula injection (OWASP "CSV Injection"): a text cell that Excel would read as a
// formula gets a leading apostrophe.

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8'

/** The byte-order mark Excel needs to read UTF-8 (without it, Japanese text opens as mojibake). */
export const CSV_BOM = '\uFEFF'

/**
 * A cell. Strings are text and are neutralised when they start like a formula (so "-5" as a string
 * becomes "'-5"); pass numbers as numbers to keep them numeric. null/undefined are empty cells.
 */
export type CsvCell = string | number | bigint | boolean | null | undefined

// = + - @ start formulas; a leading tab or CR can hide one from a quick look and is treated the same.
const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  let text: string
  if (typeof value === 'string') {
    text = FORMULA_START.test(value) ? `'${value}` : value
  } else if (typeof value === 'number') {
    text = Number.isFinite(value) ? String(value) : ''
  } else {
    text = String(value)
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One record with its CRLF line end. */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}

/**
 * A whole CSV document: BOM first (unless `bom: false`, e.g. for a chunk appended to a stream that
 * already started with one), every record ending in CRLF.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], { bom = true }: { bom?: boolean } = {}): string {
  return (bom ? CSV_BOM : '') + rows.map(csvLine).join('')
}

/**
 * Content-Disposition for a download: the real (e.g. Japanese) name as RFC 5987 `filename*`, and an ASCII
 * `filename` for clients that do not read it.
 */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}
