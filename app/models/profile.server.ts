// A professional's own profile (プロフィール): reading it with the published catalogue for the forms and saving
// each section (exporting all their data and deleting the account: profile-data.server.ts). Every function
// takes the session user and reads or writes only that user's profile: no id from the browser ever selects
// whose profile it is.
// Each save owns its transaction: optimistic locking on profile.lock_version, an audit row with the
// section's before/after, and a search-outbox row so a consent change reaches search at once.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../db/client'
import { listPrefectures } from '../../db/queries/local-government'
import {
  findProfileByUserId,
  findProfileCompletionFacts,
  listProfileExperiences,
  listProfileQualifications,
  listProfileSkills,
  type ProfileChanges,
  type ProfileExperienceRow,
  type ProfileQualificationRow,
  type ProfileRow,
  type ProfileSkillRow,
  inExperienceOrder,
  takeProfileExperiences,
  takeProfileQualifications,
  takeProfileSkills,
  type Taken,
  insertProfileExperiences,
  insertProfileQualifications,
  insertProfileSkills,
  resolveQualifications,
  updateProfileLockedWithBefore,
  createProfile,
} from '../../db/queries/profiles'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import { resolveSkills } from '../../db/queries/skill-standard'
import { readCurrentCatalogue } from './skill-standard.server'
import { SKILL_LEVELS } from '../../db/skill-standard-content'
import type { SessionUser } from '../utils/auth.server'
import {
  type AvailabilityInput,
  type BasicsInput,
  type ConsentInput,
  type ExperienceInput,
  type QualificationsInput,
  type SkillsInput,
} from '../utils/profile-validation'
import { SKILL_LEVEL_LABELS } from '../utils/labels'
import { actorFrom, type AuditActionOf, recordAudit } from './audit.server'

export const PROFILE_CONFLICT_MESSAGE =
  'このプロフィールは、別の画面または別の端末で先に更新されていました。入力内容はそのまま残しています。内容を確認のうえ、もう一度保存すると、この入力内容で上書きします。'
export const PROFILE_MISSING_MESSAGE =
  'まず基本情報（氏名・連絡先）を保存してください。基本情報を保存すると、プロフィールが作成されます。'

export type SaveResult =
  | { status: 'ok'; profileId: string }
  /** Someone saved in between: the form keeps the input and gets the current lock version. */
  | { status: 'conflict'; lockVersion: number | null }
  | { status: 'no-profile' }
  | { status: 'invalid'; fieldErrors: Record<string, string[]> }

// ---- reading ----------------------------------------------------------------------------------------------

const PREFECTURE_SENTINEL = '' // 未設定

function levelLabel(level: number): string {
  return SKILL_LEVEL_LABELS[level as (typeof SKILL_LEVELS)[number]] ?? ''
}

async function publishedCatalogue(db: DbExecutor) {
  return (
    (await readCurrentCatalogue(db)) ?? {
      version: null,
      content: { areas: [], skills: [], roles: [], qualifications: [] },
    }
  )
}

function profileView(row: ProfileRow) {
  return {
    id: row.id,
    lockVersion: row.lock_version,
    fullName: `${row.family_name} ${row.given_name}`,
    consentUpdatedAt: row.consent_updated_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    // Each section's values, named like its form fields (the forms use them as default values).
    basics: {
      familyName: row.family_name,
      givenName: row.given_name,
      familyNameKana: row.family_name_kana,
      givenNameKana: row.given_name_kana,
      contactEmail: row.contact_email,
      phone: row.phone ?? '',
      residencePrefectureCode: row.residence_prefecture_code ?? PREFECTURE_SENTINEL,
      birthYear: row.birth_year === null ? '' : String(row.birth_year),
      introduction: row.introduction,
      yearsPrivateIt: String(row.years_private_it),
      yearsPublicSector: String(row.years_public_sector),
      languages: row.languages.join('、'),
    },
    availability: {
      employmentForms: row.employment_forms,
      daysPerWeek: row.days_per_week === null ? '' : String(row.days_per_week),
      availableFrom: row.available_from ?? '',
      workArea: row.work_area,
      workPrefectureCodes: row.work_prefecture_codes,
      remoteOk: row.remote_ok,
      onsiteDaysPerMonth: row.onsite_days_per_month === null ? '' : String(row.onsite_days_per_month),
      payMinYen: row.pay_min_yen === null ? '' : String(row.pay_min_yen),
      payMaxYen: row.pay_max_yen === null ? '' : String(row.pay_max_yen),
      payUnit: row.pay_unit ?? '',
    },
    consent: {
      visibility: row.visibility,
      visiblePrefectureCodes: row.visible_prefecture_codes,
      nationalListConsent: row.national_list_consent,
      publicDirectoryConsent: row.public_directory_consent,
      fittingNeedsDigest: row.fitting_needs_digest,
    },
  }
}
export type ProfileView = ReturnType<typeof profileView>

/** The basics form before any profile exists: the account's address as the contact address. */
export function blankBasics(user: SessionUser): ProfileView['basics'] {
  return {
    familyName: '',
    givenName: '',
    familyNameKana: '',
    givenNameKana: '',
    contactEmail: user.email,
    phone: '',
    residencePrefectureCode: '',
    birthYear: '',
    introduction: '',
    yearsPrivateIt: '0',
    yearsPublicSector: '0',
    languages: '',
  }
}

/** Everything the profile pages show: my profile (null before the basics are first saved) and the catalogue. */
export async function getMyProfile(context: AppLoadContext, user: SessionUser) {
  const { db } = context.services.database
  const [row, catalogue, prefectureRows] = await Promise.all([
    findProfileByUserId(db, user.id),
    publishedCatalogue(db),
    listPrefectures(db),
  ])
  const prefectures = prefectureRows.map((p) => ({ code: p.prefecture_code, name: p.name }))
  const { content } = catalogue
  const currentSkills = new Map(content.skills.filter((s) => !s.retired).map((s) => [s.id, s]))
  const currentQualifications = new Map(content.qualifications.filter((q) => !q.retired).map((q) => [q.id, q]))

  const [skillRows, qualificationRows, experienceRows] = row
    ? await Promise.all([
        listProfileSkills(db, row.id),
        listProfileQualifications(db, row.id),
        listProfileExperiences(db, row.id),
      ])
    : [[], [], []]
  // Skills no longer in the current version still resolve (by their last published name) and show as 廃止.
  const referencedSkillIds = [
    ...new Set([...skillRows.map((s) => s.skill_id), ...experienceRows.flatMap((e) => e.skill_ids)]),
  ]
  const resolvedSkills = new Map(
    (
      await resolveSkills(
        db,
        referencedSkillIds.filter((id) => !currentSkills.has(id)),
      )
    ).map((s) => [s.skill_id, s.name]),
  )
  const resolvedQualifications = new Map(
    (
      await resolveQualifications(
        db,
        qualificationRows.map((q) => q.qualification_id).filter((id) => !currentQualifications.has(id)),
      )
    ).map((q) => [q.qualification_id, q.name]),
  )
  const skillRef = (id: string) => ({
    id,
    name: currentSkills.get(id)?.name ?? resolvedSkills.get(id) ?? id,
    retired: !currentSkills.has(id),
  })

  const skills = skillRows.map((s) => ({ ...skillRef(s.skill_id), level: s.level, levelLabel: levelLabel(s.level) }))
  const qualifications = qualificationRows.map((q) => ({
    id: q.qualification_id,
    name:
      currentQualifications.get(q.qualification_id)?.name ??
      resolvedQualifications.get(q.qualification_id) ??
      q.qualification_id,
    retired: !currentQualifications.has(q.qualification_id),
    acquiredYear: q.acquired_year,
  }))
  const experiences = experienceRows.map((e) => experienceView(e, skillRef))
  const profile = row ? profileView(row) : null

  return {
    profile,
    skills,
    qualifications,
    experiences,
    prefectures,
    catalogue: {
      versionTitle: catalogue.version ? `第${catalogue.version.version_no}版 ${catalogue.version.title}` : null,
      levels: SKILL_LEVELS.map((level) => ({ level, label: SKILL_LEVEL_LABELS[level] })),
      areas: content.areas
        .filter((a) => !a.retired)
        .map((a) => ({
          id: a.id,
          name: a.name,
          skills: content.skills
            .filter((s) => s.areaId === a.id && !s.retired)
            .map((s) => ({ id: s.id, name: s.name, description: s.description, levels: [...s.levels] })),
        }))
        .filter((a) => a.skills.length > 0),
      qualifications: content.qualifications
        .filter((q) => !q.retired)
        .map((q) => ({ id: q.id, name: q.name, category: q.category, issuer: q.issuer })),
    },
    completion: completionOf(row, {
      skills: skills.length,
      qualifications: qualifications.length,
      experiences: experiences.length,
    }),
  }
}
/** The profile's columns that the completion rules read (a full row, or findProfileCompletionFacts). */
interface CompletionRow {
  employment_forms: readonly string[]
  /** numeric: a string as the database sends it, or the number of a loaded ProfileRow. */
  days_per_week: number | string | null
  consent_updated_at: Date | null
  visibility: ProfileRow['visibility']
}

/**
 * The professional's home page: how complete the profile is and which section to fill next, from one
 * statement (the same rules as the profile page, without loading the profile itself).
 */
export async function getMyProfileCompletion(context: AppLoadContext, user: SessionUser) {
  const facts = await findProfileCompletionFacts(context.services.database.db, user.id)
  return completionOf(facts, facts ?? { skills: 0, qualifications: 0, experiences: 0 })
}

function completionOf(
  row: CompletionRow | undefined,
  counts: { skills: number; qualifications: number; experiences: number },
) {
  return [
    {
      section: 'basics',
      label: '基本情報',
      href: '/profile/basics',
      done: Boolean(row),
      hint: row
        ? '氏名・ふりがな・連絡先・経験年数を登録済みです。'
        : '氏名・連絡先などを保存すると、プロフィールが作成されます。最初にここから始めてください。',
    },
    {
      section: 'availability',
      label: '働き方の希望',
      href: '/profile/availability',
      done: Boolean(row && row.employment_forms.length > 0 && row.days_per_week !== null),
      hint: '勤務形態・週の勤務可能日数・勤務地域を登録すると、条件に合う募集が見つけやすくなります。',
    },
    {
      section: 'consent',
      label: '公開範囲と同意',
      href: '/profile/consent',
      done: Boolean(row?.consent_updated_at && row.visibility !== 'none'),
      hint:
        row && row.visibility !== 'none'
          ? '公開範囲を設定済みです。'
          : 'まだどの都道府県にも公開していません。公開範囲を選ぶと、都道府県の担当者があなたを見つけられます。',
    },
    {
      section: 'skills',
      label: 'スキル（自己評価）',
      href: '/profile/skills',
      done: counts.skills > 0,
      hint: 'スキル標準の各スキルについて、1〜4のレベルで自己評価してください。',
    },
    {
      section: 'qualifications',
      label: '資格',
      href: '/profile/qualifications',
      done: counts.qualifications > 0,
      hint: '保有している資格があれば、取得年とともに登録してください（任意）。',
    },
    {
      section: 'experiences',
      label: '職歴',
      href: '/profile/experiences',
      done: counts.experiences > 0,
      hint: '職歴ごとに、根拠となるスキルを選んで登録してください。',
    },
  ]
}

/** An experience entry (職歴) as the pages show it, to its owner and to prefecture staff; `skillRef` names its skills. */
export function experienceView<Skill>(row: ProfileExperienceRow, skillRef: (skillId: string) => Skill) {
  return {
    id: row.id,
    organization: row.organization,
    title: row.title,
    startMonth: row.started_month,
    endMonth: row.ended_month,
    description: row.description,
    skills: row.skill_ids.map(skillRef),
  }
}

// ---- saving -----------------------------------------------------------------------------------------------

type Section = 'basics' | 'availability' | 'consent' | 'skills' | 'qualifications' | 'experiences'

const SECTION_LABELS: Record<Section, string> = {
  basics: '基本情報',
  availability: '働き方の希望',
  consent: '公開範囲と同意',
  skills: 'スキル',
  qualifications: '資格',
  experiences: '職歴',
}

// Audit snapshots: the section's facts. Personal fields use the names the audit page masks (name, email, …).
function basicsSnapshot(row: ProfileRow): Record<string, unknown> {
  return {
    name: `${row.family_name} ${row.given_name}`,
    name_kana: `${row.family_name_kana} ${row.given_name_kana}`,
    email: row.contact_email,
    phone: row.phone,
    residence_prefecture_code: row.residence_prefecture_code,
    birth_year: row.birth_year,
    // The text itself stays out of the append-only log.
    introduction_length: row.introduction.length,
    years_private_it: row.years_private_it,
    years_public_sector: row.years_public_sector,
    languages: row.languages,
  }
}

/** A section stored as columns of the main row: its snapshot is those columns as they stand. */
function columnsSnapshot(columns: ReadonlyArray<keyof ProfileRow>) {
  return (row: ProfileRow): Record<string, unknown> =>
    Object.fromEntries(columns.map((column) => [column, row[column]]))
}

const availabilitySnapshot = columnsSnapshot([
  'employment_forms',
  'days_per_week',
  'available_from',
  'work_area',
  'work_prefecture_codes',
  'remote_ok',
  'onsite_days_per_month',
  'pay_min_yen',
  'pay_max_yen',
  'pay_unit',
])

const consentSnapshot = columnsSnapshot([
  'visibility',
  'visible_prefecture_codes',
  'national_list_consent',
  'public_directory_consent',
  'fitting_needs_digest',
])

function experiencesSnapshot(rows: readonly ProfileExperienceRow[]): Record<string, unknown> {
  return {
    experiences: rows.map((e) => ({
      id: e.id,
      organization: e.organization,
      title: e.title,
      period: `${e.started_month}〜${e.ended_month ?? ''}`,
      skill_ids: e.skill_ids,
    })),
  }
}

async function audit(
  trx: DbExecutor,
  context: AppLoadContext,
  user: SessionUser,
  profileId: string,
  entry: {
    action: AuditActionOf<'profile'>
    section: Section
    before: Record<string, unknown> | null
    after: Record<string, unknown>
  },
) {
  await recordAudit(trx, actorFrom(context, user), {
    action: entry.action,
    entity: 'profile',
    entityId: profileId,
    summary: `プロフィールの${SECTION_LABELS[entry.section]}を${entry.before ? '更新' : '登録'}しました`,
    // A profile belongs to no tenant: the professional decides who sees it.
    prefectureCode: null,
    before: entry.before,
    after: entry.after,
  })
}

/** 基本情報: the first save creates the profile. */
export async function saveBasics(context: AppLoadContext, user: SessionUser, input: BasicsInput): Promise<SaveResult> {
  const { db } = context.services.database
  const changes = {
    family_name: input.familyName,
    given_name: input.givenName,
    family_name_kana: input.familyNameKana,
    given_name_kana: input.givenNameKana,
    contact_email: input.contactEmail,
    phone: input.phone,
    residence_prefecture_code: input.residencePrefectureCode,
    birth_year: input.birthYear,
    introduction: input.introduction,
    years_private_it: input.yearsPrivateIt,
    years_public_sector: input.yearsPublicSector,
    languages: input.languages,
  } satisfies ProfileChanges
  const create = async (trx: DbExecutor) => {
    const after = await createProfile(trx, { ...changes, id: crypto.randomUUID(), user_id: user.id })
    return after && { before: null, after }
  }
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    // A form loaded before any profile existed creates one: if one was created in between (another tab), the
    // unique user id refuses the insert and the save is a conflict. A form with a lock version updates under
    // it, and creates the profile only if there is none any more.
    let saved =
      input.lockVersion === null
        ? await create(trx)
        : await updateProfileLockedWithBefore(trx, user.id, input.lockVersion, changes)
    if (!saved) {
      const current = await findProfileByUserId(trx, user.id)
      if (current) return { status: 'conflict', lockVersion: current.lock_version }
      saved = await create(trx)
      if (!saved) return { status: 'conflict', lockVersion: null }
    }
    const { before, after } = saved
    await audit(trx, context, user, after.id, {
      action: before ? 'update_basics' : 'create',
      section: 'basics',
      before: before ? basicsSnapshot(before) : null,
      after: basicsSnapshot(after),
    })
    await enqueueSearchSync(trx, 'profile', [after.id])
    return { status: 'ok', profileId: after.id }
  })
}

/**
 * Why a locked save changed nothing: someone saved in between (the current lock version, for the form to
 * reload), or there is no profile yet. Read only when the save failed.
 */
async function conflictOrNoProfile(trx: DbExecutor, user: SessionUser): Promise<SaveResult> {
  const profile = await findProfileByUserId(trx, user.id)
  return profile ? { status: 'conflict', lockVersion: profile.lock_version } : { status: 'no-profile' }
}

/** A section stored on the main row: locked update, audit, outbox. */
async function saveMainRowSection(
  context: AppLoadContext,
  user: SessionUser,
  lockVersion: number | null,
  section: 'availability' | 'consent',
  changes: ProfileChanges,
  snapshot: (row: ProfileRow) => Record<string, unknown>,
): Promise<SaveResult> {
  const { db } = context.services.database
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    const saved =
      lockVersion === null ? undefined : await updateProfileLockedWithBefore(trx, user.id, lockVersion, changes)
    if (!saved) return conflictOrNoProfile(trx, user)
    const { before, after } = saved
    await audit(trx, context, user, after.id, {
      action: `update_${section}` as const,
      section,
      before: snapshot(before),
      after: snapshot(after),
    })
    await enqueueSearchSync(trx, 'profile', [after.id])
    return { status: 'ok', profileId: after.id }
  })
}

export function saveAvailability(
  context: AppLoadContext,
  user: SessionUser,
  input: AvailabilityInput,
): Promise<SaveResult> {
  return saveMainRowSection(
    context,
    user,
    input.lockVersion,
    'availability',
    {
      employment_forms: input.employmentForms,
      days_per_week: input.daysPerWeek,
      available_from: input.availableFrom,
      work_area: input.workArea,
      // "All prefectures" keeps no list: a stale selection must not come back when switching to 'selected'.
      work_prefecture_codes: input.workArea === 'all' ? [] : input.workPrefectureCodes,
      remote_ok: input.remoteOk,
      onsite_days_per_month: input.onsiteDaysPerMonth,
      pay_min_yen: input.payMinYen,
      pay_max_yen: input.payMaxYen,
      pay_unit: input.payUnit,
    },
    availabilitySnapshot,
  )
}

/** 公開範囲と同意: takes effect in search at once (the outbox row commits with the change). */
export function saveConsent(context: AppLoadContext, user: SessionUser, input: ConsentInput): Promise<SaveResult> {
  return saveMainRowSection(
    context,
    user,
    input.lockVersion,
    'consent',
    {
      visibility: input.visibility,
      visible_prefecture_codes: input.visibility === 'selected' ? input.visiblePrefectureCodes : [],
      national_list_consent: input.nationalListConsent,
      public_directory_consent: input.publicDirectoryConsent,
      fitting_needs_digest: input.fittingNeedsDigest,
      consent_updated_at: new Date(),
    },
    consentSnapshot,
  )
}

/** Thrown inside a section's transaction to roll it back when the input names something not allowed. */
class RefusedInput extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super('refused input')
  }
}

/**
 * A section in its own table. `take` checks and bumps the main row's lock (so two tabs cannot both replace the
 * list) and removes the stored rows, answering them as the before-image, all in one statement; `write` stores
 * the new rows and answers them in the order `take` gives (so the audit's after-image needs no second read).
 * `write` may refuse the input with field errors: the transaction then rolls back, the removed rows and the lock
 * bump included.
 */
async function saveChildSection<Row>(
  context: AppLoadContext,
  user: SessionUser,
  lockVersion: number | null,
  section: 'skills' | 'qualifications' | 'experiences',
  action: AuditActionOf<'profile'>,
  take: (trx: DbExecutor, userId: string, lockVersion: number) => Promise<Taken<Row>>,
  write: (
    trx: DbExecutor,
    profileId: string,
    current: Row[],
  ) => Promise<{ fieldErrors: Record<string, string[]> } | { after: Row[] }>,
  snapshot: (rows: Row[]) => Record<string, unknown>,
): Promise<SaveResult> {
  const { db } = context.services.database
  try {
    return await db.transaction().execute(async (trx): Promise<SaveResult> => {
      const taken = lockVersion === null ? undefined : await take(trx, user.id, lockVersion)
      if (!taken) return conflictOrNoProfile(trx, user)
      const { profileId, rows: before } = taken
      const written = await write(trx, profileId, before)
      // Roll back the lock bump too: nothing was saved.
      if ('fieldErrors' in written) throw new RefusedInput(written.fieldErrors)
      await audit(trx, context, user, profileId, {
        action,
        section,
        before: snapshot(before),
        after: snapshot(written.after),
      })
      await enqueueSearchSync(trx, 'profile', [profileId])
      return { status: 'ok', profileId: profileId }
    })
  } catch (error) {
    if (error instanceof RefusedInput) return { status: 'invalid', fieldErrors: error.fieldErrors }
    throw error
  }
}

/** The ids of the skills or the qualifications the published catalogue offers (those not retired). */
async function offeredIds(context: AppLoadContext, kind: 'skills' | 'qualifications'): Promise<Set<string>> {
  const { content } = await publishedCatalogue(context.services.database.db)
  return new Set(content[kind].filter((item) => !item.retired).map((item) => item.id))
}

/** How a section holding one row per catalogue item (a skill's level, a qualification's year) is stored. */
interface CatalogueChoices<Row> {
  take: (trx: DbExecutor, userId: string, lockVersion: number) => Promise<Taken<Row>>
  insert: (trx: DbExecutor, profileId: string, rows: Row[]) => Promise<void>
  idOf: (row: Row) => string
  snapshot: (rows: Row[]) => Record<string, unknown>
  /** The field error of an item the catalogue does not offer. */
  unoffered: string
}

const SKILL_CHOICES: CatalogueChoices<ProfileSkillRow> = {
  take: takeProfileSkills,
  insert: insertProfileSkills,
  idOf: (row) => row.skill_id,
  snapshot: (rows) => ({ skills: Object.fromEntries(rows.map((s) => [s.skill_id, s.level])) }),
  unoffered: 'このスキルはスキル標準にありません。ページを再読み込みしてください',
}

const QUALIFICATION_CHOICES: CatalogueChoices<ProfileQualificationRow> = {
  take: takeProfileQualifications,
  insert: insertProfileQualifications,
  idOf: (row) => row.qualification_id,
  snapshot: (rows) => ({ qualifications: Object.fromEntries(rows.map((q) => [q.qualification_id, q.acquired_year])) }),
  unoffered: 'この資格はスキル標準にありません。ページを再読み込みしてください',
}

/**
 * Saves a section of catalogue choices. Each form row names an item and the field to blame; `checked` rows
 * must name an item the catalogue offers or one the profile already holds (an item the catalogue has since
 * retired may be kept or cleared, never newly added). The rows with a `row` then replace the stored ones.
 */
async function saveCatalogueChoices<Row>(
  context: AppLoadContext,
  user: SessionUser,
  lockVersion: number | null,
  section: 'skills' | 'qualifications',
  store: CatalogueChoices<Row>,
  choices: Array<{ id: string; field: string; checked: boolean; row: Row | null }>,
): Promise<SaveResult> {
  const offered = await offeredIds(context, section)
  return saveChildSection(
    context,
    user,
    lockVersion,
    section,
    `update_${section}`,
    store.take,
    async (trx, profileId, current) => {
      const allowed = new Set([...offered, ...current.map(store.idOf)])
      const refused = choices.filter((c) => c.checked && !allowed.has(c.id))
      if (refused.length > 0)
        return { fieldErrors: Object.fromEntries(refused.map((c) => [c.field, [store.unoffered]])) }
      const rows = new Map(choices.flatMap((c) => (c.row ? [[c.id, c.row] as const] : [])))
      // In any order: the snapshot is keyed by item.
      const after = [...rows.values()]
      await store.insert(trx, profileId, after)
      return { after }
    },
    store.snapshot,
  )
}

/** スキル（自己評価）: one level per catalogue skill; a skill left at 「未選択」 is removed. */
export function saveSkills(context: AppLoadContext, user: SessionUser, input: SkillsInput): Promise<SaveResult> {
  return saveCatalogueChoices(
    context,
    user,
    input.lockVersion,
    'skills',
    SKILL_CHOICES,
    input.skills.map((s, index) => ({
      id: s.skillId,
      field: `skills[${index}].level`,
      checked: true,
      row: s.level === null ? null : { skill_id: s.skillId, level: s.level },
    })),
  )
}

/** 資格: held ones with their acquired year. */
export function saveQualifications(
  context: AppLoadContext,
  user: SessionUser,
  input: QualificationsInput,
): Promise<SaveResult> {
  return saveCatalogueChoices(
    context,
    user,
    input.lockVersion,
    'qualifications',
    QUALIFICATION_CHOICES,
    input.qualifications.map((q, index) => ({
      id: q.qualificationId,
      field: `qualifications[${index}].held`,
      checked: q.held,
      row: q.held ? { qualification_id: q.qualificationId, acquired_year: q.acquiredYear } : null,
    })),
  )
}

const EXPERIENCE_NOT_FOUND = { fieldErrors: { '': ['この職歴は見つかりません。ページを再読み込みしてください'] } }

/** 職歴: adds a new entry (no id) or changes one of mine (an id that is not mine is refused). */
export async function saveExperience(
  context: AppLoadContext,
  user: SessionUser,
  input: ExperienceInput,
): Promise<SaveResult> {
  const offered = await offeredIds(context, 'skills')
  return saveChildSection(
    context,
    user,
    input.lockVersion,
    'experiences',
    input.id ? 'update_experience' : 'add_experience',
    takeProfileExperiences,
    async (trx, profileId, current) => {
      const existing = input.id ? current.find((e) => e.id === input.id) : undefined
      if (input.id && !existing) return EXPERIENCE_NOT_FOUND
      const allowed = new Set([...offered, ...(existing?.skill_ids ?? [])])
      if (input.skillIds.some((id) => !allowed.has(id))) {
        return { fieldErrors: { skillIds: ['スキル標準にないスキルが含まれています。ページを再読み込みしてください'] } }
      }
      const entry: ProfileExperienceRow = {
        id: existing?.id ?? crypto.randomUUID(),
        organization: input.organization,
        title: input.title,
        started_month: input.startMonth,
        ended_month: input.endMonth,
        description: input.description,
        skill_ids: input.skillIds,
      }
      const next = existing ? current.map((e) => (e.id === existing.id ? entry : e)) : [entry, ...current]
      const after = inExperienceOrder(next)
      await insertProfileExperiences(trx, profileId, after)
      return { after }
    },
    experiencesSnapshot,
  )
}

export async function deleteExperience(
  context: AppLoadContext,
  user: SessionUser,
  input: { lockVersion: number | null; id: string },
): Promise<SaveResult> {
  return saveChildSection(
    context,
    user,
    input.lockVersion,
    'experiences',
    'delete_experience',
    takeProfileExperiences,
    async (trx, profileId, current) => {
      if (!current.some((e) => e.id === input.id)) return EXPERIENCE_NOT_FOUND
      const after = current.filter((e) => e.id !== input.id)
      await insertProfileExperiences(trx, profileId, after)
      return { after }
    },
    experiencesSnapshot,
  )
}
