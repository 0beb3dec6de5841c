// The published skill standard's synonyms (検索語), for every search that takes words about skills: the
// catalogue (/skills), open calls, profiles (search/synonyms.ts expands a query with them). Read from the
// published version, so a new version's words count in every search at once, with no index rebuilt.
import type { DbExecutor } from '../../db/client'
import { findVersionByStatus } from '../../db/queries/skill-standard'
import type { CatalogueContent } from '../../db/skill-standard-content'
import { sharedReadingAnalyzer } from '../../search/readings'
import { buildSkillReadings, type SkillReadings } from '../../search/skill-readings'
import { buildSynonymMap, type SynonymMap } from '../../search/synonyms'
import { readPublicVersionContent } from './skill-standard.server'

// The content of a published version is shared and immutable (readPublicVersionContent): so is its synonym map.
const synonymMaps = new WeakMap<CatalogueContent, SynonymMap>()

export function synonymMapOf(content: CatalogueContent): SynonymMap {
  let map = synonymMaps.get(content)
  if (!map) synonymMaps.set(content, (map = buildSynonymMap(content)))
  return map
}

/** The synonym map of the current published version; null before anything is published. */
export async function loadPublishedSynonyms(db: DbExecutor): Promise<SynonymMap | null> {
  const version = await findVersionByStatus(db, 'published')
  return version ? synonymMapOf(await readPublicVersionContent(db, version)) : null
}

// Also immutable per version: the readings of its skill names' words (search/skill-readings.ts). Read once by
// the analyser process; a failed read is not kept, so the next search tries again.
const skillReadingsByContent = new WeakMap<CatalogueContent, Promise<SkillReadings | null>>()

export function skillReadingsOf(content: CatalogueContent): Promise<SkillReadings | null> {
  let readings = skillReadingsByContent.get(content)
  if (!readings) {
    readings = buildSkillReadings(
      content.skills.map((skill) => skill.name),
      sharedReadingAnalyzer(),
    ).then((built) => {
      if (built === null) skillReadingsByContent.delete(content)
      return built
    })
    skillReadingsByContent.set(content, readings)
  }
  return readings
}

/** The skill-name readings of the current published version; null before anything is published. */
export async function loadPublishedSkillReadings(db: DbExecutor): Promise<SkillReadings | null> {
  const version = await findVersionByStatus(db, 'published')
  return version ? skillReadingsOf(await readPublicVersionContent(db, version)) : null
}
