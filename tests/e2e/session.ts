// Signing in as a demo account in the browser (the embedded server prints and stores their passwords).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { expect, inject } from 'vitest'

export interface DemoLogin {
  email: string
  password: string
  label: string
}

export async function demoLogins(): Promise<DemoLogin[]> {
  return JSON.parse(await readFile(path.join(inject('e2eDataDir'), 'demo-logins.json'), 'utf8')) as DemoLogin[]
}

export async function demoPassword(email: string): Promise<string> {
  const login = (await demoLogins()).find((l) => l.email === email)
  if (!login) throw new Error(`no demo login for ${email}`)
  return login.password
}

/**
 * Signs in through the login form and waits until the app has left /login. The password is the demo
 * account's unless given (for an account the test created).
 */
export async function logIn(
  page: Page,
  email: string,
  { redirectTo = '/', password }: { redirectTo?: string; password?: string } = {},
) {
  await page.goto(`${inject('baseUrl')}/login?redirectTo=${encodeURIComponent(redirectTo)}`)
  await page.waitForLoadState('networkidle')
  await page.locator('input[name=email]').fill(email)
  await page.locator('input[name=password]').fill(password ?? (await demoPassword(email)))
  await page.getByRole('button', { name: 'ログイン' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

/**
 * Signs a new professional up through the signup form, follows the verification link (read off the
 * development mail page by the demo ministry admin), and signs them in; returns their page, at `redirectTo`.
 */
export async function signUpProfessional(
  browser: Browser,
  {
    displayName,
    email,
    password,
    redirectTo,
  }: { displayName: string; email: string; password: string; redirectTo: string },
): Promise<Page> {
  const baseUrl = inject('baseUrl')
  const pro = await (await browser.newContext({ locale: 'ja-JP' })).newPage()
  await pro.goto(`${baseUrl}/signup`)
  await pro.waitForLoadState('networkidle')
  await pro.locator('input[name=displayName]').fill(displayName)
  await pro.locator('input[name=email]').fill(email)
  await pro.locator('input[name=password]').fill(password)
  await pro.locator('input[name=confirmPassword]').fill(password)
  await pro.locator('input[name=agree]').check()
  await pro.getByRole('button', { name: '登録する' }).click()
  await expect.poll(() => pro.locator('main').textContent()).toContain('確認メールを送信しました')

  const admin = await (await browser.newContext({ locale: 'ja-JP' })).newPage()
  await logIn(admin, 'ministry-admin@demo.dx500.example.jp', { redirectTo: '/admin/mail' })
  await expect.poll(() => admin.locator('tr', { hasText: email }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
  const verifyLink = await admin
    .locator('tr', { hasText: email })
    .locator('a[href*="/verify-email?token="]')
    .first()
    .getAttribute('href')
  await admin.context().close()

  await pro.goto(verifyLink!)
  await pro.getByRole('button', { name: 'メールアドレスを確認する' }).click()
  await pro.waitForURL(/\/login/)
  await logIn(pro, email, { password, redirectTo })
  return pro
}
