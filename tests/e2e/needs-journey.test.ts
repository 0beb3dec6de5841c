// Needs in Debian's Chromium: 安芸太田町's staff post a 課題; 広島県's staff turn it into a need from
// a template, write the job description (with the >5 days warning), publish it; it appears in the public open
// calls; the printable A4 job description renders without the site chrome (screenshot and PDF kept).
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectNoAxeViolations, launchBrowser } from './browser'
import { logIn } from './session'

let browser: Browser
const baseUrl = inject('baseUrl')
const artifacts = path.resolve(import.meta.dirname, '../../.test-results')

beforeAll(async () => {
  browser = await launchBrowser()
  await mkdir(artifacts, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
})

describe('needs journey (browser)', () => {
  it('a municipal 課題 becomes a published, printable need that appears in the open calls', async () => {
    const title = `庁内ネットワーク更改の相談 ${Date.now()}`

    // ① 安芸太田町 posts a 課題.
    const town = await (await browser.newContext({ locale: 'ja-JP' })).newPage()
    await logIn(town, 'akiota@demo.dx500.example.jp', { redirectTo: '/issues/new' })
    await town.waitForLoadState('networkidle')
    await town.getByLabel('課題の件名').fill(title)
    await town
      .getByLabel('現状（困っていること）')
      .fill('標準化の移行とネットワーク更改が重なり、一人情シスでは仕様調整が追いつかない。')
    await town.getByLabel('実現したいこと').fill('ベンダーとの仕様調整を助けてほしい。')
    await town.getByLabel('緊急度').selectOption('high')
    await town.getByLabel('標準化・共通化（20業務）とガバメントクラウド').check()
    await town.getByLabel('情報担当の体制').selectOption('one')
    await town.getByRole('button', { name: '登録する' }).click()
    await town.waitForURL(/\/issues\/[0-9a-f-]{36}$/)
    await expect.poll(() => town.locator('main').textContent()).toContain('提出済み')
    await expectNoAxeViolations(town)
    await town.context().close()

    // ② 広島県 groups it into a need from a template and writes the job description.
    const pref = await (await browser.newContext({ locale: 'ja-JP' })).newPage()
    await logIn(pref, 'hiroshima@demo.dx500.example.jp', { redirectTo: '/issues' })
    await pref.waitForLoadState('networkidle')
    await pref.getByLabel(`「${title}」を選ぶ`).check()
    await pref.getByRole('button', { name: '選んだ課題からニーズを作る' }).click()
    await pref.waitForURL(/\/needs\/new\?/)
    await pref.getByLabel(/標準化・クラウド化に向けた助言・仕様調整/).check()
    await pref.getByRole('button', { name: '下書きを作成する' }).click()
    await pref.waitForURL(/\/needs\/[0-9a-f-]{36}\/edit$/)
    await pref.waitForLoadState('networkidle')
    await pref.getByRole('heading', { name: 'ジョブディスクリプションを編集する' }).waitFor()
    const needUrl = pref.url().replace(/\/edit$/, '')

    await pref.getByLabel('件名（募集する業務）').fill(`${title}への支援`)
    await pref.getByRole('button', { name: '市区町村を追加' }).click()
    await pref.getByLabel('市区町村 2').selectOption({ label: '北広島町' })
    const days = pref.getByLabel(/^週の日数/).nth(1)
    await days.fill('5')
    await expect.poll(() => pref.locator('#days-warning').textContent()).toContain('週5日を超えています')
    await days.fill('1')
    await expect.poll(() => pref.locator('#days-warning').count()).toBe(0)
    await pref.getByLabel('開始日').fill('2027-04-01')
    await pref.getByLabel('終了日（任意）').fill('2028-03-31')
    await pref.getByLabel('リモート勤務（週の日数・任意）').fill('1')
    await pref.getByLabel('県の管理体制（担当課・監督者）').fill('広島県 デジタル推進課長が監督')
    await expectNoAxeViolations(pref)
    await pref.getByRole('button', { name: '保存する' }).click()
    await pref.waitForURL(needUrl)
    await expect.poll(() => pref.locator('main').textContent()).toContain('北広島町 週1日')

    // ③ Publish.
    await pref.getByRole('button', { name: '公開する' }).click()
    await expect.poll(() => pref.locator('body').textContent()).toContain('ニーズを「公開」にしました')
    await expectNoAxeViolations(pref)

    // The printable job description: A4, the prefecture's name, no site chrome.
    await pref.goto(`${needUrl}/print`)
    await pref.waitForLoadState('networkidle')
    expect(await pref.locator('.site-header').count()).toBe(0)
    expect(await pref.locator('.print-sheet__header').textContent()).toContain('広島県')
    await pref.emulateMedia({ media: 'print' })
    expect(await pref.getByRole('button', { name: '印刷する' }).isVisible()).toBe(false)
    await pref.setViewportSize({ width: 794, height: 1123 }) // A4 at 96 dpi
    await pref.screenshot({ path: path.join(artifacts, 'need-print.png'), fullPage: true })
    const pdf = await pref.pdf({ format: 'A4', printBackground: true })
    await writeFile(path.join(artifacts, 'need-print.pdf'), pdf)
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
    await pref.emulateMedia({ media: 'screen' })
    await expectNoAxeViolations(pref)
    await pref.context().close()

    // ④ Anyone finds it in the open calls (Meilisearch catches up through the outbox).
    const visitor = await (await browser.newContext({ locale: 'ja-JP' })).newPage()
    await expect
      .poll(
        async () => {
          await visitor.goto(`${baseUrl}/open-calls?pref=34&q=${encodeURIComponent('ネットワーク更改')}`)
          return visitor
            .locator('.open-call-list')
            .textContent()
            .catch(() => '')
        },
        { timeout: 15_000 },
      )
      .toContain(`${title}への支援`)
    await expectNoAxeViolations(visitor)
    await visitor.getByRole('link', { name: `${title}への支援` }).click()
    await expect.poll(() => visitor.locator('main').textContent()).toContain('関心を表明するには')
    await visitor.context().close()
  }, 180_000)
})
