// Fiscal years (年度): 1 April – 31 March, stored as the Western year in which they start (令和7年度 = 2025 =
// 2025-04-01 … 2026-03-31). Placement dates are ISO calendar dates (YYYY-MM-DD) as officials write them, so
// they are compared as text and read by slicing, never through Date and a time zone. Pure and client-safe.

/** 令和元年度 = FY2019 (the era began in May 2019, but the fiscal year that began in April is called 令和元年度). */
const REIWA_OFFSET = 2018
const HEISEI_OFFSET = 1988
const JST_OFFSET_MS = 9 * 60 * 60 * 1000

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || value[4] !== '-' || value[7] !== '-') return false
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = value.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  const year = Number(value.slice(0, 4))
  const month = Number(value.slice(5, 7))
  const day = Number(value.slice(8, 10))
  if (month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** The fiscal year of an ISO date (YYYY-MM-DD). */
export function fiscalYearOfIsoDate(iso: string): number {
  const year = Number(iso.slice(0, 4))
  return Number(iso.slice(5, 7)) >= 4 ? year : year - 1
}

/** The fiscal year of an instant, on the Japanese calendar (Asia/Tokyo has no daylight saving). */
export function fiscalYearOf(date: Date): number {
  const tokyo = new Date(date.getTime() + JST_OFFSET_MS)
  const year = tokyo.getUTCFullYear()
  return tokyo.getUTCMonth() >= 3 ? year : year - 1
}

/** The first and last day of a fiscal year. */
export function fiscalYearRange(fy: number): { start: string; end: string } {
  return { start: `${pad4(fy)}-04-01`, end: `${pad4(fy + 1)}-03-31` }
}

function pad4(year: number): string {
  return String(year).padStart(4, '0')
}

/** 令和7年度 (平成 for FY1989–2018; a plain Western year before that). */
export function fiscalYearLabel(fy: number): string {
  if (fy > REIWA_OFFSET) return `令和${eraYear(fy - REIWA_OFFSET)}年度`
  if (fy > HEISEI_OFFSET) return `平成${eraYear(fy - HEISEI_OFFSET)}年度`
  return `${fy}年度`
}

function eraYear(n: number): string {
  return n === 1 ? '元' : String(n)
}

/** R7 — the short form the sources use in tables (「R7年度まで」). */
export function fiscalYearShortLabel(fy: number): string {
  if (fy > REIWA_OFFSET) return `R${fy - REIWA_OFFSET}`
  if (fy > HEISEI_OFFSET) return `H${fy - HEISEI_OFFSET}`
  return String(fy)
}

/** Whether a placement from `start` to `end` (inclusive; null = open) is active on any day of the fiscal year. */
export function isActiveInFy(start: string, end: string | null, fy: number): boolean {
  const range = fiscalYearRange(fy)
  return start <= range.end && (end === null || end >= range.start)
}

/** Whether the placement is active on every day of the fiscal year. */
export function isActiveThroughoutFy(start: string, end: string | null, fy: number): boolean {
  const range = fiscalYearRange(fy)
  return start <= range.start && (end === null || end >= range.end)
}

/** Month number since year 0 (January = 0) of an ISO date, for month arithmetic. */
export function monthIndexOfIsoDate(iso: string): number {
  return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1
}

/**
 * The calendar months of the fiscal year in which the placement is active on at least one day (0–12): a
 * placement from 15 April counts April. This is the count a proration by months would use.
 */
export function monthsActiveInFy(start: string, end: string | null, fy: number): number {
  return monthsActiveBetween(monthIndexOfIsoDate(start), end === null ? Infinity : monthIndexOfIsoDate(end), fy)
}

/** monthsActiveInFy over precomputed month indices (the engine parses each placement's dates once). */
export function monthsActiveBetween(startMonth: number, endMonth: number, fy: number): number {
  const first = fy * 12 + 3 // April
  const last = fy * 12 + 14 // March of the next year
  const from = startMonth > first ? startMonth : first
  const to = endMonth < last ? endMonth : last
  return to >= from ? to - from + 1 : 0
}

/** The fiscal years among `candidates` in which the placement is active, ascending. */
export function activeFiscalYears(start: string, end: string | null, candidates: Iterable<number>): number[] {
  return [...new Set(candidates)].filter((fy) => isActiveInFy(start, end, fy)).sort((a, b) => a - b)
}
