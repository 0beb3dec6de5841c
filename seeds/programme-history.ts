// The programme's published figures, loaded as history so the trend and the 推進体制 table start from them:
// the appointments on 2025-07-14 (002:324) and the 推進体制 ①〜④ at the end of R6 (002:297-322).
export const PUBLISHED_APPOINTMENT_FIGURES = [
  {
    snapshotOn: '2025-07-14',
    appointed: 53,
    bodies: 21,
    sourceNote: '「【アクセラレータの任命状況】(7/14時点 速報値) アクセラレータ数 53名 (21団体)」(002:324)',
  },
] as const

export const PUBLISHED_DX_STRUCTURE_FIGURES = [
  {
    asOf: '2025-03-31',
    met: [47, 43, 38, 45] as const,
    metAll: 32,
    source: '令和6年度末の推進体制の構築状況（002:297-322）',
  },
] as const
