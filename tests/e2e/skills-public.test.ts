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

describe('スキル標準 (public, browser)', () => {
  it('an anonymous visitor opens /skills, searches 「ガバクラ」, opens the skill page; every page passes axe', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' })
    const page = await context.newPage()
    await page.goto(`${baseUrl}/`)
    const menu = page.getByRole('navigation', { name: 'メインメニュー' })
    await menu.getByText('さがす', { exact: true }).click()
    await menu.getByRole('link', { name: 'スキル標準', exact: true }).click()
    await page.waitForURL(/\/skills$/)
    await expect.poll(() => page.title()).toContain('スキル標準')
    await expect.poll(() => page.getByRole('heading', { name: 'レベルの見方' }).count()).toBe(1)
    await expect.poll(() => page.locator('.skills-levels').textContent()).toContain('レベルを定めていない')
    await expect.poll(() => page.getByRole('link', { name: 'プロジェクトマネージャー' }).count()).toBeGreaterThan(0)
    await expect.poll(() => page.getByText('内部人材', { exact: true }).count()).toBeGreaterThan(0)
    await page.screenshot({ path: path.join(screenshots, 'skills-catalogue.png'), fullPage: true })
    await expectNoAxeViolations(page)

    await page.waitForLoadState('networkidle')
    await page.getByRole('searchbox', { name: 'スキル・人材像・資格を検索' }).fill('ガバクラ')
    await page.getByRole('button', { name: '検索する' }).click()
    await page.waitForURL(/q=/)
    const results = page.locator('.skills-results__list li')
    await expect
      .poll(() => results.first().getByRole('link').textContent())
      .toBe('標準化・共通化（20業務）とガバメントクラウド')
    await expect.poll(() => page.getByRole('status').filter({ hasText: '件見つかりました' }).count()).toBe(1)
    await expectNoAxeViolations(page)

    await results.first().getByRole('link').click()
    await page.waitForURL(/\/skills\/government-cloud$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('ガバメントクラウド')
    const levels = page.locator('.skills-level-table tbody tr')
    await expect.poll(() => levels.count()).toBe(4)
    await expect.poll(() => page.locator('dl').first().textContent()).toContain('ガバクラ')
    await page.screenshot({ path: path.join(screenshots, 'skills-skill.png'), fullPage: true })
    await expectNoAxeViolations(page)

    await page.getByRole('link', { name: 'エンジニア' }).first().click()
    await page.waitForURL(/\/skills\/roles\/engineer$/)
    await expect.poll(() => page.locator('.skills-requirements tbody tr').count()).toBeGreaterThan(3)
    await expectNoAxeViolations(page)

    for (const url of ['/skills/qualifications', '/skills/versions']) {
      await page.goto(`${baseUrl}${url}`)
      await expectNoAxeViolations(page)
    }
    await context.close()
  })

  it('shows a Japanese 404 for an unknown skill', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' })
    const page = await context.newPage()
    const response = await page.goto(`${baseUrl}/skills/no-such-skill`)
    expect(response?.status()).toBe(404)
    await expect.poll(() => page.locator('main').textContent()).toContain('スキル「no-such-skill」は見つかりません')
    await context.close()
  })
})
