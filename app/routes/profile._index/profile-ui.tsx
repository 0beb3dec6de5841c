// Pieces the profile section pages share: the back link, and a section's form — its conform form started
// from the section's schema and the action's last reply, and the form element with the form-level errors,
// the lock version (after a conflict, the current one) and the save button.
import { type FormMetadata, getFormProps } from '@conform-to/react'
import { Form, useActionData } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { z } from 'zod'
import { BackLink } from '~/components/breadcrumbs'
import { LockVersionInput } from '~/components/choice-group'
import { FormErrors, SubmitButton, useSchemaForm } from '~/components/forms'
import type { replyToSave } from './section.server'

export function BackToProfile() {
  return <BackLink to="/profile" label="プロフィールの概要に戻る" className="profile-back" />
}

/** The section action's reply when it did not redirect (section.server.ts): the submission and a lock version. */
function useSectionReply() {
  const reply = useActionData<typeof replyToSave>()
  return {
    lastResult: reply && 'result' in reply ? reply.result : undefined,
    afterConflict: reply && 'lockVersion' in reply ? reply.lockVersion : null,
  }
}

/** A section's conform form, validated by the section's schema, restored from the action's last reply. */
export function useSectionForm<Schema extends z.ZodType<Record<string, any>, Record<string, any>>>(
  schema: Schema,
  options: Omit<Parameters<typeof useSchemaForm<Schema>>[1], 'lastResult'>,
) {
  const { lastResult } = useSectionReply()
  return useSchemaForm(schema, { ...options, lastResult })
}

export function ProfileSectionForm({
  form,
  lockVersion,
  className = 'form-stack form-wide',
  children,
}: {
  form: FormMetadata<any>
  lockVersion: number | null
  className?: string
  children: ReactNode
}) {
  const { lastResult, afterConflict } = useSectionReply()
  return (
    <Form method="post" className={className} {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
      <LockVersionInput loaded={lockVersion} afterConflict={afterConflict} />
      {children}
      <div>
        <SubmitButton pendingText="保存中…">保存する</SubmitButton>
      </div>
    </Form>
  )
}
