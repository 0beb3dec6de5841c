// The public スキル標準 pages through their loaders: the catalogue, role and skill pages, qualifications, the
// version history and the diff, for the seeded version 1 and after the ministry publishes version 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDraft, publishDraft, saveDraftItem } from '../../app/models/skill-standard.server'
import * as diffRoute from '../../app/routes/skills.diff/route'
import * as qualificationsRoute from '../../app/routes/skills.qualifications/route'
import * as roleRoute from '../../app/routes/skills.roles.$roleId/route'
import * as skillRoute from '../../app/routes/skills.$skillId/route'
import * as catalogueRoute from '../../app/routes/skills._index/route'
import * as versionsRoute from '../../app/routes/skills.versions/route'
import type { Services } from '../../app/services.server'
import { findVersionByStatus, readVersionContent } from '../../db/queries/skill-standard'
import { SEED_SKILL_STANDARD } from '../../seeds/skill-standard'
import { loginAs } from '../factories'
import { createTestServices, createUnreachableSearchClient, loaderArgs, thrownResponse, unwrap } from '../services'

let services: Services
beforeAll(async () => {
  services = await createTestServices()
})
afterAll(async () => {
  await services?.close()
})

const catalogue = async (query = '', s = services) =>
  unwrap(await catalogueRoute.loader(loaderArgs(s, `/skills${query}`)))
const skill = (id: string, query = '') =>
  skillRoute.loader(loaderArgs(services, `/skills/${id}${query}`, { skillId: id }))
const role = (id: string, query = '') =>
  roleRoute.loader(loaderArgs(services, `/skills/roles/${id}${query}`, { roleId: id }))
const qualifications = (query = '') =>
  qualificationsRoute.loader(loaderArgs(services, `/skills/qualifications${query}`))
const versions = () => versionsRoute.loader(loaderArgs(services, '/skills/versions'))
const diff = async (query: string) => unwrap(await diffRoute.loader(loaderArgs(services, `/skills/diff${query}`)))

describe('every catalogue route', () => {
  it('exports a title, an ErrorBoundary and a stylesheet link', () => {
    for (const route of [catalogueRoute, skillRoute, roleRoute, qualificationsRoute, versionsRoute, diffRoute]) {
      expect(typeof route.ErrorBoundary).toBe('function')
      expect(typeof route.meta).toBe('function')
      expect(route.links()).toEqual([expect.objectContaining({ rel: 'stylesheet' })])
    }
  })
})

describe('/skills (version 1, the seed)', () => {
  it('shows the current version, the level scale with its note, the roles grouped and the areas with their skills', async () => {
    const { status, body } = await catalogue()
    expect(status).toBe(200)
    expect(body.view).toMatchObject({
      isPast: false,
      versionParam: null,
      shown: { no: 1, label: '第1版', current: true },
      current: { no: 1 },
    })
    expect(body.view.shown.publishedOn).toMatch(/^令和\d+年\d+月\d+日$/)
    expect(body.levelScale.map((l) => `${l.level} ${l.label}`)).toEqual(['1 知識', '2 実務', '3 主導', '4 指導'])
    for (const level of body.levelScale) expect(level.description.length).toBeGreaterThan(10)
    expect(body.levelScaleNote).toContain('レベルを定めていない')

    expect(body.roles.external.map((g) => g.group ?? g.roles[0]!.name)).toEqual([
      'プロデューサー',
      'プロジェクトマネージャー',
      'エンジニア・サービスデザイナー',
      'CIO補佐官等',
    ])
    expect(body.roles.external[2]!.roles.map((r) => r.name)).toEqual(['サービスデザイナー', 'エンジニア'])
    expect(body.roles.internal.map((r) => [r.name, r.internal])).toEqual([['DX推進リーダー', true]])
    expect(body.roles.external[1]!.roles[0]).toMatchObject({
      id: 'project-manager',
      essentialCount: 5,
      optionalCount: 3,
    })

    expect(body.areas.map((a) => a.name)).toEqual([
      '市町村支援業務',
      '自治体DXの重点分野',
      'プロジェクト推進',
      'サービスデザイン・技術',
      '行政実務・政策',
    ])
    expect(body.areas.flatMap((a) => a.skills)).toHaveLength(SEED_SKILL_STANDARD.skills.length)
    expect(body.counts).toEqual({ skills: 35, roles: 6, qualifications: 16 })
    expect(body.search).toBeNull()
  })

  it('searches with synonyms (?q=ガバクラ, 業務改革, PM) and links each hit to its page', async () => {
    const { status, body } = await catalogue(`?q=${encodeURIComponent('ガバクラ')}`)
    expect(status).toBe(200)
    expect(body.search?.status).toBe('ok')
    if (body.search?.status !== 'ok') return
    expect(body.search.hits[0]).toMatchObject({
      type: 'skill',
      typeLabel: 'スキル',
      name: '標準化・共通化（20業務）とガバメントクラウド',
      href: '/skills/government-cloud',
    })

    const bpr = (await catalogue(`?q=${encodeURIComponent('業務改革')}`)).body.search
    expect(bpr?.status === 'ok' && bpr.hits.map((h) => h.name)).toEqual(
      expect.arrayContaining(['BPR（業務改革）', '業務見直し（BPR）・システム発注支援']),
    )
    const pm = (await catalogue('?q=PM')).body.search
    expect(pm?.status === 'ok' && pm.hits[0]).toMatchObject({
      type: 'role',
      name: 'プロジェクトマネージャー',
      href: '/skills/roles/project-manager',
    })
    const riss = (await catalogue(`?q=${encodeURIComponent('ｾｷｽﾍﾟ')}`)).body.search
    expect(riss?.status === 'ok' && riss.hits[0]).toMatchObject({
      type: 'qualification',
      href: '/skills/qualifications#qualification-ipa-riss',
    })
  })

  it('says search is unavailable (503) when Meilisearch is down, and still shows the catalogue', async () => {
    const down: Services = { ...services, search: createUnreachableSearchClient() }
    const { status, body } = await catalogue(`?q=${encodeURIComponent('ガバクラ')}`, down)
    expect(status).toBe(503)
    expect(body.search).toEqual({ status: 'search-unavailable' })
    expect(body.areas).toHaveLength(5)
    expect(body.roles.external.length).toBeGreaterThan(0)
    down.search.close()
  })

  it('answers a too long query with 400 and a message, and a malformed or unknown version with 400/404', async () => {
    const { status, body } = await catalogue(`?q=${'あ'.repeat(101)}`)
    expect(status).toBe(400)
    expect(body.search).toEqual({ status: 'invalid', message: '検索語は100文字以内で入力してください' })
    for (const version of ['abc', '0', '-1', '1.5']) {
      const response = await thrownResponse(() =>
        catalogueRoute.loader(loaderArgs(services, `/skills?version=${version}`)),
      )
      expect(response, version).toEqual({
        status: 400,
        text: '版の指定（version）は1以上の整数にしてください（例: ?version=1）。',
      })
    }
    expect(await thrownResponse(() => catalogueRoute.loader(loaderArgs(services, '/skills?version=99')))).toEqual({
      status: 404,
      text: 'スキル標準の第99版はありません。',
    })
  })
})

describe('/skills/roles/:roleId', () => {
  it('shows the duties in the sources’ words, the source, the IPA/ITSS mapping and the required skills with levels', async () => {
    const page = await role('project-manager')
    expect(page.role).toMatchObject({
      name: 'プロジェクトマネージャー',
      ipaRole: 'プロジェクトマネージャー',
      itssLevel: 4,
      internal: false,
      retired: false,
    })
    expect(page.role.duties).toContain('行政職員にも理解できるよう、コーディネートしながら進捗管理や品質管理を行う')
    expect(page.role.source).toContain('001:78')
    expect(page.requirements).toHaveLength(8)
    expect(page.requirements.find((r) => r.skillId === 'schedule-management')).toMatchObject({
      skillName: 'スケジュール・進捗管理',
      minLevel: 3,
      levelLabel: '主導',
      essential: true,
      areaName: 'プロジェクト推進',
    })
    expect(page.requirements.find((r) => r.skillId === 'vendor-management')).toMatchObject({
      minLevel: 2,
      levelLabel: '実務',
      essential: false,
    })
    expect(page.requirements.find((r) => r.skillId === 'schedule-management')?.levelDescriptor).toContain('計画・主導')
    // Essential ones first.
    expect(page.requirements.map((r) => r.essential)).toEqual([true, true, true, true, true, false, false, false])
  })

  it('marks DX推進リーダー as internal, and answers unknown ids with 404 in Japanese', async () => {
    expect((await role('dx-leader')).role.internal).toBe(true)
    for (const id of ['nobody', 'NOT-AN-ID', '../etc']) {
      const response = await thrownResponse(() => role(id))
      expect(response.status, id).toBe(404)
      expect(response.text, id).toContain('見つかりません')
    }
  })
})

describe('/skills/:skillId', () => {
  it('shows the description, area, four level descriptors, search words, source and the roles requiring it', async () => {
    const page = await skill('bpr')
    expect(page.skill).toMatchObject({
      name: 'BPR（業務改革）',
      area: { id: 'design-technology', name: 'サービスデザイン・技術' },
      retired: false,
    })
    expect(page.skill.levels.map((l) => [l.level, l.label])).toEqual([
      [1, '知識'],
      [2, '実務'],
      [3, '主導'],
      [4, '指導'],
    ])
    expect(page.skill.levels[2]!.descriptor).toContain('計画・主導')
    expect(page.skill.synonyms).toEqual(['業務改革', '業務見直し', '業務プロセス改革', '業務改善'])
    expect(page.skill.source).toContain('001:78')
    expect(page.requiredBy.map((r) => [r.roleName, r.minLevel, r.levelLabel, r.essential])).toEqual([
      ['サービスデザイナー', 3, '主導', true],
      ['DX推進リーダー', 2, '実務', true],
    ])
    expect(page.retiredIn).toBeNull()
    expect(page.missingFrom).toBeNull()
  })

  it('answers an unknown skill with 404 and a Japanese message', async () => {
    const response = await thrownResponse(() => skill('no-such-skill'))
    expect(response.status).toBe(404)
    expect(response.text).toBe(
      'スキル「no-such-skill」は見つかりません。URLを確認するか、スキル標準の一覧からお探しください。',
    )
  })
})

describe('/skills/qualifications', () => {
  it('groups the qualifications by category, IPA exams with their ITSS level first', async () => {
    const page = await qualifications()
    expect(page.groups.map((g) => g.category)).toEqual([
      '情報処理技術者試験（IPA）',
      '国家資格（登録）',
      '民間資格',
      '国家資格',
    ])
    expect(page.groups[0]!.qualifications.find((q) => q.id === 'ipa-ap')).toMatchObject({
      name: '応用情報技術者試験',
      itssLevel: 3,
    })
    expect(page.groups[1]!.qualifications.map((q) => q.name)).toEqual(['情報処理安全確保支援士'])
  })
})

describe('after the ministry publishes version 2', () => {
  beforeAll(async () => {
    const { user } = await loginAs(services, { role: 'ministry_staff' })
    const context = loaderArgs(services, '/').context
    expect((await createDraft(context, user)).status).toBe('ok')
    const draftId = (await findVersionByStatus(services.database.db, 'draft'))!.id
    const { locks, ...content } = await readVersionContent(services.database.db, draftId)
    const telework = content.skills.find((s) => s.id === 'telework')!
    const bpr = content.skills.find((s) => s.id === 'bpr')!
    expect(
      await saveDraftItem(context, user, 'skills', { ...telework, retired: true }, locks.skills.telework!),
    ).toEqual({ status: 'ok' })
    expect(
      await saveDraftItem(
        context,
        user,
        'skills',
        { ...bpr, description: '業務プロセスの可視化・分析・再設計と定着。' },
        locks.skills.bpr!,
      ),
    ).toEqual({ status: 'ok' })
    const newSkill = {
      ...content.skills.find((s) => s.id === 'ai-rpa')!,
      id: 'generative-ai-governance',
      name: '生成AIのガバナンス',
      synonyms: ['AIガバナンス'],
      sortOrder: 45,
    }
    expect(await saveDraftItem(context, user, 'skills', newSkill, null)).toEqual({ status: 'ok' })
    const lockVersion = (await findVersionByStatus(services.database.db, 'draft'))!.lock_version
    expect(
      await publishDraft(context, user, {
        title: '自治体DX推進のための外部人材スキル標準（第2版）',
        changeNote: 'テレワークを廃止し、生成AIのガバナンスを追加。',
        lockVersion,
      }),
    ).toEqual({ status: 'ok', versionNo: 2 })
  })

  it('shows version 2 as current', async () => {
    const { body } = await catalogue()
    expect(body.view).toMatchObject({ isPast: false, shown: { no: 2 }, current: { no: 2 } })
    expect(body.counts.skills).toBe(36)
  })

  it('marks a retired skill prominently with the version that retired it', async () => {
    const page = await skill('telework')
    expect(page.skill.retired).toBe(true)
    expect(page.retiredIn).toBe(2)
    expect((await catalogue()).body.areas.flatMap((a) => a.skills).find((s) => s.id === 'telework')?.retired).toBe(true)
  })

  it('shows version 1 read-only with ?version=1, and every page keeps the version', async () => {
    const { status, body } = await catalogue('?version=1')
    expect(status).toBe(200)
    expect(body.view).toMatchObject({
      isPast: true,
      versionParam: 1,
      shown: { no: 1, label: '第1版', current: false },
      current: { no: 2, label: '第2版' },
    })
    expect(body.counts.skills).toBe(35)
    expect(body.areas.flatMap((a) => a.skills).find((s) => s.id === 'telework')?.retired).toBe(false)
    // Past versions are browsed, not searched (the index holds the current version only).
    expect((await catalogue(`?version=1&q=${encodeURIComponent('ガバクラ')}`)).body.search).toBeNull()

    const old = await skill('telework', '?version=1')
    expect(old.view).toMatchObject({ isPast: true, versionParam: 1 })
    expect(old.skill.retired).toBe(false)
    expect(old.retiredIn).toBeNull()
    expect((await role('project-manager', '?version=1')).view.isPast).toBe(true)
    expect((await qualifications('?version=1')).view.shown.no).toBe(1)
    // ?version=2 is the current version itself.
    expect((await skill('bpr', '?version=2')).view).toMatchObject({ isPast: false, versionParam: null })
  })

  it('still resolves a skill that the version asked for does not have, from the newest version that has it', async () => {
    const page = await skill('generative-ai-governance', '?version=1')
    expect(page.missingFrom).toMatchObject({ no: 1, label: '第1版' })
    expect(page.view).toMatchObject({ shown: { no: 2 }, isPast: false })
    expect(page.skill.name).toBe('生成AIのガバナンス')
  })

  it('lists the published and archived versions with dates and change notes', async () => {
    const history = await versions()
    expect(history.versions.map((v) => [v.label, v.statusLabel])).toEqual([
      ['第2版', '現行版'],
      ['第1版', '過去の版'],
    ])
    expect(history.versions[0]).toMatchObject({
      title: '自治体DX推進のための外部人材スキル標準（第2版）',
      changeNote: 'テレワークを廃止し、生成AIのガバナンスを追加。',
    })
    expect(history.versions[0]!.publishedOn).toMatch(/^令和/)
    expect(history).toMatchObject({ defaultFrom: 1, defaultTo: 2 })
  })

  it('shows the diff grouped by kind, with before → after per field', async () => {
    const { status, body } = await diff('?from=1&to=2')
    expect(status).toBe(200)
    expect(body.status).toBe('ok')
    if (body.status !== 'ok') return
    expect(body).toMatchObject({ from: { no: 1 }, to: { no: 2 }, total: 3 })
    expect(body.groups.map((g) => g.kindLabel)).toEqual(['スキル'])
    const items = body.groups[0]!.items
    expect(items.map((i) => [i.id, i.changeLabel])).toEqual([
      ['generative-ai-governance', '追加'],
      ['telework', '廃止'],
      ['bpr', '変更'],
    ])
    expect(items.find((i) => i.id === 'bpr')?.fields).toEqual([
      {
        label: '説明',
        before: '業務プロセスの可視化・分析・再設計。',
        after: '業務プロセスの可視化・分析・再設計と定着。',
      },
    ])
    expect(items.find((i) => i.id === 'telework')?.href).toBe('/skills/telework')
    expect(body.counts.filter((c) => c.count > 0).map((c) => `${c.label}${c.count}`)).toEqual([
      '追加1',
      '廃止1',
      '変更1',
    ])
    // The other way round, the added skill is removed and links to the version that had it.
    const back = await diff('?from=2&to=1')
    const removed =
      back.body.status === 'ok'
        ? back.body.groups[0]!.items.find((i) => i.id === 'generative-ai-governance')
        : undefined
    expect(removed).toMatchObject({ changeLabel: '削除', href: '/skills/generative-ai-governance' })
  })

  it('answers malformed diff parameters with 400 and Japanese messages, unknown versions with 404', async () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['', { from: '比較元の版を選んでください', to: '比較先の版を選んでください' }],
      ['?from=1', { to: '比較先の版を選んでください' }],
      ['?from=abc&to=2', { from: '版は1以上の整数で指定してください' }],
      ['?from=0&to=2', { from: '版は1以上の整数で指定してください' }],
      ['?from=2&to=2', { to: '異なる二つの版を選んでください' }],
    ]
    for (const [query, fieldErrors] of cases) {
      const { status, body } = await diff(query)
      expect(status, query).toBe(400)
      expect(body.status === 'invalid' && body.fieldErrors, query).toEqual(fieldErrors)
      expect(body.history.versions, query).toHaveLength(2)
    }
    const unknown = await thrownResponse(() => diffRoute.loader(loaderArgs(services, '/skills/diff?from=1&to=9')))
    expect(unknown).toEqual({ status: 404, text: 'スキル標準の第9版はありません。' })
  })
})
