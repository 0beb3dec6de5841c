// The skill-standard file formats (docs/skill-standard-format.md), as pure functions: a version's content
// written as JSON (the content document with a small header) or as one CSV (UTF-8 with BOM, one row per area,
// skill, role, requirement and qualification) that ministry staff edit offline in Excel, and an uploaded file
// read back into a validated content document or the list of every problem in it, by row and column.
// The use cases (which version, who may import, the transaction) are in app/models/skill-standard-io.server.ts.
import { z } from 'zod'
import {
  AreaContentSchema,
  type CatalogueContent,
  CatalogueContentSchema,
  QualificationContentSchema,
  RequirementContentSchema,
  RoleContentSchema,
  SkillContentSchema,
} from '../../db/skill-standard-content'
import { SKILL_LEVEL_LABELS } from './labels'
import { CsvSyntaxError, decodeCsvBytes, decodeUtf8, parseCsv, restoreCsvText, toCsv, type CsvCell } from './csv'

export const EXPORT_FORMAT = 'dx500-skill-standard'
export const EXPORT_FORMAT_VERSION = 1
/** Upload limit of the import page (the seed version is ~40 KB as CSV). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024

// ---- export ------------------------------------------------------------------------------------------

export interface VersionMeta {
  versionNo: number
  title: string
  status: string
}

/** The four arrays only (readVersionContent also returns lock versions, which are not content). */
function contentOnly(content: CatalogueContent): CatalogueContent {
  return { areas: content.areas, skills: content.skills, roles: content.roles, qualifications: content.qualifications }
}

export function exportJson(content: CatalogueContent, meta: VersionMeta, now: Date = new Date()): string {
  const document = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    versionNo: meta.versionNo,
    title: meta.title,
    status: meta.status,
    exportedAt: now.toISOString(),
    content: contentOnly(content),
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

/** The CSV columns: machine key (accepted on import) and the Japanese header written on export. */
const COLUMNS = [
  { key: 'record_type', label: '種別' },
  { key: 'id', label: 'ID' },
  { key: 'area_id', label: '分野ID' },
  { key: 'role_id', label: '人材像ID' },
  { key: 'skill_id', label: 'スキルID' },
  { key: 'name', label: '名称' },
  { key: 'description', label: '説明' },
  { key: 'level_1', label: `レベル1（${SKILL_LEVEL_LABELS[1]}）` },
  { key: 'level_2', label: `レベル2（${SKILL_LEVEL_LABELS[2]}）` },
  { key: 'level_3', label: `レベル3（${SKILL_LEVEL_LABELS[3]}）` },
  { key: 'level_4', label: `レベル4（${SKILL_LEVEL_LABELS[4]}）` },
  { key: 'min_level', label: '必要レベル' },
  { key: 'essential', label: '必須・任意' },
  { key: 'synonyms', label: '検索語・同義語' },
  { key: 'duties', label: '役割（職務）' },
  { key: 'display_group', label: '表示グループ' },
  { key: 'internal', label: '内部人材' },
  { key: 'category', label: '区分' },
  { key: 'issuer', label: '実施・認定団体' },
  { key: 'ipa_skill', label: 'IPAスキル' },
  { key: 'ipa_role', label: 'IPA人材類型' },
  { key: 'itss_level', label: 'ITSSレベル' },
  { key: 'source', label: '出典' },
  { key: 'retired', label: '廃止' },
  { key: 'sort_order', label: '表示順' },
] as const
type ColumnKey = (typeof COLUMNS)[number]['key']
type Cells = Partial<Record<ColumnKey, CsvCell>>
const LABEL_OF = Object.fromEntries(COLUMNS.map((c) => [c.key, c.label])) as Record<ColumnKey, string>

const RECORD_TYPES = {
  area: '分野',
  skill: 'スキル',
  role: '人材像',
  requirement: '必要スキル',
  qualification: '資格',
} as const
type RecordType = keyof typeof RECORD_TYPES

/** Synonyms share one cell, separated by a full-width bar (line breaks are accepted on import too). */
const SYNONYM_SEPARATOR = '｜'
const ESSENTIAL = { true: '必須', false: '任意' } as const

function csvRow(cells: Cells): CsvCell[] {
  return COLUMNS.map((c) => cells[c.key] ?? null)
}

export function exportCsv(content: CatalogueContent): string {
  const rows: CsvCell[][] = [COLUMNS.map((c) => c.label)]
  const common = (item: { id: string; name: string; retired: boolean; sortOrder: number }) => ({
    id: item.id,
    name: item.name,
    retired: item.retired,
    sort_order: item.sortOrder,
  })
  for (const area of content.areas)
    rows.push(csvRow({ record_type: 'area', ...common(area), description: area.description }))
  for (const skill of content.skills) {
    rows.push(
      csvRow({
        record_type: 'skill',
        ...common(skill),
        area_id: skill.areaId,
        description: skill.description,
        level_1: skill.levels[0],
        level_2: skill.levels[1],
        level_3: skill.levels[2],
        level_4: skill.levels[3],
        synonyms: skill.synonyms.join(SYNONYM_SEPARATOR),
        source: skill.source,
        ipa_skill: skill.ipaSkill,
      }),
    )
  }
  for (const role of content.roles) {
    rows.push(
      csvRow({
        record_type: 'role',
        ...common(role),
        description: role.description,
        duties: role.duties,
        display_group: role.displayGroup,
        internal: role.internal,
        synonyms: role.synonyms.join(SYNONYM_SEPARATOR),
        source: role.source,
        ipa_role: role.ipaRole,
        itss_level: role.itssLevel,
      }),
    )
    for (const requirement of role.requirements) {
      rows.push(
        csvRow({
          record_type: 'requirement',
          role_id: role.id,
          skill_id: requirement.skillId,
          min_level: requirement.minLevel,
          essential: requirement.essential ? ESSENTIAL.true : ESSENTIAL.false,
        }),
      )
    }
  }
  for (const q of content.qualifications) {
    rows.push(
      csvRow({
        record_type: 'qualification',
        ...common(q),
        description: q.description,
        category: q.category,
        issuer: q.issuer,
        itss_level: q.itssLevel,
        synonyms: q.synonyms.join(SYNONYM_SEPARATOR),
      }),
    )
  }
  return toCsv(rows)
}

// ---- import ------------------------------------------------------------------------------------------

export interface ImportError {
  /** CSV: the spreadsheet row (the header is row 1). JSON: the line of a syntax error. */
  row?: number
  /** CSV: the column's Japanese header. JSON: the path in the document, e.g. content.skills[3].levels[0]. */
  field?: string
  message: string
}

export type ParseResult =
  | { status: 'ok'; format: 'json' | 'csv'; content: CatalogueContent; notices: string[] }
  | { status: 'invalid'; format: 'json' | 'csv' | null; errors: ImportError[]; notices: string[] }

type Path = ReadonlyArray<PropertyKey>
interface PathIssue {
  path: Path
  message: string
  /** For a reference to a missing item: the id it names. */
  missingId?: string
}

const TYPE_LABELS: Record<string, string> = {
  string: '文字列',
  number: '数値',
  int: '整数',
  boolean: 'true または false',
  array: '配列（[ ]）',
  object: 'オブジェクト（{ }）',
  tuple: '配列（[ ]）',
}
const japanese = z.locales.ja()

/** Japanese messages for issues the content schemas leave to zod (types, JSON only in practice). */
const issueMessage: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined || issue.input === null) return '値がありません'
    return `${TYPE_LABELS[issue.expected] ?? issue.expected}で指定してください`
  }
  return japanese.localeError(issue)
}

export type ContentKind = 'areas' | 'skills' | 'roles' | 'qualifications'
const KINDS: ContentKind[] = ['areas', 'skills', 'roles', 'qualifications']
const ITEM_SCHEMAS = {
  areas: AreaContentSchema,
  skills: SkillContentSchema,
  roles: RoleContentSchema,
  qualifications: QualificationContentSchema,
}
const KIND_LABEL: Record<ContentKind, string> = {
  areas: '分野',
  skills: 'スキル',
  roles: '人材像',
  qualifications: '資格',
}
type RawDocument = Record<ContentKind, unknown[]>

const idOf = (item: unknown): string | undefined => {
  const id = (item as { id?: unknown } | null)?.id
  return typeof id === 'string' && id !== '' ? id : undefined
}

/**
 * Every issue of a raw document: each item against its own schema (so one bad item does not hide the
 * others), then duplicates and cross-references checked on whatever ids are readable, with the content
 * schema's own messages. The content schema itself runs last, as the final word, when all else passed.
 */
function documentIssues(raw: RawDocument): PathIssue[] {
  const issues: PathIssue[] = []
  for (const kind of KINDS) {
    raw[kind].forEach((item, index) => {
      const result = ITEM_SCHEMAS[kind].safeParse(item, { error: issueMessage })
      if (!result.success)
        for (const issue of result.error.issues)
          issues.push({ path: [kind, index, ...issue.path], message: issue.message })
    })
  }
  const ids = {} as Record<ContentKind, Set<string>>
  for (const kind of KINDS) {
    ids[kind] = new Set()
    raw[kind].forEach((item, index) => {
      const id = idOf(item)
      if (id === undefined) return
      if (ids[kind].has(id))
        issues.push({ path: [kind, index, 'id'], message: `${KIND_LABEL[kind]}のID「${id}」が重複しています` })
      ids[kind].add(id)
    })
  }
  raw.skills.forEach((skill, index) => {
    const areaId = (skill as { areaId?: unknown } | null)?.areaId
    if (typeof areaId === 'string' && areaId !== '' && !ids.areas.has(areaId)) {
      issues.push({ path: ['skills', index, 'areaId'], message: `分野「${areaId}」がありません`, missingId: areaId })
    }
  })
  raw.roles.forEach((role, roleIndex) => {
    const requirements = (role as { requirements?: unknown } | null)?.requirements
    if (!Array.isArray(requirements)) return
    const required = new Set<string>()
    requirements.forEach((requirement: unknown, index) => {
      const skillId = (requirement as { skillId?: unknown } | null)?.skillId
      if (typeof skillId !== 'string' || skillId === '') return
      const path = ['roles', roleIndex, 'requirements', index, 'skillId']
      if (!ids.skills.has(skillId))
        issues.push({ path, message: `スキル「${skillId}」がありません`, missingId: skillId })
      if (required.has(skillId)) issues.push({ path, message: `スキル「${skillId}」が重複しています` })
      required.add(skillId)
    })
  })
  if (issues.length === 0) {
    const result = CatalogueContentSchema.safeParse(raw, { error: issueMessage })
    if (!result.success)
      for (const issue of result.error.issues) issues.push({ path: issue.path, message: issue.message })
  }
  return issues
}

function sniffFormat(bytes: Uint8Array, filename: string): 'json' | 'csv' | 'xlsx' {
  const lower = filename.toLowerCase()
  if (lower.endsWith('.json')) return 'json'
  if (lower.endsWith('.csv')) return 'csv'
  if (
    lower.endsWith('.xlsx') ||
    lower.endsWith('.xls') ||
    (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
  )
    return 'xlsx'
  const start = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart()
  return start.startsWith('{') ? 'json' : 'csv'
}

/** Reads an uploaded JSON or CSV file into a validated content document, or every problem found. */
export function parseImportFile(bytes: Uint8Array, filename: string): ParseResult {
  if (bytes.length === 0)
    return { status: 'invalid', format: null, errors: [{ message: 'ファイルが空です。' }], notices: [] }
  if (bytes.length > MAX_IMPORT_BYTES) {
    return {
      status: 'invalid',
      format: null,
      errors: [
        { message: `ファイルが大きすぎます。${MAX_IMPORT_BYTES / 1024 / 1024}MBまでのファイルにしてください。` },
      ],
      notices: [],
    }
  }
  const format = sniffFormat(bytes, filename)
  if (format === 'xlsx') {
    return {
      status: 'invalid',
      format: null,
      errors: [
        {
          message:
            'Excelブック（.xlsx/.xls）は読み込めません。Excelの「名前を付けて保存」で「CSV UTF-8（コンマ区切り）」を選んで保存したファイルを選んでください。',
        },
      ],
      notices: [],
    }
  }
  return format === 'json' ? parseJsonFile(bytes) : parseCsvFile(bytes)
}

// ---- JSON --------------------------------------------------------------------------------------------

const WRAPPER_KEYS = new Set(['format', 'formatVersion', 'versionNo', 'title', 'status', 'exportedAt', 'content'])
const CONTENT_KEYS = new Set<string>([...KINDS, 'locks'])

function jsonPath(prefix: string, path: Path): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    prefix,
  )
}

function lineAndColumn(text: string, position: number) {
  const before = text.slice(0, position)
  const line = before.split('\n').length
  return { line, column: position - before.lastIndexOf('\n') }
}

class JsonSyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`)
  }
}

/** The offset of the first JSON syntax error, or -1 (V8's messages do not always give a position). */
export function jsonErrorOffset(text: string): number {
  let i = 0
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y
  const fail = (): never => {
    throw new JsonSyntaxAt(i)
  }
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const string = () => {
    i++
    while (i < text.length) {
      const char = text[i]!
      if (char === '"') {
        i++
        return
      }
      if (char < ' ') fail()
      i += char === '\\' ? 2 : 1
    }
    fail()
  }
  const list = (close: string, member: () => void) => {
    i++
    space()
    if (text[i] === close) {
      i++
      return
    }
    for (;;) {
      member()
      space()
      if (text[i] === ',') i++
      else if (text[i] === close) {
        i++
        return
      } else fail()
    }
  }
  const value = (): void => {
    space()
    const char = text[i]
    if (char === '{') {
      list('}', () => {
        space()
        if (text[i] !== '"') fail()
        string()
        space()
        if (text[i] !== ':') fail()
        i++
        value()
      })
    } else if (char === '[') {
      list(']', value)
    } else if (char === '"') {
      string()
    } else {
      literal.lastIndex = i
      if (!literal.test(text)) fail()
      i = literal.lastIndex
    }
  }
  try {
    value()
    space()
    if (i < text.length) fail()
    return -1
  } catch (error) {
    if (error instanceof JsonSyntaxAt) return error.offset
    throw error
  }
}

function parseJsonFile(bytes: Uint8Array): ParseResult {
  const invalid = (errors: ImportError[]): ParseResult => ({ status: 'invalid', format: 'json', errors, notices: [] })
  const text = decodeUtf8(bytes)
  if (text === null)
    return invalid([{ message: 'JSONファイルはUTF-8で保存してください（文字コードがUTF-8ではありません）。' }])
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    const offset = jsonErrorOffset(text)
    if (offset < 0 || offset >= text.trimEnd().length)
      return invalid([
        {
          message:
            'JSONの書式が正しくありません（ファイルが途中で終わっています。括弧や引用符の閉じ忘れを確認してください）。',
        },
      ])
    const { line, column } = lineAndColumn(text, offset)
    return invalid([
      {
        row: line,
        message: `JSONの書式が正しくありません（${line}行目${column}文字目付近）。カンマ・引用符・括弧の対応を確認してください。`,
      },
    ])
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return invalid([
      { message: 'スキル標準のJSONではありません（全体が { } で囲まれたオブジェクトである必要があります）。' },
    ])
  }
  const top = parsed as Record<string, unknown>
  let prefix = ''
  let body: unknown = top
  const errors: ImportError[] = []
  if ('format' in top || 'content' in top) {
    if (top.format !== EXPORT_FORMAT)
      errors.push({ field: 'format', message: `形式が違います（format は「${EXPORT_FORMAT}」である必要があります）。` })
    if (top.formatVersion !== EXPORT_FORMAT_VERSION)
      errors.push({
        field: 'formatVersion',
        message: `この形式の版（formatVersion: ${JSON.stringify(top.formatVersion) ?? 'なし'}）には対応していません。${EXPORT_FORMAT_VERSION} の形式で書き出したファイルを使ってください。`,
      })
    for (const key of Object.keys(top))
      if (!WRAPPER_KEYS.has(key)) errors.push({ field: key, message: `不明な項目「${key}」です` })
    prefix = 'content'
    body = top.content
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid([
      ...errors,
      { field: prefix || undefined, message: '内容（areas, skills, roles, qualifications）がありません。' },
    ])
  }
  const content = body as Record<string, unknown>
  for (const key of Object.keys(content))
    if (!CONTENT_KEYS.has(key)) errors.push({ field: jsonPath(prefix, [key]), message: `不明な項目「${key}」です` })
  const raw = {} as RawDocument
  for (const kind of KINDS) {
    const list = content[kind]
    if (!Array.isArray(list)) {
      errors.push({
        field: jsonPath(prefix, [kind]),
        message: list === undefined ? '項目がありません（空でも [] が必要です）' : '配列（[ ]）で指定してください',
      })
      raw[kind] = []
      continue
    }
    raw[kind] = list
    // Unknown keys would be dropped silently by the schemas: a misspelt field must not lose its value.
    const known = new Set(Object.keys(ITEM_SCHEMAS[kind].shape))
    list.forEach((item: unknown, index) => {
      if (typeof item !== 'object' || item === null) return
      for (const key of Object.keys(item))
        if (!known.has(key))
          errors.push({ field: jsonPath(prefix, [kind, index, key]), message: `不明な項目「${key}」です` })
      const requirements = kind === 'roles' ? (item as { requirements?: unknown }).requirements : undefined
      if (!Array.isArray(requirements)) return
      const requirementKeys = new Set(Object.keys(RequirementContentSchema.shape))
      requirements.forEach((requirement: unknown, j) => {
        if (typeof requirement !== 'object' || requirement === null) return
        for (const key of Object.keys(requirement)) {
          if (!requirementKeys.has(key))
            errors.push({
              field: jsonPath(prefix, [kind, index, 'requirements', j, key]),
              message: `不明な項目「${key}」です`,
            })
        }
      })
    })
  }
  for (const issue of documentIssues(raw)) errors.push({ field: jsonPath(prefix, issue.path), message: issue.message })
  if (errors.length > 0) return invalid(errors)
  return { status: 'ok', format: 'json', content: CatalogueContentSchema.parse(raw), notices: [] }
}

// ---- CSV ---------------------------------------------------------------------------------------------

/** Header text → column: the Japanese label or the machine key, ignoring width, case and spaces. */
const normalizeHeader = (text: string) => text.normalize('NFKC').replace(/\s/g, '').toLowerCase()
const COLUMN_BY_HEADER = new Map<string, ColumnKey>(
  COLUMNS.flatMap((c) => [[normalizeHeader(c.label), c.key] as const, [normalizeHeader(c.key), c.key] as const]),
)
const RECORD_TYPE_BY_TEXT = new Map<string, RecordType>(
  (Object.entries(RECORD_TYPES) as Array<[RecordType, string]>).flatMap(([type, label]) => [
    [type, type] as const,
    [normalizeHeader(label), type] as const,
  ]),
)
const TRUE_WORDS = new Set(['true', '1', 'はい', 'yes', '○', '〇'])
const FALSE_WORDS = new Set(['false', '0', 'いいえ', 'no', ''])

/** Where each item of the assembled document came from, to turn schema paths back into rows. */
interface RowMap {
  areas: number[]
  skills: number[]
  roles: number[]
  qualifications: number[]
  requirements: number[][]
}

/** Schema field → CSV column. */
const COLUMN_OF_FIELD: Record<string, ColumnKey> = {
  id: 'id',
  areaId: 'area_id',
  name: 'name',
  description: 'description',
  synonyms: 'synonyms',
  source: 'source',
  ipaSkill: 'ipa_skill',
  ipaRole: 'ipa_role',
  itssLevel: 'itss_level',
  displayGroup: 'display_group',
  duties: 'duties',
  internal: 'internal',
  category: 'category',
  issuer: 'issuer',
  retired: 'retired',
  sortOrder: 'sort_order',
  skillId: 'skill_id',
  minLevel: 'min_level',
  essential: 'essential',
}

function locate(path: Path, rows: RowMap): { row?: number; column?: ColumnKey } {
  const [kind, index, ...rest] = path
  if (typeof kind !== 'string' || typeof index !== 'number' || !(kind in rows)) return {}
  if (kind === 'roles' && rest[0] === 'requirements' && typeof rest[1] === 'number') {
    return { row: rows.requirements[index]?.[rest[1]], column: COLUMN_OF_FIELD[String(rest[2])] }
  }
  const row = rows[kind as ContentKind][index]
  if (rest[0] === 'levels')
    return { row, column: typeof rest[1] === 'number' ? (`level_${rest[1] + 1}` as ColumnKey) : 'level_1' }
  return { row, column: rest[0] === undefined ? undefined : COLUMN_OF_FIELD[String(rest[0])] }
}

function parseCsvFile(bytes: Uint8Array): ParseResult {
  const decoded = decodeCsvBytes(bytes)
  if ('error' in decoded) return { status: 'invalid', format: 'csv', errors: [{ message: decoded.error }], notices: [] }
  const notices = decoded.notice ? [decoded.notice] : []
  const invalid = (errors: ImportError[]): ParseResult => ({ status: 'invalid', format: 'csv', errors, notices })

  let records: string[][]
  try {
    records = parseCsv(decoded.text)
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return invalid([{ row: error.record, message: error.message.replace(/^\d+行目: /, '') }])
    throw error
  }
  const header = records[0]
  if (!header) return invalid([{ message: 'ファイルに行がありません。' }])

  // The header row: every column named, known and once.
  const errors: ImportError[] = []
  const columns: Array<ColumnKey | null> = header.map((text) => COLUMN_BY_HEADER.get(normalizeHeader(text)) ?? null)
  if (!columns.includes('record_type')) {
    return invalid([
      {
        row: 1,
        message:
          '1行目が見出し行ではありません（「種別」または「record_type」の列が必要です）。このページで書き出したCSVの1行目（見出し）を残したまま編集してください。',
      },
    ])
  }
  if (!columns.includes('id')) errors.push({ row: 1, message: '見出し行に「ID」（id）の列がありません。' })
  header.forEach((text, index) => {
    const column = columns[index] ?? null
    if (column === null) {
      if (text.trim() !== '')
        errors.push({
          row: 1,
          field: text,
          message: `不明な列「${text}」です。書き出したCSVの見出しを使ってください。`,
        })
    } else if (columns.indexOf(column) !== index) {
      errors.push({ row: 1, field: text, message: `列「${LABEL_OF[column]}」が重複しています。` })
    }
  })
  if (errors.length > 0) return invalid(errors)

  // Values the conversion already rejected: the schema's own complaint about the same cell is not repeated.
  const reported = new Set<string>()
  const fail = (row: number, column: ColumnKey | undefined, message: string) => {
    if (column) reported.add(`${row}:${column}`)
    errors.push({ row, field: column ? LABEL_OF[column] : undefined, message })
  }

  const raw: RawDocument = { areas: [], skills: [], roles: [], qualifications: [] }
  const rows: RowMap = { areas: [], skills: [], roles: [], qualifications: [], requirements: [] }
  const pendingRequirements: Array<{ row: number; roleId: string; requirement: Record<string, unknown> }> = []
  // Ids on rows whose record type was not understood: a reference to one of them gets a hint to that row.
  const untypedIds = new Map<string, number>()
  const hint = (id: string) => (untypedIds.has(id) ? `（${untypedIds.get(id)}行目の種別を確認してください）` : '')

  records.slice(1).forEach((record, offset) => {
    const row = offset + 2
    if (record.every((cell) => cell.trim() === '')) return // blank lines (Excel keeps them as ",,,,")
    const cells = {} as Record<ColumnKey, string>
    record.forEach((cell, index) => {
      const column = columns[index]
      if (column) cells[column] = restoreCsvText(cell)
      else if (cell.trim() !== '') fail(row, undefined, `${index + 1}列目は見出しがないのに値があります。`)
    })
    const text = (column: ColumnKey) => cells[column] ?? ''
    const orNull = (column: ColumnKey) => (text(column).trim() === '' ? null : text(column))
    const orUndefined = (column: ColumnKey) => (text(column).trim() === '' ? undefined : text(column).trim())
    const integer = (column: ColumnKey, empty: number | null | undefined) => {
      const value = text(column).normalize('NFKC').trim()
      if (value === '') return empty
      if (!/^[+-]?\d+$/.test(value)) {
        fail(row, column, `${LABEL_OF[column]}は整数で入力してください（「${value}」）`)
        return undefined
      }
      return Number(value)
    }
    const flag = (column: ColumnKey) => {
      const value = text(column).normalize('NFKC').trim().toLowerCase()
      if (TRUE_WORDS.has(value)) return true
      if (FALSE_WORDS.has(value)) return false
      fail(row, column, `${LABEL_OF[column]}は true か false（空欄は false）で入力してください（「${text(column)}」）`)
      return undefined
    }
    const synonyms = (column: ColumnKey) =>
      text(column)
        .split(new RegExp(`[${SYNONYM_SEPARATOR}\\r\\n]+`))
        .map((s) => s.trim())
        .filter(Boolean)
    const common = () => ({
      id: orUndefined('id'),
      name: text('name'),
      description: text('description'),
      retired: flag('retired'),
      sortOrder: integer('sort_order', 0),
    })

    const typeText = text('record_type')
    const type = RECORD_TYPE_BY_TEXT.get(normalizeHeader(typeText))
    switch (type) {
      case 'area':
        raw.areas.push(common())
        rows.areas.push(row)
        break
      case 'skill':
        raw.skills.push({
          ...common(),
          areaId: orUndefined('area_id'),
          levels: [text('level_1'), text('level_2'), text('level_3'), text('level_4')],
          synonyms: synonyms('synonyms'),
          source: text('source'),
          ipaSkill: orNull('ipa_skill'),
        })
        rows.skills.push(row)
        break
      case 'role':
        raw.roles.push({
          ...common(),
          displayGroup: orNull('display_group'),
          duties: text('duties'),
          source: text('source'),
          internal: flag('internal'),
          synonyms: synonyms('synonyms'),
          ipaRole: orNull('ipa_role'),
          itssLevel: integer('itss_level', null),
          requirements: [],
        })
        rows.roles.push(row)
        break
      case 'qualification':
        raw.qualifications.push({
          ...common(),
          category: text('category'),
          issuer: text('issuer'),
          itssLevel: integer('itss_level', null),
          synonyms: synonyms('synonyms'),
        })
        rows.qualifications.push(row)
        break
      case 'requirement': {
        const essentialText = text('essential').normalize('NFKC').trim().toLowerCase()
        const essential =
          essentialText === ESSENTIAL.true || TRUE_WORDS.has(essentialText)
            ? true
            : essentialText === ESSENTIAL.false || (essentialText !== '' && FALSE_WORDS.has(essentialText))
              ? false
              : undefined
        if (essential === undefined)
          fail(
            row,
            'essential',
            `${LABEL_OF.essential}は「必須」か「任意」（または true / false）で入力してください${essentialText ? `（「${text('essential')}」）` : ''}`,
          )
        const minLevel = integer('min_level', undefined)
        if (minLevel === undefined && !reported.has(`${row}:min_level`))
          fail(row, 'min_level', '必要レベル（1〜4）を入力してください')
        const roleId = text('role_id').trim()
        if (roleId === '') fail(row, 'role_id', '人材像IDを入力してください')
        pendingRequirements.push({
          row,
          roleId,
          requirement: { skillId: orUndefined('skill_id'), minLevel, essential },
        })
        break
      }
      default:
        if (text('id').trim() !== '') untypedIds.set(text('id').trim(), row)
        fail(
          row,
          'record_type',
          typeText.trim() === ''
            ? '種別を入力してください（area / skill / role / requirement / qualification）'
            : `種別「${typeText}」は使えません（area / skill / role / requirement / qualification、または 分野 / スキル / 人材像 / 必要スキル / 資格）`,
        )
    }
  })

  // Requirement rows join their role wherever they stand in the file.
  for (const { row, roleId, requirement } of pendingRequirements) {
    if (roleId === '') continue
    const roleIndex = raw.roles.findIndex((role) => idOf(role) === roleId)
    if (roleIndex === -1) {
      fail(row, 'role_id', `人材像「${roleId}」がありません${hint(roleId)}`)
      continue
    }
    const list = (raw.roles[roleIndex] as { requirements: unknown[] }).requirements
    list.push(requirement)
    ;(rows.requirements[roleIndex] ??= []).push(row)
  }

  for (const issue of documentIssues(raw)) {
    const { row, column } = locate(issue.path, rows)
    if (row !== undefined && column !== undefined && reported.has(`${row}:${column}`)) continue
    errors.push({
      row,
      field: column ? LABEL_OF[column] : undefined,
      message: issue.message + (issue.missingId ? hint(issue.missingId) : ''),
    })
  }
  if (errors.length > 0) {
    // Row order, each row's problems in column order; identical lines once.
    const order = (field?: string) => COLUMNS.findIndex((c) => c.label === field)
    const seen = new Set<string>()
    const sorted = errors
      .map((error, index) => ({ error, index }))
      .sort(
        (a, b) =>
          (a.error.row ?? 0) - (b.error.row ?? 0) || order(a.error.field) - order(b.error.field) || a.index - b.index,
      )
      .map(({ error }) => error)
      .filter((error) => {
        const key = `${error.row}|${error.field}|${error.message}`
        if (seen.has(key)) return false
        seen.add(key)
        return true
      })
    return invalid(sorted)
  }
  return { status: 'ok', format: 'csv', content: CatalogueContentSchema.parse(raw), notices }
}
