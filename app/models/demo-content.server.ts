// Demo content for the embedded setup, next to the demo accounts: one 課題 posted by 安芸太田町 and one
// published need of 広島県 built from it, so the issues, needs and open calls pages have something to show
// on a first start, and demo candidates for it (demo-candidates.server.ts). Written through the same models as
// the pages (validation, history, audit, outbox).
// Idempotent: nothing is added once the demo municipality has posted an issue.
import type { AppLoadContext } from '@remix-run/node'
import { hasPostedIssue } from '../../db/queries/issues'
import { findUserByEmail } from '../../db/queries/users'
import type { Services } from '../services.server'
import type { SessionUser } from '../utils/auth.server'
import { userAttributesOf } from '../utils/session.server'
import { NeedSchema } from '../utils/need-validation'
import { ensureDemoCandidates } from './demo-candidates.server'
import { createIssue } from './issue.server'
import { changeNeedStatus, createNeed, getNeedEditPage, saveNeed } from './need.server'

const TOWN_STAFF = 'akiota@demo.dx500.example.jp'
const PREFECTURE_STAFF = 'hiroshima@demo.dx500.example.jp'

function asSessionUser(row: NonNullable<Awaited<ReturnType<typeof findUserByEmail>>>): SessionUser {
  return { id: row.id, ...userAttributesOf(row) }
}

/** Next 1 April (the start of a fiscal year) as YYYY-MM-DD. */
function nextFiscalYearStart(now = new Date()): string {
  const year = now.getMonth() >= 3 ? now.getFullYear() + 1 : now.getFullYear()
  return `${year}-04-01`
}

export async function ensureDemoContent(services: Services): Promise<void> {
  const { db } = services.database
  const [townRow, prefectureRow] = await Promise.all([
    findUserByEmail(db, TOWN_STAFF),
    findUserByEmail(db, PREFECTURE_STAFF),
  ])
  if (!townRow || !prefectureRow) return
  await ensureDemoCandidates(services)
  if (await hasPostedIssue(db, townRow.id)) return
  // The load context a request would carry: the models are called the same way as from the pages.
  const context: AppLoadContext = { services, requestInfo: { id: 'demo-content', ip: 'local' } }
  const town = asSessionUser(townRow)
  const prefecture = asSessionUser(prefectureRow)

  const issue = await createIssue(context, town, {
    lockVersion: null,
    municipalityCode: null,
    title: '標準化・ガバメントクラウド移行の仕様調整が追いつかない',
    currentSituation:
      '情報担当は総務課の職員1人。基幹業務システムの標準化とガバメントクラウドへの移行で、ベンダーとの仕様調整と移行計画づくりが追いつかない。',
    desiredOutcome: '移行計画を立て、ベンダーと対等に仕様を調整できるよう、週1日程度の助言がほしい。',
    urgency: 'high',
    topicSkillIds: ['government-cloud', 'standardization-advice'],
    itStaffing: 'one',
    sizeNote: '総務課の職員1人が兼務',
    contactName: townRow.display_name,
    contactDepartment: '総務課',
    contactEmail: townRow.email,
    contactPhone: '',
    prefectureNote: '',
  })
  if (issue.status !== 'ok') throw new Error('demo content: the demo issue could not be created')

  const created = await createNeed(context, prefecture, {
    templateId: 'standardization-advice',
    title: null,
    issueIds: [issue.id],
  })
  if (created.status !== 'ok') throw new Error('demo content: the demo need could not be created')
  const page = await getNeedEditPage(context, prefecture, created.id)
  const kitahiroshima = page.municipalities.find((m) => m.name === '北広島町')
  const parsed = NeedSchema.parse({
    ...page.defaults,
    lockVersion: page.lockVersion,
    taskSkillIds: page.defaults.taskSkillIds,
    roleId: page.defaults.roleId || undefined,
    employmentForm: page.defaults.employmentForm || undefined,
    municipalities: [
      ...page.defaults.municipalities,
      ...(kitahiroshima ? [{ code: kitahiroshima.code, daysPerWeek: '1' }] : []),
    ].map((m) => ({ code: m.code, daysPerWeek: Number(m.daysPerWeek) })),
    skills: page.defaults.skills
      .filter((s) => s.minLevel)
      .map((s) => ({ skillId: s.skillId, minLevel: Number(s.minLevel), essential: s.essential })),
    workPlace: '広島県庁（デジタル推進担当）、安芸太田町役場・北広島町役場',
    remoteDaysPerWeek: 1,
    startOn: nextFiscalYearStart(),
    payUnit: 'day',
    payMinYen: 30000,
    payMaxYen: 40000,
    supervisor: '広島県 デジタル推進担当課長（月1回の面談）',
    contact: '広島県 デジタル推進担当（デモ）',
    openCall: true,
    applicationDeadline: undefined,
    endOn: undefined,
    budgetYen: undefined,
  })
  const saved = await saveNeed(context, prefecture, created.id, parsed)
  if (saved.status !== 'ok') throw new Error(`demo content: the demo need could not be saved (${saved.status})`)
  const published = await changeNeedStatus(context, prefecture, created.id, {
    to: 'published',
    lockVersion: page.lockVersion + 1,
    note: 'デモデータ',
  })
  if (published.status !== 'ok')
    throw new Error(`demo content: the demo need could not be published (${published.status})`)
}
