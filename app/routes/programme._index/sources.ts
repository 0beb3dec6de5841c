// What the programme is, in the words of the newest source (002, 令和7年7月29日), each with its line reference in
// the source files (../seeds/002_*.txt, see the domain's seed-facts.md §1). Quoted as the source has them; only
// the markdown emphasis and the spaces left by the PDF's line wrapping are dropped.
export const SOURCE_DOCUMENT =
  '地方自治体のデジタルトランスフォーメーション推進に係る検討会（第37回）事務局資料（令和7年7月29日）'

export interface SourceQuote {
  text: string
  cite: string
}

export const PROGRAMME_QUOTES = {
  purpose: {
    text: '令和7年度中に、全ての都道府県で市町村と連携した推進体制を構築することに加え、市町村支援のための人材プール機能の確保に向けて、令和7年度から新たに、デジタル分野での一定の実務経験・スキルを持つ人材を「自治体DXアクセラレータ」として任命することとしている。',
    cite: '002:295',
  },
  network: {
    text: 'プールされた人材を、「自治体DXアクセラレータ」に任命し、ネットワーキング等についても継続的にフォロー。全都道府県・業界団体等に対し、好事例を積極的に周知・広報',
    cite: '002:381',
  },
  target: {
    text: '⇒ 全国で500名の任命を目指す ※各都道府県10名+aのイメージ',
    cite: '002:382',
  },
  appointer: {
    text: '※ 一定の経験・資格を有する者について、総務省が任命し、デジタル庁と連携してスキルアップ等を継続的に支援',
    cite: '002:405',
  },
  status: {
    text: '【アクセラレータの任命状況】(7/14時点 速報値) アクセラレータ数 53名 (21団体)',
    cite: '002:324',
  },
} as const satisfies Record<string, SourceQuote>
