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

// ---- reading -----------------------------------------------------------------------------------------

/** A CSV that cannot be split into records (an unclosed or misplaced quote); `record` is 1-based. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly record: number,
  ) {
    super(message)
    this.name = 'CsvSyntaxError'
  }
}

/**
 * Splits CSV text into records of cells (RFC 4180): quoted cells may hold commas, doubled quotes and line
 * breaks; records end in CRLF, LF or CR; a leading BOM is dropped, and so is the line end after the last
 * record. A quote inside an unquoted cell is kept as text (as spreadsheets do); an unclosed quoted cell, or
 * text right after a closing quote, throws CsvSyntaxError. Record i of the result is line i + 1 in a
 * spreadsheet, however many line breaks its cells hold.
 */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith(CSV_BOM) ? text.slice(1) : text
  const records: string[][] = []
  let record: string[] = []
  let cell = ''
  let i = 0
  // Whether anything (even an empty quoted cell) was read since the last record ended.
  let pending = false
  const endRecord = () => {
    record.push(cell)
    records.push(record)
    record = []
    cell = ''
    pending = false
  }
  while (i < source.length) {
    const char = source[i]!
    if (char === '"' && cell === '') {
      // A quoted cell: read to the closing quote; "" is a quote inside it.
      const startRecord = records.length + 1
      i++
      for (;;) {
        if (i >= source.length)
          throw new CsvSyntaxError(`${startRecord}行目: 引用符（"）が閉じられていません`, startRecord)
        if (source[i] === '"') {
          if (source[i + 1] === '"') {
            cell += '"'
            i += 2
            continue
          }
          i++
          break
        }
        cell += source[i]
        i++
      }
      const next = source[i]
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new CsvSyntaxError(
          `${records.length + 1}行目: 引用符（"）で囲んだ値の後に余分な文字があります`,
          records.length + 1,
        )
      }
      pending = true
      continue
    }
    if (char === ',') {
      record.push(cell)
      cell = ''
      pending = true
      i++
    } else if (char === '\r' || char === '\n') {
      endRecord()
      i += char === '\r' && source[i + 1] === '\n' ? 2 : 1
    } else {
      cell += char
      pending = true
      i++
    }
  }
  // The last record, unless the text ended with its line break (or was empty).
  if (pending) endRecord()
  return records
}

/**
 * Undoes csvCell's formula neutralisation when reading our own export back: a text cell starting with an
 * apostrophe followed by a formula character loses the apostrophe. (A value that really began with, say,
 * "'=" cannot be told apart; nothing in our data does.)
 */
export function restoreCsvText(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text
}

export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    // The BOM, if any, is dropped by the decoder.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

export type DecodedText = { text: string; notice?: string } | { error: string }

/**
 * CSV encoding: UTF-8 (with or without BOM) as is. Excel on Japanese Windows saves 「CSV（コンマ区切り）」
 * in Shift_JIS (CP932); such a file is converted (the WHATWG shift_jis decoder is CP932) and the user told.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      error:
        'UTF-16（Excelの「Unicode テキスト」）のファイルは読み込めません。「CSV UTF-8（コンマ区切り）」で保存し直してください。',
    }
  }
  const utf8 = decodeUtf8(bytes)
  if (utf8 !== null) return { text: utf8 }
  try {
    const text = new TextDecoder('shift_jis', { fatal: true }).decode(bytes)
    return {
      text,
      notice:
        'ファイルの文字コードがShift_JIS（Excelの「CSV（コンマ区切り）」形式）だったため、UTF-8に変換して読み込みました。Shift_JISで表せない文字は保存時に「?」に置き換わっていることがあるため、内容を確認してください。次回からは「CSV UTF-8（コンマ区切り）」で保存することをお勧めします。',
    }
  } catch {
    return {
      error:
        'ファイルの文字コードを判別できません。UTF-8（Excelでは「CSV UTF-8（コンマ区切り）」）で保存し直してください。',
    }
  }
}
