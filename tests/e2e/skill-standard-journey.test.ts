// The skill standard in Debian's Chromium: ministry staff edit a draft and publish it; a public visitor
// (no login) sees the new version.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectNoAxeViolations, launchBrowser } from './browser'
import { logIn } from './session'

let browser: Browser
const baseUrl = inject('baseUrl')

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('skill standard journey (browser)', () => {
  it('ministry staff edit a draft and publish it; a public visitor sees the new version', async () => {
    const staff = await browser.newContext({ locale: 'ja-JP' })
    const page = await staff.newPage()
    await logIn(page, 'ministry@demo.dx500.example.jp', { redirectTo: '/admin/skill-standard' })
    await page.waitForURL(/\/admin\/skill-standard$/)

    await page.getByRole('button', { name: '下書きを作成する' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 2, name: /第2版（下書き）/ }).count()).toBe(1)
    await expectNoAxeViolations(page)

    await page.getByRole('link', { name: 'BPR（業務改革）' }).click()
    await page.waitForURL(/\/admin\/skill-standard\/skills\/bpr$/)
    await page.waitForLoadState('networkidle')
    await expectNoAxeViolations(page)
    const synonyms = page.locator('textarea[name=synonyms]')
    await synonyms.fill(`${await synonyms.inputValue()}\nビジネスプロセス再設計`)
    await page.getByRole('button', { name: '保存する' }).click()
    await page.waitForURL(/\/admin\/skill-standard$/)
    await expect
      .poll(() => page.locator('table', { hasText: 'BPR（業務改革）' }).textContent())
      .toContain('ビジネスプロセス再設計')

    await page.locator('textarea[name=changeNote]').fill('BPR の検索語に「ビジネスプロセス再設計」を追加しました。')
    await page.getByRole('button', { name: '第2版を公開する' }).click()
    await page.waitForURL(/\/skills$/)
    await staff.close()

    // A visitor without an account sees version 2 and the new search term.
    const visitor = await browser.newContext({ locale: 'ja-JP' })
    const pub = await visitor.newPage()
    await pub.goto(`${baseUrl}/skills`)
    await expect.poll(() => pub.locator('main').textContent()).toContain('第2版')
    await pub.goto(`${baseUrl}/skills/bpr`)
    await expect.poll(() => pub.locator('main').textContent()).toContain('ビジネスプロセス再設計')
    await expectNoAxeViolations(pub)
    await pub.goto(`${baseUrl}/skills/versions`)
    await expect
      .poll(() => pub.locator('main').textContent())
      .toContain('BPR の検索語に「ビジネスプロセス再設計」を追加しました。')
    await visitor.close()
  })
})
