// Signing in as a demo account in the browser (the embedded server prints and stores their passwords).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { inject } from 'vitest'

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
