// Form schemas for editing one catalogue item in the ministry's draft. Form fields are strings; these
// schemas turn them into the content shapes of db/skill-standard-content.ts (which stays the real check).
import { z } from 'zod'

const RESERVED = ['new', 'roles', 'qualifications', 'versions', 'diff', 'export']
const id = z
  .string({ message: 'IDを入力してください' })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, {
    message: 'IDは半角英小文字・数字・ハイフン（2〜63文字）で指定してください。作成後は変更できません',
  })
  .refine((value) => !RESERVED.includes(value), { message: `次の語はIDに使えません: ${RESERVED.join('、')}` })
const name = z
  .string({ message: '名称を入力してください' })
  .trim()
  .min(1, { message: '名称を入力してください' })
  .max(100, { message: '名称は100文字以内にしてください' })
const text = z.string().trim().max(2000, { message: '2000文字以内にしてください' }).default('')
const optionalText = z
  .string()
  .trim()
  .max(100, { message: '100文字以内にしてください' })
  .optional()
  .transform((value) => (value ? value : null))
const lines = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(/\r?\n|、|,/)
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().max(50, { message: '検索語は1語50文字以内にしてください' }))
      .max(30, { message: '検索語は30個までです' }),
  )
const sortOrder = z.coerce
  .number({ message: '表示順は整数で入力してください' })
  .int({ message: '表示順は整数で入力してください' })
  .min(0)
  .max(100000)
  .default(0)
const itssLevel = z
  .string()
  .optional()
  .transform((value) => (value ? Number(value) : null))
  .pipe(
    z.number().int().min(1, { message: 'ITSSレベルは1〜7です' }).max(7, { message: 'ITSSレベルは1〜7です' }).nullable(),
  )
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'on')
const lockVersion = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value === '' ? null : Number(value)))
const level = (n: number) =>
  z
    .string({ message: `レベル${n}の説明を入力してください` })
    .trim()
    .min(1, { message: `レベル${n}の説明を入力してください` })
    .max(500)

export const SkillFormSchema = z.object({
  lockVersion,
  id,
  name,
  areaId: z.string({ message: '分野を選択してください' }).min(1, { message: '分野を選択してください' }),
  description: text,
  level1: level(1),
  level2: level(2),
  level3: level(3),
  level4: level(4),
  synonyms: lines,
  source: text,
  ipaSkill: optionalText,
  sortOrder,
  retired: checkbox,
})

export const RoleFormSchema = z.object({
  lockVersion,
  id,
  name,
  displayGroup: optionalText,
  duties: text,
  description: text,
  source: text,
  internal: checkbox,
  synonyms: lines,
  ipaRole: optionalText,
  itssLevel,
  sortOrder,
  retired: checkbox,
})

export const AreaFormSchema = z.object({ lockVersion, id, name, description: text, sortOrder, retired: checkbox })

export const QualificationFormSchema = z.object({
  lockVersion,
  id,
  name,
  category: z
    .string({ message: '区分を入力してください' })
    .trim()
    .min(1, { message: '区分を入力してください' })
    .max(100),
  issuer: z.string().trim().max(100).default(''),
  description: text,
  itssLevel,
  synonyms: lines,
  sortOrder,
  retired: checkbox,
})

export const EDIT_KINDS = ['skills', 'roles', 'areas', 'qualifications'] as const
export type EditKind = (typeof EDIT_KINDS)[number]

export const FORM_SCHEMAS = {
  skills: SkillFormSchema,
  roles: RoleFormSchema,
  areas: AreaFormSchema,
  qualifications: QualificationFormSchema,
} as const

/** Role requirement rows come as `req-level-<skillId>` (''|'1'..'4') and `req-essential-<skillId>` ('on'). */
export function parseRequirements(formData: FormData, skillIds: readonly string[]) {
  const requirements: Array<{ skillId: string; minLevel: number; essential: boolean }> = []
  const errors: string[] = []
  for (const skillId of skillIds) {
    const raw = formData.get(`req-level-${skillId}`)
    if (raw === null || raw === '') continue
    const minLevel = Number(raw)
    if (![1, 2, 3, 4].includes(minLevel)) {
      errors.push(`必要レベルは1〜4で選択してください（${skillId}）`)
      continue
    }
    requirements.push({ skillId, minLevel, essential: formData.get(`req-essential-${skillId}`) === 'on' })
  }
  return { requirements, errors }
}

export const PublishSchema = z.object({
  intent: z.literal('publish'),
  lockVersion: z.coerce.number().int(),
  title: z
    .string({ message: '版の名称を入力してください' })
    .trim()
    .min(1, { message: '版の名称を入力してください' })
    .max(200),
  changeNote: z
    .string({ message: '変更内容の説明を入力してください' })
    .trim()
    .min(5, { message: '変更内容の説明を5文字以上で入力してください（公開後、変更履歴に表示されます）' })
    .max(4000, { message: '4000文字以内にしてください' }),
})
