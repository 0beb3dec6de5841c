// The seed version of the skill standard (スキル標準). The sources name 「自治体DX推進のための外部人材
// スキル標準」 (総務省, 2022) but do not print it; this version is built from what they do say, with the line
// cited on each item. Ministry staff evolve it as data (new versions), so nothing here is final.
import crypto from 'node:crypto'
import type { DbExecutor } from '../db/client'
import { enqueueSearchSync } from '../db/queries/search-outbox'
import { writeVersionContent } from '../db/queries/skill-standard'
import { type CatalogueContent, type CatalogueContentInput, CatalogueContentSchema, catalogueSearchIds } from '../db/skill-standard-content'

/** Level descriptors follow one pattern per level, specialised by each skill's subject. */
function levels(subject: string, overrides: Partial<Record<1 | 2 | 3 | 4, string>> = {}): [string, string, string, string] {
  return [
    overrides[1] ?? `${subject}の基本的な考え方・用語・制度を理解し、説明を受けながら業務に参加できる。`,
    overrides[2] ?? `${subject}の実務を自ら担当し、標準的な課題を解決できる。`,
    overrides[3] ?? `${subject}の取組を計画・主導し、行政職員や事業者を巻き込んで成果を出せる。`,
    overrides[4] ?? `${subject}について複数の自治体や組織全体に助言・指導でき、方針づくりと人材育成を担える。`,
  ]
}

const MUNICIPAL = '002:415-424（市町村支援業務の想定事例）'
const TOPICS = '002:556-560（DXアドバイザーの取組分野）、重点取組事項'
const ROLES_001 = '001:78（人材プール 想定する機能）'

const content: CatalogueContentInput = {
  areas: [
    { id: 'municipal-support', name: '市町村支援業務', description: '都道府県の人材プールから市町村を支援する業務（002:415-424 の想定事例）。', sortOrder: 10 },
    { id: 'dx-topics', name: '自治体DXの重点分野', description: '自治体DX推進計画の重点取組事項とDXアドバイザーの取組分野（002:556-560）。', sortOrder: 20 },
    { id: 'project', name: 'プロジェクト推進', description: '企画構想、スケジュール・コスト・品質の管理、関係者調整など、人材像に共通するプロジェクトの技能。', sortOrder: 30 },
    { id: 'design-technology', name: 'サービスデザイン・技術', description: '業務改革、サービスデザイン、UI/UX、データ活用、ローコード等の実装技術。', sortOrder: 40 },
    { id: 'public-administration', name: '行政実務・政策', description: '国のデジタル政策と行政実務の基礎（議会対応・予算）。確保した人材に不足しがちな知識（001:217 ③）。', sortOrder: 50 },
  ],
  skills: [
    // 市町村支援業務 (002:415-424)
    { id: 'dx-plan', areaId: 'municipal-support', name: 'DX・情報化計画の策定・見直し', description: 'DX推進計画・情報化計画等の策定や見直し案の作成。', levels: levels('DX・情報化計画'), synonyms: ['DX推進計画', '情報化計画', '計画策定'], source: MUNICIPAL, sortOrder: 10 },
    { id: 'standardization-advice', areaId: 'municipal-support', name: '標準化・クラウド化に向けた助言・仕様調整', description: '標準準拠システムへの移行やガバメントクラウド利用に向けた助言、ベンダーとの仕様調整。', levels: levels('標準化・クラウド化の助言と仕様調整'), synonyms: ['標準化対応', 'クラウド化', '仕様調整'], source: MUNICIPAL, sortOrder: 20 },
    { id: 'bpr-procurement-support', areaId: 'municipal-support', name: '業務見直し（BPR）・システム発注支援', description: 'デジタル技術等も活用した業務見直し（BPR）と、システム調達・発注の支援。', levels: levels('業務見直しとシステム発注の支援'), synonyms: ['発注支援', '調達支援', 'システム調達'], source: MUNICIPAL, sortOrder: 30 },
    { id: 'data-utilization-advice', areaId: 'municipal-support', name: 'データ利活用に関する助言', description: '庁内データの整備・分析・公開と、政策への活用についての助言。', levels: levels('データ利活用の助言'), synonyms: ['データ活用', 'データ利活用'], source: MUNICIPAL, sortOrder: 40 },
    { id: 'hr-development', areaId: 'municipal-support', name: '人材育成（研修企画・講師等）', description: '職員向け研修の企画、講師、DX推進リーダーの育成支援。', levels: levels('職員の人材育成（研修企画・講師）'), synonyms: ['研修', '研修講師', '人材育成'], source: MUNICIPAL, sortOrder: 50 },
    { id: 'security-training-audit', areaId: 'municipal-support', name: 'セキュリティ研修・監査支援', description: '情報セキュリティ研修の実施と、セキュリティ監査・自己点検の支援。', levels: levels('セキュリティ研修・監査支援'), synonyms: ['セキュリティ監査', 'セキュリティ研修'], source: MUNICIPAL, sortOrder: 60 },
    // 重点分野
    { id: 'government-cloud', areaId: 'dx-topics', name: '標準化・共通化（20業務）とガバメントクラウド', description: '基幹業務システムの標準化（20業務）とガバメントクラウドへの移行。', levels: levels('基幹業務システムの標準化とガバメントクラウド'), synonyms: ['ガバクラ', 'ガバメントクラウド', '標準化', '20業務', '基幹業務システム'], source: `${TOPICS}; 000:740-743`, sortOrder: 10 },
    { id: 'front-yard', areaId: 'dx-topics', name: 'フロントヤード改革（書かない窓口・オンライン申請）', description: '住民との接点の改革：書かない窓口、行政手続のオンライン化。', levels: levels('フロントヤード改革'), synonyms: ['書かない窓口', 'オンライン申請', '窓口DX', '行政手続のオンライン化'], source: TOPICS, sortOrder: 20 },
    { id: 'my-number-card', areaId: 'dx-topics', name: 'マイナンバーカードの普及・利活用', description: 'マイナンバーカードの利活用、マイナポータルとの連携。', levels: levels('マイナンバーカードの利活用'), synonyms: ['マイナカード', 'マイナポータル', 'マイナンバー'], source: TOPICS, sortOrder: 30 },
    { id: 'ai-rpa', areaId: 'dx-topics', name: 'AI・RPA・生成AIの活用', description: 'AI・RPA・生成AIによる業務効率化と、ガイドライン整備。', levels: levels('AI・RPA・生成AIの活用'), synonyms: ['AI', 'RPA', '生成AI', 'ChatGPT', 'LLM'], source: `${TOPICS}; 002:1597, 002:1852`, sortOrder: 40 },
    { id: 'information-security', areaId: 'dx-topics', name: '情報セキュリティ対策', description: '自治体情報セキュリティ対策（ポリシー、三層の対策、インシデント対応）。', levels: levels('自治体の情報セキュリティ対策'), synonyms: ['セキュリティ', 'サイバーセキュリティ', 'セキュリティポリシー'], source: TOPICS, sortOrder: 50 },
    { id: 'telework', areaId: 'dx-topics', name: 'テレワーク', description: '職員のテレワーク環境の整備と運用。', levels: levels('テレワークの導入・運用'), synonyms: ['リモートワーク', '在宅勤務'], source: TOPICS, sortOrder: 60 },
    { id: 'digital-divide', areaId: 'dx-topics', name: 'デジタルデバイド対策', description: '高齢者等への支援、誰一人取り残されないデジタル化。', levels: levels('デジタルデバイド対策'), synonyms: ['デジタル格差', 'スマホ教室', 'デジタル活用支援'], source: TOPICS, sortOrder: 70 },
    { id: 'el-qr', areaId: 'dx-topics', name: 'eL-QRの活用', description: '地方税統一QRコード（eL-QR）による納付の導入・活用。', levels: levels('eL-QR（地方税統一QRコード）の活用'), synonyms: ['地方税統一QRコード', 'eLTAX', 'エルキューアール'], source: '002:143', sortOrder: 80 },
    { id: 'open-data', areaId: 'dx-topics', name: 'オープンデータ', description: 'データの公開と利活用の推進。', levels: levels('オープンデータの推進'), synonyms: ['データ公開'], source: TOPICS, sortOrder: 90 },
    { id: 'joint-procurement', areaId: 'dx-topics', name: 'システムの共同調達・共同利用', description: '都道府県と市町村によるツール・システムの共同調達・共同利用。', levels: levels('システムの共同調達・共同利用'), synonyms: ['共同調達', '共同利用', '自治体クラウド'], source: `${ROLES_001}; 002:297-322 ④`, sortOrder: 100 },
    { id: 'ebpm', areaId: 'dx-topics', name: 'EBPM（証拠に基づく政策立案）', description: 'データと根拠に基づく政策の立案・評価。', levels: levels('EBPM（証拠に基づく政策立案）'), synonyms: ['証拠に基づく政策立案', '政策評価'], source: TOPICS, sortOrder: 110 },
    // プロジェクト推進
    { id: 'project-planning', areaId: 'project', name: '企画構想・全体計画', description: '全体方針や方向性を描き、事業を企画・構想する。', levels: levels('企画構想・全体計画', { 4: '首長レベルと方向性を共有し、複数の市町村にまたがるDXの全体方針と大きな画を描ける。' }), synonyms: ['企画', '構想', '全体方針'], source: ROLES_001, sortOrder: 10 },
    { id: 'schedule-management', areaId: 'project', name: 'スケジュール・進捗管理', description: 'プロジェクトの計画と進捗管理。', levels: levels('スケジュール・進捗管理'), synonyms: ['進捗管理', '工程管理', 'スケジュール管理'], source: ROLES_001, sortOrder: 20 },
    { id: 'cost-management', areaId: 'project', name: 'コスト・予算管理', description: '事業費の見積り・予算化・執行管理。', levels: levels('コスト・予算管理'), synonyms: ['予算管理', 'コスト管理', '費用対効果'], source: '総務省 スキル標準（公表資料）', sortOrder: 30 },
    { id: 'quality-management', areaId: 'project', name: '品質管理', description: '成果物とサービスの品質の確保。', levels: levels('品質管理'), synonyms: ['品質保証', 'テスト管理'], source: ROLES_001, sortOrder: 40 },
    { id: 'stakeholder-coordination', areaId: 'project', name: '関係者調整・ファシリテーション', description: '行政職員にも理解できるよう説明し、関係者をコーディネートする。', levels: levels('関係者調整・ファシリテーション'), synonyms: ['ファシリテーション', 'コーディネート', '合意形成', '調整'], source: ROLES_001, sortOrder: 50 },
    { id: 'specification-writing', areaId: 'project', name: '仕様書作成・調達', description: '調達仕様書の作成、事業者選定、契約の支援。', levels: levels('仕様書作成と調達'), synonyms: ['仕様書', '調達仕様書', 'RFP', '要件定義'], source: ROLES_001, sortOrder: 60 },
    { id: 'vendor-management', areaId: 'project', name: 'ベンダーマネジメント・システム保守管理', description: '事業者の管理、稼働中システムの保守・運用管理。', levels: levels('ベンダーマネジメントとシステム保守管理'), synonyms: ['保守管理', '運用管理', 'ベンダー管理'], source: ROLES_001, sortOrder: 70 },
    // サービスデザイン・技術
    { id: 'bpr', areaId: 'design-technology', name: 'BPR（業務改革）', description: '業務プロセスの可視化・分析・再設計。', levels: levels('業務改革（BPR）'), synonyms: ['業務改革', '業務見直し', '業務プロセス改革', '業務改善'], source: `${ROLES_001}; 002:556-560`, sortOrder: 10 },
    { id: 'service-design', areaId: 'design-technology', name: 'サービスデザイン', description: '利用者中心でサービスと業務を設計する。', levels: levels('サービスデザイン'), synonyms: ['デザイン思考', '利用者中心設計'], source: '総務省 スキル標準（公表資料）', sortOrder: 20 },
    { id: 'ui-ux', areaId: 'design-technology', name: 'UI/UXデザイン', description: '画面と体験の設計、ユーザビリティ・アクセシビリティの確保。', levels: levels('UI/UXデザイン'), synonyms: ['UI', 'UX', 'ユーザビリティ', 'アクセシビリティ'], source: '総務省 スキル標準（公表資料）', sortOrder: 30 },
    { id: 'data-analysis', areaId: 'design-technology', name: 'データ分析・活用', description: 'データの収集・分析・可視化。', levels: levels('データ分析・活用'), synonyms: ['データ分析', 'BI', '統計', '可視化'], source: ROLES_001, sortOrder: 40 },
    { id: 'low-code', areaId: 'design-technology', name: 'ローコード・ノーコード開発', description: 'ローコードツール等による業務アプリの開発。', levels: levels('ローコード・ノーコード開発'), synonyms: ['ローコード', 'ノーコード', 'kintone'], source: '総務省 スキル標準（公表資料）', sortOrder: 50 },
    { id: 'web-publishing', areaId: 'design-technology', name: 'ホームページ作成・更新', description: '自治体ウェブサイトの作成・更新と情報発信。', levels: levels('ホームページの作成・更新'), synonyms: ['HP', 'ウェブサイト', 'CMS', 'ホームページ'], source: ROLES_001, sortOrder: 60 },
    { id: 'infrastructure', areaId: 'design-technology', name: 'クラウド・ネットワーク基盤', description: 'クラウド、ネットワーク、端末等の基盤の設計・運用。', levels: levels('クラウド・ネットワーク基盤'), synonyms: ['インフラ', 'ネットワーク', 'クラウド基盤', 'LGWAN'], source: '総務省 スキル標準（公表資料）', sortOrder: 70 },
    { id: 'helpdesk', areaId: 'design-technology', name: '相談対応・ヘルプデスク', description: '職員からのIT相談への対応。', levels: levels('相談対応・ヘルプデスク'), synonyms: ['ヘルプデスク', '問い合わせ対応', '相談対応'], source: ROLES_001, sortOrder: 80 },
    // 行政実務・政策
    { id: 'national-digital-policy', areaId: 'public-administration', name: '国のデジタル政策の理解', description: 'ガバメントクラウド、マイナポータル等の国の政策と制度の理解。', levels: levels('国のデジタル政策'), synonyms: ['デジタル政策', '自治体DX推進計画', 'デジタル庁'], source: '総務省 スキル標準（公表資料）; 003', sortOrder: 10 },
    { id: 'administrative-practice', areaId: 'public-administration', name: '行政実務（議会対応・予算）', description: '議会対応、予算編成・執行、例規など行政実務の基礎知識。', levels: levels('行政実務（議会対応・予算）'), synonyms: ['議会対応', '予算', '行政実務', '地方行政'], source: '001:217 ③', sortOrder: 20 },
    { id: 'change-leadership', areaId: 'public-administration', name: '全庁的・横断的なDX推進', description: '組織横断でDXを推進し、首長・幹部と方向性を共有する。', levels: levels('全庁的・横断的なDX推進'), synonyms: ['DX推進', '全庁横断', '変革リーダーシップ', 'CIO補佐'], source: '002:435-450', sortOrder: 30 },
  ],
  roles: [
    {
      id: 'producer',
      name: 'プロデューサー',
      duties: '全体方針や方向性等大きな画を描く。',
      description: '首長レベルと方向性を共有し、組織全体のデジタル変革を率いる（CIO補佐官等が担うことも多い）。',
      source: ROLES_001,
      synonyms: ['CIO補佐官', '統括'],
      ipaRole: 'ビジネスアーキテクト',
      itssLevel: 5,
      sortOrder: 10,
      requirements: [
        { skillId: 'project-planning', minLevel: 4, essential: true },
        { skillId: 'national-digital-policy', minLevel: 3, essential: true },
        { skillId: 'change-leadership', minLevel: 3, essential: true },
        { skillId: 'dx-plan', minLevel: 3, essential: true },
        { skillId: 'stakeholder-coordination', minLevel: 3, essential: true },
        { skillId: 'service-design', minLevel: 2, essential: false },
        { skillId: 'data-analysis', minLevel: 2, essential: false },
        { skillId: 'information-security', minLevel: 2, essential: false },
      ],
    },
    {
      id: 'project-manager',
      name: 'プロジェクトマネージャー',
      duties: 'プロデューサーの指示を具体的なプロジェクトに落とし込み、行政職員にも理解できるよう、コーディネートしながら進捗管理や品質管理を行う。',
      description: '個々のプロジェクトを計画し、スケジュール・コスト・品質を管理して推進する。',
      source: ROLES_001,
      synonyms: ['PM', 'プロマネ'],
      ipaRole: 'プロジェクトマネージャー',
      itssLevel: 4,
      sortOrder: 20,
      requirements: [
        { skillId: 'project-planning', minLevel: 3, essential: true },
        { skillId: 'schedule-management', minLevel: 3, essential: true },
        { skillId: 'cost-management', minLevel: 3, essential: true },
        { skillId: 'quality-management', minLevel: 3, essential: true },
        { skillId: 'stakeholder-coordination', minLevel: 3, essential: true },
        { skillId: 'specification-writing', minLevel: 2, essential: false },
        { skillId: 'vendor-management', minLevel: 2, essential: false },
        { skillId: 'administrative-practice', minLevel: 2, essential: false },
      ],
    },
    {
      id: 'service-designer',
      name: 'サービスデザイナー',
      displayGroup: 'エンジニア・サービスデザイナー',
      duties: 'プロジェクトマネージャーの指示を受け、仕様書作成、システム保守管理、相談対応、BPR、データ活用、HP作成・更新などの実務を行う。',
      description: '各プロジェクトでサービスと業務を設計する（業務改革、サービスデザイン、UI/UX）。',
      source: ROLES_001,
      synonyms: ['デザイナー'],
      ipaRole: 'デザイナー',
      itssLevel: 3,
      sortOrder: 30,
      requirements: [
        { skillId: 'service-design', minLevel: 3, essential: true },
        { skillId: 'ui-ux', minLevel: 3, essential: true },
        { skillId: 'bpr', minLevel: 3, essential: true },
        { skillId: 'front-yard', minLevel: 2, essential: false },
        { skillId: 'data-analysis', minLevel: 2, essential: false },
        { skillId: 'web-publishing', minLevel: 2, essential: false },
      ],
    },
    {
      id: 'engineer',
      name: 'エンジニア',
      displayGroup: 'エンジニア・サービスデザイナー',
      duties: 'プロジェクトマネージャーの指示を受け、仕様書作成、システム保守管理、相談対応、BPR、データ活用、HP作成・更新などの実務を行う。',
      description: '各プロジェクトで技術を実装する（RPA、ローコード等）。',
      source: ROLES_001,
      synonyms: ['SE', '技術者', 'エンジニア'],
      ipaRole: 'ソフトウェアエンジニア',
      itssLevel: 3,
      sortOrder: 40,
      requirements: [
        { skillId: 'low-code', minLevel: 3, essential: true },
        { skillId: 'ai-rpa', minLevel: 3, essential: true },
        { skillId: 'specification-writing', minLevel: 3, essential: true },
        { skillId: 'infrastructure', minLevel: 2, essential: true },
        { skillId: 'information-security', minLevel: 2, essential: true },
        { skillId: 'vendor-management', minLevel: 2, essential: false },
        { skillId: 'helpdesk', minLevel: 2, essential: false },
        { skillId: 'government-cloud', minLevel: 2, essential: false },
      ],
    },
    {
      id: 'cio-adviser',
      name: 'CIO補佐官等',
      duties: 'CIOを補佐し、全庁的・横断的なDXの推進について助言する（計画の作成のみを行う委託は対象外）。',
      description: '市町村のCIOを補佐する外部人材（特別職非常勤職員または業務委託）。',
      source: '003:254-256; 002:435-450',
      synonyms: ['CIO補佐官', 'CIO補佐'],
      ipaRole: 'ビジネスアーキテクト',
      itssLevel: 5,
      sortOrder: 50,
      requirements: [
        { skillId: 'change-leadership', minLevel: 3, essential: true },
        { skillId: 'national-digital-policy', minLevel: 3, essential: true },
        { skillId: 'dx-plan', minLevel: 3, essential: true },
        { skillId: 'information-security', minLevel: 3, essential: true },
        { skillId: 'government-cloud', minLevel: 2, essential: false },
        { skillId: 'administrative-practice', minLevel: 2, essential: false },
      ],
    },
    {
      id: 'dx-leader',
      name: 'DX推進リーダー',
      duties: '自治体の内部職員として指定され、集中的な育成プログラムを受けてDXを推進する。',
      description: '内部人材（外部人材プールの人材像ではない）。指定の参考: 職務経歴（特にシステム、Webサービス等）、民間IT企業での実務経験、情報処理技術者試験等の資格。',
      source: '002:452-474',
      internal: true,
      synonyms: ['DXリーダー'],
      sortOrder: 60,
      requirements: [
        { skillId: 'administrative-practice', minLevel: 3, essential: true },
        { skillId: 'bpr', minLevel: 2, essential: true },
        { skillId: 'information-security', minLevel: 1, essential: true },
        { skillId: 'data-analysis', minLevel: 1, essential: false },
        { skillId: 'ai-rpa', minLevel: 1, essential: false },
        { skillId: 'dx-plan', minLevel: 1, essential: false },
      ],
    },
  ],
  qualifications: [
    ...(
      [
        ['ipa-ip', 'ITパスポート試験', 1, ['iパス', 'ITパスポート']],
        ['ipa-sg', '情報セキュリティマネジメント試験', 2, ['SG']],
        ['ipa-fe', '基本情報技術者試験', 2, ['FE', '基本情報']],
        ['ipa-ap', '応用情報技術者試験', 3, ['AP', '応用情報']],
        ['ipa-st', 'ITストラテジスト試験', 4, ['ST']],
        ['ipa-sa', 'システムアーキテクト試験', 4, ['SA']],
        ['ipa-pm', 'プロジェクトマネージャ試験', 4, ['PM試験']],
        ['ipa-nw', 'ネットワークスペシャリスト試験', 4, ['NW', 'ネスペ']],
        ['ipa-db', 'データベーススペシャリスト試験', 4, ['DB']],
        ['ipa-es', 'エンベデッドシステムスペシャリスト試験', 4, ['ES']],
        ['ipa-sm', 'ITサービスマネージャ試験', 4, ['SM']],
        ['ipa-au', 'システム監査技術者試験', 4, ['AU']],
      ] as const
    ).map(([id, name, itssLevel, synonyms], index) => ({
      id,
      name,
      category: '情報処理技術者試験（IPA）',
      issuer: '独立行政法人情報処理推進機構',
      description: '002:466-468: DX推進リーダーの指定で参考とすべき資格。',
      itssLevel,
      synonyms: [...synonyms],
      sortOrder: (index + 1) * 10,
    })),
    { id: 'ipa-riss', name: '情報処理安全確保支援士', category: '国家資格（登録）', issuer: '独立行政法人情報処理推進機構', description: 'サイバーセキュリティの国家資格（登録制）。', itssLevel: 4, synonyms: ['RISS', 'セキスペ', '登録セキスペ'], sortOrder: 200 },
    { id: 'pmp', name: 'PMP（Project Management Professional）', category: '民間資格', issuer: 'PMI', description: 'プロジェクトマネジメントの国際資格。', itssLevel: null, synonyms: ['PMP'], sortOrder: 300 },
    { id: 'it-coordinator', name: 'ITコーディネータ', category: '民間資格', issuer: 'ITコーディネータ協会', description: '経営とITをつなぐ専門資格。', itssLevel: null, synonyms: ['ITC'], sortOrder: 310 },
    { id: 'pe-information', name: '技術士（情報工学部門）', category: '国家資格', issuer: '文部科学省', description: '技術士法に基づく国家資格。', itssLevel: null, synonyms: ['技術士'], sortOrder: 320 },
  ],
}

export const SEED_SKILL_STANDARD: CatalogueContent = CatalogueContentSchema.parse(content)

/** Writes the seed as version 1 (published) when no version exists yet. Returns true when it did. */
export async function seedSkillStandard(db: DbExecutor): Promise<boolean> {
  const existing = await db.selectFrom('skill_standard_version').select('id').limit(1).executeTakeFirst()
  if (existing) return false
  const versionId = crypto.randomUUID()
  await db
    .insertInto('skill_standard_version')
    .values({
      id: versionId,
      version_no: 1,
      status: 'published',
      title: '自治体DX推進のための外部人材スキル標準（初版）',
      change_note:
        '資料（001・002・003）の記述から構成した初版。人材像4種（プロデューサー、プロジェクトマネージャー、サービスデザイナー、エンジニア）とCIO補佐官等・DX推進リーダー、市町村支援業務6項目、重点分野、資格を収録。レベルは本プラットフォームの4段階（1 知識／2 実務／3 主導／4 指導）。',
      published_at: new Date(),
    })
    .execute()
  await writeVersionContent(db, versionId, SEED_SKILL_STANDARD)
  await enqueueSearchSync(db, 'skill_catalogue', catalogueSearchIds(SEED_SKILL_STANDARD))
  return true
}
