// The ministry's answers to 要確認 results, applied after the engine (pure, no I/O): a decided row becomes
// 対象 with the amount the ministry set, or 対象外, with the decision in its reason; the body's totals follow.
// The engine itself never counts a 要確認 row; only a recorded decision does.
import { type FundingEvaluation, type FundingResult, fundingRowWith, type FundingTotal } from './engine'

export interface FundingDecision {
  placementId: string
  fy: number
  measure: string
  decision: 'eligible' | 'not_eligible'
  /** Integer yen counted when eligible. */
  amount: number
  note: string
}

export const decisionKey = (placementId: string, fy: number, measure: string) => `${placementId}:${fy}:${measure}`

export interface DecidedResult extends FundingResult {
  /** The ministry's decision this row carries (only on rows the engine marked 要確認). */
  decided: { decision: FundingDecision['decision']; note: string } | null
}

/**
 * Applies each decision to the 要確認 row it answers (a decision on a row that is no longer 要確認 — the rule
 * or the placement changed since — is ignored, so nothing is counted twice) and recomputes the totals.
 */
export function applyFundingDecisions(
  evaluation: FundingEvaluation,
  decisions: readonly FundingDecision[],
  employerOf: (placementId: string) => string,
): { results: DecidedResult[]; totals: FundingTotal[] } {
  const byKey = new Map(decisions.map((d) => [decisionKey(d.placementId, d.fy, d.measure), d]))
  const totals = new Map(
    evaluation.totals.map((t) => [`${t.employer}:${t.fy}`, { ...t, persons: { ...t.persons } } satisfies FundingTotal]),
  )
  const results = evaluation.results.map((row): DecidedResult => {
    if (row.status !== 'needs_confirmation' || row.measure === null) return fundingRowWith(row, { decided: null })
    const decision = byKey.get(decisionKey(row.placementId, row.fy, row.measure))
    if (!decision) return fundingRowWith(row, { decided: null })
    const total = totals.get(`${employerOf(row.placementId)}:${row.fy}`)
    if (total) {
      total.pending -= 1
      if (decision.decision === 'eligible') {
        if (row.scheme === 'futsu') total.futsu += decision.amount
        else if (row.scheme === 'tokubetsu') total.tokubetsu += decision.amount
        if (Object.hasOwn(total.persons, row.measure)) total.persons[row.measure]! += 1
      }
    }
    const eligible = decision.decision === 'eligible'
    return fundingRowWith(row, {
      status: eligible ? ('eligible' as const) : ('not_eligible' as const),
      amount: eligible ? decision.amount : 0,
      proposedAmount: null,
      reason: `${row.reason}【総務省の確認: ${eligible ? '対象' : '対象外'}。${decision.note}】`,
      decided: { decision: decision.decision, note: decision.note },
    })
  })
  return { results, totals: [...totals.values()] }
}

/** A result as the pages show it: labels in Japanese, the person's name, whether the ministry decided it. */
export interface FundingRowView {
  placementId: string
  personName: string
  fy: number
  fyLabel: string
  measure: string | null
  schemeLabel: string
  status: DecidedResult['status']
  statusLabel: string
  eligibleCost: number
  amount: number
  proposedAmount: number | null
  reason: string
  source: string | null
  decided: boolean
}
