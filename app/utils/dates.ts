// Dates as officials read them: Asia/Tokyo whatever the server's zone, in the Gregorian or 令和 calendar.
// One formatter per style, built once (Intl formatters are costly to construct). Every date shown, exported
// or put in a file name goes through this module.
const TIME_ZONE = 'Asia/Tokyo'

const longDate = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'long', timeZone: TIME_ZONE })
const dateTime = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE })
const shortDate = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeZone: TIME_ZONE })
const shortDateTime = new Intl.DateTimeFormat('ja-JP', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: TIME_ZONE,
})
const warekiDate = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: TIME_ZONE,
})
// Zero-padded fields on a 24-hour clock, assembled by the functions below.
const numeric = new Intl.DateTimeFormat('ja-JP', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
})

type DateInput = Date | string | number

type Parts = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>

function intlParts(date: Date): Parts {
  const part: Record<string, string> = {}
  for (const p of numeric.formatToParts(date)) part[p.type] = p.value
  return part as Parts
}

/** Japan has kept UTC+9 all year since September 1951 (no summer time); from 1952 on, arithmetic is exact. */
const FIXED_OFFSET_SINCE = Date.UTC(1952, 0, 1)
const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))

/**
 * The Tokyo date and time fields, zero-padded. By arithmetic from 1952 to 9999 (Intl's `formatToParts` was
 * the largest of our own costs on the audit log, a timestamp per row); Intl for anything else, invalid dates
 * included (which it refuses with a RangeError).
 */
function tokyoParts(date: DateInput): Parts {
  const value = new Date(date)
  const time = value.getTime()
  if (!(time >= FIXED_OFFSET_SINCE && time < Date.UTC(10000, 0, 1) - TOKYO_OFFSET_MS)) return intlParts(value)
  const t = new Date(time + TOKYO_OFFSET_MS)
  return {
    year: String(t.getUTCFullYear()),
    month: pad2(t.getUTCMonth() + 1),
    day: pad2(t.getUTCDate()),
    hour: pad2(t.getUTCHours()),
    minute: pad2(t.getUTCMinutes()),
    second: pad2(t.getUTCSeconds()),
  }
}

/** 2026年11月30日 */
export function formatDate(date: DateInput): string {
  return longDate.format(new Date(date))
}

/** 2026年11月30日 17:45 */
export function formatDateTime(date: DateInput): string {
  return dateTime.format(new Date(date))
}

/** 2026/11/30 — lists and tables. */
export function formatShortDate(date: DateInput): string {
  return shortDate.format(new Date(date))
}

/** 2026/11/30 7:45 — lists and tables. */
export function formatShortDateTime(date: DateInput): string {
  return shortDateTime.format(new Date(date))
}

/** 令和8年11月30日 */
export function formatWareki(date: DateInput): string {
  return warekiDate.format(new Date(date))
}

/** 2026/11/30 07:45:09 (or 07:45 without seconds) — records read to the second, such as the audit log. */
export function formatTimestamp(date: DateInput, { seconds = true }: { seconds?: boolean } = {}): string {
  const p = tokyoParts(date)
  return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`
}

/** 2026-11-30 07:45 — a date and time in a CSV cell, sortable as text. */
export function formatIsoDateTime(date: DateInput): string {
  const p = tokyoParts(date)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}

/** 2026-11-30T07:45 — the value of an `<input type="datetime-local">` that means Japan time. */
export function toDateTimeLocalValue(date: DateInput): string {
  const p = tokyoParts(date)
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`
}

/** 2026-11-30 — the Tokyo calendar day (today by default), as a DATE column and date inputs spell it. */
export function tokyoIsoDate(date: DateInput = new Date()): string {
  const p = tokyoParts(date)
  return `${p.year}-${p.month}-${p.day}`
}

/** 20261130 — the Tokyo calendar day, for export file names (the same download is named alike everywhere). */
export function tokyoDateStamp(date: DateInput = new Date()): string {
  return tokyoIsoDate(date).replaceAll('-', '')
}

/** The Tokyo calendar year (this year by default), e.g. the latest year a qualification can have been acquired in. */
export function tokyoYear(date: DateInput = new Date()): number {
  return Number(tokyoParts(date).year)
}

/** 2026年4月 from a month input's "2026-04" (a month without a day or zone); other text is returned as it is. */
export function formatYearMonth(value: string): string {
  return value.replace(/^(\d{4})-(\d{2})$/, (_match, year: string, month: string) => `${year}年${Number(month)}月`)
}

/**
 * A DATE column's value as YYYY-MM-DD. The drivers give a date without a time as UTC midnight (or as the
 * text itself), so its UTC day is the calendar day: no time-zone conversion here.
 */
export function isoDate(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10)
}

// 年度: 1 April – 31 March, kept as the Western year it starts in (令和7年度 = 2025). The arithmetic lives with the
// funding engine (app/funding/fiscal-year.ts, pure); pages take it from here with the other date helpers.
export { fiscalYearLabel, fiscalYearOfIsoDate, fiscalYearRange, isIsoDate } from '../funding/fiscal-year'
import { fiscalYearOfIsoDate } from '../funding/fiscal-year'

/** The fiscal year of a moment in Japan (this fiscal year by default). */
export function tokyoFiscalYear(date: DateInput = new Date()): number {
  return fiscalYearOfIsoDate(tokyoIsoDate(date))
}
