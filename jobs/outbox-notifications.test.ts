// A committed enqueue wakes its worker at once; a rolled-back one never does. Both outboxes notify inside the
// insert's own statement, so this holds the statement down on each backend (PGlite's LISTEN, a server's own
// listening connection).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/client'
import { enqueueMail, MAIL_OUTBOX_CHANNEL } from '../db/queries/mail-outbox'
import { enqueueSearchSync, SEARCH_OUTBOX_CHANNEL } from '../db/queries/search-outbox'
import { createTestDatabase, outboxNotificationsFor } from '../tests/db'
import { listenForOutbox } from './outbox-notifications'

let database: Database
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.close()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** How many notifications `channel` delivers while `write` runs and for a moment after it. */
async function notificationsDuring(channel: string, write: () => Promise<unknown>): Promise<number> {
  let heard = 0
  const stop = await listenForOutbox(await outboxNotificationsFor(database), channel, () => heard++)
  try {
    await write().catch(() => {})
    for (let i = 0; i < 20 && heard === 0; i++) await sleep(25)
    await sleep(100)
    return heard
  } finally {
    await stop()
  }
}

const rollback = new Error('rollback')
const mail = { to: 'someone@example.jp', subject: '件名', bodyText: '本文', shownBodyText: '本文', template: 'test' }

describe('outbox notifications', () => {
  it('search: a committed enqueue notifies, a rolled-back one does not, and the rows are there', async () => {
    const ids = Array.from({ length: 1200 }, (_, i) => `notify-${i}`)
    expect(
      await notificationsDuring(SEARCH_OUTBOX_CHANNEL, () =>
        database.db.transaction().execute((trx) => enqueueSearchSync(trx, 'need', ids)),
      ),
    ).toBeGreaterThan(0)
    const queued = await database.db
      .selectFrom('search_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity_id', 'like', 'notify-%')
      .executeTakeFirstOrThrow()
    expect(Number(queued.n)).toBe(1200)
    expect(
      await notificationsDuring(SEARCH_OUTBOX_CHANNEL, () =>
        database.db.transaction().execute(async (trx) => {
          await enqueueSearchSync(trx, 'need', ['notify-rolled-back'])
          throw rollback
        }),
      ),
    ).toBe(0)
  })

  it('mail: a committed enqueue notifies and returns its id, a rolled-back one does not', async () => {
    let id = 0
    expect(
      await notificationsDuring(MAIL_OUTBOX_CHANNEL, async () => {
        id = await enqueueMail(database.db, mail)
      }),
    ).toBeGreaterThan(0)
    const row = await database.db.selectFrom('mail_outbox').select('subject').where('id', '=', id).executeTakeFirst()
    expect(row?.subject).toBe('件名')
    expect(
      await notificationsDuring(MAIL_OUTBOX_CHANNEL, () =>
        database.db.transaction().execute(async (trx) => {
          await enqueueMail(trx, mail)
          throw rollback
        }),
      ),
    ).toBe(0)
  })
})
