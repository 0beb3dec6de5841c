// The parts of the current published skill standard that issues and needs are written with: topics and
// skills by area, the 市町村支援業務 tasks, and the roles (人材像) with their requirements.
import type { DbExecutor } from '../../db/client'
import { type CatalogueContent, SKILL_LEVELS } from '../../db/skill-standard-content'
import { SKILL_LEVEL_LABELS } from '../utils/labels'
import { deepFreeze, findCurrentVersion, readPublicVersionContent } from './skill-standard.server'

/** The catalogue area whose skills are the support tasks (002:415-424). */
const SUPPORT_TASK_AREA_ID = 'municipal-support'

export interface NeedCatalogue {
  versionTitle: string | null
  areas: Array<{ id: string; name: string; skills: Array<{ id: string; name: string; description: string }> }>
  tasks: Array<{ id: string; name: string; description: string }>
  roles: Array<{
    id: string
    name: string
    duties: string
    requirements: Array<{ skillId: string; minLevel: number; essential: boolean }>
  }>
  levels: Array<{ level: number; label: string }>
}

// Derived once per published version (its content is immutable and shared, see readPublicVersionContent).
const derived = new WeakMap<CatalogueContent, Omit<NeedCatalogue, 'versionTitle'>>()

export async function loadNeedCatalogue(db: DbExecutor): Promise<NeedCatalogue> {
  const version = await findCurrentVersion(db)
  if (!version) return { versionTitle: null, areas: [], tasks: [], roles: [], levels: levelOptions() }
  const content = await readPublicVersionContent(db, version)
  let parts = derived.get(content)
  if (!parts) derived.set(content, (parts = deepFreeze(needCatalogueOf(content))))
  return { versionTitle: `第${version.version_no}版 ${version.title}`, ...parts }
}

function needCatalogueOf(content: CatalogueContent): Omit<NeedCatalogue, 'versionTitle'> {
  const skills = content.skills.filter((skill) => !skill.retired)
  const areas = content.areas
    .filter((area) => !area.retired)
    .map((area) => ({
      id: area.id,
      name: area.name,
      skills: skills
        .filter((s) => s.areaId === area.id)
        .map((s) => ({ id: s.id, name: s.name, description: s.description })),
    }))
    .filter((area) => area.skills.length > 0)
  return {
    areas,
    tasks: areas.find((area) => area.id === SUPPORT_TASK_AREA_ID)?.skills ?? [],
    roles: content.roles
      // Internal roles (DX推進リーダー: the municipality's own staff, 002:452-474) are not recruited.
      .filter((role) => !role.retired && !role.internal)
      .map((role) => ({
        id: role.id,
        name: role.name,
        duties: role.duties,
        requirements: role.requirements.map((r) => ({
          skillId: r.skillId,
          minLevel: r.minLevel,
          essential: r.essential,
        })),
      })),
    levels: levelOptions(),
  }
}

function levelOptions() {
  return SKILL_LEVELS.map((level) => ({ level, label: SKILL_LEVEL_LABELS[level] }))
}

export function catalogueNameMaps(catalogue: NeedCatalogue) {
  return {
    skills: new Map(catalogue.areas.flatMap((area) => area.skills.map((s) => [s.id, s.name] as const))),
    roles: new Map(catalogue.roles.map((r) => [r.id, r.name] as const)),
  }
}
