// The issue (課題) form, for a municipality's own post and for prefecture staff entering one after a hearing.
import { type DefaultValue, getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { LockVersionInput, SkillChoicesByArea } from '~/components/choice-group'
import { Field, FormErrors, SelectField, SubmitButton, TextareaField, useSchemaForm } from '~/components/forms'
import { IT_STAFFING_OPTIONS, URGENCY_OPTIONS } from '~/utils/labels'
import { IssueSchema } from '~/utils/need-validation'

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
  const [form, fields] = useSchemaForm(IssueSchema, { id: 'issue-form', defaultValue, lastResult })
  return (
    <Form method="post" className="form-stack form-wide" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
      {lockVersion !== null ? <LockVersionInput loaded={lockVersion} afterConflict={afterConflict} /> : null}
      {scope === 'prefecture' ? (
        <SelectField
          label="課題のある市区町村"
          field={fields.municipalityCode}
          options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
          placeholder="選択してください"
          required
        />
      ) : municipality ? (
        <p>
          <strong>団体:</strong> {municipality.name}
        </p>
      ) : null}
      <Field label="課題の件名" description="例: 標準化の移行計画が立てられない" field={fields.title} />
      <TextareaField label="現状（困っていること）" field={fields.currentSituation} rows={5} />
      <TextareaField label="実現したいこと" field={fields.desiredOutcome} rows={4} />
      <SelectField label="緊急度" field={fields.urgency} options={URGENCY_OPTIONS} placeholder="選択してください" />
      <SkillChoicesByArea
        summary="関係する分野（スキル標準から選択・複数可）"
        field={fields.topicSkillIds}
        areas={areas}
        open
        columns
        className="topic-picker"
      />
      <SelectField
        label="情報担当の体制"
        field={fields.itStaffing}
        options={IT_STAFFING_OPTIONS}
        placeholder="選択してください"
      />
      <Field label="体制の補足（任意）" description="例: 総務課の職員1人が情報担当を兼務" field={fields.sizeNote} />
      <fieldset className="choice-group">
        <legend>連絡先</legend>
        <Field label="担当者名" field={fields.contactName} />
        <Field label="担当部署（任意）" field={fields.contactDepartment} />
        <Field label="メールアドレス" field={fields.contactEmail} type="email" autoComplete="email" />
        <Field label="電話番号（任意）" field={fields.contactPhone} type="tel" autoComplete="tel" />
      </fieldset>
      {scope === 'prefecture' ? (
        <TextareaField
          label="県のメモ（ヒアリング記録・任意）"
          description="市区町村には表示されません。"
          field={fields.prefectureNote}
          rows={4}
        />
      ) : null}
      <div>
        <SubmitButton pendingText="保存中…">{submitLabel}</SubmitButton>
      </div>
    </Form>
  )
}
