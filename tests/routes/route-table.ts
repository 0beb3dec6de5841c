// The route table shared by the authorization matrix and the route fuzz test: every route file, the URL
// (and params) to call it with, and who gets what. A route file without a row fails the matrix's first test,
// so nobody adds a page without deciding who may open it (and post to it).
import { readdirSync } from 'node:fs'
import path from 'node:path'
import type { Role } from '../../db/schema'

export type Who = Role | 'anonymous'
export type Outcome = 'ok' | 'login' | 'redirect' | 403 | 404
export const ROLES: Who[] = [
  'anonymous',
  'professional',
  'municipal_staff',
  'prefecture_staff',
  'prefecture_admin',
  'ministry_staff',
  'ministry_admin',
]

const everyone = (outcome: Outcome): Record<Who, Outcome> =>
  Object.fromEntries(ROLES.map((r) => [r, outcome])) as Record<Who, Outcome>
const anonymousOnly: Record<Who, Outcome> = { ...everyone('redirect'), anonymous: 'ok' }
const signedIn: Record<Who, Outcome> = { ...everyone('ok'), anonymous: 'login' }
const admins: Record<Who, Outcome> = {
  ...everyone(403),
  anonymous: 'login',
  prefecture_admin: 'ok',
  ministry_admin: 'ok',
}
/** Holders of 'update:skill-standard:any' (スキル標準の編集). */
const poolReaders: Record<Who, Outcome> = {
  ...everyone(403),
  anonymous: 'login',
  prefecture_staff: 'ok',
  prefecture_admin: 'ok',
  ministry_staff: 'ok',
  ministry_admin: 'ok',
}
const professionalOnly: Record<Who, Outcome> = { ...everyone(403), anonymous: 'login', professional: 'ok' }
/** Sections other than basics send a professional without a profile to /profile/basics first. */
const professionalSection: Record<Who, Outcome> = { ...professionalOnly, professional: 'redirect' }
const ministryEditors: Record<Who, Outcome> = {
  ...everyone(403),
  anonymous: 'login',
  ministry_staff: 'ok',
  ministry_admin: 'ok',
}
/** 課題: municipal staff (own posts), prefecture staff (their municipalities'), ministry (national, read only). */
const issueReaders: Record<Who, Outcome> = { ...everyone('ok'), anonymous: 'login', professional: 403 }
/** ニーズ: prefecture staff (own), ministry (national, read only). */
const needReaders: Record<Who, Outcome> = {
  ...everyone(403),
  anonymous: 'login',
  prefecture_staff: 'ok',
  prefecture_admin: 'ok',
  ministry_staff: 'ok',
  ministry_admin: 'ok',
}
const needEditors: Record<Who, Outcome> = {
  ...everyone(403),
  anonymous: 'login',
  prefecture_staff: 'ok',
  prefecture_admin: 'ok',
}
/** 配置: prefecture staff (every placement in it), municipal staff (their own and those serving them), the ministry. */
const placementReaders: Record<Who, Outcome> = { ...everyone('ok'), anonymous: 'login', professional: 403 }
/** The employers: a prefecture's staff (its body's placements) and a municipality's (its CIO補佐官等); not the ministry. */
const placementEditors: Record<Who, Outcome> = {
  ...everyone(403),
  anonymous: 'login',
  municipal_staff: 'ok',
  prefecture_staff: 'ok',
  prefecture_admin: 'ok',
}
/** The 500 dashboard and 推進体制: a prefecture's staff (their prefecture), the ministry (the nation). */
const dashboardReaders: Record<Who, Outcome> = {
  ...everyone(403),
  anonymous: 'login',
  prefecture_staff: 'ok',
  prefecture_admin: 'ok',
  ministry_staff: 'ok',
  ministry_admin: 'ok',
}
export const MISSING_ID = '00000000-0000-4000-8000-000000000000'
const notFoundFor = (row: Record<Who, Outcome>): Record<Who, Outcome> =>
  Object.fromEntries(Object.entries(row).map(([who, outcome]) => [who, outcome === 'ok' ? 404 : outcome])) as Record<
    Who,
    Outcome
  >

/**
 * What a POST gets, by role: 'login' (sent to log in), 403, or 'handled' (the action ran: a redirect, a
 * 2xx, or a 4xx about the input such as 400/404/409). Never a 5xx.
 */
export type PostOutcome = 'login' | 403 | 'handled'

export interface RouteRow {
  url: string
  params?: Record<string, string>
  expect: Record<Who, Outcome>
  /** Who may POST at all; when absent, derived from `expect` by postGateFor (the action has the loader's guard). */
  post?: Record<Who, PostOutcome>
}

/** The usual case: whoever may open the page may post to it; the login page and 403 stay as they are. */
export function postGateFor(row: RouteRow): Record<Who, PostOutcome> {
  return row.post ?? postGate(row.expect)
}

function postGate(expect: Record<Who, Outcome>): Record<Who, PostOutcome> {
  return Object.fromEntries(
    Object.entries(expect).map(([who, outcome]) => [who, outcome === 'login' || outcome === 403 ? outcome : 'handled']),
  ) as Record<Who, PostOutcome>
}
const signedInPost: Record<Who, PostOutcome> = {
  ...(Object.fromEntries(ROLES.map((r) => [r, 'handled'])) as Record<Who, PostOutcome>),
  anonymous: 'login',
}

/** Route file (under app/routes) → the URL to GET and who gets what. */
export const MATRIX: Record<string, RouteRow> = {
  '_index.tsx': { url: '/', expect: everyone('ok') },
  // Any unmatched URL: a Japanese 404 inside the layout, for everyone.
  '$.tsx': { url: '/no-such-page', params: { '*': 'no-such-page' }, expect: everyone(404) },
  'local-governments._index': { url: '/local-governments?q=さっぽろ', expect: everyone('ok') },
  'local-governments.$code': { url: '/local-governments/011002', params: { code: '011002' }, expect: everyone('ok') },
  'resources.local-governments.ts': { url: '/resources/local-governments?q=ひろしま', expect: everyone('ok') },
  'healthz.ts': { url: '/healthz', expect: everyone('ok') },
  login: { url: '/login', expect: anonymousOnly },
  signup: { url: '/signup', expect: anonymousOnly },
  // Logging out ends the session and sends everyone to the login page.
  'logout.ts': { url: '/logout', expect: everyone('redirect'), post: postGate(everyone('login')) },
  'forgot-password': { url: '/forgot-password', expect: everyone('ok') },
  'reset-password': { url: '/reset-password?token=x', expect: everyone('ok') },
  'verify-email': { url: '/verify-email?token=x', expect: everyone('ok') },
  'confirm-email': { url: '/confirm-email?token=x', expect: everyone('ok') },
  'invitations.accept': { url: '/invitations/accept?token=x', expect: everyone('ok') },
  account: { url: '/account', expect: signedIn },
  'admin.users._index': { url: '/admin/users?page=2', expect: admins },
  'admin.users.invite': { url: '/admin/users/invite', expect: admins },
  'admin.audit._index': { url: '/admin/audit', expect: admins },
  'admin.audit[.]csv.ts': { url: '/admin/audit.csv', expect: admins },
  'admin.mail': { url: '/admin/mail?page=2', expect: admins },
  'pools._index': { url: '/pools?status=registered&page=2', expect: poolReaders },
  'pools.$memberId': {
    url: '/pools/00000000-0000-4000-8000-000000000000',
    params: { memberId: '00000000-0000-4000-8000-000000000000' },
    expect: { ...poolReaders, prefecture_staff: 404, prefecture_admin: 404, ministry_staff: 404, ministry_admin: 404 },
  },
  // Prefecture staff add to their own pool; ministry staff to the national list (国の外部人材リスト, pool '00').
  'pools.new': { url: '/pools/new', expect: poolReaders },
  'pools.import': { url: '/pools/import', expect: poolReaders },
  'pools.export[.]csv.ts': { url: '/pools/export.csv', expect: poolReaders },
  // The link itself is the credential: anyone may open it (an unknown token shows an error page).
  // Accepting or declining needs an account (the answer is tied to the person's profile).
  'pool-invitations.accept': { url: '/pool-invitations/accept?token=x', expect: everyone('ok'), post: signedInPost },
  // Only a prefecture adds from the national list to its own pool; the ministry runs the list itself.
  'national-list._index': {
    url: '/national-list',
    expect: poolReaders,
    post: postGate({ ...poolReaders, ministry_staff: 403, ministry_admin: 403 }),
  },
  'national-list.export[.]csv.ts': { url: '/national-list/export.csv', expect: poolReaders },
  'profile._index': { url: '/profile', expect: professionalOnly },
  'profile.basics': { url: '/profile/basics', expect: professionalOnly },
  'profile.availability': { url: '/profile/availability', expect: professionalSection },
  'profile.consent': { url: '/profile/consent', expect: professionalSection },
  'profile.skills': { url: '/profile/skills', expect: professionalSection },
  'profile.qualifications': { url: '/profile/qualifications', expect: professionalSection },
  'profile.experiences': { url: '/profile/experiences', expect: professionalSection },
  'profile.export[.]json.ts': { url: '/profile/export.json', expect: professionalOnly },
  'profile.export[.]csv.ts': { url: '/profile/export.csv', expect: professionalOnly },
  'account_.delete': { url: '/account/delete', expect: professionalOnly },
  'partners._index': {
    url: '/partners',
    expect: {
      ...everyone(403),
      anonymous: 'login',
      prefecture_staff: 'ok',
      prefecture_admin: 'ok',
      ministry_staff: 'ok',
      ministry_admin: 'ok',
    },
  },
  'partners.$id': { url: '/partners/new', params: { id: 'new' }, expect: ministryEditors },
  applications: { url: '/applications', expect: { ...everyone(403), anonymous: 'login', professional: 'ok' } },
  'admin.skill-standard._index': { url: '/admin/skill-standard', expect: ministryEditors },
  'admin.skill-standard.$kind.$id': {
    url: '/admin/skill-standard/skills/new',
    params: { kind: 'skills', id: 'new' },
    expect: ministryEditors,
  },
  // The public スキル標準 pages: everyone, signed in or not. The diff row asks for a 400 (same version twice).
  'skills._index': { url: '/skills?q=ガバクラ', expect: everyone('ok') },
  'skills.$skillId': { url: '/skills/bpr', params: { skillId: 'bpr' }, expect: everyone('ok') },
  'skills.roles.$roleId': {
    url: '/skills/roles/project-manager',
    params: { roleId: 'project-manager' },
    expect: everyone('ok'),
  },
  'skills.qualifications': { url: '/skills/qualifications?version=1', expect: everyone('ok') },
  'skills.versions': { url: '/skills/versions', expect: everyone('ok') },
  'skills.diff': { url: '/skills/diff?from=1&to=1', expect: everyone('status 400' as Outcome) },
  'skills.export[.]json.ts': { url: '/skills/export.json', expect: everyone('ok') },
  'skills.export[.]csv.ts': { url: '/skills/export.csv?version=1', expect: everyone('ok') },
  'issues._index': { url: '/issues?page=2', expect: issueReaders },
  'issues.new': { url: '/issues/new', expect: { ...issueReaders, ministry_staff: 403, ministry_admin: 403 } },
  // The status change and the edit form are checked before the issue is looked up: an empty form is a 400
  // for any signed-in user (the issue's access rule decides a well-formed one).
  'issues.$id': {
    url: `/issues/${MISSING_ID}`,
    params: { id: MISSING_ID },
    expect: notFoundFor(issueReaders),
    post: signedInPost,
  },
  'issues.$id_.edit': {
    url: `/issues/${MISSING_ID}/edit`,
    params: { id: MISSING_ID },
    expect: notFoundFor(issueReaders),
    post: signedInPost,
  },
  // Search operations: ministry admins only.
  'admin.search': {
    url: '/admin/search',
    expect: { ...everyone(403), anonymous: 'login', ministry_admin: 'ok' },
    post: postGate({ ...everyone(403), anonymous: 'login', ministry_admin: 'ok' }),
  },
  'needs._index': { url: '/needs?status=published&page=2', expect: needReaders },
  'needs.new': { url: '/needs/new', expect: needEditors },
  'needs.export[.]csv.ts': { url: '/needs/export.csv', expect: needReaders },
  // The ministry reads every need but changes none.
  'needs.$id': {
    url: `/needs/${MISSING_ID}`,
    params: { id: MISSING_ID },
    expect: notFoundFor(needReaders),
    post: postGate(needEditors),
  },
  'needs.$id_.edit': { url: `/needs/${MISSING_ID}/edit`, params: { id: MISSING_ID }, expect: notFoundFor(needEditors) },
  // Staff who read a need look for its candidates and save searches on it.
  'needs.$id_.candidates': {
    url: `/needs/${MISSING_ID}/candidates?skill=bpr&page=2`,
    params: { id: MISSING_ID },
    expect: notFoundFor(needReaders),
    post: postGate(needReaders),
  },
  // A need's shortlist entry: its readers see it; only the need's prefecture moves it (the ministry reads).
  'needs.$id_.shortlist.$entryId': {
    url: `/needs/${MISSING_ID}/shortlist/${MISSING_ID}`,
    params: { id: MISSING_ID, entryId: MISSING_ID },
    expect: notFoundFor(needReaders),
    post: postGate(needEditors),
  },
  // A prefecture's 打診 as the professional it was for sees and answers it (another's is 404).
  'offers.$entryId': {
    url: `/offers/${MISSING_ID}`,
    params: { entryId: MISSING_ID },
    expect: { ...professionalOnly, professional: 404 },
  },
  'needs.$id_.print': {
    url: `/needs/${MISSING_ID}/print`,
    params: { id: MISSING_ID },
    expect: notFoundFor(needReaders),
  },
  'placements._index': { url: '/placements?status=active&kind=municipal_support&fy=2026', expect: placementReaders },
  'placements.new': { url: '/placements/new', expect: placementEditors },
  'placements.export[.]csv.ts': { url: '/placements/export.csv?fy=2026', expect: placementReaders },
  // The ministry reads every placement but changes none; only the employer starts and ends one.
  'placements.$id': {
    url: `/placements/${MISSING_ID}`,
    params: { id: MISSING_ID },
    expect: notFoundFor(placementReaders),
    post: postGate(placementEditors),
  },
  'placements.$id_.edit': {
    url: `/placements/${MISSING_ID}/edit`,
    params: { id: MISSING_ID },
    expect: notFoundFor(placementEditors),
  },
  'placements.$id_.costs': {
    url: `/placements/${MISSING_ID}/costs?fy=2026`,
    params: { id: MISSING_ID },
    expect: notFoundFor(placementEditors),
  },
  // 財政措置: whoever reads placements reads the funding of the same bodies; the employer chooses whom a persons
  // cap counts; only the ministry sees the national page and decides 要確認 rows.
  'funding._index': { url: '/funding?fy=2026', expect: placementReaders, post: postGate(placementEditors) },
  'funding.export[.]csv.ts': { url: '/funding/export.csv?fy=2026', expect: placementReaders },
  'funding.export[.]xlsx.ts': { url: '/funding/export.xlsx?fy=2026', expect: placementReaders },
  'funding.national': { url: '/funding/national?fy=2026', expect: ministryEditors },
  'funding.estimate': { url: '/funding/estimate', expect: placementReaders },
  // The dashboard toward 500 and its CSVs; 推進体制: prefectures report (their own), the ministry confirms.
  'dashboard._index': { url: '/dashboard', expect: dashboardReaders },
  'dashboard.export[.]csv.ts': { url: '/dashboard/export.csv?table=prefectures', expect: dashboardReaders },
  'dx-structure': { url: '/dx-structure', expect: dashboardReaders },
  // A professional's own ranking of open calls.
  'open-calls.for-me': { url: '/open-calls/for-me', expect: professionalOnly },
  // Public: the open calls list, and a missing (or unpublished) call is 404 for everyone.
  'open-calls._index': { url: '/open-calls?q=標準化', expect: everyone('ok') },
  // Expressing interest (応募) needs an account.
  'open-calls.$id': {
    url: `/open-calls/${MISSING_ID}`,
    params: { id: MISSING_ID },
    expect: everyone(404),
    post: signedInPost,
  },
  'admin.skill-standard.import': { url: '/admin/skill-standard/import', expect: ministryEditors },
  // 財政措置のルール: holders of 'update:funding-rule:any' (the ministry) read and change them.
  'admin.funding-rules._index': { url: '/admin/funding-rules', expect: ministryEditors },
  'admin.funding-rules.$measure': {
    url: '/admin/funding-rules/B1',
    params: { measure: 'B1' },
    expect: ministryEditors,
  },
  'admin.funding-rules.new': { url: '/admin/funding-rules/new', expect: ministryEditors },
  // The seeded database has no draft: editors pass the guard and get 404 (「下書きがありません」).
  'admin.skill-standard.export[.]json.ts': {
    url: '/admin/skill-standard/export.json',
    expect: { ...ministryEditors, ministry_staff: 404, ministry_admin: 404 },
  },
  'admin.skill-standard.export[.]csv.ts': {
    url: '/admin/skill-standard/export.csv',
    expect: { ...ministryEditors, ministry_staff: 404, ministry_admin: 404 },
  },
  // 任命: prefectures read their cases and nominate their own pool members; the ministry reads and decides all.
  'appointments._index': { url: '/appointments?status=nominated&pref=34&q=試験', expect: needReaders },
  'appointments.new': {
    url: `/appointments/new?member=${MISSING_ID}`,
    expect: { ...everyone(403), anonymous: 'login', prefecture_staff: 404, prefecture_admin: 404 },
  },
  'appointments.$id': {
    url: `/appointments/${MISSING_ID}`,
    params: { id: MISSING_ID },
    expect: notFoundFor(needReaders),
  },
  'appointments.$id_.edit': {
    url: `/appointments/${MISSING_ID}/edit`,
    params: { id: MISSING_ID },
    expect: { ...everyone(403), anonymous: 'login', prefecture_staff: 404, prefecture_admin: 404 },
  },
  // The notice: the ministry, the nominating prefecture and the person; a missing one is 404 for anyone signed in.
  'appointments.$id_.notice': {
    url: `/appointments/${MISSING_ID}/notice`,
    params: { id: MISSING_ID },
    expect: { ...everyone(404), anonymous: 'login' },
  },
  // The accelerator's own page: nobody in this table is appointed, so every signed-in user gets the same 404.
  'accelerator._index': { url: '/accelerator', expect: { ...everyone(404), anonymous: 'login' } },
  // The network directory: accelerators now (none here) and the ministry (read:appointment:any).
  'accelerator.network': {
    url: '/accelerator/network?q=標準化&pref=34',
    expect: { ...everyone(403), anonymous: 'login', ministry_staff: 'ok', ministry_admin: 'ok' },
  },
  // 総務省からのお知らせ: holders of 'publish:accelerator-notice:any'.
  'admin.accelerator-notices': { url: '/admin/accelerator-notices', expect: ministryEditors },
  // Public: the programme, its count toward 500 and the published directory.
  'programme._index': { url: '/programme', expect: everyone('ok') },
}

export const routesDir = path.resolve(import.meta.dirname, '../../app/routes')

export function routeFiles(): string[] {
  return readdirSync(routesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || /\.(ts|tsx)$/.test(entry.name))
    .filter((entry) => !/\.test\.(ts|tsx)$/.test(entry.name))
    .map((entry) => entry.name)
}

export type RouteFunction = (args: {
  request: Request
  params: Record<string, string>
  context: unknown
}) => Promise<unknown>

/** The route module's file: a flat file, or route.tsx in a folder route. */
export function routeModulePath(name: string): string {
  return name.endsWith('.ts') || name.endsWith('.tsx')
    ? path.join(routesDir, name)
    : path.join(routesDir, name, 'route.tsx')
}

export async function routeModule(name: string): Promise<{ loader?: RouteFunction; action?: RouteFunction }> {
  return (await import(routeModulePath(name))) as { loader?: RouteFunction; action?: RouteFunction }
}

export async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome | string> {
  let result: unknown
  try {
    result = await run()
  } catch (error) {
    if (!(error instanceof Response)) throw error
    result = error
  }
  if (result instanceof Response) {
    if (result.status >= 300 && result.status < 400) {
      return (result.headers.get('Location') ?? '').startsWith('/login') ? 'login' : 'redirect'
    }
    if (result.status === 403 || result.status === 404) return result.status
    if (result.status >= 200 && result.status < 300) return 'ok'
    return `status ${result.status}`
  }
  const init = (result as { type?: string; init?: { status?: number } } | undefined)?.init
  if ((result as { type?: string })?.type === 'DataWithResponseInit' && init?.status && init.status >= 400)
    return `status ${init.status}`
  return 'ok'
}

/** The status a loader or action answers with (thrown or returned); anything else thrown is rethrown. */
export async function answerOf(run: () => Promise<unknown>): Promise<{ status: number; location: string }> {
  let result: unknown
  try {
    result = await run()
  } catch (error) {
    if (!(error instanceof Response)) throw error
    result = error
  }
  if (result instanceof Response) return { status: result.status, location: result.headers.get('Location') ?? '' }
  const value = result as { type?: string; init?: { status?: number } | null } | undefined
  if (value?.type === 'DataWithResponseInit') return { status: value.init?.status ?? 200, location: '' }
  return { status: 200, location: '' }
}

export function postOutcomeOf(answer: { status: number; location: string }): PostOutcome | string {
  if (answer.status >= 500) return `status ${answer.status}`
  if (answer.status >= 300 && answer.status < 400 && answer.location.startsWith('/login')) return 'login'
  if (answer.status === 403) return 403
  return 'handled'
}
