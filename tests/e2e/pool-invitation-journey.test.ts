// 「メールで登録を依頼」 in Debian's Chromium: 広島県's staff add a person and send the invitation; the person
// signs up from the link, verifies, logs in, writes the profile basics, comes back and accepts; the staff see
// 承諾済み and the linked profile.
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

/** The newest link of this kind mailed to the address, as the development mail page shows it to an admin. */
async function mailedLink(to: string, kind: string): Promise<string> {
  const admin = await (await browser.newContext({ locale: 'ja-JP' })).newPage()
  await logIn(admin, 'ministry-admin@demo.dx500.example.jp', { redirectTo: '/admin/mail' })
  await expect
    .poll(
      async () => {
        await admin.reload()
        return admin.locator('tr', { hasText: to }).locator(`a[href*="${kind}"]`).count()
      },
      { timeout: 10_000 },
    )
    .toBeGreaterThan(0)
  const href = await admin.locator('tr', { hasText: to }).locator(`a[href*="${kind}"]`).first().getAttribute('href')
  await admin.context().close()
  return href!
}

describe('pool invitation journey (browser)', () => {
  it('staff invite a person by e-mail; the person signs up, writes a profile and accepts', async () => {
    const email = `invited-${Date.now()}@example.jp`
    const password = 'invited person long password'
    const staff = await (await browser.newContext({ locale: 'ja-JP' })).newPage()
    await logIn(staff, 'hiroshima@demo.dx500.example.jp', { redirectTo: '/pools/new' })
    await staff.waitForLoadState('networkidle')
    await staff.locator('input[name=name]').fill('招待 花子')
    await staff.locator('input[name=email]').fill(email)
    await staff.locator('select[name=source]').selectOption('referral')
    await staff.locator('input[name=sendInvitation]').check()
    await staff.getByRole('button', { name: '登録する' }).click()
    await staff.waitForURL(/\/pools\/[0-9a-f-]{36}$/)
    await expect.poll(() => staff.locator('main').textContent()).toContain('送信済み（回答待ち）')
    await expectNoAxeViolations(staff)
    const memberUrl = staff.url()

    // The person opens the link, not logged in, and signs up from it.
    const pro = await (await browser.newContext({ locale: 'ja-JP' })).newPage()
    await pro.goto(await mailedLink(email, '/pool-invitations/accept'))
    await pro.waitForLoadState('networkidle')
    await expect.poll(() => pro.locator('main').textContent()).toContain('広島県の人材プール')
    await expectNoAxeViolations(pro)
    await pro.getByRole('link', { name: '新規登録する' }).click()
    await pro.waitForURL(/\/signup/)
    await pro.waitForLoadState('networkidle')
    await pro.locator('input[name=displayName]').fill('招待 花子')
    await pro.locator('input[name=email]').fill(email)
    await pro.locator('input[name=password]').fill(password)
    await pro.locator('input[name=confirmPassword]').fill(password)
    await pro.locator('input[name=agree]').check()
    await pro.getByRole('button', { name: '登録する' }).click()
    await expect.poll(() => pro.locator('main').textContent()).toContain('確認メールを送信しました')

    await pro.goto(await mailedLink(email, '/verify-email?token='))
    await pro.getByRole('button', { name: 'メールアドレスを確認する' }).click()
    await pro.waitForURL(/\/login\?redirectTo=/)
    await pro.waitForLoadState('networkidle')
    await pro.locator('input[name=email]').fill(email)
    await pro.locator('input[name=password]').fill(password)
    await pro.getByRole('button', { name: 'ログイン' }).click()
    await pro.waitForURL(/\/pool-invitations\/accept/)

    // No profile yet: the basics first, then back to the invitation.
    await pro.getByRole('link', { name: 'プロフィールの基本情報を登録する' }).click()
    await pro.waitForURL(/\/profile\/basics/)
    await pro.waitForLoadState('networkidle')
    await pro.locator('input[name=familyName]').fill('招待')
    await pro.locator('input[name=givenName]').fill('花子')
    await pro.locator('input[name=familyNameKana]').fill('しょうたい')
    await pro.locator('input[name=givenNameKana]').fill('はなこ')
    await pro.locator('select[name=residencePrefectureCode]').selectOption('34')
    await pro.locator('input[name=yearsPrivateIt]').fill('10')
    await pro.locator('input[name=yearsPublicSector]').fill('1')
    await pro.getByRole('button', { name: '保存する' }).click()
    await pro.waitForURL(/\/pool-invitations\/accept/)
    await pro.waitForLoadState('networkidle')
    await pro.getByRole('button', { name: '承諾して登録する' }).click()
    await pro.waitForURL(/\/applications/)
    await expect.poll(() => pro.locator('table').textContent()).toContain('広島県')

    // The staff see the answer and the linked profile.
    await staff.goto(memberUrl)
    await expect.poll(() => staff.locator('main').textContent()).toContain('承諾済み')
    await expect.poll(() => staff.locator('main').textContent()).toContain('あり（本人が登録・公開に同意）')
    await pro.context().close()
    await staff.context().close()
  })
})
