// Which form on a shortlist entry's page the action's reply answers, and its errors. The reply is conform's
// `submission.reply()`; its initial value carries the form's hidden `intent`.
import type { SubmissionResult } from '@conform-to/react'

export type EntryActionData = { result: SubmissionResult<string[]> } | undefined

export type EntryFormIntent = 'status' | 'interview'

export interface EntryFormErrors {
  /** Messages next to the fields, by field name. */
  fields: Record<string, string[] | undefined>
  /** Messages about the whole form: refusals, conflicts, and a stale or tampered hidden field. */
  form: string[] | undefined
}

export function entryErrorsOf(actionData: EntryActionData, intent: EntryFormIntent): EntryFormErrors {
  const result = actionData?.result
  const answered = result?.initialValue?.intent
  // A reply that names no known form (a tampered intent) speaks to the status form, the page's main one.
  const target = answered === 'interview' ? 'interview' : 'status'
  if (!result?.error || target !== intent) return { fields: {}, form: undefined }
  const { '': formErrors, intent: intentErrors, lockVersion: lockErrors, ...fields } = result.error
  const form = [...(formErrors ?? []), ...(intentErrors ?? []), ...(lockErrors ?? [])]
  return { fields: fields as Record<string, string[] | undefined>, form: form.length > 0 ? form : undefined }
}
