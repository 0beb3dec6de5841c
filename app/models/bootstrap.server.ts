// Start-up tasks that create accounts: the first ministry admin (from INITIAL_ADMIN_EMAIL, as an invitation:
// no password ever exists in code or configuration) and demo accounts for the embedded setup.
import crypto from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { AppLoadContext } from '@remix-run/node'
import { insertAuthToken, revokeOpenAuthTokens } from '../../db/queries/auth-tokens'
import { countUsersByRole, findUserByEmail } from '../../db/queries/users'
import type { Role } from '../../db/schema'
import type { Services } from '../services.server'
import { hashPassword } from '../utils/auth.server'
import type { Env } from '../utils/env.server'
import { ROLE_LABELS } from '../utils/permissions'
import { recordAudit } from './audit.server'
import { createDemoAccount } from './demo/builders.server'
import { DEMO_ACCELERATOR_EMAIL } from './demo/plan.server'
import { queueMail } from './mail.server'
import { newToken, TOKEN_TTL_MS } from './tokens.server'

function systemContext(services: Services): AppLoadContext {
  return { services, requestInfo: { id: 'startup', ip: 'local' } }
}

/**
 * While no active ministry admin exists, issues an invitation for `email` (a fresh link each time, since
 * only token hashes are stored) and returns its URL for the console. Returns null once an admin exists.
 */
export async function ensureInitialAdminInvitation(services: Services, email: string): Promise<string | null> {
  const { db } = services.database
  if ((await countUsersByRole(db, 'ministry_admin')) > 0) return null
  const { token, tokenHash } = newToken()
  const url = `${services.appUrl}/invitations/accept?token=${token}`
  await db.transaction().execute(async (trx) => {
    await revokeOpenAuthTokens(trx, 'invitation', email)
    const id = crypto.randomUUID()
    await insertAuthToken(trx, {
      id,
      purpose: 'invitation',
      tokenHash,
      email,
      payload: {
        role: 'ministry_admin',
        prefectureCode: null,
        municipalityCode: null,
        inviterLabel: 'システム（初期設定）',
      },
      expiresAt: new Date(Date.now() + TOKEN_TTL_MS.invitation),
    })
    await queueMail(trx, email, {
      template: 'invitation',
      inviter: 'システム（初期設定）',
      roleLabel: ROLE_LABELS.ministry_admin,
      scopeLabel: '総務省・デジタル庁',
      url,
    })
    await recordAudit(
      trx,
      { user: null, label: 'システム（初期設定）', requestInfo: systemContext(services).requestInfo },
      {
        action: 'invite',
        entity: 'invitation',
        entityId: id,
        summary: '最初の総務省・デジタル庁管理者を招待しました',
        after: { email, role: 'ministry_admin' },
      },
    )
  })
  return url
}

/**
 * Whether this deployment runs the demo: the embedded database with demo accounts (DEMO_ACCOUNTS defaults to
 * on there). Never with DATABASE_URL: a server deployment holds real people's accounts.
 */
export function isEmbeddedDemo(env: Pick<Env, 'DATABASE_URL' | 'DEMO_ACCOUNTS'>): boolean {
  if (env.DATABASE_URL) return false
  return env.DEMO_ACCOUNTS ? env.DEMO_ACCOUNTS === 'on' : true
}

export interface DemoLogin {
  label: string
  email: string
  password: string
}

const DEMO_ACCOUNTS: Array<{
  label: string
  email: string
  role: Role
  prefectureCode?: string
  municipalityCode?: string
}> = [
  { label: '総務省・デジタル庁 管理者', email: 'ministry-admin@demo.dx500.example.jp', role: 'ministry_admin' },
  { label: '総務省・デジタル庁 職員', email: 'ministry@demo.dx500.example.jp', role: 'ministry_staff' },
  {
    label: '広島県 管理者',
    email: 'hiroshima-admin@demo.dx500.example.jp',
    role: 'prefecture_admin',
    prefectureCode: '34',
  },
  { label: '広島県 職員', email: 'hiroshima@demo.dx500.example.jp', role: 'prefecture_staff', prefectureCode: '34' },
  {
    label: '安芸太田町 職員',
    email: 'akiota@demo.dx500.example.jp',
    role: 'municipal_staff',
    prefectureCode: '34',
    municipalityCode: '343684',
  },
  { label: 'デジタル人材', email: 'professional@demo.dx500.example.jp', role: 'professional' },
  // The national demo (demo/generator.server.ts): two more prefectures with a town or village each, and an
  // appointed accelerator whose profile, pools and placement the demo builds.
  {
    label: '北海道 管理者',
    email: 'hokkaido-admin@demo.dx500.example.jp',
    role: 'prefecture_admin',
    prefectureCode: '01',
  },
  { label: '北海道 職員', email: 'hokkaido@demo.dx500.example.jp', role: 'prefecture_staff', prefectureCode: '01' },
  {
    label: 'ニセコ町 職員',
    email: 'niseko@demo.dx500.example.jp',
    role: 'municipal_staff',
    prefectureCode: '01',
    municipalityCode: '013951',
  },
  {
    label: '長野県 管理者',
    email: 'nagano-admin@demo.dx500.example.jp',
    role: 'prefecture_admin',
    prefectureCode: '20',
  },
  { label: '長野県 職員', email: 'nagano@demo.dx500.example.jp', role: 'prefecture_staff', prefectureCode: '20' },
  {
    label: '阿智村 職員',
    email: 'achi@demo.dx500.example.jp',
    role: 'municipal_staff',
    prefectureCode: '20',
    municipalityCode: '204072',
  },
  { label: 'アクセラレータ（任命済み）', email: DEMO_ACCELERATOR_EMAIL, role: 'professional' },
]

/**
 * Demo accounts for trying the site: random passwords, generated once and kept (mode 0600) in
 * DATA_DIR/demo-logins.json so every start can print them. Never in code, never on a server deployment
 * unless DEMO_ACCOUNTS=on.
 */
export async function ensureDemoAccounts(services: Services): Promise<DemoLogin[]> {
  const file = path.join(services.env.DATA_DIR, 'demo-logins.json')
  // Before any account is created: a password that cannot be kept would be lost for good (a server database
  // deployment may have no DATA_DIR yet).
  await mkdir(services.env.DATA_DIR, { recursive: true })
  const saved = JSON.parse(await readFile(file, 'utf8').catch(() => '[]')) as DemoLogin[]
  const logins: DemoLogin[] = []
  const { db } = services.database
  for (const account of DEMO_ACCOUNTS) {
    const existing = await findUserByEmail(db, account.email)
    const known = saved.find((login) => login.email === account.email)
    if (existing && known) {
      logins.push(known)
      continue
    }
    if (existing) continue // created elsewhere with a password we do not know: leave it alone
    const password = crypto.randomBytes(12).toString('base64url')
    const passwordHash = await hashPassword(password)
    await db
      .transaction()
      .execute((trx) =>
        createDemoAccount(
          trx,
          systemContext(services).requestInfo,
          { ...account, displayName: `デモ ${account.label}` },
          passwordHash,
        ),
      )
    logins.push({ label: account.label, email: account.email, password })
  }
  await writeFile(file, JSON.stringify(logins, null, 2), { mode: 0o600 })
  return logins
}
