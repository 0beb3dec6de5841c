// `npm run search:reindex`: rebuilds every Meilisearch index from Postgres, with a progress bar.
import { startServices } from '../app/services.server'
import { parseEnv } from '../app/utils/env.server'
import { reindexAll, renderProgressBar } from './reindex'

const services = await startServices(parseEnv(), { worker: false, log: (m) => console.log(`[reindex] ${m}`) })
try {
  const interactive = process.stdout.isTTY
  const counts = await reindexAll(services.database.db, services.search, {
    onProgress(progress) {
      const line = renderProgressBar(progress)
      if (interactive) process.stdout.write(`\r${line}`)
      else if (progress.done === progress.total) console.log(line)
    },
  })
  if (interactive) process.stdout.write('\n')
  for (const [entity, count] of Object.entries(counts)) console.log(`[reindex] ${entity}: ${count} 件を再構築しました`)
} finally {
  await services.close()
}
