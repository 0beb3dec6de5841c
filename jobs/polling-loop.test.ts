import { describe, expect, it } from 'vitest'
import { type StepOutcome, startPollingLoop } from './polling-loop'

/** A step the test finishes by hand, so a wake can land while a drain is in flight. */
function controlledStep() {
  const calls: Array<(outcome: StepOutcome) => void> = []
  return {
    calls,
    step: () => new Promise<StepOutcome>((resolve) => calls.push(resolve)),
    async waitForCall(n: number) {
      await expect.poll(() => calls.length, { timeout: 2000, interval: 5 }).toBe(n)
    },
  }
}

describe('polling loop', () => {
  it('runs again at once when woken during a drain, not at the next poll', async () => {
    const control = controlledStep()
    const loop = startPollingLoop({ pollMs: 60_000, maxIdleMs: 60_000, step: control.step, onError: () => {} })
    try {
      await control.waitForCall(1)
      loop.wake() // a commit lands while the first drain is in flight
      control.calls[0]!('idle')
      await control.waitForCall(2)
      control.calls[1]!('idle')
      // Not woken this time: the next drain waits for the (here one-minute) poll.
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(control.calls).toHaveLength(2)
      loop.wake()
      await control.waitForCall(3)
      control.calls[2]!('idle')
    } finally {
      await loop.stop()
    }
  })

  it('continues at once while a drain found work', async () => {
    const control = controlledStep()
    const loop = startPollingLoop({ pollMs: 60_000, maxIdleMs: 60_000, step: control.step, onError: () => {} })
    try {
      await control.waitForCall(1)
      control.calls[0]!('more')
      await control.waitForCall(2)
      control.calls[1]!('idle')
    } finally {
      await loop.stop()
    }
  })
})
