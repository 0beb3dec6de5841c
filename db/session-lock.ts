// The embedded database's one session, shared by everyone who runs statements in its process: the app's
// statements arriving on the query lane and the work the process runs itself (the national demo's build,
// db/pglite-session.ts). Each holder has the session alone until it lets go; holders are served in the order
// they asked, so statements keep their arrival order. A statement outside a transaction holds it for itself;
// a transaction holds it from BEGIN to COMMIT or ROLLBACK.
//
// Imports nothing: it is bundled into the database's own process (build/pglite-host.js).

export class SessionLock {
  #tail: Promise<void> = Promise.resolve()

  /** Waits for every earlier holder to let go; answers the function that lets go (calling it twice is harmless). */
  acquire(): Promise<() => void> {
    let letGo!: () => void
    const released = new Promise<void>((resolve) => (letGo = resolve))
    const turn = this.#tail
    this.#tail = turn.then(() => released)
    let done = false
    return turn.then(() => () => {
      if (done) return
      done = true
      letGo()
    })
  }

  /** Runs `work` holding the session. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire()
    try {
      return await work()
    } finally {
      release()
    }
  }
}

/** What a statement's text does to the session's transaction (our drivers send these texts alone). */
export function transactionControl(sql: string): 'begin' | 'commit' | 'rollback' | null {
  const text = sql.trim().toLowerCase()
  if (text === 'begin' || text.startsWith('start transaction')) return 'begin'
  if (text === 'commit') return 'commit'
  if (text === 'rollback') return 'rollback'
  return null
}
