// A professional's profile as prefecture and ministry staff see it, so that they do not screen blind: name,
// introduction, skills with the work history that evidences each, work history, availability, experience,
// qualifications, languages and the viewer's pool's training records. Only as far as the person's consent
// allows (db/queries/profile-visibility.ts, the one predicate), and never contact details: a page that shows
// an e-mail address (the pool member page) takes it from its own consent-checked query, not from here.
// Names come from the current published catalogue (cached, shared); a skill or qualification the catalogue
// has retired keeps its last name and is marked as retired.
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../db/client'
import { listPrefectures } from '../../db/queries/local-government'
import type { ProfileViewer } from '../../db/queries/profile-visibility'
import { findProfileForStaff } from '../../db/queries/staff-profile'
import { type EmploymentForm, NATIONAL_LIST_CODE } from '../../db/schema'
import type { SkillLevel } from '../../db/skill-standard-content'
import type { SessionUser } from '../utils/auth.server'
import { EMPLOYMENT_FORM_LABELS, SKILL_LEVEL_LABELS } from '../utils/labels'
import { isUuid } from '../utils/params'
import { profileViewerOf } from './pool-scope.server'
import { experienceView } from './profile.server'
import { readCurrentCatalogue } from './skill-standard.server'

/** A work-history entry, as a skill's evidence refers to it (months as 'YYYY-MM'; no end = to this day). */
export interface StaffProfileExperienceRef {
  experienceId: string
  organization: string
  title: string
  startMonth: string
  endMonth: string | null
}

/** What staff may see of a professional's profile. Plain JSON (strings, numbers, booleans, arrays). */
export interface StaffProfile {
  id: string
  /** 「山田 一郎」 and 「やまだ いちろう」. */
  name: string
  kana: string
  /** The prefecture's name (居住都道府県), null when not given. */
  residencePrefecture: string | null
  introduction: string
  yearsPrivateIt: number
  yearsPublicSector: number
  languages: string[]
  /** 働き方の希望. */
  availability: {
    /** 0.5 to 5, null when not given. */
    daysPerWeek: number | null
    /** 'YYYY-MM-DD', null when not given. */
    availableFrom: string | null
    employmentForms: Array<{ value: EmploymentForm; label: string }>
    /** 'all' = anywhere in Japan; else the prefectures listed (names). */
    workArea: 'all' | 'selected'
    workPrefectures: string[]
    remoteOk: boolean
    onsiteDaysPerMonth: number | null
  }
  /** Self-assessed skills, strongest first, then in catalogue order; each with the entries that evidence it. */
  skills: Array<{
    id: string
    name: string
    areaName: string | null
    retired: boolean
    level: number
    /** 知識 / 実務 / 主導 / 指導 */
    levelLabel: string
    /** What this level means for this skill (the catalogue's descriptor), '' when unknown. */
    levelDescription: string
    evidence: StaffProfileExperienceRef[]
  }>
  /** Work history, newest first; `skills` are those the person marked this entry as evidence for. */
  experiences: Array<{
    id: string
    organization: string
    title: string
    startMonth: string
    endMonth: string | null
    description: string
    skills: Array<{ id: string; name: string; retired: boolean }>
  }>
  qualifications: Array<{ id: string; name: string; retired: boolean; acquiredYear: number | null }>
  /**
   * Training records the viewer's own pool keeps for this person (the ministry's: the national list's); empty
   * when there are none, or when the page lists them itself (the pool member page).
   */
  trainings: Array<{ title: string; provider: string; completedOn: string | null }>
}

/** The pool whose training records a viewer reads here: its prefecture's, or the national list. */
function poolOfViewer(viewer: ProfileViewer): string {
  return viewer.kind === 'ministry' ? NATIONAL_LIST_CODE : viewer.prefectureCode
}

/**
 * The profile as this user may see it; null when it does not exist, is not shared with them, or they are not
 * staff who read profiles (profileViewerOf).
 */
export async function getProfileForStaff(
  context: AppLoadContext,
  user: SessionUser,
  profileId: string,
): Promise<StaffProfile | null> {
  return readProfileForStaff(context.services.database.db, profileViewerOf(user), profileId)
}

/**
 * The same read for a model that already holds the viewer (the pool member page). `trainings: false` leaves
 * the training records out, for a page that shows its own.
 */
export async function readProfileForStaff(
  db: DbExecutor,
  viewer: ProfileViewer | null,
  profileId: string,
  { trainings = true }: { trainings?: boolean } = {},
): Promise<StaffProfile | null> {
  if (!viewer || !isUuid(profileId)) return null
  const [row, catalogue, prefectureRows] = await Promise.all([
    findProfileForStaff(db, viewer, profileId.toLowerCase(), trainings ? poolOfViewer(viewer) : null),
    readCurrentCatalogue(db),
    listPrefectures(db),
  ])
  if (!row) return null

  const prefectureName = new Map(prefectureRows.map((p) => [p.prefecture_code, p.name]))
  const content = catalogue?.content ?? { areas: [], skills: [], qualifications: [] }
  const areaName = new Map(content.areas.map((a) => [a.id, a.name]))
  const areaRank = new Map(content.areas.map((a, index) => [a.id, index]))
  const catalogueSkills = new Map(content.skills.map((s, index) => [s.id, { ...s, place: index }]))
  const catalogueQualifications = new Map(content.qualifications.map((q) => [q.id, q]))
  const skillRef = (id: string) => {
    const skill = catalogueSkills.get(id)
    return { id, name: skill?.name ?? id, retired: !skill || skill.retired }
  }
  // Catalogue order: by area, then the skill's place in the catalogue; skills it does not know come last.
  const LAST = Number.MAX_SAFE_INTEGER
  const skillRank = (id: string): [number, number] => {
    const skill = catalogueSkills.get(id)
    return skill ? [areaRank.get(skill.areaId) ?? LAST, skill.place] : [LAST, LAST]
  }

  const experiences = row.experiences.map((e) => experienceView(e, skillRef))
  const evidenceOf = (skillId: string): StaffProfileExperienceRef[] =>
    row.experiences
      .filter((e) => e.skill_ids.includes(skillId))
      .map((e) => ({
        experienceId: e.id,
        organization: e.organization,
        title: e.title,
        startMonth: e.started_month,
        endMonth: e.ended_month,
      }))

  const skills = row.skills
    .map((s) => {
      const skill = catalogueSkills.get(s.skill_id)
      return {
        ...skillRef(s.skill_id),
        areaName: skill ? (areaName.get(skill.areaId) ?? null) : null,
        level: s.level,
        levelLabel: SKILL_LEVEL_LABELS[s.level as SkillLevel] ?? '',
        levelDescription: skill?.levels[s.level - 1] ?? '',
        evidence: evidenceOf(s.skill_id),
      }
    })
    .sort((a, b) => {
      const [areaA, placeA] = skillRank(a.id)
      const [areaB, placeB] = skillRank(b.id)
      return b.level - a.level || areaA - areaB || placeA - placeB || a.id.localeCompare(b.id)
    })

  return {
    id: row.id,
    name: `${row.family_name} ${row.given_name}`,
    kana: `${row.family_name_kana} ${row.given_name_kana}`,
    residencePrefecture: row.residence_prefecture_code
      ? (prefectureName.get(row.residence_prefecture_code) ?? row.residence_prefecture_code)
      : null,
    introduction: row.introduction,
    yearsPrivateIt: row.years_private_it,
    yearsPublicSector: row.years_public_sector,
    languages: [...row.languages],
    availability: {
      // numeric(2,1) comes back as a string on both drivers.
      daysPerWeek: row.days_per_week === null ? null : Number(row.days_per_week),
      availableFrom: row.available_from,
      employmentForms: row.employment_forms.map((value) => ({
        value,
        label: EMPLOYMENT_FORM_LABELS[value],
      })),
      workArea: row.work_area,
      workPrefectures: row.work_area === 'all' ? [] : row.work_prefecture_codes.map((c) => prefectureName.get(c) ?? c),
      remoteOk: row.remote_ok,
      onsiteDaysPerMonth: row.onsite_days_per_month,
    },
    skills,
    experiences,
    qualifications: row.qualifications.map((q) => {
      const qualification = catalogueQualifications.get(q.qualification_id)
      return {
        id: q.qualification_id,
        name: qualification?.name ?? q.qualification_id,
        retired: !qualification || qualification.retired,
        acquiredYear: q.acquired_year,
      }
    }),
    trainings: row.trainings.map((t) => ({ title: t.title, provider: t.provider, completedOn: t.completed_on })),
  }
}
