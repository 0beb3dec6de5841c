// The accelerators' own side of the programme: the appointed person's page (their appointment, training and the
// ministry's notices, and their entry in the network directory), the network directory other accelerators and
// the ministry read, and the public programme page (the count toward 500, open calls, the public directory).
//
// Who is an accelerator is read from the appointments themselves (db/queries/accelerators.ts, appointedNow):
// a person whose appointment is in force. Anyone else asking for the person's page gets the same 404 whether
// or not they were ever nominated, so the page says nothing about anybody but the viewer.
// Directory entries reach a reader only as their person chose: the fields they filled in, the prefecture and
// the skills only when ticked, never the profile's name, address or e-mail.
import { NATIONAL_TARGET, percentOf, progressBand } from '../utils/programme-targets'
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../db/client'
import {
  countAppointedByPrefecture,
  findAcceleratorProfileOfUser,
  findDirectoryEntry,
  listAcceleratorNotices,
  listAppointmentsOfProfile,
  listDirectoryEntries,
  listTrainingRecordsOfProfile,
  upsertDirectoryEntry,
} from '../../db/queries/accelerators'
import { listPrefectures } from '../../db/queries/local-government'
import { listProfileSkills } from '../../db/queries/profiles'
import { resolveSkills } from '../../db/queries/skill-standard'
import type { AppointmentEndReason, AppointmentStatus, DirectoryVisibility } from '../../db/schema'
import type { DirectoryEntryInput, NetworkQuery } from '../utils/accelerator-validation'
import type { SessionUser } from '../utils/auth.server'
import { formatDate } from '../utils/dates'
import {
  APPOINTMENT_END_REASON_LABELS,
  APPOINTMENT_STATUS_LABELS,
  DIRECTORY_VISIBILITY_LABELS,
  labelOf,
  SKILL_LEVEL_LABELS,
} from '../utils/labels'
import { userHasPermission } from '../utils/permissions'
import { appointmentNumberLabel } from './appointment.server'
import { actorFrom, recordAudit } from './audit.server'
import { listNewestOpenCalls } from './open-call.server'
import { readCurrentCatalogue } from './skill-standard.server'

const NOTICES_ON_PAGE = 20
const OPEN_CALLS_ON_PROGRAMME = 5

/** The answer to anyone but an accelerator now: the same words whoever asks. */
export const NOT_AN_ACCELERATOR_MESSAGE =
  'このページは、任命中の自治体DXアクセラレータの方のためのページです。任命されると、任命の内容・研修の記録・総務省からのお知らせを確認し、アクセラレータ名簿への掲載を設定できます。'
export const NETWORK_FORBIDDEN_MESSAGE =
  'アクセラレータ名簿は、任命中の自治体DXアクセラレータと、総務省・デジタル庁の職員だけが閲覧できます。'

const notAnAccelerator = () =>
  new Response(NOT_AN_ACCELERATOR_MESSAGE, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

/** The viewer's profile when they are an accelerator now; otherwise a 404 (thrown). */
async function requireAppointedProfile(db: DbExecutor, user: SessionUser) {
  const profile = await findAcceleratorProfileOfUser(db, user.id)
  if (!profile?.appointed) throw notAnAccelerator()
  return profile
}

/** Whether the user is an appointed accelerator now (their home links to their page). */
export async function isAcceleratorNow(context: AppLoadContext, user: SessionUser): Promise<boolean> {
  return Boolean((await findAcceleratorProfileOfUser(context.services.database.db, user.id))?.appointed)
}

/** The guard of the accelerator's own page and its form: a 404 for anyone but an accelerator now. */
export async function requireAcceleratorNow(context: AppLoadContext, user: SessionUser): Promise<void> {
  await requireAppointedProfile(context.services.database.db, user)
}

// ---- names of skills ---------------------------------------------------------------------------------------

/** Skill names from the current catalogue, and for retired skills their last published name. */
async function skillNamesFor(db: DbExecutor, skillIds: readonly string[]): Promise<Map<string, string>> {
  const current = await readCurrentCatalogue(db)
  const names = new Map((current?.content.skills ?? []).map((s) => [s.id, s.name]))
  const missing = [...new Set(skillIds)].filter((id) => !names.has(id))
  for (const row of await resolveSkills(db, missing)) names.set(row.skill_id, row.name)
  return names
}

function skillView(names: Map<string, string>, skill: { skill_id: string; level: number }) {
  return {
    name: names.get(skill.skill_id) ?? skill.skill_id,
    level: skill.level,
    levelLabel: SKILL_LEVEL_LABELS[skill.level as keyof typeof SKILL_LEVEL_LABELS] ?? '',
  }
}

// ---- the accelerator's own page ----------------------------------------------------------------------------

function appointmentView(row: Awaited<ReturnType<typeof listAppointmentsOfProfile>>[number]) {
  return {
    id: row.id,
    number: appointmentNumberLabel(row.fiscal_year, row.serial) ?? '',
    status: row.status as AppointmentStatus,
    statusLabel: APPOINTMENT_STATUS_LABELS[row.status],
    prefectureName: row.prefecture_name,
    roleName: row.role_name,
    appointedOn: row.appointed_on ? formatDate(row.appointed_on) : '',
    termEndOn: row.term_end_on ? formatDate(row.term_end_on) : null,
    endedOn: row.ended_on ? formatDate(row.ended_on) : null,
    endReasonLabel: labelOf<AppointmentEndReason>(APPOINTMENT_END_REASON_LABELS, row.end_reason),
  }
}

export async function getMyAcceleratorPage(context: AppLoadContext, user: SessionUser) {
  const { db } = context.services.database
  const me = await requireAppointedProfile(db, user)
  const [appointments, trainings, notices, entry, skillRows] = await Promise.all([
    listAppointmentsOfProfile(db, me.id),
    listTrainingRecordsOfProfile(db, me.id),
    listAcceleratorNotices(db, { limit: NOTICES_ON_PAGE }),
    findDirectoryEntry(db, me.id),
    listProfileSkills(db, me.id),
  ])
  const names = await skillNamesFor(
    db,
    skillRows.map((s) => s.skill_id),
  )
  const current = appointments.filter((a) => a.status === 'appointed')
  return {
    current: current.map(appointmentView),
    past: appointments.filter((a) => a.status !== 'appointed').map(appointmentView),
    trainings: trainings.map((t) => ({
      id: t.id,
      title: t.title,
      provider: t.provider,
      completedOn: t.completed_on ? formatDate(t.completed_on) : null,
      poolName: t.prefecture_name ? `${t.prefecture_name}の人材プール` : '国の外部人材リスト',
    })),
    notices: notices.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      publishedOn: formatDate(n.published_at),
    })),
    directory: {
      saved: entry !== undefined,
      /** 「公開範囲と同意」's consent to the public directory: without it a 'public' entry shows to accelerators only. */
      publicConsent: me.public_directory_consent,
      updatedOn: entry ? formatDate(entry.updated_at) : null,
      visibilityLabel: DIRECTORY_VISIBILITY_LABELS[entry?.visibility ?? 'hidden'],
      defaults: {
        visibility: entry?.visibility ?? ('hidden' as DirectoryVisibility),
        displayName: entry?.display_name ?? `${me.family_name} ${me.given_name}`.trim(),
        headline: entry?.headline ?? '',
        introduction: entry?.introduction ?? '',
        contact: entry?.contact ?? '',
        showPrefecture: entry?.show_prefecture ?? true,
        showSkills: entry?.show_skills ?? false,
      },
      // What ticking 「都道府県を表示」 and 「スキルを表示」 would show (the viewer's own data).
      prefectureNames: [...new Set(current.map((a) => a.prefecture_name))],
      skills: skillRows.map((s) => skillView(names, s)),
    },
  }
}

export async function saveMyDirectoryEntry(
  context: AppLoadContext,
  user: SessionUser,
  input: DirectoryEntryInput,
): Promise<void> {
  const { db } = context.services.database
  await db.transaction().execute(async (trx) => {
    const me = await requireAppointedProfile(trx, user)
    const before = await findDirectoryEntry(trx, me.id)
    await upsertDirectoryEntry(trx, {
      profile_id: me.id,
      visibility: input.visibility,
      display_name: input.displayName,
      headline: input.headline,
      introduction: input.introduction,
      contact: input.contact,
      show_prefecture: input.showPrefecture,
      show_skills: input.showSkills,
    })
    await recordAudit(trx, actorFrom(context, user), {
      entity: 'accelerator_directory_entry',
      action: 'update',
      entityId: me.id,
      summary: `アクセラレータ名簿の掲載内容を更新しました（${DIRECTORY_VISIBILITY_LABELS[input.visibility]}）`,
      before: before
        ? entrySnapshot({
            visibility: before.visibility,
            displayName: before.display_name,
            headline: before.headline,
            introduction: before.introduction,
            contact: before.contact,
            showPrefecture: before.show_prefecture,
            showSkills: before.show_skills,
          })
        : null,
      after: entrySnapshot(input),
    })
  })
}

/** An entry as the audit log keeps it: the name (masked when shown), lengths instead of the free texts. */
function entrySnapshot(entry: DirectoryEntryInput): Record<string, unknown> {
  return {
    directory_visibility: entry.visibility,
    display_name: entry.displayName,
    headline: entry.headline,
    introduction_length: Array.from(entry.introduction).length,
    contact_given: entry.contact !== '',
    show_prefecture: entry.showPrefecture,
    show_skills: entry.showSkills,
  }
}

// ---- the directory as its readers see it --------------------------------------------------------------------

/** Entries as a reader sees them: only the fields each person chose to share. */
async function directoryView(db: DbExecutor, rows: Awaited<ReturnType<typeof listDirectoryEntries>>) {
  const names = await skillNamesFor(
    db,
    rows.flatMap((row) => (row.skills ?? []).map((s) => s.skill_id)),
  )
  return rows.map((row) => ({
    displayName: row.display_name,
    headline: row.headline,
    introduction: row.introduction,
    contact: row.contact,
    prefectures: row.prefectures ? row.prefectures.map((p) => p.name) : null,
    skills: row.skills ? row.skills.map((s) => skillView(names, s)) : null,
  }))
}

/**
 * The network directory (アクセラレータ名簿): accelerators now who share their entry with other accelerators or
 * publicly. Readers: accelerators now (their own entry is not among the others) and the ministry.
 */
export async function getNetworkPage(context: AppLoadContext, user: SessionUser, query: NetworkQuery) {
  const { db } = context.services.database
  const me = await findAcceleratorProfileOfUser(db, user.id)
  const isAccelerator = me?.appointed === true
  if (!isAccelerator && !userHasPermission(user, 'read:appointment:any'))
    throw new Response(NETWORK_FORBIDDEN_MESSAGE, {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  const [rows, prefectures, own] = await Promise.all([
    listDirectoryEntries(db, {
      audience: 'accelerators',
      prefectureCode: query.pref,
      q: query.q || undefined,
      excludeProfileId: isAccelerator ? me.id : undefined,
    }),
    listPrefectures(db),
    isAccelerator ? findDirectoryEntry(db, me.id) : Promise.resolve(undefined),
  ])
  return {
    query: { q: query.q, pref: query.pref ?? '' },
    prefectures: prefectures.map((p) => ({ code: p.prefecture_code, name: p.name })),
    entries: await directoryView(db, rows),
    /** The viewer's own entry's reach (accelerators only), with the link to change it. */
    ownVisibilityLabel: isAccelerator ? DIRECTORY_VISIBILITY_LABELS[own?.visibility ?? 'hidden'] : null,
  }
}

// ---- the public programme page ------------------------------------------------------------------------------

export async function getProgrammePage(context: AppLoadContext) {
  const { db } = context.services.database
  const [byPrefecture, openCalls, rows] = await Promise.all([
    countAppointedByPrefecture(db),
    listNewestOpenCalls(context, OPEN_CALLS_ON_PROGRAMME),
    listDirectoryEntries(db, { audience: 'public' }),
  ])
  const appointed = byPrefecture.reduce((sum, p) => sum + p.appointed, 0)
  return {
    target: NATIONAL_TARGET,
    appointed,
    /** Percent toward 500 to one decimal, at most 100 (the bar); the count itself may pass the target. */
    percent: Math.min(100, percentOf(appointed, NATIONAL_TARGET)),
    prefecturesWithAppointments: byPrefecture.filter((p) => p.appointed > 0).length,
    /** Every prefecture with its count and how it stands against its 10 (the map and the table). */
    byPrefecture: byPrefecture.map((p) => ({ ...p, band: progressBand(p.appointed) })),
    openCalls,
    directory: await directoryView(db, rows),
  }
}
