import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ESTIMATE_CSV_COLUMNS,
  type EstimateParse,
  parseEstimateCsv,
  parseEstimateInput,
  parseEstimateJson,
  parseFiscalYearOption,
} from './estimate-input'

const fixtures = path.resolve(import.meta.dirname, '../../tests/fixtures/funding')
const sampleJson = readFileSync(path.join(fixtures, 'sample.json'), 'utf8')
const sampleCsv = readFileSync(path.join(fixtures, 'sample.csv'), 'utf8')

function errorsOf(parse: EstimateParse): string[] {
  if (parse.ok) throw new Error('expected errors, got a valid input')
  return parse.errors
}

/** The sample with one change made to its parsed JSON. */
function jsonWith(change: (input: { placements: Array<Record<string, any>>; [key: string]: unknown }) => void) {
  const input = JSON.parse(sampleJson)
  change(input)
  return JSON.stringify(input)
}

/** The sample CSV with one cell replaced: row is the spreadsheet row (header = 1). */
function csvWith(row: number, column: (typeof ESTIMATE_CSV_COLUMNS)[number], value: string): string {
  const lines = sampleCsv.trimEnd().split('\n')
  const cells = lines[row - 1]!.split(',')
  cells[ESTIMATE_CSV_COLUMNS.indexOf(column)] = value
  lines[row - 1] = cells.join(',')
  return `${lines.join('\n')}\n`
}

describe('parseEstimateJson', () => {
  it('reads the sample: placements, cost lines, open end as null, fiscal years', () => {
    const parsed = parseEstimateJson(sampleJson)
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
    expect(parsed.input.fiscalYears).toEqual([2025, 2026])
    expect(parsed.input.placements.map((p) => [p.id, p.employer, p.kind, p.employment, p.end])).toEqual([
      ['ehime-accelerator', '380008', 'municipal_support', 'full_time', null],
      ['ehime-parttime', '380008', 'municipal_support', 'part_time', '2027-03-31'],
      ['ehime-contract', '380008', 'municipal_support', 'contract', '2026-03-31'],
      ['matsuyama-cio', '382019', 'cio_adviser', 'special_part_time', null],
    ])
    expect(parsed.input.placements[0]!.costs[1]).toEqual({
      fy: 2025,
      item: 'training',
      amount: 300_000,
      inProgramme: true,
    })
  })

  it('takes --fy over the file’s fiscal years, and the cost lines’ years when neither is given', () => {
    const withOption = parseEstimateJson(sampleJson, { fiscalYears: [2026] })
    expect(withOption.ok && withOption.input.fiscalYears).toEqual([2026])
    const withoutYears = parseEstimateJson(jsonWith((input) => delete input.fiscalYears))
    expect(withoutYears.ok && withoutYears.input.fiscalYears).toEqual([2025, 2026])
  })

  it('takes selections for the persons cap, keyed 団体コード:年度', () => {
    const parsed = parseEstimateJson(jsonWith((input) => (input.selections = { '382019:2025': ['matsuyama-cio'] })))
    expect(parsed.ok && parsed.input.selections).toEqual({ '382019:2025': ['matsuyama-cio'] })
  })

  const cases: Array<
    [string, (input: { placements: Array<Record<string, any>>; [key: string]: unknown }) => void, string]
  > = [
    [
      'an unknown employment form',
      (input) => (input.placements[0]!.employment = 'parttime'),
      'placements[0] (ehime-accelerator).employment: 雇用形態が不正です / invalid employment form',
    ],
    [
      'an unknown kind',
      (input) => (input.placements[3]!.kind = 'cio'),
      'placements[3] (matsuyama-cio).kind: 配置の種類が不正です / invalid kind',
    ],
    [
      'a missing field',
      (input) => delete input.placements[1]!.mainDutyMunicipalSupport,
      'placements[1] (ehime-parttime).mainDutyMunicipalSupport: 入力がありません / missing',
    ],
    [
      'a flag that is not a boolean',
      (input) => (input.placements[1]!.fixedTerm = 'no'),
      'placements[1] (ehime-parttime).fixedTerm: true か false で指定してください / must be true or false',
    ],
    [
      'an employer code of 5 digits',
      (input) => (input.placements[0]!.employer = '38000'),
      'placements[0] (ehime-accelerator).employer: 団体コードは6桁の全国地方公共団体コードです / employer must be a 6-digit local government code',
    ],
    [
      'an employer code outside the 47 prefectures',
      (input) => (input.placements[0]!.employer = '480002'),
      'placements[0] (ehime-accelerator).employer: 団体コードの先頭2桁（都道府県）は01〜47です / the first two digits (prefecture) must be 01–47',
    ],
    [
      'an employer code with a wrong check digit',
      (input) => (input.placements[0]!.employer = '380009'),
      'placements[0] (ehime-accelerator).employer: 団体コードの検査数字が正しくありません / wrong check digit in the local government code',
    ],
    [
      'a negative amount',
      (input) => (input.placements[1]!.costs[0].amount = -1),
      'placements[1] (ehime-parttime).costs[0].amount: 金額は0以上の整数（円）で入力してください / amount must be a non-negative integer (yen)',
    ],
    [
      'an amount with a fraction',
      (input) => (input.placements[1]!.costs[0].amount = 1500.5),
      'placements[1] (ehime-parttime).costs[0].amount: 金額は0以上の整数（円）で入力してください / amount must be a non-negative integer (yen)',
    ],
    [
      'an unknown cost item',
      (input) => (input.placements[1]!.costs[0].item = 'bonus'),
      'placements[1] (ehime-parttime).costs[0].item: 費目が不正です / invalid cost item',
    ],
    [
      'a date that does not exist',
      (input) => (input.placements[0]!.start = '2025-02-29'),
      'placements[0] (ehime-accelerator).start: 日付は YYYY-MM-DD で入力してください / must be a date (YYYY-MM-DD)',
    ],
    [
      'an end before the start',
      (input) => (input.placements[1]!.end = '2025-09-30'),
      'placements[1] (ehime-parttime).end: 終了日が開始日より前です / end is before start',
    ],
    [
      'a cost line outside the placement’s years',
      (input) => input.placements[2]!.costs.push({ fy: 2026, item: 'commission', amount: 1 }),
      "placements[2] (ehime-contract).costs[3].fy: 2026（令和8年度）は配置の期間外です / fiscal year 2026 is outside the placement's period",
    ],
    [
      'training without inProgramme',
      (input) => delete input.placements[0]!.costs[1].inProgramme,
      'placements[0] (ehime-accelerator).costs[1].inProgramme: 研修費は育成プログラムに記載の研修か（true/false）を指定してください / inProgramme is required for training',
    ],
    [
      'an unknown field',
      (input) => (input.placements[2]!.salary = 5),
      'placements[2] (ehime-contract).salary: 不明な項目です / unknown field',
    ],
    [
      'a duplicate id',
      (input) => (input.placements[2]!.id = 'ehime-parttime'),
      'placements[2] (ehime-parttime).id: IDが重複しています（placements[1]） / duplicate id',
    ],
    [
      'an empty id',
      (input) => (input.placements[2]!.id = ' '),
      'placements[2].id: IDを入力してください / id is required',
    ],
    [
      'a selection naming an unknown placement',
      (input) => (input.selections = { '382019:2025': ['nobody'] }),
      'selections["382019:2025"]: 配置 nobody がありません / unknown placement nobody',
    ],
    [
      'a selection key that is not 団体コード:年度',
      (input) => (input.selections = { '382019-2025': ['matsuyama-cio'] }),
      'selections["382019-2025"]: キーは「団体コード:年度」です / key must be "employer:fy"',
    ],
    [
      'a fiscal year that is not a year',
      (input) => (input.fiscalYears = [2025, 25]),
      'fiscalYears[1]: 年度は1989〜2200です / fiscal year must be 1989–2200',
    ],
    [
      'placements that are not an array',
      (input) => (input.placements = {} as any),
      'placements: placements は配列です / placements must be an array',
    ],
  ]

  it.each(cases)('names the placement and the field for %s', (_, change, expected) => {
    expect(errorsOf(parseEstimateJson(jsonWith(change)))).toEqual([expected])
  })

  it('reports every bad placement, not only the first', () => {
    const errors = errorsOf(
      parseEstimateJson(
        jsonWith((input) => {
          input.placements[0]!.employment = 'x'
          input.placements[3]!.end = '2025-01-01'
        }),
      ),
    )
    expect(errors.map((e) => e.split(':')[0])).toEqual([
      'placements[0] (ehime-accelerator).employment',
      'placements[3] (matsuyama-cio).end',
    ])
  })

  it('refuses text that is not a JSON object, and a file without any fiscal year', () => {
    expect(errorsOf(parseEstimateJson('{'))[0]).toMatch(/^JSONとして読めません \/ invalid JSON: /)
    expect(errorsOf(parseEstimateJson('[]'))).toEqual(['最上位はオブジェクトです / the top level must be an object'])
    expect(errorsOf(parseEstimateJson('{"placements": []}'))[0]).toMatch(/^fiscalYears: 年度がありません/)
  })
})

describe('parseEstimateCsv', () => {
  it('reads the same placements as the JSON sample, merging the rows of one id', () => {
    const fromCsv = parseEstimateCsv(sampleCsv, { fiscalYears: [2025, 2026] })
    const fromJson = parseEstimateJson(sampleJson)
    expect(fromCsv).toEqual(fromJson)
  })

  it('takes the fiscal years from the cost lines when --fy is absent', () => {
    const parsed = parseEstimateCsv(sampleCsv)
    expect(parsed.ok && parsed.input.fiscalYears).toEqual([2025, 2026])
  })

  it('reads a BOM, CRLF line ends, 1/0 flags, blank lines and a placement row without a cost line', () => {
    const header = ESTIMATE_CSV_COLUMNS.join(',')
    const text = `\uFEFF${header}\r\n\r\np9,382019,cio_adviser,contract,0,0,0,0,1,2025-04-01,,,,,\r\n`
    const parsed = parseEstimateCsv(text, { fiscalYears: [2025] })
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
    expect(parsed.input.placements).toEqual([
      {
        id: 'p9',
        employer: '382019',
        kind: 'cio_adviser',
        employment: 'contract',
        fixedTerm: false,
        mainDutyMunicipalSupport: false,
        appointedAccelerator: false,
        designatedDxLeader: false,
        planDraftingOnly: true,
        start: '2025-04-01',
        end: null,
        costs: [],
      },
    ])
  })

  const cases: Array<[string, string, string]> = [
    [
      'an unknown employment form',
      csvWith(2, 'employment', 'parttime'),
      'row 2 (ehime-accelerator).employment: 雇用形態が不正です / invalid employment form',
    ],
    [
      'placement columns that differ between rows of one id',
      csvWith(3, 'start', '2025-05-01'),
      'row 3 (ehime-accelerator).start: 同じIDの行（row 2）と値が異なります / conflicts with row 2',
    ],
    [
      'a flag that is not true/false',
      csvWith(6, 'fixedTerm', 'いいえ'),
      'row 6 (ehime-parttime).fixedTerm: true か false で指定してください / must be true or false',
    ],
    [
      'an amount that is not an integer',
      csvWith(7, 'amount', '3000000.5'),
      'row 7 (ehime-parttime).amount: 金額は0以上の整数（円）で入力してください / amount must be a non-negative integer (yen)',
    ],
    [
      'a bad check digit',
      csvWith(12, 'employer', '382010'),
      'row 12 (matsuyama-cio).employer: 団体コードの検査数字が正しくありません / wrong check digit in the local government code',
    ],
    [
      'a cost line outside the placement’s years',
      csvWith(10, 'fy', '2026'),
      "row 10 (ehime-contract).fy: 2026（令和8年度）は配置の期間外です / fiscal year 2026 is outside the placement's period",
    ],
    [
      'a cost line with an amount but no item',
      csvWith(9, 'item', ''),
      'row 9 (ehime-contract).item: 入力がありません / missing',
    ],
    [
      'training without inProgramme',
      csvWith(3, 'inProgramme', ''),
      'row 3 (ehime-accelerator).inProgramme: 研修費は育成プログラムに記載の研修か（true/false）を指定してください / inProgramme is required for training',
    ],
    [
      'an end before the start (named at the first row of the id)',
      sampleCsv.replace(/2027-03-31/g, '2025-09-30'),
      'row 6 (ehime-parttime).end: 終了日が開始日より前です / end is before start',
    ],
    ['an empty id', csvWith(14, 'id', ''), 'row 14.id: IDを入力してください / id is required'],
  ]

  it.each(cases)('names the row, the placement and the field for %s', (_, text, expected) => {
    expect(errorsOf(parseEstimateCsv(text))).toEqual([expected])
  })

  it('names missing, unknown and duplicate columns', () => {
    const header = ESTIMATE_CSV_COLUMNS.filter((c) => c !== 'kind').join(',')
    expect(errorsOf(parseEstimateCsv(`${header},salary,id\n`))).toEqual([
      'row 1: 列 salary は不明です / unknown column salary',
      'row 1: 列 id が重複しています / duplicate column id',
      'row 1: 列 kind がありません / missing column kind',
    ])
  })

  it('refuses an empty file, text that is not CSV, and no fiscal year at all', () => {
    expect(errorsOf(parseEstimateCsv(''))).toEqual(['CSVが空です / the CSV is empty'])
    expect(errorsOf(parseEstimateCsv('id,"employer\n'))[0]).toMatch(/^CSVとして読めません \/ invalid CSV: 1行目/)
    expect(errorsOf(parseEstimateCsv(`${ESTIMATE_CSV_COLUMNS.join(',')}\n`))[0]).toMatch(
      /^fiscalYears: 年度がありません/,
    )
  })
})

describe('parseEstimateInput', () => {
  it('reads JSON or CSV by the file name, else by the content', () => {
    expect(parseEstimateInput(sampleJson, { fileName: 'a.JSON' }).ok).toBe(true)
    expect(parseEstimateInput(sampleCsv, { fileName: 'a.csv' }).ok).toBe(true)
    expect(parseEstimateInput(`\uFEFF${sampleJson}`).ok).toBe(true)
    expect(parseEstimateInput(sampleCsv, { fileName: 'placements.txt' }).ok).toBe(true)
  })
})

describe('parseFiscalYearOption', () => {
  it('reads a list and ranges of fiscal years', () => {
    expect(parseFiscalYearOption('2026,2025')).toEqual({ ok: true, fiscalYears: [2025, 2026] })
    expect(parseFiscalYearOption('2025-2027, 2030')).toEqual({ ok: true, fiscalYears: [2025, 2026, 2027, 2030] })
  })

  it('refuses anything else, naming the part', () => {
    for (const bad of ['R7', '2025,', '2027-2025', '25', '']) {
      const result = parseFiscalYearOption(bad)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error).toMatch(/^--fy: /)
    }
  })
})
