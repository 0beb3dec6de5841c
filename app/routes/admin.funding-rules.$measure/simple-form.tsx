// The usual change to a measure as a form: its years (an extension is a later 終了年度), the rate or unit amount,
// the caps, the summary and the notes on the years outside, with the reason for the change. Everything else in the
// rule is kept as it is in the version the page was loaded with.
import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { Field, FormErrors, SelectField, SubmitButton, TextareaField, useSchemaForm } from '~/components/forms'
import { SimpleRuleFormSchema, type simpleFormDefaults } from '~/utils/funding-rule-forms'

export function SimpleRuleForm({
  baseVersion,
  defaults,
  fiscalYears,
  lastResult,
}: {
  baseVersion: number
  defaults: ReturnType<typeof simpleFormDefaults>
  fiscalYears: Array<{ value: string; label: string }>
  lastResult: SubmissionResult<string[]> | undefined
}) {
  const [form, fields] = useSchemaForm(SimpleRuleFormSchema, {
    id: 'funding-rule-simple',
    defaultValue: defaults,
    lastResult,
  })
  const isRate = defaults.methodType === 'rate'
  return (
    <Form method="post" className="form-stack form-wide" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
      <input type="hidden" name="intent" value="simple" />
      {/* Not managed by conform: after a conflict the page passes the version now in force. */}
      <input type="hidden" name="baseVersion" value={String(baseVersion)} />
      <input {...getInputProps(fields.methodType, { type: 'hidden' })} key={fields.methodType.key} />

      <SelectField
        label="開始年度"
        description="空欄は「開始年度の定めなし」です。"
        field={fields.fromFy}
        options={fiscalYears}
        placeholder="定めなし"
      />
      <SelectField
        label="終了年度"
        description="延長するときは、延長後の最後の年度を選びます。空欄は「終期の定めなし」です。"
        field={fields.toFy}
        options={fiscalYears}
        placeholder="終期の定めなし"
      />
      {isRate ? (
        <Field
          label="措置率"
          description="小数で入力します（例: 0.7 は7割）。小数第4位まで。割り切れない率は 2/3 のように分数でも入力できます。"
          field={fields.rate}
          required
          inputMode="decimal"
          autoComplete="off"
        />
      ) : (
        <Field
          label="単価（円／人）"
          description="1人あたりの金額を円で入力します（例: 7800000 または 7,800,000）。"
          field={fields.unitAmount}
          required
          inputMode="numeric"
          autoComplete="off"
        />
      )}
      <Field
        label="人数の上限（1団体あたり）"
        description="空欄は上限なしです。"
        field={fields.personsCap}
        inputMode="numeric"
        autoComplete="off"
      />
      <Field
        label="人数の上限の出典"
        description="上限を設けるときに必須です（例: 002:450）。"
        field={fields.personsCapSource}
        autoComplete="off"
      />
      <Field
        label="対象経費の上限額（円）"
        description="空欄は上限なしです（例: 1000000）。"
        field={fields.eligibleCostCap}
        inputMode="numeric"
        autoComplete="off"
      />
      <SelectField
        label="対象経費の上限額の単位"
        field={fields.eligibleCostCapPer}
        options={[
          { value: 'body', label: '1団体・1年度あたり' },
          { value: 'placement', label: '1配置・1年度あたり' },
        ]}
      />
      <Field
        label="対象経費の上限額の出典"
        description="上限額を設けるときに必須です（例: 002:443）。"
        field={fields.eligibleCostCapSource}
        autoComplete="off"
      />
      <TextareaField
        label="開始年度より前の年度の注記"
        description="開始年度より前の年度の判定理由に添えます（任意）。"
        field={fields.periodNoteBefore}
        rows={2}
      />
      <TextareaField
        label="終了年度より後の年度の注記"
        description="終了年度より後の年度の判定理由（期間外・要確認）に添えます。終了年度を変えたときは、この注記も見直してください。"
        field={fields.periodNoteAfter}
        rows={2}
      />
      <TextareaField label="概要" field={fields.summary} rows={3} />
      <TextareaField
        label="変更理由"
        description="履歴に残ります（例: 令和8年度地方財政対策で令和9年度まで延長）。500文字以内。"
        field={fields.changeNote}
        rows={2}
      />
      <div>
        <SubmitButton pendingText="登録しています…">新しい版として登録する</SubmitButton>
      </div>
    </Form>
  )
}
