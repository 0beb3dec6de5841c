// The node:http transport behind the Meilisearch client, against a tiny local HTTP server: what the
// library expects of an `httpClient` (parsed bodies, thrown API errors, the signal's reason on abort).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { MeilisearchRequestError } from 'meilisearch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpTransport, createSearchClient, isSearchHealthy, SearchApiError, searchErrorCode } from './client'

let server: http.Server
let base: string
let connections = 0
const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body })
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(value))
      }
      if (req.url === '/health') return json(200, { status: 'available' })
      if (req.url === '/echo') return json(200, { method: req.method, body: body === '' ? null : JSON.parse(body) })
      if (req.url === '/empty') return res.writeHead(204).end()
      if (req.url === '/slow') return setTimeout(() => json(200, {}), 2_000)
      if (req.url?.startsWith('/indexes/')) {
        return json(404, {
          message: 'Index `x` not found.',
          code: 'index_not_found',
          type: 'invalid_request',
          link: '',
        })
      }
      json(500, { message: 'boom', code: 'internal', type: 'internal', link: '' })
    })
  })
  server.on('connection', () => connections++)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('createHttpTransport', () => {
  it('resolves to the parsed body and sends headers and body', async () => {
    const transport = createHttpTransport()
    try {
      const result = await transport.httpClient(new URL('/echo', base), {
        method: 'POST',
        headers: new Headers({ Authorization: 'Bearer k', 'Content-Type': 'application/json' }),
        body: JSON.stringify({ q: 'よこはま' }),
      })
      expect(result).toEqual({ method: 'POST', body: { q: 'よこはま' } })
      expect(seen.at(-1)!.headers.authorization).toBe('Bearer k')
      expect(await transport.httpClient(`${base}/empty`, { method: 'DELETE' })).toBeUndefined()
    } finally {
      transport.destroy()
    }
  })

  it('reuses one keep-alive connection for sequential requests', async () => {
    const transport = createHttpTransport()
    try {
      const before = connections
      for (let i = 0; i < 5; i++) await transport.httpClient(new URL('/health', base))
      expect(connections - before).toBe(1)
    } finally {
      transport.destroy()
    }
  })

  it('throws Meilisearch errors with their code', async () => {
    const transport = createHttpTransport()
    try {
      const error = await transport.httpClient(new URL('/indexes/x', base)).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(SearchApiError)
      expect(error).toMatchObject({ code: 'index_not_found', message: 'Index `x` not found.' })
      expect((error as SearchApiError).response.status).toBe(404)
    } finally {
      transport.destroy()
    }
  })

  it('rejects with the signal reason when aborted, like fetch', async () => {
    const transport = createHttpTransport()
    try {
      const controller = new AbortController()
      const pending = transport.httpClient(new URL('/slow', base), { signal: controller.signal })
      const reason = Symbol('stop')
      setTimeout(() => controller.abort(reason), 20)
      await expect(pending).rejects.toBe(reason)
      await expect(transport.httpClient(new URL('/health', base), { signal: AbortSignal.abort('early') })).rejects.toBe(
        'early',
      )
    } finally {
      transport.destroy()
    }
  })

  it('gives up on a stalled request after its timeout', async () => {
    const transport = createHttpTransport({ timeoutMs: 100 })
    try {
      const started = Date.now()
      await expect(transport.httpClient(new URL('/slow', base))).rejects.toThrow(/timed out after 100ms/)
      expect(Date.now() - started).toBeLessThan(1_500)
    } finally {
      transport.destroy()
    }
  })
})

describe('createSearchClient', () => {
  it('prefixes index uids', () => {
    const client = createSearchClient({ url: base, apiKey: 'k', indexPrefix: 't1_' })
    expect(client.indexUid('local_government')).toBe('t1_local_government')
    client.close()
    const bare = createSearchClient({ url: base, apiKey: 'k' })
    expect(bare.indexUid('local_government')).toBe('local_government')
    bare.close()
  })

  it("keeps the library's error handling working through the transport", async () => {
    const client = createSearchClient({ url: base, apiKey: 'k' })
    try {
      // deleteIndexIfExists reads error.cause.code: it must see index_not_found and return false.
      expect(await client.meili.deleteIndexIfExists('x')).toBe(false)
      const error = await client.meili.getRawIndex('x').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MeilisearchRequestError)
      expect(searchErrorCode(error)).toBe('index_not_found')
      expect(searchErrorCode(new Error('other'))).toBeUndefined()
    } finally {
      client.close()
    }
  })

  it('reports health without throwing', async () => {
    const up = createSearchClient({ url: base, apiKey: 'k' })
    const down = createSearchClient({ url: 'http://127.0.0.1:9', apiKey: 'k' })
    try {
      expect(await isSearchHealthy(up)).toBe(true)
      expect(await isSearchHealthy(down)).toBe(false)
    } finally {
      up.close()
      down.close()
    }
  })
})
