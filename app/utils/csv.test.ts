import { describe, expect, it } from 'vitest'
import { CSV_BOM, csvCell, CsvSyntaxError, parseCsv, restoreCsvText, toCsv } from './csv'

describe('toCsv', () => {
  it('starts with the UTF-8 BOM and ends every record with CRLF', () => {
    const csv = toCsv([
      ['日時', '内容'],
      ['2025/04/01 09:00:00', '作成しました'],
    ])
    expect(csv.startsWith(CSV_BOM)).toBe(true)
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(csv).toBe('\uFEFF日時,内容\r\n2025/04/01 09:00:00,作成しました\r\n')
    expect(toCsv([['a']], { bom: false })).toBe('a\r\n')
    expect(toCsv([])).toBe(CSV_BOM)
  })

  it('quotes cells with commas, quotes, CR or LF (RFC 4180) and doubles the quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('彼は"はい"と言った')).toBe('"彼は""はい""と言った"')
    expect(csvCell('一行目\n二行目')).toBe('"一行目\n二行目"')
    expect(csvCell('一行目\r\n二行目')).toBe('"一行目\r\n二行目"')
    expect(csvCell('plain text')).toBe('plain text')
    expect(csvCell('')).toBe('')
    expect(toCsv([['x', 'y,z', '"q"']], { bom: false })).toBe('x,"y,z","""q"""\r\n')
  })

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("https://evil.example","click")')).toBe(
      `"'=HYPERLINK(""https://evil.example"",""click"")"`,
    )
    expect(csvCell('+81-90-1234-5678')).toBe(`'+81-90-1234-5678`)
    expect(csvCell('-2+3')).toBe(`'-2+3`)
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`)
    expect(csvCell('\t=1+1')).toBe(`'\t=1+1`)
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`)
    // Only the start matters.
    expect(csvCell('a=b')).toBe('a=b')
    expect(csvCell(' =1')).toBe(' =1')
  })

  it('writes numbers, booleans and empty values without touching them', () => {
    expect(csvCell(-1500)).toBe('-1500')
    expect(csvCell(3.5)).toBe('3.5')
    expect(csvCell(Number.NaN)).toBe('')
    expect(csvCell(true)).toBe('true')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    expect(toCsv([[1, null, 'a']], { bom: false })).toBe('1,,a\r\n')
  })
})

describe('parseCsv', () => {
  it('splits records on CRLF, LF or CR, drops the BOM and the final line end', () => {
    expect(parseCsv('\uFEFFa,b\r\nc,d\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
    expect(parseCsv('a\rb\r')).toEqual([['a'], ['b']])
    expect(parseCsv('')).toEqual([])
    expect(parseCsv(CSV_BOM)).toEqual([])
  })

  it('keeps empty cells and blank lines (one empty cell) so row numbers match a spreadsheet', () => {
    expect(parseCsv('a,,c\r\n\r\n,,\r\n')).toEqual([['a', '', 'c'], [''], ['', '', '']])
    expect(parseCsv('""')).toEqual([['']])
    expect(parseCsv('a,""\r\n')).toEqual([['a', '']])
  })

  it('reads quoted cells with commas, doubled quotes and line breaks (RFC 4180)', () => {
    const records = parseCsv('id,説明\r\n1,"一行目\r\n二行目, 続き"\r\n2,"彼は""はい""と言った"\r\n')
    expect(records).toEqual([
      ['id', '説明'],
      ['1', '一行目\r\n二行目, 続き'],
      ['2', '彼は"はい"と言った'],
    ])
  })

  it('keeps a quote inside an unquoted cell as text, as spreadsheets do', () => {
    expect(parseCsv('5"3,x')).toEqual([['5"3', 'x']])
  })

  it('rejects an unclosed quote or text after a closing quote, naming the record', () => {
    expect(() => parseCsv('a\r\nb,"never closed\r\nc')).toThrow(CsvSyntaxError)
    try {
      parseCsv('a\r\nb,"never closed\r\nc')
    } catch (error) {
      expect((error as CsvSyntaxError).record).toBe(2)
      expect((error as CsvSyntaxError).message).toContain('2行目')
    }
    expect(() => parseCsv('"a"b,c')).toThrow(/余分な文字/)
  })

  it('reads back what toCsv writes, including neutralised formulas (restoreCsvText)', () => {
    const rows = [
      ['名称', '説明', '数'],
      ['a,b', '一行目\n二行目', '-5'],
      ['=SUM(A1)', '"引用"', '@x'],
      ['', "it's", '+81'],
    ]
    const parsed = parseCsv(toCsv(rows)).map((record) => record.map(restoreCsvText))
    expect(parsed).toEqual(rows)
    expect(restoreCsvText("'abc")).toBe("'abc")
    expect(restoreCsvText("'")).toBe("'")
    expect(restoreCsvText("'-2")).toBe('-2')
  })
})
