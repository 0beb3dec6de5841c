// How a worker hears that a commit queued work for it (the enqueue's NOTIFY, delivered only on commit), so it
// drains at once instead of polling the outbox table: on the embedded database through its own LISTEN, on a
// PostgreSQL server over a connection of its own, which a worker in another process (`npm run jobs`) has too.
import postgres from 'postgres'
import type { Database } from '../db/client'

export type OutboxNotifications = { listen: NonNullable<Database['listen']> } | { databaseUrl: string }

/**
 * Calls `onNotify` after each commit that notified `channel`. Returns the function that stops listening.
 * On a server this holds one connection (postgres.js re-listens by itself after a reconnect).
 */
export async function listenForOutbox(
  source: OutboxNotifications,
  channel: string,
  onNotify: () => void,
): Promise<() => Promise<void>> {
  if ('listen' in source) return source.listen(channel, () => onNotify())
  const listener = postgres(source.databaseUrl, { max: 1, onnotice: () => {} })
  try {
    await listener.listen(channel, () => onNotify())
  } catch (error) {
    await listener.end({ timeout: 1 })
    throw error
  }
  return () => listener.end({ timeout: 1 })
}

/**
 * How often a worker that hears notifications still looks at its outbox: for a notification missed while
 * the listening connection reconnected, a lease that expired, a retry that fell due. Without notifications
 * it polls every second. Each look is a write statement (a claim), which costs every request on the
 * embedded database's single connection, so it is not done every second when nothing is waiting.
 */
export const NOTIFIED_POLL_MS = 10_000
export const UNNOTIFIED_POLL_MS = 1_000
