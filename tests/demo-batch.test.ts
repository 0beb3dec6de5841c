// The demo generator's batches (app/models/demo/batch.server.ts): the models' audit and search outbox rows are
// written together before the batch commits — the same rows in the same order as one save at a time, in fewer
// statements — the batch reads master data and the published catalogue from the app's caches, and nothing of a
// batch that fails is written.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inDemoBatch } from '../app/models/demo/batch.server'
import { buildProfile, type ProfileSpec } from '../app/models/demo/builders.server'
import { readCurrentCatalogue } from '../app/models/skill-standard.server'
import type { Services } from '../app/services.server'
import { deferredWritesOf } from '../db/deferred-writes'
import { listMunicipalitiesOfPrefecture } from '../db/queries/local-government'
import { countQueries, currentQueryStats } from '../db/query-stats'
import { createUser, demoContext, sessionUserOf } from './factories'
import { createTestServices } from './services'

let services: Services
beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(() => services.close())

const spec = (email: string): ProfileSpec => ({
  familyName: '試験',
  givenName: '一郎',
  familyNameKana: 'しけん',
  givenNameKana: 'いちろう',
  contactEmail: email,
  residencePrefectureCode: '34',
  availability: {
    employmentForms: ['part_time'],
    daysPerWeek: 2,
    availableFrom: null,
    workArea: 'all',
    workPrefectureCodes: [],
    remoteOk: true,
    onsiteDaysPerMonth: null,
    payMinYen: null,
    payMaxYen: null,
    payUnit: null,
  },
  consent: {
    visibility: 'all',
    visiblePrefectureCodes: [],
    nationalListConsent: false,
    publicDirectoryConsent: false,
    fittingNeedsDigest: false,
  },
})

async function auditOf(profileId: string) {
  const { rows } = await sql<{ id: number; action: string; after: Record<string, unknown> | null }>`
    select id, action, after from audit_log where entity = 'profile' and entity_id = ${profileId} order by id`.execute(
    services.database.db,
  )
  return rows
}

async function outboxOf(profileId: string) {
  const { rows } = await sql<{ entity_id: string }>`
    select entity_id from search_outbox where entity = 'profile' and entity_id = ${profileId}`.execute(
    services.database.db,
  )
  return rows
}

describe('a demo batch', () => {
  it('writes the audit and outbox rows of its saves, in order, with fewer statements than the saves one by one', async () => {
    const one = sessionUserOf(await createUser(services.database.db, { role: 'professional' }))
    const stats = { single: 0, batch: 0 }
    const single = await countQueries(async () => {
      const id = await buildProfile(demoContext(services, 'single'), one, spec(one.email))
      stats.single = currentQueryStats()!.statements
      return id
    })

    const two = sessionUserOf(await createUser(services.database.db, { role: 'professional' }))
    let held = { audit: 0, outbox: 0 }
    const batched = await countQueries(async () => {
      const id = await inDemoBatch(services, 'batch', async (context) => {
        const profileId = await buildProfile(context, two, spec(two.email))
        // Held until the batch's end, not written one by one.
        const buffer = deferredWritesOf(context.services.database.db)!
        held = { audit: buffer.audit.length, outbox: buffer.outbox.get('profile')?.size ?? 0 }
        return profileId
      })
      stats.batch = currentQueryStats()!.statements
      return id
    })

    expect(held).toEqual({ audit: 3, outbox: 1 })
    const [singleAudit, batchAudit] = [await auditOf(single), await auditOf(batched)]
    expect(batchAudit.map((r) => r.action)).toEqual(['create', 'update_availability', 'update_consent'])
    expect(batchAudit.map((r) => r.action)).toEqual(singleAudit.map((r) => r.action))
    // The same snapshots (the two people differ only in their address and the time of their consent).
    const keys = (rows: typeof singleAudit) => rows.map((r) => Object.keys(r.after ?? {}).sort())
    expect(keys(batchAudit)).toEqual(keys(singleAudit))
    expect(batchAudit[1]!.after).toEqual(singleAudit[1]!.after)
    expect(await outboxOf(batched)).toHaveLength(1)
    // One by one: each of the three saves has its begin, commit, audit row and outbox row (12). In the batch:
    // its begin, commit and two statements for its mail, and the held rows in two statements (6).
    expect(stats.single - stats.batch).toBe(12 - 6)
  })

  it("shares the app's caches of master data and the published catalogue instead of reading them per batch", async () => {
    const { db } = services.database
    await readCurrentCatalogue(db)
    await listMunicipalitiesOfPrefecture(db, '34')
    const read = await countQueries(() =>
      inDemoBatch(services, 'cached', async (context) => {
        const before = currentQueryStats()!.statements
        const catalogue = await readCurrentCatalogue(context.services.database.db)
        const municipalities = await listMunicipalitiesOfPrefecture(context.services.database.db, '34')
        return { statements: currentQueryStats()!.statements - before, catalogue, municipalities }
      }),
    )
    expect(read.catalogue?.content.skills.length).toBeGreaterThan(0)
    expect(read.municipalities.map((m) => m.name)).toContain('安芸太田町')
    expect(read.statements).toBe(0)
  })

  it('writes nothing of a batch that fails, the held rows included', async () => {
    const user = sessionUserOf(await createUser(services.database.db, { role: 'professional' }))
    let profileId = ''
    await expect(
      inDemoBatch(services, 'failing', async (context) => {
        profileId = await buildProfile(context, user, spec(user.email))
        throw new Error('a step refused')
      }),
    ).rejects.toThrow('a step refused')
    expect(profileId).not.toBe('')
    expect(await auditOf(profileId)).toEqual([])
    expect(await outboxOf(profileId)).toEqual([])
  })
})
