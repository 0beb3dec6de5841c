// The dashboard toward 500 and 推進体制 in Debian's Chromium against the real server: for the ministry and for a
// prefecture's staff, axe finds no WCAG 2.2 A/AA violation and neither a 1280 px screen nor a 390 px phone scrolls
// sideways; the map has its 47 tiles and the progress bar its value; a prefecture reports ① through the form (a
// bad date answered at the field) and the ministry confirms it, after which the dashboard counts it.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectNoAxeViolations, launchBrowser } from './browser'
import { logIn } from './session'

const baseUrl = inject('baseUrl')
const MINISTRY = 'ministry@demo.dx500.example.jp'
const HIROSHIMA = 'hiroshima@demo.dx500.example.jp'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function signedIn(email: string, redirectTo: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'ja-JP' })).newPage()
  await logIn(page, email, { redirectTo })
  await page.waitForLoadState('networkidle')
  return page
}

const WAIT = { timeout: 10_000 }
const AXE_TIMEOUT = 120_000

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

async function checkAtBothWidths(page: Page, path: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' })
    await expectNoAxeViolations(page)
    expect(await sidewaysOverflow(page), `${path} at ${width}px`).toBeLessThanOrEqual(0)
  }
}

describe('dashboard and 推進体制 in the browser', () => {
  // One page per test, each with time to spare: axe at two widths over the 47-row table and the tile map takes
  // 25–30 s on a slow machine.
  it(
    'the ministry’s dashboard: the 500 target, 47 tiles, accessible at 1280 and 390 px',
    async () => {
      const page = await signedIn(MINISTRY, '/dashboard')
      await checkAtBothWidths(page, '/dashboard')
      await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe('アクセラレータ500名への進捗')
      expect(await page.locator('progress#target-progress').getAttribute('max')).toBe('500')
      expect(await page.locator('.tile-map [data-code]').count()).toBe(47)
      expect(await page.locator('#prefecture-table tbody tr').count()).toBe(47)
      await page.context().close()
    },
    AXE_TIMEOUT,
  )

  it(
    'the ministry’s dashboard with a prefecture picked highlights its tile, accessible at both widths',
    async () => {
      const page = await signedIn(MINISTRY, '/dashboard?pref=34')
      await checkAtBothWidths(page, '/dashboard?pref=34')
      expect(await page.locator('.tile-map__tile--highlight').getAttribute('data-code')).toBe('34')
      expect(await page.locator('.tile-map [data-code]').count()).toBe(47)
      await page.context().close()
    },
    AXE_TIMEOUT,
  )

  it(
    'the ministry’s 推進体制 page is accessible at both widths',
    async () => {
      const page = await signedIn(MINISTRY, '/dx-structure')
      await checkAtBothWidths(page, '/dx-structure')
      await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe('推進体制（①〜④）の確認')
      await page.context().close()
    },
    AXE_TIMEOUT,
  )

  it(
    'a prefecture’s slice and its 推進体制 page are accessible at both widths',
    async () => {
      const page = await signedIn(HIROSHIMA, '/dashboard')
      await checkAtBothWidths(page, '/dashboard')
      await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe('広島県のアクセラレータ任命状況')
      expect(await page.locator('#prefecture-table tbody tr').count()).toBe(1)
      // The other 46 tiles are outlines without a number.
      expect(await page.locator('.tile-map__tile--outside').count()).toBe(46)
      await checkAtBothWidths(page, '/dx-structure')
      await page.context().close()
    },
    AXE_TIMEOUT,
  )

  it('a prefecture reports ①, the ministry confirms it, and the dashboard counts it', async () => {
    const prefecture = await signedIn(HIROSHIMA, '/dx-structure')
    const first = prefecture.locator('section', {
      has: prefecture.locator('h2', { hasText: '① 市町村との会議体等を設置' }),
    })
    await first.getByLabel('満たしている', { exact: true }).check()
    await first.getByLabel('時点').fill('2030-01-01')
    await first.getByRole('button', { name: '①を報告する' }).click()
    await expect
      .poll(() => first.locator('.field-error').allTextContents())
      .toContain('時点に未来の日付は指定できません')
    await first.getByLabel('時点').fill('2026-03-31')
    // Leaving the field clears its message (and moves the button up) before the button is pressed.
    await first.getByLabel('時点').blur()
    await expect.poll(() => first.locator('.field-error').count(), WAIT).toBe(0)
    await first.getByRole('button', { name: '①を報告する' }).click()
    await expect.poll(() => first.textContent(), WAIT).toContain('確認待ち')
    await expectNoAxeViolations(prefecture)
    await prefecture.context().close()

    const ministry = await signedIn(MINISTRY, '/dx-structure')
    const waiting = ministry.locator('article', { hasText: '広島県・① 市町村との会議体等を設置' })
    await waiting.getByRole('button', { name: '確認する' }).click()
    // The confirmed report leaves the waiting list (the demo's other prefectures may still have some there).
    await expect.poll(() => waiting.count(), WAIT).toBe(0)
    await ministry.goto(`${baseUrl}/dashboard`, { waitUntil: 'networkidle' })
    const hiroshimaRow = ministry.locator('.dx-structure-table tbody tr', { hasText: '広島県' })
    await expect.poll(() => hiroshimaRow.locator('td').first().textContent(), WAIT).toContain('確認済み')
    await ministry.context().close()
  })
})
