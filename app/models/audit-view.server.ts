// The 監査ログ page and its CSV: admins browse the append-only audit log within their scope (ministry
// admins nationally, prefecture admins their own prefecture — in the WHERE clause), with personal data
// masked in everything they are shown or download.
import { isDeepStrictEqual } from 'node:util'
import type { AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
import type { DbExecutor } from '../../db/client'
import {
  type AuditScope,
  type AuditViewFilter,
  countAuditEntriesInScope,
  listAuditEntriesInScope,
} from '../../db/queries/audit-log'
import { listLocalGovernmentsByCodes, listPrefectures } from '../../db/queries/local-government'
import type { AuditLogEntry } from '../../db/schema'
import type { SessionUser } from '../utils/auth.server'
import { csvLine, CSV_BOM } from '../utils/csv'
import { formatTimestamp, tokyoDateStamp } from '../utils/dates'
import { ROLE_LABELS, type Role, userHasPermission } from '../utils/permissions'
import { maskActorLabel, maskValue } from './audit.server'

export const AUDIT_PAGE_SIZE = 50
export const AUDIT_MAX_PAGE = 500
/** A CSV holds at most this many rows (newest first); narrow the filters for older ones. */
export const AUDIT_CSV_MAX_ROWS = 50_000
const CSV_CHUNK_ROWS = 1_000

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: 'ユーザー',
  invitation: '招待',
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: '作成',
  invite: '招待',
  verify_email: 'メール確認',
  reset_password: 'パスワード再設定',
  change_password: 'パスワード変更',
  change_email: 'メールアドレス変更',
  deactivate: '停止',
  reactivate: '再開',
  revoke_session: 'セッション終了',
  logout_everywhere: '全端末ログアウト',
}

/** Japanese names of snapshot keys; unknown keys are shown as they are. */
const FIELD_LABELS: Record<string, string> = {
  email: 'メールアドレス',
  display_name: '氏名',
  name: '氏名',
  name_kana: '氏名（かな）',
  phone: '電話番号',
  address: '住所',
  birth_year: '生年',
  role: '役割',
  prefecture_code: '都道府県',
  municipality_code: '市区町村',
  email_verified: 'メール確認',
  deactivated: '停止中',
  // userSnapshot stores the account's updated_at under this name: it moves on every change, not only passwords.
  password_changed_at: '最終更新日時',
  status: '状態',
  title: '件名',
}

const FIELD_ORDER = Object.keys(FIELD_LABELS)

// ---------------------------------------------------------------------------------------------------
// Filters (the page's query string). Anything malformed is a 400 with a Japanese message on the field.

const CODE_PATTERN = /^[a-z_]{1,40}$/
const DATE_MESSAGE = '日付は「2025-04-01」の形式で入力してください'

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return (
    y >= 2000 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  )
}

const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE })
  .refine(isCalendarDate, { message: '存在しない日付です。正しい日付を入力してください' })

export const AuditFiltersSchema = z
  .object({
    entity: z.string().regex(CODE_PATTERN, { message: '対象の指定が正しくありません' }).optional(),
    action: z.string().regex(CODE_PATTERN, { message: '操作の指定が正しくありません' }).optional(),
    actor: z.string().max(100, { message: '操作者は100文字以内で入力してください' }).optional(),
    from: DateSchema.optional(),
    to: DateSchema.optional(),
    pref: z
      .string()
      .regex(/^(0[1-9]|[1-3][0-9]|4[0-7])$/, { message: '都道府県の指定が正しくありません' })
      .optional(),
    page: z.coerce
      .number({ message: 'ページ番号が正しくありません' })
      .int({ message: 'ページ番号が正しくありません' })
      .min(1, { message: 'ページ番号が正しくありません' })
      .max(AUDIT_MAX_PAGE, { message: 'ページ番号が大きすぎます。条件を絞り込んでください' })
      .default(1),
  })
  .superRefine((value, ctx) => {
    // YYYY-MM-DD strings compare in date order.
    if (value.from && value.to && value.from > value.to) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: '終了日は開始日と同じ日か、それより後の日付にしてください',
      })
    }
  })
export type AuditFilters = z.infer<typeof AuditFiltersSchema>

export function parseAuditFilters(searchParams: URLSearchParams) {
  // An empty form field means "no filter".
  const value = (key: string) => {
    const text = searchParams.get(key)?.trim()
    return text ? text : undefined
  }
  return AuditFiltersSchema.safeParse({
    entity: value('entity'),
    action: value('action'),
    actor: value('actor'),
    from: value('from'),
    to: value('to'),
    pref: value('pref'),
    page: value('page'),
  })
}

/** The first message per field, for showing next to the fields. */
export function auditFilterErrors(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {}
  for (const issue of error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message
  return fieldErrors
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Dates are days in Japan: `from` is 00:00 JST that day, `to` is inclusive (before 00:00 JST the next day). */
function toViewFilter(filters: AuditFilters): AuditViewFilter {
  const startOfTokyoDay = (ymd: string) => new Date(`${ymd}T00:00:00+09:00`)
  return {
    entity: filters.entity,
    action: filters.action,
    actor: filters.actor,
    from: filters.from ? startOfTokyoDay(filters.from) : undefined,
    to: filters.to ? new Date(startOfTokyoDay(filters.to).getTime() + DAY_MS) : undefined,
  }
}

// ---------------------------------------------------------------------------------------------------
// Scope

type Admin = Pick<SessionUser, 'role' | 'prefecture_code'>

/**
 * Ministry admins see everything and may narrow to one prefecture; a prefecture admin sees their own
 * prefecture only, whatever `pref` says (it can neither widen nor move the scope).
 */
function auditScopeFor(admin: Admin, pref: string | undefined): AuditScope {
  if (userHasPermission(admin, 'read:audit:any'))
    return pref ? { kind: 'prefecture', prefectureCode: pref } : { kind: 'national' }
  if (userHasPermission(admin, 'read:audit:own-prefecture') && admin.prefecture_code) {
    return { kind: 'prefecture', prefectureCode: admin.prefecture_code }
  }
  throw new Response('監査ログを表示する権限がありません。', { status: 403 })
}

export interface AuditPageOptions {
  national: boolean
  /** 「全国」 or the admin's prefecture. */
  scopeLabel: string
  /** For the prefecture select; empty for prefecture admins (they have no choice to make). */
  prefectures: { code: string; name: string }[]
  entities: { value: string; label: string }[]
  actions: { value: string; label: string }[]
}

/** What the filter form offers this admin. */
export async function auditPageOptions(context: AppLoadContext, admin: Admin): Promise<AuditPageOptions> {
  const scope = auditScopeFor(admin, undefined)
  const prefectures = (await listPrefectures(context.services.database.db)).map((p) => ({
    code: p.prefecture_code,
    name: p.name,
  }))
  const toOptions = (labels: Record<string, string>) =>
    Object.entries(labels).map(([value, label]) => ({ value, label }))
  return {
    national: scope.kind === 'national',
    scopeLabel:
      scope.kind === 'national'
        ? '全国'
        : (prefectures.find((p) => p.code === scope.prefectureCode)?.name ?? `都道府県コード ${scope.prefectureCode}`),
    prefectures: scope.kind === 'national' ? prefectures : [],
    entities: toOptions(AUDIT_ENTITY_LABELS),
    actions: toOptions(AUDIT_ACTION_LABELS),
  }
}

// ---------------------------------------------------------------------------------------------------
// Rows as shown (and exported): masked, labelled, in Japan time.

export interface AuditChange {
  key: string
  label: string
  /** null: the entry has no "before" (a creation) — or no "after". */
  before: string | null
  after: string | null
}

export interface AuditRowView {
  id: number
  occurredAt: string
  occurredAtIso: string
  actor: string
  actorRole: string
  action: string
  entity: string
  entityId: string
  prefecture: string
  municipality: string | null
  summary: string
  changes: AuditChange[]
  requestId: string | null
}

// Defence in depth: any e-mail address left in free text (a summary, an id, a nested value) is masked the
// way maskValue masks the email field.
const EMAIL_IN_TEXT = /([^\s<>@"'(),;:]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g
function maskEmailsInText(text: string): string {
  return text.replace(
    EMAIL_IN_TEXT,
    (_m, local: string, domain: string) => `${Array.from(local)[0] ?? ''}***@${domain}`,
  )
}

/** maskValue, also inside nested objects and arrays (maskSnapshot looks at the top level only). */
function deepMask(key: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => deepMask(key, item))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepMask(k, v)]))
  }
  const masked = maskValue(key, value)
  return typeof masked === 'string' ? maskEmailsInText(masked) : masked
}

interface Names {
  prefectures: Map<string, string>
  municipalities: Map<string, string>
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

function displayValue(key: string, raw: unknown, names: Names): string {
  const value = deepMask(key, raw)
  if (value === null || value === undefined || value === '') return '（なし）'
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ'
  if (typeof value === 'string') {
    if (key === 'role') return ROLE_LABELS[value as Role] ?? value
    if (key === 'prefecture_code') return names.prefectures.get(value) ?? value
    if (key === 'municipality_code') return names.municipalities.get(value) ?? value
    if (ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))) return formatTimestamp(new Date(value))
    return value
  }
  if (typeof value === 'number') return String(value)
  return JSON.stringify(value)
}

/** The keys whose value changed (compared unmasked, shown masked): before → after. */
function diffSnapshots(entry: AuditLogEntry, names: Names): AuditChange[] {
  const { before, after } = entry
  if (!before && !after) return []
  // jsonb does not keep key order: known keys in FIELD_LABELS order, then the rest alphabetically.
  const rank = (key: string) => (key in FIELD_LABELS ? FIELD_ORDER.indexOf(key) : FIELD_ORDER.length)
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  )
  const changes: AuditChange[] = []
  for (const key of keys) {
    if (before && after && isDeepStrictEqual(before[key], after[key])) continue
    changes.push({
      key,
      label: FIELD_LABELS[key] ?? key,
      before: before ? displayValue(key, before[key], names) : null,
      after: after ? displayValue(key, after[key], names) : null,
    })
  }
  return changes
}

export function formatChange(change: AuditChange): string {
  if (change.before === null) return `${change.label}: ${change.after}`
  if (change.after === null) return `${change.label}: ${change.before} →（削除）`
  return `${change.label}: ${change.before} → ${change.after}`
}

async function loadNames(db: DbExecutor, entries: AuditLogEntry[], prefectures: Map<string, string>): Promise<Names> {
  const codes = new Set<string>()
  for (const entry of entries) {
    if (entry.municipality_code) codes.add(entry.municipality_code)
    for (const snapshot of [entry.before, entry.after]) {
      const code = snapshot?.municipality_code
      if (typeof code === 'string') codes.add(code)
    }
  }
  const bodies = await listLocalGovernmentsByCodes(db, [...codes])
  return { prefectures, municipalities: new Map(bodies.map((b) => [b.code, b.name])) }
}

async function prefectureNames(db: DbExecutor): Promise<Map<string, string>> {
  return new Map((await listPrefectures(db)).map((p) => [p.prefecture_code, p.name]))
}

function toRowView(entry: AuditLogEntry, names: Names): AuditRowView {
  return {
    id: entry.id,
    occurredAt: formatTimestamp(entry.occurred_at),
    occurredAtIso: entry.occurred_at.toISOString(),
    actor: maskEmailsInText(maskActorLabel(entry.actor_label)),
    actorRole: entry.actor_role ? (ROLE_LABELS[entry.actor_role] ?? entry.actor_role) : '—',
    action: AUDIT_ACTION_LABELS[entry.action] ?? entry.action,
    entity: AUDIT_ENTITY_LABELS[entry.entity] ?? entry.entity,
    entityId: maskEmailsInText(entry.entity_id),
    prefecture: entry.prefecture_code
      ? (names.prefectures.get(entry.prefecture_code) ?? entry.prefecture_code)
      : '全国',
    municipality: entry.municipality_code
      ? (names.municipalities.get(entry.municipality_code) ?? entry.municipality_code)
      : null,
    summary: maskEmailsInText(entry.summary),
    changes: diffSnapshots(entry, names),
    requestId: entry.request_id,
  }
}

export interface AuditPage {
  rows: AuditRowView[]
  total: number
  page: number
  pageSize: number
  pageCount: number
}

/** One page of the log (newest first) within the admin's scope, masked for display. */
export async function listAuditForAdmin(
  context: AppLoadContext,
  admin: Admin,
  filters: AuditFilters,
): Promise<AuditPage> {
  const { db } = context.services.database
  const scope = auditScopeFor(admin, filters.pref)
  const filter = toViewFilter(filters)
  const total = await countAuditEntriesInScope(db, scope, filter)
  const entries = await listAuditEntriesInScope(db, scope, filter, {
    limit: AUDIT_PAGE_SIZE,
    offset: (filters.page - 1) * AUDIT_PAGE_SIZE,
  })
  const names = await loadNames(db, entries, await prefectureNames(db))
  return {
    rows: entries.map((entry) => toRowView(entry, names)),
    total,
    page: filters.page,
    pageSize: AUDIT_PAGE_SIZE,
    pageCount: Math.min(AUDIT_MAX_PAGE, Math.ceil(total / AUDIT_PAGE_SIZE)),
  }
}

export const AUDIT_CSV_HEADER = [
  '日時',
  '操作者',
  '役割',
  '操作',
  '対象',
  '対象ID',
  '都道府県',
  '市区町村',
  '内容',
  '変更内容',
  '変更前（JSON）',
  '変更後（JSON）',
  'リクエストID',
] as const

function csvRecord(entry: AuditLogEntry, names: Names): string[] {
  const row = toRowView(entry, names)
  const json = (snapshot: Record<string, unknown> | null) => (snapshot ? JSON.stringify(deepMask('', snapshot)) : '')
  return [
    row.occurredAt,
    row.actor,
    row.actorRole,
    row.action,
    row.entity,
    row.entityId,
    row.prefecture,
    row.municipality ?? '',
    row.summary,
    row.changes.map(formatChange).join('\n'),
    json(entry.before),
    json(entry.after),
    row.requestId ?? '',
  ]
}

export interface AuditCsv {
  csv: string
  rowCount: number
  /** More rows matched than AUDIT_CSV_MAX_ROWS; the CSV has the newest ones. */
  truncated: boolean
  filename: string
  asciiFilename: string
}

/**
 * Every matching row (up to AUDIT_CSV_MAX_ROWS, newest first) as CSV, with the page's scope and masking.
 * Read in chunks inside one REPEATABLE READ transaction, so rows logged meanwhile cannot shift the offsets
 * (no duplicates, no gaps).
 */
export async function auditCsvForAdmin(
  context: AppLoadContext,
  admin: Admin,
  filters: AuditFilters,
  now: Date = new Date(),
): Promise<AuditCsv> {
  const { db } = context.services.database
  const scope = auditScopeFor(admin, filters.pref)
  const filter = toViewFilter(filters)
  const prefectures = await prefectureNames(db)
  const { parts, rowCount, truncated } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      // PGlite has one connection: only trx may be used in here.
      const parts: string[] = [CSV_BOM, csvLine(AUDIT_CSV_HEADER)]
      let rowCount = 0
      while (rowCount < AUDIT_CSV_MAX_ROWS) {
        const limit = Math.min(CSV_CHUNK_ROWS, AUDIT_CSV_MAX_ROWS - rowCount)
        const entries = await listAuditEntriesInScope(trx, scope, filter, { limit, offset: rowCount })
        const names = await loadNames(trx, entries, prefectures)
        parts.push(entries.map((entry) => csvLine(csvRecord(entry, names))).join(''))
        rowCount += entries.length
        if (entries.length < limit) return { parts, rowCount, truncated: false }
      }
      const more = await listAuditEntriesInScope(trx, scope, filter, { limit: 1, offset: rowCount })
      return { parts, rowCount, truncated: more.length > 0 }
    })
  const day = tokyoDateStamp(now)
  return {
    csv: parts.join(''),
    rowCount,
    truncated,
    filename: `監査ログ_${day}.csv`,
    asciiFilename: `audit-log-${day}.csv`,
  }
}
