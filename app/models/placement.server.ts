// Placements (配置): a person employed or contracted by a body — a 都道府県 supporting its municipalities
// (市町村支援), or a 市町村's own CIO補佐官等 — with the municipalities served and days a week, the cost lines per
// fiscal year (what the 交付税 funding rules count) and the way from 下書き to 配置中 to 終了, with history and
// audit. Scope: the ministry reads everything (and changes nothing); a prefecture reads every placement in it and
// manages those its own body employs; a municipality reads those it employs or is served by and manages its own.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../db/client'
import {
  findLocalGovernment,
  findPrefecture,
  listLocalGovernmentsByCodes,
  listMunicipalitiesOfPrefecture,
  listPrefectures,
} from '../../db/queries/local-government'
import {
  countPlacements,
  findPlacement,
  findPlacementIdByShortlistEntry,
  insertPlacement,
  insertPlacementEvent,
  listPlacementEvents,
  listPlacements,
  type PlacementFilter,
  replacePlacementCosts,
  replacePlacementMunicipalities,
  setPlacementStatus,
  updatePlacementLocked,
} from '../../db/queries/placements'
import { findCurrentAppointmentOfPerson } from '../../db/queries/appointments'
import { findPoolMember, listPoolMembers } from '../../db/queries/pools'
import type { CostItem, EmploymentForm, PlacementEmployment, PlacementKind, PlacementStatus } from '../../db/schema'
import type { SessionUser } from '../utils/auth.server'
import { toCsv } from '../utils/csv'
import {
  fiscalYearOfIsoDate,
  formatDate,
  fiscalYearLabel,
  formatIsoDateTime,
  formatShortDate,
  tokyoDateStamp,
  tokyoFiscalYear,
  tokyoIsoDate,
} from '../utils/dates'
import {
  labelOf,
  PLACEMENT_EMPLOYMENT_LABELS,
  PLACEMENT_END_REASON_LABELS,
  PLACEMENT_KIND_LABELS,
  PLACEMENT_STATUS_LABELS,
} from '../utils/labels'
import { daysPerWeekTotal } from '../utils/need-validation'
import { loadPage } from '../utils/pagination'
import { isUuid } from '../utils/params'
import { PLACEMENT_READ_PERMISSIONS, PLACEMENT_UPDATE_PERMISSIONS, userHasPermission } from '../utils/permissions'
import {
  COST_LINES,
  costLineKey,
  costLinesOf,
  type PlacementCostsInput,
  PLACEMENT_DAYS_WARNING,
  placementDaysWarning,
  type PlacementEndInput,
  type PlacementInput,
} from '../utils/placement-validation'
import { actorFrom, type AuditActor, recordAudit } from './audit.server'
import { viewerScopeOf } from './issue.server'
import { profileViewerOf } from './pool-scope.server'

const notFound = () => new Response('指定された配置は見つかりません。', { status: 404 })

export const PLACEMENT_CONFLICT_MESSAGE =
  'ほかの人がこの配置を先に更新しました。最新の内容を確認してから、もう一度保存してください（入力した内容は残っています）。'

/** The fiscal years a list can be narrowed to: 令和元年度 to next year. */
function fiscalYearChoices(): number[] {
  const years: number[] = []
  for (let fy = tokyoFiscalYear() + 1; fy >= 2019; fy--) years.push(fy)
  return years
}

// ---- who may do what ------------------------------------------------------------------------------------------

/** The placements a user reads (403 for anyone who reads none). */
export function readScopeOf(user: SessionUser) {
  if (!PLACEMENT_READ_PERMISSIONS.some((permission) => userHasPermission(user, permission)))
    throw new Response('このページを表示する権限がありません。', { status: 403 })
  return viewerScopeOf(user)
}

/** The body whose placements a user records: a prefecture's staff their prefecture's body, municipal staff theirs. */
interface ManagedBody {
  employerCode: string
  employerName: string
  prefectureCode: string
  /** Prefectures place people to support their municipalities; a municipality records its own CIO補佐官等. */
  kind: PlacementKind
}

function mayManage(user: SessionUser): boolean {
  return PLACEMENT_UPDATE_PERMISSIONS.some((permission) => userHasPermission(user, permission))
}

export async function managedBodyOf(db: DbExecutor, user: SessionUser): Promise<ManagedBody | null> {
  const scope = viewerScopeOf(user)
  if (scope.kind === 'prefecture' && userHasPermission(user, 'update:placement:own-prefecture')) {
    const body = await findPrefecture(db, scope.prefectureCode)
    return body
      ? {
          employerCode: body.code,
          employerName: body.name,
          prefectureCode: body.prefecture_code,
          kind: 'municipal_support',
        }
      : null
  }
  if (scope.kind === 'municipality' && userHasPermission(user, 'update:placement:own-municipality')) {
    const body = await findLocalGovernment(db, scope.municipalityCode)
    return body
      ? { employerCode: body.code, employerName: body.name, prefectureCode: body.prefecture_code, kind: 'cio_adviser' }
      : null
  }
  return null
}

async function requireManagedBody(db: DbExecutor, user: SessionUser): Promise<ManagedBody> {
  const body = await managedBodyOf(db, user)
  if (!body) throw new Response('この操作を行う権限がありません。', { status: 403 })
  return body
}

export async function requirePlacementRow(db: DbExecutor, user: SessionUser, id: string) {
  if (!isUuid(id)) throw notFound()
  const row = await findPlacement(db, readScopeOf(user), id)
  if (!row) throw notFound()
  return row
}

type PlacementRow = Awaited<ReturnType<typeof requirePlacementRow>>

/** A placement the user's body employs: 404 when they cannot read it, 403 when they read but may not change it. */
async function requireManagedPlacement(db: DbExecutor, user: SessionUser, id: string) {
  const body = await requireManagedBody(db, user)
  const row = await requirePlacementRow(db, user, id)
  if (row.employer_code !== body.employerCode)
    throw new Response('この配置は、雇用する団体の担当者だけが変更できます。', { status: 403 })
  return { body, row }
}

// ---- how a placement reads ------------------------------------------------------------------------------------

const isEditable = (status: PlacementStatus) => status === 'draft' || status === 'active'

function employmentText(row: { employment: PlacementEmployment; fixed_term: boolean }): string {
  return `${PLACEMENT_EMPLOYMENT_LABELS[row.employment]}${row.fixed_term ? '（任期付）' : ''}`
}

function periodText(start: string | null, end: string | null): string {
  if (!start && !end) return '未定'
  return `${start ? formatShortDate(start) : '未定'}〜${end ? formatShortDate(end) : ''}`
}

function municipalitiesText(rows: ReadonlyArray<{ name: string; days_per_week: number | string; weekdays: string }>) {
  return rows.map((m) => `${m.name} 週${Number(m.days_per_week)}日${m.weekdays ? `（${m.weekdays}）` : ''}`).join('・')
}

/** The yes/no facts the funding rules read; a fact that does not apply to the kind is said so. */
function flagsOf(row: {
  kind: PlacementKind
  fixed_term: boolean
  main_duty_municipal_support: boolean
  appointed_accelerator: boolean
  designated_dx_leader: boolean
  plan_drafting_only: boolean
}) {
  const yes = (value: boolean) => (value ? 'はい' : 'いいえ')
  return [
    { label: '任期付', value: yes(row.fixed_term) },
    {
      label: '主たる業務が市町村支援',
      value: row.kind === 'municipal_support' ? yes(row.main_duty_municipal_support) : '該当なし（CIO補佐官等）',
    },
    { label: '任命された自治体DXアクセラレータ', value: yes(row.appointed_accelerator) },
    { label: 'DX推進リーダーに指定', value: yes(row.designated_dx_leader) },
    {
      label: '計画策定のみの委託',
      value: row.kind === 'cio_adviser' ? yes(row.plan_drafting_only) : '該当なし（市町村支援）',
    },
  ]
}

/** The fiscal years whose costs the page offers to edit: those with lines, those the period spans, and this one. */
function costYears(row: PlacementRow): number[] {
  const years = new Set(row.costs.map((c) => c.fiscal_year))
  const current = tokyoFiscalYear()
  years.add(current)
  if (row.start_on) {
    const first = fiscalYearOfIsoDate(row.start_on)
    const last = row.end_on ? fiscalYearOfIsoDate(row.end_on) : Math.max(first, current)
    for (let fy = first; fy <= last && fy - first < 10; fy++) years.add(fy)
  }
  return [...years].sort((a, b) => a - b)
}

/** The cost lines as a table: one row per line of the form, one column per fiscal year, and the totals. */
function costTable(row: PlacementRow) {
  const years = [...new Set(row.costs.map((c) => c.fiscal_year))].sort((a, b) => a - b)
  const amount = new Map(
    row.costs.map((c) => [`${c.fiscal_year}:${costLineKey(c.item, c.in_programme)}`, Number(c.amount)]),
  )
  return {
    years: years.map((fy) => ({ fy, label: fiscalYearLabel(fy) })),
    rows: COST_LINES.filter((line) => years.some((fy) => amount.has(`${fy}:${line.key}`))).map((line) => ({
      key: line.key,
      label: line.label,
      amounts: years.map((fy) => amount.get(`${fy}:${line.key}`) ?? null),
    })),
    totals: years.map((fy) =>
      row.costs.filter((c) => c.fiscal_year === fy).reduce((sum, c) => sum + Number(c.amount), 0),
    ),
  }
}

// ---- lists ------------------------------------------------------------------------------------------------

export async function getPlacementList(
  context: AppLoadContext,
  user: SessionUser,
  { page, ...filter }: PlacementFilter & { page: number },
) {
  const { db } = context.services.database
  const scope = readScopeOf(user)
  const [{ rows, ...paged }, prefectures] = await Promise.all([
    loadPage(page, countPlacements(db, scope, filter), (range) => listPlacements(db, scope, filter, range)),
    scope.kind === 'national' ? listPrefectures(db) : Promise.resolve([]),
  ])
  return {
    scope: scope.kind,
    prefectures: prefectures.map((p) => ({ code: p.prefecture_code, name: p.name })),
    fiscalYears: fiscalYearChoices().map((fy) => ({ value: String(fy), label: fiscalYearLabel(fy) })),
    canCreate: scope.kind !== 'national' && mayManage(user),
    paged,
    placements: rows.map((row) => ({
      id: row.id,
      personName: row.person_name,
      employerName: row.employer_name,
      kindLabel: PLACEMENT_KIND_LABELS[row.kind],
      employmentLabel: employmentText(row),
      municipalities: municipalitiesText(row.municipalities),
      overLimit:
        daysPerWeekTotal(row.municipalities.map((m) => ({ daysPerWeek: m.days_per_week }))).total >
        PLACEMENT_DAYS_WARNING,
      period: periodText(row.start_on, row.end_on),
      status: row.status,
      statusLabel: PLACEMENT_STATUS_LABELS[row.status],
    })),
  }
}

export async function placementsCsv(context: AppLoadContext, user: SessionUser, filter: PlacementFilter) {
  const { db } = context.services.database
  const scope = readScopeOf(user)
  const rows = await listPlacements(db, scope, filter)
  const yes = (value: boolean) => (value ? 'はい' : 'いいえ')
  const header = [
    'ID',
    '雇用する団体',
    '団体コード',
    '種別',
    '氏名',
    'ふりがな',
    '職名',
    '任用・契約の形態',
    '任期付',
    '主たる業務が市町村支援',
    '任命された自治体DXアクセラレータ',
    'DX推進リーダーに指定',
    '計画策定のみの委託',
    '支援する市区町村（週の日数・曜日）',
    '週の日数の合計',
    '開始日',
    '終了日',
    '状態',
    '終了の理由',
    '更新日時',
  ]
  const body = rows.map((row) => [
    row.id,
    row.employer_name,
    row.employer_code,
    PLACEMENT_KIND_LABELS[row.kind],
    row.person_name,
    row.person_kana,
    row.job_title,
    PLACEMENT_EMPLOYMENT_LABELS[row.employment],
    yes(row.fixed_term),
    row.kind === 'municipal_support' ? yes(row.main_duty_municipal_support) : '',
    yes(row.appointed_accelerator),
    yes(row.designated_dx_leader),
    row.kind === 'cio_adviser' ? yes(row.plan_drafting_only) : '',
    row.municipalities
      .map((m) => `${m.name}（週${Number(m.days_per_week)}日${m.weekdays ? `・${m.weekdays}` : ''}）`)
      .join('、'),
    String(daysPerWeekTotal(row.municipalities.map((m) => ({ daysPerWeek: m.days_per_week }))).total),
    row.start_on ?? '',
    row.end_on ?? '',
    PLACEMENT_STATUS_LABELS[row.status],
    labelOf(PLACEMENT_END_REASON_LABELS, row.end_reason),
    formatIsoDateTime(row.updated_at),
  ])
  const day = tokyoDateStamp()
  const who =
    scope.kind === 'national'
      ? '全国'
      : scope.kind === 'prefecture'
        ? ((await findPrefecture(db, scope.prefectureCode))?.name ?? scope.prefectureCode)
        : ((await findLocalGovernment(db, scope.municipalityCode))?.name ?? scope.municipalityCode)
  return {
    csv: toCsv([header, ...body]),
    filename: `配置一覧_${who}_${day}.csv`,
    asciiFilename: `placements_${day}.csv`,
  }
}

// ---- one placement ---------------------------------------------------------------------------------------------

export async function getPlacementPage(context: AppLoadContext, user: SessionUser, id: string) {
  const { db } = context.services.database
  const row = await requirePlacementRow(db, user, id)
  const [events, body] = await Promise.all([listPlacementEvents(db, id), managedBodyOf(db, user)])
  const canManage = body?.employerCode === row.employer_code
  const scope = viewerScopeOf(user)
  // Links only where the viewer may follow them: the pool record to its pool's readers, the need to its readers.
  const readsPrefecture =
    scope.kind === 'national' || (scope.kind === 'prefecture' && scope.prefectureCode === row.prefecture_code)
  const { total } = daysPerWeekTotal(row.municipalities.map((m) => ({ daysPerWeek: m.days_per_week })))
  const activationProblems = [
    ...(row.start_on ? [] : ['開始日']),
    ...(row.municipalities.length > 0 ? [] : ['支援する市区町村と週の日数']),
  ]
  return {
    placement: {
      id: row.id,
      personName: row.person_name,
      personKana: row.person_kana,
      jobTitle: row.job_title,
      employerName: row.employer_name,
      kind: row.kind,
      kindLabel: PLACEMENT_KIND_LABELS[row.kind],
      employmentLabel: PLACEMENT_EMPLOYMENT_LABELS[row.employment],
      flags: flagsOf(row),
      startOn: row.start_on,
      endOn: row.end_on,
      status: row.status,
      statusLabel: PLACEMENT_STATUS_LABELS[row.status],
      endReasonLabel: labelOf(PLACEMENT_END_REASON_LABELS, row.end_reason),
      municipalities: row.municipalities.map((m) => ({
        code: m.code,
        name: m.name,
        daysPerWeek: Number(m.days_per_week),
        weekdays: m.weekdays,
      })),
      daysTotal: total,
      daysWarning: placementDaysWarning(total),
      lockVersion: row.lock_version,
      poolMemberHref:
        row.pool_member_id && readsPrefecture && profileViewerOf(user) ? `/pools/${row.pool_member_id}` : null,
      needHref:
        row.need_id && readsPrefecture && userHasPermission(user, 'read:need:own-prefecture')
          ? `/needs/${row.need_id}`
          : null,
    },
    // The employer's own record: cost lines and notes (a municipality a prefecture's person serves sees neither).
    employerRecord: row.employer_side
      ? {
          note: row.note,
          endNote: row.end_note,
          costs: costTable(row),
          costYears: canManage ? costYears(row).map((fy) => ({ fy, label: fiscalYearLabel(fy) })) : [],
        }
      : null,
    canEdit: canManage && isEditable(row.status),
    canActivate: canManage && row.status === 'draft',
    canEnd: canManage && row.status === 'active',
    activationProblems: row.status === 'draft' ? activationProblems : [],
    today: tokyoIsoDate(),
    history: events.map((e) => ({
      id: Number(e.id),
      at: e.occurred_at.toISOString(),
      from: e.from_status ? PLACEMENT_STATUS_LABELS[e.from_status] : null,
      to: PLACEMENT_STATUS_LABELS[e.to_status],
      actor: e.actor_label,
      note: e.note,
    })),
  }
}

// ---- create, edit ----------------------------------------------------------------------------------------------

/** What the form offers: the municipalities the body may serve, and (for a prefecture) its registered pool members. */
async function formChoices(db: DbExecutor, user: SessionUser, body: ManagedBody, linkedMemberId: string | null) {
  if (body.kind === 'cio_adviser')
    return { municipalities: [{ code: body.employerCode, name: body.employerName }], poolMembers: [] }
  const [municipalities, members, linked] = await Promise.all([
    listMunicipalitiesOfPrefecture(db, body.prefectureCode),
    listPoolMembers(
      db,
      { prefectureCode: body.prefectureCode },
      profileViewerOf(user),
      { status: 'registered' },
      { limit: 500, offset: 0 },
    ),
    linkedMemberId
      ? findPoolMember(db, linkedMemberId, { prefectureCode: body.prefectureCode }, profileViewerOf(user))
      : Promise.resolve(undefined),
  ])
  // The person's name is the pool's record of whom it holds (always shown to its staff); nothing else of the profile.
  const poolMembers = members.map((m) => ({ id: m.id, name: m.display_name ?? '（氏名なし）' }))
  if (linked && !poolMembers.some((m) => m.id === linked.id))
    poolMembers.unshift({ id: linked.id, name: linked.display_name ?? '（氏名なし）' })
  return { municipalities: municipalities.map((m) => ({ code: m.code, name: m.name })), poolMembers }
}

export async function getNewPlacementPage(context: AppLoadContext, user: SessionUser) {
  const { db } = context.services.database
  const body = await requireManagedBody(db, user)
  return {
    employerName: body.employerName,
    kind: body.kind,
    kindLabel: PLACEMENT_KIND_LABELS[body.kind],
    ...(await formChoices(db, user, body, null)),
    defaults: {
      employment: body.kind === 'cio_adviser' ? 'special_part_time' : '',
      mainDutyMunicipalSupport: body.kind === 'municipal_support' ? 'on' : '',
      municipalities: [{ code: body.kind === 'cio_adviser' ? body.employerCode : '', daysPerWeek: '1', weekdays: '' }],
    },
  }
}

type Invalid = { status: 'invalid'; fieldErrors: Record<string, string[]> }

/**
 * What the schema cannot check: the municipalities (of the employer's prefecture; a CIO補佐官等 serves its own body
 * only), the active placement's start, and the pool member (a member of the prefecture's pool, registered — or the
 * one already linked). Returns the columns to write.
 */
async function checkPlacementInput(
  db: DbExecutor,
  user: SessionUser,
  body: ManagedBody,
  input: PlacementInput,
  current: PlacementRow | null,
): Promise<Invalid | { status: 'ok'; values: ReturnType<typeof placementValues> }> {
  const fieldErrors: Record<string, string[]> = {}
  if (body.kind === 'cio_adviser') {
    if (input.municipalities.length !== 1 || input.municipalities[0]!.code !== body.employerCode)
      fieldErrors.municipalities = [`CIO補佐官等は${body.employerName}の勤務日数だけを入力してください`]
  } else {
    const bodies = new Map(
      (
        await listLocalGovernmentsByCodes(
          db,
          input.municipalities.map((m) => m.code),
        )
      ).map((b) => [b.code, b]),
    )
    input.municipalities.forEach((m, index) => {
      const found = bodies.get(m.code)
      if (!found || found.kind === 'prefecture')
        fieldErrors[`municipalities[${index}].code`] = ['市区町村を一覧から選択してください']
      else if (found.prefecture_code !== body.prefectureCode)
        fieldErrors[`municipalities[${index}].code`] = [
          `${found.name}は管内の市区町村ではありません。管内の市区町村だけを選択してください`,
        ]
    })
  }
  if (current?.status === 'active' && !input.startOn) fieldErrors.startOn = ['配置中の配置では開始日を空にできません']
  // The profile link follows the pool member chosen; without one, a link made from a 内定 stays as it was.
  const keptProfileId = current && !current.pool_member_id ? current.profile_id : null
  let person = { name: input.personName, kana: input.personKana, profileId: keptProfileId }
  if (input.poolMemberId) {
    const member =
      body.kind === 'municipal_support'
        ? await findPoolMember(db, input.poolMemberId, { prefectureCode: body.prefectureCode }, profileViewerOf(user))
        : undefined
    if (!member || (member.status !== 'registered' && member.id !== current?.pool_member_id))
      fieldErrors.poolMemberId = ['人材プールの登録者を一覧から選択してください']
    else
      person = {
        name: input.personName || (member.display_name ?? ''),
        kana: input.personKana || (member.display_kana ?? ''),
        profileId: member.profile_id,
      }
    if (!person.name) fieldErrors.personName = ['氏名を入力してください']
  }
  if (Object.keys(fieldErrors).length > 0) return { status: 'invalid', fieldErrors }
  const values = placementValues(body.kind, input, person)
  // A person from the pool is an appointed accelerator when the ministry's appointment says so, not the form.
  if (values.pool_member_id || values.profile_id)
    values.appointed_accelerator = Boolean(
      await findCurrentAppointmentOfPerson(db, { poolMemberId: values.pool_member_id, profileId: values.profile_id }),
    )
  return { status: 'ok', values }
}

/** The placement columns a save writes from the form; facts that do not apply to the kind are stored as no. */
function placementValues(
  kind: PlacementKind,
  input: PlacementInput,
  person: { name: string; kana: string; profileId: string | null },
) {
  return {
    person_name: person.name,
    person_kana: person.kana,
    profile_id: person.profileId,
    pool_member_id: input.poolMemberId,
    job_title: input.jobTitle,
    employment: input.employment,
    fixed_term: input.fixedTerm,
    main_duty_municipal_support: kind === 'municipal_support' && input.mainDutyMunicipalSupport,
    appointed_accelerator: input.appointedAccelerator,
    designated_dx_leader: input.designatedDxLeader,
    plan_drafting_only: kind === 'cio_adviser' && input.planDraftingOnly,
    start_on: input.startOn,
    end_on: input.endOn,
    note: input.note,
  }
}

/** What the audit log keeps of a placement, from the stored row or from a save (same shape). Names are masked. */
function placementSnapshot(p: {
  employer_code: string
  kind: PlacementKind
  person_name: string
  person_kana: string
  job_title: string
  employment: PlacementEmployment
  fixed_term: boolean
  main_duty_municipal_support: boolean
  appointed_accelerator: boolean
  designated_dx_leader: boolean
  plan_drafting_only: boolean
  start_on: string | null
  end_on: string | null
  pool_member_id: string | null
  note: string
  municipalities: ReadonlyArray<{ code: string; days_per_week: number | string; weekdays: string }>
}) {
  return {
    employer_code: p.employer_code,
    kind: p.kind,
    name: p.person_name,
    name_kana: p.person_kana,
    job_title: p.job_title,
    employment: p.employment,
    fixed_term: p.fixed_term,
    main_duty_municipal_support: p.main_duty_municipal_support,
    appointed_accelerator: p.appointed_accelerator,
    designated_dx_leader: p.designated_dx_leader,
    plan_drafting_only: p.plan_drafting_only,
    start_on: p.start_on,
    end_on: p.end_on,
    pool_member_id: p.pool_member_id,
    municipalities: p.municipalities.map((m) => `${m.code}:${Number(m.days_per_week)}`),
    weekdays: p.municipalities.filter((m) => m.weekdays).map((m) => `${m.code}:${m.weekdays}`),
    note: p.note,
  }
}

const servedRows = (input: PlacementInput) =>
  input.municipalities.map((m) => ({ code: m.code, days_per_week: m.daysPerWeek, weekdays: m.weekdays }))

type CreateResult = { status: 'ok'; id: string } | Invalid

export async function createPlacement(
  context: AppLoadContext,
  user: SessionUser,
  input: PlacementInput,
): Promise<CreateResult> {
  const { db } = context.services.database
  const body = await requireManagedBody(db, user)
  const checked = await checkPlacementInput(db, user, body, input, null)
  if (checked.status === 'invalid') return checked
  const id = crypto.randomUUID()
  const { values } = checked
  await db.transaction().execute(async (trx) => {
    await insertPlacement(trx, {
      id,
      employer_code: body.employerCode,
      prefecture_code: body.prefectureCode,
      kind: body.kind,
      ...values,
      created_by: user.id,
    })
    await replacePlacementMunicipalities(trx, id, input.municipalities)
    await insertPlacementEvent(trx, {
      placementId: id,
      action: 'create',
      from: null,
      to: 'draft',
      actorUserId: user.id,
      actorLabel: user.display_name,
    })
    await recordAudit(trx, actorFrom(context, user), {
      action: 'create',
      entity: 'placement',
      entityId: id,
      summary: `配置「${values.person_name}」を下書きで作成しました`,
      prefectureCode: body.prefectureCode,
      municipalityCode: body.kind === 'cio_adviser' ? body.employerCode : null,
      after: placementSnapshot({
        ...values,
        employer_code: body.employerCode,
        kind: body.kind,
        municipalities: servedRows(input),
      }),
    })
  })
  return { status: 'ok', id }
}

export async function getPlacementEditPage(context: AppLoadContext, user: SessionUser, id: string) {
  const { db } = context.services.database
  const { body, row } = await requireManagedPlacement(db, user, id)
  if (!isEditable(row.status))
    throw new Response(`「${PLACEMENT_STATUS_LABELS[row.status]}」の配置は編集できません。`, { status: 403 })
  const yes = (value: boolean) => (value ? 'on' : '')
  return {
    id: row.id,
    personName: row.person_name,
    employerName: body.employerName,
    kind: body.kind,
    kindLabel: PLACEMENT_KIND_LABELS[body.kind],
    status: row.status,
    statusLabel: PLACEMENT_STATUS_LABELS[row.status],
    lockVersion: row.lock_version,
    ...(await formChoices(db, user, body, row.pool_member_id)),
    defaults: {
      poolMemberId: row.pool_member_id ?? '',
      personName: row.person_name,
      personKana: row.person_kana,
      jobTitle: row.job_title,
      employment: row.employment,
      fixedTerm: yes(row.fixed_term),
      mainDutyMunicipalSupport: yes(row.main_duty_municipal_support),
      appointedAccelerator: yes(row.appointed_accelerator),
      designatedDxLeader: yes(row.designated_dx_leader),
      planDraftingOnly: yes(row.plan_drafting_only),
      startOn: row.start_on ?? '',
      endOn: row.end_on ?? '',
      note: row.note,
      municipalities: row.municipalities.map((m) => ({
        code: m.code,
        daysPerWeek: String(Number(m.days_per_week)),
        weekdays: m.weekdays,
      })),
    },
  }
}

type SaveResult = { status: 'ok'; warning: string | null } | { status: 'conflict' } | Invalid

export async function savePlacement(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  input: PlacementInput,
): Promise<SaveResult> {
  const { db } = context.services.database
  const { body, row } = await requireManagedPlacement(db, user, id)
  if (!isEditable(row.status))
    throw new Response(`「${PLACEMENT_STATUS_LABELS[row.status]}」の配置は編集できません。`, { status: 403 })
  const checked = await checkPlacementInput(db, user, body, input, row)
  if (checked.status === 'invalid') return checked
  const { values } = checked
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    const saved = await updatePlacementLocked(
      trx,
      id,
      { employerCode: body.employerCode, lockVersion: input.lockVersion ?? -1 },
      values,
    )
    if (!saved) return { status: 'conflict' }
    await replacePlacementMunicipalities(trx, id, input.municipalities)
    await insertPlacementEvent(trx, {
      placementId: id,
      action: 'update',
      from: row.status,
      to: row.status,
      actorUserId: user.id,
      actorLabel: user.display_name,
      note: '内容を更新',
    })
    await recordAudit(trx, actorFrom(context, user), {
      action: 'update',
      entity: 'placement',
      entityId: id,
      summary: `配置「${values.person_name}」を更新しました`,
      prefectureCode: row.prefecture_code,
      municipalityCode: row.kind === 'cio_adviser' ? row.employer_code : null,
      before: placementSnapshot(row),
      after: placementSnapshot({ ...row, ...values, municipalities: servedRows(input) }),
    })
    return {
      status: 'ok',
      warning: placementDaysWarning(daysPerWeekTotal(input.municipalities).total),
    }
  })
}

// ---- cost lines -------------------------------------------------------------------------------------------------

/** One fiscal year's lines as the audit log keeps them: an amount per line (`salary_yen`), absent = no line. */
function costSnapshot(fy: number, lines: ReadonlyArray<{ item: CostItem; inProgramme: boolean; amount: number }>) {
  const snapshot: Record<string, unknown> = { fiscal_year: fy }
  for (const line of lines) snapshot[`${costLineKey(line.item, line.inProgramme)}_yen`] = line.amount
  return snapshot
}

export async function getPlacementCostsPage(context: AppLoadContext, user: SessionUser, id: string, fy: number) {
  const { db } = context.services.database
  const { row } = await requireManagedPlacement(db, user, id)
  const amounts = new Map(
    row.costs.filter((c) => c.fiscal_year === fy).map((c) => [costLineKey(c.item, c.in_programme), Number(c.amount)]),
  )
  return {
    id: row.id,
    personName: row.person_name,
    kind: row.kind,
    fiscalYear: fy,
    fiscalYearLabel: fiscalYearLabel(fy),
    period: periodText(row.start_on, row.end_on),
    lockVersion: row.lock_version,
    // Shown with separators, as they are typed back.
    defaults: Object.fromEntries(
      COST_LINES.map((line) => {
        const value = amounts.get(line.key)
        return [line.key, value === undefined ? '' : value.toLocaleString('ja-JP')]
      }),
    ),
  }
}

type SaveCostsResult = { status: 'ok'; label: string } | { status: 'conflict' }

export async function savePlacementCosts(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  input: PlacementCostsInput,
): Promise<SaveCostsResult> {
  const { db } = context.services.database
  const { body, row } = await requireManagedPlacement(db, user, id)
  const fy = input.fiscalYear
  const before = row.costs
    .filter((c) => c.fiscal_year === fy)
    .map((c) => ({ item: c.item, inProgramme: c.in_programme, amount: Number(c.amount) }))
  const lines = costLinesOf(input)
  return db.transaction().execute(async (trx): Promise<SaveCostsResult> => {
    // The lines belong to the placement: its lock version guards them too (a stale form loses nothing).
    const saved = await updatePlacementLocked(
      trx,
      id,
      { employerCode: body.employerCode, lockVersion: input.lockVersion },
      {},
    )
    if (!saved) return { status: 'conflict' }
    await replacePlacementCosts(trx, id, fy, lines)
    await insertPlacementEvent(trx, {
      placementId: id,
      action: 'update_costs',
      from: row.status,
      to: row.status,
      actorUserId: user.id,
      actorLabel: user.display_name,
      note: `${fiscalYearLabel(fy)}の経費を更新`,
    })
    await recordAudit(trx, actorFrom(context, user), {
      action: 'update_costs',
      entity: 'placement',
      entityId: id,
      summary: `配置「${row.person_name}」の${fiscalYearLabel(fy)}の経費を更新しました`,
      prefectureCode: row.prefecture_code,
      municipalityCode: row.kind === 'cio_adviser' ? row.employer_code : null,
      before: costSnapshot(fy, before),
      after: costSnapshot(fy, lines),
    })
    return { status: 'ok', label: fiscalYearLabel(fy) }
  })
}

// ---- status ------------------------------------------------------------------------------------------------

type StatusResult = { status: 'ok' } | { status: 'conflict' } | { status: 'refused'; messages: string[] } | Invalid

export async function activatePlacement(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  input: { lockVersion: number; note: string },
): Promise<StatusResult> {
  const { db } = context.services.database
  const { body, row } = await requireManagedPlacement(db, user, id)
  if (row.status !== 'draft')
    return { status: 'refused', messages: [`「${PLACEMENT_STATUS_LABELS[row.status]}」の配置は開始できません。`] }
  const missing = [...(row.start_on ? [] : ['開始日']), ...(row.municipalities.length > 0 ? [] : ['支援する市区町村'])]
  if (missing.length > 0)
    return {
      status: 'refused',
      messages: [`配置を開始するには、「編集する」から次の項目を入力してください: ${missing.join('／')}`],
    }
  return db.transaction().execute(async (trx): Promise<StatusResult> => {
    const moved = await setPlacementStatus(trx, id, {
      employerCode: body.employerCode,
      from: 'draft',
      to: 'active',
      lockVersion: input.lockVersion,
    })
    if (!moved) return { status: 'conflict' }
    await insertPlacementEvent(trx, {
      placementId: id,
      action: 'activate',
      from: 'draft',
      to: 'active',
      actorUserId: user.id,
      actorLabel: user.display_name,
      note: input.note,
    })
    await recordAudit(trx, actorFrom(context, user), {
      action: 'activate',
      entity: 'placement',
      entityId: id,
      summary: `配置「${row.person_name}」を開始しました（${row.start_on}から）`,
      prefectureCode: row.prefecture_code,
      municipalityCode: row.kind === 'cio_adviser' ? row.employer_code : null,
      before: { status: 'draft' },
      after: { status: 'active', start_on: row.start_on, note: input.note },
    })
    return { status: 'ok' }
  })
}

export async function endPlacement(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  input: PlacementEndInput,
): Promise<StatusResult> {
  const { db } = context.services.database
  const { body, row } = await requireManagedPlacement(db, user, id)
  if (row.status !== 'active')
    return { status: 'refused', messages: [`「${PLACEMENT_STATUS_LABELS[row.status]}」の配置は終了できません。`] }
  const today = tokyoIsoDate()
  if (row.start_on && input.endOn < row.start_on)
    return {
      status: 'invalid',
      fieldErrors: { endOn: [`終了日は開始日（${formatDate(row.start_on)}）以降の日付にしてください`] },
    }
  // Ending records what happened; a planned end date belongs in 終了日（予定）, so the placement stays listed until then.
  if (input.endOn > today)
    return {
      status: 'invalid',
      fieldErrors: {
        endOn: [
          `終了日は今日（${formatDate(today)}）以前の日付にしてください。予定の終了日は「編集する」の「終了日（予定）」に入れます`,
        ],
      },
    }
  const reason = PLACEMENT_END_REASON_LABELS[input.endReason]
  return db.transaction().execute(async (trx): Promise<StatusResult> => {
    const moved = await setPlacementStatus(
      trx,
      id,
      { employerCode: body.employerCode, from: 'active', to: 'ended', lockVersion: input.lockVersion },
      { endOn: input.endOn, endReason: input.endReason, endNote: input.endNote },
    )
    if (!moved) return { status: 'conflict' }
    await insertPlacementEvent(trx, {
      placementId: id,
      action: 'end',
      from: 'active',
      to: 'ended',
      actorUserId: user.id,
      actorLabel: user.display_name,
      note: `${reason}（${input.endOn}）${input.endNote ? `：${input.endNote}` : ''}`,
    })
    await recordAudit(trx, actorFrom(context, user), {
      action: 'end',
      entity: 'placement',
      entityId: id,
      summary: `配置「${row.person_name}」を終了しました（${reason}）`,
      prefectureCode: row.prefecture_code,
      municipalityCode: row.kind === 'cio_adviser' ? row.employer_code : null,
      before: { status: 'active', end_on: row.end_on },
      after: { status: 'ended', end_on: input.endOn, end_reason: input.endReason, note: input.endNote },
    })
    return { status: 'ok' }
  })
}

// ---- from a 内定 -------------------------------------------------------------------------------------------------

/**
 * The employment form of a need as a placement's. 副業・兼業 is a wish, not a form of appointment: such a person
 * is typically taken on part-time (非常勤), which is also where an unset form starts. Staff confirm it before
 * starting the placement.
 */
export function placementEmploymentOf(form: EmploymentForm | null): PlacementEmployment {
  return form === null || form === 'side_job' ? 'part_time' : form
}

/**
 * Starts a draft placement from a 内定 on a prefecture's need, inside the caller's transaction: the prefecture's
 * body employs, the kind is 市町村支援, the municipalities and days are the need's. One placement per 内定: when the
 * entry already has one, that one is returned (`created: false`) and nothing is written.
 */
export async function createDraftPlacementFromOffer(
  trx: DbExecutor,
  input: {
    needId: string
    shortlistEntryId: string
    profileId: string | null
    poolMemberId: string | null
    personName: string
    personKana: string
    prefectureCode: string
    employment: EmploymentForm | null
    municipalities: ReadonlyArray<{ code: string; daysPerWeek: number }>
    actor: AuditActor
  },
): Promise<{ id: string; created: boolean }> {
  const existing = await findPlacementIdByShortlistEntry(trx, input.shortlistEntryId)
  if (existing) return { id: existing, created: false }
  const prefecture = await findPrefecture(trx, input.prefectureCode)
  if (!prefecture) throw new Error(`Unknown prefecture: ${input.prefectureCode}`)
  const id = crypto.randomUUID()
  const values = {
    person_name: input.personName,
    person_kana: input.personKana,
    profile_id: input.profileId,
    pool_member_id: input.poolMemberId,
    job_title: '',
    employment: placementEmploymentOf(input.employment),
    fixed_term: false,
    main_duty_municipal_support: true,
    appointed_accelerator: Boolean(
      await findCurrentAppointmentOfPerson(trx, { poolMemberId: input.poolMemberId, profileId: input.profileId }),
    ),
    designated_dx_leader: false,
    plan_drafting_only: false,
    start_on: null,
    end_on: null,
    note: '',
  }
  const municipalities = input.municipalities.map((m) => ({ code: m.code, daysPerWeek: m.daysPerWeek, weekdays: '' }))
  await insertPlacement(trx, {
    id,
    employer_code: prefecture.code,
    prefecture_code: prefecture.prefecture_code,
    kind: 'municipal_support',
    need_id: input.needId,
    shortlist_entry_id: input.shortlistEntryId,
    ...values,
    created_by: input.actor.user?.id ?? null,
  })
  await replacePlacementMunicipalities(trx, id, municipalities)
  await insertPlacementEvent(trx, {
    placementId: id,
    action: 'create',
    from: null,
    to: 'draft',
    actorUserId: input.actor.user?.id ?? null,
    actorLabel: input.actor.user?.display_name ?? input.actor.label ?? 'システム',
    note: '内定から作成',
  })
  await recordAudit(trx, input.actor, {
    action: 'create',
    entity: 'placement',
    entityId: id,
    summary: `内定から配置「${input.personName}」を下書きで作成しました`,
    prefectureCode: prefecture.prefecture_code,
    after: {
      ...placementSnapshot({
        ...values,
        employer_code: prefecture.code,
        kind: 'municipal_support',
        municipalities: municipalities.map((m) => ({ code: m.code, days_per_week: m.daysPerWeek, weekdays: '' })),
      }),
      need_id: input.needId,
    },
  })
  return { id, created: true }
}
