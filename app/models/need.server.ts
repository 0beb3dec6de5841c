// Needs (ニーズ) and their job descriptions (step ② and ③ of 001:246-250): a prefecture groups its
// municipalities' issues into a need, writes the job description (tasks, role, skills, employment form,
// who employs, the municipalities served with days a week, place, period, pay, selection, management) and
// moves it 下書き → 公開 → 選考中 → 充足 → 終了 (or 取下げ), with history and audit. Only 公開 needs reach the
// search index (the open calls and, later, matching); everything else stays inside the prefecture.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../db/client'
import {
  findPrefecture,
  listLocalGovernmentsByCodes,
  listMunicipalitiesOfPrefecture,
  listPrefectures,
} from '../../db/queries/local-government'
import {
  listGroupableIssues,
  listIssuesByIds,
  markIssuesInNeed,
  reopenIssueOutsideNeeds,
} from '../../db/queries/issues'
import {
  addNeedIssues,
  countNeeds,
  findNeed,
  insertNeed,
  insertNeedEvent,
  listNeedEvents,
  listNeedInterests,
  listNeedIssues,
  listNeeds,
  removeNeedIssue,
  replaceNeedMunicipalities,
  replaceNeedSkills,
  setNeedStatus,
  updateNeedLocked,
} from '../../db/queries/needs'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import { findOfferedEntry, listShortlist } from '../../db/queries/shortlist'
import type { NeedStatus, PayUnit } from '../../db/schema'
import { DEFAULT_SELECTION_PROCESS, findNeedTemplate, NEED_TEMPLATES } from '../../seeds/need-templates'
import type { SessionUser } from '../utils/auth.server'
import { toCsv } from '../utils/csv'
import { loadPage } from '../utils/pagination'
import { formatIsoDateTime, tokyoDateStamp, tokyoIsoDate } from '../utils/dates'
import { daysPerWeekTotal, daysPerWeekWarning, type NeedInput } from '../utils/need-validation'
import {
  EMPLOYER_LABELS,
  EMPLOYMENT_FORM_LABELS,
  ISSUE_STATUS_LABELS,
  labelOf,
  NEED_STATUS_LABELS,
  SHORTLIST_STATUS_LABELS,
  PAY_UNIT_LABELS,
} from '../utils/labels'
import { shortlistNextStep } from '../utils/shortlist-workflow'
import {
  allowedTransitions,
  canTransition,
  isEditable,
  publishProblems,
  TRANSITION_LABELS,
} from '../utils/need-workflow'
import { isUuid } from '../utils/params'
import { userHasPermission } from '../utils/permissions'
import { actorFrom, type AuditActor, recordAudit } from './audit.server'
import { viewerScopeOf } from './issue.server'
import { profileViewerOf } from './pool-scope.server'
import { catalogueNameMaps, loadNeedCatalogue, type NeedCatalogue } from './need-catalogue.server'

const notFound = () => new Response('指定されたニーズは見つかりません。', { status: 404 })

export const NEED_CONFLICT_MESSAGE =
  'ほかの人がこのニーズを先に更新しました。最新の内容を確認してから、もう一度保存してください（入力した内容は残っています）。'

function payText(need: {
  pay_min_yen: number | null
  pay_max_yen: number | null
  pay_unit: PayUnit | null
  budget_yen: string | number | null
}): string {
  const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`
  const unit = labelOf(PAY_UNIT_LABELS, need.pay_unit)
  const parts: string[] = []
  if (need.pay_min_yen !== null && need.pay_max_yen !== null)
    parts.push(`${unit} ${yen(need.pay_min_yen)}〜${yen(need.pay_max_yen)}`)
  else if (need.pay_min_yen !== null) parts.push(`${unit} ${yen(need.pay_min_yen)}以上`)
  else if (need.pay_max_yen !== null) parts.push(`${unit} ${yen(need.pay_max_yen)}まで`)
  if (need.budget_yen !== null) parts.push(`予算 ${yen(Number(need.budget_yen))}`)
  return parts.join('、')
}

// ---- lists --------------------------------------------------------------------------------------------------

export async function getNeedList(
  context: AppLoadContext,
  user: SessionUser,
  filter: { status?: NeedStatus; prefectureCode?: string; page: number },
) {
  const { db } = context.services.database
  const scope = viewerScopeOf(user)
  if (scope.kind === 'municipality') throw new Response('このページを表示する権限がありません。', { status: 403 })
  const listFilter = { status: filter.status, prefectureCode: filter.prefectureCode }
  const [{ rows, ...paged }, catalogue, prefectures] = await Promise.all([
    loadPage(filter.page, countNeeds(db, scope, listFilter), (range) => listNeeds(db, scope, listFilter, range)),
    loadNeedCatalogue(db),
    scope.kind === 'national' ? listPrefectures(db) : Promise.resolve([]),
  ])
  const names = catalogueNameMaps(catalogue)
  return {
    scope: scope.kind,
    prefectures: prefectures.map((p) => ({ code: p.prefecture_code, name: p.name })),
    canEdit: scope.kind === 'prefecture' && userHasPermission(user, 'update:need:own-prefecture'),
    paged,
    needs: rows.map((row) => {
      const { total, overLimit } = daysPerWeekTotal(row.municipalities.map((m) => ({ daysPerWeek: m.days_per_week })))
      return {
        id: row.id,
        title: row.title,
        prefectureName: row.prefecture_name,
        status: row.status,
        statusLabel: NEED_STATUS_LABELS[row.status],
        roleName: row.role_id ? (names.roles.get(row.role_id) ?? row.role_id) : '未設定',
        employmentFormLabel: labelOf(EMPLOYMENT_FORM_LABELS, row.employment_form) || '未設定',
        municipalities: row.municipalities.map((m) => `${m.name} 週${Number(m.days_per_week)}日`).join('・'),
        daysTotal: total,
        overLimit,
        startOn: row.start_on,
        openCall: row.open_call,
        interestCount: Number(row.interest_count ?? 0),
        updatedAt: row.updated_at.toISOString(),
      }
    }),
  }
}

export async function needsCsv(context: AppLoadContext, user: SessionUser) {
  const { db } = context.services.database
  const scope = viewerScopeOf(user)
  if (scope.kind === 'municipality') throw new Response('このページを表示する権限がありません。', { status: 403 })
  const [rows, catalogue] = await Promise.all([listNeeds(db, scope), loadNeedCatalogue(db)])
  const names = catalogueNameMaps(catalogue)
  const header = [
    'ID',
    '都道府県',
    '件名',
    '状態',
    '人材像',
    '任用・契約の形態',
    '採用主体',
    '支援する市区町村（週の日数）',
    '週の日数の合計',
    'リモート勤務（週）',
    '開始日',
    '終了日',
    '応募締切日',
    '公募ページに掲載',
    '関心表明の数',
    '更新日時',
  ]
  const body = rows.map((row) => [
    row.id,
    row.prefecture_name,
    row.title,
    NEED_STATUS_LABELS[row.status],
    row.role_id ? (names.roles.get(row.role_id) ?? row.role_id) : '',
    labelOf(EMPLOYMENT_FORM_LABELS, row.employment_form),
    labelOf(EMPLOYER_LABELS, row.employer),
    row.municipalities.map((m) => `${m.name}（週${Number(m.days_per_week)}日）`).join('、'),
    String(daysPerWeekTotal(row.municipalities.map((m) => ({ daysPerWeek: m.days_per_week }))).total),
    row.remote_days_per_week === null ? '' : String(Number(row.remote_days_per_week)),
    row.start_on ?? '',
    row.end_on ?? '',
    row.application_deadline ?? '',
    row.open_call ? 'はい' : 'いいえ',
    String(Number(row.interest_count ?? 0)),
    formatIsoDateTime(row.updated_at),
  ])
  const day = tokyoDateStamp()
  const who =
    scope.kind === 'prefecture'
      ? ((await findPrefecture(db, scope.prefectureCode))?.name ?? scope.prefectureCode)
      : '全国'
  return { csv: toCsv([header, ...body]), filename: `ニーズ一覧_${who}_${day}.csv`, asciiFilename: `needs_${day}.csv` }
}

// ---- one need ------------------------------------------------------------------------------------------------

export async function requireNeedRow(db: DbExecutor, user: SessionUser, id: string) {
  if (!isUuid(id)) throw notFound()
  const scope = viewerScopeOf(user)
  if (scope.kind === 'municipality') throw notFound()
  const row = await findNeed(db, scope, id)
  if (!row) throw notFound()
  return row
}

type NeedRow = Awaited<ReturnType<typeof requireNeedRow>>

/** The job description as the pages (and the printable A4 sheet) show it. */
export function describeNeed(row: NonNullable<Awaited<ReturnType<typeof findNeed>>>, catalogue: NeedCatalogue) {
  const names = catalogueNameMaps(catalogue)
  const { total, overLimit } = daysPerWeekTotal(row.municipalities.map((m) => ({ daysPerWeek: m.days_per_week })))
  return {
    id: row.id,
    title: row.title,
    prefectureCode: row.prefecture_code,
    prefectureName: row.prefecture_name,
    status: row.status,
    statusLabel: NEED_STATUS_LABELS[row.status],
    background: row.background,
    tasks: row.task_skill_ids.map((id) => names.skills.get(id) ?? id),
    taskDetails: row.task_details,
    roleName: row.role_id ? (names.roles.get(row.role_id) ?? row.role_id) : '',
    roleDuties: catalogue.roles.find((r) => r.id === row.role_id)?.duties ?? '',
    skills: row.skills.map((s) => ({
      name: names.skills.get(s.skill_id) ?? s.skill_id,
      minLevel: s.min_level,
      levelLabel: catalogue.levels.find((l) => l.level === s.min_level)?.label ?? '',
      essential: s.essential,
    })),
    employmentFormLabel: labelOf(EMPLOYMENT_FORM_LABELS, row.employment_form),
    employerLabel: labelOf(EMPLOYER_LABELS, row.employer),
    employerNote: row.employer_note,
    municipalities: row.municipalities.map((m) => ({
      code: m.code,
      name: m.name,
      daysPerWeek: Number(m.days_per_week),
    })),
    daysTotal: total,
    daysWarning: overLimit ? daysPerWeekWarning(total) : null,
    workPlace: row.work_place,
    remoteDaysPerWeek: row.remote_days_per_week === null ? null : Number(row.remote_days_per_week),
    startOn: row.start_on,
    endOn: row.end_on,
    pay: payText(row),
    selectionProcess: row.selection_process,
    supervisor: row.supervisor,
    managementNote: row.management_note,
    contact: row.contact,
    openCall: row.open_call,
    applicationDeadline: row.application_deadline,
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
    updatedAt: row.updated_at.toISOString(),
    lockVersion: row.lock_version,
  }
}

export async function getNeedPage(context: AppLoadContext, user: SessionUser, id: string) {
  const { db } = context.services.database
  const row = await requireNeedRow(db, user, id)
  const [catalogue, issues, events, interests, candidates, shortlist] = await Promise.all([
    loadNeedCatalogue(db),
    listNeedIssues(db, id),
    listNeedEvents(db, id),
    listNeedInterests(db, id, profileViewerOf(user)),
    listGroupableIssues(db, row.prefecture_code, id),
    listShortlist(db, id, profileViewerOf(user)),
  ])
  const canEdit = viewerScopeOf(user).kind === 'prefecture' && userHasPermission(user, 'update:need:own-prefecture')
  const need = describeNeed(row, catalogue)
  const offeredEntry = shortlist.find((e) => e.status === 'offered')
  return {
    need,
    canEdit,
    // Staff with a pool (a prefecture's, or the ministry's national view) can look for candidates.
    canMatch: profileViewerOf(user) !== null,
    editable: canEdit && isEditable(row.status),
    transitions: canEdit ? allowedTransitions(row.status).map((to) => ({ to, label: TRANSITION_LABELS[to] })) : [],
    publishProblems: row.status === 'draft' ? publishProblems(publishable(row), tokyoIsoDate()) : [],
    issues: issues.map((i) => ({
      id: i.id,
      title: i.title,
      municipalityName: i.municipality_name,
      status: i.status,
      statusLabel: ISSUE_STATUS_LABELS[i.status],
    })),
    candidateIssues:
      canEdit && isEditable(row.status)
        ? candidates.map((i) => ({ id: i.id, label: `${i.municipality_name}：${i.title}` }))
        : [],
    events: events.map((e) => ({
      id: Number(e.id),
      fromLabel: e.from_status ? NEED_STATUS_LABELS[e.from_status] : null,
      toLabel: NEED_STATUS_LABELS[e.to_status],
      occurredAt: e.occurred_at.toISOString(),
      actorLabel: e.actor_label,
      note: e.note,
    })),
    interests: interests.map((i) => ({
      poolMemberId: i.pool_member_id,
      // Null when the person does not share their profile with this viewer: the page says 非公開.
      name: i.full_name,
      message: i.message,
      createdAt: i.created_at.toISOString(),
    })),
    // The people taken from the match list (names only while they share their profile with this viewer).
    shortlist: shortlist.map((e) => ({
      id: e.id,
      name: e.full_name,
      status: e.status,
      statusLabel: SHORTLIST_STATUS_LABELS[e.status],
      nextStep: shortlistNextStep(e.status, Boolean(e.accepted), e.interview_at !== null),
      interviewAt: e.interview_at ? e.interview_at.toISOString() : null,
      interviewPlace: e.interview_place,
      updatedAt: e.updated_at.toISOString(),
    })),
    // Who fills the need: the shortlist's 内定 (the placement will be created from it).
    offer: offeredEntry ? { entryId: offeredEntry.id, name: offeredEntry.full_name } : null,
  }
}

function publishable(row: NeedRow) {
  return {
    title: row.title,
    role_id: row.role_id,
    employment_form: row.employment_form,
    start_on: row.start_on,
    task_skill_ids: row.task_skill_ids,
    task_details: row.task_details,
    supervisor: row.supervisor,
    municipalityCount: row.municipalities.length,
    application_deadline: row.application_deadline,
  }
}

/** The printable job description: any viewer of the need (the prefecture, the ministry). */
export async function getPrintableNeed(context: AppLoadContext, user: SessionUser, id: string) {
  const { db } = context.services.database
  const row = await requireNeedRow(db, user, id)
  return { need: describeNeed(row, await loadNeedCatalogue(db)), printedOn: tokyoIsoDate() }
}

// ---- create, edit ----------------------------------------------------------------------------------------------

function requirePrefectureEditor(user: SessionUser): string {
  const scope = viewerScopeOf(user)
  if (scope.kind !== 'prefecture' || !userHasPermission(user, 'update:need:own-prefecture')) {
    throw new Response('この操作を行う権限がありません。', { status: 403 })
  }
  return scope.prefectureCode
}

export async function getNewNeedPage(context: AppLoadContext, user: SessionUser, issueIds: string[]) {
  const prefectureCode = requirePrefectureEditor(user)
  const { db } = context.services.database
  const [catalogue, issues] = await Promise.all([
    loadNeedCatalogue(db),
    listIssuesByIds(db, prefectureCode, issueIds.filter(isUuid)),
  ])
  const names = catalogueNameMaps(catalogue)
  return {
    templates: NEED_TEMPLATES.map((t) => ({
      id: t.id,
      title: t.title,
      taskDetails: t.taskDetails,
      roleName: names.roles.get(t.roleId) ?? '',
      source: t.source,
    })),
    issues: issues.map((i) => ({ id: i.id, title: i.title, municipalityName: i.municipality_name })),
  }
}

type CreateNeedResult = { status: 'ok'; id: string } | { status: 'invalid'; fieldErrors: Record<string, string[]> }

/** Starts a draft from a template (or blank), grouping the chosen issues into it. */
export async function createNeed(
  context: AppLoadContext,
  user: SessionUser,
  input: { templateId: string | null; title: string | null; issueIds: string[] },
): Promise<CreateNeedResult> {
  const prefectureCode = requirePrefectureEditor(user)
  const { db } = context.services.database
  const template = input.templateId ? findNeedTemplate(input.templateId) : undefined
  if (input.templateId && !template)
    return { status: 'invalid', fieldErrors: { templateId: ['ひな形を一覧から選択してください'] } }
  const issues = await listIssuesByIds(db, prefectureCode, input.issueIds)
  if (issues.length !== new Set(input.issueIds).size)
    return { status: 'invalid', fieldErrors: { issueIds: ['管内の課題を選択してください'] } }
  const title = input.title || template?.title || issues[0]?.title
  if (!title) return { status: 'invalid', fieldErrors: { title: ['件名を入力するか、ひな形を選んでください'] } }
  const catalogue = await loadNeedCatalogue(db)
  const known = catalogueNameMaps(catalogue)
  const id = crypto.randomUUID()
  // The municipalities of the grouped issues, each at the template's usual days (or 1 day) a week.
  const municipalities = [...new Map(issues.map((i) => [i.municipality_code, i])).keys()].map((code) => ({
    code,
    daysPerWeek: template?.daysPerMunicipality ?? 1,
  }))
  const background =
    issues.length > 0
      ? issues.map((i) => `【${i.municipality_name}】${i.current_situation}`).join('\n')
      : (template?.background ?? '')
  await db.transaction().execute(async (trx) => {
    await insertNeed(trx, {
      id,
      prefecture_code: prefectureCode,
      template_id: template?.id ?? null,
      title,
      background,
      task_skill_ids: (template?.taskSkillIds ?? []).filter((s) => known.skills.has(s)),
      task_details: template?.taskDetails ?? '',
      role_id: template && known.roles.has(template.roleId) ? template.roleId : null,
      employment_form: template?.employmentForm ?? null,
      selection_process: DEFAULT_SELECTION_PROCESS,
      created_by: user.id,
    })
    await replaceNeedMunicipalities(trx, id, municipalities)
    await replaceNeedSkills(
      trx,
      id,
      (template?.skills ?? []).filter((s) => known.skills.has(s.skillId)),
    )
    const issueIds = issues.map((i) => i.id)
    await addNeedIssues(trx, id, issueIds)
    await markIssuesInNeed(trx, issueIds)
    await insertNeedEvent(trx, {
      needId: id,
      from: null,
      to: 'draft',
      actorUserId: user.id,
      actorLabel: user.display_name,
      note: template ? `ひな形「${template.title}」から作成` : '',
    })
    await recordAudit(trx, actorFrom(context, user), {
      action: 'create',
      entity: 'need',
      entityId: id,
      summary: `ニーズ「${title}」を下書きで作成しました`,
      prefectureCode,
      after: { title, template_id: template?.id ?? null, issue_ids: issues.map((i) => i.id) },
    })
  })
  return { status: 'ok', id }
}

export async function getNeedEditPage(context: AppLoadContext, user: SessionUser, id: string) {
  const prefectureCode = requirePrefectureEditor(user)
  const { db } = context.services.database
  const row = await requireNeedRow(db, user, id)
  if (!isEditable(row.status))
    throw new Response(`「${NEED_STATUS_LABELS[row.status]}」のニーズは編集できません。`, { status: 403 })
  const [catalogue, municipalities] = await Promise.all([
    loadNeedCatalogue(db),
    listMunicipalitiesOfPrefecture(db, prefectureCode),
  ])
  const levelOf = new Map(row.skills.map((s) => [s.skill_id, s]))
  const skillOrder = catalogue.areas.flatMap((a) => a.skills.map((s) => s.id))
  return {
    status: row.status,
    statusLabel: NEED_STATUS_LABELS[row.status],
    lockVersion: row.lock_version,
    catalogue,
    municipalities: municipalities.map((m) => ({ code: m.code, name: m.name })),
    defaults: {
      title: row.title,
      background: row.background,
      taskSkillIds: row.task_skill_ids,
      taskDetails: row.task_details,
      roleId: row.role_id ?? '',
      employmentForm: row.employment_form ?? '',
      employer: row.employer,
      employerNote: row.employer_note,
      municipalities: row.municipalities.map((m) => ({ code: m.code, daysPerWeek: String(Number(m.days_per_week)) })),
      workPlace: row.work_place,
      remoteDaysPerWeek: row.remote_days_per_week === null ? '' : String(Number(row.remote_days_per_week)),
      startOn: row.start_on ?? '',
      endOn: row.end_on ?? '',
      payMinYen: row.pay_min_yen === null ? '' : String(row.pay_min_yen),
      payMaxYen: row.pay_max_yen === null ? '' : String(row.pay_max_yen),
      payUnit: row.pay_unit ?? '',
      budgetYen: row.budget_yen === null ? '' : String(row.budget_yen),
      skills: skillOrder.map((skillId) => {
        const held = levelOf.get(skillId)
        return {
          skillId,
          minLevel: held ? String(held.min_level) : '',
          essential: held && !held.essential ? 'optional' : 'essential',
        }
      }),
      selectionProcess: row.selection_process,
      supervisor: row.supervisor,
      managementNote: row.management_note,
      contact: row.contact,
      openCall: row.open_call ? 'on' : '',
      applicationDeadline: row.application_deadline ?? '',
    },
  }
}

type SaveNeedResult =
  | { status: 'ok'; warning: string | null }
  | { status: 'conflict' }
  | { status: 'invalid'; fieldErrors: Record<string, string[]> }

/** What the audit log keeps of a job description, from the stored row or from a save (same shape). */
function needSnapshot(need: {
  title: string
  role_id: string | null
  employment_form: string | null
  employer: string
  municipalities: ReadonlyArray<{ code: string; days_per_week: number | string }>
  skills: ReadonlyArray<{ skill_id: string; min_level: number; essential: boolean }>
  start_on: string | null
  end_on: string | null
  pay_min_yen: number | null
  pay_max_yen: number | null
  budget_yen: number | string | null
  open_call: boolean
}) {
  return {
    title: need.title,
    role_id: need.role_id,
    employment_form: need.employment_form,
    employer: need.employer,
    municipalities: need.municipalities.map((m) => `${m.code}:${Number(m.days_per_week)}`),
    skills: need.skills.map((s) => `${s.skill_id}:${s.min_level}${s.essential ? '' : '(任意)'}`),
    start_on: need.start_on,
    end_on: need.end_on,
    pay_min_yen: need.pay_min_yen,
    pay_max_yen: need.pay_max_yen,
    budget_yen: need.budget_yen === null ? null : Number(need.budget_yen),
    open_call: need.open_call,
  }
}

/** The need columns a save writes from the form. */
function needValues(input: NeedInput) {
  return {
    title: input.title,
    background: input.background,
    task_skill_ids: input.taskSkillIds,
    task_details: input.taskDetails,
    role_id: input.roleId,
    employment_form: input.employmentForm,
    employer: input.employer,
    employer_note: input.employerNote,
    work_place: input.workPlace,
    remote_days_per_week: input.remoteDaysPerWeek,
    start_on: input.startOn,
    end_on: input.endOn,
    pay_min_yen: input.payMinYen,
    pay_max_yen: input.payMaxYen,
    pay_unit: input.payUnit,
    budget_yen: input.budgetYen,
    selection_process: input.selectionProcess,
    supervisor: input.supervisor,
    management_note: input.managementNote,
    contact: input.contact,
    open_call: input.openCall,
    application_deadline: input.applicationDeadline,
  }
}

export async function saveNeed(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  input: NeedInput,
): Promise<SaveNeedResult> {
  const prefectureCode = requirePrefectureEditor(user)
  const { db } = context.services.database
  const before = await requireNeedRow(db, user, id)
  if (!isEditable(before.status))
    throw new Response(`「${NEED_STATUS_LABELS[before.status]}」のニーズは編集できません。`, { status: 403 })

  // What the schema cannot check: municipalities within the prefecture, catalogue ids.
  const fieldErrors: Record<string, string[]> = {}
  const bodies = new Map(
    (
      await listLocalGovernmentsByCodes(
        db,
        input.municipalities.map((m) => m.code),
      )
    ).map((b) => [b.code, b]),
  )
  input.municipalities.forEach((m, index) => {
    const body = bodies.get(m.code)
    if (!body || body.kind === 'prefecture')
      fieldErrors[`municipalities[${index}].code`] = ['市区町村を一覧から選択してください']
    else if (body.prefecture_code !== prefectureCode)
      fieldErrors[`municipalities[${index}].code`] = [
        `${body.name}は管内の市区町村ではありません。管内の市区町村だけを選択してください`,
      ]
  })
  const catalogue = await loadNeedCatalogue(db)
  const names = catalogueNameMaps(catalogue)
  const keptSkills = new Set([...before.task_skill_ids, ...before.skills.map((s) => s.skill_id)])
  if (input.taskSkillIds.some((s) => !names.skills.has(s) && !keptSkills.has(s)))
    fieldErrors.taskSkillIds = ['支援する業務は一覧から選択してください']
  if (input.roleId && !names.roles.has(input.roleId) && input.roleId !== before.role_id)
    fieldErrors.roleId = ['人材像は一覧から選択してください']
  if (input.skills.some((s) => !names.skills.has(s.skillId) && !keptSkills.has(s.skillId)))
    fieldErrors.skills = ['必要なスキルは一覧から選択してください']
  // A published need must stay publishable.
  if (before.status !== 'draft') {
    const problems = publishProblems(
      {
        title: input.title,
        role_id: input.roleId,
        employment_form: input.employmentForm,
        start_on: input.startOn,
        task_skill_ids: input.taskSkillIds,
        task_details: input.taskDetails,
        supervisor: input.supervisor,
        municipalityCount: input.municipalities.length,
        application_deadline: null,
      },
      tokyoIsoDate(),
    )
    if (problems.length > 0)
      fieldErrors[''] = [
        `「${NEED_STATUS_LABELS[before.status]}」のニーズでは次の項目を空にできません: ${problems.join('／')}`,
      ]
  }
  if (Object.keys(fieldErrors).length > 0) return { status: 'invalid', fieldErrors }

  return db.transaction().execute(async (trx): Promise<SaveNeedResult> => {
    const saved = await updateNeedLocked(
      trx,
      id,
      { prefectureCode, lockVersion: input.lockVersion ?? -1 },
      needValues(input),
    )
    if (!saved) return { status: 'conflict' }
    await replaceNeedMunicipalities(trx, id, input.municipalities)
    await replaceNeedSkills(trx, id, input.skills)
    await enqueueSearchSync(trx, 'need', [id])
    await recordAudit(trx, actorFrom(context, user), {
      action: 'update',
      entity: 'need',
      entityId: id,
      summary: `ニーズ「${input.title}」のジョブディスクリプションを更新しました`,
      prefectureCode,
      before: needSnapshot(before),
      after: needSnapshot({
        ...needValues(input),
        municipalities: input.municipalities.map((m) => ({ code: m.code, days_per_week: m.daysPerWeek })),
        skills: input.skills.map((s) => ({ skill_id: s.skillId, min_level: s.minLevel, essential: s.essential })),
      }),
    })
    return { status: 'ok', warning: daysPerWeekWarning(daysPerWeekTotal(input.municipalities).total) }
  })
}

// ---- status ------------------------------------------------------------------------------------------------

type ChangeNeedStatusResult =
  { status: 'ok'; label: string } | { status: 'conflict' } | { status: 'refused'; messages: string[] }

export async function changeNeedStatus(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  input: { to: NeedStatus; lockVersion: number; note: string },
): Promise<ChangeNeedStatusResult> {
  requirePrefectureEditor(user)
  const { db } = context.services.database
  const row = await requireNeedRow(db, user, id)
  if (!canTransition(row.status, input.to)) {
    return {
      status: 'refused',
      messages: [`「${NEED_STATUS_LABELS[row.status]}」から「${NEED_STATUS_LABELS[input.to]}」には変更できません。`],
    }
  }
  if (input.to === 'published') {
    const problems = publishProblems(publishable(row), tokyoIsoDate())
    if (problems.length > 0) return { status: 'refused', messages: problems }
  }
  return db.transaction().execute(async (trx): Promise<ChangeNeedStatusResult> => {
    // The 内定 of the shortlist is who fills the need: it is undone there (辞退), which reopens the need.
    if (row.status === 'filled' && input.to === 'selecting' && (await findOfferedEntry(trx, id)))
      return {
        status: 'refused',
        messages: [
          'このニーズには内定者がいます。選考中に戻すには、候補者のページで内定を「辞退」として記録してください（ニーズは自動で選考中に戻ります）。',
        ],
      }
    const moved = await moveNeedStatus(trx, actorFrom(context, user), row, input)
    if (moved === 'conflict') return { status: 'conflict' }
    if (moved === 'refused')
      return {
        status: 'refused',
        messages: [`「${NEED_STATUS_LABELS[row.status]}」から「${NEED_STATUS_LABELS[input.to]}」には変更できません。`],
      }
    return { status: 'ok', label: NEED_STATUS_LABELS[input.to] }
  })
}

/**
 * One step of a need's life inside the caller's transaction, by the transition rules (need-workflow.ts): the
 * status guarded by the lock version, the history, the search index (only 公開 needs are documents) and the
 * audit. The status page and the shortlist's 内定 (which fills the need) both go through here. 'refused' when
 * the rules do not allow the step; 'conflict' when the need changed since `lockVersion`.
 */
export async function moveNeedStatus(
  trx: DbExecutor,
  actor: AuditActor,
  need: { id: string; prefecture_code: string; title: string; status: NeedStatus },
  input: { to: NeedStatus; lockVersion: number; note: string; actorLabel?: string },
): Promise<'ok' | 'conflict' | 'refused'> {
  if (!canTransition(need.status, input.to)) return 'refused'
  const changed = await setNeedStatus(trx, need.id, {
    prefectureCode: need.prefecture_code,
    from: need.status,
    to: input.to,
    lockVersion: input.lockVersion,
  })
  if (!changed) return 'conflict'
  await insertNeedEvent(trx, {
    needId: need.id,
    from: need.status,
    to: input.to,
    actorUserId: actor.user?.id ?? null,
    actorLabel: input.actorLabel ?? actor.user?.display_name ?? actor.label ?? 'システム',
    note: input.note,
  })
  await enqueueSearchSync(trx, 'need', [need.id])
  await recordAudit(trx, actor, {
    action: 'change_status',
    entity: 'need',
    entityId: need.id,
    summary: `ニーズ「${need.title}」を「${NEED_STATUS_LABELS[input.to]}」にしました`,
    prefectureCode: need.prefecture_code,
    before: { status: need.status },
    after: { status: input.to, note: input.note },
  })
  return 'ok'
}

/** Groups more of the prefecture's issues into an existing need (or takes one out). */
export async function linkIssue(
  context: AppLoadContext,
  user: SessionUser,
  needId: string,
  issueId: string,
  link: boolean,
): Promise<{ status: 'ok' } | { status: 'refused'; message: string }> {
  const prefectureCode = requirePrefectureEditor(user)
  const { db } = context.services.database
  const need = await requireNeedRow(db, user, needId)
  if (!isEditable(need.status))
    return { status: 'refused', message: `「${NEED_STATUS_LABELS[need.status]}」のニーズは変更できません。` }
  const [issue] = isUuid(issueId) ? await listIssuesByIds(db, prefectureCode, [issueId]) : []
  if (!issue) return { status: 'refused', message: '管内の課題を選択してください。' }
  await db.transaction().execute(async (trx) => {
    if (link) {
      await addNeedIssues(trx, needId, [issueId])
      await markIssuesInNeed(trx, [issueId])
    } else {
      await removeNeedIssue(trx, needId, issueId)
      await reopenIssueOutsideNeeds(trx, issueId)
    }
    await recordAudit(trx, actorFrom(context, user), {
      action: link ? 'link_issue' : 'unlink_issue',
      entity: 'need',
      entityId: needId,
      summary: link
        ? `ニーズ「${need.title}」に課題「${issue.title}」を加えました`
        : `ニーズ「${need.title}」から課題「${issue.title}」を外しました`,
      prefectureCode,
      municipalityCode: issue.municipality_code,
      after: { issue_id: issueId },
    })
  })
  return { status: 'ok' }
}
