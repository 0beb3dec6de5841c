// `npm run -s jobs:snapshot [-- --date 2026-12-01]`: writes the day's count of appointed accelerators (today in
// Japan unless a date is given) and prints it as JSON. Needs DATABASE_URL (a PostgreSQL server): the embedded
// database belongs to the running site, whose worker writes the row itself every day. Exit code 2 on bad input.
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { isIsoDate } from '../app/utils/dates'
import { createDatabase } from '../db/client'
import { takeAcceleratorSnapshot } from './accelerator-snapshot'

const USAGE = '使い方 / usage: npm run -s jobs:snapshot [-- --date YYYY-MM-DD]'
const INPUT_ERROR = 2

interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

export async function runAcceleratorSnapshot(
  argv: string[],
  io: Io,
  env: { DATABASE_URL?: string | undefined } = { DATABASE_URL: process.env.DATABASE_URL },
): Promise<number> {
  let date: string | undefined
  try {
    const args = parseArgs({ args: argv, options: { date: { type: 'string' } }, strict: true })
    date = args.values.date
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}\n`)
    return INPUT_ERROR
  }
  if (date !== undefined && !isIsoDate(date)) {
    io.stderr(`日付は YYYY-MM-DD で指定してください / give the date as YYYY-MM-DD: ${date}\n${USAGE}\n`)
    return INPUT_ERROR
  }
  if (!env.DATABASE_URL) {
    io.stderr(
      'DATABASE_URL が必要です。組み込みデータベース（PGlite）では、毎日の記録は npm start のワーカーが書き込みます。\n',
    )
    return INPUT_ERROR
  }
  const database = await createDatabase({ kind: 'postgres', url: env.DATABASE_URL, max: 1 })
  try {
    // A date alone is read as that day in Japan (noon, so no zone can move it to another day).
    const outcome = await takeAcceleratorSnapshot(database.db, date ? new Date(`${date}T12:00:00+09:00`) : new Date())
    io.stdout(`${JSON.stringify(outcome)}\n`)
    return 0
  } finally {
    await database.close()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runAcceleratorSnapshot(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  })
}
