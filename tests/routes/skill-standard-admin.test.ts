// The ministry's catalogue workflow through the real routes: draft → edit (optimistic locking) → publish,
// with stable ids that survive versions and every change audited.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as editAction, loader as editLoader } from '../../app/routes/admin.skill-standard.$kind.$id/route'
import {
  action as workspaceAction,
  loader as workspaceLoader,
} from '../../app/routes/admin.skill-standard._index/route'
import { CONFLICT_MESSAGE, requirePublicVersion } from '../../app/models/skill-standard.server'
import type { Services } from '../../app/services.server'
import { diffCatalogues } from '../../app/utils/skill-standard-diff'
import { resolveSkills } from '../../db/queries/skill-standard'
import { SEED_SKILL_STANDARD } from '../../seeds/skill-standard'
import { loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
let editor: string
let otherEditor: string
beforeAll(async () => {
  services = await createTestServices({ indexed: false })
  editor = (await loginAs(services, { role: 'ministry_staff' })).cookie
  otherEditor = (await loginAs(services, { role: 'ministry_admin' })).cookie
})
afterAll(async () => {
  await services?.close()
})

const context = () => routeArgs(services, '/').context

async function workspace(cookie = editor) {
  return workspaceLoader(routeArgs(services, '/admin/skill-standard', { cookie }))
}

async function post(url: string, form: Record<string, string>, cookie = editor, params: Record<string, string> = {}) {
  return url.startsWith('/admin/skill-standard/')
    ? editAction(routeArgs(services, url, { cookie, form, params }))
    : workspaceAction(routeArgs(services, url, { cookie, form, params }))
}

function skillForm(overrides: Record<string, string> = {}): Record<string, string> {
  const bpr = SEED_SKILL_STANDARD.skills.find((s) => s.id === 'bpr')!
  return {
    id: bpr.id,
    name: bpr.name,
    areaId: bpr.areaId,
    description: bpr.description,
    level1: bpr.levels[0],
    level2: bpr.levels[1],
    level3: bpr.levels[2],
    level4: bpr.levels[3],
    synonyms: bpr.synonyms.join('\n'),
    source: bpr.source,
    sortOrder: String(bpr.sortOrder),
    ...overrides,
  }
}

describe('skill standard: draft, edit, publish', () => {
  it('starts from the seeded, published version 1 with the roles and skills from the sources', async () => {
    const { version, content } = await requirePublicVersion(context())
    expect(version).toMatchObject({ version_no: 1, status: 'published' })
    expect(content.roles.map((r) => r.name)).toEqual([
      'プロデューサー',
      'プロジェクトマネージャー',
      'サービスデザイナー',
      'エンジニア',
      'CIO補佐官等',
      'DX推進リーダー',
    ])
    expect(content.roles.find((r) => r.id === 'project-manager')?.duties).toContain('進捗管理や品質管理を行う')
    const municipal = content.skills.filter((s) => s.areaId === 'municipal-support').map((s) => s.name)
    expect(municipal).toHaveLength(6)
    expect(content.qualifications.map((q) => q.name)).toEqual(
      expect.arrayContaining(['応用情報技術者試験', '情報処理安全確保支援士']),
    )
    for (const role of content.roles) expect(role.requirements.length).toBeGreaterThan(0)
  })

  it('creates one draft as a copy of the published version (a second request reuses it)', async () => {
    const created = (await post('/admin/skill-standard', { intent: 'create-draft' })) as Response
    expect(created.status).toBe(302)
    await post('/admin/skill-standard', { intent: 'create-draft' })
    const page = await workspace()
    expect(page.draft?.label).toBe('第2版')
    // Its title names its own edition, not the published one's 「（初版）」.
    expect(page.draft?.title).toBe('自治体DX推進のための外部人材スキル標準（第2版）')
    expect(page.changes).toEqual([])
    expect(page.items.find((g) => g.kind === 'skills')?.items).toHaveLength(SEED_SKILL_STANDARD.skills.length)
    // The database itself refuses a second draft.
    await expect(
      services.database.db
        .insertInto('skill_standard_version')
        .values({ id: crypto.randomUUID(), version_no: 99, status: 'draft', title: 'x' })
        .execute(),
    ).rejects.toThrow()
  })

  it('saves an edit, and refuses a stale one without overwriting (optimistic locking), keeping the input', async () => {
    const first = await editLoader(
      routeArgs(services, '/admin/skill-standard/skills/bpr', {
        cookie: editor,
        params: { kind: 'skills', id: 'bpr' },
      }),
    )
    const second = await editLoader(
      routeArgs(services, '/admin/skill-standard/skills/bpr', {
        cookie: otherEditor,
        params: { kind: 'skills', id: 'bpr' },
      }),
    )
    expect(first.status === 'ok' && first.lockVersion).toBe(0)
    const lock = String(first.status === 'ok' ? first.lockVersion : '')

    const saved = (await post(
      '/admin/skill-standard/skills/bpr',
      skillForm({ lockVersion: lock, synonyms: '業務改革\n業務見直し\nビジネスプロセス・リエンジニアリング' }),
      editor,
      { kind: 'skills', id: 'bpr' },
    )) as Response
    expect(saved.status).toBe(302)

    const stale = unwrap(
      await post(
        '/admin/skill-standard/skills/bpr',
        skillForm({
          lockVersion: String(second.status === 'ok' ? second.lockVersion : ''),
          name: 'BPR（別の人の編集）',
        }),
        otherEditor,
        { kind: 'skills', id: 'bpr' },
      ),
    )
    expect(stale.status).toBe(409)
    const result = (
      stale.body as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }
    ).result
    expect(result.error['']).toEqual([CONFLICT_MESSAGE])
    expect(result.initialValue.name).toBe('BPR（別の人の編集）') // nothing the editor typed is lost

    const page = await workspace()
    const change = page.changes.find((c) => c.id === 'bpr')
    expect(change?.fields.map((f) => f.label)).toEqual(['検索語・同義語'])
    const audit = await services.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'summary'])
      .where('entity_id', '=', 'bpr')
      .execute()
    expect(audit).toEqual([
      {
        action: 'update',
        entity: 'skill_standard_skill',
        summary: expect.stringContaining('第2版（下書き）のスキル「BPR（業務改革）」を更新しました'),
      },
    ])
  })

  it('answers bad input on the field in Japanese and writes nothing', async () => {
    const blank = unwrap(
      await post('/admin/skill-standard/skills/new', skillForm({ id: 'New Skill!', level2: '' }), editor, {
        kind: 'skills',
        id: 'new',
      }),
    )
    expect(blank.status).toBe(400)
    const errors = (blank.body as { result: { error: Record<string, string[]> } }).result.error
    expect(errors.id?.[0]).toContain('半角英小文字')
    expect(errors.level2).toEqual(['レベル2の説明を入力してください'])

    const duplicate = unwrap(
      await post('/admin/skill-standard/skills/new', skillForm({ id: 'bpr' }), editor, { kind: 'skills', id: 'new' }),
    )
    expect(JSON.stringify(duplicate.body)).toContain('ID「bpr」はすでに使われています')

    const reserved = unwrap(
      await post('/admin/skill-standard/skills/new', skillForm({ id: 'versions' }), editor, {
        kind: 'skills',
        id: 'new',
      }),
    )
    expect(JSON.stringify(reserved.body)).toContain('次の語はIDに使えません')

    const noArea = unwrap(
      await post(
        '/admin/skill-standard/skills/new',
        skillForm({ id: 'orphan-skill', areaId: 'no-such-area' }),
        editor,
        { kind: 'skills', id: 'new' },
      ),
    )
    expect(JSON.stringify(noArea.body)).toContain('分野「no-such-area」がありません')
  })

  it('adds a skill, makes a role require it, retires another, and publishes version 2', async () => {
    const added = (await post(
      '/admin/skill-standard/skills/new',
      skillForm({
        id: 'generative-ai-governance',
        name: '生成AIのガバナンス',
        areaId: 'dx-topics',
        synonyms: '生成AIガイドライン',
        sortOrder: '45',
      }),
      editor,
      { kind: 'skills', id: 'new' },
    )) as Response
    expect(added.status).toBe(302)

    const role = await editLoader(
      routeArgs(services, '/admin/skill-standard/roles/engineer', {
        cookie: editor,
        params: { kind: 'roles', id: 'engineer' },
      }),
    )
    if (role.status !== 'ok' || !role.item) throw new Error('role missing')
    const engineer = role.item as {
      requirements: Array<{ skillId: string; minLevel: number; essential: boolean }>
    } & Record<string, unknown>
    const form: Record<string, string> = {
      lockVersion: String(role.lockVersion),
      id: 'engineer',
      name: String(engineer.name),
      duties: String(engineer.duties),
      description: String(engineer.description),
      source: String(engineer.source),
      displayGroup: String(engineer.displayGroup),
      synonyms: (engineer.synonyms as string[]).join('\n'),
      sortOrder: String(engineer.sortOrder),
      'req-level-generative-ai-governance': '2',
      'req-essential-generative-ai-governance': 'on',
    }
    for (const r of engineer.requirements) {
      form[`req-level-${r.skillId}`] = String(r.minLevel)
      if (r.essential) form[`req-essential-${r.skillId}`] = 'on'
    }
    expect(
      (
        (await post('/admin/skill-standard/roles/engineer', form, editor, {
          kind: 'roles',
          id: 'engineer',
        })) as Response
      ).status,
    ).toBe(302)

    const telework = SEED_SKILL_STANDARD.skills.find((s) => s.id === 'telework')!
    const teleworkLock = await editLoader(
      routeArgs(services, '/admin/skill-standard/skills/telework', {
        cookie: editor,
        params: { kind: 'skills', id: 'telework' },
      }),
    )
    const retired = (await post(
      '/admin/skill-standard/skills/telework',
      {
        ...skillForm({
          id: 'telework',
          name: telework.name,
          areaId: telework.areaId,
          description: telework.description,
          synonyms: telework.synonyms.join('\n'),
        }),
        level1: telework.levels[0],
        level2: telework.levels[1],
        level3: telework.levels[2],
        level4: telework.levels[3],
        source: telework.source,
        lockVersion: String(teleworkLock.status === 'ok' ? teleworkLock.lockVersion : ''),
        retired: 'on',
      },
      editor,
      { kind: 'skills', id: 'telework' },
    )) as Response
    expect(retired.status).toBe(302)

    const page = await workspace()
    const changes = Object.fromEntries(page.changes.map((c) => [c.id, c.change]))
    expect(changes).toMatchObject({
      'generative-ai-governance': 'added',
      telework: 'retired',
      engineer: 'changed',
      bpr: 'changed',
    })

    // Publishing needs a change note, and the draft's lock as reviewed.
    const noNote = unwrap(
      await post('/admin/skill-standard', {
        intent: 'publish',
        lockVersion: String(page.draft!.lockVersion),
        title: '第2版',
        changeNote: '',
      }),
    )
    expect(JSON.stringify(noNote.body)).toContain('変更内容の説明を入力してください')
    const shortNote = unwrap(
      await post('/admin/skill-standard', {
        intent: 'publish',
        lockVersion: String(page.draft!.lockVersion),
        title: '第2版',
        changeNote: '修正',
      }),
    )
    expect(JSON.stringify(shortNote.body)).toContain('変更内容の説明を5文字以上で入力してください')
    const staleLock = unwrap(
      await post('/admin/skill-standard', {
        intent: 'publish',
        lockVersion: String(page.draft!.lockVersion - 1),
        title: '第2版',
        changeNote: '生成AIのガバナンスを追加',
      }),
    )
    expect(staleLock.status).toBe(409)

    const published = (await post('/admin/skill-standard', {
      intent: 'publish',
      lockVersion: String(page.draft!.lockVersion),
      title: '自治体DX推進のための外部人材スキル標準（第2版）',
      changeNote: '生成AIのガバナンスを追加し、テレワークを廃止。エンジニアの必要スキルを更新。',
    })) as Response
    expect(published.status).toBe(302)
    expect(published.headers.get('Location')).toBe('/skills')

    const current = await requirePublicVersion(context())
    expect(current.version).toMatchObject({ version_no: 2, status: 'published' })
    expect(current.content.roles.find((r) => r.id === 'engineer')?.requirements).toContainEqual({
      skillId: 'generative-ai-governance',
      minLevel: 2,
      essential: true,
    })
    const old = await requirePublicVersion(context(), 1)
    expect(old.version.status).toBe('archived') // kept, read-only
    expect(old.content.skills.find((s) => s.id === 'telework')?.retired).toBe(false)

    // Stable ids: the retired skill still resolves, and shows as retired.
    const resolved = await resolveSkills(services.database.db, ['telework', 'bpr', 'generative-ai-governance'])
    expect(resolved.map((r) => [r.skill_id, r.retired, r.version_no])).toEqual([
      ['bpr', false, 2],
      ['generative-ai-governance', false, 2],
      ['telework', true, 2],
    ])
    // Publishing fed the search outbox with every catalogue item.
    const pending = await services.database.db
      .selectFrom('search_outbox')
      .select('entity_id')
      .where('entity', '=', 'skill_catalogue')
      .where('confirmed_at', 'is', null)
      .execute()
    expect(pending.map((p) => p.entity_id)).toEqual(
      expect.arrayContaining(['skill:generative-ai-governance', 'skill:telework', 'role:engineer']),
    )
    const audit = await services.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'publish')
      .execute()
    expect(audit.map((a) => a.summary)).toEqual(['スキル標準の第2版を公開しました'])
  })

  it('diffs any two versions item by item', async () => {
    const [v1, v2] = await Promise.all([requirePublicVersion(context(), 1), requirePublicVersion(context(), 2)])
    const diff = diffCatalogues(v1.content, v2.content)
    expect(diff.find((d) => d.id === 'generative-ai-governance')?.change).toBe('added')
    expect(diff.find((d) => d.id === 'telework')?.change).toBe('retired')
    const engineer = diff.find((d) => d.id === 'engineer')
    expect(engineer?.fields.find((f) => f.field === 'requirements')?.after).toContain('生成AIのガバナンス Lv2（必須）')
    expect(diffCatalogues(v2.content, v1.content).find((d) => d.id === 'generative-ai-governance')?.change).toBe(
      'removed',
    )
  })

  it('lets only ministry staff edit (403 for prefecture admins and professionals, login for anonymous)', async () => {
    for (const role of ['prefecture_admin', 'professional', 'municipal_staff'] as const) {
      const { cookie } = await loginAs(services, { role })
      const response = await thrownResponse(() => post('/admin/skill-standard', { intent: 'create-draft' }, cookie))
      expect(response.status, role).toBe(403)
      const edit = await thrownResponse(() =>
        editLoader(
          routeArgs(services, '/admin/skill-standard/skills/bpr', { cookie, params: { kind: 'skills', id: 'bpr' } }),
        ),
      )
      expect(edit.status, role).toBe(403)
    }
    const anonymous = await thrownResponse(() => workspaceLoader(routeArgs(services, '/admin/skill-standard')))
    expect(anonymous.status).toBe(302)
  })
})
