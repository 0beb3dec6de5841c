import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectNoAxeViolations, launchBrowser } from './browser'

let browser: Browser
const baseUrl = inject('baseUrl')
const screenshots = path.resolve('.test-results/screenshots')

beforeAll(async () => {
  browser = await launchBrowser()
  await mkdir(screenshots, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
})

describe('自治体をさがす (browser)', () => {
  it('searches さっぽろ, opens 札幌市, and both pages pass axe', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' })
    const page = await context.newPage()
    await page.goto(`${baseUrl}/local-governments`)
    await expect.poll(() => page.title()).toContain('自治体をさがす')
    await expectNoAxeViolations(page)

    await page.getByRole('combobox', { name: '名前・読み' }).fill('さっぽろ')
    await page.getByRole('button', { name: '検索する' }).click()
    await page.waitForURL(/q=%E3%81%95%E3%81%A3%E3%81%BD%E3%82%8D/)
    const firstResult = page.locator('table.data-table tbody tr').first()
    await expect.poll(() => firstResult.locator('a').textContent()).toBe('札幌市')
    // After hydration the summary must still be computed correctly in the browser (no server-only values).
    await page.waitForLoadState('networkidle')
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '件中' }).textContent())
      .toMatch(/^\d+ 件中 1〜\d+ 件を表示$/)
    await page.screenshot({ path: path.join(screenshots, 'local-government-search.png'), fullPage: true })
    await expectNoAxeViolations(page)

    await firstResult.getByRole('link', { name: '札幌市' }).click()
    await page.waitForURL(/\/local-governments\/011002$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('札幌市')
    await expect.poll(() => page.locator('dl').textContent()).toContain('さっぽろし')
    await expectNoAxeViolations(page)
    await context.close()
  })

  it('picks a body from the combobox with the keyboard (the picker reused by later forms)', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' })
    const page = await context.newPage()
    await page.goto(`${baseUrl}/local-governments`)
    await page.waitForLoadState('networkidle')
    const combobox = page.getByRole('combobox', { name: '名前・読み' })
    await combobox.pressSequentially('ヨコハ', { delay: 30 })
    const options = page.getByRole('option')
    await expect
      .poll(() => options.allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('横浜市'), expect.stringContaining('横浜町')]))
    expect(await combobox.getAttribute('aria-expanded')).toBe('true')
    await expectNoAxeViolations(page)
    await page.screenshot({ path: path.join(screenshots, 'local-government-picker.png') })
    await combobox.press('ArrowDown')
    expect(await combobox.getAttribute('aria-activedescendant')).toBeTruthy()
    await combobox.press('Enter')
    await page.waitForURL(/\/local-governments\/141003$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('横浜市')
    await context.close()
  })

  it('shows a Japanese message for a malformed code instead of an error page', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' })
    const page = await context.newPage()
    const response = await page.goto(`${baseUrl}/local-governments/12345`)
    expect(response?.status()).toBe(400)
    await expect.poll(() => page.locator('main').textContent()).toContain('団体コードは6桁の数字で指定してください')
    await context.close()
  })
})
