// 交付税 funding over the recorded placements: the rules in force (data, every version), the pure engine
// (app/funding/engine.ts), the ministry's decisions on 要確認 rows, and a body's choice of whom to count under a
// persons cap. Who sees what follows the placements: a prefecture its own and its municipalities' bodies, a
// municipality its own body, the ministry every body; only the ministry decides 要確認 rows and edits rules.
import { isUuid } from '../utils/params'
import type { AppLoadContext } from '@remix-run/node'
import ExcelJS from 'exceljs'
import type { DbExecutor } from '../../db/client'
import {
  deleteFundingDecision,
  deleteFundingSelection,
  insertFundingRuleVersion,
  listAllFundingRuleRows,
  listFundingDecisions,
  listFundingRuleVersions,
  listFundingSelections,
  upsertFundingDecision,
  upsertFundingSelection,
} from '../../db/queries/funding'
import type { ViewerScope } from '../../db/queries/issues'
import { findLocalGovernment, listPrefectures } from '../../db/queries/local-government'
import { findPlacement, listPlacementsForFunding, type PlacementForFunding } from '../../db/queries/placements'
import {
  applyFundingDecisions,
  type DecidedResult,
  type FundingDecision,
  type FundingRowView,
} from '../funding/decisions'
import { evaluateFunding, formatYen, fundingRowWith, type FundingSelections, selectionKey } from '../funding/engine'
import { parseEstimateInput } from '../funding/estimate-input'
import { activeFiscalYears, fiscalYearLabel } from '../funding/fiscal-year'
import { FUNDING_SCHEME_LABELS, FUNDING_STATUS_LABELS } from '../funding/labels'
import { type FundingRule, FundingRuleSchema, FundingRuleSetSchema } from '../funding/rules'
import type { SessionUser } from '../utils/auth.server'
import { decodeCsvBytes, decodeUtf8, toCsv } from '../utils/csv'
import { tokyoDateStamp, tokyoFiscalYear } from '../utils/dates'
import { MEASURE_ID, ruleIssueMessage } from '../utils/funding-rule-forms'
import { hasControlCharacters } from '../utils/params'
import { userHasPermission } from '../utils/permissions'
import { actorFrom, recordAudit } from './audit.server'
import { managedBodyOf, readScopeOf, requirePlacementRow } from './placement.server'

/** The fiscal years the views offer: from the first measure (令和4年度) to the next year. */
export function fundingYearChoices(now = new Date()): number[] {
  const last = tokyoFiscalYear(now) + 1
  const years: number[] = []
  for (let fy = 2022; fy <= last; fy++) years.push(fy)
  return years
}

// ---- rules ----------------------------------------------------------------------------------------------------

/**
 * Every version of every measure, checked against the rule schema. A stored rule that no longer validates is a
 * data error the ministry must see, not something to skip silently: it fails loudly.
 */
export async function loadFundingRules(db: DbExecutor): Promise<FundingRule[]> {
  const rows = await listAllFundingRuleRows(db)
  return rows.map((row: { measure: string; version: number; rule: unknown }) => {
    const parsed = FundingRuleSchema.safeParse(row.rule)
    if (!parsed.success)
      throw new Error(
        `財政措置のルール ${row.measure}（版 ${row.version}）が不正です: ${parsed.error.issues[0]?.message}`,
      )
    return parsed.data
  })
}

// ---- evaluation -----------------------------------------------------------------------------------------------

interface Evaluated {
  rules: FundingRule[]
  placements: PlacementForFunding[]
  results: DecidedResult[]
  totals: ReturnType<typeof applyFundingDecisions>['totals']
}

async function evaluate(
  db: DbExecutor,
  scope: ViewerScope,
  fiscalYears: readonly number[],
  options: { employerCode?: string } = {},
): Promise<Evaluated> {
  const [rules, placements] = await Promise.all([
    loadFundingRules(db),
    listPlacementsForFunding(db, scope, fiscalYears, options),
  ])
  const employers = [...new Set(placements.map((p) => p.employer))]
  const [selectionRows, decisionRows] = await Promise.all([
    listFundingSelections(db, employers),
    listFundingDecisions(
      db,
      placements.map((p) => p.id),
    ),
  ])
  const selections: Record<string, string[]> = {}
  for (const row of selectionRows) selections[selectionKey(row.employer_code, row.fiscal_year)] = row.placement_ids
  const evaluation = evaluateFunding({ rules, placements, fiscalYears, selections: selections as FundingSelections })
  const employerOf = new Map(placements.map((p) => [p.id, p.employer]))
  const decisions: FundingDecision[] = decisionRows.map((d) => ({
    placementId: d.placement_id,
    fy: d.fiscal_year,
    measure: d.measure,
    decision: d.decision,
    amount: Number(d.amount),
    note: d.note,
  }))
  const decided = applyFundingDecisions(evaluation, decisions, (id) => employerOf.get(id) ?? '')
  return { rules, placements, ...decided }
}

export type { FundingRowView }

function rowView(row: DecidedResult, personName: string): FundingRowView {
  return {
    placementId: row.placementId,
    personName,
    fy: row.fy,
    fyLabel: fiscalYearLabel(row.fy),
    measure: row.measure,
    schemeLabel: row.scheme ? FUNDING_SCHEME_LABELS[row.scheme] : '—',
    status: row.status,
    statusLabel: FUNDING_STATUS_LABELS[row.status],
    eligibleCost: row.eligibleCost,
    amount: row.amount,
    proposedAmount: row.proposedAmount,
    reason: row.reason,
    source: row.source,
    decided: row.decided !== null,
  }
}

/**
 * One placement's results for every fiscal year it is active in (or has costs in), judged with its employer's
 * other placements (caps per body count them all). Only for viewers who see the placement's cost lines.
 */
export async function getPlacementFunding(context: AppLoadContext, user: SessionUser, placementId: string) {
  const { db } = context.services.database
  const row = await requirePlacementRow(db, user, placementId)
  if (!row.employer_side || !row.start_on) return null
  const costYears = new Set<number>()
  for (const cost of row.costs ?? []) costYears.add(cost.fiscal_year)
  const lastYear = tokyoFiscalYear() + 1
  const active = activeFiscalYears(
    row.start_on,
    row.end_on,
    fundingYearChoices().filter((fy) => fy <= lastYear),
  )
  const years = [...new Set([...active, ...costYears])].sort((a, b) => a - b)
  if (years.length === 0) return { rows: [], years: [] }
  const evaluated = await evaluate(db, { kind: 'national' }, years, { employerCode: row.employer_code })
  const rows = evaluated.results.filter((r) => r.placementId === placementId).map((r) => rowView(r, row.person_name))
  return {
    rows,
    years: years.map((fy) => {
      const ofYear = rows.filter((r) => r.fy === fy)
      return {
        fy,
        label: fiscalYearLabel(fy),
        futsu: sumOf(ofYear.filter((r) => r.status === 'eligible' && r.schemeLabel === FUNDING_SCHEME_LABELS.futsu)),
        tokubetsu: sumOf(
          ofYear.filter((r) => r.status === 'eligible' && r.schemeLabel === FUNDING_SCHEME_LABELS.tokubetsu),
        ),
        pending: ofYear.filter((r) => r.status === 'needs_confirmation').length,
      }
    }),
  }
}

const sumOf = (rows: readonly FundingRowView[]) => rows.reduce((total, r) => total + r.amount, 0)

// ---- per body and fiscal year ---------------------------------------------------------------------------------

export interface BodyTotalView {
  employer: string
  employerName: string
  futsu: number
  tokubetsu: number
  pending: number
  persons: Array<{ measure: string; count: number }>
}

/**
 * The funding page: for one fiscal year, each body in the viewer's scope with its 普通交付税 and 特別交付税 totals
 * (eligible rows only), pending 要確認 rows and persons counted; and, for the chosen body (or the only one), every
 * placement's rows with reasons and sources.
 */
export async function getFundingOverview(
  context: AppLoadContext,
  user: SessionUser,
  { fy, employer }: { fy: number; employer: string | null },
) {
  const { db } = context.services.database
  const scope = readScopeOf(user)
  const evaluated = await evaluate(db, scope, [fy])
  const names = await bodyNames(
    db,
    evaluated.totals.map((t) => t.employer),
  )
  const bodies: BodyTotalView[] = evaluated.totals
    .filter((t) => t.fy === fy)
    .map((t) => ({
      employer: t.employer,
      employerName: names.get(t.employer) ?? t.employer,
      futsu: t.futsu,
      tokubetsu: t.tokubetsu,
      pending: t.pending,
      persons: Object.entries(t.persons).map(([measure, count]) => ({ measure, count })),
    }))
    .sort((a, b) => a.employer.localeCompare(b.employer))
  const chosen = employer ?? (bodies.length === 1 ? bodies[0]!.employer : null)
  const shown = chosen ? bodies.find((b) => b.employer === chosen) : undefined
  if (chosen && !shown && employer !== null && !(await bodyInScope(db, scope, employer)))
    throw new Response('指定された団体は見つかりません。', { status: 404 })
  const personOf = new Map(evaluated.placements.map((p) => [p.id, p]))
  const rows = chosen
    ? evaluated.results
        .filter((r) => personOf.get(r.placementId)?.employer === chosen)
        .map((r) => rowView(r, personOf.get(r.placementId)!.personName))
    : []
  const managed = await managedBodyOf(db, user)
  return {
    fy,
    fyLabel: fiscalYearLabel(fy),
    years: fundingYearChoices().map((value) => ({ value, label: fiscalYearLabel(value) })),
    bodies,
    totals: {
      futsu: bodies.reduce((n, b) => n + b.futsu, 0),
      tokubetsu: bodies.reduce((n, b) => n + b.tokubetsu, 0),
      pending: bodies.reduce((n, b) => n + b.pending, 0),
    },
    chosen: chosen ? { employer: chosen, employerName: names.get(chosen) ?? (await bodyName(db, chosen)) } : null,
    rows,
    /** The chosen body's own staff may choose whom to count under a persons cap (B1: three per body). */
    selection: chosen && managed?.employerCode === chosen ? selectionChoices(evaluated, chosen, fy) : null,
    isNational: scope.kind === 'national',
  }
}

async function bodyNames(db: DbExecutor, codes: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for (const code of new Set(codes)) names.set(code, await bodyName(db, code))
  return names
}

async function bodyName(db: DbExecutor, code: string): Promise<string> {
  return (await findLocalGovernment(db, code))?.name ?? code
}

async function bodyInScope(db: DbExecutor, scope: ViewerScope, code: string): Promise<boolean> {
  const body = await findLocalGovernment(db, code)
  if (!body) return false
  if (scope.kind === 'national') return true
  if (scope.kind === 'prefecture') return body.prefecture_code === scope.prefectureCode
  return body.code === scope.municipalityCode
}

/** A persons cap in force for the body this year, with its counted and uncounted placements. */
function selectionChoices(evaluated: Evaluated, employer: string, fy: number) {
  const { rules } = evaluated
  const capped = new Set(rules.filter((r) => r.caps.personsPerBody !== null).map((r) => r.id))
  const rows = evaluated.results.filter(
    (r) =>
      r.fy === fy &&
      r.measure !== null &&
      capped.has(r.measure) &&
      evaluated.placements.find((p) => p.id === r.placementId)?.employer === employer &&
      r.eligibleCost > 0,
  )
  if (rows.length === 0) return null
  const max = Math.min(...rules.filter((r) => capped.has(r.id)).map((r) => r.caps.personsPerBody!.max))
  if (rows.length <= max) return null
  const nameOf = new Map(evaluated.placements.map((p) => [p.id, p.personName]))
  return {
    max,
    measure: rows[0]!.measure!,
    candidates: rows.map((r) => ({
      placementId: r.placementId,
      personName: nameOf.get(r.placementId) ?? '',
      eligibleCost: r.eligibleCost,
      counted: r.status === 'eligible',
    })),
  }
}

export type SelectionResult = { status: 'ok' } | { status: 'field-error'; message: string }

/** A body's own choice of whom to count under the persons cap (at most `max`), or back to the largest costs. */
export async function saveFundingSelection(
  context: AppLoadContext,
  user: SessionUser,
  input: { fy: number; measure: string; placementIds: string[] | null },
): Promise<SelectionResult> {
  const { db } = context.services.database
  const body = await managedBodyOf(db, user)
  if (!body) throw new Response('この操作を行う権限がありません。', { status: 403 })
  const rules = await loadFundingRules(db)
  const cap = rules.find((r) => r.id === input.measure && r.caps.personsPerBody !== null)?.caps.personsPerBody
  if (!cap) throw new Response('指定された措置には人数の上限がありません。', { status: 400 })
  if (input.placementIds !== null) {
    if (input.placementIds.length === 0 || input.placementIds.length > cap.max)
      return { status: 'field-error', message: `対象にする人を1〜${cap.max}人選んでください` }
    const own = await listPlacementsForFunding(db, readScopeOf(user), [input.fy], { employerCode: body.employerCode })
    const ids = new Set(own.map((p) => p.id))
    if (input.placementIds.some((id) => !ids.has(id)))
      return { status: 'field-error', message: '選べるのはこの団体の配置だけです' }
  }
  await db.transaction().execute(async (trx) => {
    if (input.placementIds === null) {
      await deleteFundingSelection(trx, {
        employerCode: body.employerCode,
        fiscalYear: input.fy,
        measure: input.measure,
      })
    } else {
      await upsertFundingSelection(trx, {
        employerCode: body.employerCode,
        fiscalYear: input.fy,
        measure: input.measure,
        placementIds: input.placementIds,
        decidedBy: user.id,
      })
    }
    await recordAudit(trx, actorFrom(context, user), {
      entity: 'funding_selection',
      action: input.placementIds === null ? 'reset' : 'select',
      entityId: `${body.employerCode}:${input.fy}:${input.measure}`,
      summary:
        input.placementIds === null
          ? `${fiscalYearLabel(input.fy)}の${input.measure}の対象者を、対象経費の大きい順に戻しました`
          : `${fiscalYearLabel(input.fy)}の${input.measure}の対象者を選びました（${input.placementIds.length}人）`,
      prefectureCode: body.prefectureCode,
      municipalityCode: body.kind === 'cio_adviser' ? body.employerCode : null,
      after: input.placementIds === null ? null : { placement_ids: input.placementIds },
    })
  })
  return { status: 'ok' }
}

// ---- national view and decisions ------------------------------------------------------------------------------

function requireNational(user: SessionUser) {
  if (!userHasPermission(user, 'read:placement:any'))
    throw new Response('このページを表示する権限がありません。', { status: 403 })
}

/** Ministry: totals per prefecture for each year shown, and every 要確認 row to decide, with decided ones. */
export async function getNationalFunding(context: AppLoadContext, user: SessionUser, { fy }: { fy: number }) {
  requireNational(user)
  const { db } = context.services.database
  const years = [fy - 1, fy, fy + 1].filter((y) => y >= 2022)
  const [evaluated, prefectures] = await Promise.all([evaluate(db, { kind: 'national' }, years), listPrefectures(db)])
  const byPrefecture = prefectures.map((p) => ({
    prefectureCode: p.prefecture_code,
    name: p.name,
    years: years.map((year) => {
      const ofYear = evaluated.totals.filter((t) => t.fy === year && t.employer.startsWith(p.prefecture_code))
      return {
        fy: year,
        futsu: ofYear.reduce((n, t) => n + t.futsu, 0),
        tokubetsu: ofYear.reduce((n, t) => n + t.tokubetsu, 0),
        pending: ofYear.reduce((n, t) => n + t.pending, 0),
      }
    }),
  }))
  const placementOf = new Map(evaluated.placements.map((p) => [p.id, p]))
  const names = await bodyNames(
    db,
    evaluated.placements.map((p) => p.employer),
  )
  const toDecide = evaluated.results
    .filter((r) => r.fy === fy && r.measure !== null && (r.status === 'needs_confirmation' || r.decided !== null))
    .map((r) => {
      const placement = placementOf.get(r.placementId)!
      return {
        ...rowView(r, placement.personName),
        employerName: names.get(placement.employer) ?? placement.employer,
        decidedNote: r.decided?.note ?? null,
      }
    })
  return {
    fy,
    fyLabel: fiscalYearLabel(fy),
    years: years.map((value) => ({ value, label: fiscalYearLabel(value) })),
    yearChoices: fundingYearChoices().map((value) => ({ value, label: fiscalYearLabel(value) })),
    byPrefecture,
    nationalTotals: years.map((year) => ({
      fy: year,
      futsu: byPrefecture.reduce((n, p) => n + p.years.find((y) => y.fy === year)!.futsu, 0),
      tokubetsu: byPrefecture.reduce((n, p) => n + p.years.find((y) => y.fy === year)!.tokubetsu, 0),
      pending: byPrefecture.reduce((n, p) => n + p.years.find((y) => y.fy === year)!.pending, 0),
    })),
    toDecide,
    canDecide: userHasPermission(user, 'decide:funding:any'),
  }
}

export type DecisionResult = { status: 'ok' } | { status: 'field-error'; field: string; message: string }

/** Ministry: settles one 要確認 row (counted with an amount, or not), or withdraws the decision. */
export async function decideFundingItem(
  context: AppLoadContext,
  user: SessionUser,
  input:
    | {
        intent: 'decide'
        placementId: string
        fy: number
        measure: string
        decision: 'eligible' | 'not_eligible'
        amount: number
        note: string
      }
    | { intent: 'withdraw'; placementId: string; fy: number; measure: string },
): Promise<DecisionResult> {
  if (!userHasPermission(user, 'decide:funding:any'))
    throw new Response('この操作を行う権限がありません。', { status: 403 })
  const { db } = context.services.database
  // Caps count per body and year, so the employer's placements alone give the row exactly as the nation would.
  const target = isUuid(input.placementId)
    ? await findPlacement(db, { kind: 'national' }, input.placementId)
    : undefined
  if (!target) throw new Response('判断する対象が見つかりません（すでに要確認ではありません）。', { status: 404 })
  const evaluated = await evaluate(db, { kind: 'national' }, [input.fy], { employerCode: target.employer_code })
  const row = evaluated.results.find(
    (r) => r.placementId === input.placementId && r.fy === input.fy && r.measure === input.measure,
  )
  if (!row || (row.status !== 'needs_confirmation' && row.decided === null))
    throw new Response('判断する対象が見つかりません（すでに要確認ではありません）。', { status: 404 })
  const placement = evaluated.placements.find((p) => p.id === input.placementId)!
  await db.transaction().execute(async (trx) => {
    if (input.intent === 'withdraw') {
      await deleteFundingDecision(trx, { placementId: input.placementId, fiscalYear: input.fy, measure: input.measure })
    } else {
      await upsertFundingDecision(trx, {
        placementId: input.placementId,
        fiscalYear: input.fy,
        measure: input.measure,
        decision: input.decision,
        amount: input.decision === 'eligible' ? input.amount : 0,
        note: input.note,
        decidedBy: user.id,
      })
    }
    await recordAudit(trx, actorFrom(context, user), {
      entity: 'funding_decision',
      action: input.intent === 'withdraw' ? 'withdraw' : 'decide',
      entityId: `${input.placementId}:${input.fy}:${input.measure}`,
      summary:
        input.intent === 'withdraw'
          ? `${placement.personName}の${fiscalYearLabel(input.fy)} ${input.measure} の判断を取り消しました`
          : `${placement.personName}の${fiscalYearLabel(input.fy)} ${input.measure} を「${
              input.decision === 'eligible' ? `対象（${formatYen(input.amount)}）` : '対象外'
            }」と判断しました`,
      prefectureCode: placement.employer.slice(0, 2),
      after:
        input.intent === 'withdraw'
          ? null
          : { decision: input.decision, amount: input.decision === 'eligible' ? input.amount : 0, note: input.note },
    })
  })
  return { status: 'ok' }
}

// ---- rules administration ---------------------------------------------------------------------------------------

/** Ministry: every measure in force (its newest version), for the rules page. */
export async function listFundingRulesForAdmin(context: AppLoadContext, user: SessionUser) {
  requireRuleEditor(user)
  const rules = await loadFundingRules(context.services.database.db)
  const newest = new Map<string, FundingRule>()
  for (const rule of rules) {
    const seen = newest.get(rule.id)
    if (!seen || rule.version > seen.version) newest.set(rule.id, rule)
  }
  return [...newest.values()]
}

function requireRuleEditor(user: SessionUser) {
  if (!userHasPermission(user, 'update:funding-rule:any'))
    throw new Response('このページを表示する権限がありません。', { status: 403 })
}

/** Ministry: one measure's versions, newest first. */
export async function getFundingRuleHistory(context: AppLoadContext, user: SessionUser, measure: string) {
  requireRuleEditor(user)
  const rows = await listFundingRuleVersions(context.services.database.db, measure)
  if (rows.length === 0) throw new Response('指定された措置は見つかりません。', { status: 404 })
  return rows.map((row) => ({
    version: row.version,
    rule: FundingRuleSchema.parse(row.rule),
    changeNote: row.change_note,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by_name,
  }))
}

export type RuleSaveResult =
  { status: 'ok'; version: number } | { status: 'invalid'; messages: string[] } | { status: 'conflict' }

/**
 * Ministry: a new version of a measure (an extension of its years, a new rate, a new measure). The whole rule is
 * checked with the rule schema and against the set it joins (yieldsTo naming known measures, no cycles); the
 * version number is the next one, and two editors saving at once cannot both take it.
 */
export async function saveFundingRuleVersion(
  context: AppLoadContext,
  user: SessionUser,
  input: { rule: unknown; changeNote: string; baseVersion: number | null },
): Promise<RuleSaveResult> {
  requireRuleEditor(user)
  const { db } = context.services.database
  const parsed = FundingRuleSchema.safeParse(input.rule)
  if (!parsed.success)
    return { status: 'invalid', messages: parsed.error.issues.map((issue) => ruleIssueMessage(issue, input.rule)) }
  // The table's own check on the id is narrower than the rule schema's (a violation would be a 500), and jsonb
  // refuses a NUL in a string: both are the editor's mistakes, answered as such.
  if (!MEASURE_ID.test(parsed.data.id))
    return {
      status: 'invalid',
      messages: ['措置のID（id）は英大文字で始まる、英大文字と数字の10文字以内にしてください（例: X1）'],
    }
  if (hasControlText(parsed.data))
    return {
      status: 'invalid',
      messages: ['使用できない制御文字が含まれています。ルールの文字を入力し直してください'],
    }
  const rules = await loadFundingRules(db)
  const versions = rules.filter((r) => r.id === parsed.data.id).map((r) => r.version)
  const current = versions.length > 0 ? Math.max(...versions) : null
  if (current !== input.baseVersion) return { status: 'conflict' }
  const version = (current ?? 0) + 1
  const rule: FundingRule = { ...parsed.data, version }
  const set = FundingRuleSetSchema.safeParse([...rules, rule])
  if (!set.success) return { status: 'invalid', messages: set.error.issues.map((issue) => issue.message) }
  const saved = await db.transaction().execute(async (trx) => {
    const inserted = await insertFundingRuleVersion(trx, {
      measure: rule.id,
      version,
      rule: rule as unknown as Record<string, unknown>,
      changeNote: input.changeNote,
      createdBy: user.id,
    })
    if (!inserted) return false
    await recordAudit(trx, actorFrom(context, user), {
      entity: 'funding_rule',
      action: current === null ? 'create' : 'new_version',
      entityId: `${rule.id}@${version}`,
      summary: `財政措置 ${rule.id}（${rule.name}）の版 ${version} を登録しました: ${input.changeNote}`,
      before: current === null ? null : { version: current },
      after: {
        version,
        from_fy: rule.fromFy,
        to_fy: rule.toFy,
        method:
          rule.method.type === 'rate' ? `${rule.method.numerator}/${rule.method.denominator}` : rule.method.amount,
      },
    })
    return true
  })
  return saved ? { status: 'ok', version } : { status: 'conflict' }
}

/** Whether any text in the rule holds a control character (other than tab and line breaks). */
function hasControlText(value: unknown): boolean {
  if (typeof value === 'string') return hasControlCharacters(value)
  if (Array.isArray(value)) return value.some(hasControlText)
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasControlText)
  return false
}

// ---- filing: CSV and Excel ---------------------------------------------------------------------------------------

const FILING_HEADER = [
  '団体',
  '人',
  '年度',
  '措置',
  '区分',
  '判定',
  '対象経費（円）',
  '措置額（円）',
  '理由',
  '出典',
] as const

type Overview = Awaited<ReturnType<typeof getFundingOverview>>

function filingName(overview: Overview, extension: 'csv' | 'xlsx') {
  const who = overview.chosen?.employerName ?? '一覧'
  const day = tokyoDateStamp()
  return {
    filename: `交付税の措置_${who}_${overview.fyLabel}_${day}.${extension}`,
    asciiFilename: `funding_${overview.chosen?.employer ?? 'all'}_${overview.fy}_${day}.${extension}`,
  }
}

function filingRows(overview: Overview) {
  const employerName = overview.chosen?.employerName ?? ''
  return overview.rows.map((row) => [
    employerName,
    row.personName,
    row.fyLabel,
    row.measure ?? '',
    row.schemeLabel,
    row.statusLabel,
    row.eligibleCost,
    row.amount,
    row.reason,
    row.source ?? '',
  ])
}

/** The body's (or, without one chosen, every body's totals) funding for the year as CSV (UTF-8 with BOM). */
export async function fundingCsv(
  context: AppLoadContext,
  user: SessionUser,
  query: { fy: number; employer: string | null },
) {
  const overview = await getFundingOverview(context, user, query)
  const rows = overview.chosen
    ? [[...FILING_HEADER], ...filingRows(overview)]
    : [
        ['団体', '年度', '普通交付税（円）', '特別交付税（円）', '要確認（件）'],
        ...overview.bodies.map((b) => [b.employerName, overview.fyLabel, b.futsu, b.tokubetsu, b.pending]),
      ]
  return { csv: toCsv(rows), ...filingName(overview, 'csv') }
}

/**
 * The same as an Excel workbook laid out as an official files it: a summary sheet (the body, 令和 year, totals by
 * scheme, pending items and the rule that only 対象 rows count) and a sheet of every row with yen formatting.
 */
export async function fundingXlsx(
  context: AppLoadContext,
  user: SessionUser,
  query: { fy: number; employer: string | null },
) {
  const overview = await getFundingOverview(context, user, query)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '自治体DXアクセラレータ500 プラットフォーム'
  const yenFormat = '#,##0"円"'
  const summary = workbook.addWorksheet('集計')
  summary.columns = [{ width: 28 }, { width: 18 }, { width: 18 }, { width: 14 }]
  summary.addRow([`財政措置（交付税）の見込み — ${overview.fyLabel}`]).font = { bold: true, size: 14 }
  summary.addRow([overview.chosen ? `団体: ${overview.chosen.employerName}` : '団体: 表示範囲のすべて'])
  summary.addRow([`作成日: ${tokyoDateStamp()}`])
  summary.addRow([])
  const head = summary.addRow(['団体', '普通交付税', '特別交付税', '要確認（件）'])
  head.font = { bold: true }
  const bodies = overview.chosen
    ? overview.bodies.filter((b) => b.employer === overview.chosen!.employer)
    : overview.bodies
  for (const body of bodies) {
    const row = summary.addRow([body.employerName, body.futsu, body.tokubetsu, body.pending])
    row.getCell(2).numFmt = yenFormat
    row.getCell(3).numFmt = yenFormat
  }
  const total = summary.addRow([
    '合計',
    bodies.reduce((n, b) => n + b.futsu, 0),
    bodies.reduce((n, b) => n + b.tokubetsu, 0),
    bodies.reduce((n, b) => n + b.pending, 0),
  ])
  total.font = { bold: true }
  total.getCell(2).numFmt = yenFormat
  total.getCell(3).numFmt = yenFormat
  summary.addRow([])
  summary.addRow(['合計には「対象」と判定された行だけを数えています。「要確認」は総務省の判断まで 0 円です。'])

  if (overview.chosen) {
    const detail = workbook.addWorksheet('明細')
    detail.columns = [
      { width: 20 },
      { width: 16 },
      { width: 12 },
      { width: 8 },
      { width: 12 },
      { width: 10 },
      { width: 16 },
      { width: 16 },
      { width: 60 },
      { width: 16 },
    ]
    detail.addRow([...FILING_HEADER]).font = { bold: true }
    for (const values of filingRows(overview)) {
      const row = detail.addRow(values)
      row.getCell(7).numFmt = yenFormat
      row.getCell(8).numFmt = yenFormat
      row.getCell(9).alignment = { wrapText: true, vertical: 'top' }
    }
    detail.views = [{ state: 'frozen', ySplit: 1 }]
  }
  const buffer = await workbook.xlsx.writeBuffer()
  return { body: new Uint8Array(buffer as ArrayBuffer) as Uint8Array<ArrayBuffer>, ...filingName(overview, 'xlsx') }
}

// ---- estimate of a file (the same input as `npm run funding:estimate`) -------------------------------------------

export type EstimateResult =
  | { status: 'invalid'; errors: string[] }
  | {
      status: 'ok'
      notice: string | null
      totals: Array<{
        employer: string
        employerName: string
        fy: number
        fyLabel: string
        futsu: number
        tokubetsu: number
        pending: number
      }>
      rows: FundingRowView[]
    }

/**
 * Placements in a file (CSV with one row per cost line, or the CLI's JSON) judged with the rules in force, nothing
 * stored: for a body planning next year's hires, or checking a spreadsheet before recording it.
 */
export async function estimateFundingFile(
  context: AppLoadContext,
  user: SessionUser,
  upload: { bytes: Uint8Array; filename: string },
): Promise<EstimateResult> {
  readScopeOf(user)
  const json = upload.filename.toLowerCase().endsWith('.json')
  let text: string
  let notice: string | null = null
  if (json) {
    const decoded = decodeUtf8(upload.bytes)
    if (decoded === null) return { status: 'invalid', errors: ['UTF-8 のテキストではありません。'] }
    text = decoded
  } else {
    const decoded = decodeCsvBytes(upload.bytes)
    if ('error' in decoded) return { status: 'invalid', errors: [decoded.error] }
    notice = decoded.notice ?? null
    text = decoded.text
  }
  const parsed = parseEstimateInput(text, { fileName: upload.filename })
  if (!parsed.ok) return { status: 'invalid', errors: parsed.errors }
  const rules = await loadFundingRules(context.services.database.db)
  const evaluation = evaluateFunding({ rules, ...parsed.input })
  const names = await bodyNames(
    context.services.database.db,
    evaluation.totals.map((t) => t.employer),
  )
  return {
    status: 'ok',
    notice,
    totals: evaluation.totals.map((t) => ({
      employer: t.employer,
      employerName: names.get(t.employer) ?? t.employer,
      fy: t.fy,
      fyLabel: fiscalYearLabel(t.fy),
      futsu: t.futsu,
      tokubetsu: t.tokubetsu,
      pending: t.pending,
    })),
    rows: evaluation.results.map((r) => rowView(fundingRowWith(r, { decided: null }), r.placementId)),
  }
}
