// Profile search for staff. The viewer's audience is not optional: a search without it cannot be written,
// so no code path can search profiles outside what their owners consented to.
import type { SearchClient } from '../client'
import { normalizeQuery } from '../normalize'

export type ProfileViewer = { kind: 'prefecture'; prefectureCode: string } | { kind: 'ministry' }

/** The audience tokens a viewer may see (search/documents/profile.ts). */
export function audienceOf(viewer: ProfileViewer): string[] {
  if (viewer.kind === 'ministry') return ['national']
  if (!/^(0[1-9]|[1-3][0-9]|4[0-7])$/.test(viewer.prefectureCode)) throw new RangeError(`Invalid prefecture code: ${viewer.prefectureCode}`)
  return ['all-prefectures', `pref:${viewer.prefectureCode}`]
}

const quote = (value: string) => `"${value.replace(/["\\]/g, '')}"`

export async function searchProfiles(
  client: SearchClient,
  viewer: ProfileViewer,
  params: { q?: string; skillId?: string; minLevel?: number; employmentForm?: string; workPrefectureCode?: string; remoteOk?: boolean; limit?: number; offset?: number },
): Promise<{ ids: string[]; total: number }> {
  const filter: Array<string | string[]> = [audienceOf(viewer).map((token) => `audience = ${quote(token)}`)]
  if (params.skillId) filter.push(`skill_levels = ${quote(`${params.skillId}:${params.minLevel ?? 1}`)}`)
  if (params.employmentForm) filter.push(`employment_forms = ${quote(params.employmentForm)}`)
  if (params.workPrefectureCode) filter.push([`work_area = "all"`, `work_prefecture_codes = ${quote(params.workPrefectureCode)}`])
  if (params.remoteOk) filter.push('remote_ok = true')
  const limit = Math.min(Math.max(params.limit ?? 20, 1), 100)
  const response = await client.meili.index(client.indexUid('profile')).search(normalizeQuery(params.q ?? ''), {
    filter,
    hitsPerPage: limit,
    page: Math.floor((params.offset ?? 0) / limit) + 1,
    attributesToRetrieve: ['id'],
    locales: ['jpn'],
  })
  return { ids: response.hits.map((hit) => String(hit.id)), total: response.totalHits ?? 0 }
}
