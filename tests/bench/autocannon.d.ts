// The part of autocannon's API that tests/bench/http.ts uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  interface AutocannonRequest {
    method?: string
    path?: string
    headers?: Record<string, string>
  }

  interface AutocannonOptions {
    url: string
    connections?: number
    duration?: number
    amount?: number
    overallRate?: number
    connectionRate?: number
    timeout?: number
    headers?: Record<string, string>
    requests?: AutocannonRequest[]
  }

  interface AutocannonResult {
    requests: { average: number; total: number }
    errors: number
    timeouts: number
    non2xx: number
    duration: number
  }

  interface Instance extends EventEmitter, PromiseLike<AutocannonResult> {
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
    ): this
    on(event: string, listener: (...args: unknown[]) => void): this
    stop(): void
  }

  function autocannon(options: AutocannonOptions): Instance
  export default autocannon
}
