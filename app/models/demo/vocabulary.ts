// The words of the national demo (plan.server.ts): the roles and their skills, where people worked, what
// municipalities write in a 課題. Fictional organisations only; the skill ids are the seeded catalogue's.
import type { ItStaffing } from '../../../db/schema'

export type DemoRoleId = 'producer' | 'project-manager' | 'service-designer' | 'engineer' | 'cio-adviser'

export const ROLE_SKILLS: Record<DemoRoleId, { core: string[]; extra: string[]; label: string }> = {
  producer: {
    label: 'プロデューサー',
    core: ['project-planning', 'national-digital-policy', 'change-leadership', 'dx-plan', 'stakeholder-coordination'],
    extra: ['service-design', 'data-analysis', 'information-security', 'ebpm', 'front-yard', 'hr-development'],
  },
  'project-manager': {
    label: 'プロジェクトマネージャー',
    core: [
      'project-planning',
      'schedule-management',
      'cost-management',
      'quality-management',
      'stakeholder-coordination',
    ],
    extra: [
      'specification-writing',
      'vendor-management',
      'administrative-practice',
      'bpr-procurement-support',
      'joint-procurement',
      'standardization-advice',
      'government-cloud',
    ],
  },
  'service-designer': {
    label: 'サービスデザイナー',
    core: ['service-design', 'ui-ux', 'bpr'],
    extra: [
      'front-yard',
      'data-analysis',
      'web-publishing',
      'digital-divide',
      'my-number-card',
      'data-utilization-advice',
      'hr-development',
      'open-data',
    ],
  },
  engineer: {
    label: 'エンジニア',
    core: ['low-code', 'ai-rpa', 'specification-writing', 'infrastructure', 'information-security'],
    extra: [
      'vendor-management',
      'helpdesk',
      'government-cloud',
      'standardization-advice',
      'security-training-audit',
      'el-qr',
      'telework',
    ],
  },
  'cio-adviser': {
    label: 'CIO補佐官等',
    core: ['change-leadership', 'national-digital-policy', 'dx-plan', 'information-security'],
    extra: ['government-cloud', 'administrative-practice', 'standardization-advice', 'ebpm', 'joint-procurement'],
  },
}

export const QUALIFICATIONS = [
  'ipa-ip',
  'ipa-sg',
  'ipa-fe',
  'ipa-ap',
  'ipa-st',
  'ipa-sa',
  'ipa-pm',
  'ipa-nw',
  'ipa-db',
  'ipa-sm',
  'ipa-au',
  'ipa-riss',
  'pmp',
  'it-coordinator',
  'pe-information',
]

export const COMPANIES = [
  'みらい情報システム株式会社',
  'あおば総合研究所',
  'ひかりITソリューションズ株式会社',
  '株式会社さくらデジタル',
  'つばさコンサルティング株式会社',
  '株式会社しずくデータ',
  'やまびこシステムズ株式会社',
  '株式会社こもれびデザイン',
  'ほしぞらネットワーク株式会社',
  '株式会社みなとクラウド',
]

export const PUBLIC_BODIES = [
  '〇〇市役所 情報政策課',
  '〇〇県庁 デジタル推進課',
  '〇〇町役場 総務課',
  '〇〇広域連合 事務局',
]

export const ROLE_TITLES: Record<DemoRoleId, string[]> = {
  producer: ['事業部長', 'コンサルティングマネージャー', 'DX推進室長'],
  'project-manager': ['PM', 'プロジェクトリーダー', 'PMO'],
  'service-designer': ['サービスデザイナー', 'UXデザイナー', '業務改革コンサルタント'],
  engineer: ['エンジニア', 'インフラエンジニア', 'アーキテクト'],
  'cio-adviser': ['CIO補佐官', 'ITアドバイザー', '情報化推進監'],
}

export const TOPIC_PHRASES: Record<string, string> = {
  'dx-plan': 'DX推進計画の策定',
  'standardization-advice': '基幹業務システムの標準化',
  'government-cloud': 'ガバメントクラウドへの移行',
  'bpr-procurement-support': 'システム調達の仕様書づくり',
  'data-utilization-advice': 'データ利活用',
  'hr-development': '職員研修の企画',
  'security-training-audit': 'セキュリティ監査',
  'front-yard': '書かない窓口',
  'my-number-card': 'マイナンバーカードの利活用',
  'ai-rpa': 'RPA・生成AIの導入',
  'information-security': '情報セキュリティ対策',
  'service-design': 'サービスデザイン',
  'ui-ux': '住民向けサイトのUI改善',
  bpr: '窓口業務のBPR',
  'data-analysis': 'データ分析',
  'low-code': 'ローコードでの業務アプリ開発',
  infrastructure: 'ネットワーク・基盤の設計',
  'project-planning': '大規模プロジェクトの企画',
  'vendor-management': 'ベンダーとの仕様調整',
  'change-leadership': '組織変革の推進',
  'national-digital-policy': '国のデジタル政策への対応',
}

export const APPLICATION_MESSAGES = [
  '週2日程度、オンライン中心で支援できます。',
  '地元の町村の役に立ちたいと思い応募しました。',
  '標準化・クラウド移行の経験を生かしたいです。',
  '副業として関わりたいと考えています。',
  '',
]

export const ISSUE_TEXT: Record<string, { title: string; situation: string; outcome: string; topics: string[] }> = {
  'dx-plan': {
    title: 'DX推進計画の見直しが進まない',
    situation: 'DX推進計画を策定したが、重点取組の進み具合を測れず、見直しの手が回っていない。',
    outcome: '現状を整理し、次期計画の骨子を職員と一緒に作りたい。',
    topics: ['dx-plan'],
  },
  'standardization-advice': {
    title: '標準化・ガバメントクラウド移行の仕様調整が追いつかない',
    situation:
      '基幹業務システムの標準化とガバメントクラウドへの移行で、ベンダーとの仕様調整と移行計画づくりが追いつかない。',
    outcome: '移行計画を立て、ベンダーと対等に仕様を調整できるよう、週1日程度の助言がほしい。',
    topics: ['standardization-advice', 'government-cloud'],
  },
  'bpr-procurement-support': {
    title: '窓口業務の見直しとシステム調達に不安がある',
    situation: '窓口の手続きが紙中心で、次のシステム調達の仕様書を自前で書ける職員がいない。',
    outcome: '書かない窓口に向けた業務の見直しと、仕様書・事業者選定を支援してほしい。',
    topics: ['bpr-procurement-support', 'front-yard'],
  },
  'data-utilization-advice': {
    title: '庁内データを政策に生かせていない',
    situation: '各課にデータはあるが整理されておらず、分析や公開に手が回らない。',
    outcome: 'データの棚卸しと、EBPMの小さな実践を一緒に進めたい。',
    topics: ['data-utilization-advice', 'open-data'],
  },
  'hr-development': {
    title: '職員のデジタル研修を企画できる人がいない',
    situation: '職員のデジタルに関する知識にばらつきがあり、DX推進リーダーの育成計画もない。',
    outcome: '年間の研修計画と、リーダー向け研修の講師をお願いしたい。',
    topics: ['hr-development'],
  },
  'security-training-audit': {
    title: '情報セキュリティの自己点検が形だけになっている',
    situation: 'セキュリティポリシーの自己点検と研修が毎年同じ内容で、監査の指摘にも対応しきれていない。',
    outcome: '点検項目の見直しと、職員研修・内部監査の支援がほしい。',
    topics: ['security-training-audit', 'information-security'],
  },
}

export const STAFFING_NOTE: Record<ItStaffing, string> = {
  none: '情報担当の専任はおらず、総務課の職員が兼務している。',
  one: '情報担当は総務課の職員1人（一人情シス）。',
  few: '情報担当は3人。',
  team: '情報政策課に6人。',
}

export const WEEKDAY_SETS = [
  ['月', '水'],
  ['火', '木'],
  ['水'],
  ['月'],
  ['木'],
  ['火', '金'],
  ['月', '火', '水', '木', '金'],
]
