// The job description form (ジョブディスクリプション): tasks and role (step ②), the municipalities served with
// days a week, employment form, period, pay, selection and management set-up (step ③), 001:246-250.
import { type DefaultValue, getFormProps, getSelectProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { LockVersionInput, OptionChoices } from '~/components/choice-group'
import {
  CheckboxField,
  ErrorList,
  Field,
  FormErrors,
  SelectField,
  SubmitButton,
  TextareaField,
  useSchemaForm,
} from '~/components/forms'
import { DAYS_PER_WEEK_INPUT, PayRangeFields } from '~/components/pay-range-fields'
import { EMPLOYER_OPTIONS, EMPLOYMENT_FORM_OPTIONS } from '~/utils/labels'
import { daysPerWeekTotal, daysPerWeekWarning, NeedSchema } from '~/utils/need-validation'

export interface NeedFormProps {
  catalogue: {
    areas: Array<{ id: string; name: string; skills: Array<{ id: string; name: string }> }>
    tasks: Array<{ id: string; name: string; description: string }>
    roles: Array<{ id: string; name: string; duties: string }>
    levels: Array<{ level: number; label: string }>
  }
  municipalities: Array<{ code: string; name: string }>
  defaultValue: DefaultValue<z.input<typeof NeedSchema>>
  lockVersion: number
  afterConflict: number | null | undefined
  lastResult: SubmissionResult<string[]> | undefined
}

export function NeedForm({
  catalogue,
  municipalities,
  defaultValue,
  lockVersion,
  afterConflict,
  lastResult,
}: NeedFormProps) {
  const [form, fields] = useSchemaForm(NeedSchema, { id: 'need-form', defaultValue, lastResult })
  const rows = fields.municipalities.getFieldList()
  const { total } = daysPerWeekTotal(
    rows.map((row) => ({ daysPerWeek: row.getFieldset().daysPerWeek.value as string | undefined })),
  )
  const warning = daysPerWeekWarning(total)
  const skillRows = fields.skills.getFieldList()
  const skillName = new Map(catalogue.areas.flatMap((a) => a.skills.map((s) => [s.id, s.name] as const)))
  let skillIndex = 0
  // Areas with a required skill start open; the others stay folded.
  const openSkillIds = new Set(
    skillRows
      .map((row) => row.getFieldset())
      .filter((f) => f.minLevel.initialValue)
      .map((f) => String(f.skillId.initialValue)),
  )
  return (
    <Form method="post" className="form-stack form-wide" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
      <LockVersionInput loaded={lockVersion} afterConflict={afterConflict} />

      <h2>② 業務と人材像</h2>
      <Field label="件名（募集する業務）" field={fields.title} />
      <TextareaField
        label="背景と課題"
        description="市区町村の現状と、外部人材に期待すること"
        field={fields.background}
        rows={5}
      />
      <OptionChoices
        legend="支援する業務（市町村支援業務）"
        description="総務省の想定事例（002:415-424）から選びます。複数可。"
        field={fields.taskSkillIds}
        type="checkbox"
        options={catalogue.tasks.map((t) => ({ value: t.id, label: t.name }))}
      />
      <TextareaField label="業務内容の詳細" field={fields.taskDetails} rows={4} />
      <SelectField
        label="人材像"
        field={fields.roleId}
        options={catalogue.roles.map((r) => ({ value: r.id, label: r.name }))}
        placeholder="選択してください"
      />
      <fieldset className="choice-group">
        <legend>求めるスキル（スキル標準）</legend>
        <p className="field-description">
          必要なスキルに最低レベルを選び、必須か任意かを決めます。不要なスキルは「求めない」のままにします。
        </p>
        <ErrorList id={fields.skills.errorId} errors={fields.skills.errors} />
        {catalogue.areas.map((area) => (
          <details key={area.id} className="skill-area" open={area.skills.some((s) => openSkillIds.has(s.id))}>
            <summary>{area.name}</summary>
            {area.skills.map((skill) => {
              const item = skillRows[skillIndex++]
              if (!item) return null
              const { skillId, minLevel, essential } = item.getFieldset()
              return (
                <div key={skill.id} className="need-skill-row">
                  <input type="hidden" name={skillId.name} value={skill.id} />
                  <label htmlFor={minLevel.id}>{skillName.get(skill.id)}</label>
                  <select
                    {...getSelectProps(minLevel)}
                    aria-invalid={minLevel.errors ? true : undefined}
                    aria-describedby={minLevel.errors ? minLevel.errorId : undefined}
                  >
                    <option value="">求めない</option>
                    {catalogue.levels.map((l) => (
                      <option key={l.level} value={String(l.level)}>
                        {`レベル${l.level} ${l.label} 以上`}
                      </option>
                    ))}
                  </select>
                  <select {...getSelectProps(essential)} aria-label={`${skill.name}は必須か任意か`}>
                    <option value="essential">必須</option>
                    <option value="optional">任意</option>
                  </select>
                  <ErrorList id={minLevel.errorId} errors={minLevel.errors} />
                </div>
              )
            })}
          </details>
        ))}
      </fieldset>

      <h2>③ 任用形態・採用工程・管理体制</h2>
      <SelectField
        label="任用・契約の形態"
        field={fields.employmentForm}
        options={EMPLOYMENT_FORM_OPTIONS}
        placeholder="選択してください"
      />
      <OptionChoices legend="採用する主体" field={fields.employer} type="radio" options={EMPLOYER_OPTIONS} />
      <Field label="採用主体の補足（任意）" description="例: 委託先 ○○株式会社から派遣" field={fields.employerNote} />

      <fieldset className="choice-group" aria-describedby={warning ? 'days-warning' : undefined}>
        <legend>支援する市区町村と週の日数</legend>
        <p className="field-description">
          1人が複数の団体を支援する場合は、団体ごとの日数を入れます（例: A市 週1日・B町
          週1日）。1団体あたり週5日まで、0.5日単位。
        </p>
        <ErrorList id={fields.municipalities.errorId} errors={fields.municipalities.errors} />
        <div className="municipality-rows">
          {rows.map((row, index) => {
            const { code, daysPerWeek } = row.getFieldset()
            return (
              <div key={row.key} className="municipality-row">
                <SelectField
                  label={`市区町村 ${index + 1}`}
                  field={code}
                  options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
                  placeholder="選択してください"
                />
                <Field label="週の日数" field={daysPerWeek} {...DAYS_PER_WEEK_INPUT} min={0.5} />
                <button
                  {...form.remove.getButtonProps({ name: fields.municipalities.name, index })}
                  className="button button--secondary"
                >
                  {`市区町村 ${index + 1} を外す`}
                </button>
              </div>
            )
          })}
        </div>
        <p>
          <button
            {...form.insert.getButtonProps({
              name: fields.municipalities.name,
              defaultValue: { code: '', daysPerWeek: '1' },
            })}
            className="button button--secondary"
          >
            市区町村を追加
          </button>
        </p>
        <p>合計 週{total}日</p>
        {warning ? (
          <p id="days-warning" className="notice notice--warning" role="status">
            {warning}
          </p>
        ) : null}
      </fieldset>
      <Field label="勤務場所" description="例: 県庁（情報政策課）、各市町村の庁舎" field={fields.workPlace} />
      <Field
        label="リモート勤務（週の日数・任意）"
        description="0〜5日、0.5日単位。リモート不可なら0"
        field={fields.remoteDaysPerWeek}
        {...DAYS_PER_WEEK_INPUT}
        min={0}
      />
      <div className="pay-range">
        <Field label="開始日" field={fields.startOn} type="date" />
        <Field label="終了日（任意）" field={fields.endOn} type="date" />
      </div>
      <PayRangeFields
        legend="報酬・予算（任意・円）"
        unit={fields.payUnit}
        min={fields.payMinYen}
        max={fields.payMaxYen}
      >
        <Field label="予算額（年額・円）" field={fields.budgetYen} type="number" step={1} />
      </PayRangeFields>
      <TextareaField
        label="選考の方法"
        description="例: 書類選考のうえ面接（オンライン可）"
        field={fields.selectionProcess}
        rows={3}
      />
      <Field label="応募締切日（任意）" field={fields.applicationDeadline} type="date" />
      <Field
        label="県の管理体制（担当課・監督者）"
        description="例: 県デジタル推進課 課長が監督、担当者が月1回面談"
        field={fields.supervisor}
      />
      <TextareaField
        label="管理体制の補足（県内のみ・任意）"
        description="公募ページには表示されません。"
        field={fields.managementNote}
        rows={3}
      />
      <TextareaField label="問い合わせ先" field={fields.contact} rows={2} />
      <CheckboxField
        label="公開したら公募ページに掲載する（掲載しない場合は県内のマッチングだけに使います）"
        field={fields.openCall}
      />
      <div>
        <SubmitButton pendingText="保存中…">保存する</SubmitButton>
      </div>
    </Form>
  )
}
