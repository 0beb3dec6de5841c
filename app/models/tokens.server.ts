// Single-use, expiring tokens for mailed links. Only the SHA-256 of a token is stored.
import crypto from 'node:crypto'

export const TOKEN_TTL_MS = {
  email_verification: 24 * 60 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
  invitation: 7 * 24 * 60 * 60 * 1000,
  email_change: 24 * 60 * 60 * 1000,
  pool_invitation: 14 * 24 * 60 * 60 * 1000,
} as const

export function newToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString('base64url')
  return { token, tokenHash: hashToken(token) }
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}

export const TOKEN_MESSAGES = {
  used: 'このリンクはすでに使用されています。必要な場合は、もう一度手続きをやり直してください。',
  expired: 'このリンクは有効期限が切れています。もう一度手続きをやり直してください。',
  unknown: 'このリンクは無効です。メールに記載されたリンクをそのまま開いてください。',
} as const
