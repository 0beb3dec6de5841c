import type { DbExecutor } from '../client'
import type { LocalGovernment } from '../schema'

const columns = ['code', 'name', 'name_kana', 'kind', 'prefecture_code', 'active', 'updated_at'] as const

export async function findLocalGovernment(db: DbExecutor, code: string): Promise<LocalGovernment | undefined> {
  return db.selectFrom('local_government').select(columns).where('code', '=', code).executeTakeFirst()
}

export async function findPrefecture(db: DbExecutor, prefectureCode: string): Promise<LocalGovernment | undefined> {
  return db
    .selectFrom('local_government')
    .select(columns)
    .where('prefecture_code', '=', prefectureCode)
    .where('kind', '=', 'prefecture')
    .executeTakeFirst()
}

/** Rows for the given codes, in the order of `codes` (search results keep Meilisearch's ranking). */
export async function listLocalGovernmentsByCodes(
  db: DbExecutor,
  codes: readonly string[],
): Promise<LocalGovernment[]> {
  if (codes.length === 0) return []
  const rows = await db.selectFrom('local_government').select(columns).where('code', 'in', codes).execute()
  const byCode = new Map(rows.map((row) => [row.code, row]))
  return codes.flatMap((code) => byCode.get(code) ?? [])
}

// The 47 prefectures are master data that a running site never changes (seeds/local-governments.ts writes
// them at start-up, and a prefecture is renamed by law, not by a user), yet nearly every signed-in page lists
// them. They are read once per database handle and kept for PREFECTURES_TTL_MS, so a change made outside the
// running site (a re-seed) shows within minutes; reads inside a transaction always go to the database.
const PREFECTURES_TTL_MS = 10 * 60_000
const prefecturesCache = new WeakMap<object, { at: number; rows: Promise<readonly LocalGovernment[]> }>()

export async function listPrefectures(db: DbExecutor): Promise<LocalGovernment[]> {
  if (db.isTransaction) return selectPrefectures(db)
  let cached = prefecturesCache.get(db)
  if (!cached || Date.now() - cached.at > PREFECTURES_TTL_MS) {
    const rows = selectPrefectures(db).then((list) => list.map((row) => Object.freeze(row)))
    rows.catch(() => prefecturesCache.delete(db))
    prefecturesCache.set(db, (cached = { at: Date.now(), rows }))
  }
  // A new array per caller (rows are shared and frozen): sorting or filtering it cannot touch another request.
  return [...(await cached.rows)]
}

function selectPrefectures(db: DbExecutor): Promise<LocalGovernment[]> {
  return db.selectFrom('local_government').select(columns).where('kind', '=', 'prefecture').orderBy('code').execute()
}

/** A prefecture's municipalities (active ones unless asked otherwise), in code order. */
export async function listMunicipalitiesOfPrefecture(
  db: DbExecutor,
  prefectureCode: string,
  { includeInactive = false }: { includeInactive?: boolean } = {},
): Promise<LocalGovernment[]> {
  let query = db
    .selectFrom('local_government')
    .select(columns)
    .where('prefecture_code', '=', prefectureCode)
    .where('kind', '!=', 'prefecture')
  if (!includeInactive) query = query.where('active', '=', true)
  return query.orderBy('code').execute()
}

export async function listAllLocalGovernmentCodes(db: DbExecutor): Promise<string[]> {
  const rows = await db.selectFrom('local_government').select('code').orderBy('code').execute()
  return rows.map((row) => row.code)
}
