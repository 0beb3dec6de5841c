// Appointing an accelerator in Debian's Chromium: 広島県's staff add a person to their pool, take them through
// screening to 登録 and nominate them; the ministry reviews the evidence, ticks the checklist and appoints; the
// count of accelerators moves by one (the list's and the 500 dashboard's), the case carries its number and the notice prints.
import type { Browser, Page } from 'playwright-core'
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

/** The big number on the 500 dashboard (「201名」). */
async function dashboardCount(page: Page): Promise<number> {
  await page.goto(`${baseUrl}/dashboard`)
  return Number(((await page.locator('.dashboard-big__number').textContent()) ?? '').replace(/\D/g, ''))
}

/** 「任命中はN名です」 on the list of cases. */
async function appointedNow(page: Page): Promise<number> {
  await page.goto(`${baseUrl}/appointments`)
  const text = (await page.locator('main').textContent()) ?? ''
  const match = /任命中は(\d+)名/.exec(text)
  if (!match) throw new Error(`no count on the appointments page: ${text.slice(0, 200)}`)
  return Number(match[1])
}

describe('appointment journey (browser)', () => {
  it('a prefecture nominates a registered member; the ministry appoints; the count moves', async () => {
    const name = `任命 試験${Date.now() % 100000}`
    const staff = await (await browser.newContext({ locale: 'ja-JP' })).newPage()
    await logIn(staff, 'hiroshima@demo.dx500.example.jp', { redirectTo: '/pools/new' })
    await staff.getByLabel('氏名').fill(name)
    await staff.getByLabel('経路').selectOption({ label: '紹介' })
    await staff.getByRole('button', { name: /登録する|追加する/ }).click()
    await staff.waitForURL(/\/pools\/[0-9a-f-]{36}$/)
    for (const status of ['書類確認', '面接', '研修', '登録']) {
      await staff.getByLabel('変更後の状態').selectOption({ label: status })
      await staff.getByRole('button', { name: '状態を変更する' }).click()
      await expect.poll(() => staff.locator('h1').textContent()).toContain(status)
    }

    await staff.getByRole('link', { name: 'アクセラレータに推薦する' }).click()
    await staff.waitForURL(/\/appointments\/new\?member=/)
    await expectNoAxeViolations(staff)
    // Submitting the empty form answers at the fields, in Japanese.
    await staff.getByRole('button', { name: '推薦する' }).click()
    await expect.poll(() => staff.locator('main').textContent()).toContain('推薦の理由を入力してください')
    await staff.getByLabel('推薦する人材像').selectOption({ index: 1 })
    await staff.getByLabel('推薦の理由').fill('県内町村の基幹業務システム標準化を支援できる実務経験がある')
    await staff.getByLabel(/予定する任用・契約の形態/).selectOption({ label: '常勤' })
    await staff.getByLabel(/はい（管内の市町村を支援する）/).check()
    await staff.getByLabel(/本人から、アクセラレータへの推薦/).check()
    await staff.getByRole('button', { name: '推薦する' }).click()
    await staff.waitForURL(/\/appointments\/[0-9a-f-]{36}$/)
    const caseUrl = staff.url()
    await expect.poll(() => staff.locator('main').textContent()).toContain('審査中')
    await staff.context().close()

    const ministry = await (await browser.newContext({ locale: 'ja-JP' })).newPage()
    await logIn(ministry, 'ministry@demo.dx500.example.jp', { redirectTo: '/appointments' })
    const onDashboard = await dashboardCount(ministry)
    const before = await appointedNow(ministry)
    await ministry.getByRole('link', { name }).click()
    await ministry.waitForURL(caseUrl)
    await expect.poll(() => ministry.locator('main').textContent()).toContain('県内町村の基幹業務システム標準化')
    await expectNoAxeViolations(ministry)
    // Appointing without the checklist is refused at each item.
    await ministry.getByRole('button', { name: '任命する' }).click()
    await expect.poll(() => ministry.locator('main').textContent()).toContain('任命するには')
    for (const box of await ministry.locator('fieldset input[type=checkbox]').all()) await box.check()
    await ministry.getByRole('button', { name: '任命する' }).click()
    // The number, not the word 任命中: the button reads 「任命中…」 while the form is sent.
    await expect.poll(() => ministry.locator('main').textContent()).toMatch(/令和\d+年度 第\d+号/)
    const number = /令和\d+年度 第\d+号/.exec((await ministry.locator('main').textContent()) ?? '')?.[0]
    expect(number).toBeTruthy()

    expect(await appointedNow(ministry)).toBe(before + 1)
    expect(await dashboardCount(ministry)).toBe(onDashboard + 1)
    await expectNoAxeViolations(ministry)

    // The notice prints with the number; phones do not scroll sideways.
    await ministry.goto(`${caseUrl}/notice`)
    await expect.poll(() => ministry.locator('main').textContent()).toContain(number!)
    await expect.poll(() => ministry.locator('main').textContent()).toContain(`${name} 様`)
    await ministry.setViewportSize({ width: 390, height: 844 })
    for (const url of [caseUrl, `${baseUrl}/appointments`]) {
      await ministry.goto(url)
      expect(await ministry.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    }
    await ministry.context().close()
  })
})
