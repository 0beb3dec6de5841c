// The programme's target, in one place for the server and the browser: 「全国で500名の任命を目指す ※各都道府県10名+a
// のイメージ」 (002:382), how a prefecture stands against its 10, and how that is said on the map and in its legend.

export const NATIONAL_TARGET = 500
export const PREFECTURE_TARGET = 10

/** How a prefecture stands against its 10: none yet, under half, half or more, reached. */
export type ProgressBand = 'none' | 'low' | 'mid' | 'met'

export function progressBand(appointed: number, target = PREFECTURE_TARGET): ProgressBand {
  if (appointed <= 0) return 'none'
  if (appointed >= target) return 'met'
  return appointed * 2 >= target ? 'mid' : 'low'
}

export const PROGRESS_BAND_LABELS: Record<ProgressBand, string> = {
  none: '任命なし',
  low: '目安の5割未満（1〜4名）',
  mid: '目安の5割以上（5〜9名）',
  met: '目安（10名）に到達',
}

/** Percent of the target to one decimal place (53 of 500 → 10.6). */
export function percentOf(value: number, target: number): number {
  return Math.round((value * 1000) / target) / 10
}
