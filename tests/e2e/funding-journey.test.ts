// 交付税 in Debian's Chromium: 広島県's staff record a placement (an appointed 常勤 accelerator supporting 安芸太田町),
// enter its salary for 令和7年度, start it, read on its page which measure applies and why, and find the amount in
// the prefecture's yearly total.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoAxeViolations, launchBrowser } from './browser'
import { logIn } from './session'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('funding journey (browser)', () => {
  it('records a placement with costs, sees its eligibility and the body’s yearly total', async () => {
    const page = await (await browser.newContext({ locale: 'ja-JP' })).newPage()
    await logIn(page, 'hiroshima@demo.dx500.example.jp', { redirectTo: '/placements/new' })
    await page.waitForLoadState('networkidle')
    await page.getByLabel('氏名', { exact: true }).fill('交付 太郎')
    await page.getByLabel('任用・契約の形態').selectOption({ label: '常勤' })
    await page.getByLabel('総務省から自治体DXアクセラレータに任命されている').check()
    await page.getByLabel('開始日').fill('2025-04-01')
    const firstBody = page.getByLabel('市区町村 1')
    if ((await firstBody.count()) === 0) await page.getByRole('button', { name: /市区町村を追加/ }).click()
    await page.getByLabel('市区町村 1').selectOption({ label: '安芸太田町' })
    await page.getByLabel('週の日数').first().fill('2')
    await page.getByRole('button', { name: '下書きを保存する' }).click()
    await page.waitForURL(/\/placements\/[0-9a-f-]{36}$/)
    const placementUrl = page.url()

    await page.getByRole('link', { name: '令和7年度の経費を入力する' }).click()
    await page.waitForURL(/\/costs\?fy=2025$/)
    await page.getByLabel(/^給与・人件費（円）/).fill('8,000,000')
    await page.getByRole('button', { name: '令和7年度の経費を保存する' }).click()
    await page.waitForURL(placementUrl)

    await page.getByRole('button', { name: /から配置を開始する/ }).click()
    await expect.poll(() => page.locator('h1 + p').textContent()).toContain('配置中')

    // The measure, the amount and the source line, on the placement's own page.
    const funding = page.locator('#funding')
    await expect.poll(() => funding.textContent()).toContain('令和7年度: 普通交付税 7,800,000円')
    const a1 = funding
      .locator('tbody tr')
      .filter({ has: page.locator('td:nth-child(2)', { hasText: /^A1$/ }) })
      .filter({ hasText: '令和7年度' })
    await expect.poll(() => a1.textContent()).toContain('対象')
    await expect.poll(() => a1.textContent()).toContain('002:')
    await expectNoAxeViolations(page)

    // The prefecture's total for the year.
    await page.goto(placementUrl.replace(/\/placements\/.*/, '/funding?fy=2025'))
    const row = page.locator('.funding-totals tr', { hasText: '広島県' })
    await expect.poll(() => row.textContent()).toMatch(/7,800,000円/)
    await expectNoAxeViolations(page)
    await page.context().close()
  })
})
