// Need → candidates: every profile the viewer may see, hard conditions as filters, ranked by fit with the
// reasons an official can read (app/utils/match-score.ts). Meilisearch finds and facets the candidates
// (search/queries/match.ts); the page's rows and their explanations come from Postgres through the consent
// predicate, so a consent withdrawn a moment ago hides the person at once. When Meilisearch is down, the same
// match runs in SQL (db/queries/match.ts) and the page says so.
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../db/client'
import type { ProfileViewer } from '../../db/queries/profile-visibility'
import type { EmploymentForm } from '../../db/schema'
import {
  type CandidateRow,
  claimDueDigestRecipients,
  deleteSavedSearch,
  findOwnCandidateRow,
  listPublishedNeedsForMatch,
  insertSavedSearch,
  listCandidateRows,
  listCandidateRowsBySql,
  listSavedSearches,
  markDigestSent,
} from '../../db/queries/match'
import { listShortlistMarks } from '../../db/queries/shortlist'
import { epochDay } from '../../search/documents/profile'
import { type MatchCriteria, poolCodeOf, searchMatchCandidates } from '../../search/queries/match'
import type { SessionUser } from '../utils/auth.server'
import { EMPLOYMENT_FORM_LABELS, POOL_STATUS_LABELS, SHORTLIST_STATUS_LABELS } from '../utils/labels'
import { type MatchQuery, matchSearchParams, parseMatchQuery } from '../utils/match-query'
import {
  type CandidateFacts,
  compareMatches,
  explainMatch,
  levelsFromCompact,
  scoreMatch,
  type MatchExplanation,
  type NeedFacts,
} from '../utils/match-score'
import { daysPerWeekTotal } from '../utils/need-validation'
import { mayManageShortlist } from '../utils/shortlist-workflow'
import { listPrefectures } from '../../db/queries/local-government'
import { loadNeedCatalogue } from './need-catalogue.server'
import { loadPublishedSkillReadings } from './search-synonyms.server'
import { queueMail } from './mail.server'
import { requireNeedRow } from './need.server'
import { isUniqueViolation, profileViewerOf } from './pool-scope.server'

export const MATCH_PAGE_SIZE = 20
/** The SQL fallback scores at most this many candidates (the best tier first). */
const SQL_FALLBACK_LIMIT = 2000

function notFound(): never {
  throw new Response('指定されたニーズは見つかりません。', { status: 404 })
}

/** The label of an employment form read back as text (a facet's value); undefined for one the schema lacks. */
const employmentLabel = (value: string): string | undefined =>
  Object.hasOwn(EMPLOYMENT_FORM_LABELS, value) ? EMPLOYMENT_FORM_LABELS[value as EmploymentForm] : undefined

/** A candidate's facts from a Postgres row: what the explanation on the page is computed from. */
export function candidateFacts(row: CandidateRow): CandidateFacts {
  return {
    levels: new Map(row.skills.map((s) => [s.skill_id, s.level])),
    evidenceSkillIds: new Set(row.experiences.flatMap((e) => e.skill_ids)),
    qualificationCount: Number(row.qualification_count ?? 0),
    yearsPublicSector: row.years_public_sector,
    employmentForms: row.employment_forms,
    daysPerWeek: row.days_per_week === null ? null : Number(row.days_per_week),
    workArea: row.work_area,
    workPrefectureCodes: row.work_prefecture_codes,
    remoteOk: row.remote_ok,
    availableFrom: row.available_from,
  }
}

/** What matching reads of a need row (the need page's row and the published-needs list both have it). */
interface NeedShape {
  skills: ReadonlyArray<{ skill_id: string; min_level: number; essential: boolean }>
  municipalities: ReadonlyArray<{ days_per_week: string | number }>
  employment_form: string | null
  prefecture_code: string
  prefecture_name: string
  remote_days_per_week: string | number | null
  start_on: string | null
}

/** A need's facts for the explanation (the match list and a shortlist entry's page explain alike). */
export function needFactsOf(row: NeedShape, skillNames: Map<string, string>): NeedFacts {
  return {
    requirements: row.skills.map((s) => ({
      skillId: s.skill_id,
      name: skillNames.get(s.skill_id) ?? s.skill_id,
      minLevel: s.min_level,
      essential: s.essential,
    })),
    employmentForm: row.employment_form,
    employmentFormLabel: row.employment_form ? (employmentLabel(row.employment_form) ?? row.employment_form) : null,
    daysPerWeek: daysPerWeekTotal(row.municipalities.map((m) => ({ daysPerWeek: m.days_per_week }))).total,
    prefectureCode: row.prefecture_code,
    prefectureName: row.prefecture_name,
    remote: Number(row.remote_days_per_week ?? 0) > 0,
    startOn: row.start_on,
  }
}

/** A need's hard conditions and 必須 skills as the search filters them. */
export function matchCriteriaOf(need: NeedFacts): MatchCriteria {
  return {
    essentials: need.requirements.filter((r) => r.essential).map((r) => ({ skillId: r.skillId, minLevel: r.minLevel })),
    employmentForm: need.employmentForm,
    daysPerWeek: need.daysPerWeek,
    prefectureCode: need.prefectureCode,
    remote: need.remote,
    startDay: need.startOn ? epochDay(need.startOn) : null,
  }
}

/** The need as matching sees it (404 for a need the user may not read). */
export async function loadNeedFacts(db: DbExecutor, user: SessionUser, needId: string): Promise<NeedFacts> {
  const [row, catalogue] = await Promise.all([requireNeedRow(db, user, needId), loadNeedCatalogue(db)])
  return needFactsOf(row, skillNamesOf(catalogue))
}

function skillNamesOf(catalogue: Awaited<ReturnType<typeof loadNeedCatalogue>>) {
  return new Map(catalogue.areas.flatMap((a) => a.skills.map((s) => [s.id, s.name] as const)))
}

/** Ranks search hits by the same score as the page (app/utils/match-score.ts scoreMatch): tier and score only. */
function rankHits(need: NeedFacts, hits: Awaited<ReturnType<typeof searchMatchCandidates>>['tiers'][number]) {
  return hits.map((hit) => ({
    id: hit.id,
    explanation: scoreMatch(need.requirements, {
      levels: levelsFromCompact(hit.skills_compact),
      evidenceSkillIds: new Set(hit.evidence_skill_ids),
      qualificationCount: hit.qualification_count,
      yearsPublicSector: hit.years_public_sector,
    }),
  }))
}

export interface MatchCandidate {
  id: string
  name: string
  nameKana: string
  residenceName: string
  poolMember: { id: string; statusLabel: string } | null
  /** On the need's shortlist already (its entry and status). */
  shortlist: { entryId: string; statusLabel: string } | null
  explanation: MatchExplanation
}

interface FacetOption {
  value: string
  label: string
  count: number
}

function facetOptions(counts: Record<string, number>, label: (value: string) => string | undefined): FacetOption[] {
  return Object.entries(counts)
    .flatMap(([value, count]) => {
      const text = label(value)
      return text === undefined || count === 0 ? [] : [{ value, label: text, count }]
    })
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'ja'))
}

function countBy(rows: CandidateRow[], keys: (row: CandidateRow) => readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const row of rows) for (const key of new Set(keys(row))) counts[key] = (counts[key] ?? 0) + 1
  return counts
}

export async function getNeedMatches(context: AppLoadContext, user: SessionUser, needId: string, query: MatchQuery) {
  const viewer = profileViewerOf(user)
  if (!viewer) notFound()
  const { db } = context.services.database
  const [row, catalogue, skillReadings] = await Promise.all([
    requireNeedRow(db, user, needId),
    loadNeedCatalogue(db),
    // Free text may name a skill by its reading (search/skill-readings.ts); read once per published catalogue.
    query.q ? loadPublishedSkillReadings(db) : null,
  ])
  // Read while the search runs; a failure surfaces where it is awaited.
  const lists = Promise.all([listPrefectures(db), listSavedSearches(db, needId)])
  lists.catch(() => {})
  const skillNames = skillNamesOf(catalogue)
  const roleNames = new Map(catalogue.roles.map((r) => [r.id, r.name]))
  const need = needFactsOf(row, skillNames)
  const poolCode = poolCodeOf(viewer)
  const narrowing = {
    employmentForm: query.form,
    residencePrefectureCode: query.residence,
    skillId: query.skill,
    poolStatus: query.status,
    roleId: query.role,
  }
  const offset = (query.page - 1) * MATCH_PAGE_SIZE

  let rows: CandidateRow[]
  let total: number
  let counts: {
    employmentForms: Record<string, number>
    residence: Record<string, number>
    skills: Record<string, number>
    poolStatuses: Record<string, number>
    roles: Record<string, number>
  }
  let searchUnavailable = false
  let truncated = false
  // How many candidates were ranked (and can be paged through): all of them, or, when there are more than one
  // ranking pass takes (TIER_LIMIT per tier, SQL_FALLBACK_LIMIT without search), those it took.
  let rankedCount: number
  let marks: Promise<Awaited<ReturnType<typeof listShortlistMarks>>> | null = null
  try {
    const found = await searchMatchCandidates(
      context.services.search,
      viewer,
      matchCriteriaOf(need),
      {
        ...narrowing,
        q: query.q,
      },
      offset + MATCH_PAGE_SIZE,
      skillReadings,
    )
    const ranked = [...rankHits(need, found.tiers[0]), ...rankHits(need, found.tiers[1])].sort(compareMatches)
    total = found.total
    truncated = found.truncated
    rankedCount = found.rankable
    counts = found.facets
    const pageIds = ranked.slice(offset, offset + MATCH_PAGE_SIZE).map((r) => r.id)
    // The shortlist marks of the page's people, read alongside their rows (an id whose row is gone is a mark
    // nobody looks up). The rows are asked for first: the page waits for them, and the embedded database
    // answers one statement at a time.
    const pageRows = listCandidateRows(db, viewer, poolCode, pageIds)
    marks = listShortlistMarks(db, needId, pageIds)
    marks.catch(() => {})
    const byId = new Map((await pageRows).map((r) => [r.id, r]))
    rows = pageIds.flatMap((id) => byId.get(id) ?? [])
  } catch (error) {
    if (error instanceof Response) throw error
    console.error(
      `[match] 検索サーバーに接続できないため SQL で照合します: ${error instanceof Error ? error.message : String(error)}`,
    )
    searchUnavailable = true
    marks = null
    const all = await listCandidateRowsBySql(
      db,
      viewer,
      poolCode,
      { ...need, essentials: matchCriteriaOf(need).essentials },
      narrowing,
      SQL_FALLBACK_LIMIT,
    )
    const ranked = all
      .map((r) => ({ id: r.id, row: r, explanation: explainMatch(need, candidateFacts(r)) }))
      .sort(compareMatches)
    total = ranked.length
    truncated = all.length >= SQL_FALLBACK_LIMIT
    rankedCount = ranked.length
    counts = {
      employmentForms: countBy(all, (r) => r.employment_forms),
      residence: countBy(all, (r) => (r.residence_prefecture_code ? [r.residence_prefecture_code] : [])),
      skills: countBy(all, (r) => r.skills.map((s) => s.skill_id)),
      poolStatuses: countBy(all, (r) => r.pool.map((m) => m.status)),
      roles: countBy(all, (r) => r.pool.flatMap((m) => m.target_role_ids)),
    }
    rows = ranked.slice(offset, offset + MATCH_PAGE_SIZE).map((r) => r.row)
  }

  const [[prefectures, saved], marked] = await Promise.all([
    lists,
    marks ??
      listShortlistMarks(
        db,
        needId,
        rows.map((r) => r.id),
      ),
  ])
  const prefectureNames = new Map(prefectures.map((p) => [p.prefecture_code, p.name]))
  const markOf = new Map(marked.map((m) => [m.profile_id, m]))
  const shortlistOf = (profileId: string) => {
    const mark = markOf.get(profileId)
    return mark ? { entryId: mark.id, statusLabel: SHORTLIST_STATUS_LABELS[mark.status] } : null
  }
  const candidates: MatchCandidate[] = rows
    .map((r) => ({
      id: r.id,
      name: `${r.family_name} ${r.given_name}`,
      nameKana: `${r.family_name_kana} ${r.given_name_kana}`,
      residenceName: r.residence_prefecture_code ? (prefectureNames.get(r.residence_prefecture_code) ?? '') : '',
      poolMember: r.pool[0]
        ? { id: r.pool[0].id, statusLabel: POOL_STATUS_LABELS[r.pool[0].status as keyof typeof POOL_STATUS_LABELS] }
        : null,
      shortlist: shortlistOf(r.id),
      explanation: explainMatch(need, candidateFacts(r)),
    }))
    // The page's own rows are the truth (the index may lag a moment): their order follows them.
    .sort(compareMatches)

  return {
    need: {
      id: row.id,
      title: row.title,
      prefectureName: row.prefecture_name,
      requirements: need.requirements,
      employmentFormLabel: need.employmentFormLabel,
      daysPerWeek: need.daysPerWeek,
      remote: need.remote,
      startOn: need.startOn,
    },
    query,
    total,
    page: query.page,
    // Pages go as far as the ranking: past it they would be empty, however many more qualify.
    pageCount: Math.max(1, Math.ceil(rankedCount / MATCH_PAGE_SIZE)),
    rankedCount,
    candidates,
    canShortlist: mayManageShortlist(user),
    truncated,
    searchUnavailable,
    savedSearches: saved.map((s) => ({
      id: s.id,
      name: s.name,
      // Re-read through the schema: a value saved under older rules never reaches a link unchecked.
      search: matchSearchParams(parseMatchQuery(s.query)).toString(),
    })),
    poolLabel: poolCode === '00' ? '国のリスト' : `${prefectureNames.get(poolCode) ?? ''}の人材プール`,
    facets: {
      employmentForms: facetOptions(counts.employmentForms, employmentLabel),
      residence: facetOptions(counts.residence, (v) => prefectureNames.get(v)),
      skills: facetOptions(counts.skills, (v) => skillNames.get(v)),
      poolStatuses: facetOptions(counts.poolStatuses, (v) => POOL_STATUS_LABELS[v as keyof typeof POOL_STATUS_LABELS]),
      roles: facetOptions(counts.roles, (v) => roleNames.get(v)),
    },
  }
}

export type NeedMatchesPage = Awaited<ReturnType<typeof getNeedMatches>>

export type SaveSearchResult = { status: 'ok' } | { status: 'field-error'; field: 'name'; message: string }

/** Saves the current narrowing under a name, on the need (shared by everyone who may match it). */
export async function saveMatchSearch(
  context: AppLoadContext,
  user: SessionUser,
  needId: string,
  { name, query }: { name: string; query: MatchQuery },
): Promise<SaveSearchResult> {
  if (!profileViewerOf(user)) notFound()
  const { db } = context.services.database
  await requireNeedRow(db, user, needId)
  try {
    await insertSavedSearch(db, { needId, name, query: matchSearchParams(query).toString(), createdBy: user.id })
    return { status: 'ok' }
  } catch (error) {
    if (isUniqueViolation(error, 'need_saved_search_name_key'))
      return {
        status: 'field-error',
        field: 'name',
        message: '同じ名前の検索条件がこのニーズにあります。別の名前にしてください。',
      }
    throw error
  }
}

export async function deleteMatchSearch(context: AppLoadContext, user: SessionUser, needId: string, id: string) {
  if (!profileViewerOf(user)) notFound()
  const { db } = context.services.database
  await requireNeedRow(db, user, needId)
  if (!(await deleteSavedSearch(db, needId, id)))
    throw new Response('指定された検索条件は見つかりません。', { status: 404 })
}

// ---- candidate → needs -------------------------------------------------------------------------------------

export const FITTING_NEEDS_LIMIT = 10

/**
 * The open needs a professional fits, best first, with the same explanation staff see from their side:
 * only needs whose every condition the person meets (form of employment, days, place, start), ordered by
 * tier and score like a need's candidates. Needs are few (thousands at most), so all published ones are
 * scored; no profile is read but the person's own.
 */
export async function getMyFittingNeeds(context: AppLoadContext, user: SessionUser) {
  const { db } = context.services.database
  const [row, needs, catalogue] = await Promise.all([
    findOwnCandidateRow(db, user.id),
    listPublishedNeedsForMatch(db, { openCallOnly: true }),
    loadNeedCatalogue(db),
  ])
  if (!row) return { hasProfile: false as const, needs: [], considered: needs.length }
  const ranked = rankNeedsFor(needs, candidateFacts(row), skillNamesOf(catalogue))
  return {
    hasProfile: true as const,
    considered: needs.length,
    fitting: ranked.length,
    needs: ranked.slice(0, FITTING_NEEDS_LIMIT),
    // A 内定 on a 常勤 need takes the person out of every prefecture's candidate list; they may still apply.
    placedFullTime: row.placed_full_time,
  }
}

/** Needs whose every condition the person meets, best first, as the pages show them. */
function rankNeedsFor(
  needs: Awaited<ReturnType<typeof listPublishedNeedsForMatch>>,
  facts: CandidateFacts,
  skillNames: Map<string, string>,
) {
  return needs
    .map((need) => ({ id: need.id, need, explanation: explainMatch(needFactsOf(need, skillNames), facts) }))
    .filter((n) => n.explanation.conditions.every((c) => c.ok))
    .sort(compareMatches)
    .map(({ need, explanation }) => ({
      id: need.id,
      title: need.title,
      prefectureName: need.prefecture_name,
      startOn: need.start_on,
      applicationDeadline: need.application_deadline,
      explanation,
    }))
}

/**
 * For staff on a pool member's page: the published needs of that pool's prefecture (every prefecture's for the
 * ministry's national list) that the person fits. Empty when the profile is not shared with the viewer.
 */
export async function fittingNeedsOfMember(
  db: DbExecutor,
  viewer: ProfileViewer | null,
  poolCode: string,
  profileId: string,
) {
  if (!viewer) return { placedFullTime: false, needs: [] }
  const [rows, needs, catalogue] = await Promise.all([
    listCandidateRows(db, viewer, poolCode, [profileId]),
    listPublishedNeedsForMatch(db, { openCallOnly: false }),
    loadNeedCatalogue(db),
  ])
  const row = rows[0]
  // Someone placed full time is no candidate for another need, here as in every match list.
  if (!row) return { placedFullTime: false, needs: [] }
  if (row.placed_full_time) return { placedFullTime: true, needs: [] }
  const ofPool = poolCode === '00' ? needs : needs.filter((n) => n.prefecture_code === poolCode)
  return {
    placedFullTime: false,
    needs: rankNeedsFor(ofPool, candidateFacts(row), skillNamesOf(catalogue)).slice(0, FITTING_NEEDS_LIMIT),
  }
}

// ---- the weekly mail of fitting open calls ------------------------------------------------------------------

export const DIGEST_INTERVAL_MS = 7 * 24 * 60 * 60 * 1000
const DIGEST_NEEDS_PER_MAIL = 10
const DIGEST_BATCH = 100

/**
 * Mails each person who asked for it (and is due: a week since the last one) the open calls published since
 * then that they fit — every condition met, best first, as on their own list — and moves their mark on, mail
 * or not. Run by the worker on a timer; safe on several workers at once (the recipients are locked).
 */
export async function sendFittingNeedsDigests(
  db: DbExecutor,
  { appUrl, now = new Date() }: { appUrl: string; now?: Date },
): Promise<{ checked: number; mailed: number }> {
  const [needs, catalogue] = await Promise.all([
    listPublishedNeedsForMatch(db, { openCallOnly: true }),
    loadNeedCatalogue(db),
  ])
  const skillNames = skillNamesOf(catalogue)
  const dueBefore = new Date(now.getTime() - DIGEST_INTERVAL_MS)
  let checked = 0
  let mailed = 0
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const recipients = await claimDueDigestRecipients(trx, dueBefore, DIGEST_BATCH)
      for (const person of recipients) {
        // The first mail covers the week before it.
        const since = person.fitting_needs_digest_since ?? dueBefore
        const fresh = needs.filter((n) => n.published_at !== null && new Date(n.published_at) > since)
        const row = fresh.length > 0 ? await findOwnCandidateRow(trx, person.user_id) : undefined
        const ranked = row ? rankNeedsFor(fresh, candidateFacts(row), skillNames) : []
        if (ranked.length > 0) {
          await queueMail(trx, person.email, {
            template: 'fitting_needs_digest',
            name: `${person.family_name} ${person.given_name}`,
            needs: ranked.slice(0, DIGEST_NEEDS_PER_MAIL).map((need) => ({
              title: need.title,
              prefectureName: need.prefectureName,
              summary: need.explanation.summary,
              url: `${appUrl}/open-calls/${need.id}`,
            })),
            more: Math.max(0, ranked.length - DIGEST_NEEDS_PER_MAIL),
            listUrl: `${appUrl}/open-calls/for-me`,
            settingsUrl: `${appUrl}/profile/consent`,
          })
          mailed += 1
        }
        await markDigestSent(trx, person.id, now)
      }
      return recipients.length
    })
    checked += batch
    if (batch < DIGEST_BATCH) return { checked, mailed }
  }
}
