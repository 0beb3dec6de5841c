// The input of a funding estimate (`npm run funding:estimate`), as JSON or as CSV with one row per cost line.
// Every error names the placement (its index and id, or the CSV row) and the field, in Japanese and English:
// `placements[0] (p1).employment: 雇用形態が不正です / invalid employment form`. Pure and client-safe, so a
// page can use the same checks for an upload.
import { z } from 'zod'
// The code's own check-digit rule: pure and client-safe (no database), unlike the rest of db/.
// eslint-disable-next-line no-restricted-imports
import { isValidLocalGovernmentCode } from '../../db/local-government-code'
import { parseCsv, CsvSyntaxError } from '../utils/csv'
import type { FundingPlacement, FundingSelections } from './engine'
import { fiscalYearLabel, isActiveInFy, isIsoDate } from './fiscal-year'
import { COST_ITEMS, FUNDING_EMPLOYMENT_FORMS, PLACEMENT_KINDS } from './rules'

export interface EstimateInput {
  fiscalYears: number[]
  placements: FundingPlacement[]
  selections?: FundingSelections
}

export type EstimateParse = { ok: true; input: EstimateInput } | { ok: false; errors: string[] }

export interface EstimateOptions {
  /** From `--fy 2025,2026`: overrides the file's fiscal years. */
  fiscalYears?: number[]
}

/** The largest amount accepted (1兆円): keeps every sum × rate exact in double precision. */
export const MAX_YEN = 1_000_000_000_000
const MIN_FY = 1989
const MAX_FY = 2200

// ---- field schemas (shared by JSON and CSV) --------------------------------------------------------------

/** A zod error callback: "missing" when the field is absent, else the field's own message. */
const message = (ja: string, en: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? '入力がありません / missing' : `${ja} / ${en}`

const flag = z.boolean({ error: message('true か false で指定してください', 'must be true or false') })
const isoDate = z
  .string({ error: message('日付は YYYY-MM-DD で入力してください', 'must be a date (YYYY-MM-DD)') })
  .refine(isIsoDate, { error: '日付は YYYY-MM-DD で入力してください / must be a date (YYYY-MM-DD)' })
const fiscalYear = z
  .int({ error: message('年度は西暦の開始年（例: 2025）で入力してください', 'must be a fiscal year (e.g. 2025)') })
  .min(MIN_FY, { error: `年度は${MIN_FY}〜${MAX_FY}です / fiscal year must be ${MIN_FY}–${MAX_FY}` })
  .max(MAX_FY, { error: `年度は${MIN_FY}〜${MAX_FY}です / fiscal year must be ${MIN_FY}–${MAX_FY}` })
const yen = z
  .int({ error: message('金額は0以上の整数（円）で入力してください', 'amount must be a non-negative integer (yen)') })
  .min(0, { error: '金額は0以上の整数（円）で入力してください / amount must be a non-negative integer (yen)' })
  .max(MAX_YEN, { error: '金額が大きすぎます（1兆円まで） / amount is too large (max 1,000,000,000,000)' })

const employerCode = z
  .string({
    error: message('団体コードは6桁の全国地方公共団体コードです', 'employer must be a 6-digit local government code'),
  })
  .regex(/^[0-9]{6}$/, {
    error: '団体コードは6桁の全国地方公共団体コードです / employer must be a 6-digit local government code',
    abort: true,
  })
  .refine((code) => Number(code.slice(0, 2)) >= 1 && Number(code.slice(0, 2)) <= 47, {
    error: '団体コードの先頭2桁（都道府県）は01〜47です / the first two digits (prefecture) must be 01–47',
    abort: true,
  })
  .refine(isValidLocalGovernmentCode, {
    error: '団体コードの検査数字が正しくありません / wrong check digit in the local government code',
  })

const CostLineSchema = z
  .object({
    fy: fiscalYear,
    item: z.enum(COST_ITEMS, { error: message('費目が不正です', 'invalid cost item') }),
    amount: yen,
    inProgramme: flag.optional(),
  })
  .strict()

const placementFields = {
  id: z
    .string({ error: message('IDは文字列です', 'id must be a string') })
    .trim()
    .min(1, { error: 'IDを入力してください / id is required' })
    .max(100, { error: 'IDは100文字以内です / id is too long (max 100)' }),
  employer: employerCode,
  kind: z.enum(PLACEMENT_KINDS, { error: message('配置の種類が不正です', 'invalid kind') }),
  employment: z.enum(FUNDING_EMPLOYMENT_FORMS, { error: message('雇用形態が不正です', 'invalid employment form') }),
  fixedTerm: flag,
  mainDutyMunicipalSupport: flag,
  appointedAccelerator: flag,
  designatedDxLeader: flag,
  planDraftingOnly: flag,
  start: isoDate,
  end: isoDate.nullable(),
}

const PlacementSchema = z.object({ ...placementFields, costs: z.array(CostLineSchema) }).strict()

// Placements are checked one by one (below), so one bad placement does not hide the others' errors.
const JsonInputSchema = z
  .object({
    fiscalYears: z.array(fiscalYear).optional(),
    placements: z.array(z.unknown(), { error: message('placements は配列です', 'placements must be an array') }),
    selections: z
      .record(z.string().regex(/^[0-9]{6}:[0-9]{4}$/), z.array(z.string()), {
        error: (issue) =>
          issue.code === 'invalid_key'
            ? 'キーは「団体コード:年度」です / key must be "employer:fy"'
            : 'selections は「団体コード:年度」ごとの配置IDの配列です / selections must map "employer:fy" to placement ids',
      })
      .optional(),
  })
  .strict()

/** `--fy 2025,2026` (also 2025-2027 for a range). */
export function parseFiscalYearOption(
  value: string,
): { ok: true; fiscalYears: number[] } | { ok: false; error: string } {
  const years: number[] = []
  for (const part of value.split(',')) {
    const range = /^\s*([0-9]{4})\s*(?:-\s*([0-9]{4})\s*)?$/.exec(part)
    const from = range ? Number(range[1]) : NaN
    const to = range?.[2] ? Number(range[2]) : from
    if (!range || from < MIN_FY || to > MAX_FY || to < from) {
      return {
        ok: false,
        error: `--fy: 年度は 2025,2026 のように西暦で指定してください / --fy must list fiscal years such as 2025,2026 (got "${part}")`,
      }
    }
    for (let fy = from; fy <= to; fy++) years.push(fy)
  }
  return { ok: true, fiscalYears: [...new Set(years)].sort((a, b) => a - b) }
}

// ---- JSON ------------------------------------------------------------------------------------------------

export function parseEstimateJson(text: string, options: EstimateOptions = {}): EstimateParse {
  let raw: unknown
  try {
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text)
  } catch (error) {
    return { ok: false, errors: [`JSONとして読めません / invalid JSON: ${(error as Error).message}`] }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, errors: ['最上位はオブジェクトです / the top level must be an object'] }

  const parsed = JsonInputSchema.safeParse(raw)
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.flatMap((issue) => jsonIssueMessages(issue, raw)) }
  }
  const errors: string[] = []
  const placements: FundingPlacement[] = []
  const indexOf: number[] = []
  parsed.data.placements.forEach((candidate, i) => {
    const one = PlacementSchema.safeParse(candidate)
    if (one.success) {
      placements.push(one.data)
      indexOf.push(i)
    } else {
      for (const issue of one.error.issues)
        errors.push(...jsonIssueMessages({ ...issue, path: ['placements', i, ...issue.path] }, raw))
    }
  })
  const locate = (k: number, field: string) => `placements[${indexOf[k]}] (${placements[k]!.id}).${field}`
  const rawIds = parsed.data.placements.map((p) =>
    typeof p === 'object' && p !== null && typeof (p as { id?: unknown }).id === 'string'
      ? (p as { id: string }).id.trim()
      : undefined,
  )
  const seen = new Map<string, number>()
  rawIds.forEach((id, i) => {
    if (id === undefined || id === '') return
    const first = seen.get(id)
    if (first !== undefined)
      errors.push(`placements[${i}] (${id}).id: IDが重複しています（placements[${first}]） / duplicate id`)
    else seen.set(id, i)
  })
  checkPlacements(placements, errors, locate, (k, c, field) => locate(k, `costs[${c}].${field}`))
  if (parsed.data.selections) {
    for (const [key, selected] of Object.entries(parsed.data.selections)) {
      for (const id of selected)
        if (!seen.has(id)) errors.push(`selections["${key}"]: 配置 ${id} がありません / unknown placement ${id}`)
    }
  }
  errors.sort(byPlacementIndex)
  return finish(placements, options.fiscalYears ?? parsed.data.fiscalYears, errors, parsed.data.selections)
}

/** Errors in the order of the placements they name (field errors and cross-field errors interleaved). */
function byPlacementIndex(a: string, b: string): number {
  const index = (text: string) => {
    const match = /^placements\[(\d+)\]/.exec(text)
    return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER
  }
  return index(a) - index(b)
}

function jsonIssueMessages(issue: z.core.$ZodIssue, raw: unknown): string[] {
  const base = pathText(issue.path, raw)
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${base === '' ? key : `${base}.${key}`}: 不明な項目です / unknown field`)
  }
  return [`${base === '' ? '(input)' : base}: ${issue.message}`]
}

/** placements[0] (p1).costs[1].amount — the id read from the raw input when it has one. */
function pathText(path: readonly PropertyKey[], raw: unknown): string {
  let text = ''
  let node: unknown = raw
  path.forEach((key, depth) => {
    if (typeof key === 'number') {
      text += `[${key}]`
      node = Array.isArray(node) ? node[key] : undefined
      if (depth === 1 && path[0] === 'placements') {
        const id = (node as { id?: unknown } | undefined)?.id
        if (typeof id === 'string' && id.trim() !== '') text += ` (${id.trim()})`
      }
    } else {
      const name = String(key)
      text += text === '' ? name : depth > 0 && path[0] === 'selections' ? `["${name}"]` : `.${name}`
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[name] : undefined
    }
  })
  return text
}

// ---- CSV -------------------------------------------------------------------------------------------------

export const ESTIMATE_CSV_COLUMNS = [
  'id',
  'employer',
  'kind',
  'employment',
  'fixedTerm',
  'mainDutyMunicipalSupport',
  'appointedAccelerator',
  'designatedDxLeader',
  'planDraftingOnly',
  'start',
  'end',
  'fy',
  'item',
  'amount',
  'inProgramme',
] as const
type Column = (typeof ESTIMATE_CSV_COLUMNS)[number]
const PLACEMENT_COLUMNS = ESTIMATE_CSV_COLUMNS.slice(0, 11) as Array<keyof typeof placementFields>
const BOOLEAN_COLUMNS = new Set<Column>([
  'fixedTerm',
  'mainDutyMunicipalSupport',
  'appointedAccelerator',
  'designatedDxLeader',
  'planDraftingOnly',
  'inProgramme',
])

const CsvRowSchema = z.object({
  ...placementFields,
  cost: CostLineSchema.nullable(),
})

/** Spreadsheets write TRUE/FALSE; 1/0 are accepted too. Anything else is left for the schema to refuse. */
function csvBoolean(cell: string): unknown {
  const value = cell.trim().toLowerCase()
  if (value === 'true' || value === '1') return true
  if (value === 'false' || value === '0') return false
  return value === '' ? undefined : cell
}

function csvInteger(cell: string): unknown {
  const value = cell.trim()
  if (value === '') return undefined
  return /^[0-9]+$/.test(value) ? Number(value) : value
}

export function parseEstimateCsv(text: string, options: EstimateOptions = {}): EstimateParse {
  let records: string[][]
  try {
    records = parseCsv(text).filter((record) => !(record.length === 1 && record[0]!.trim() === ''))
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { ok: false, errors: [`CSVとして読めません / invalid CSV: ${error.message}`] }
    throw error
  }
  const header = records[0]?.map((cell) => cell.trim())
  if (!header) return { ok: false, errors: ['CSVが空です / the CSV is empty'] }
  const errors: string[] = []
  const columnAt = new Map<Column, number>()
  header.forEach((name, i) => {
    if ((ESTIMATE_CSV_COLUMNS as readonly string[]).includes(name)) {
      if (columnAt.has(name as Column)) errors.push(`row 1: 列 ${name} が重複しています / duplicate column ${name}`)
      columnAt.set(name as Column, i)
    } else errors.push(`row 1: 列 ${name || '(空)'} は不明です / unknown column ${name || '(empty)'}`)
  })
  for (const column of ESTIMATE_CSV_COLUMNS)
    if (!columnAt.has(column)) errors.push(`row 1: 列 ${column} がありません / missing column ${column}`)
  if (errors.length > 0) return { ok: false, errors }

  // Row numbers as a spreadsheet shows them: the header is row 1. (Blank lines were dropped above, so
  // count from the original records for the numbers to match the file.)
  const rowNumbers: number[] = []
  parseCsv(text).forEach((record, i) => {
    if (!(record.length === 1 && record[0]!.trim() === '')) rowNumbers.push(i + 1)
  })

  interface Merged {
    placement: FundingPlacement
    firstRow: number
    costRows: number[]
  }
  const merged = new Map<string, Merged>()
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!
    const row = rowNumbers[r]!
    const cell = (column: Column) => record[columnAt.get(column)!] ?? ''
    const value = (column: Column): unknown => {
      const text = cell(column)
      if (BOOLEAN_COLUMNS.has(column)) return csvBoolean(text)
      if (column === 'fy' || column === 'amount') return csvInteger(text)
      if (column === 'end') return text.trim() === '' ? null : text.trim()
      const trimmed = text.trim()
      return trimmed === '' && column !== 'id' ? undefined : trimmed
    }
    const costGiven = cell('fy').trim() !== '' || cell('item').trim() !== '' || cell('amount').trim() !== ''
    const candidate: Record<string, unknown> = {}
    for (const column of PLACEMENT_COLUMNS) candidate[column] = value(column)
    const inProgramme = value('inProgramme')
    candidate.cost = costGiven
      ? {
          fy: value('fy'),
          item: value('item'),
          amount: value('amount'),
          ...(inProgramme === undefined ? {} : { inProgramme }),
        }
      : null
    const label = `row ${row}${typeof candidate.id === 'string' && candidate.id !== '' ? ` (${candidate.id})` : ''}`
    const parsed = CsvRowSchema.safeParse(candidate)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.filter((key) => key !== 'cost').join('.')
        errors.push(`${label}.${field}: ${issue.message}`)
      }
      continue
    }
    const { cost, ...fields } = parsed.data
    const existing = merged.get(fields.id)
    if (!existing) {
      merged.set(fields.id, {
        placement: { ...fields, costs: cost ? [cost] : [] },
        firstRow: row,
        costRows: cost ? [row] : [],
      })
      continue
    }
    let conflict = false
    for (const column of PLACEMENT_COLUMNS) {
      if (existing.placement[column] !== fields[column]) {
        errors.push(
          `${label}.${column}: 同じIDの行（row ${existing.firstRow}）と値が異なります / conflicts with row ${existing.firstRow}`,
        )
        conflict = true
      }
    }
    if (!conflict && cost) {
      existing.placement.costs.push(cost)
      existing.costRows.push(row)
    }
  }
  const entries = [...merged.values()]
  const placements = entries.map((entry) => entry.placement)
  checkPlacements(
    placements,
    errors,
    (i, field) => `row ${entries[i]!.firstRow} (${placements[i]!.id}).${field}`,
    (i, c, field) => `row ${entries[i]!.costRows[c]} (${placements[i]!.id}).${field}`,
  )
  return finish(placements, options.fiscalYears, errors)
}

// ---- both ------------------------------------------------------------------------------------------------

/** Checks across fields: end ≥ start, each cost line inside the placement's period, training flagged. */
function checkPlacements(
  placements: FundingPlacement[],
  errors: string[],
  locate: (placement: number, field: string) => string,
  locateCost: (placement: number, cost: number, field: string) => string,
) {
  placements.forEach((p, i) => {
    if (p.end !== null && p.end < p.start) {
      errors.push(`${locate(i, 'end')}: 終了日が開始日より前です / end is before start`)
      return
    }
    p.costs.forEach((cost, c) => {
      if (!isActiveInFy(p.start, p.end, cost.fy)) {
        errors.push(
          `${locateCost(i, c, 'fy')}: ${cost.fy}（${fiscalYearLabel(cost.fy)}）は配置の期間外です / fiscal year ${cost.fy} is outside the placement's period`,
        )
      }
      if (cost.item === 'training' && cost.inProgramme === undefined) {
        errors.push(
          `${locateCost(i, c, 'inProgramme')}: 研修費は育成プログラムに記載の研修か（true/false）を指定してください / inProgramme is required for training`,
        )
      }
    })
  })
}

function finish(
  placements: FundingPlacement[],
  requested: number[] | undefined,
  errors: string[],
  selections?: FundingSelections,
): EstimateParse {
  if (errors.length > 0) return { ok: false, errors }
  const years = requested ?? placements.flatMap((p) => p.costs.map((cost) => cost.fy))
  const fiscalYears = [...new Set(years)].sort((a, b) => a - b)
  if (fiscalYears.length === 0) {
    return {
      ok: false,
      errors: [
        'fiscalYears: 年度がありません（--fy 2025,2026 で指定するか、費用の行に年度を入れてください） / no fiscal year: give --fy or cost lines',
      ],
    }
  }
  return { ok: true, input: { fiscalYears, placements, ...(selections ? { selections } : {}) } }
}

/** JSON when the name ends in .json or the text starts with `{`; CSV otherwise. */
export function parseEstimateInput(
  text: string,
  { fileName, ...options }: EstimateOptions & { fileName?: string } = {},
): EstimateParse {
  const lower = fileName?.toLowerCase() ?? ''
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const json = lower.endsWith('.json') || (!lower.endsWith('.csv') && body.trimStart().startsWith('{'))
  return json ? parseEstimateJson(body, options) : parseEstimateCsv(body, options)
}
