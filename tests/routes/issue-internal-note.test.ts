// The prefecture's hearing note (県のメモ) on a municipal issue is internal: for every role, the loader data of
// every issue page (list, detail, edit) holds it only for prefecture and ministry staff, never for the
// municipality that posted the issue, whatever the page shows on screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader as issueLoader } from '../../app/routes/issues.$id/route'
import { loader as editLoader } from '../../app/routes/issues.$id_.edit/route'
import { loader as listLoader } from '../../app/routes/issues._index/route'
import { action as newIssueAction } from '../../app/routes/issues.new/route'
import type { Services } from '../../app/services.server'
import type { Role } from '../../app/utils/permissions'
import { loginAs } from '../factories'
import { createTestServices, routeArgs } from '../services'

const NOTE = '7/1 ヒアリング: 財政課と調整が難航（内部メモ）'
/** role → may read the note (undefined: may not open issue pages at all). */
const ROLES: Array<{ role: Role; readsNote: boolean | undefined }> = [
  { role: 'professional', readsNote: undefined },
  { role: 'municipal_staff', readsNote: false },
  { role: 'prefecture_staff', readsNote: true },
  { role: 'prefecture_admin', readsNote: true },
  { role: 'ministry_staff', readsNote: true },
  { role: 'ministry_admin', readsNote: true },
]

let services: Services
let issueId: string
beforeAll(async () => {
  services = await createTestServices()
  const hiroshima = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).cookie
  const created = (await newIssueAction(
    routeArgs(services, '/issues/new', {
      cookie: hiroshima,
      form: {
        municipalityCode: '343684',
        title: '標準化の移行計画が立てられない',
        currentSituation: '情報担当が1人で、ベンダーとの仕様調整が追いつかない。',
        desiredOutcome: '移行計画を作り、ベンダーと調整できる体制にしたい。',
        urgency: 'high',
        topicSkillIds: ['government-cloud'],
        itStaffing: 'one',
        contactName: '安芸 太郎',
        contactEmail: 'joho@town.example.jp',
        prefectureNote: NOTE,
      },
    }),
  )) as Response
  expect(created.status).toBe(302)
  issueId = created.headers.get('Location')!.split('/').pop()!
})
afterAll(async () => {
  await services?.close()
})

/** Every issue page's loader data this user can open, as the JSON the browser would receive. */
async function pageData(cookie: string): Promise<{ opened: string[]; json: string }> {
  const opened: string[] = []
  const parts: string[] = []
  const pages = [
    ['list', () => listLoader(routeArgs(services, '/issues', { cookie }))],
    ['detail', () => issueLoader(routeArgs(services, `/issues/${issueId}`, { cookie, params: { id: issueId } }))],
    [
      'detail ?_data',
      () =>
        issueLoader(
          routeArgs(services, `/issues/${issueId}?_data=routes%2Fissues.%24id`, { cookie, params: { id: issueId } }),
        ),
    ],
    ['edit', () => editLoader(routeArgs(services, `/issues/${issueId}/edit`, { cookie, params: { id: issueId } }))],
  ] as const
  for (const [name, load] of pages) {
    try {
      parts.push(JSON.stringify(await load()))
      opened.push(name)
    } catch (error) {
      if (!(error instanceof Response) || ![403, 404].includes(error.status)) throw error
    }
  }
  return { opened, json: parts.join('\n') }
}

describe('the hearing note reaches only the roles that may read it', () => {
  it.each(ROLES)('$role', async ({ role, readsNote }) => {
    const cookie = (
      await loginAs(services, {
        role,
        prefectureCode: role.startsWith('prefecture') ? '34' : undefined,
        municipalityCode: role === 'municipal_staff' ? '343684' : undefined,
      })
    ).cookie
    const { opened, json } = await pageData(cookie)
    if (readsNote === undefined) {
      expect(opened).toEqual([])
      return
    }
    // The role does open the issue (so the check below is about data, not about access).
    expect(opened).toContain('detail')
    if (role === 'municipal_staff') expect(opened).toContain('edit')
    expect(json.includes(NOTE)).toBe(readsNote)
    if (!readsNote) expect(json).not.toContain('prefecture_note')
  })
})
