// `npm run bench:search`: latency of local-government searches against the real bundled Meilisearch,
// comparing Node's global fetch (the client's default) with our keep-alive node:http transport.
// Results go to docs/BENCHMARKS.md by hand, with the machine they were measured on.
import crypto from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Meilisearch } from 'meilisearch'
import { createSearchClient } from '../../search/client'
import { buildLocalGovernmentDocument } from '../../search/documents/local-government'
import { applyIndexSettings, INDEXES } from '../../search/indexes'
import { startMeilisearch } from '../../search/meili-server'
import { searchLocalGovernments } from '../../search/queries/local-government'
import { loadLocalGovernmentRows } from '../../seeds/local-governments'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300)
const queries = ['さっぽろ', '札幌', 'ひろしま', 'よこはま', 'ヨコハマ', 'みさと', '池田', 'あさひ', 'ｻｯﾎﾟﾛ', '千代田']

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

async function measure(label: string, run: (q: string) => Promise<unknown>) {
  for (const q of queries) await run(q) // warm-up
  const times: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now()
    await run(queries[i % queries.length]!)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const fmt = (n: number) => n.toFixed(2).padStart(7)
  console.log(
    `| ${label.padEnd(48)} | ${fmt(percentile(times, 50))} | ${fmt(percentile(times, 95))} | ${fmt(percentile(times, 99))} |`,
  )
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dxp-bench-'))
const masterKey = crypto.randomBytes(16).toString('hex')
const meili = await startMeilisearch({ dataDir, masterKey, port: 0 })
try {
  const search = createSearchClient({ url: meili.url, apiKey: masterKey, indexPrefix: 'bench_' })
  await applyIndexSettings(search)
  const rows = loadLocalGovernmentRows().map((row) => ({ ...row, active: row.active ?? true, updated_at: new Date() }))
  const prefectureNames = new Map(rows.filter((r) => r.kind === 'prefecture').map((r) => [r.prefecture_code, r.name]))
  const documents = rows.map((row) => buildLocalGovernmentDocument(row, prefectureNames.get(row.prefecture_code) ?? ''))
  const uid = search.indexUid('local_government')
  await search.meili.index(uid).addDocuments(documents, { primaryKey: INDEXES.local_government.primaryKey }).waitTask()

  const plain = new Meilisearch({ host: meili.url, apiKey: masterKey })
  console.log(
    `\n${ROUNDS} searches each, ${documents.length} documents, Meilisearch ${(await plain.getVersion()).pkgVersion}, Node ${process.version}\n`,
  )
  console.log(`| ${'what (ms per search)'.padEnd(48)} |     p50 |     p95 |     p99 |`)
  console.log(`|${'-'.repeat(50)}|--------:|--------:|--------:|`)
  await measure('client with global fetch (default)', (q) => plain.index(uid).search(q, { limit: 20 }))
  await measure('client with keep-alive node:http transport', (q) => search.meili.index(uid).search(q, { limit: 20 }))
  await measure('searchLocalGovernments (normalise + search)', (q) => searchLocalGovernments(search, { q, limit: 20 }))
  search.close()
} finally {
  await meili.stop()
  await rm(dataDir, { recursive: true, force: true })
}
