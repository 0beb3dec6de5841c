// Configuration is parsed once at start-up (GUIDE rule 8). db/, search/ and jobs/ never read process.env:
// they receive what they need from here as arguments, so tests configure them directly.
import path from 'node:path'
import { z } from 'zod'

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional()

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Address the web server binds to. Default: loopback only. */
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** The public base URL (https://… in production), used in mailed links and to decide Secure cookies. */
    APP_URL: optionalString.pipe(z.url({ message: 'APP_URL は URL で指定してください' }).optional()),
    /** SMTP server for outgoing mail (smtp://user:pass@host:587). Unset = mail is only logged and kept. */
    SMTP_URL: optionalString,
    MAIL_FROM: z.string().default('自治体DXアクセラレータ500 <no-reply@dx-accelerator.example.jp>'),
    /** Creates an invitation for the first ministry admin at start-up if none exists. */
    INITIAL_ADMIN_EMAIL: optionalString,
    /** Demo accounts (random passwords, printed at start-up). Default: on with the embedded database only. */
    DEMO_ACCOUNTS: z.enum(['on', 'off']).optional(),
    /** How many professionals the embedded setup's national demo creates on its first start (README「デモデータ」). */
    DEMO_PROFESSIONALS: z.coerce
      .number({ message: 'DEMO_PROFESSIONALS は人数を半角数字で指定してください' })
      .int({ message: 'DEMO_PROFESSIONALS は整数で指定してください' })
      .min(300, {
        message: 'DEMO_PROFESSIONALS は300以上にしてください（47都道府県のプールにすべての状態をそろえるため）',
      })
      .max(10_000, { message: 'DEMO_PROFESSIONALS は10000以下にしてください' })
      .default(2000),
    /** Where PGlite, Meilisearch's data and generated secrets live. */
    DATA_DIR: z.string().default('.data'),
    /** A PostgreSQL server (postgres://…). Unset = embedded PGlite under DATA_DIR. */
    DATABASE_URL: optionalString,
    /** An external Meilisearch. Unset = start the bundled development binary. */
    MEILI_URL: optionalString,
    MEILI_MASTER_KEY: optionalString,
    /** Port for the bundled Meilisearch; 0 = any free port. */
    MEILI_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /** Prefix for index names, so several deployments can share one Meilisearch. */
    MEILI_INDEX_PREFIX: z.string().default(''),
    /**
     * Comma-separated; the first signs, the others still verify (rotation). Required for a server deployment
     * (DATABASE_URL in production); otherwise generated once under DATA_DIR.
     */
    SESSION_SECRET: optionalString,
    /** `in-process` runs the search outbox worker inside the web server; `off` leaves it to `npm run jobs`. */
    SEARCH_WORKER: z.enum(['in-process', 'off']).default('in-process'),
    /**
     * `on` adds a Server-Timing header (statements and their time) to every page and data response. Default:
     * on in development and tests, off in production (it tells an outsider how much work a page costs).
     */
    SERVER_TIMING: z.enum(['on', 'off']).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.MEILI_URL && !env.MEILI_MASTER_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEILI_MASTER_KEY'],
        message: 'MEILI_URL を指定するときは MEILI_MASTER_KEY も必要です',
      })
    }
    if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'PostgreSQL サーバーで本番運用する場合は SESSION_SECRET が必要です',
      })
    }
    if (env.DATABASE_URL && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'DATABASE_URL は postgres:// で始まる接続文字列にしてください',
      })
    }
  })

export type Env = z.infer<typeof EnvSchema>

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`環境変数の設定に誤りがあります:\n${lines.join('\n')}`)
  }
  return { ...result.data, DATA_DIR: path.resolve(result.data.DATA_DIR) }
}
