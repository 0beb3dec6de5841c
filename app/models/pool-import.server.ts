// Importing an existing pool from CSV (e.g. a prefecture's spreadsheet): every row is checked, every problem
// reported with its row number, and nothing is written unless all rows are valid (all or nothing).
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import { mapPartnerCompaniesByCorporateNumber } from '../../db/queries/partner-companies'
import { findPossibleDuplicates, insertPoolEvent, insertPoolMember } from '../../db/queries/pools'
import type { PoolSource } from '../../db/schema'
import type { SessionUser } from '../utils/auth.server'
import { CsvSyntaxError, decodeCsvBytes, parseCsv, restoreCsvText } from '../utils/csv'
import { DIRECT_POOL_SOURCES, POOL_SOURCE_CSV_LABELS } from '../utils/labels'
import { managedPoolCode, prefectureColumn, profileViewerOf } from './pool-scope.server'
import { actorFrom, recordAudit } from './audit.server'

export const POOL_IMPORT_COLUMNS = [
  '氏名',
  'ふりがな',
  'メールアドレス',
  '生年',
  '経路',
  '推薦企業の法人番号',
  'メモ',
] as const
export const POOL_IMPORT_MAX_ROWS = 2000

/** 経路 as typed in the file: the words the pool CSV export writes (an export can be imported again). */
const SOURCES = new Map<string, PoolSource>(
  DIRECT_POOL_SOURCES.map((source) => [POOL_SOURCE_CSV_LABELS[source], source]),
)

export interface PoolImportError {
  row?: number
  field?: string
  message: string
}

type PoolImportResult =
  | { status: 'ok'; count: number; notices: string[] }
  | { status: 'invalid'; errors: PoolImportError[]; notices: string[] }

interface Row {
  row: number
  name: string
  nameKana: string
  email: string | null
  birthYear: number | null
  source: PoolSource
  partnerCompanyId: string | null
  note: string
}

export async function importPool(
  context: AppLoadContext,
  user: SessionUser,
  bytes: Uint8Array,
): Promise<PoolImportResult> {
  const { db } = context.services.database
  // A prefecture's pool, or the national list for ministry staff.
  const prefectureCode = managedPoolCode(user)
  if (!prefectureCode) throw new Response('人材プールを担当する職員だけが取り込めます。', { status: 403 })

  const decoded = decodeCsvBytes(bytes)
  if ('error' in decoded) return { status: 'invalid', errors: [{ message: decoded.error }], notices: [] }
  const notices = decoded.notice ? [decoded.notice] : []
  let table: string[][]
  try {
    table = parseCsv(decoded.text)
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { status: 'invalid', errors: [{ message: `CSVの形式が正しくありません: ${error.message}` }], notices }
    throw error
  }
  const [header = [], ...body] = table.filter((cells) => cells.some((cell) => cell.trim() !== ''))
  const columns = header.map((cell) => cell.trim())
  const missing = POOL_IMPORT_COLUMNS.filter((name) => name === '氏名' || name === '経路').filter(
    (name) => !columns.includes(name),
  )
  if (missing.length > 0) {
    return {
      status: 'invalid',
      errors: [
        { row: 1, message: `見出し行に「${missing.join('」「')}」の列がありません（1行目は見出しにしてください）` },
      ],
      notices,
    }
  }
  if (body.length === 0) return { status: 'invalid', errors: [{ message: '取り込む行がありません。' }], notices }
  if (body.length > POOL_IMPORT_MAX_ROWS)
    return {
      status: 'invalid',
      errors: [{ message: `一度に取り込めるのは${POOL_IMPORT_MAX_ROWS}行までです。` }],
      notices,
    }

  const companies = await mapPartnerCompaniesByCorporateNumber(db)
  const errors: PoolImportError[] = []
  const rows: Row[] = []
  const seenEmails = new Map<string, number>()
  const seenNameYears = new Map<string, number>()
  for (const [index, cells] of body.entries()) {
    const rowNumber = index + 2
    const cell = (name: (typeof POOL_IMPORT_COLUMNS)[number]) => {
      const at = columns.indexOf(name)
      return at === -1 ? '' : restoreCsvText((cells[at] ?? '').trim())
    }
    const problem = (field: string, message: string) => errors.push({ row: rowNumber, field, message })
    const name = cell('氏名')
    const nameKana = cell('ふりがな')
    const email = cell('メールアドレス') || null
    const birthYearText = cell('生年').normalize('NFKC')
    const sourceLabel = cell('経路')
    const corporateNumber = cell('推薦企業の法人番号').normalize('NFKC').replace(/[-\s]/g, '')
    if (!name) problem('氏名', '氏名が空です')
    if (name.length > 100) problem('氏名', '氏名は100文字以内にしてください')
    if (nameKana && !/^[\p{Script=Hiragana}ー\s　]+$/u.test(nameKana))
      problem('ふりがな', 'ふりがなはひらがなで入力してください')
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      problem('メールアドレス', `メールアドレスの形式が正しくありません（${email}）`)
    const birthYear = birthYearText ? Number(birthYearText) : null
    if (birthYear !== null && !(Number.isInteger(birthYear) && birthYear >= 1930 && birthYear <= 2015))
      problem('生年', '生年は1930〜2015の西暦で入力してください')
    const source = SOURCES.get(sourceLabel)
    if (!source) problem('経路', `経路は「${[...SOURCES.keys()].join('」「')}」のいずれかにしてください`)
    const partnerCompanyId = corporateNumber ? (companies.get(corporateNumber) ?? null) : null
    if (corporateNumber && !partnerCompanyId)
      problem('推薦企業の法人番号', `法人番号 ${corporateNumber} のパートナー企業は登録されていません`)
    if (source === 'company_recommendation' && !corporateNumber)
      problem('推薦企業の法人番号', '企業推薦の行には推薦企業の法人番号が必要です')

    // Duplicates inside the file …
    if (email) {
      const earlier = seenEmails.get(email.toLowerCase())
      if (earlier) problem('メールアドレス', `${earlier}行目と同じメールアドレスです（同じ人の可能性があります）`)
      seenEmails.set(email.toLowerCase(), rowNumber)
    }
    if (name && birthYear !== null) {
      const key = `${name.replace(/[\s　]/g, '')}|${birthYear}`
      const earlier = seenNameYears.get(key)
      if (earlier) problem('氏名', `${earlier}行目と氏名・生年が同じです（同じ人の可能性があります）`)
      seenNameYears.set(key, rowNumber)
    }
    // … and against the pool as it is.
    if (name) {
      const matches = await findPossibleDuplicates(db, prefectureCode, profileViewerOf(user), {
        name,
        email,
        birthYear,
      })
      if (matches.length > 0)
        problem(
          '氏名',
          `すでにプールにいる「${matches[0]!.display_name ?? ''}」と同じ人の可能性があります（メールアドレス、または氏名と生年が一致）`,
        )
    }
    if (source)
      rows.push({
        row: rowNumber,
        name,
        nameKana,
        email,
        birthYear,
        source,
        partnerCompanyId,
        note: cell('メモ').slice(0, 2000),
      })
  }
  if (errors.length > 0) return { status: 'invalid', errors, notices }

  await db.transaction().execute(async (trx) => {
    for (const row of rows) {
      const memberId = crypto.randomUUID()
      await insertPoolMember(trx, {
        id: memberId,
        prefecture_code: prefectureCode,
        status: 'applied',
        source: row.source,
        person_name: row.name,
        person_name_kana: row.nameKana || null,
        person_email: row.email,
        person_birth_year: row.birthYear,
        partner_company_id: row.partnerCompanyId,
        notes: row.note,
      })
      await insertPoolEvent(trx, {
        poolMemberId: memberId,
        from: null,
        to: 'applied',
        actorUserId: user.id,
        actorLabel: user.display_name,
        note: `CSV取り込み（${row.row}行目）`,
      })
      await recordAudit(trx, actorFrom(context, user), {
        action: 'create',
        entity: 'pool_member',
        entityId: memberId,
        summary: `人材プールにCSVから登録しました（${row.row}行目）`,
        prefectureCode: prefectureColumn(prefectureCode),
        after: { name: row.name, email: row.email, source: row.source },
      })
    }
  })
  return { status: 'ok', count: rows.length, notices }
}
