// Table types for Kysely, written by hand (one source of truth; no codegen).
// Migrations are frozen and do not import this file; keep the two in step when a migration lands.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/** 団体区分: the kinds of local government we keep. Wards of designated cities are not bodies here. */
export const LOCAL_GOVERNMENT_KINDS = [
  'prefecture', // 都道府県
  'designated_city', // 指定都市
  'city', // 市
  'special_ward', // 特別区
  'town', // 町
  'village', // 村
] as const
export type LocalGovernmentKind = (typeof LOCAL_GOVERNMENT_KINDS)[number]

/** 団体区分の表示名 (what officials read on every page and in search documents). */
export const LOCAL_GOVERNMENT_KIND_LABELS = {
  prefecture: '都道府県',
  designated_city: '指定都市',
  city: '市',
  special_ward: '特別区',
  town: '町',
  village: '村',
} as const satisfies Record<LocalGovernmentKind, string>

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface LocalGovernmentTable {
  /** 全国地方公共団体コード: 6 digits, the last a check digit (JIS X 0401/0402). */
  code: string
  /** e.g. 横浜市 */
  name: string
  /** 読み in hiragana, e.g. よこはまし */
  name_kana: string
  kind: LocalGovernmentKind
  /** JIS X 0401 prefecture code, 2 digits ("01" … "47"). */
  prefecture_code: string
  /** false for the six 北方領土 villages: kept resolvable, never offered in pickers. */
  active: boolean
  updated_at: Timestamp
}

/** Transactional outbox feeding Meilisearch (ADR 002). One row per (entity, entity_id); re-upserted on every write. */
export interface SearchOutboxTable {
  id: Generated<number>
  entity: string
  entity_id: string
  enqueued_at: Timestamp
  /** Bumped on every re-enqueue; a worker confirms only the generation it claimed. */
  generation: ColumnType<number, number | undefined, number>
  attempts: ColumnType<number, number | undefined, number>
  last_error: string | null
  next_attempt_at: Timestamp
  /** Lease: a claimed row is not handed out again before this time (a crashed worker's rows come back). */
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface DB {
  local_government: LocalGovernmentTable
  search_outbox: SearchOutboxTable
}

export type LocalGovernment = Selectable<LocalGovernmentTable>
export type NewLocalGovernment = Insertable<LocalGovernmentTable>
export type LocalGovernmentUpdate = Updateable<LocalGovernmentTable>
export type SearchOutboxRow = Selectable<SearchOutboxTable>
