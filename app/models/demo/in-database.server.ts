// The national demo built inside the embedded database's own process (db/pglite-host.ts loads this module when
// the app asks it to). The build is statements and nothing else: run beside the database, each statement is a
// call into PGlite instead of a round trip through a pipe to another process and back, and the build takes half
// the time (docs/BENCHMARKS.md). It shares the session with the app's statements (db/session-lock.ts), so the
// site stays usable while it runs, as before. Bundled on its own into build/demo-in-database.js.
import { Kysely } from 'kysely'
import type { DemoBuildInput, DemoBuildModule } from '../../../db/pglite-host'
import { sessionDialect } from '../../../db/pglite-session'
import type { DB } from '../../../db/schema'
import { createSearchClient } from '../../../search/client'
import type { Services } from '../../services.server'
import { parseEnv } from '../../utils/env.server'
import { createLucia } from '../../utils/session.server'
import { buildNationalDemo } from './generator.server'

/** The services the demo's models are given in the database's process: the database, and what mail links need. */
function servicesOn(db: Kysely<DB>, input: DemoBuildInput): Services {
  return {
    env: parseEnv({ NODE_ENV: 'production', DATA_DIR: input.dataDir }),
    database: { db, kind: 'pglite', singleConnection: true, close: async () => {} },
    // The build writes the search outbox; the app's worker sends it to Meilisearch. Nothing here calls search.
    search: createSearchClient({ url: 'http://127.0.0.1:9', apiKey: 'unused', indexPrefix: 'unused_' }),
    worker: undefined,
    mailWorker: undefined,
    maxOutboxAttempts: 8,
    auth: createLucia(db, { secureCookies: false }),
    sessionSecrets: ['demo-build-has-no-sessions-demo-build'],
    secureCookies: false,
    appUrl: input.appUrl,
    close: async () => {},
  }
}

export const buildNationalDemoInDatabase: DemoBuildModule['buildNationalDemoInDatabase'] = async (
  session,
  input,
  events,
) => {
  // Counted here rather than with db/query-stats.ts: its async context would hook every promise of the build.
  let statements = 0
  const db = new Kysely<DB>({
    dialect: sessionDialect(session.statements, session.lock),
    log: () => void statements++,
  })
  const result = await buildNationalDemo(servicesOn(db, input), {
    professionals: input.professionals,
    today: input.today,
    shouldStop: events.shouldStop,
    onProgress: (progress) => events.onProgress(progress, statements),
  })
  return { status: result.status, statements }
}
