// The accounts journey in Debian's Chromium against the real server: a ministry admin invites
// a prefecture admin, who accepts the mailed link, logs in and invites a municipal user.
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectNoAxeViolations, launchBrowser } from './browser'
import { logIn } from './session'

let browser: Browser
const baseUrl = inject('baseUrl')
const screenshots = path.resolve('.test-results/screenshots')

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** The link in the newest mail to `to`, read from the 送信メール page as a developer would. */
async function invitationLinkFromMailPage(page: Page, to: string): Promise<string> {
  await page.goto(`${baseUrl}/admin/mail`)
  const row = page.locator('tr', { hasText: to }).first()
  await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1)
  const link = page.locator(`a[href*="/invitations/accept?token="]`).first()
  const href = await link.getAttribute('href')
  if (!href) throw new Error('no invitation link on the mail page')
  return href
}

describe('accounts journey (browser)', () => {
  it('invites a prefecture admin → accept → log in → invite a municipal user', async () => {
    const prefAdminEmail = `pref-admin-${Date.now()}@pref.hiroshima.example.jp`
    const ministry = await browser.newContext({ locale: 'ja-JP' })
    const page = await ministry.newPage()
    await logIn(page, 'ministry-admin@demo.dx500.example.jp')

    await page.goto(`${baseUrl}/admin/users/invite`)
    await page.waitForLoadState('networkidle')
    await expectNoAxeViolations(page)
    await page.locator('input[name=email]').fill(prefAdminEmail)
    await page.locator('select[name=role]').selectOption('prefecture_admin')
    await page.locator('select[name=prefectureCode]').selectOption('34')
    await page.getByRole('button', { name: '招待メールを送る' }).click()
    await page.waitForURL(/\/admin\/users$/)
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('招待メールを送信しました')
    await expect.poll(() => page.locator('table', { hasText: prefAdminEmail }).count()).toBe(1)

    const link = await invitationLinkFromMailPage(page, prefAdminEmail)
    await ministry.close()

    // The invited person opens the link in their own browser.
    const invitee = await browser.newContext({ locale: 'ja-JP' })
    const own = await invitee.newPage()
    await own.goto(link)
    await expect.poll(() => own.locator('dl').textContent()).toContain('広島県')
    await expectNoAxeViolations(own)
    const password = 'hiroshima admin long password'
    await own.locator('input[name=displayName]').fill('広島 花子')
    await own.locator('input[name=password]').fill(password)
    await own.locator('input[name=confirmPassword]').fill(password)
    await own.getByRole('button', { name: 'アカウントを作成する' }).click()
    await own.waitForURL(/\/login\?email=/)
    expect(await own.locator('input[name=email]').inputValue()).toBe(prefAdminEmail)
    await own.locator('input[name=password]').fill(password)
    await own.getByRole('button', { name: 'ログイン' }).click()
    // A login lands on the role's home page; the password is changed on the account page.
    await own.waitForURL(new RegExp(`^${baseUrl}/$`))
    await expect.poll(() => own.getByRole('heading', { level: 1 }).textContent()).toBe('広島 花子 さんのホーム')
    await own.goto(`${baseUrl}/account`)
    await expect.poll(() => own.locator('header').textContent()).toContain('広島 花子')

    // Changing the password from the account page (a form that also carries a hidden intent).
    const newPassword = 'hiroshima admin renewed password'
    await own.locator('input[name=currentPassword]').first().fill(password)
    await own.locator('#change-password input[name=password]').fill(newPassword)
    await own.locator('#change-password input[name=confirmPassword]').fill(newPassword)
    await own.getByRole('button', { name: 'パスワードを変更する' }).click()
    await expect.poll(() => own.getByRole('status').first().textContent()).toContain('パスワードを変更しました')

    // The new prefecture admin invites staff of one of their municipalities, picked by reading.
    await own.goto(`${baseUrl}/admin/users/invite`)
    await own.waitForLoadState('networkidle')
    const townEmail = `staff-${Date.now()}@town.akiota.example.jp`
    await own.locator('input[name=email]').fill(townEmail)
    await own.locator('select[name=role]').selectOption('municipal_staff')
    const picker = own.getByRole('combobox', { name: /市区町村/ })
    await picker.pressSequentially('あきおおた', { delay: 30 })
    await own.getByRole('option', { name: /安芸太田町/ }).click()
    expect(await own.locator('input[name=municipalityCode]').inputValue()).toBe('343684')
    await own.screenshot({ path: path.join(screenshots, 'invite-municipal-user.png'), fullPage: true })
    await own.getByRole('button', { name: '招待メールを送る' }).click()
    await own.waitForURL(/\/admin\/users$/)
    await expect.poll(() => own.locator('table', { hasText: townEmail }).count()).toBe(1)
    await expectNoAxeViolations(own)
    await invitee.close()
  })

  it('refuses a state-changing request from another origin (CSRF)', async () => {
    const response = await fetch(`${baseUrl}/login`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40example.jp&password=x',
      redirect: 'manual',
    })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('CSRF')
  })
})
