// The embedded database's session lock (db/session-lock.ts): holders in the order they asked, one at a time.
import { describe, expect, it } from 'vitest'
import { SessionLock, transactionControl } from './session-lock'

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('the session lock', () => {
  it('serves holders one at a time, in the order they asked', async () => {
    const lock = new SessionLock()
    const events: string[] = []
    const first = await lock.acquire()
    const second = lock.run(async () => {
      events.push('second')
    })
    const third = lock.acquire().then((release) => {
      events.push('third')
      release()
    })
    await tick()
    expect(events).toEqual([])
    first()
    await Promise.all([second, third])
    expect(events).toEqual(['second', 'third'])
  })

  it('lets go once, however often it is told to, and after a holder that failed', async () => {
    const lock = new SessionLock()
    const release = await lock.acquire()
    const waiting = lock.acquire()
    release()
    release()
    const next = await waiting
    // Still held by the second holder: a third waits although the first "let go" twice.
    let third = false
    const thirdTurn = lock.acquire().then((r) => {
      third = true
      r()
    })
    await tick()
    expect(third).toBe(false)
    next()
    await thirdTurn
    expect(third).toBe(true)
    await expect(lock.run(() => Promise.reject(new Error('failed')))).rejects.toThrow('failed')
    await expect(lock.run(async () => 'after')).resolves.toBe('after')
  })

  it('reads what a statement does to the transaction', () => {
    expect(transactionControl('begin')).toBe('begin')
    expect(transactionControl('start transaction isolation level serializable')).toBe('begin')
    expect(transactionControl('commit')).toBe('commit')
    expect(transactionControl('rollback')).toBe('rollback')
    expect(transactionControl('select 1')).toBeNull()
    expect(transactionControl('insert into begin_log values (1)')).toBeNull()
  })
})
