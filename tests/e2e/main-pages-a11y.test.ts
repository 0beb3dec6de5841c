// Every main page of every role, as its users first see it, in Debian's Chromium against the real server:
// axe finds no WCAG 2.2 A/AA violation, and neither a 1280 px screen nor a 390 px phone scrolls sideways.
// The 監査ログ is held to more: its table fits without scrolling inside itself either, after the professional
// has saved skills (entries with long change lists). Screenshots are kept in .test-results/screenshots.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectNoAxeViolations, launchBrowser } from './browser'
import { logIn } from './session'

const baseUrl = inject('baseUrl')
const screenshots = path.resolve(import.meta.dirname, '../../.test-results/screenshots')

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
  await mkdir(screenshots, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
})

/** A page to check: a path, or the first link on a list page that opens a detail page. */
type Target = string | { from: string; link: string }

const PROFESSIONAL = 'professional@demo.dx500.example.jp'
const ROLES: Array<{ email: string | null; label: string; pages: Target[] }> = [
  {
    email: null,
    label: '未ログイン',
    pages: [
      '/',
      '/open-calls',
      { from: '/open-calls', link: 'a[href^="/open-calls/"]' },
      '/skills',
      '/login',
      '/signup',
    ],
  },
  {
    email: PROFESSIONAL,
    label: 'デジタル人材',
    pages: [
      '/',
      '/profile',
      '/profile/basics',
      '/profile/skills',
      '/profile/qualifications',
      '/applications',
      '/open-calls',
      { from: '/open-calls', link: 'a[href^="/open-calls/"]' },
      '/account',
    ],
  },
  {
    email: 'akiota@demo.dx500.example.jp',
    label: '安芸太田町 職員',
    pages: [
      '/',
      '/issues',
      { from: '/issues', link: 'td a[href^="/issues/"]' },
      '/issues/new',
      '/placements',
      '/funding',
      '/account',
    ],
  },
  {
    email: 'hiroshima@demo.dx500.example.jp',
    label: '広島県 職員',
    pages: [
      '/',
      '/issues',
      { from: '/issues', link: 'td a[href^="/issues/"]' },
      '/needs',
      { from: '/needs', link: 'td a[href^="/needs/"]' },
      '/needs?status=closed',
      '/pools',
      '/national-list',
      '/partners',
      '/placements',
      '/placements/new',
      '/funding',
      '/funding/estimate',
    ],
  },
  {
    email: 'hiroshima-admin@demo.dx500.example.jp',
    label: '広島県 管理者',
    pages: ['/', '/admin/users', '/admin/audit', '/admin/mail', '/pools', '/needs'],
  },
  {
    email: 'ministry@demo.dx500.example.jp',
    label: '総務省 職員',
    pages: [
      '/',
      '/needs',
      '/issues',
      '/pools',
      '/admin/skill-standard',
      '/skills/versions',
      '/placements',
      '/funding/national',
      '/admin/funding-rules',
      '/admin/funding-rules/B1',
    ],
  },
  {
    email: 'ministry-admin@demo.dx500.example.jp',
    label: '総務省 管理者',
    pages: ['/', '/admin/users', '/admin/audit', '/admin/mail', '/partners', '/pools?pool=national'],
  },
]

async function open(page: Page, target: Target): Promise<string> {
  if (typeof target === 'string') {
    await page.goto(`${baseUrl}${target}`, { waitUntil: 'networkidle' })
    return target
  }
  await page.goto(`${baseUrl}${target.from}`, { waitUntil: 'networkidle' })
  const href = await page.locator(target.link).first().getAttribute('href')
  if (!href) throw new Error(`no link ${target.link} on ${target.from}`)
  await page.goto(`${baseUrl}${href}`, { waitUntil: 'networkidle' })
  return href
}

/** How far the page is wider than the window (0 = no sideways scrolling). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

/** The demo professional has a profile with a few skills, so the skills page and the audit log have content. */
async function professionalWithSkills(page: Page) {
  await logIn(page, PROFESSIONAL, { redirectTo: '/profile/skills' })
  await page.waitForLoadState('networkidle')
  if (new URL(page.url()).pathname === '/profile/basics') {
    await page.locator('input[name=familyName]').fill('山田')
    await page.locator('input[name=givenName]').fill('花子')
    await page.locator('input[name=familyNameKana]').fill('やまだ')
    await page.locator('input[name=givenNameKana]').fill('はなこ')
    await page.locator('select[name=residencePrefectureCode]').selectOption('34')
    await page.getByRole('button', { name: '保存する' }).click()
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('保存しました')
    await page.goto(`${baseUrl}/profile/skills`, { waitUntil: 'networkidle' })
  }
  // Levels are radio buttons in a row, found by the skill (group) and the level's name; keyboard works too.
  const first = page.getByRole('group', { name: 'DX・情報化計画の策定・見直し' })
  await first.getByRole('radio', { name: /レベル3/ }).check()
  const second = page.getByRole('group', { name: '標準化・クラウド化に向けた助言・仕様調整' })
  await second.getByRole('radio', { name: /レベル1/ }).focus()
  await page.keyboard.press('ArrowRight')
  expect(await second.getByRole('radio', { name: /レベル2/ }).isChecked()).toBe(true)
  await expect.poll(() => page.locator('main').textContent()).toContain('選択したスキル: 2件')
  await page.getByRole('button', { name: '保存する' }).click()
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('スキルの自己評価を保存しました')
  await page.waitForLoadState('networkidle')
  // Saved skills come first, in their area, which is open.
  const firstGroup = page.locator('.skill-group').first()
  expect(await firstGroup.locator(':scope > details').getAttribute('open')).not.toBeNull()
  expect(
    await firstGroup
      .getByRole('radio', { name: /レベル3/ })
      .first()
      .isChecked(),
  ).toBe(true)
}

describe('main pages of every role (browser): axe, 1280 px and 390 px', () => {
  // First, so the skills page and the audit log below have content.
  it(
    'the professional saves skills with the level radio buttons (and the keyboard); saved ones come first',
    { timeout: 180_000 },
    async () => {
      const context = await browser.newContext({ locale: 'ja-JP' })
      const page = await context.newPage()
      await professionalWithSkills(page)
      await expectNoAxeViolations(page)
      await page.screenshot({ path: path.join(screenshots, 'profile-skills-1280.png'), fullPage: true })
      await context.close()
    },
  )

  it.each(ROLES)('$label', { timeout: 300_000 }, async (role) => {
    const problems: string[] = []
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    if (role.email) await logIn(page, role.email)
    const visited: string[] = []
    for (const target of role.pages) {
      const url = await open(page, target)
      visited.push(url)
      try {
        await expectNoAxeViolations(page)
      } catch (error) {
        problems.push(`${role.label} ${url}: ${(error as Error).message}`)
      }
      const overflow = await sidewaysOverflow(page)
      if (overflow > 0) problems.push(`${role.label} ${url}: ${overflow}px wider than a 1280 px screen`)
    }
    await page.setViewportSize({ width: 390, height: 844 })
    for (const url of visited) {
      await page.goto(`${baseUrl}${url}`, { waitUntil: 'networkidle' })
      const overflow = await sidewaysOverflow(page)
      if (overflow > 0) problems.push(`${role.label} ${url}: ${overflow}px wider than a 390 px phone`)
    }
    await context.close()
    expect(problems).toEqual([])
    expect(visited).toHaveLength(role.pages.length)
  })

  it(
    'the 監査ログ fits 1280 px and 390 px with nothing scrolling sideways, not even the table',
    { timeout: 240_000 },
    async () => {
      const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } })
      const page = await context.newPage()
      await logIn(page, 'ministry-admin@demo.dx500.example.jp', { redirectTo: '/admin/audit' })
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 })
        await page.goto(`${baseUrl}/admin/audit`, { waitUntil: 'networkidle' })
        const table = page.locator('table.audit-table')
        await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(3)
        // Japanese labels, not codes: the professional's skills entry names its entity, action and skill.
        const skillsRow = table.locator('tbody tr', { hasText: 'スキルの更新' }).first()
        const skillsText = await skillsRow.textContent({ timeout: 10_000 })
        expect(skillsText).toContain('プロフィール')
        expect(skillsText).toContain('DX・情報化計画の策定・見直し: レベル3')
        expect(await sidewaysOverflow(page), `${width} px page`).toBe(0)
        const inner = await table.evaluate((el) => ({
          scroll: el.scrollWidth - el.clientWidth,
          right: el.getBoundingClientRect().right - window.innerWidth,
        }))
        expect(inner.scroll, `${width} px table scrolls inside`).toBeLessThanOrEqual(0)
        expect(inner.right, `${width} px table sticks out`).toBeLessThanOrEqual(0)
        await expectNoAxeViolations(page)
        await page.screenshot({ path: path.join(screenshots, `audit-log-${width}.png`), fullPage: true })
      }
      await context.close()
    },
  )
})
