// The app's Services for a test file: a fresh database, a search client with its own index prefix, the
// master data indexed through the real outbox worker. Loaders get it as `context.services`.
import type { Services } from '../app/services.server'
import { inputErrorResponse } from '../app/utils/database-errors.server'
import { createLucia } from '../app/utils/session.server'
import { parseEnv } from '../app/utils/env.server'
import { drainSearchOutboxOnce } from '../jobs/search-worker'
import { createSearchClient, type SearchClient } from '../search/client'
import { applyIndexSettings } from '../search/indexes'
import { createTestDatabase } from './db'
import { createTestSearchClient } from './search'

export async function createTestServices({ indexed = true }: { indexed?: boolean } = {}): Promise<Services> {
  // The app's mapping of Postgres input errors to 400, as the server installs it.
  const database = await createTestDatabase({ mapQueryError: inputErrorResponse })
  const search = createTestSearchClient()
  if (indexed) {
    await applyIndexSettings(search)
    for (let i = 0; i < 20; i++) {
      if ((await drainSearchOutboxOnce({ db: database.db, search })).claimed === 0) break
    }
  }
  return {
    env: parseEnv({ NODE_ENV: 'test', DATA_DIR: '.test-data/unused' }),
    database,
    search,
    worker: undefined,
    mailWorker: undefined,
    maxOutboxAttempts: 8,
    auth: createLucia(database.db, { secureCookies: false }),
    sessionSecrets: ['test-secret-test-secret-test-secret'],
    secureCookies: false,
    appUrl: 'http://localhost:3000',
    async close() {
      await search.dropIndexes()
      search.close()
      await database.close()
    },
  }
}

/** A search client aimed at a port where nothing listens: Meilisearch "down". */
export function createUnreachableSearchClient(): SearchClient {
  return createSearchClient({ url: 'http://127.0.0.1:9', apiKey: 'unused', indexPrefix: 'down_' })
}

export interface RequestOptions {
  params?: Record<string, string>
  /** Session (and other) cookies, e.g. from sessionCookieFor(). */
  cookie?: string
  ip?: string
  /** A form body makes it a POST from our own origin. */
  form?: Record<string, string | string[]>
  headers?: Record<string, string>
}

/** Builds the Request and load context a loader or action receives from the server. */
export function routeArgs(services: Services, url: string, options: RequestOptions = {}) {
  const headers = new Headers(options.headers)
  if (options.cookie) headers.set('Cookie', options.cookie)
  let body: URLSearchParams | undefined
  if (options.form) {
    body = new URLSearchParams()
    for (const [key, value] of Object.entries(options.form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
    }
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
    headers.set('Origin', 'http://localhost')
  }
  const request = new Request(new URL(url, 'http://localhost'), { method: body ? 'POST' : 'GET', headers, body })
  return {
    request,
    params: options.params ?? {},
    context: { services, requestInfo: { id: 'test-request', ip: options.ip ?? '203.0.113.10' } },
  }
}

/** Calls a Remix loader the way the server does, with our load context. */
export function loaderArgs(services: Services, url: string, params: Record<string, string> = {}) {
  return routeArgs(services, url, { params })
}

/** Unwraps `data(value, init)` (single fetch) or a plain object into { status, body }. */
export function unwrap<T>(result: T): { status: number; body: T extends { data: infer D } ? D : T } {
  const value = result as { type?: string; data?: unknown; init?: { status?: number } }
  if (value && value.type === 'DataWithResponseInit') {
    return { status: value.init?.status ?? 200, body: value.data as never }
  }
  return { status: 200, body: result as never }
}

/** Runs a loader expected to throw a Response; returns its status and text. */
export async function thrownResponse(run: () => Promise<unknown>): Promise<{ status: number; text: string }> {
  try {
    await run()
  } catch (error) {
    if (error instanceof Response) return { status: error.status, text: await error.text() }
    throw error
  }
  throw new Error('expected the loader to throw a Response')
}
