// A professional in Debian's Chromium, from the candidate's side of matching: they sign up, say how they can
// work, find the demo open call among those that fit them on their home page, read why it fits, and express
// interest; the application reaches 広島県's pool.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectNoAxeViolations, launchBrowser } from './browser'
import { signUpProfessional } from './session'

let browser: Browser
const baseUrl = inject('baseUrl')

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('professional journey (browser)', () => {
  it('a professional sees an open call that fits them on their home page and applies', async () => {
    const email = `fit-${Date.now()}@example.jp`
    const pro = await signUpProfessional(browser, {
      displayName: '高橋 直子',
      email,
      password: 'professional long password',
      redirectTo: '/profile/basics',
    })

    await pro.waitForLoadState('networkidle')
    await pro.locator('input[name=familyName]').fill('高橋')
    await pro.locator('input[name=givenName]').fill('直子')
    await pro.locator('input[name=familyNameKana]').fill('たかはし')
    await pro.locator('input[name=givenNameKana]').fill('なおこ')
    await pro.locator('input[name=contactEmail]').fill(email)
    await pro.locator('select[name=residencePrefectureCode]').selectOption('34')
    await pro.locator('input[name=yearsPrivateIt]').fill('15')
    await pro.locator('input[name=yearsPublicSector]').fill('2')
    await pro.getByRole('button', { name: '保存する' }).click()
    await pro.waitForURL((url) => url.pathname !== '/profile/basics')

    // How they can work: 非常勤, three days a week, anywhere. Without it no open call can be said to fit.
    await pro.goto(`${baseUrl}/profile/availability`)
    await pro.waitForLoadState('networkidle')
    await pro.getByLabel('非常勤', { exact: true }).check()
    await pro.getByLabel('週の勤務可能日数').fill('3')
    await pro.locator('input[name=workArea][value=all]').check()
    await pro.getByRole('button', { name: '保存する' }).click()
    await pro.waitForURL((url) => url.pathname === '/profile')

    // Home: the demo open call (非常勤, two days a week in 広島県) is among those that fit.
    await pro.goto(`${baseUrl}/`)
    const fitting = pro.locator('section', { has: pro.getByRole('heading', { name: 'あなたに合う公募' }) })
    await fitting.waitFor()
    await expectNoAxeViolations(pro)
    await fitting.getByRole('link', { name: '合う公募をすべて見る' }).click()
    await pro.waitForURL(/\/open-calls\/for-me$/)
    const card = pro
      .locator('.match-card')
      .filter({ has: pro.getByRole('heading', { name: '標準化・クラウド化に向けた助言・仕様調整', exact: true }) })
    await card.waitFor()
    // Why it fits, from their side: the 必須 skills they do not have yet are named.
    await expect.poll(() => card.locator('.match-reasons').textContent()).toContain('必須：')
    await expect.poll(() => card.locator('.match-reasons').textContent()).toContain('プロフィールにありません')
    await expectNoAxeViolations(pro)

    await card.getByRole('link', { name: '標準化・クラウド化に向けた助言・仕様調整' }).click()
    await pro.waitForURL(/\/open-calls\/[0-9a-f-]{36}$/)
    await pro.getByLabel(/メッセージ/).fill('標準化の移行計画づくりを支援した経験があります。')
    const openCallUrl = pro.url()
    await pro.getByRole('button', { name: '関心を表明する' }).click()
    // The interest is an application to 広島県's pool, listed with the others.
    await pro.waitForURL(/\/applications$/)
    await expect.poll(() => pro.locator('table').textContent()).toContain('広島県')
    await pro.goto(openCallUrl)
    await expect.poll(() => pro.locator('main').textContent()).toContain('関心を表明済みです')
    await pro.context().close()
  })
})
