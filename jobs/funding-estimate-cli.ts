// `npm run -s funding:estimate -- FILE [--fy 2025,2026]`: the funding estimate (地方財政措置の試算) of the
// placements in FILE (JSON, or CSV with one row per cost line; see app/funding/estimate-input.ts), printed
// as `{ "results": [...], "totals": [...] }` on stdout. Invalid input or an unreadable file: the messages on
// stderr, nothing on stdout, exit code 2.
import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { evaluateFunding } from '../app/funding/engine'
import { parseEstimateInput, parseFiscalYearOption } from '../app/funding/estimate-input'
import type { Kysely } from 'kysely'
import { type FundingRule, FundingRuleSchema, FundingRuleSetSchema } from '../app/funding/rules'
import { decodeCsvBytes, decodeUtf8 } from '../app/utils/csv'
import { createDatabase } from '../db/client'
import { listAllFundingRuleRows } from '../db/queries/funding'
import type { DB } from '../db/schema'
import { SEEDED_FUNDING_RULES } from '../seeds/funding-rules'

const USAGE = '使い方 / usage: npm run -s funding:estimate -- FILE [--fy 2025,2026]'
const INPUT_ERROR = 2

/**
 * The rules in force: with DATABASE_URL (a PostgreSQL server), every version ministry staff keep there; without
 * it, the seeded rules (the embedded database belongs to the running site, which a CLI must not open beside it).
 */
export async function loadRules(
  env: { DATABASE_URL?: string | undefined } = { DATABASE_URL: process.env.DATABASE_URL },
): Promise<FundingRule[]> {
  if (!env.DATABASE_URL) return SEEDED_FUNDING_RULES
  const database = await createDatabase({ kind: 'postgres', url: env.DATABASE_URL, max: 1 })
  try {
    return await loadRulesFrom(database.db)
  } finally {
    await database.close()
  }
}

/** Every stored version of every measure, as the site itself reads them. */
export async function loadRulesFrom(db: Kysely<DB>): Promise<FundingRule[]> {
  const rows = await listAllFundingRuleRows(db)
  return rows.map((row) => FundingRuleSchema.parse(row.rule))
}

interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

export async function runFundingEstimate(
  argv: string[],
  io: Io,
  rules: () => Promise<FundingRule[]> = () => loadRules(),
): Promise<number> {
  let args: ReturnType<typeof parse>
  try {
    args = parse(argv)
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}\n`)
    return INPUT_ERROR
  }
  const file = args.positionals[0]
  if (args.positionals.length !== 1 || file === undefined) {
    io.stderr(`ファイルを1つ指定してください / give one input file\n${USAGE}\n`)
    return INPUT_ERROR
  }
  let fiscalYears: number[] | undefined
  if (args.values.fy !== undefined) {
    const option = parseFiscalYearOption(args.values.fy)
    if (!option.ok) {
      io.stderr(`${option.error}\n`)
      return INPUT_ERROR
    }
    fiscalYears = option.fiscalYears
  }

  let bytes: Uint8Array
  try {
    bytes = await readFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    io.stderr(`${file}: ファイルを読めません / cannot read the file (${code})\n`)
    return INPUT_ERROR
  }
  const isJson = file.toLowerCase().endsWith('.json')
  let text: string
  if (isJson) {
    const decoded = decodeUtf8(bytes)
    if (decoded === null) {
      io.stderr(`${file}: UTF-8 のテキストではありません / the file is not UTF-8 text\n`)
      return INPUT_ERROR
    }
    text = decoded
  } else {
    const decoded = decodeCsvBytes(bytes)
    if ('error' in decoded) {
      io.stderr(`${file}: ${decoded.error}\n`)
      return INPUT_ERROR
    }
    if (decoded.notice) io.stderr(`${decoded.notice}\n`)
    text = decoded.text
  }

  const parsed = parseEstimateInput(text, { fileName: file, ...(fiscalYears ? { fiscalYears } : {}) })
  if (!parsed.ok) {
    io.stderr(`${parsed.errors.join('\n')}\n`)
    return INPUT_ERROR
  }
  // Rules from storage are checked like any input: an invalid rule is a fault of the system, not of the file.
  const ruleSet = FundingRuleSetSchema.parse(await rules())
  const evaluation = evaluateFunding({ rules: ruleSet, ...parsed.input })
  io.stdout(`${JSON.stringify(evaluation, null, 2)}\n`)
  return 0
}

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: { fy: { type: 'string' } }, allowPositionals: true, strict: true })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runFundingEstimate(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  })
}
