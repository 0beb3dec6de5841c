// Malformed input never makes a 5xx. For every route in the table and every role, fast-check sends the
// loader malformed params and query strings, and the action every intent the route's forms know with
// malformed bodies: random and huge strings, NUL and other control characters, non-uuid ids, numbers past
// int4, impossible dates, missing and repeated fields, JSON, empty and non-form bodies, wrong content types.
// The answer must be a Response or data below 500, and nothing but a Response may be thrown.
// Seeded, so a failure replays; the seed and the failing request are printed by fast-check.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '../../app/services.server'
import { loginAs } from '../factories'
import { createTestServices } from '../services'
import { answerOf, MATRIX, MISSING_ID, ROLES, routeModule, routeModulePath, routesDir, type Who } from './route-table'

const SEED = 20261201
// Per route and role: GETs, and POSTs (twice as many: bodies vary more). ~2,000 calls in all.
const GET_RUNS = 3
const POST_RUNS = 6
/** Actions that may end the session they run in get a fresh one for every request. */
const ENDS_SESSIONS = new Set(['logout.ts', 'account', 'account_.delete'])

let services: Services
const cookies: Partial<Record<Who, string>> = {}

beforeAll(async () => {
  services = await createTestServices()
  for (const role of ROLES) if (role !== 'anonymous') cookies[role] = (await loginAs(services, { role })).cookie
})
afterAll(async () => {
  await services?.close()
})

/** Field names and intents the route's own forms send, read from its source (and its folder's components). */
function formVocabulary(name: string): { fields: string[]; intents: string[] } {
  const file = routeModulePath(name)
  const dir = path.dirname(file) === routesDir ? null : path.dirname(file)
  const sources = dir
    ? readdirSync(dir)
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    : [readFileSync(file, 'utf8')]
  const text = sources.join('\n')
  const collect = (pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!)
  const fields = new Set([
    ...collect(/name="([A-Za-z][\w.[\]]*)"/g),
    ...collect(/\.get(?:All)?\('([A-Za-z]\w*)'\)/g),
    ...collect(/fields\.(\w+)/g),
    'lockVersion',
    'id',
  ])
  const intents = new Set([...collect(/name="intent" value="([\w-]+)"/g), ...collect(/intent === '([\w-]+)'/g)])
  return { fields: [...fields], intents: [...intents] }
}

const controlText = fc.string({
  unit: fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u001f', 'a', 'あ', '\t', '\n'),
})
const malformedText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  controlText,
  fc.constantFrom('', ' ', 'abc', 'new', '../..', '%00', '\u0000', 'a\u0000b', 'null', 'undefined', '[object Object]'),
  fc.constantFrom(
    MISSING_ID,
    MISSING_ID.toUpperCase(),
    `{${MISSING_ID}}`,
    MISSING_ID.replace(/-/g, ''),
    `${MISSING_ID}x`,
  ),
  fc.constantFrom('99999999999', '-1', '1e309', 'NaN', '0.5', '2147483648', '-2147483649', '9007199254740993'),
  fc.constantFrom(
    '2024-02-30',
    '9999-99-99',
    '0000-00-00',
    '2024-13-01T25:61',
    '275760-09-13',
    '1900-01-01',
    'on',
    'yes',
  ),
  // Longer than any column or schema limit (the body-size limit itself is tested in body-limit.server.test.ts).
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'あ'.repeat(n)),
)

type Body = {
  kind: 'form' | 'multipart' | 'json' | 'empty' | 'none' | 'text' | 'broken-multipart'
  entries: Array<[string, string]>
}

function bodyArbitrary(fields: string[], intents: string[]): fc.Arbitrary<Body> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fields) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  )
  const intent = intents.length > 0 ? fc.oneof(fc.constantFrom(...intents), malformedText) : malformedText
  // Repeated keys come from the array (a key may appear many times).
  const entries = fc
    .tuple(fc.option(intent, { nil: undefined }), fc.array(fc.tuple(key, malformedText), { maxLength: 12 }))
    .map(([i, rest]) => (i === undefined ? rest : ([['intent', i], ...rest] as Array<[string, string]>)))
  return fc.record({
    kind: fc.constantFrom('form', 'form', 'multipart', 'json', 'empty', 'none', 'text', 'broken-multipart'),
    entries,
  })
}

function requestFor(url: string, method: 'GET' | 'POST', cookie: string | undefined, body?: Body): Request {
  const headers = new Headers({ Origin: 'http://localhost' })
  if (cookie) headers.set('Cookie', cookie)
  let payload: BodyInit | undefined
  if (method === 'POST' && body) {
    if (body.kind === 'form') {
      payload = new URLSearchParams(body.entries)
      headers.set('Content-Type', 'application/x-www-form-urlencoded')
    } else if (body.kind === 'multipart') {
      const form = new FormData()
      for (const [k, v] of body.entries) form.append(k, v)
      form.append(
        'file',
        new Blob([body.entries.map(([k, v]) => `${k},${v}`).join('\n')], { type: 'text/csv' }),
        'data.csv',
      )
      payload = form
    } else if (body.kind === 'json') {
      payload = JSON.stringify(Object.fromEntries(body.entries))
      headers.set('Content-Type', 'application/json')
    } else if (body.kind === 'empty') {
      headers.set('Content-Type', 'application/x-www-form-urlencoded')
    } else if (body.kind === 'text') {
      payload = body.entries.map(([k, v]) => `${k}=${v}`).join('\n')
      headers.set('Content-Type', 'text/plain')
    } else if (body.kind === 'broken-multipart') {
      payload = `--x\r\nContent-Disposition: form-data; name="${body.entries[0]?.[0] ?? 'a'}"\r\n\r\n${body.entries[0]?.[1] ?? ''}`
      headers.set('Content-Type', 'multipart/form-data; boundary=x')
    }
  }
  return new Request(new URL(url, 'http://localhost'), { method, headers, body: payload })
}

/** The row's URL with malformed query values added to (or replacing) its own. */
const queryArbitrary = (url: string) =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'q',
          'page',
          'version',
          'from',
          'to',
          'token',
          'issue',
          'pref',
          'status',
          'kind',
          'pool',
          'roleId',
          'skillId',
          'minLevel',
          'municipality',
          'redirectTo',
        ),
        malformedText,
      ),
      { maxLength: 6 },
    )
    .map((extra) => {
      const target = new URL(url, 'http://localhost')
      for (const [k, v] of extra) target.searchParams.append(k, v)
      return `${target.pathname}${target.search}`
    })

const paramsArbitrary = (params: Record<string, string> | undefined) =>
  fc.record(
    Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, fc.oneof(fc.constant(v), malformedText)])),
  ) as fc.Arbitrary<Record<string, string>>

async function expectNoServerError(run: () => Promise<unknown>) {
  const answer = await answerOf(run)
  expect(answer.status, 'a malformed request must never get a 5xx').toBeLessThan(500)
}

describe('malformed requests never answer 5xx', () => {
  for (const [name, row] of Object.entries(MATRIX)) {
    it(`${name}`, async () => {
      const { loader, action } = await routeModule(name)
      const { fields, intents } = formVocabulary(name)
      for (const [index, role] of ROLES.entries()) {
        const context = { services, requestInfo: { id: 'fuzz', ip: '203.0.113.10' } }
        if (loader) {
          await fc.assert(
            fc.asyncProperty(queryArbitrary(row.url), paramsArbitrary(row.params), async (url, params) => {
              await expectNoServerError(() =>
                loader({ request: requestFor(url, 'GET', cookies[role]), params, context }),
              )
            }),
            { numRuns: GET_RUNS, seed: SEED + index },
          )
        }
        if (action) {
          await fc.assert(
            fc.asyncProperty(paramsArbitrary(row.params), bodyArbitrary(fields, intents), async (params, body) => {
              const cookie =
                role !== 'anonymous' && ENDS_SESSIONS.has(name)
                  ? (await loginAs(services, { role })).cookie
                  : cookies[role]
              await expectNoServerError(() =>
                action({ request: requestFor(row.url, 'POST', cookie, body), params, context }),
              )
            }),
            { numRuns: POST_RUNS, seed: SEED + index },
          )
        }
      }
    })
  }
})

describe('specific promises', () => {
  it('the picker JSON keeps its status and Cache-Control (a resource route answers a real Response)', async () => {
    const { loader } = await routeModule('resources.local-governments.ts')
    const context = { services, requestInfo: { id: 'fuzz', ip: '203.0.113.10' } }
    const invalid = (await loader!({
      request: requestFor(`/resources/local-governments?q=${'あ'.repeat(101)}`, 'GET', undefined),
      params: {},
      context,
    })) as Response
    expect(invalid).toBeInstanceOf(Response)
    expect(invalid.status).toBe(400)
    expect(invalid.headers.get('Cache-Control')).toBe('no-store')
    expect(await invalid.json()).toMatchObject({ status: 'invalid', message: '検索語は100文字以内で入力してください' })
    const ok = (await loader!({
      request: requestFor('/resources/local-governments?q=ひろしま', 'GET', undefined),
      params: {},
      context,
    })) as Response
    expect(ok.status).toBe(200)
    expect(ok.headers.get('Cache-Control')).toBe('no-store')
    expect((await ok.json()).options.length).toBeGreaterThan(0)
  })
})
