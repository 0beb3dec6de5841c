// A talent pool in Debian's Chromium: a professional signs up (verifying the mailed link), saves a
// profile, applies to 広島県's pool; 広島県's staff move them through screening to 登録.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectNoAxeViolations, launchBrowser } from './browser'
import { logIn, signUpProfessional } from './session'

let browser: Browser
const baseUrl = inject('baseUrl')

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('talent pool journey (browser)', () => {
  it('a professional registers and applies; the prefecture moves them through to 登録', async () => {
    const email = `pro-${Date.now()}@example.jp`
    const password = 'professional long password'
    const pro = await signUpProfessional(browser, {
      displayName: '山田 一郎',
      email,
      password,
      redirectTo: '/profile/basics',
    })

    // Profile basics, then apply to 広島県.
    await pro.waitForLoadState('networkidle')
    await pro.locator('input[name=familyName]').fill('山田')
    await pro.locator('input[name=givenName]').fill('一郎')
    await pro.locator('input[name=familyNameKana]').fill('やまだ')
    await pro.locator('input[name=givenNameKana]').fill('いちろう')
    await pro.locator('input[name=contactEmail]').fill(email)
    await pro.locator('select[name=residencePrefectureCode]').selectOption('34')
    await pro.locator('input[name=yearsPrivateIt]').fill('12')
    await pro.locator('input[name=yearsPublicSector]').fill('0')
    await pro.getByRole('button', { name: '保存する' }).click()
    await pro.waitForURL((url) => url.pathname !== '/profile/basics')
    await expectNoAxeViolations(pro)

    await pro.goto(`${baseUrl}/applications`)
    await pro.waitForLoadState('networkidle')
    await pro.locator('select[name=prefectureCode]').selectOption('34')
    await pro.locator('textarea[name=message]').fill('標準化・クラウド化の経験があります。週2日で支援できます。')
    await pro.getByRole('button', { name: '応募する' }).click()
    await expect.poll(() => pro.locator('table').textContent()).toContain('広島県')
    await expectNoAxeViolations(pro)

    // 広島県's staff screen the applicant to 登録.
    const staff = await (await browser.newContext({ locale: 'ja-JP' })).newPage()
    await logIn(staff, 'hiroshima@demo.dx500.example.jp', { redirectTo: '/pools' })
    await staff.getByRole('link', { name: '山田 一郎' }).click()
    await staff.waitForURL(/\/pools\/[0-9a-f-]{36}$/)
    await staff.waitForLoadState('networkidle')
    await expectNoAxeViolations(staff)
    for (const next of ['書類確認', '面接', '研修', '登録']) {
      // Each change starts from a fresh form: the first next status offered, and no note left from before.
      await expect
        .poll(() => staff.locator('select[name=to]').inputValue())
        .toBe(await staff.locator('select[name=to] option').first().getAttribute('value'))
      await expect.poll(() => staff.locator('textarea[name=note]').inputValue()).toBe('')
      await staff.locator('select[name=to]').selectOption({ label: next })
      await staff.locator('textarea[name=note]').fill(`${next}へ進めます`)
      await staff.getByRole('button', { name: '状態を変更する' }).click()
      await expect.poll(() => staff.getByRole('heading', { level: 1 }).textContent()).toContain(next)
    }
    await expect
      .poll(() => staff.locator('table', { hasText: '経過' }).or(staff.locator('table').last()).textContent())
      .toContain('研修 → 登録')

    // The professional sees the outcome.
    await pro.goto(`${baseUrl}/applications`)
    await expect.poll(() => pro.locator('table').textContent()).toContain('登録')
    await pro.context().close()
    await staff.context().close()
  })
})
