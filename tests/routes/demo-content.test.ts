// The embedded setup's demo content: written through the real models, published, searchable, and added once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CANDIDATES } from '../../app/models/demo-candidates.server'
import { ensureDemoContent } from '../../app/models/demo-content.server'
import { getNeedMatches } from '../../app/models/match.server'
import { MatchQuerySchema } from '../../app/utils/match-query'
import type { Services } from '../../app/services.server'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { searchNeeds } from '../../search/queries/needs'
import { createUser } from '../factories'
import { createTestServices, routeArgs } from '../services'

let services: Services
beforeAll(async () => {
  services = await createTestServices()
})
afterAll(async () => {
  await services?.close()
})

describe('demo content', () => {
  it('does nothing without the demo accounts', async () => {
    await ensureDemoContent(services)
    expect(await services.database.db.selectFrom('need').select('id').execute()).toEqual([])
  })

  it('adds one 課題 of 安芸太田町 and one published need of 広島県, once', async () => {
    const db = services.database.db
    await createUser(db, { email: 'akiota@demo.dx500.example.jp', role: 'municipal_staff', municipalityCode: '343684' })
    await createUser(db, { email: 'hiroshima@demo.dx500.example.jp', role: 'prefecture_staff', prefectureCode: '34' })
    await ensureDemoContent(services)
    await ensureDemoContent(services)

    const issues = await db.selectFrom('municipal_issue').select(['municipality_code', 'status']).execute()
    expect(issues).toEqual([{ municipality_code: '343684', status: 'in_need' }])
    const needs = await db.selectFrom('need').select(['id', 'prefecture_code', 'status', 'open_call']).execute()
    expect(needs).toMatchObject([{ prefecture_code: '34', status: 'published', open_call: true }])
    const municipalities = await db
      .selectFrom('need_municipality')
      .select('days_per_week')
      .where('need_id', '=', needs[0]!.id)
      .execute()
    expect(municipalities).toHaveLength(2)
    expect(
      await db.selectFrom('need_event').select('to_status').where('need_id', '=', needs[0]!.id).orderBy('id').execute(),
    ).toEqual([{ to_status: 'draft' }, { to_status: 'published' }])

    for (let i = 0; i < 10; i++) if ((await drainSearchOutboxOnce({ db, search: services.search })).claimed === 0) break
    expect((await searchNeeds(services.search, { kind: 'public' }, { q: 'ガバメントクラウド' })).ids).toEqual([
      needs[0]!.id,
    ])
  })

  it('gives the demo need candidates that show how matching ranks, explains and leaves people out', async () => {
    const db = services.database.db
    const [need] = await db.selectFrom('need').select('id').execute()
    const staff = await db
      .selectFrom('app_user')
      .selectAll()
      .where('email', '=', 'hiroshima@demo.dx500.example.jp')
      .executeTakeFirstOrThrow()
    const page = await getNeedMatches(routeArgs(services, '/').context, staff, need!.id, MatchQuerySchema.parse({}))
    expect(page.searchUnavailable).toBe(false)
    // Every 必須 skill met first (山田 above 佐藤: optional skills and evidence), then the strong one short of a
    // level (鈴木), then the one with other skills (高橋); 田中 (常勤のみ), 渡辺 (週1日) and 伊藤 (非公開) are out.
    expect(page.candidates.map((c) => c.name)).toEqual(['山田 花子', '佐藤 健', '鈴木 美咲', '高橋 大輔'])
    expect(page.candidates.map((c) => c.explanation.tier)).toEqual([0, 0, 1, 1])
    // Added once.
    await ensureDemoContent(services)
    expect(await db.selectFrom('profile').select('id').execute()).toHaveLength(DEMO_CANDIDATES.length)
  })
})
