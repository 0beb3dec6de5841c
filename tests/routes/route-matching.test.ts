// Route matching as every request runs it (server runtime, static handler, route discovery, the React
// router: four to five `matchRoutes` per document). Each pattern is compiled to a RegExp once, not on every
// call (patches/@remix-run+router: applied by `npm install`), and matching still finds the same routes.
import { matchPath, matchRoutes, type AgnosticRouteObject } from '@remix-run/router'
import { afterEach, describe, expect, it } from 'vitest'

const NativeRegExp = globalThis.RegExp

/** Counts `new RegExp(…)` while `work` runs (literals in the router's own code are not counted). */
function regExpsBuiltBy(work: () => void): number {
  let built = 0
  globalThis.RegExp = new Proxy(NativeRegExp, {
    construct(target, args: ConstructorParameters<RegExpConstructor>) {
      built++
      return Reflect.construct(target, args) as RegExp
    },
  })
  try {
    work()
  } finally {
    globalThis.RegExp = NativeRegExp
  }
  return built
}

/** The shape of the app's routes: a root, flat file routes with dynamic segments, an index, a splat. */
function appRoutes(): AgnosticRouteObject[] {
  return [
    {
      id: 'root',
      path: '',
      children: [
        { id: 'routes/_index', index: true },
        { id: 'routes/skills._index', path: 'skills' },
        { id: 'routes/skills.$skillId', path: 'skills/:skillId' },
        { id: 'routes/needs._index', path: 'needs' },
        { id: 'routes/needs.$needId', path: 'needs/:needId' },
        { id: 'routes/needs.$needId.match', path: 'needs/:needId/match' },
        { id: 'routes/admin.audit._index', path: 'admin/audit' },
        { id: 'routes/$', path: '*' },
      ],
    },
  ]
}

const leafOf = (routes: AgnosticRouteObject[], path: string) => matchRoutes(routes, path)?.at(-1)

describe('route matching', () => {
  afterEach(() => {
    globalThis.RegExp = NativeRegExp
  })

  it("compiles each route's pattern once: a second request's matching builds no RegExp", () => {
    const paths = ['/skills', '/needs/6b1c/match', '/admin/audit', '/no-such-page']
    const first = regExpsBuiltBy(() => paths.forEach((path) => matchRoutes(appRoutes(), path)))
    // Every render builds its route objects anew (Remix's server routes): the patterns are what is reused.
    const again = regExpsBuiltBy(() => paths.forEach((path) => matchRoutes(appRoutes(), path)))
    expect(first).toBeGreaterThan(0)
    expect(again).toBe(0)
  })

  it('still matches what it matched: static before dynamic, params, the index, the splat, case-insensitively', () => {
    const routes = appRoutes()
    expect(leafOf(routes, '/')?.route.id).toBe('routes/_index')
    expect(leafOf(routes, '/skills')?.route.id).toBe('routes/skills._index')
    expect(leafOf(routes, '/SKILLS')?.route.id).toBe('routes/skills._index')
    expect(leafOf(routes, '/skills/S-01')).toMatchObject({
      route: { id: 'routes/skills.$skillId' },
      params: { skillId: 'S-01' },
    })
    expect(leafOf(routes, '/needs/6b1c/match')).toMatchObject({
      route: { id: 'routes/needs.$needId.match' },
      params: { needId: '6b1c' },
      pathname: '/needs/6b1c/match',
    })
    expect(leafOf(routes, '/needs/6b1c/other')).toMatchObject({
      route: { id: 'routes/$' },
      params: { '*': 'needs/6b1c/other' },
    })
  })

  it('keeps the options of a pattern apart: case-sensitive and prefix patterns are compiled on their own', () => {
    expect(matchPath({ path: '/skills', caseSensitive: true }, '/SKILLS')).toBeNull()
    expect(matchPath({ path: '/skills' }, '/SKILLS')).not.toBeNull()
    expect(matchPath({ path: '/needs', end: true }, '/needs/6b1c')).toBeNull()
    expect(matchPath({ path: '/needs', end: false }, '/needs/6b1c')?.pathnameBase).toBe('/needs')
  })
})
