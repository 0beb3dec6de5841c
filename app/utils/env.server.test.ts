import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseEnv } from './env.server'

describe('parseEnv', () => {
  it('defaults to the embedded setup under .data on loopback', () => {
    const env = parseEnv({})
    expect(env).toMatchObject({ HOST: '127.0.0.1', PORT: 3000, SEARCH_WORKER: 'in-process' })
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.MEILI_URL).toBeUndefined()
    expect(env.DATA_DIR).toBe(path.resolve('.data'))
  })

  it('treats empty strings as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', MEILI_URL: ' ' })
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.MEILI_URL).toBeUndefined()
  })

  it('explains every configuration error in Japanese', () => {
    expect(() => parseEnv({ MEILI_URL: 'http://search:7700' })).toThrow(
      'MEILI_URL を指定するときは MEILI_MASTER_KEY も必要です',
    )
    expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/app' })).toThrow(
      'PostgreSQL サーバーで本番運用する場合は SESSION_SECRET が必要です',
    )
    // The newcomer's `npm start` (production build, embedded database) needs no configuration.
    expect(parseEnv({ NODE_ENV: 'production' }).NODE_ENV).toBe('production')
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow('postgres:// で始まる接続文字列')
    expect(() => parseEnv({ PORT: 'abc' })).toThrow('環境変数の設定に誤りがあります')
  })
})
