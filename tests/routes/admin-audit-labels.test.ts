// The 監査ログ as an official reads it: Japanese names for every entity and action the models write,
// changed fields as 「項目: 変更前 → 変更後」 with codes turned into names, lists as what was added and
// removed, and the actor split into name, masked address and role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../../app/models/audit-labels.server'
import { type AuditActor, recordAudit } from '../../app/models/audit.server'
import { loader as pageLoader } from '../../app/routes/admin.audit._index/route'
import { loader as csvLoader } from '../../app/routes/admin.audit[.]csv'
import type { Services } from '../../app/services.server'
import { loginAs } from '../factories'
import { createTestServices, routeArgs, unwrap } from '../services'

let services: Services
let cookie: string

const staff: AuditActor = {
  user: { id: crypto.randomUUID(), email: 'ken@pref.example.jp', display_name: '広島 健', role: 'prefecture_staff' },
  requestInfo: { id: 'req-labels', ip: '203.0.113.9' },
}

beforeAll(async () => {
  services = await createTestServices({ indexed: false })
  const { db } = services.database
  await recordAudit(db, staff, {
    entity: 'pool_member',
    action: 'change_status',
    entityId: 'member-1',
    summary: '状態を「書類確認」にしました',
    prefectureCode: '34',
    before: { status: 'applied' },
    after: { status: 'screening', note: '書類を受領' },
  })
  await recordAudit(db, staff, {
    entity: 'need',
    action: 'update',
    entityId: 'need-1',
    summary: 'ジョブディスクリプションを更新しました',
    prefectureCode: '34',
    before: {
      issue_ids: ['issue-a', 'issue-b'],
      municipalities: ['343684:2'],
      skills: ['bpr:2'],
      pay_min_yen: null,
      open_call: false,
    },
    after: {
      issue_ids: ['issue-b', 'issue-a'],
      municipalities: ['343684:2', '342025:1'],
      skills: ['bpr:3(任意)'],
      pay_min_yen: 300000,
      open_call: true,
    },
  })
  await recordAudit(db, staff, {
    entity: 'municipal_issue',
    action: 'change_status',
    entityId: 'issue-1',
    summary: '課題を確認中にしました',
    prefectureCode: '34',
    before: { status: 'submitted' },
    after: { status: 'reviewing' },
  })
  await recordAudit(db, staff, {
    entity: 'municipal_issue',
    action: 'create',
    entityId: 'issue-2',
    summary: '課題を登録しました',
    prefectureCode: '34',
    after: { contact_name: '安芸 太郎', urgency: 'high', topic_skill_ids: ['bpr'] },
  })
  await recordAudit(
    db,
    { ...staff, user: { ...staff.user!, role: 'professional', display_name: '人材 花子' } },
    {
      entity: 'profile',
      action: 'update_skills',
      entityId: 'profile-1',
      summary: 'プロフィールのスキルを更新しました',
      prefectureCode: null,
      before: { skills: {} },
      after: { skills: { bpr: 3 } },
    },
  )
  await recordAudit(db, staff, {
    entity: 'accelerator_appointment',
    action: 'nominate',
    entityId: 'appointment-1',
    summary: '「人材 花子」をアクセラレータに推薦しました（CIO補佐官等）',
    prefectureCode: '34',
    after: { status: 'nominated', role_name: 'CIO補佐官等', placement_id: null, planned_employment: 'full_time' },
  })
  cookie = (await loginAs(services, { role: 'ministry_admin' })).cookie
})
afterAll(async () => {
  await services?.close()
})

async function rows(query: string) {
  const { status, body } = unwrap(await pageLoader(routeArgs(services, `/admin/audit${query}`, { cookie })))
  expect(status, query).toBe(200)
  return body.result!.rows
}

describe('/admin/audit labels', () => {
  it('names every entity and every action the models write', () => {
    for (const [entity, actions] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect(AUDIT_ENTITY_LABELS[entity as keyof typeof AUDIT_ENTITY_LABELS], entity).toMatch(/\S/)
      for (const [action, label] of Object.entries(actions)) {
        expect(label, `${entity}.${action}`).toMatch(/[^\x00-\x7F]/)
      }
    }
  })

  it('shows statuses, codes and amounts by their Japanese names, and the actor as name, address and role', async () => {
    const [member] = await rows('?entity=pool_member')
    expect(member).toMatchObject({
      entity: '人材プール',
      action: '状態の変更',
      actorName: '広島 健',
      actorEmail: 'k***@pref.example.jp',
      actorRole: '都道府県職員',
    })
    expect(member!.changes).toEqual([
      { key: 'status', label: '状態', before: '応募', after: '書類確認' },
      { key: 'note', label: '理由・メモ', before: '（なし）', after: '書類を受領' },
    ])

    const [issueStatus] = await rows('?entity=municipal_issue&action=change_status')
    expect(issueStatus!.changes).toEqual([{ key: 'status', label: '状態', before: '提出済み', after: '県で確認中' }])

    const [need] = await rows('?entity=need')
    expect(need!.action).toBe('更新')
    expect(need!.changes).toEqual([
      {
        key: 'issue_ids',
        label: '元の課題',
        before: 'issue-a、issue-b',
        after: 'issue-b、issue-a',
        added: [],
        removed: [],
      },
      {
        key: 'municipalities',
        label: '支援する市区町村（週の日数）',
        before: '安芸太田町（週2日）',
        after: '安芸太田町（週2日）、呉市（週1日）',
        added: ['呉市（週1日）'],
        removed: [],
      },
      {
        key: 'skills',
        label: 'スキル',
        before: 'BPR（業務改革） レベル2以上',
        after: 'BPR（業務改革） レベル3以上（任意）',
        added: ['BPR（業務改革） レベル3以上（任意）'],
        removed: ['BPR（業務改革） レベル2以上'],
      },
      { key: 'pay_min_yen', label: '報酬（下限）', before: '（なし）', after: '300,000円' },
      { key: 'open_call', label: '公募ページに掲載', before: 'いいえ', after: 'はい' },
    ])

    const [skills] = await rows('?entity=profile')
    expect(skills).toMatchObject({ entity: 'プロフィール', action: 'スキルの更新', actorRole: 'デジタル人材' })
    expect(skills!.changes).toEqual([
      { key: 'skills', label: 'スキル', before: '（なし）', after: 'BPR（業務改革）: レベル3' },
    ])
  })

  it("names an appointment's fields and its planned form of employment", async () => {
    const [nominated] = await rows('?entity=accelerator_appointment')
    expect(nominated!.changes).toEqual([
      { key: 'status', label: '状態', before: null, after: '審査中' },
      { key: 'role_name', label: '推薦する人材像', before: null, after: 'CIO補佐官等' },
      { key: 'placement_id', label: '記録済みの配置', before: null, after: '（なし）' },
      { key: 'planned_employment', label: '予定する任用・契約の形態', before: null, after: '常勤' },
    ])
  })

  it("masks a 課題's contact person like any other name", async () => {
    const [created] = await rows('?entity=municipal_issue&action=create')
    expect(created!.changes).toEqual([
      { key: 'urgency', label: '緊急度', before: null, after: '高' },
      { key: 'topic_skill_ids', label: '分野・業務', before: null, after: 'BPR（業務改革）' },
      { key: 'contact_name', label: '担当者', before: null, after: '安＊＊＊' },
    ])
    expect(JSON.stringify(created)).not.toContain('安芸 太郎')
  })

  it('offers each entity its own actions in the filter, and filters on an action several entities share', async () => {
    const { body } = unwrap(await pageLoader(routeArgs(services, '/admin/audit', { cookie })))
    expect(body.options.actionsByEntity.municipal_issue).toEqual([
      { value: 'create', label: '登録' },
      { value: 'update', label: '更新' },
      { value: 'change_status', label: '状態の変更' },
    ])
    expect(body.options.actions.find((a) => a.value === 'create')!.label).toContain('作成')
    expect(new Set(body.options.actions.map((a) => a.value)).size).toBe(body.options.actions.length)
    expect((await rows('?action=change_status')).map((r) => r.entityId).sort()).toEqual(['issue-1', 'member-1'])
    expect((await rows('?entity=municipal_issue&action=change_status')).map((r) => r.entityId)).toEqual(['issue-1'])
  })

  it('writes the same readable changes into the CSV', async () => {
    const response = await csvLoader(routeArgs(services, '/admin/audit.csv?entity=need', { cookie }))
    const text = await response.text()
    expect(text).toContain('支援する市区町村（週の日数）: 追加 呉市（週1日）')
    expect(text).toContain('報酬（下限）: （なし） → 300,000円')
    expect(text).toContain('元の課題: 並び順の変更のみ')
    expect(text).toContain(',ニーズ,')
  })
})
