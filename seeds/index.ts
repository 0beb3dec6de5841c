// Loads all master data in one transaction: local governments, the skill standard, the funding rules, and the
// programme's published figures (appointments on 2025-07-14, 推進体制 at the end of R6) as history.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { countFundingRuleRows, insertFundingRuleVersion } from '../db/queries/funding'
import { insertDxStructureNationalFigure, insertPublishedAppointmentFigure } from '../db/queries/programme-figures'
import { SEEDED_FUNDING_RULES } from './funding-rules'
import { seedLocalGovernments } from './local-governments'
import { PUBLISHED_APPOINTMENT_FIGURES, PUBLISHED_DX_STRUCTURE_FIGURES } from './programme-history'
import { seedSkillStandard } from './skill-standard'

export interface SeedReport {
  localGovernmentsChanged: number
  /** True when the seed version of the skill standard was written (first start only). */
  skillStandardSeeded: boolean
  /** The measures whose seeded rule was written (each once: later versions are the ministry's, never re-seeded). */
  fundingRulesSeeded: string[]
  /** How many published figures were written (each once). */
  publishedFiguresSeeded: number
}

export async function seedMasterData(db: Kysely<DB>): Promise<SeedReport> {
  return db.transaction().execute(async (trx) => ({
    localGovernmentsChanged: await seedLocalGovernments(trx),
    skillStandardSeeded: await seedSkillStandard(trx),
    fundingRulesSeeded: await seedFundingRules(trx),
    publishedFiguresSeeded: await seedPublishedFigures(trx),
  }))
}

/** Writes each seeded measure that has no version yet (a measure added to the seeds reaches running sites too). */
export async function seedFundingRules(db: Kysely<DB>): Promise<string[]> {
  const seeded: string[] = []
  for (const rule of SEEDED_FUNDING_RULES) {
    if ((await countFundingRuleRows(db, rule.id)) > 0) continue
    await insertFundingRuleVersion(db, {
      measure: rule.id,
      version: rule.version,
      rule: rule as unknown as Record<string, unknown>,
      changeNote: '資料に基づく初期ルール',
      createdBy: null,
    })
    seeded.push(rule.id)
  }
  return seeded
}

/** The published national figures, as history for the trend toward 500 and the 推進体制 table. */
export async function seedPublishedFigures(db: Kysely<DB>): Promise<number> {
  let written = 0
  for (const figure of PUBLISHED_APPOINTMENT_FIGURES) {
    if (await insertPublishedAppointmentFigure(db, figure)) written++
  }
  for (const figure of PUBLISHED_DX_STRUCTURE_FIGURES) {
    if (await insertDxStructureNationalFigure(db, figure)) written++
  }
  return written
}
