// The rule as JSON, for changes the simple form does not make (conditions, cost items, open points, who may claim)
// and for a new measure. Checked on the server only: every failure of the rule schema is listed in Japanese next to
// the editor, and nothing is saved until all are fixed. The id is the page's and the version the server's.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { Field, type FormField, FormErrors, SubmitButton, TextareaField, useSchemaForm } from '~/components/forms'
import { NewRuleFormSchema, RuleJsonFormSchema } from '~/utils/funding-rule-forms'

export function RuleJsonForm({
  mode,
  baseVersion,
  defaults,
  lastResult,
  submitLabel,
}: {
  /** A measure's page (a new version of it) or the new-measure page (with the id field). */
  mode: 'measure' | 'new'
  /** The version the page was loaded with, or after a conflict the one now in force (a measure's page only). */
  baseVersion?: number
  defaults: { ruleJson: string; id?: string }
  lastResult: SubmissionResult<string[]> | undefined
  submitLabel: string
}) {
  const [form, formFields] = useSchemaForm(mode === 'new' ? NewRuleFormSchema : RuleJsonFormSchema, {
    id: `funding-rule-json-${mode}`,
    defaultValue: { ...defaults, changeNote: '' },
    lastResult,
    // The JSON is parsed on the server; checking it in the browser on every blur would only repeat that.
    shouldRevalidate: 'onSubmit',
  })
  const fields = formFields as unknown as Record<'id' | 'ruleJson' | 'changeNote', FormField>
  return (
    <Form method="post" className="form-stack form-wide" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
      <input type="hidden" name="intent" value="json" />
      {/* Not managed by conform: after a conflict the page passes the version now in force. */}
      {baseVersion !== undefined ? <input type="hidden" name="baseVersion" value={String(baseVersion)} /> : null}
      {mode === 'new' ? (
        <Field
          label="措置のID"
          description="英大文字で始まる、英大文字と数字の10文字以内（例: X1、D2）。登録後は変更できません。"
          field={fields.id}
          autoComplete="off"
        />
      ) : null}
      <TextareaField
        label="ルール（JSON）"
        description="措置のIDと版はJSONに書きません（IDはこのページのもの、版は登録時に自動で付きます）。誤りがあれば、どの項目の何が誤りかを一覧にして表示し、何も登録しません。"
        field={fields.ruleJson}
        rows={30}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        style={{ fontFamily: 'monospace', fontSize: '0.875rem' }}
      />
      <TextareaField label="変更理由" description="履歴に残ります。500文字以内。" field={fields.changeNote} rows={2} />
      <div>
        <SubmitButton pendingText="確認しています…">{submitLabel}</SubmitButton>
      </div>
    </Form>
  )
}
