// The 交付税 funding rules as stored data (one row per version of a measure; the highest version is in force),
// the ministry's decisions on 要確認 results, and a body's choice of whom to count under a persons cap.
// Rules are JSON here; the application validates them (app/funding/rules.ts) before the engine sees them.
import { sql } from 'kysely'
import type { DbExecutor } from '../client'

/** Every version of every measure (the engine picks, per fiscal year, the version in force), in order. */
export async function listAllFundingRuleRows(db: DbExecutor) {
  return db
    .selectFrom('funding_rule')
    .select(['measure', 'version', 'rule'])
    .orderBy('measure')
    .orderBy('version')
    .execute()
}

/** Every measure's rule in force: the highest version of each, in measure order. */
export async function listCurrentFundingRuleRows(db: DbExecutor) {
  return db
    .selectFrom('funding_rule')
    .distinctOn('measure')
    .select(['measure', 'version', 'rule', 'change_note', 'created_at'])
    .orderBy('measure')
    .orderBy('version', 'desc')
    .execute()
}

/** A measure's versions, newest first, with who made each. */
export async function listFundingRuleVersions(db: DbExecutor, measure: string) {
  return db
    .selectFrom('funding_rule')
    .leftJoin('app_user', 'app_user.id', 'funding_rule.created_by')
    .select([
      'funding_rule.measure',
      'funding_rule.version',
      'funding_rule.rule',
      'funding_rule.change_note',
      'funding_rule.created_at',
      'app_user.display_name as created_by_name',
    ])
    .where('funding_rule.measure', '=', measure)
    .orderBy('funding_rule.version', 'desc')
    .execute()
}

/** Adds a version; false when that version exists already (someone saved first). */
export async function insertFundingRuleVersion(
  db: DbExecutor,
  row: {
    measure: string
    version: number
    rule: Record<string, unknown>
    changeNote: string
    createdBy: string | null
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('funding_rule')
    .values({
      measure: row.measure,
      version: row.version,
      rule: row.rule,
      change_note: row.changeNote,
      created_by: row.createdBy,
    })
    .onConflict((oc) => oc.constraint('funding_rule_pkey').doNothing())
    .returning('measure')
    .executeTakeFirst()
  return inserted !== undefined
}

export async function countFundingRuleRows(db: DbExecutor, measure: string): Promise<number> {
  const row = await db
    .selectFrom('funding_rule')
    .select(sql<string>`count(*)`.as('n'))
    .where('measure', '=', measure)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Decisions on these placements' 要確認 results. */
export async function listFundingDecisions(db: DbExecutor, placementIds: readonly string[]) {
  if (placementIds.length === 0) return []
  return db
    .selectFrom('funding_decision')
    .leftJoin('app_user', 'app_user.id', 'funding_decision.decided_by')
    .select([
      'funding_decision.placement_id',
      'funding_decision.fiscal_year',
      'funding_decision.measure',
      'funding_decision.decision',
      'funding_decision.amount',
      'funding_decision.note',
      'funding_decision.decided_at',
      'app_user.display_name as decided_by_name',
    ])
    .where('funding_decision.placement_id', 'in', placementIds)
    .execute()
}

export async function upsertFundingDecision(
  db: DbExecutor,
  row: {
    placementId: string
    fiscalYear: number
    measure: string
    decision: 'eligible' | 'not_eligible'
    amount: number
    note: string
    decidedBy: string
  },
): Promise<void> {
  const values = {
    placement_id: row.placementId,
    fiscal_year: row.fiscalYear,
    measure: row.measure,
    decision: row.decision,
    amount: row.amount,
    note: row.note,
    decided_by: row.decidedBy,
  }
  await db
    .insertInto('funding_decision')
    .values(values)
    .onConflict((oc) =>
      oc.constraint('funding_decision_pkey').doUpdateSet({
        decision: row.decision,
        amount: row.amount,
        note: row.note,
        decided_by: row.decidedBy,
        decided_at: sql`now()`,
      }),
    )
    .execute()
}

export async function deleteFundingDecision(
  db: DbExecutor,
  key: { placementId: string; fiscalYear: number; measure: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('funding_decision')
    .where('placement_id', '=', key.placementId)
    .where('fiscal_year', '=', key.fiscalYear)
    .where('measure', '=', key.measure)
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

/** The bodies' own choices of whom to count under a persons cap, for these bodies. */
export async function listFundingSelections(db: DbExecutor, employerCodes: readonly string[]) {
  if (employerCodes.length === 0) return []
  return db
    .selectFrom('funding_selection')
    .select(['employer_code', 'fiscal_year', 'measure', 'placement_ids', 'decided_at'])
    .where('employer_code', 'in', employerCodes)
    .execute()
}

export async function upsertFundingSelection(
  db: DbExecutor,
  row: { employerCode: string; fiscalYear: number; measure: string; placementIds: string[]; decidedBy: string },
): Promise<void> {
  await db
    .insertInto('funding_selection')
    .values({
      employer_code: row.employerCode,
      fiscal_year: row.fiscalYear,
      measure: row.measure,
      placement_ids: row.placementIds,
      decided_by: row.decidedBy,
    })
    .onConflict((oc) =>
      oc.constraint('funding_selection_pkey').doUpdateSet({
        placement_ids: row.placementIds,
        decided_by: row.decidedBy,
        decided_at: sql`now()`,
      }),
    )
    .execute()
}

export async function deleteFundingSelection(
  db: DbExecutor,
  key: { employerCode: string; fiscalYear: number; measure: string },
): Promise<void> {
  await db
    .deleteFrom('funding_selection')
    .where('employer_code', '=', key.employerCode)
    .where('fiscal_year', '=', key.fiscalYear)
    .where('measure', '=', key.measure)
    .execute()
}
