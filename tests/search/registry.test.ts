// Every entry of the search registry against the real Meilisearch: a record of each entity builds a document
// its schema accepts, reaches the entity's index through the outbox worker, and is there again after a full
// rebuild. A new entity gets its sample record in SAMPLES (the type asks for one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDemoContent } from '../../app/models/demo-content.server'
import type { Services } from '../../app/services.server'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import { reindexAll } from '../../jobs/reindex'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { INDEXES } from '../../search/indexes'
import { SEARCH_ENTITIES, SEARCH_REGISTRY, type SearchEntity } from '../../search/registry'
import { createProfile, createUser } from '../factories'
import { createTestServices } from '../services'

let services: Services
const db = () => services.database.db

/** One searchable record of each entity; returns its outbox id. */
const SAMPLES: { [E in SearchEntity]: () => Promise<string> } = {
  // The master data and the seed's published skill standard are there from the start.
  local_government: async () => '011002',
  skill_catalogue: async () => 'skill:bpr',
  profile: async () => createProfile(db(), (await createUser(db())).id, { visibility: 'all' }),
  need: async () => {
    await createUser(db(), { email: 'akiota@demo.dx500.example.jp', role: 'municipal_staff' })
    await createUser(db(), { email: 'hiroshima@demo.dx500.example.jp', role: 'prefecture_staff' })
    await ensureDemoContent(services)
    const need = await db().selectFrom('need').select('id').where('status', '=', 'published').executeTakeFirstOrThrow()
    return need.id
  },
}

/** The outbox id of each entity's sample and the key of its document in the index. */
const samples = new Map<SearchEntity, { id: string; key: string; document: unknown }>()

async function drain() {
  for (let i = 0; i < 10; i++)
    if ((await drainSearchOutboxOnce({ db: db(), search: services.search })).claimed === 0) return
}

beforeAll(async () => {
  services = await createTestServices()
})
afterAll(async () => {
  await services?.close()
})

describe('search registry', () => {
  it.each(SEARCH_ENTITIES)(
    '%s: a record builds a valid document and reaches the index through the outbox',
    async (entity) => {
      const entry = SEARCH_REGISTRY[entity]
      const id = await SAMPLES[entity]()
      expect(await entry.listIds(db())).toContain(id)

      const built = await entry.load(db(), [id])
      expect(built.deleteIds).toEqual([])
      expect(built.documents).toHaveLength(1)
      const document = built.documents[0]!
      expect(entry.document.parse(document)).toEqual(document)
      const key = (document as Record<string, unknown>)[INDEXES[entity].primaryKey]
      expect(typeof key).toBe('string')
      samples.set(entity, { id, key: key as string, document })

      const index = services.search.meili.index(services.search.indexUid(entity))
      await index.deleteDocument(key as string).waitTask()
      await enqueueSearchSync(db(), entity, [id])
      await drain()
      expect(await index.getDocument(key as string)).toEqual(document)
      expect((await services.search.meili.getRawIndex(index.uid)).primaryKey).toBe(INDEXES[entity].primaryKey)
    },
  )

  it('rebuilds every entity: each index holds its ids again, sample included, with nothing left behind', async () => {
    expect([...samples.keys()]).toEqual(SEARCH_ENTITIES)
    for (const [entity, { key }] of samples) {
      await services.search.meili.index(services.search.indexUid(entity)).deleteDocument(key).waitTask()
    }

    const counts = await reindexAll(db(), services.search)

    for (const [entity, { key, document }] of samples) {
      expect(counts[entity]).toBe((await SEARCH_REGISTRY[entity].listIds(db())).length)
      const uid = services.search.indexUid(entity)
      expect(await services.search.meili.index(uid).getDocument(key)).toEqual(document)
      const { results } = await services.search.meili.getIndexes({ limit: 1000 })
      expect(results.map((i) => i.uid).filter((u) => u.startsWith(uid))).toEqual([uid])
    }
  })
})
