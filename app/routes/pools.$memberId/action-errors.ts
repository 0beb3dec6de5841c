// Which form on a pool member's page the action's reply answers, and its errors. The reply is conform's
// `submission.reply()`; its initial value carries the form's hidden `intent` (none means the status form).
import type { SubmissionResult } from '@conform-to/react'

export type MemberActionData = { result: SubmissionResult<string[]> } | undefined

export type MemberFormIntent = 'invite' | 'roles' | 'interview' | 'merge' | 'training' | 'status'

export interface MemberFormErrors {
  /** Messages next to the fields, by field name. */
  fields: Record<string, string[] | undefined>
  /** Messages about the whole form: refusals, conflicts, and a stale or tampered hidden field. */
  form: string[] | undefined
}

export function errorsOf(actionData: MemberActionData, intent: MemberFormIntent): MemberFormErrors {
  const result = actionData?.result
  const answered = result?.initialValue?.intent ?? 'status'
  if (!result?.error || answered !== intent) return { fields: {}, form: undefined }
  const { '': formErrors, intent: intentErrors, lockVersion: lockErrors, ...fields } = result.error
  const form = [...(formErrors ?? []), ...(intentErrors ?? []), ...(lockErrors ?? [])]
  return { fields: fields as Record<string, string[] | undefined>, form: form.length > 0 ? form : undefined }
}
