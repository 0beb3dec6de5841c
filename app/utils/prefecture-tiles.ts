// The 47 prefectures as a tile-grid map: one square each at a fixed column and row that roughly keeps Japan's
// shape (北海道 at the top right, 沖縄 at the bottom left), so every prefecture gets the same room whatever its area.
// Client-safe data; the names are the master list's (a test checks them against local_government).

export interface PrefectureTile {
  /** JIS X 0401 code, "01"–"47". */
  code: string
  name: string
  /** The label inside the tile. */
  short: string
  /** Column from the west (0) and row from the north (0). */
  x: number
  y: number
}

export const PREFECTURE_TILES: readonly PrefectureTile[] = [
  { code: '01', name: '北海道', short: '北海道', x: 13, y: 0 },
  { code: '02', name: '青森県', short: '青森', x: 12, y: 1 },
  { code: '03', name: '岩手県', short: '岩手', x: 12, y: 2 },
  { code: '04', name: '宮城県', short: '宮城', x: 12, y: 3 },
  { code: '05', name: '秋田県', short: '秋田', x: 11, y: 2 },
  { code: '06', name: '山形県', short: '山形', x: 11, y: 3 },
  { code: '07', name: '福島県', short: '福島', x: 11, y: 4 },
  { code: '08', name: '茨城県', short: '茨城', x: 12, y: 5 },
  { code: '09', name: '栃木県', short: '栃木', x: 11, y: 5 },
  { code: '10', name: '群馬県', short: '群馬', x: 10, y: 5 },
  { code: '11', name: '埼玉県', short: '埼玉', x: 10, y: 6 },
  { code: '12', name: '千葉県', short: '千葉', x: 12, y: 6 },
  { code: '13', name: '東京都', short: '東京', x: 11, y: 6 },
  { code: '14', name: '神奈川県', short: '神奈川', x: 10, y: 7 },
  { code: '15', name: '新潟県', short: '新潟', x: 10, y: 4 },
  { code: '16', name: '富山県', short: '富山', x: 9, y: 4 },
  { code: '17', name: '石川県', short: '石川', x: 8, y: 4 },
  { code: '18', name: '福井県', short: '福井', x: 7, y: 5 },
  { code: '19', name: '山梨県', short: '山梨', x: 9, y: 6 },
  { code: '20', name: '長野県', short: '長野', x: 9, y: 5 },
  { code: '21', name: '岐阜県', short: '岐阜', x: 8, y: 5 },
  { code: '22', name: '静岡県', short: '静岡', x: 9, y: 7 },
  { code: '23', name: '愛知県', short: '愛知', x: 8, y: 6 },
  { code: '24', name: '三重県', short: '三重', x: 7, y: 7 },
  { code: '25', name: '滋賀県', short: '滋賀', x: 7, y: 6 },
  { code: '26', name: '京都府', short: '京都', x: 6, y: 5 },
  { code: '27', name: '大阪府', short: '大阪', x: 5, y: 6 },
  { code: '28', name: '兵庫県', short: '兵庫', x: 5, y: 5 },
  { code: '29', name: '奈良県', short: '奈良', x: 6, y: 6 },
  { code: '30', name: '和歌山県', short: '和歌山', x: 6, y: 7 },
  { code: '31', name: '鳥取県', short: '鳥取', x: 4, y: 5 },
  { code: '32', name: '島根県', short: '島根', x: 3, y: 5 },
  { code: '33', name: '岡山県', short: '岡山', x: 4, y: 6 },
  { code: '34', name: '広島県', short: '広島', x: 3, y: 6 },
  { code: '35', name: '山口県', short: '山口', x: 2, y: 6 },
  { code: '36', name: '徳島県', short: '徳島', x: 4, y: 8 },
  { code: '37', name: '香川県', short: '香川', x: 4, y: 7 },
  { code: '38', name: '愛媛県', short: '愛媛', x: 3, y: 7 },
  { code: '39', name: '高知県', short: '高知', x: 3, y: 8 },
  { code: '40', name: '福岡県', short: '福岡', x: 2, y: 7 },
  { code: '41', name: '佐賀県', short: '佐賀', x: 1, y: 7 },
  { code: '42', name: '長崎県', short: '長崎', x: 0, y: 7 },
  { code: '43', name: '熊本県', short: '熊本', x: 1, y: 8 },
  { code: '44', name: '大分県', short: '大分', x: 2, y: 8 },
  { code: '45', name: '宮崎県', short: '宮崎', x: 2, y: 9 },
  { code: '46', name: '鹿児島県', short: '鹿児島', x: 1, y: 9 },
  { code: '47', name: '沖縄県', short: '沖縄', x: 0, y: 10 },
]

export const PREFECTURE_TILE_COLUMNS = 14
export const PREFECTURE_TILE_ROWS = 11

const byCode = new Map(PREFECTURE_TILES.map((tile) => [tile.code, tile]))

/** The prefecture's name from its code ("34" → 広島県); the code itself when it is not one. */
export function prefectureName(code: string): string {
  return byCode.get(code)?.name ?? code
}

export function prefectureTile(code: string): PrefectureTile | undefined {
  return byCode.get(code)
}
