// The national demo's build without a server: a fresh embedded database in its own process (as `npm start`
// runs it), migrated, seeded and analyzed, then the national demo built through the models inside that process
// (as the server has it built), with the statements each phase sends and the seconds it takes. No search worker
// runs: this measures the build's own cost (docs/BENCHMARKS.md).
// Run: npm run bench:demo -- [--professionals N] [--json]. The last line with --json is
// {"seconds","statements","phases":[{"phase","seconds","statements"}]}.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { DEMO_PROFESSIONALS } from '../../app/models/demo/plan.server'
import { createDatabase } from '../../db/client'
import { analyzeDatabase } from '../../db/maintenance'
import { migrateToLatest } from '../../db/migrate'
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
  if (!database.buildDemo) throw new Error('the embedded database runs in its own process here')
  const phases: Array<{ phase: string; seconds: number; statements: number }> = []
  const started = performance.now()
  let mark = { at: performance.now(), statements: 0 }
  // As the server builds it (startNationalDemoBuild): inside the database's process, beside the data.
  const running = await database.buildDemo(
    { professionals: Number(args.professionals), appUrl: 'http://localhost:3000', dataDir },
    (progress, statements) => {
      if (progress.done < progress.total) return
      phases.push({
        phase: progress.phase,
        seconds: Math.round((performance.now() - mark.at) / 100) / 10,
        statements: statements - mark.statements,
      })
      mark = { at: performance.now(), statements }
    },
  )
  const built = await running.done
  const result = { built, stats: { statements: built.statements } }
  if (result.built.status !== 'built') throw new Error(`demo not built: ${result.built.status}`)
  const summary = {
    seconds: Math.round((performance.now() - started) / 100) / 10,
    statements: result.stats.statements,
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
