// The Japanese words for the funding enumerations, for the engine's reasons, the CLI and the pages. Each map is
// a Record over its enumeration, so a new value without a label fails the typecheck.
import type {
  ClaimantKind,
  ConditionKind,
  CostItem,
  FundingEmploymentForm,
  FundingScheme,
  FundingStatus,
  PlacementKind,
} from './rules'

export const FUNDING_SCHEME_LABELS: Record<FundingScheme, string> = {
  futsu: '普通交付税',
  tokubetsu: '特別交付税',
}

export const CLAIMANT_KIND_LABELS: Record<ClaimantKind, string> = {
  prefecture: '都道府県',
  municipality: '市区町村',
}

export const PLACEMENT_KIND_LABELS: Record<PlacementKind, string> = {
  municipal_support: '市町村支援のデジタル人材',
  cio_adviser: 'CIO補佐官等',
}

export const FUNDING_EMPLOYMENT_FORM_LABELS: Record<FundingEmploymentForm, string> = {
  full_time: '常勤職員（任期付を含む）',
  part_time: '非常勤職員',
  special_part_time: '特別職非常勤職員',
  contract: '業務委託',
}

export const COST_ITEM_LABELS: Record<CostItem, string> = {
  salary: '給与・人件費',
  remuneration: '報酬（期末手当等を含む）',
  commission: '委託料',
  travel: '交通費',
  communication: '通信運搬費',
  recruitment: '募集経費',
  training: '研修費',
  municipal_contribution: '市町村負担金',
  other: 'その他',
}

export const FUNDING_STATUS_LABELS: Record<FundingStatus, string> = {
  eligible: '対象',
  not_eligible: '対象外',
  needs_confirmation: '要確認',
}

export const CONDITION_LABELS: Record<ConditionKind, string> = {
  appointed_accelerator: '総務省が任命した自治体DXアクセラレータであること',
  main_duty_municipal_support: '主な所掌事務が市町村支援業務であること',
  designated_dx_leader: 'DX推進リーダーに指定されていること',
  not_plan_drafting_only: '単なる計画策定のみの業務委託でないこと',
}
