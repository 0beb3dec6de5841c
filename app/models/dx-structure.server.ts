// 推進体制 ①〜④ (002:297-322): a prefecture reports whether it meets each of the four requirements, as of a date;
// the ministry confirms the report or returns it with a comment. Every report is kept (the history); the latest
// one not returned is the prefecture's standing state, which the national table and the dashboard count. Scope:
// a prefecture's staff see and report their own prefecture only; the ministry sees every prefecture and answers.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../db/client'
import type { DashboardScope } from '../../db/queries/dashboard'
import {
  type DxStructureReportRow,
  findDxStructureReport,
  insertDxStructureReport,
  listDxStructureNationalFigures,
  listDxStructureReports,
  listPendingDxStructureReports,
  listStandingDxStructureReports,
  reviewDxStructureReport,
} from '../../db/queries/dx-structure'
import { DX_STRUCTURE_REQUIREMENTS, type DxStructureRequirement } from '../../db/schema'
import type { SessionUser } from '../utils/auth.server'
import { formatDate, formatShortDate, formatShortDateTime, tokyoIsoDate } from '../utils/dates'
import type { DxStructureReportInput, DxStructureReviewInput } from '../utils/dx-structure-validation'
import { DX_STRUCTURE_REPORT_STATUS_LABELS, DX_STRUCTURE_REQUIREMENT_LABELS } from '../utils/labels'
import { userHasPermission } from '../utils/permissions'
import { PREFECTURE_TILES, prefectureName } from '../utils/prefecture-tiles'
import { actorFrom, recordAudit } from './audit.server'

const forbidden = () => new Response('このページを表示する権限がありません。', { status: 403 })

/** Who sees what: the ministry (who confirms) the nation, a prefecture's staff (who report) their prefecture. */
export function dxStructureScopeOf(user: SessionUser): DashboardScope {
  if (userHasPermission(user, 'confirm:dx-structure:any')) return { kind: 'national' }
  if (userHasPermission(user, 'report:dx-structure:own-prefecture') && user.prefecture_code)
    return { kind: 'prefecture', prefectureCode: user.prefecture_code }
  throw forbidden()
}

export const metLabel = (met: boolean) => (met ? '満たしている' : '満たしていない')

// ---- the standing state of every prefecture in scope -----------------------------------------------------

export interface DxStructureCellView {
  requirement: DxStructureRequirement
  met: boolean
  metLabel: string
  status: 'reported' | 'confirmed'
  statusLabel: string
  asOf: string
  asOfLabel: string
}

export interface DxStructureRowView {
  code: string
  name: string
  /** ① to ④ in order; null where nothing stands (未報告, or only returned reports). */
  cells: Array<DxStructureCellView | null>
}

type Four = [number, number, number, number]

/**
 * The 推進体制 table of the prefectures in scope (all 47 for the nation), how many meet each requirement and all
 * four — counting confirmed reports only, and again with the reports still waiting — and, for the nation, the
 * published figures as history beneath.
 */
export async function loadDxStructureOverview(db: DbExecutor, scope: DashboardScope) {
  const [standing, figures] = await Promise.all([
    listStandingDxStructureReports(db, scope),
    scope.kind === 'national' ? listDxStructureNationalFigures(db) : Promise.resolve([]),
  ])
  const byPrefecture = new Map<string, DxStructureReportRow[]>()
  for (const row of standing)
    byPrefecture.set(row.prefecture_code, [...(byPrefecture.get(row.prefecture_code) ?? []), row])
  const prefectures =
    scope.kind === 'national' ? PREFECTURE_TILES : PREFECTURE_TILES.filter((t) => t.code === scope.prefectureCode)
  const rows: DxStructureRowView[] = prefectures.map((p) => {
    const reports = byPrefecture.get(p.code) ?? []
    return {
      code: p.code,
      name: p.name,
      cells: DX_STRUCTURE_REQUIREMENTS.map((requirement) => {
        const report = reports.find((r) => r.requirement === requirement)
        return report ? cellView(report) : null
      }),
    }
  })
  const confirmed: Four = [0, 0, 0, 0]
  const withPending: Four = [0, 0, 0, 0]
  let confirmedAll = 0
  let withPendingAll = 0
  for (const row of rows) {
    row.cells.forEach((cell, i) => {
      if (cell?.met) withPending[i]!++
      if (cell?.met && cell.status === 'confirmed') confirmed[i]!++
    })
    if (row.cells.every((cell) => cell?.met)) withPendingAll++
    if (row.cells.every((cell) => cell?.met && cell.status === 'confirmed')) confirmedAll++
  }
  return {
    rows,
    counts: { confirmed, confirmedAll, withPending, withPendingAll, prefectures: rows.length },
    figures: figures.map((f) => ({ ...f, asOfLabel: formatDate(f.asOf) })),
  }
}

export type DxStructureOverview = Awaited<ReturnType<typeof loadDxStructureOverview>>

function cellView(report: DxStructureReportRow): DxStructureCellView {
  const status = report.status === 'confirmed' ? 'confirmed' : 'reported'
  return {
    requirement: report.requirement,
    met: report.met,
    metLabel: metLabel(report.met),
    status,
    statusLabel: DX_STRUCTURE_REPORT_STATUS_LABELS[status],
    asOf: report.as_of,
    asOfLabel: formatShortDate(report.as_of),
  }
}

// ---- the page ----------------------------------------------------------------------------------------------

function reportView(report: DxStructureReportRow) {
  return {
    id: report.id,
    prefectureCode: report.prefecture_code,
    prefectureName: prefectureName(report.prefecture_code),
    requirement: report.requirement,
    requirementLabel: DX_STRUCTURE_REQUIREMENT_LABELS[report.requirement],
    met: report.met,
    metLabel: metLabel(report.met),
    asOf: report.as_of,
    asOfLabel: formatShortDate(report.as_of),
    note: report.note,
    status: report.status,
    statusLabel: DX_STRUCTURE_REPORT_STATUS_LABELS[report.status],
    reportedAt: formatShortDateTime(report.reported_at),
    reportedBy: report.reported_by_name ?? '（削除されたアカウント）',
    reviewedAt: report.reviewed_at ? formatShortDateTime(report.reviewed_at) : null,
    reviewedBy: report.reviewed_by_name,
    reviewNote: report.review_note,
  }
}

export type DxStructureReportView = ReturnType<typeof reportView>

/**
 * The ministry: the reports waiting for an answer and the national table. A prefecture: its four requirements,
 * each with its latest report (whatever its state) and its history, and the date the report form starts from.
 */
export async function getDxStructurePage(context: AppLoadContext, user: SessionUser) {
  const { db } = context.services.database
  const scope = dxStructureScopeOf(user)
  if (scope.kind === 'national') {
    const [pending, overview] = await Promise.all([
      listPendingDxStructureReports(db),
      loadDxStructureOverview(db, scope),
    ])
    return { kind: 'national' as const, pending: pending.map(reportView), overview, prefecture: null, requirements: [] }
  }
  const [reports, overview] = await Promise.all([listDxStructureReports(db, scope), loadDxStructureOverview(db, scope)])
  const requirements = DX_STRUCTURE_REQUIREMENTS.map((requirement) => {
    const history = reports.filter((r) => r.requirement === requirement).map(reportView)
    return {
      requirement,
      label: DX_STRUCTURE_REQUIREMENT_LABELS[requirement],
      latest: history[0] ?? null,
      history,
    }
  })
  return {
    kind: 'prefecture' as const,
    pending: [],
    overview,
    prefecture: { code: scope.prefectureCode, name: prefectureName(scope.prefectureCode), today: tokyoIsoDate() },
    requirements,
  }
}

// ---- reporting and answering ---------------------------------------------------------------------------------

/** A prefecture's report of one requirement (always its own prefecture's), with its audit row. */
export async function reportDxStructure(context: AppLoadContext, user: SessionUser, input: DxStructureReportInput) {
  if (!userHasPermission(user, 'report:dx-structure:own-prefecture') || !user.prefecture_code) throw forbidden()
  const scope = dxStructureScopeOf(user)
  if (scope.kind !== 'prefecture') throw forbidden()
  const requirement = input.requirement as DxStructureRequirement
  const id = crypto.randomUUID()
  const { db } = context.services.database
  await db.transaction().execute(async (trx) => {
    await insertDxStructureReport(trx, {
      id,
      prefecture_code: scope.prefectureCode,
      requirement,
      met: input.met,
      as_of: input.asOf,
      note: input.note,
      status: 'reported',
      reported_by: user.id,
    })
    await recordAudit(trx, actorFrom(context, user), {
      entity: 'dx_structure_report',
      action: 'report',
      entityId: id,
      prefectureCode: scope.prefectureCode,
      summary: `${DX_STRUCTURE_REQUIREMENT_LABELS[requirement]}を「${metLabel(input.met)}」（${formatDate(input.asOf)}時点）と報告しました`,
      after: { requirement, met: input.met, as_of: input.asOf, note: input.note, status: 'reported' },
    })
  })
  return { id, label: DX_STRUCTURE_REQUIREMENT_LABELS[requirement] }
}

export type ReviewResult = { status: 'ok'; message: string } | { status: 'stale'; message: string }

/**
 * The ministry confirms or returns a report waiting for it. A report already answered, or replaced by a newer
 * one from the prefecture, is not answered again (stale); an unknown id is 404.
 */
export async function reviewDxStructure(
  context: AppLoadContext,
  user: SessionUser,
  input: DxStructureReviewInput,
): Promise<ReviewResult> {
  if (!userHasPermission(user, 'confirm:dx-structure:any')) throw forbidden()
  const { db } = context.services.database
  return db.transaction().execute(async (trx): Promise<ReviewResult> => {
    const report = await findDxStructureReport(trx, input.reportId)
    if (!report) throw new Response('指定された報告は見つかりません。', { status: 404 })
    const status = input.intent === 'confirm' ? 'confirmed' : 'returned'
    const answered = await reviewDxStructureReport(trx, report.id, { status, reviewedBy: user.id, note: input.note })
    const what = `${prefectureName(report.prefecture_code)}の${DX_STRUCTURE_REQUIREMENT_LABELS[report.requirement]}`
    if (!answered)
      return {
        status: 'stale',
        message: `${what}の報告は、すでに確認・差戻し済みか、新しい報告に置き換わっています。最新の一覧を確認してください。`,
      }
    await recordAudit(trx, actorFrom(context, user), {
      entity: 'dx_structure_report',
      action: input.intent,
      entityId: report.id,
      prefectureCode: report.prefecture_code,
      summary: `${what}の報告（${metLabel(report.met)}）を${input.intent === 'confirm' ? '確認しました' : '差し戻しました'}`,
      before: { status: report.status },
      after: { status, review_note: input.note },
    })
    return {
      status: 'ok',
      message: `${what}の報告を${input.intent === 'confirm' ? '確認しました' : '差し戻しました'}。`,
    }
  })
}
