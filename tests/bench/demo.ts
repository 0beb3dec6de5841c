// The national demo's build without a server: a fresh embedded database in its own process (as `npm start`
// runs it), migrated, seeded and analyzed, then buildNationalDemo through the models, with the statements each
// phase sends and the seconds it takes. No search worker runs: this measures the build's own cost (docs/BENCHMARKS.md).
// Run: npm run bench:demo -- [--professionals N] [--json]. The last line with --json is
// {"seconds","statements","databaseSeconds","phases":[{"phase","seconds","statements"}]}.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildNationalDemo, type DemoPhase } from '../../app/models/demo/generator.server'
import { DEMO_PROFESSIONALS } from '../../app/models/demo/plan.server'
import type { Services } from '../../app/services.server'
import { parseEnv } from '../../app/utils/env.server'
import { createLucia } from '../../app/utils/session.server'
import { createDatabase } from '../../db/client'
import { analyzeDatabase } from '../../db/maintenance'
import { migrateToLatest } from '../../db/migrate'
import { countQueries, currentQueryStats } from '../../db/query-stats'
import { createSearchClient } from '../../search/client'
import { seedMasterData } from '../../seeds/index'

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    professionals: { type: 'string', default: String(DEMO_PROFESSIONALS) },
  },
})

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dxp-demo-bench-'))
const database = await createDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite'), ownProcess: true })
try {
  await migrateToLatest(database.db)
  await seedMasterData(database.db)
  // As the server does before it builds the demo (app/services.server.ts).
  await analyzeDatabase(database.db)
  const services: Services = {
    env: parseEnv({ NODE_ENV: 'production', DATA_DIR: dataDir }),
    database,
    // Nothing listens there: the build only writes the outbox, it never calls search.
    search: createSearchClient({ url: 'http://127.0.0.1:9', apiKey: 'unused', indexPrefix: 'bench_' }),
    worker: undefined,
    mailWorker: undefined,
    maxOutboxAttempts: 8,
    auth: createLucia(database.db, { secureCookies: false }),
    sessionSecrets: ['bench-secret-bench-secret-bench-secret'],
    secureCookies: false,
    appUrl: 'http://localhost:3000',
    close: async () => {},
  }
  const phases: Array<{ phase: DemoPhase; seconds: number; statements: number }> = []
  const started = performance.now()
  const result = await countQueries(async () => {
    let mark = { at: performance.now(), statements: 0 }
    const built = await buildNationalDemo(services, {
      professionals: Number(args.professionals),
      onProgress(progress) {
        if (progress.done < progress.total) return
        const stats = currentQueryStats()!
        phases.push({
          phase: progress.phase,
          seconds: Math.round((performance.now() - mark.at) / 100) / 10,
          statements: stats.statements - mark.statements,
        })
        mark = { at: performance.now(), statements: stats.statements }
      },
    })
    return { built, stats: { ...currentQueryStats()! } }
  })
  if (result.built.status !== 'built') throw new Error(`demo not built: ${result.built.status}`)
  const summary = {
    seconds: Math.round((performance.now() - started) / 100) / 10,
    statements: result.stats.statements,
    databaseSeconds: Math.round(result.stats.durationMs / 100) / 10,
    phases,
  }
  if (!args.json)
    for (const p of phases)
      console.log(`${p.phase.padEnd(14)} ${String(p.seconds).padStart(6)} s ${p.statements} statements`)
  console.log(args.json ? JSON.stringify(summary) : `built in ${summary.seconds} s, ${summary.statements} statements`)
} finally {
  await database.close()
  await rm(dataDir, { recursive: true, force: true })
}
