// The programme page and the ministry's notices in Debian's Chromium against the real server: the public page
// passes axe and fits 1280 px and a 390 px phone; the ministry's notice form answers a bad title at the field,
// publishes a good notice (listed, with the toast) and passes axe; the accelerator's page tells a professional
// who is not appointed, politely, that it is for accelerators.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectNoAxeViolations, launchBrowser } from './browser'
import { logIn } from './session'

const baseUrl = inject('baseUrl')

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

describe('accelerator pages (browser)', () => {
  it('shows the programme to anyone: the sources, the count toward 500, open calls; axe-clean at 1280 and 390 px', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${baseUrl}/programme`, { waitUntil: 'networkidle' })
    await expect.poll(() => page.locator('h1').textContent()).toBe('自治体DXアクセラレータ500')
    const main = (await page.locator('main').textContent()) ?? ''
    expect(main).toContain('全国で500名の任命を目指す')
    expect(main).toContain('（002:382）')
    expect(await page.getByRole('progressbar', { name: '目標500名に対する任命数' }).getAttribute('aria-valuemax')).toBe(
      '500',
    )
    await expectNoAxeViolations(page)
    expect(await sidewaysOverflow(page)).toBe(0)
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${baseUrl}/programme`, { waitUntil: 'networkidle' })
    expect(await sidewaysOverflow(page)).toBe(0)
    await context.close()
  })

  it('lets the ministry publish a notice: a bad title is answered at the field, a good one is listed', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await logIn(page, 'ministry@demo.dx500.example.jp', { redirectTo: '/admin/accelerator-notices' })
    await page.waitForLoadState('networkidle')
    await expectNoAxeViolations(page)
    await page.getByLabel('本文').fill('第1回の連絡会を開きます。')
    await page.getByRole('button', { name: '掲載してメールを送る' }).click()
    await expect
      .poll(() => page.locator('#accelerator-notice-title-error, .field-error').first().textContent())
      .toBe('件名を入力してください')
    expect(await page.getByLabel('件名').getAttribute('aria-invalid')).toBe('true')
    await page.getByLabel('件名').fill('連絡会のご案内')
    // Leaving the field revalidates it and removes its message, which moves the button: leave it first.
    await page.getByLabel('件名').press('Tab')
    await expect.poll(() => page.locator('.field-error').count()).toBe(0)
    await page.getByRole('button', { name: '掲載してメールを送る' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'お知らせを掲載し' }).count()).toBeGreaterThan(0)
    await page.waitForLoadState('networkidle')
    expect(await page.locator('.notice-list h3').first().textContent()).toBe('連絡会のご案内')
    await expectNoAxeViolations(page)
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await sidewaysOverflow(page)).toBe(0)
    await context.close()
  })

  it('tells a professional who is not appointed that the accelerator page is for accelerators', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' })
    const page = await context.newPage()
    await logIn(page, 'professional@demo.dx500.example.jp', { redirectTo: '/accelerator' })
    await page.waitForLoadState('networkidle')
    // The address changes before the page has rendered the answer: wait for the words.
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('任命中の自治体DXアクセラレータの方のためのページです')
    await expectNoAxeViolations(page)
    await context.close()
  })
})
