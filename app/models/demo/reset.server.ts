// `npm run demo:reset`: the embedded setup's data is removed so the next `npm start` builds the demo afresh
// (new demo passwords included). Only the embedded database: with DATABASE_URL nothing is touched, since a
// server database holds real people's data. Refused while a server (or its database process) runs on the data.
import { readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { isAlive } from '../../../db/process-alive'
import type { Env } from '../../utils/env.server'

export type DemoResetResult = { status: 'reset'; removed: string[] } | { status: 'refused'; message: string }

/** What the embedded setup keeps under DATA_DIR and a reset removes (the secrets stay: they are not demo data). */
const DEMO_DATA = ['pglite', 'pglite-host.pid', 'meili', 'demo-logins.json'] as const

async function livePid(file: string): Promise<number | null> {
  const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim())
  return pid && isAlive(pid) ? pid : null
}

export async function resetEmbeddedDemo(env: Pick<Env, 'DATABASE_URL' | 'DATA_DIR'>): Promise<DemoResetResult> {
  if (env.DATABASE_URL)
    return {
      status: 'refused',
      message:
        'DATABASE_URL が設定されているため、デモデータを作り直しません。作り直せるのは組み込みデータベース（PGlite）のデモだけです。サーバーのデータベースには何もしていません。',
    }
  const dataDir = path.resolve(env.DATA_DIR)
  const server = await livePid(path.join(dataDir, 'app.lock'))
  if (server)
    return {
      status: 'refused',
      message: `サーバーが起動中です（PID ${server}、データ: ${dataDir}）。先に Ctrl-C で停止してから、もう一度 npm run demo:reset を実行してください。`,
    }
  const database = await livePid(path.join(dataDir, 'pglite-host.pid'))
  if (database)
    return {
      status: 'refused',
      message: `組み込みデータベースのプロセス（PID ${database}）がまだ動いています。終了するのを待ってから、もう一度実行してください。`,
    }
  const removed: string[] = []
  for (const name of DEMO_DATA) {
    const target = path.join(dataDir, name)
    if (!(await stat(target).catch(() => null))) continue
    await rm(target, { recursive: true, force: true })
    removed.push(target)
  }
  return { status: 'reset', removed }
}
