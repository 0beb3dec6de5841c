// The issue (課題) form, for a municipality's own post and for prefecture staff entering one after a hearing.
import {
  type DefaultValue,
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { ChoiceGroup, LockVersionInput } from '~/components/choice-group'
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from '~/components/forms'
import { IssueSchema, IT_STAFFING_OPTIONS, URGENCY_OPTIONS } from '~/utils/need-validation'

export interface IssueFormProps {
  scope: 'municipality' | 'prefecture' | 'national'
  municipality: { code: string; name: string } | null
  municipalities: Array<{ code: string; name: string }>
  areas: Array<{ id: string; name: string; skills: Array<{ id: string; name: string }> }>
  defaultValue: DefaultValue<z.input<typeof IssueSchema>>
  lockVersion: number | null
  lastResult: SubmissionResult<string[]> | undefined
  afterConflict?: number | null
  submitLabel: string
}

export function IssueForm({
  scope,
  municipality,
  municipalities,
  areas,
  defaultValue,
  lockVersion,
  lastResult,
  afterConflict,
  submitLabel,
}: IssueFormProps) {
  const [form, fields] = useForm<z.input<typeof IssueSchema>, z.output<typeof IssueSchema>>({
    id: 'issue-form',
    constraint: getZodConstraint(IssueSchema),
    defaultValue,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: IssueSchema }),
    shouldRevalidate: 'onBlur',
  })
  const skillName = new Map(areas.flatMap((a) => a.skills.map((s) => [s.id, s.name] as const)))
  const topicChoices = getCollectionProps(fields.topicSkillIds, {
    type: 'checkbox',
    options: areas.flatMap((a) => a.skills.map((s) => s.id)),
  })
  return (
    <Form method="post" className="form-stack form-wide" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
      {lockVersion !== null ? <LockVersionInput loaded={lockVersion} afterConflict={afterConflict} /> : null}
      {scope === 'prefecture' ? (
        <SelectField
          label="課題のある市区町村"
          selectProps={{ ...getSelectProps(fields.municipalityCode), required: true }}
          options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
          placeholder="選択してください"
          errors={fields.municipalityCode.errors}
        />
      ) : municipality ? (
        <p>
          <strong>団体:</strong> {municipality.name}
        </p>
      ) : null}
      <Field
        label="課題の件名"
        description="例: 標準化の移行計画が立てられない"
        inputProps={getInputProps(fields.title, { type: 'text' })}
        errors={fields.title.errors}
      />
      <TextareaField
        label="現状（困っていること）"
        textareaProps={{ ...getTextareaProps(fields.currentSituation), rows: 5 }}
        errors={fields.currentSituation.errors}
      />
      <TextareaField
        label="実現したいこと"
        textareaProps={{ ...getTextareaProps(fields.desiredOutcome), rows: 4 }}
        errors={fields.desiredOutcome.errors}
      />
      <SelectField
        label="緊急度"
        selectProps={getSelectProps(fields.urgency)}
        options={URGENCY_OPTIONS.map((o) => ({ value: o.value, label: o.label }))}
        placeholder="選択してください"
        errors={fields.urgency.errors}
      />
      <details className="topic-picker" open>
        <summary>関係する分野（スキル標準から選択・複数可）</summary>
        {areas.map((area) => {
          const ids = new Set(area.skills.map((s) => s.id))
          return (
            <ChoiceGroup
              key={area.id}
              legend={area.name}
              errorId={`${fields.topicSkillIds.errorId}-${area.id}`}
              columns
              choices={topicChoices
                .filter((props) => ids.has(String(props.value)))
                .map((props) => ({ props, label: skillName.get(String(props.value)) ?? String(props.value) }))}
            />
          )
        })}
        {fields.topicSkillIds.errors ? (
          <p className="field-error" id={fields.topicSkillIds.errorId}>
            {fields.topicSkillIds.errors.join(' ')}
          </p>
        ) : null}
      </details>
      <SelectField
        label="情報担当の体制"
        selectProps={getSelectProps(fields.itStaffing)}
        options={IT_STAFFING_OPTIONS.map((o) => ({ value: o.value, label: o.label }))}
        placeholder="選択してください"
        errors={fields.itStaffing.errors}
      />
      <Field
        label="体制の補足（任意）"
        description="例: 総務課の職員1人が情報担当を兼務"
        inputProps={getInputProps(fields.sizeNote, { type: 'text' })}
        errors={fields.sizeNote.errors}
      />
      <fieldset className="choice-group">
        <legend>連絡先</legend>
        <Field
          label="担当者名"
          inputProps={getInputProps(fields.contactName, { type: 'text' })}
          errors={fields.contactName.errors}
        />
        <Field
          label="担当部署（任意）"
          inputProps={getInputProps(fields.contactDepartment, { type: 'text' })}
          errors={fields.contactDepartment.errors}
        />
        <Field
          label="メールアドレス"
          inputProps={{ ...getInputProps(fields.contactEmail, { type: 'email' }), autoComplete: 'email' }}
          errors={fields.contactEmail.errors}
        />
        <Field
          label="電話番号（任意）"
          inputProps={{ ...getInputProps(fields.contactPhone, { type: 'tel' }), autoComplete: 'tel' }}
          errors={fields.contactPhone.errors}
        />
      </fieldset>
      {scope === 'prefecture' ? (
        <TextareaField
          label="県のメモ（ヒアリング記録・任意）"
          description="市区町村には表示されません。"
          textareaProps={{ ...getTextareaProps(fields.prefectureNote), rows: 4 }}
          errors={fields.prefectureNote.errors}
        />
      ) : null}
      <div>
        <SubmitButton pendingText="保存中…">{submitLabel}</SubmitButton>
      </div>
    </Form>
  )
}
