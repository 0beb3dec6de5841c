// The audit log (append-only; the database refuses UPDATE/DELETE): who did what to which entity, when,
// with before/after snapshots. Writes happen in the same transaction as the change they describe.
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../db/client'
import { insertAuditEntry } from '../../db/queries/audit-log'
import type { AppUser } from '../../db/schema'
import type { SessionUser } from '../utils/auth.server'

export interface AuditActor {
  user: Pick<SessionUser, 'id' | 'email' | 'display_name' | 'role'> | null
  requestInfo?: { id: string; ip: string }
  /** For changes with no logged-in actor: 'システム', '本人（未ログイン）', … */
  label?: string
}

export function actorFrom(context: AppLoadContext, user: AuditActor['user']): AuditActor {
  return { user, requestInfo: context.requestInfo }
}

/**
 * Every action the models write, per entity. The audit page keeps a Japanese label for each pair
 * (AUDIT_ACTION_LABELS in audit-view.server.ts), so a new action here fails typecheck until it has one.
 */
export interface AuditActions {
  search_index: 'rebuild'
  user:
    | 'create'
    | 'verify_email'
    | 'reset_password'
    | 'change_password'
    | 'change_email'
    | 'deactivate'
    | 'reactivate'
    | 'revoke_session'
    | 'logout_everywhere'
    | 'takeover_unverified'
    | 'delete_account'
  invitation: 'invite'
  profile:
    | 'create'
    | 'update_basics'
    | 'update_availability'
    | 'update_consent'
    | 'update_skills'
    | 'update_qualifications'
    | 'add_experience'
    | 'update_experience'
    | 'delete_experience'
  pool_member:
    | 'create'
    | 'apply'
    | 'withdraw'
    | 'update'
    | 'change_status'
    | 'add_training'
    | 'merge'
    | 'update_target_roles'
    | 'send_invitation'
    | 'accept_invitation'
    | 'decline_invitation'
    | 'add_from_national_list'
  municipal_issue: 'create' | 'update' | 'change_status'
  need: 'create' | 'update' | 'change_status' | 'link_issue' | 'unlink_issue' | 'express_interest'
  /** A need's shortlist: staff add and move people; the person answers a 打診 or turns a 内定 down. */
  need_shortlist_entry: 'add' | 'change_status' | 'update_interview' | 'accept_offer' | 'decline_offer'
  partner_company: 'create' | 'update'
  /** 配置: recorded, edited, its cost lines of a fiscal year saved, started and ended. */
  placement: 'create' | 'update' | 'update_costs' | 'activate' | 'end' | 'delete_draft'
  /** 交付税: a rule's new version, the ministry's answer to a 要確認 row, a body's choice under a persons cap. */
  funding_rule: 'create' | 'new_version'
  funding_decision: 'decide' | 'withdraw'
  funding_selection: 'select' | 'reset'
  /** 任命: a prefecture's nomination, the ministry's review and decision, the appointment's end. */
  accelerator_appointment:
    'nominate' | 'update_nomination' | 'resubmit' | 'withdraw' | 'return' | 'decline' | 'appoint' | 'end' | 'revoke'
  /** 推進体制 ①〜④: a prefecture's report and the ministry's answer. */
  dx_structure_report: 'report' | 'confirm' | 'return'
  accelerator_directory_entry: 'update'
  accelerator_notice: 'publish'
  skill_standard_version: 'create' | 'delete' | 'import' | 'publish'
  skill_standard_area: 'create' | 'update'
  skill_standard_skill: 'create' | 'update'
  skill_standard_role: 'create' | 'update'
  skill_standard_qualification: 'create' | 'update'
}
export type AuditEntity = keyof AuditActions
export type AuditActionOf<E extends AuditEntity> = AuditActions[E]
/** One (entity, action) pair the log may hold. */
export type AuditEvent = { [E in AuditEntity]: { entity: E; action: AuditActionOf<E> } }[AuditEntity]

export async function recordAudit(
  db: DbExecutor,
  actor: AuditActor,
  entry: AuditEvent & {
    entityId: string
    summary: string
    prefectureCode?: string | null
    municipalityCode?: string | null
    before?: Record<string, unknown> | null
    after?: Record<string, unknown> | null
  },
): Promise<void> {
  await insertAuditEntry(db, {
    actorUserId: actor.user?.id ?? null,
    actorLabel: actor.user ? `${actor.user.display_name} <${actor.user.email}>` : (actor.label ?? 'システム'),
    actorRole: actor.user?.role ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    prefectureCode: entry.prefectureCode,
    municipalityCode: entry.municipalityCode,
    summary: entry.summary,
    before: entry.before,
    after: entry.after,
    requestId: actor.requestInfo?.id,
    ip: actor.requestInfo?.ip,
  })
}

/** An account as the audit log keeps it: never the password hash. */
export function userSnapshot(user: AppUser): Record<string, unknown> {
  return {
    email: user.email,
    display_name: user.display_name,
    role: user.role,
    prefecture_code: user.prefecture_code,
    municipality_code: user.municipality_code,
    email_verified: Boolean(user.email_verified_at),
    password_changed_at: user.updated_at,
    deactivated: Boolean(user.deactivated_at),
  }
}

/** Fields holding personal data: masked when the log is shown or exported. */
const PERSONAL_FIELDS = new Set([
  'email',
  'display_name',
  'name',
  'name_kana',
  'phone',
  'address',
  'birth_year',
  // A 課題's contact person and the person a pool merge removed.
  'contact_name',
  'removed_name',
])

export function maskValue(key: string, value: unknown): unknown {
  if (!PERSONAL_FIELDS.has(key) || typeof value !== 'string' || value === '') return value
  if (key === 'email') {
    const [local = '', domain = ''] = value.split('@')
    return `${local.slice(0, 1)}***@${domain}`
  }
  return `${Array.from(value)[0] ?? ''}＊＊＊`
}

export function maskSnapshot(snapshot: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!snapshot) return null
  return Object.fromEntries(Object.entries(snapshot).map(([key, value]) => [key, maskValue(key, value)]))
}

/** The actor label with its e-mail address masked ("山田 太郎 <y***@pref.example.jp>"). */
export function maskActorLabel(label: string): string {
  return label.replace(
    /<([^>@]+)@([^>]+)>/,
    (_m, local: string, domain: string) => `<${local.slice(0, 1)}***@${domain}>`,
  )
}
