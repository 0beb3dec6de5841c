// The search document of a need (ニーズ). Only 公開 needs are in the index: a draft, or a need taken off
// (選考中, 充足, 終了, 取下げ), is deleted from it on the next drain, so nothing unpublished can leak through
// search. `open_call` says whether the prefecture chose to list it on the public open calls page; the needs
// a prefecture keeps to itself are indexed too, for searches filtered to that prefecture.
import { z } from 'zod'
import { foldForSearch } from '../normalize'
import type { TextField } from './reading-fields'

export const NeedDocumentSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  background: z.string(),
  task_details: z.string(),
  prefecture_code: z.string(),
  prefecture_name: z.string(),
  municipality_codes: z.array(z.string()),
  municipality_names: z.array(z.string()),
  role_id: z.string().nullable(),
  role_name: z.string(),
  /** The support tasks and every required skill: what 「分野」 filters on. */
  topic_ids: z.array(z.string()),
  topic_names: z.array(z.string()),
  /** `skill_id:min_level` of the essential skills, for matching. */
  essential_skill_levels: z.array(z.string()),
  employment_form: z.string().nullable(),
  remote: z.boolean(),
  remote_days_per_week: z.number().nullable(),
  days_per_week_total: z.number(),
  open_call: z.boolean(),
  start_on: z.string().nullable(),
  published_at: z.number(),
  // Reading twins (./reading-fields.ts): empty here, filled when the need is loaded for the index, except the
  // places, which are read from the master data (安芸太田町 is あきおおたちょう, which no analyser guesses).
  title_reading: z.string(),
  background_reading: z.string(),
  task_details_reading: z.string(),
  prefecture_name_reading: z.string(),
  municipality_names_reading: z.array(z.string()),
  role_name_reading: z.string(),
  topic_names_reading: z.array(z.string()),
})
export type NeedDocument = z.infer<typeof NeedDocumentSchema>

/** The fields with a reading twin (search/indexes.ts searches the twins after the text). */
export const NEED_READING_FIELDS = [
  'title',
  'topic_names',
  'role_name',
  'municipality_names',
  'prefecture_name',
  'task_details',
  'background',
] as const satisfies ReadonlyArray<TextField<NeedDocument>>

export interface NeedForIndex {
  id: string
  prefecture_code: string
  prefecture_name: string
  /** The prefecture's reading from the master data (localGovernmentReading), when the loader looked it up. */
  prefecture_reading?: string
  status: string
  title: string
  background: string
  task_skill_ids: string[]
  task_details: string
  role_id: string | null
  employment_form: string | null
  remote_days_per_week: string | number | null
  open_call: boolean
  start_on: string | null
  published_at: Date | string | null
  updated_at: Date | string
  /** reading: from the master data (localGovernmentReading: アキオオタ アキオオタチョウ), when the loader looked it up. */
  municipalities: Array<{ code: string; name: string; reading?: string; days_per_week: string | number }>
  skills: Array<{ skill_id: string; min_level: number; essential: boolean }>
}

/** Names from the current published catalogue; an id it no longer has keeps its id as its name. */
export interface CatalogueNames {
  skills: Map<string, string>
  roles: Map<string, string>
}

/** Returns null for a need that must not be searchable (anything but 公開). */
export function buildNeedDocument(need: NeedForIndex, names: CatalogueNames): NeedDocument | null {
  if (need.status !== 'published') return null
  const topicIds = [...new Set([...need.task_skill_ids, ...need.skills.map((s) => s.skill_id)])]
  const remoteDays = need.remote_days_per_week === null ? null : Number(need.remote_days_per_week)
  return NeedDocumentSchema.parse({
    id: need.id,
    // Text is folded in width like queries (normalize.ts): pages show rows from Postgres, never these fields.
    title: foldForSearch(need.title),
    background: foldForSearch(need.background),
    task_details: foldForSearch(need.task_details),
    prefecture_code: need.prefecture_code,
    prefecture_name: foldForSearch(need.prefecture_name),
    municipality_codes: need.municipalities.map((m) => m.code),
    municipality_names: need.municipalities.map((m) => foldForSearch(m.name)),
    role_id: need.role_id,
    role_name: foldForSearch(need.role_id ? (names.roles.get(need.role_id) ?? need.role_id) : ''),
    topic_ids: topicIds,
    topic_names: topicIds.map((id) => foldForSearch(names.skills.get(id) ?? id)),
    essential_skill_levels: need.skills.filter((s) => s.essential).map((s) => `${s.skill_id}:${s.min_level}`),
    employment_form: need.employment_form,
    remote: remoteDays !== null && remoteDays > 0,
    remote_days_per_week: remoteDays,
    days_per_week_total: need.municipalities.reduce((sum, m) => sum + Number(m.days_per_week), 0),
    open_call: need.open_call,
    start_on: need.start_on,
    published_at: new Date(need.published_at ?? need.updated_at).getTime(),
    title_reading: '',
    background_reading: '',
    task_details_reading: '',
    prefecture_name_reading: need.prefecture_reading ?? '',
    municipality_names_reading: need.municipalities.every((m) => m.reading)
      ? need.municipalities.map((m) => m.reading!)
      : [],
    role_name_reading: '',
    topic_names_reading: [],
  })
}
