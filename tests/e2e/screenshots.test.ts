// The README's and the user guides' pictures, taken by the browser suite so they never go stale: the main page of
// each role over the demo data, at 1280 px, into docs/screenshots/. Each page is also checked to have loaded
// (its heading) and to pass axe, so a picture never shows an error page.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectNoAxeViolations, launchBrowser } from './browser'
import { logIn } from './session'

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots')
const baseUrl = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
  await mkdir(OUT, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
})

const SHOTS: Array<{ file: string; email: string | null; path: string; heading: RegExp }> = [
  { file: 'public-home.png', email: null, path: '/', heading: /自治体DXアクセラレータ500/ },
  { file: 'programme.png', email: null, path: '/programme', heading: /自治体DXアクセラレータ500/ },
  { file: 'professional-home.png', email: 'professional@demo.dx500.example.jp', path: '/', heading: /ホーム/ },
  {
    file: 'open-calls-for-me.png',
    email: 'professional@demo.dx500.example.jp',
    path: '/open-calls/for-me',
    heading: /公募/,
  },
  { file: 'municipality-home.png', email: 'akiota@demo.dx500.example.jp', path: '/', heading: /ホーム/ },
  { file: 'prefecture-home.png', email: 'hiroshima@demo.dx500.example.jp', path: '/', heading: /ホーム/ },
  { file: 'prefecture-pools.png', email: 'hiroshima@demo.dx500.example.jp', path: '/pools', heading: /人材プール/ },
  { file: 'prefecture-funding.png', email: 'hiroshima@demo.dx500.example.jp', path: '/funding', heading: /財政措置/ },
  { file: 'ministry-home.png', email: 'ministry@demo.dx500.example.jp', path: '/', heading: /ホーム/ },
  { file: 'ministry-dashboard.png', email: 'ministry@demo.dx500.example.jp', path: '/dashboard', heading: /500名/ },
  {
    file: 'ministry-appointments.png',
    email: 'ministry@demo.dx500.example.jp',
    path: '/appointments',
    heading: /推薦・任命/,
  },
]

describe('screenshots of the main page of each role', () => {
  it('takes each one from a page that loaded and passes axe', async () => {
    const contexts = new Map<string | null, Awaited<ReturnType<Browser['newContext']>>>()
    for (const shot of SHOTS) {
      let context = contexts.get(shot.email)
      if (!context) {
        context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
        contexts.set(shot.email, context)
        if (shot.email) await logIn(await context.newPage(), shot.email)
      }
      const page = await context.newPage()
      await page.goto(`${baseUrl}${shot.path}`)
      await page.waitForLoadState('networkidle')
      expect(await page.locator('h1').first().textContent()).toMatch(shot.heading)
      await expectNoAxeViolations(page)
      await page.screenshot({ path: path.join(OUT, shot.file) })
      await page.close()
    }
    for (const context of contexts.values()) await context.close()
  }, 180_000)
})
