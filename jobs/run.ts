// `npm run jobs`: the search outbox worker as its own process, for deployments on a PostgreSQL server.
// With the embedded database (PGlite, one process only) the worker runs inside `npm start` instead.
import { startServices } from '../app/services.server'
import { parseEnv } from '../app/utils/env.server'

const env = parseEnv()
if (!env.DATABASE_URL || !env.MEILI_URL) {
  console.error(
    '[jobs] 単独のワーカーには DATABASE_URL と MEILI_URL の両方が必要です。' +
      '組み込みデータベース（PGlite）では、ワーカーは npm start のプロセス内で動きます。',
  )
  process.exit(1)
}
const services = await startServices(env, { worker: true, log: (m) => console.log(`[jobs] ${m}`) })
console.log('[jobs] 検索同期ワーカーを起動しました。停止するには Ctrl-C を押してください。')
const stop = async () => {
  await services.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
