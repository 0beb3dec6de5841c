// Every main page, as every demo role, served by the real server: the document holds no control
// characters (React 18's Node stream renderer wrote NULs into Japanese text), carries a CSP whose nonce is
// on every inline script and is never cached; Chromium reports no CSP violation and the page hydrates; at
// 390 px no page scrolls sideways.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './browser'
import { demoLogins, logIn } from './session'

const baseUrl = inject('baseUrl')
const PUBLIC_PAGES = [
  '/',
  '/skills',
  '/skills?q=ガバクラ',
  '/skills/roles/project-manager',
  '/skills/versions',
  '/open-calls',
  '/local-governments?q=ひろしま',
  '/login',
  '/signup',
]
const SIGNED_IN_PAGES = [
  '/account',
  '/issues',
  '/needs',
  '/pools',
  '/national-list',
  '/partners',
  '/applications',
  '/profile',
  '/admin/users',
  '/admin/audit',
  '/admin/mail',
  '/admin/skill-standard',
]
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

// The demo accounts the embedded server creates (tests/e2e/session.ts reads their passwords).
const ROLES: Array<{ email: string | null; label: string }> = [
  { email: null, label: '未ログイン' },
  { email: 'ministry-admin@demo.dx500.example.jp', label: '総務省 管理者' },
  { email: 'ministry@demo.dx500.example.jp', label: '総務省 職員' },
  { email: 'hiroshima-admin@demo.dx500.example.jp', label: '広島県 管理者' },
  { email: 'hiroshima@demo.dx500.example.jp', label: '広島県 職員' },
  { email: 'akiota@demo.dx500.example.jp', label: '安芸太田町 職員' },
  { email: 'professional@demo.dx500.example.jp', label: 'デジタル人材' },
  // The national demo's: two more prefectures with a town or village each, and an appointed accelerator.
  { email: 'hokkaido-admin@demo.dx500.example.jp', label: '北海道 管理者' },
  { email: 'hokkaido@demo.dx500.example.jp', label: '北海道 職員' },
  { email: 'niseko@demo.dx500.example.jp', label: 'ニセコ町 職員' },
  { email: 'nagano-admin@demo.dx500.example.jp', label: '長野県 管理者' },
  { email: 'nagano@demo.dx500.example.jp', label: '長野県 職員' },
  { email: 'achi@demo.dx500.example.jp', label: '阿智村 職員' },
  { email: 'accelerator@demo.dx500.example.jp', label: 'アクセラレータ' },
]

describe('documents and their headers (browser, every role)', () => {
  it('every demo account is covered', async () => {
    expect((await demoLogins()).map((l) => l.email).sort()).toEqual(
      ROLES.flatMap((r) => (r.email ? [r.email] : [])).sort(),
    )
  })

  it.each(ROLES)(
    '$label: no control characters, nonce CSP, no-store, no CSP violation, hydrated',
    { timeout: 180_000 },
    async (role) => {
      const problems: string[] = []
      let pagesChecked = 0
      {
        const context = await browser.newContext({ locale: 'ja-JP' })
        const page = await context.newPage()
        const violations: string[] = []
        page.on('console', (message) => {
          if (/Content Security Policy|Refused to (execute|load|apply)/.test(message.text()))
            violations.push(message.text())
        })
        if (role.email) await logIn(page, role.email)
        for (const url of role.email ? [...PUBLIC_PAGES, ...SIGNED_IN_PAGES] : PUBLIC_PAGES) {
          const response = await page.goto(`${baseUrl}${url}`, { waitUntil: 'networkidle' })
          if (!response) throw new Error(`no response for ${url}`)
          const where = `${role.label} ${url} (${response.status()})`
          const html = (await response.body()).toString('utf8')
          const headers = response.headers()
          const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(headers['content-security-policy'] ?? '')?.[1]
          if (CONTROL_CHARACTERS.test(html))
            problems.push(`${where}: control character at ${html.search(CONTROL_CHARACTERS)}`)
          if (html.includes('\uFFFD')) problems.push(`${where}: a broken (U+FFFD) character`)
          if (!nonce) problems.push(`${where}: no nonce in the Content-Security-Policy`)
          const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1] ?? '')
          if (nonce && inlineScripts.some((attributes) => !attributes.includes(`nonce="${nonce}"`)))
            problems.push(`${where}: an inline script without the nonce`)
          if (headers['cache-control'] !== 'private, no-store')
            problems.push(`${where}: Cache-Control ${headers['cache-control']}`)
          // Hydration runs after the module scripts load: give it a moment on a busy machine.
          const hydrated = await page
            .waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter), null, {
              timeout: 15_000,
            })
            .then(
              () => true,
              () => false,
            )
          if (!hydrated) problems.push(`${where}: not hydrated`)
          pagesChecked++
        }
        // Phones (390 px): no page scrolls sideways; wide tables scroll inside themselves.
        await page.setViewportSize({ width: 390, height: 844 })
        for (const url of role.email ? [...PUBLIC_PAGES, ...SIGNED_IN_PAGES] : PUBLIC_PAGES) {
          await page.goto(`${baseUrl}${url}`, { waitUntil: 'networkidle' })
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
          if (overflow > 0) problems.push(`${role.label} ${url}: ${overflow}px wider than a 390 px phone`)
        }
        problems.push(...violations.map((v) => `${role.label}: ${v}`))
        await context.close()
      }
      expect(problems).toEqual([])
      expect(pagesChecked).toBe(role.email ? PUBLIC_PAGES.length + SIGNED_IN_PAGES.length : PUBLIC_PAGES.length)
    },
  )
})
