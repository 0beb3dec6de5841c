// The add/edit form for one experience entry (職歴), with the catalogue skills it is evidence for.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { LockVersionInput, SkillChoicesByArea } from '~/components/choice-group'
import { Field, FormErrors, SubmitButton, TextareaField, useSchemaForm } from '~/components/forms'
import { ExperienceSchema } from '~/utils/profile-validation'

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
  const [form, fields] = useSchemaForm(ExperienceSchema, {
    id: `experience-${defaults.id || 'new'}`,
    defaultValue: defaults,
    lastResult,
  })
  const skillAreas = areas.map((area) => ({
    ...area,
    skills: area.skills.map((s) => ({ id: s.id, name: s.name + (s.retired ? '（廃止）' : '') })),
  }))
  return (
    <Form method="post" className="form-stack form-wide" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
      <input type="hidden" name="intent" value="save" />
      <LockVersionInput loaded={lockVersion} afterConflict={conflictLockVersion} />
      {defaults.id ? <input type="hidden" name="id" value={defaults.id} /> : null}
      <Field label="所属先（組織名）" field={fields.organization} />
      <Field label="役職・担当（任意）" field={fields.title} />
      <Field label="開始年月" description="例: 2020-04" field={fields.startMonth} type="month" placeholder="2020-04" />
      <Field
        label="終了年月（現在も続いている場合は空欄）"
        description="例: 2023-03"
        field={fields.endMonth}
        type="month"
        placeholder="2023-03"
      />
      <TextareaField label="業務内容（任意）" field={fields.description} className="profile-textarea" rows={5} />
      <SkillChoicesByArea
        summary="この職歴で発揮したスキル（スキル標準から選択）"
        field={fields.skillIds}
        areas={skillAreas}
        open={defaults.skillIds.length > 0}
      />
      <div className="experience__actions">
        <SubmitButton pendingText="保存中…">{defaults.id ? 'この職歴を保存する' : '職歴を追加する'}</SubmitButton>
        {defaults.id ? <Link to="/profile/experiences">編集をやめる</Link> : null}
      </div>
    </Form>
  )
}
