// Loads all master data in one transaction. Demo data (later issues) hangs off here too.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { seedLocalGovernments } from './local-governments'
import { seedSkillStandard } from './skill-standard'

export interface SeedReport {
  localGovernmentsChanged: number
  /** True when the seed version of the skill standard was written (first start only). */
  skillStandardSeeded: boolean
}

export async function seedMasterData(db: Kysely<DB>): Promise<SeedReport> {
  return db.transaction().execute(async (trx) => ({
    localGovernmentsChanged: await seedLocalGovernments(trx),
    skillStandardSeeded: await seedSkillStandard(trx),
  }))
}
