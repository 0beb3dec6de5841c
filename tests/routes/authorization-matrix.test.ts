// The route × role matrix: every route, every role, the expected outcome of a GET and of a POST (the table
// is in route-table.ts, shared with the fuzz test). A route file without a row fails the first test, so
// nobody adds a page without deciding who may open it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '../../app/services.server'
import { loginAs } from '../factories'
import { createTestServices, routeArgs } from '../services'
import {
  answerOf,
  MATRIX,
  outcomeOf,
  type Outcome,
  postGateFor,
  postOutcomeOf,
  ROLES,
  routeFiles,
  routeModule,
  type Who,
} from './route-table'

let services: Services
const cookies: Partial<Record<Who, string>> = {}

beforeAll(async () => {
  services = await createTestServices()
  for (const role of ROLES) {
    if (role === 'anonymous') continue
    cookies[role] = (await loginAs(services, { role })).cookie
  }
})
afterAll(async () => {
  await services?.close()
})

describe('authorization matrix', () => {
  it('has a row for every route file (a new route must declare who may open it)', () => {
    const missing = routeFiles().filter((name) => !(name in MATRIX))
    const stale = Object.keys(MATRIX).filter((name) => !routeFiles().includes(name))
    expect({ missing, stale }).toEqual({ missing: [], stale: [] })
  })

  for (const [name, row] of Object.entries(MATRIX)) {
    it(`GET ${row.url} (${name})`, async () => {
      const { loader } = await routeModule(name)
      const actual: Record<string, Outcome | string> = {}
      for (const role of ROLES) {
        // A page without a loader serves no data: it renders for everyone.
        actual[role] = loader
          ? await outcomeOf(() => loader(routeArgs(services, row.url, { params: row.params, cookie: cookies[role] })))
          : 'ok'
      }
      expect(actual).toEqual(row.expect)
    })
  }

  // An empty form from each role: the guard decides (login, 403) or the action runs and answers about the
  // input. Each role posts with a fresh session, as logout and account actions end the one they run in.
  for (const [name, row] of Object.entries(MATRIX)) {
    it(`POST ${row.url} (${name})`, async () => {
      const { action } = await routeModule(name)
      if (!action) return expect(row.post).toBeUndefined()
      const actual: Record<string, string | number> = {}
      for (const role of ROLES) {
        const cookie = role === 'anonymous' ? undefined : (await loginAs(services, { role })).cookie
        actual[role] = postOutcomeOf(
          await answerOf(() => action(routeArgs(services, row.url, { params: row.params, cookie, form: {} }))),
        )
      }
      expect(actual).toEqual(postGateFor(row))
    })
  }
})
