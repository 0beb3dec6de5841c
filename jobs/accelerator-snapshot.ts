// The daily count of appointed accelerators, for the dashboard's trend toward 500: one row per Japan-time day,
// written from the appointments as they stand (db/queries/dashboard.ts). Idempotent: a second run the same day
// leaves one row, with the current numbers; a day that holds a published figure is never overwritten.
import type { DbExecutor } from '../db/client'
import { hasAcceleratorSnapshot, upsertDailyAcceleratorSnapshot } from '../db/queries/dashboard'
import { tokyoIsoDate } from '../app/utils/dates'

export type SnapshotOutcome =
  | { status: 'written'; on: string; appointed: number; bodies: number; byPrefecture: Record<string, number> }
  /** The day holds a published figure (公表値), which the daily count never replaces. */
  | { status: 'published'; on: string }

/** Writes (or rewrites) the row of `today`'s date in Asia/Tokyo with source 'daily'. */
export async function takeAcceleratorSnapshot(db: DbExecutor, today: Date = new Date()): Promise<SnapshotOutcome> {
  const on = tokyoIsoDate(today)
  const row = await upsertDailyAcceleratorSnapshot(db, on)
  return row ? { status: 'written', on, ...row } : { status: 'published', on }
}

/**
 * What the worker runs every hour: writes today's row if the day has none yet (so the day's figure is the count
 * at the first check after midnight); null when the row was already there.
 */
export async function takeMissingAcceleratorSnapshot(
  db: DbExecutor,
  today: Date = new Date(),
): Promise<SnapshotOutcome | null> {
  if (await hasAcceleratorSnapshot(db, tokyoIsoDate(today))) return null
  return takeAcceleratorSnapshot(db, today)
}
