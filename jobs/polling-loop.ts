// The scheduler both background workers (search outbox, mail outbox) run on: one drain at a time, the next
// one at once while there is more to do, every `pollMs` when idle, and backing off (doubling up to
// `maxIdleMs`) while the remote side (Meilisearch, the SMTP server) is down, so a backlog clears by itself.

/** What one drain found: more work waiting, nothing to do, or the remote side unreachable. */
export type StepOutcome = 'more' | 'idle' | 'down'

export interface PollingLoop {
  /** Runs a drain soon (call after a commit that queued work). */
  wake(): void
  /** Stops scheduling and waits for the drain in flight. */
  stop(): Promise<void>
}

export function startPollingLoop({
  pollMs,
  maxIdleMs,
  step,
  onError,
}: {
  pollMs: number
  maxIdleMs: number
  step: () => Promise<StepOutcome>
  /** A drain threw (e.g. the database closing during shutdown); the loop retries after `maxIdleMs`. */
  onError: (error: unknown) => void
}): PollingLoop {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let delay = pollMs
  let wokenWhileRunning = false

  const schedule = (ms: number) => {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(tick, ms)
  }

  /** Runs one drain and says when the next should start, and whether a wake may bring it forward. */
  async function runOnce(): Promise<{ next: number; wakeable: boolean }> {
    try {
      const outcome = await step()
      if (outcome === 'down') {
        delay = Math.min(maxIdleMs, delay * 2)
        return { next: delay, wakeable: true }
      }
      delay = pollMs
      return { next: outcome === 'more' ? 0 : pollMs, wakeable: true }
    } catch (error) {
      if (!stopped) onError(error)
      return { next: maxIdleMs, wakeable: false }
    }
  }

  function tick() {
    if (stopped || running) return
    wokenWhileRunning = false
    running = runOnce().then(({ next, wakeable }) => {
      running = undefined
      // A commit that landed during the drain may have missed its claim: run again at once (as a wake
      // between drains does, also while the remote side is down: one cheap probe per write).
      schedule(wokenWhileRunning && wakeable ? 0 : next)
    })
  }

  schedule(0)
  return {
    wake() {
      // A commit that lands during a drain may have missed that drain's claim: run again right after it.
      if (running) wokenWhileRunning = true
      else schedule(0)
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
