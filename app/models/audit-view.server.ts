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
  listAuditEntriesInScope,
  listAuditPageInScope,
} from '../../db/queries/audit-log'
import { listLocalGovernmentsByCodes, listPrefectures } from '../../db/queries/local-government'
import { resolveSkills } from '../../db/queries/skill-standard'
import type { AuditLogEntry } from '../../db/schema'
import type { SessionUser } from '../utils/auth.server'
import { csvLine, CSV_BOM } from '../utils/csv'
import { formatTimestamp, isIsoDate, tokyoDateStamp } from '../utils/dates'
import { PREFECTURE_CODE } from '../utils/field-schemas'
import { AUDIT_REORDERED_LABEL } from '../utils/labels'
import { ROLE_LABELS, userHasPermission } from '../utils/permissions'
import {
  type AuditNames,
  type AuditOption,
  auditActionLabel,
  auditEntityLabel,
  auditFilterOptions,
  compareFields,
  displayAuditValue,
  fieldLabel,
  municipalityCodesIn,
  skillIdsIn,
} from './audit-labels.server'
import { maskActorLabel, maskValue } from './audit.server'

export const AUDIT_PAGE_SIZE = 50
export const AUDIT_MAX_PAGE = 500
/** A CSV holds at most this many rows (newest first); narrow the filters for older ones. */
export const AUDIT_CSV_MAX_ROWS = 50_000
const CSV_CHUNK_ROWS = 1_000

// ---------------------------------------------------------------------------------------------------
// Filters (the page's query string). Anything malformed is a 400 with a Japanese message on the field.

// Entity and action codes: snake_case, a few kebab-case.
const CODE_PATTERN = /^[a-z][a-z_-]{0,39}$/
const DATE_MESSAGE = '日付は「2025-04-01」の形式で入力してください'

const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE })
  .refine(isIsoDate, { message: '存在しない日付です。正しい日付を入力してください' })

export const AuditFiltersSchema = z
  .object({
    entity: z.string().regex(CODE_PATTERN, { message: '対象の指定が正しくありません' }).optional(),
    action: z.string().regex(CODE_PATTERN, { message: '操作の指定が正しくありません' }).optional(),
    actor: z.string().max(100, { message: '操作者は100文字以内で入力してください' }).optional(),
    from: DateSchema.optional(),
    to: DateSchema.optional(),
    pref: z.string().regex(PREFECTURE_CODE, { message: '都道府県の指定が正しくありません' }).optional(),
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
  entities: AuditOption[]
  /** Every action code once; actionsByEntity narrows the list once an entity is chosen. */
  actions: AuditOption[]
  actionsByEntity: Record<string, AuditOption[]>
}

/** What the filter form offers this admin. */
export async function auditPageOptions(context: AppLoadContext, admin: Admin): Promise<AuditPageOptions> {
  const scope = auditScopeFor(admin, undefined)
  const prefectures = (await listPrefectures(context.services.database.db)).map((p) => ({
    code: p.prefecture_code,
    name: p.name,
  }))
  return {
    national: scope.kind === 'national',
    scopeLabel:
      scope.kind === 'national'
        ? '全国'
        : (prefectures.find((p) => p.code === scope.prefectureCode)?.name ?? `都道府県コード ${scope.prefectureCode}`),
    prefectures: scope.kind === 'national' ? prefectures : [],
    ...auditFilterOptions(),
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
  /** A list: what was added and removed, shown instead of before → after (both empty: only the order moved). */
  added?: string[]
  removed?: string[]
}

export interface AuditRowView {
  id: number
  occurredAt: string
  occurredAtIso: string
  /** The label as stored, masked: 「山田 太郎 <y***@pref.example.jp>」 or 「システム」. */
  actor: string
  /** The same, split for display: the name, and the masked address (null when the label has none). */
  actorName: string
  actorEmail: string | null
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
  // Most values hold no address: skip the pattern (it ran on every value of every row of the page).
  if (!text.includes('@')) return text
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

/** The keys whose value changed (compared unmasked, shown masked and labelled): before → after. */
function diffSnapshots(entry: AuditLogEntry, names: AuditNames): AuditChange[] {
  const { before, after } = entry
  if (!before && !after) return []
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort(compareFields)
  const show = (key: string, raw: unknown) => displayAuditValue(entry.entity, key, deepMask(key, raw), names)
  const changes: AuditChange[] = []
  for (const key of keys) {
    if (before && after && isDeepStrictEqual(before[key], after[key])) continue
    const change: AuditChange = {
      key,
      label: fieldLabel(key),
      before: before ? show(key, before[key]) : null,
      after: after ? show(key, after[key]) : null,
    }
    const list = before && after ? listDifference(before[key], after[key]) : null
    if (list) {
      change.added = list.added.map((item) => show(key, [item]))
      change.removed = list.removed.map((item) => show(key, [item]))
    }
    changes.push(change)
  }
  return changes
}

type Primitive = string | number | boolean
const isPrimitiveList = (value: unknown): value is Primitive[] =>
  Array.isArray(value) && value.every((item) => ['string', 'number', 'boolean'].includes(typeof item))

/** Items added to and removed from a list of plain values (both empty: only the order moved); null when either side is no such list. */
function listDifference(before: unknown, after: unknown): { added: Primitive[]; removed: Primitive[] } | null {
  if (!isPrimitiveList(before) || !isPrimitiveList(after)) return null
  return {
    added: after.filter((item) => !before.includes(item)),
    removed: before.filter((item) => !after.includes(item)),
  }
}

export function formatChange(change: AuditChange): string {
  if (change.added || change.removed) {
    const parts = [
      change.added?.length ? `追加 ${change.added.join('、')}` : '',
      change.removed?.length ? `削除 ${change.removed.join('、')}` : '',
    ].filter(Boolean)
    return `${change.label}: ${parts.length > 0 ? parts.join('／') : AUDIT_REORDERED_LABEL}`
  }
  if (change.before === null) return `${change.label}: ${change.after}`
  if (change.after === null) return `${change.label}: ${change.before} →（削除）`
  return `${change.label}: ${change.before} → ${change.after}`
}

async function loadNames(
  db: DbExecutor,
  entries: AuditLogEntry[],
  prefectures: Map<string, string>,
): Promise<AuditNames> {
  const codes = new Set<string>()
  const skillIds = new Set<string>()
  for (const entry of entries) {
    if (entry.municipality_code) codes.add(entry.municipality_code)
    for (const snapshot of [entry.before, entry.after]) {
      for (const code of municipalityCodesIn(snapshot)) codes.add(code)
      for (const id of skillIdsIn(snapshot)) skillIds.add(id)
    }
  }
  // One after the other: inside the CSV's transaction, db is a single connection.
  const bodies = await listLocalGovernmentsByCodes(db, [...codes])
  const skills = await resolveSkills(db, [...skillIds])
  return {
    prefectures,
    municipalities: new Map(bodies.map((b) => [b.code, b.name])),
    skills: new Map(skills.map((s) => [s.skill_id, s.name])),
  }
}

async function prefectureNames(db: DbExecutor): Promise<Map<string, string>> {
  return new Map((await listPrefectures(db)).map((p) => [p.prefecture_code, p.name]))
}

const ACTOR_WITH_EMAIL = /^(.*?)\s*<([^>]*)>$/

function toRowView(entry: AuditLogEntry, names: AuditNames): AuditRowView {
  const actor = maskEmailsInText(maskActorLabel(entry.actor_label))
  const split = ACTOR_WITH_EMAIL.exec(actor)
  return {
    id: entry.id,
    occurredAt: formatTimestamp(entry.occurred_at),
    occurredAtIso: entry.occurred_at.toISOString(),
    actor,
    actorName: split ? split[1]! : actor,
    actorEmail: split ? split[2]! : null,
    actorRole: entry.actor_role ? (ROLE_LABELS[entry.actor_role] ?? entry.actor_role) : '—',
    action: auditActionLabel(entry.entity, entry.action),
    entity: auditEntityLabel(entry.entity),
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
  /** More rows match than `total` says (the count stops there): shown as "N 件以上". */
  totalIsLowerBound: boolean
  page: number
  pageSize: number
  pageCount: number
}

/** Pages counted beyond the one shown: enough to page on, never the whole log. */
const AUDIT_PAGES_AHEAD = 10

/**
 * How far a page of the log counts matching rows: up to ten pages past the one shown (and never past the last
 * page one may open). The national log holds hundreds of thousands of rows; counting them all on every view
 * cost ~25 ms of the embedded database per request, for a figure nobody pages through. Past the cap the page
 * says 「N 件以上」 and offers the next pages.
 */
export function auditCountCap(page: number): number {
  return Math.min(AUDIT_MAX_PAGE, page + AUDIT_PAGES_AHEAD) * AUDIT_PAGE_SIZE
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
  const { entries, total, totalIsLowerBound } = await listAuditPageInScope(db, scope, filter, {
    limit: AUDIT_PAGE_SIZE,
    offset: (filters.page - 1) * AUDIT_PAGE_SIZE,
    countCap: auditCountCap(filters.page),
  })
  const names = await loadNames(db, entries, await prefectureNames(db))
  return {
    rows: entries.map((entry) => toRowView(entry, names)),
    total,
    totalIsLowerBound,
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

function csvRecord(entry: AuditLogEntry, names: AuditNames): string[] {
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
