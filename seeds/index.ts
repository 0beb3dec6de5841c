// Loads all master data in one transaction. Demo data (later issues) hangs off here too.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { seedLocalGovernments } from './local-governments'

export interface SeedReport {
  localGovernmentsChanged: number
}

export async function seedMasterData(db: Kysely<DB>): Promise<SeedReport> {
  return db.transaction().execute(async (trx) => ({
    localGovernmentsChanged: await seedLocalGovernments(trx),
  }))
}
