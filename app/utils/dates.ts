// Dates as officials read them: Asia/Tokyo whatever the server's zone, in the Gregorian or 令和 calendar.
// One formatter per style, built once (Intl formatters are costly to construct).
const TIME_ZONE = 'Asia/Tokyo'

const longDate = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'long', timeZone: TIME_ZONE })
const dateTime = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE })
const warekiDate = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: TIME_ZONE,
})
const isoDay = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE })

type DateInput = Date | string | number

/** 2026年11月30日 */
export function formatDate(date: DateInput): string {
  return longDate.format(new Date(date))
}

/** 2026年11月30日 17:45 */
export function formatDateTime(date: DateInput): string {
  return dateTime.format(new Date(date))
}

/** 令和8年11月30日 */
export function formatWareki(date: DateInput): string {
  return warekiDate.format(new Date(date))
}

/** 20261130 — the Tokyo calendar day, for export file names (the same download is named alike everywhere). */
export function tokyoDateStamp(date: DateInput = new Date()): string {
  return isoDay.format(new Date(date)).replaceAll('-', '')
}
