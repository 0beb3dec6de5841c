// Demo candidates for the embedded setup: seven professionals around the demo need (標準化・ガバメントクラウド
// 移行の助言, 広島県), so 「候補者を探す」 shows on a first start how matching ranks and explains — who meets
// every 必須 skill, who is strong but short of one level, who is left out by a condition or by consent.
// They cannot log in (a random password nobody knows). Written through the profile model (demo/builders.server.ts),
// all seven in one transaction. Idempotent: added once.
import crypto from 'node:crypto'
import { findUserByEmail } from '../../db/queries/users'
import type { EmploymentForm, ProfileVisibility } from '../../db/schema'
import type { Services } from '../services.server'
import { hashPassword } from '../utils/auth.server'
import { inDemoBatch } from './demo/batch.server'
import { buildProfile, createDemoAccount, sessionUserOf } from './demo/builders.server'

export interface DemoProfessional {
  email: string
  familyName: string
  givenName: string
  familyNameKana: string
  givenNameKana: string
  introduction: string
  visibility: ProfileVisibility
  employmentForms: EmploymentForm[]
  daysPerWeek: number
  remoteOk: boolean
  yearsPublicSector: number
  residence: string
  skills: Record<string, number>
  experience: { organization: string; title: string; startMonth: string; skillIds: string[] }
}

const CITY_HALL = { organization: '〇〇市役所 情報政策課', title: '主任', startMonth: '2018-04' }

export const DEMO_CANDIDATES: DemoProfessional[] = [
  {
    email: 'candidate-yamada@demo.dx500.example.jp',
    familyName: '山田',
    givenName: '花子',
    familyNameKana: 'やまだ',
    givenNameKana: 'はなこ',
    introduction: '政令市で基幹業務システムの標準化とガバメントクラウド移行を担当。ベンダーとの仕様調整が得意です。',
    visibility: 'all',
    employmentForms: ['part_time', 'side_job'],
    daysPerWeek: 3,
    remoteOk: true,
    yearsPublicSector: 8,
    residence: '34',
    skills: {
      'standardization-advice': 4,
      'government-cloud': 3,
      'vendor-management': 3,
      'specification-writing': 3,
      infrastructure: 2,
    },
    experience: { ...CITY_HALL, skillIds: ['standardization-advice', 'government-cloud', 'vendor-management'] },
  },
  {
    email: 'candidate-sato@demo.dx500.example.jp',
    familyName: '佐藤',
    givenName: '健',
    familyNameKana: 'さとう',
    givenNameKana: 'けん',
    introduction: 'SIer で自治体向けクラウド移行の PM を10年。標準化対応の移行計画づくりを支援できます。',
    visibility: 'all',
    employmentForms: ['part_time', 'contract'],
    daysPerWeek: 2,
    remoteOk: true,
    yearsPublicSector: 0,
    residence: '13',
    skills: { 'standardization-advice': 3, 'government-cloud': 3, 'vendor-management': 2 },
    experience: {
      organization: '株式会社〇〇システム',
      title: 'PM',
      startMonth: '2014-04',
      skillIds: ['government-cloud'],
    },
  },
  {
    email: 'candidate-suzuki@demo.dx500.example.jp',
    familyName: '鈴木',
    givenName: '美咲',
    familyNameKana: 'すずき',
    givenNameKana: 'みさき',
    introduction: 'クラウド基盤とネットワークの設計・構築が専門。仕様書づくりも得意です。標準化の経験はこれからです。',
    visibility: 'all',
    employmentForms: ['part_time'],
    daysPerWeek: 3,
    remoteOk: true,
    yearsPublicSector: 2,
    residence: '34',
    skills: {
      'government-cloud': 4,
      infrastructure: 4,
      'specification-writing': 3,
      'standardization-advice': 2,
      'vendor-management': 2,
    },
    experience: { ...CITY_HALL, skillIds: ['government-cloud', 'infrastructure'] },
  },
  {
    email: 'candidate-takahashi@demo.dx500.example.jp',
    familyName: '高橋',
    givenName: '大輔',
    familyNameKana: 'たかはし',
    givenNameKana: 'だいすけ',
    introduction: '窓口業務の BPR とデータ分析で、県内市町の業務改革を支援してきました。',
    visibility: 'all',
    employmentForms: ['part_time', 'side_job'],
    daysPerWeek: 2,
    remoteOk: true,
    yearsPublicSector: 5,
    residence: '34',
    skills: { bpr: 4, 'data-analysis': 3 },
    experience: { ...CITY_HALL, skillIds: ['bpr'] },
  },
  // Left out of the demo need's candidates: by its form of employment, by its days, and by consent.
  {
    email: 'candidate-tanaka@demo.dx500.example.jp',
    familyName: '田中',
    givenName: '由紀',
    familyNameKana: 'たなか',
    givenNameKana: 'ゆき',
    introduction: '常勤での任用を希望しています。',
    visibility: 'all',
    employmentForms: ['full_time'],
    daysPerWeek: 5,
    remoteOk: false,
    yearsPublicSector: 3,
    residence: '34',
    skills: { 'standardization-advice': 4, 'government-cloud': 4, 'vendor-management': 4 },
    experience: { ...CITY_HALL, skillIds: ['standardization-advice'] },
  },
  {
    email: 'candidate-watanabe@demo.dx500.example.jp',
    familyName: '渡辺',
    givenName: '彩',
    familyNameKana: 'わたなべ',
    givenNameKana: 'あや',
    introduction: '副業で週1日、オンライン中心に関わりたいです。',
    visibility: 'all',
    employmentForms: ['part_time', 'side_job'],
    daysPerWeek: 1,
    remoteOk: true,
    yearsPublicSector: 0,
    residence: '27',
    skills: { 'standardization-advice': 3, 'government-cloud': 3, 'vendor-management': 3 },
    experience: { organization: '株式会社〇〇', title: 'エンジニア', startMonth: '2016-04', skillIds: [] },
  },
  {
    email: 'candidate-ito@demo.dx500.example.jp',
    familyName: '伊藤',
    givenName: '翔',
    familyNameKana: 'いとう',
    givenNameKana: 'しょう',
    introduction: 'まだプロフィールを公開していません。',
    visibility: 'none',
    employmentForms: ['part_time'],
    daysPerWeek: 3,
    remoteOk: true,
    yearsPublicSector: 1,
    residence: '34',
    skills: { 'standardization-advice': 4, 'government-cloud': 4, 'vendor-management': 4 },
    experience: { ...CITY_HALL, skillIds: ['standardization-advice'] },
  },
]

export async function ensureDemoCandidates(services: Services): Promise<void> {
  if (await findUserByEmail(services.database.db, DEMO_CANDIDATES[0]!.email)) return
  const passwordHash = await hashPassword(crypto.randomBytes(24).toString('base64url'))
  await inDemoBatch(services, 'demo-content', async (context) => {
    for (const person of DEMO_CANDIDATES) {
      const user = await createDemoAccount(
        context.services.database.db,
        context.requestInfo,
        {
          email: person.email,
          displayName: `${person.familyName} ${person.givenName}`,
          role: 'professional',
          label: 'デモの候補者',
        },
        passwordHash,
      )
      await buildProfile(context, sessionUserOf(user), {
        familyName: person.familyName,
        givenName: person.givenName,
        familyNameKana: person.familyNameKana,
        givenNameKana: person.givenNameKana,
        contactEmail: person.email,
        residencePrefectureCode: person.residence,
        introduction: person.introduction,
        yearsPublicSector: person.yearsPublicSector,
        availability: {
          employmentForms: person.employmentForms,
          daysPerWeek: person.daysPerWeek,
          workArea: 'all',
          remoteOk: person.remoteOk,
        },
        consent: { visibility: person.visibility },
        skills: Object.entries(person.skills).map(([skillId, level]) => ({ skillId, level })),
        experiences: [person.experience],
      })
    }
  })
  services.worker?.wake()
}
