import { cacheOwnerOf, type DbExecutor } from '../client'
import type { LocalGovernment } from '../schema'

const columns = ['code', 'name', 'name_kana', 'kind', 'prefecture_code', 'active', 'updated_at'] as const

// The 1,794 bodies are master data that a running site never changes (seeds/local-governments.ts writes them at
// start-up; a body is renamed or merged by law, not by a user), yet nearly every signed-in page names a
// prefecture or a municipality. They are read once per database handle and kept for MASTER_TTL_MS, so a change
// made outside the running site (a re-seed) shows within minutes; reads inside a transaction always go to the
// database. About 0.5 MB, shared and frozen.
const MASTER_TTL_MS = 10 * 60_000

interface MasterList {
  byCode: ReadonlyMap<string, LocalGovernment>
  /** In code order. */
  all: readonly LocalGovernment[]
  prefectures: readonly LocalGovernment[]
}

const masterCache = new WeakMap<object, { at: number; list: Promise<MasterList> }>()

function masterList(db: DbExecutor): Promise<MasterList> {
  const owner = cacheOwnerOf(db)
  let cached = masterCache.get(owner)
  if (!cached || Date.now() - cached.at > MASTER_TTL_MS) {
    const list = db
      .selectFrom('local_government')
      .select(columns)
      .orderBy('code')
      .execute()
      .then((rows): MasterList => {
        const all = rows.map((row) => Object.freeze(row))
        return {
          all,
          byCode: new Map(all.map((row) => [row.code, row])),
          prefectures: all.filter((row) => row.kind === 'prefecture'),
        }
      })
    list.catch(() => masterCache.delete(owner))
    masterCache.set(owner, (cached = { at: Date.now(), list }))
  }
  return cached.list
}

export async function findLocalGovernment(db: DbExecutor, code: string): Promise<LocalGovernment | undefined> {
  if (!db.isTransaction) return (await masterList(db)).byCode.get(code)
  return db.selectFrom('local_government').select(columns).where('code', '=', code).executeTakeFirst()
}

export async function findPrefecture(db: DbExecutor, prefectureCode: string): Promise<LocalGovernment | undefined> {
  if (!db.isTransaction) return (await masterList(db)).prefectures.find((p) => p.prefecture_code === prefectureCode)
  return db
    .selectFrom('local_government')
    .select(columns)
    .where('prefecture_code', '=', prefectureCode)
    .where('kind', '=', 'prefecture')
    .executeTakeFirst()
}

/**
 * Rows for the given codes read from the database, never the cached list: for search documents, which must be
 * built from the rows as they are now (the sync runs right after a change).
 */
export async function selectLocalGovernmentsByCodes(
  db: DbExecutor,
  codes: readonly string[],
): Promise<LocalGovernment[]> {
  if (codes.length === 0) return []
  return db.selectFrom('local_government').select(columns).where('code', 'in', codes).orderBy('code').execute()
}

/** Rows for the given codes, in the order of `codes` (search results keep Meilisearch's ranking). */
export async function listLocalGovernmentsByCodes(
  db: DbExecutor,
  codes: readonly string[],
): Promise<LocalGovernment[]> {
  if (codes.length === 0) return []
  const byCode = db.isTransaction
    ? new Map(
        (await db.selectFrom('local_government').select(columns).where('code', 'in', codes).execute()).map((row) => [
          row.code,
          row,
        ]),
      )
    : (await masterList(db)).byCode
  return codes.flatMap((code) => byCode.get(code) ?? [])
}

/** The 47 prefectures in code order; a new array per caller (rows are shared and frozen). */
export async function listPrefectures(db: DbExecutor): Promise<LocalGovernment[]> {
  if (db.isTransaction) {
    return db.selectFrom('local_government').select(columns).where('kind', '=', 'prefecture').orderBy('code').execute()
  }
  return [...(await masterList(db)).prefectures]
}

/** A prefecture's municipalities (active ones unless asked otherwise), in code order. */
export async function listMunicipalitiesOfPrefecture(
  db: DbExecutor,
  prefectureCode: string,
  { includeInactive = false }: { includeInactive?: boolean } = {},
): Promise<LocalGovernment[]> {
  if (!db.isTransaction) {
    return (await masterList(db)).all.filter(
      (row) => row.prefecture_code === prefectureCode && row.kind !== 'prefecture' && (includeInactive || row.active),
    )
  }
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
