// The search documents of the skill-standard catalogue (スキル標準): one per skill, role and qualification of
// the CURRENT PUBLISHED version, rebuilt from Postgres. Text is indexed as written, folded in width only
// (the catalogue writes katakana words in katakana); each text field has a reading twin (./reading-fields.ts),
// so ひょうじゅんか finds 標準化; synonyms are expanded on the query side (../synonyms.ts). Why each field exists
// is written in ../indexes.ts next to the settings.
import { z } from 'zod'
import type { CatalogueContent } from '../../db/skill-standard-content'
import { foldForSearch } from '../normalize'
import type { TextField } from './reading-fields'

export const SKILL_CATALOGUE_TYPES = ['skill', 'role', 'qualification'] as const
export type SkillCatalogueType = (typeof SKILL_CATALOGUE_TYPES)[number]

const STABLE_ID = /^[a-z0-9][a-z0-9-]{1,62}$/

/**
 * Meilisearch document ids allow only [A-Za-z0-9_-], so the outbox id `skill:bpr` is stored as `skill_bpr`.
 * Stable ids never contain `_`, so the first `_` separates the type again.
 */
export function catalogueDocumentKey(searchId: string): string | null {
  const [type, id, ...rest] = searchId.split(':')
  if (
    rest.length > 0 ||
    !(SKILL_CATALOGUE_TYPES as readonly string[]).includes(type ?? '') ||
    !STABLE_ID.test(id ?? '')
  )
    return null
  return `${type}_${id}`
}

/** `skill_bpr` → `skill:bpr` (the outbox / catalogueSearchIds form). */
export function searchIdFromDocumentKey(key: string): string {
  const at = key.indexOf('_')
  return `${key.slice(0, at)}:${key.slice(at + 1)}`
}

export const SkillCatalogueDocumentSchema = z.object({
  key: z.string().regex(/^(skill|role|qualification)_[a-z0-9][a-z0-9-]{1,62}$/),
  type: z.enum(SKILL_CATALOGUE_TYPES),
  /** The stable id (bpr, project-manager, ipa-ap). */
  id: z.string().regex(STABLE_ID),
  name: z.string().min(1),
  /** 検索語: the item's own synonyms as the ministry wrote them (ガバクラ, PM, セキスペ). */
  synonyms: z.array(z.string()),
  description: z.string(),
  /** Skills: their area (分野). Empty for roles and qualifications. */
  area_name: z.string(),
  /** Skills: the names of the roles requiring them. Roles: the names of their required skills. */
  related_names: z.array(z.string()),
  /** Roles: duties (職務); qualifications: category and issuer. */
  details: z.string(),
  /** Retired items stay findable (profiles still carry them) but are filtered out unless asked for. */
  retired: z.boolean(),
  version_no: z.number().int().min(1),
  /** Display order of the catalogue page (skills by area, then roles, then qualifications): breaks ties. */
  display_rank: z.number().int().min(0),
  // Reading twins, filled when the catalogue is loaded for the index.
  synonyms_reading: z.array(z.string()),
  name_reading: z.string(),
  area_name_reading: z.string(),
  related_names_reading: z.array(z.string()),
  details_reading: z.string(),
  description_reading: z.string(),
})
export type SkillCatalogueDocument = z.infer<typeof SkillCatalogueDocumentSchema>

/** The fields with a reading twin: every text field (search/indexes.ts searches the twins after the text). */
export const SKILL_CATALOGUE_READING_FIELDS = [
  'synonyms',
  'name',
  'area_name',
  'related_names',
  'details',
  'description',
] as const satisfies ReadonlyArray<TextField<SkillCatalogueDocument>>

type CatalogueText = Pick<
  SkillCatalogueDocument,
  'name' | 'synonyms' | 'description' | 'area_name' | 'related_names' | 'details'
>

/** Width-folded text (normalize.ts) and empty reading twins. */
function searchText(doc: CatalogueText) {
  return {
    name: foldForSearch(doc.name),
    synonyms: doc.synonyms.map(foldForSearch),
    description: foldForSearch(doc.description),
    area_name: foldForSearch(doc.area_name),
    related_names: doc.related_names.map(foldForSearch),
    details: foldForSearch(doc.details),
    synonyms_reading: [],
    name_reading: '',
    area_name_reading: '',
    related_names_reading: [],
    details_reading: '',
    description_reading: '',
  }
}

/** Every document of one version (in display order). */
export function buildSkillCatalogueDocuments(content: CatalogueContent, versionNo: number): SkillCatalogueDocument[] {
  const areaNames = new Map(content.areas.map((a) => [a.id, a.name]))
  const areaOrder = new Map(content.areas.map((a, index) => [a.id, index]))
  const skillNames = new Map(content.skills.map((s) => [s.id, s.name]))
  const rolesRequiring = (skillId: string) =>
    content.roles.filter((r) => r.requirements.some((q) => q.skillId === skillId)).map((r) => r.name)
  const skills = [...content.skills].sort((a, b) => (areaOrder.get(a.areaId) ?? 0) - (areaOrder.get(b.areaId) ?? 0))

  const documents: SkillCatalogueDocument[] = []
  const push = (doc: CatalogueText & Pick<SkillCatalogueDocument, 'type' | 'id' | 'retired'>) =>
    documents.push(
      SkillCatalogueDocumentSchema.parse({
        ...doc,
        ...searchText(doc),
        key: `${doc.type}_${doc.id}`,
        version_no: versionNo,
        display_rank: documents.length,
      }),
    )

  for (const s of skills) {
    push({
      type: 'skill',
      id: s.id,
      name: s.name,
      synonyms: s.synonyms,
      description: s.description,
      area_name: areaNames.get(s.areaId) ?? '',
      related_names: rolesRequiring(s.id),
      details: '',
      retired: s.retired,
    })
  }
  for (const r of content.roles) {
    push({
      type: 'role',
      id: r.id,
      name: r.name,
      synonyms: r.synonyms,
      description: r.description,
      area_name: '',
      related_names: r.requirements.map((q) => skillNames.get(q.skillId) ?? q.skillId),
      details: [r.displayGroup, r.duties].filter(Boolean).join(' '),
      retired: r.retired,
    })
  }
  for (const q of content.qualifications) {
    push({
      type: 'qualification',
      id: q.id,
      name: q.name,
      synonyms: q.synonyms,
      description: q.description,
      area_name: '',
      related_names: [],
      details: [q.category, q.issuer].filter(Boolean).join(' '),
      retired: q.retired,
    })
  }
  return documents
}
