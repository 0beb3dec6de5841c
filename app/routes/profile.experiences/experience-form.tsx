// The add/edit form for one experience entry (職歴), with the catalogue skills it is evidence for.
import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { ErrorList, Field, FormErrors, SubmitButton } from '~/components/forms'
import { ExperienceSchema } from '~/utils/profile-validation'
import { ChoiceGroup, LockVersionInput } from '../profile._index/profile-ui'

export interface ExperienceDefaults {
  id: string
  organization: string
  title: string
  startMonth: string
  endMonth: string
  description: string
  skillIds: string[]
}

export function ExperienceForm({
  defaults,
  lockVersion,
  conflictLockVersion,
  lastResult,
  areas,
}: {
  defaults: ExperienceDefaults
  lockVersion: number
  conflictLockVersion: number | null | undefined
  lastResult: SubmissionResult<string[]> | null | undefined
  areas: Array<{ id: string; name: string; skills: Array<{ id: string; name: string; retired?: boolean }> }>
}) {
  const [form, fields] = useForm({
    id: `experience-${defaults.id || 'new'}`,
    constraint: getZodConstraint(ExperienceSchema),
    defaultValue: defaults,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ExperienceSchema }),
    shouldRevalidate: 'onBlur',
  })
  const skillName = new Map(
    areas.flatMap((a) => a.skills.map((s) => [s.id, s.name + (s.retired ? '（廃止）' : '')] as const)),
  )
  const skillChoices = getCollectionProps(fields.skillIds, {
    type: 'checkbox',
    options: areas.flatMap((a) => a.skills.map((s) => s.id)),
  })
  return (
    <Form method="post" className="form-stack form-wide" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
      <input type="hidden" name="intent" value="save" />
      <LockVersionInput loaded={lockVersion} afterConflict={conflictLockVersion} />
      {defaults.id ? <input type="hidden" name="id" value={defaults.id} /> : null}
      <Field
        label="所属先（組織名）"
        inputProps={getInputProps(fields.organization, { type: 'text' })}
        errors={fields.organization.errors}
      />
      <Field
        label="役職・担当（任意）"
        inputProps={getInputProps(fields.title, { type: 'text' })}
        errors={fields.title.errors}
      />
      <Field
        label="開始年月"
        description="例: 2020-04"
        inputProps={{ ...getInputProps(fields.startMonth, { type: 'month' }), placeholder: '2020-04' }}
        errors={fields.startMonth.errors}
      />
      <Field
        label="終了年月（現在も続いている場合は空欄）"
        description="例: 2023-03"
        inputProps={{ ...getInputProps(fields.endMonth, { type: 'month' }), placeholder: '2023-03' }}
        errors={fields.endMonth.errors}
      />
      <div className="field">
        <label htmlFor={fields.description.id}>業務内容（任意）</label>
        <textarea
          {...getTextareaProps(fields.description)}
          className="profile-textarea"
          rows={5}
          aria-describedby={fields.description.errors ? fields.description.errorId : undefined}
        />
        <ErrorList id={fields.description.errorId} errors={fields.description.errors} />
      </div>
      <details open={defaults.skillIds.length > 0}>
        <summary>この職歴で発揮したスキル（スキル標準から選択）</summary>
        {areas.map((area) => {
          const ids = new Set(area.skills.map((s) => s.id))
          return (
            <ChoiceGroup
              key={area.id}
              legend={area.name}
              errorId={`${fields.skillIds.errorId}-${area.id}`}
              choices={skillChoices
                .filter((p) => ids.has(p.value))
                .map((props) => ({ props, label: skillName.get(props.value) ?? props.value }))}
            />
          )
        })}
        <ErrorList id={fields.skillIds.errorId} errors={fields.skillIds.errors} />
      </details>
      <div className="experience__actions">
        <SubmitButton pendingText="保存中…">{defaults.id ? 'この職歴を保存する' : '職歴を追加する'}</SubmitButton>
        {defaults.id ? <Link to="/profile/experiences">編集をやめる</Link> : null}
      </div>
    </Form>
  )
}
