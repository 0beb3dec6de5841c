// The difference between two versions of the skill standard, item by item (by stable id). Pure: used by the
// public diff page, the publish confirmation and tests.
import type { CatalogueContent } from '../../db/skill-standard-content'

export type ItemKind = 'areas' | 'skills' | 'roles' | 'qualifications'

export interface FieldChange {
  field: string
  label: string
  before: string
  after: string
}

export interface ItemDiff {
  kind: ItemKind
  id: string
  name: string
  change: 'added' | 'removed' | 'retired' | 'restored' | 'changed'
  fields: FieldChange[]
}

const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  description: '説明',
  areaId: '分野',
  levels: 'レベル記述',
  synonyms: '検索語・同義語',
  source: '出典',
  ipaSkill: 'IPAスキル対応',
  displayGroup: '表示グループ',
  duties: '役割（職務）',
  internal: '内部人材',
  ipaRole: 'IPAデジタルスキル標準の人材類型',
  itssLevel: 'ITSSレベル',
  requirements: '必要スキル',
  category: '区分',
  issuer: '実施・認定団体',
  sortOrder: '表示順',
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（なし）'
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ'
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('、') || '（なし）'
  return String(value)
}

type AnyItem = { id: string; name: string; retired: boolean } & Record<string, unknown>

function requirementText(item: AnyItem, skillNames: Map<string, string>): string {
  const requirements =
    (item.requirements as Array<{ skillId: string; minLevel: number; essential: boolean }> | undefined) ?? []
  return requirements
    .map((r) => `${skillNames.get(r.skillId) ?? r.skillId} Lv${r.minLevel}${r.essential ? '（必須）' : '（任意）'}`)
    .sort()
    .join('、')
}

export function diffCatalogues(from: CatalogueContent, to: CatalogueContent): ItemDiff[] {
  const skillNames = new Map([...from.skills, ...to.skills].map((s) => [s.id, s.name]))
  const diffs: ItemDiff[] = []
  for (const kind of ['areas', 'skills', 'roles', 'qualifications'] as const) {
    const before = new Map((from[kind] as unknown as AnyItem[]).map((item) => [item.id, item]))
    const after = new Map((to[kind] as unknown as AnyItem[]).map((item) => [item.id, item]))
    for (const [id, item] of after) {
      const old = before.get(id)
      if (!old) {
        diffs.push({ kind, id, name: item.name, change: 'added', fields: [] })
        continue
      }
      const fields: FieldChange[] = []
      for (const field of Object.keys(FIELD_LABELS)) {
        if (!(field in item) && !(field in old)) continue
        const a = field === 'requirements' ? requirementText(old, skillNames) : show(old[field])
        const b = field === 'requirements' ? requirementText(item, skillNames) : show(item[field])
        if (a !== b) fields.push({ field, label: FIELD_LABELS[field]!, before: a, after: b })
      }
      const change = !old.retired && item.retired ? 'retired' : old.retired && !item.retired ? 'restored' : 'changed'
      if (change !== 'changed' || fields.length > 0) diffs.push({ kind, id, name: item.name, change, fields })
    }
    for (const [id, item] of before) {
      if (!after.has(id)) diffs.push({ kind, id, name: item.name, change: 'removed', fields: [] })
    }
  }
  return diffs
}
