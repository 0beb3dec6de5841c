// The content of one skill-standard version as a document: what the seed writes, what export produces and
// import accepts. zod checks shape and cross-references; Postgres constraints stay the final guard.
import { z } from 'zod'

/** The level scale (the sources give none; documented on the catalogue page). Labels: app/utils/labels.ts. */
export const SKILL_LEVELS = [1, 2, 3, 4] as const
export type SkillLevel = (typeof SKILL_LEVELS)[number]

/** Words that are page names beside /skills/$id or mean "create" in the editor: never item ids. */
export const RESERVED_IDS = ['new', 'roles', 'qualifications', 'versions', 'diff', 'export'] as const

const StableIdSchema = z
  .string({ message: 'IDを入力してください' })
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'IDは半角英小文字・数字・ハイフン（2〜63文字）で指定してください' })
  .refine((id) => !(RESERVED_IDS as readonly string[]).includes(id), {
    message: `次の語はIDに使えません: ${RESERVED_IDS.join('、')}`,
  })
const NameSchema = z
  .string({ message: '名称を入力してください' })
  .trim()
  .min(1, { message: '名称を入力してください' })
  .max(100, { message: '名称は100文字以内にしてください' })
const TextSchema = z.string().trim().max(2000, { message: '2000文字以内にしてください' }).default('')
const SynonymsSchema = z
  .array(z.string().trim().min(1).max(50, { message: '検索語は1語50文字以内にしてください' }))
  .max(30, { message: '検索語は30個までです' })
  .default([])
const ItssLevelSchema = z.number().int().min(1).max(7, { message: 'ITSSレベルは1〜7です' }).nullable().default(null)

export const AreaContentSchema = z.object({
  id: StableIdSchema,
  name: NameSchema,
  description: TextSchema,
  sortOrder: z.number().int().default(0),
  retired: z.boolean().default(false),
})

export const SkillContentSchema = z.object({
  id: StableIdSchema,
  areaId: StableIdSchema,
  name: NameSchema,
  description: TextSchema,
  levels: z.tuple(
    [
      z.string().trim().min(1, { message: 'レベル1の説明を入力してください' }),
      z.string().trim().min(1, { message: 'レベル2の説明を入力してください' }),
      z.string().trim().min(1, { message: 'レベル3の説明を入力してください' }),
      z.string().trim().min(1, { message: 'レベル4の説明を入力してください' }),
    ],
    { message: 'レベル1〜4の説明が必要です' },
  ),
  synonyms: SynonymsSchema,
  source: TextSchema,
  ipaSkill: z.string().trim().max(100).nullable().default(null),
  retired: z.boolean().default(false),
  sortOrder: z.number().int().default(0),
})

export const RequirementContentSchema = z.object({
  skillId: StableIdSchema,
  minLevel: z.number().int().min(1, { message: '必要レベルは1〜4です' }).max(4, { message: '必要レベルは1〜4です' }),
  essential: z.boolean(),
})

export const RoleContentSchema = z.object({
  id: StableIdSchema,
  name: NameSchema,
  displayGroup: z.string().trim().max(100).nullable().default(null),
  duties: TextSchema,
  description: TextSchema,
  source: TextSchema,
  internal: z.boolean().default(false),
  synonyms: SynonymsSchema,
  ipaRole: z.string().trim().max(100).nullable().default(null),
  itssLevel: ItssLevelSchema,
  retired: z.boolean().default(false),
  sortOrder: z.number().int().default(0),
  requirements: z.array(RequirementContentSchema).default([]),
})

export const QualificationContentSchema = z.object({
  id: StableIdSchema,
  name: NameSchema,
  category: z.string().trim().min(1, { message: '区分を入力してください' }).max(100),
  issuer: z.string().trim().max(100).default(''),
  description: TextSchema,
  itssLevel: ItssLevelSchema,
  synonyms: SynonymsSchema,
  retired: z.boolean().default(false),
  sortOrder: z.number().int().default(0),
})

export const CatalogueContentSchema = z
  .object({
    areas: z.array(AreaContentSchema),
    skills: z.array(SkillContentSchema),
    roles: z.array(RoleContentSchema),
    qualifications: z.array(QualificationContentSchema),
  })
  .superRefine((content, ctx) => {
    const unique = (kind: 'areas' | 'skills' | 'roles' | 'qualifications', label: string) => {
      const seen = new Set<string>()
      content[kind].forEach((item, index) => {
        if (seen.has(item.id))
          ctx.addIssue({
            code: 'custom',
            path: [kind, index, 'id'],
            message: `${label}のID「${item.id}」が重複しています`,
          })
        seen.add(item.id)
      })
      return seen
    }
    const areas = unique('areas', '分野')
    const skills = unique('skills', 'スキル')
    unique('roles', '人材像')
    unique('qualifications', '資格')
    content.skills.forEach((skill, index) => {
      if (!areas.has(skill.areaId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['skills', index, 'areaId'],
          message: `分野「${skill.areaId}」がありません`,
        })
      }
    })
    content.roles.forEach((role, roleIndex) => {
      const required = new Set<string>()
      role.requirements.forEach((requirement, index) => {
        const path = ['roles', roleIndex, 'requirements', index, 'skillId']
        if (!skills.has(requirement.skillId))
          ctx.addIssue({ code: 'custom', path, message: `スキル「${requirement.skillId}」がありません` })
        if (required.has(requirement.skillId))
          ctx.addIssue({ code: 'custom', path, message: `スキル「${requirement.skillId}」が重複しています` })
        required.add(requirement.skillId)
      })
    })
  })

export type AreaContent = z.infer<typeof AreaContentSchema>
export type SkillContent = z.infer<typeof SkillContentSchema>
export type RoleContent = z.infer<typeof RoleContentSchema>
export type RequirementContent = z.infer<typeof RequirementContentSchema>
export type QualificationContent = z.infer<typeof QualificationContentSchema>
export type CatalogueContent = z.infer<typeof CatalogueContentSchema>
export type CatalogueContentInput = z.input<typeof CatalogueContentSchema>

/** Outbox ids of the catalogue search index: `skill:bpr`, `role:producer`, `qualification:ipa-fe`. */
export function catalogueSearchIds(content: Pick<CatalogueContent, 'skills' | 'roles' | 'qualifications'>): string[] {
  return [
    ...content.skills.map((s) => `skill:${s.id}`),
    ...content.roles.map((r) => `role:${r.id}`),
    ...content.qualifications.map((q) => `qualification:${q.id}`),
  ]
}
