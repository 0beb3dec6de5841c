// Municipal issues (課題, step ① of 001:246-250): a municipality posts what is wrong today and what it wants;
// the prefecture reviews them (or enters them after a hearing) and groups them into needs. Scope: a
// municipality sees its own posts only, a prefecture its municipalities', the ministry everything. The
// contact person is personal data: every change is audited.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import { findLocalGovernment, listMunicipalitiesOfPrefecture, listPrefectures } from '../../db/queries/local-government'
import {
  countIssues,
  findIssue,
  insertIssue,
  listIssues,
  setIssueStatus,
  updateIssueLocked,
  type ViewerScope,
} from '../../db/queries/issues'
import type { IssueStatus } from '../../db/schema'
import type { SessionUser } from '../utils/auth.server'
import { ISSUE_STATUS_LABELS, IT_STAFFING_LABELS, labelOf, URGENCY_LABELS } from '../utils/labels'
import type { IssueInput } from '../utils/need-validation'
import { loadPage } from '../utils/pagination'
import { isUuid } from '../utils/params'
import { userHasPermission } from '../utils/permissions'
import { actorFrom, recordAudit } from './audit.server'
import { catalogueNameMaps, loadNeedCatalogue } from './need-catalogue.server'

/** The rows a user may see, from their role: the WHERE clause of every issue and need query. */
export function viewerScopeOf(user: SessionUser): ViewerScope {
  if (user.role === 'ministry_staff' || user.role === 'ministry_admin') return { kind: 'national' }
  if ((user.role === 'prefecture_staff' || user.role === 'prefecture_admin') && user.prefecture_code) {
    return { kind: 'prefecture', prefectureCode: user.prefecture_code }
  }
  if (user.role === 'municipal_staff' && user.municipality_code && user.prefecture_code) {
    return { kind: 'municipality', prefectureCode: user.prefecture_code, municipalityCode: user.municipality_code }
  }
  throw new Response('このページを表示する権限がありません。', { status: 403 })
}

const notFound = () => new Response('指定された課題は見つかりません。', { status: 404 })

export async function getIssueList(
  context: AppLoadContext,
  user: SessionUser,
  filter: { status?: IssueStatus; municipalityCode?: string; prefectureCode?: string; page: number },
) {
  const { db } = context.services.database
  const scope = viewerScopeOf(user)
  const { page, ...listFilter } = filter
  const [{ rows, ...paged }, municipalities, prefectures] = await Promise.all([
    loadPage(page, countIssues(db, scope, listFilter), (range) => listIssues(db, scope, listFilter, range)),
    scope.kind === 'prefecture' ? listMunicipalitiesOfPrefecture(db, scope.prefectureCode) : Promise.resolve([]),
    scope.kind === 'national' ? listPrefectures(db) : Promise.resolve([]),
  ])
  return {
    scope: scope.kind,
    prefectures: prefectures.map((p) => ({ code: p.prefecture_code, name: p.name })),
    canCreate:
      userHasPermission(user, 'create:issue:own-municipality') ||
      userHasPermission(user, 'update:issue:own-prefecture'),
    canGroup: scope.kind === 'prefecture' && userHasPermission(user, 'update:need:own-prefecture'),
    municipalities: municipalities.map((m) => ({ code: m.code, name: m.name })),
    paged,
    issues: rows.map((row) => ({
      id: row.id,
      title: row.title,
      municipalityName: row.municipality_name,
      prefectureCode: row.prefecture_code,
      urgency: row.urgency,
      urgencyLabel: URGENCY_LABELS[row.urgency],
      status: row.status,
      statusLabel: ISSUE_STATUS_LABELS[row.status],
      enteredByPrefecture: row.entered_by_prefecture,
      createdAt: row.created_at.toISOString(),
      needs: row.needs.map((n) => ({ id: n.id, title: n.title, status: n.status })),
    })),
  }
}

async function requireIssue(context: AppLoadContext, user: SessionUser, id: string) {
  if (!isUuid(id)) throw notFound()
  const row = await findIssue(context.services.database.db, viewerScopeOf(user), id)
  if (!row) throw notFound()
  return row
}

/** What this user may do with this issue (pure: the pages show it, the writes enforce it). */
function issueAccess(user: SessionUser, status: IssueStatus) {
  const scope = viewerScopeOf(user)
  const isPrefecture = scope.kind === 'prefecture' && userHasPermission(user, 'update:issue:own-prefecture')
  const isOwnMunicipality = scope.kind === 'municipality'
  return {
    canEdit:
      (isPrefecture && status !== 'withdrawn') ||
      (isOwnMunicipality && (status === 'submitted' || status === 'reviewing')),
    statusActions: issueStatusActions(status, { isPrefecture, isOwnMunicipality }),
  }
}

export async function getIssuePage(context: AppLoadContext, user: SessionUser, id: string) {
  const row = await requireIssue(context, user, id)
  const catalogue = await loadNeedCatalogue(context.services.database.db)
  const names = catalogueNameMaps(catalogue)
  return {
    issue: {
      ...row,
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
      urgencyLabel: URGENCY_LABELS[row.urgency],
      statusLabel: ISSUE_STATUS_LABELS[row.status],
      itStaffingLabel: labelOf(IT_STAFFING_LABELS, row.it_staffing),
      topics: row.topic_skill_ids.map((skillId) => ({ id: skillId, name: names.skills.get(skillId) ?? skillId })),
    },
    ...issueAccess(user, row.status),
    showPrefectureNote: viewerScopeOf(user).kind !== 'municipality',
  }
}

function issueStatusActions(status: IssueStatus, who: { isPrefecture: boolean; isOwnMunicipality: boolean }) {
  const actions: Array<{ to: IssueStatus; label: string }> = []
  if (who.isPrefecture) {
    if (status === 'submitted') actions.push({ to: 'reviewing', label: '確認中にする' })
    if (status === 'submitted' || status === 'reviewing' || status === 'in_need')
      actions.push({ to: 'closed', label: '対応終了にする' })
    if (status === 'closed') actions.push({ to: 'reviewing', label: '確認中に戻す' })
  }
  if (who.isOwnMunicipality && (status === 'submitted' || status === 'reviewing'))
    actions.push({ to: 'withdrawn', label: 'この課題を取り下げる' })
  return actions
}

/** What the issue form needs: the catalogue's topics and, for prefecture staff, their municipalities. */
export async function getIssueFormOptions(context: AppLoadContext, user: SessionUser) {
  const { db } = context.services.database
  const scope = viewerScopeOf(user)
  const catalogue = await loadNeedCatalogue(db)
  let municipality: { code: string; name: string } | null = null
  let municipalities: Array<{ code: string; name: string }> = []
  if (scope.kind === 'municipality') {
    const row = await findLocalGovernment(db, scope.municipalityCode)
    municipality = row ? { code: row.code, name: row.name } : null
  } else if (scope.kind === 'prefecture') {
    municipalities = (await listMunicipalitiesOfPrefecture(db, scope.prefectureCode)).map((m) => ({
      code: m.code,
      name: m.name,
    }))
  }
  return {
    scope: scope.kind,
    municipality,
    municipalities,
    areas: catalogue.areas,
    defaults: {
      contactName: scope.kind === 'municipality' ? user.display_name : '',
      contactEmail: scope.kind === 'municipality' ? user.email : '',
    },
  }
}

type SaveIssueResult =
  { status: 'ok'; id: string } | { status: 'conflict' } | { status: 'invalid'; fieldErrors: Record<string, string[]> }

type IssueColumns = ReturnType<typeof issueValues> & { municipality_code: string }

/** What the audit log keeps of an issue (the columns officials act on, and the contact person). */
function snapshot(row: IssueColumns) {
  return {
    municipality_code: row.municipality_code,
    title: row.title,
    urgency: row.urgency,
    topic_skill_ids: row.topic_skill_ids,
    it_staffing: row.it_staffing,
    contact_name: row.contact_name,
    contact_email: row.contact_email,
  }
}

/** The columns both a new post and an edit write from the form. */
function issueValues(input: IssueInput) {
  return {
    title: input.title,
    current_situation: input.currentSituation,
    desired_outcome: input.desiredOutcome,
    urgency: input.urgency,
    topic_skill_ids: input.topicSkillIds,
    it_staffing: input.itStaffing,
    size_note: input.sizeNote,
    contact_name: input.contactName,
    contact_department: input.contactDepartment,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone,
  }
}

/** Checks the parts the schema cannot: the municipality (in the user's own prefecture) and the topics. */
async function resolveIssueTarget(
  context: AppLoadContext,
  user: SessionUser,
  input: IssueInput,
): Promise<{ municipalityCode: string; prefectureCode: string } | { fieldErrors: Record<string, string[]> }> {
  const { db } = context.services.database
  const scope = viewerScopeOf(user)
  const catalogue = await loadNeedCatalogue(db)
  const known = new Set(catalogue.areas.flatMap((area) => area.skills.map((s) => s.id)))
  if (input.topicSkillIds.some((id) => !known.has(id)))
    return { fieldErrors: { topicSkillIds: ['分野は一覧から選択してください'] } }
  if (scope.kind === 'municipality')
    return { municipalityCode: scope.municipalityCode, prefectureCode: scope.prefectureCode }
  if (scope.kind !== 'prefecture' || !userHasPermission(user, 'update:issue:own-prefecture'))
    throw new Response('この操作を行う権限がありません。', { status: 403 })
  if (!input.municipalityCode) return { fieldErrors: { municipalityCode: ['課題のある市区町村を選択してください'] } }
  const body = await findLocalGovernment(db, input.municipalityCode)
  if (!body || body.kind === 'prefecture' || !body.active)
    return { fieldErrors: { municipalityCode: ['市区町村を一覧から選択してください'] } }
  if (body.prefecture_code !== scope.prefectureCode)
    return {
      fieldErrors: {
        municipalityCode: [`${body.name}は管内の市区町村ではありません。管内の市区町村を選択してください`],
      },
    }
  return { municipalityCode: body.code, prefectureCode: body.prefecture_code }
}

export async function createIssue(
  context: AppLoadContext,
  user: SessionUser,
  input: IssueInput,
): Promise<SaveIssueResult> {
  const target = await resolveIssueTarget(context, user, input)
  if ('fieldErrors' in target) return { status: 'invalid', fieldErrors: target.fieldErrors }
  const enteredByPrefecture = user.role === 'prefecture_staff' || user.role === 'prefecture_admin'
  const id = crypto.randomUUID()
  await context.services.database.db.transaction().execute(async (trx) => {
    await insertIssue(trx, {
      id,
      prefecture_code: target.prefectureCode,
      municipality_code: target.municipalityCode,
      ...issueValues(input),
      entered_by_prefecture: enteredByPrefecture,
      prefecture_note: enteredByPrefecture ? input.prefectureNote : '',
      created_by: user.id,
    })
    await recordAudit(trx, actorFrom(context, user), {
      action: 'create',
      entity: 'municipal_issue',
      entityId: id,
      summary: enteredByPrefecture
        ? `課題「${input.title}」を市区町村に代わって登録しました`
        : `課題「${input.title}」を登録しました`,
      prefectureCode: target.prefectureCode,
      municipalityCode: target.municipalityCode,
      after: snapshot({ ...issueValues(input), municipality_code: target.municipalityCode }),
    })
  })
  return { status: 'ok', id }
}

export async function updateIssue(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  input: IssueInput,
): Promise<SaveIssueResult> {
  const before = await requireIssue(context, user, id)
  if (!issueAccess(user, before.status).canEdit) throw new Response('この課題は編集できません。', { status: 403 })
  const scope = viewerScopeOf(user)
  // A municipality cannot move its post elsewhere; the prefecture may correct the body within its prefecture.
  const target = await resolveIssueTarget(
    context,
    user,
    scope.kind === 'municipality'
      ? input
      : { ...input, municipalityCode: input.municipalityCode ?? before.municipality_code },
  )
  if ('fieldErrors' in target) return { status: 'invalid', fieldErrors: target.fieldErrors }
  return context.services.database.db.transaction().execute(async (trx): Promise<SaveIssueResult> => {
    const saved = await updateIssueLocked(
      trx,
      id,
      {
        municipality_code: target.municipalityCode,
        ...issueValues(input),
        // Only the prefecture writes its hearing notes; a municipality's save keeps them.
        ...(scope.kind === 'prefecture' ? { prefecture_note: input.prefectureNote } : {}),
      },
      input.lockVersion ?? -1,
    )
    if (!saved) return { status: 'conflict' }
    await recordAudit(trx, actorFrom(context, user), {
      action: 'update',
      entity: 'municipal_issue',
      entityId: id,
      summary: `課題「${input.title}」を更新しました`,
      prefectureCode: target.prefectureCode,
      municipalityCode: target.municipalityCode,
      before: snapshot(before),
      after: snapshot({ ...issueValues(input), municipality_code: target.municipalityCode }),
    })
    return { status: 'ok', id }
  })
}

export async function changeIssueStatus(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  to: IssueStatus,
): Promise<{ status: 'ok'; label: string } | { status: 'refused'; message: string }> {
  const issue = await requireIssue(context, user, id)
  const action = issueAccess(user, issue.status).statusActions.find((a) => a.to === to)
  if (!action)
    return {
      status: 'refused',
      message: `「${ISSUE_STATUS_LABELS[issue.status]}」の課題をこの状態には変更できません。`,
    }
  const from = issue.status
  await context.services.database.db.transaction().execute(async (trx) => {
    await setIssueStatus(trx, id, { from, to })
    await recordAudit(trx, actorFrom(context, user), {
      action: 'change_status',
      entity: 'municipal_issue',
      entityId: id,
      summary: `課題「${issue.title}」を「${ISSUE_STATUS_LABELS[to]}」にしました`,
      prefectureCode: issue.prefecture_code,
      municipalityCode: issue.municipality_code,
      before: { status: from },
      after: { status: to },
    })
  })
  return { status: 'ok', label: ISSUE_STATUS_LABELS[to] }
}
