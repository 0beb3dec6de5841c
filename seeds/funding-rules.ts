// The seeded funding rules (地方財政措置 for digital staff), reproducing the sources in /shared/seeds: file 000
// (the measures' creation), 002 (総務省, 2025-07-29, the newest: it wins where they differ) and 003 (the 2022
// plan). Each rule cites its lines; every point the sources leave open is an open point or an item that needs
// confirmation, so the engine shows 要確認 instead of guessing. docs/funding.md explains each rule in words.
// Ministry staff change these as data (a new version of a rule), not here.
import type { FundingRule, ItemRule } from '../app/funding/rules'

/** How the 特別交付税 for municipal-support staff (A0, A2) treats each cost item, by employment form. */
const municipalSupportItems: ItemRule[] = [
  {
    items: ['salary', 'remuneration', 'commission'],
    treatment: 'covered',
    note: '人件費・委託費',
    source: '000:822-823',
  },
  {
    items: ['travel', 'communication'],
    employment: ['contract'],
    treatment: 'excluded',
    note: '民間事業者への委託の場合、人件費以外（交通費、通信運搬費等）は対象外',
    source: '002:433',
  },
  {
    items: ['recruitment'],
    employment: ['contract'],
    treatment: 'covered',
    note: '委託の場合も募集経費に相当する経費は対象',
    source: '002:433',
  },
  {
    items: ['travel', 'communication'],
    treatment: 'needs_confirmation',
    note: '職員として任用する場合の交通費・通信運搬費が人件費に含まれるかは資料に記載がありません（対象外と明記されているのは委託の場合のみ）',
    source: '002:433',
  },
  {
    items: ['recruitment'],
    treatment: 'needs_confirmation',
    note: '職員として任用する場合の募集経費の扱いは資料に記載がありません（明記されているのは委託の場合のみ）',
    source: '002:433',
  },
  {
    items: ['municipal_contribution'],
    treatment: 'needs_confirmation',
    note: '市町村の負担金は対象とされています（000:824）が、002には記載がなく、誰の措置額に計上するか（都道府県か負担した市町村か）と人件費・委託費との二重計上の扱いが不明です',
    source: '000:824',
  },
  {
    items: ['training'],
    treatment: 'excluded',
    note: '研修費はDX推進リーダー育成（C1）で判定します',
    source: '002:472',
    silent: true,
  },
  { items: ['other'], treatment: 'excluded', note: '人件費・委託費・募集経費以外の経費は対象外', source: '002:433' },
]

export const SEEDED_FUNDING_RULES: FundingRule[] = [
  {
    id: 'A0',
    version: 1,
    name: '市町村支援のデジタル人材（常勤職員）— 特別交付税（令和6年度まで）',
    scheme: 'tokubetsu',
    claimants: ['prefecture', 'municipality'],
    placementKinds: ['municipal_support'],
    employment: ['full_time'],
    conditions: [
      {
        requires: 'main_duty_municipal_support',
        reason: '主な所掌事務が市町村支援業務でないデジタル人材に係る経費は対象外です',
        source: '002:432',
      },
    ],
    openPoints: [
      {
        when: { claimants: ['municipality'] },
        reason: '対象団体は「都道府県等」で、市区町村が雇用する場合に「等」に当たるかは資料に記載がありません',
        source: '000:822',
      },
    ],
    items: municipalSupportItems,
    method: { type: 'rate', numerator: 7, denominator: 10 },
    caps: { eligibleCost: null, personsPerBody: null },
    fromFy: null,
    toFy: 2024,
    startsAtFromFy: false,
    periodNotes: {
      after:
        '令和7年度から常勤のアクセラレータは普通交付税（A1）に移りました。任命されたアクセラレータでない常勤職員（任期付を含む。000:822は任期付職員を挙げていました）が引き続き特別交付税の対象かは資料に記載がありません',
    },
    yieldsTo: [
      {
        measure: 'A1',
        reason: '普通交付税（A1）で措置されるため、同じ人件費を特別交付税では計上しません',
        source: '002:401-402',
      },
    ],
    source: '002:401-402; 000:820-831',
    summary:
      '都道府県等が市町村支援のために確保した常勤職員の人件費に、措置率0.7の特別交付税（「現行」の措置）。令和7年度から常勤のアクセラレータは普通交付税に移行。',
  },
  {
    id: 'A1',
    version: 1,
    name: '市町村支援のデジタル人材（常勤のアクセラレータ）— 普通交付税',
    scheme: 'futsu',
    claimants: ['prefecture'],
    placementKinds: ['municipal_support'],
    employment: ['full_time'],
    conditions: [
      {
        requires: 'appointed_accelerator',
        reason: '普通交付税の対象は総務省が任命した自治体DXアクセラレータである常勤職員です',
        source: '002:402, 405',
      },
      {
        requires: 'main_duty_municipal_support',
        reason: '市町村支援業務を行う常勤職員が対象で、主な所掌事務が市町村支援業務でない場合は対象外です',
        source: '002:285, 398, 432',
      },
    ],
    openPoints: [],
    items: [
      {
        items: ['salary', 'remuneration'],
        treatment: 'covered',
        note: '人件費（算定は単価×人数で、実額は用いません）',
        source: '002:285',
      },
      {
        items: ['commission', 'travel', 'communication', 'recruitment', 'training', 'municipal_contribution', 'other'],
        treatment: 'excluded',
        note: '普通交付税は人件費を単価×人数で算定するため、この経費は含みません',
        source: '002:402',
        silent: true,
      },
    ],
    method: { type: 'per_person', amount: 7_800_000 },
    caps: { eligibleCost: null, personsPerBody: null },
    fromFy: 2025,
    toFy: null,
    startsAtFromFy: true,
    periodNotes: { before: '令和6年度までは特別交付税（A0）の対象です' },
    yieldsTo: [],
    source: '002:283-285, 344, 398-405',
    summary:
      '都道府県が、総務省が任命した自治体DXアクセラレータを市町村支援業務を行う常勤職員として雇用した場合、令和7年度から普通交付税で単価780万円程度×人数を算入。',
  },
  {
    id: 'A2',
    version: 1,
    name: '市町村支援のデジタル人材（非常勤職員・業務委託）— 特別交付税',
    scheme: 'tokubetsu',
    claimants: ['prefecture', 'municipality'],
    placementKinds: ['municipal_support'],
    employment: ['part_time', 'special_part_time', 'contract'],
    conditions: [
      {
        requires: 'main_duty_municipal_support',
        reason: '主な所掌事務が市町村支援業務でないデジタル人材に係る経費は対象外です',
        source: '002:432',
      },
    ],
    openPoints: [
      {
        when: { claimants: ['municipality'] },
        reason: '対象団体は「都道府県等」で、市区町村が確保する場合に「等」に当たるかは資料に記載がありません',
        source: '000:822; 002:409',
      },
      {
        when: { employment: ['special_part_time'] },
        reason: '資料は「非常勤職員」「業務委託」を挙げ、特別職非常勤職員として任用する場合を明記していません',
        source: '002:403',
      },
    ],
    items: municipalSupportItems,
    method: { type: 'rate', numerator: 7, denominator: 10 },
    caps: { eligibleCost: null, personsPerBody: null },
    fromFy: null,
    toFy: 2029,
    startsAtFromFy: false,
    periodNotes: { after: '令和11年度まで延長されています（002:409）。それ以降の延長は記載がありません' },
    yieldsTo: [
      {
        measure: 'A1',
        reason: '普通交付税（A1）で措置されるため、同じ人件費を特別交付税では計上しません',
        source: '002:401-403',
      },
    ],
    source: '002:403, 407-433; 000:820-831',
    summary:
      '都道府県等が市町村支援のために確保する非常勤職員の人件費・民間事業者への委託費等に、措置率0.7の特別交付税。令和11年度まで。委託の場合、交通費・通信運搬費等は対象外、募集経費相当は対象。',
  },
  {
    id: 'B1',
    version: 1,
    name: 'CIO補佐官等の任用等経費 — 特別交付税',
    scheme: 'tokubetsu',
    claimants: ['municipality'],
    placementKinds: ['cio_adviser'],
    employment: ['special_part_time', 'contract'],
    conditions: [
      {
        requires: 'not_plan_drafting_only',
        reason: '単なる各種計画策定の業務委託は対象外です（対象は全庁的・横断的にDX推進を図る助言業務に相当するもの）',
        source: '002:447-448',
      },
    ],
    openPoints: [],
    items: [
      {
        items: ['salary', 'remuneration', 'commission'],
        treatment: 'covered',
        note: '報酬等（期末手当等を含む）・委託料等',
        source: '002:442',
      },
      {
        items: ['travel', 'communication'],
        treatment: 'needs_confirmation',
        note: '「報酬等」「委託料等」に交通費・通信運搬費が含まれるかは資料に記載がありません',
        source: '002:442',
      },
      {
        items: ['recruitment'],
        treatment: 'excluded',
        note: '募集経費は募集経費の措置（B2）で判定します',
        source: '002:443',
        silent: true,
      },
      {
        items: ['training'],
        treatment: 'excluded',
        note: '研修費はDX推進リーダー育成（C1）で判定します',
        source: '002:460',
        silent: true,
      },
      {
        items: ['municipal_contribution', 'other'],
        treatment: 'excluded',
        note: '報酬等・委託料等以外の経費は対象外',
        source: '002:442',
      },
    ],
    method: { type: 'rate', numerator: 7, denominator: 10 },
    caps: { eligibleCost: null, personsPerBody: { max: 3, source: '002:450' } },
    fromFy: 2024,
    toFy: 2025,
    startsAtFromFy: false,
    periodNotes: {
      before:
        'この版は令和6〜7年度の内容です（人数上限 002:450）。それ以前は措置率が0.5だった時期があり（003:435、000:834）、年度ごとの内容は資料にありません',
      after: '対象期間は「R7年度まで」で、延長の記載はありません',
    },
    yieldsTo: [],
    source: '002:435-450; 000:833-834',
    summary:
      '市町村がCIO補佐官等として外部人材を特別職非常勤職員として任用し、又は業務委託する経費（報酬等・委託料等）に、措置率0.7の特別交付税。1団体3名分まで（令和6〜7年度）。内部検討の助言等の部分は按分して入力します（002:448）。',
  },
  {
    id: 'B2',
    version: 1,
    name: 'CIO補佐官等の募集経費 — 特別交付税',
    scheme: 'tokubetsu',
    claimants: ['municipality'],
    placementKinds: ['cio_adviser'],
    employment: ['full_time', 'part_time', 'special_part_time', 'contract'],
    conditions: [
      {
        requires: 'not_plan_drafting_only',
        reason: '単なる各種計画策定の業務委託はCIO補佐官等の措置の対象外です',
        source: '002:448',
      },
    ],
    openPoints: [
      {
        when: { employment: ['full_time', 'part_time'] },
        reason:
          '任用等経費の対象は特別職非常勤職員と業務委託に限られます（002:442）が、募集経費（002:443）は任用形態を限定していません',
        source: '002:442-443',
      },
    ],
    items: [
      { items: ['recruitment'], treatment: 'covered', note: '募集経費', source: '002:443' },
      {
        items: [
          'salary',
          'remuneration',
          'commission',
          'travel',
          'communication',
          'training',
          'municipal_contribution',
          'other',
        ],
        treatment: 'excluded',
        note: 'この措置は募集経費のみが対象',
        source: '002:443',
        silent: true,
      },
    ],
    method: { type: 'rate', numerator: 7, denominator: 10 },
    caps: { eligibleCost: { amount: 1_000_000, per: 'body', source: '002:443' }, personsPerBody: null },
    fromFy: null,
    toFy: 2025,
    startsAtFromFy: false,
    periodNotes: { after: '対象期間は「R7年度まで」で、延長の記載はありません' },
    yieldsTo: [],
    source: '002:441-443',
    summary:
      '市町村がCIO補佐官等として外部人材を募集する経費に、措置率0.7の特別交付税。対象経費の上限は1団体100万円（措置額は最大70万円）。R7年度まで。',
  },
  {
    id: 'C1',
    version: 1,
    name: 'DX推進リーダー育成 — 特別交付税',
    scheme: 'tokubetsu',
    claimants: ['prefecture', 'municipality'],
    placementKinds: ['municipal_support', 'cio_adviser'],
    employment: ['full_time', 'part_time', 'special_part_time', 'contract'],
    conditions: [
      {
        requires: 'designated_dx_leader',
        reason:
          'DX推進リーダーに指定された者の育成経費のみが対象です（アクセラレータの研修も、DX推進リーダーに指定する等の要件を満たす場合に限り対象）',
        source: '002:464, 472',
      },
    ],
    openPoints: [
      {
        when: { employment: ['contract'] },
        reason:
          'DX推進リーダーは内部職員を指定するもので（002:464）、業務委託で確保した者を指定できるかは資料に記載がありません',
        source: '002:464, 472',
      },
    ],
    items: [
      {
        items: ['training'],
        inProgramme: true,
        treatment: 'covered',
        note: '育成プログラム実施に係る委託費又は負担金',
        source: '002:460',
      },
      {
        items: ['training'],
        inProgramme: false,
        treatment: 'excluded',
        note: '育成プログラム上に記載の無い研修や幅広な職員を対象とした研修に係る経費は対象外',
        source: '002:473',
      },
      {
        items: [
          'salary',
          'remuneration',
          'commission',
          'travel',
          'communication',
          'recruitment',
          'municipal_contribution',
          'other',
        ],
        treatment: 'excluded',
        note: 'DX推進リーダーの育成に係る経費のみが対象',
        source: '002:474',
        silent: true,
      },
    ],
    method: { type: 'rate', numerator: 7, denominator: 10 },
    caps: { eligibleCost: null, personsPerBody: null },
    fromFy: null,
    toFy: 2025,
    startsAtFromFy: false,
    periodNotes: { after: '対象期間は「R7年度まで」で、延長の記載はありません' },
    yieldsTo: [],
    source: '002:452-474; 000:826-831',
    summary:
      '都道府県・市町村が指定したDX推進リーダーの育成プログラム実施に係る委託費又は負担金に、措置率0.7の特別交付税。アクセラレータの研修もDX推進リーダーに指定すれば対象。R7年度まで。',
  },
]
