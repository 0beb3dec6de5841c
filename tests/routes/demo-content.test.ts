// The embedded setup's demo content: written through the real models, published, searchable, and added once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDemoContent } from '../../app/models/demo-content.server'
import type { Services } from '../../app/services.server'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { searchNeeds } from '../../search/queries/needs'
import { createUser } from '../factories'
import { createTestServices } from '../services'

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
})
