// The placement form (配置), for recording one and for editing it: the person (from the prefecture's pool or by
// name), the appointment and the facts the funding rules read, the period and the municipalities served with days
// a week. The kind is the employer's (a prefecture supports its municipalities; a municipality records its own
// CIO補佐官等), so the form shows only what applies to it.
import { type DefaultValue, getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { LockVersionInput } from '~/components/choice-group'
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
import { PLACEMENT_EMPLOYMENT_OPTIONS } from '~/utils/labels'
import { daysPerWeekTotal } from '~/utils/need-validation'
import { placementDaysWarning, PlacementSchema } from '~/utils/placement-validation'

const DAYS_INPUT = { type: 'number', step: 0.5, min: 0.5, max: 7, inputMode: 'decimal' } as const

export interface PlacementFormProps {
  kind: 'municipal_support' | 'cio_adviser'
  employerName: string
  municipalities: Array<{ code: string; name: string }>
  poolMembers: Array<{ id: string; name: string }>
  defaultValue: DefaultValue<z.input<typeof PlacementSchema>>
  lockVersion: number | null
  afterConflict: number | null | undefined
  lastResult: SubmissionResult<string[]> | undefined
  submitLabel: string
}

export function PlacementForm({
  kind,
  employerName,
  municipalities,
  poolMembers,
  defaultValue,
  lockVersion,
  afterConflict,
  lastResult,
  submitLabel,
}: PlacementFormProps) {
  const [form, fields] = useSchemaForm(PlacementSchema, { id: 'placement-form', defaultValue, lastResult })
  const rows = fields.municipalities.getFieldList()
  const { total } = daysPerWeekTotal(
    rows.map((row) => ({ daysPerWeek: row.getFieldset().daysPerWeek.value as string | undefined })),
  )
  const warning = placementDaysWarning(total)
  const cioRow = kind === 'cio_adviser' ? rows[0]?.getFieldset() : undefined
  return (
    <Form method="post" className="form-stack form-wide" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
      <LockVersionInput loaded={lockVersion} afterConflict={afterConflict} />

      <h2>配置する人</h2>
      {kind === 'municipal_support' ? (
        <SelectField
          label="人材プールの登録者（任意）"
          description="選ぶと、プールの記録と結びつきます。氏名を空欄にすると、プールの氏名が入ります。"
          field={fields.poolMemberId}
          options={poolMembers.map((m) => ({ value: m.id, label: m.name }))}
          placeholder="プールの登録者ではない"
        />
      ) : null}
      <Field label="氏名" field={fields.personName} autoComplete="off" />
      <Field label="ふりがな（任意）" field={fields.personKana} autoComplete="off" />
      <Field label="職名（任意）" description="例: DX推進専門員、CIO補佐官" field={fields.jobTitle} />

      <h2>任用・契約</h2>
      <p>雇用する団体: {employerName}</p>
      <SelectField
        label="任用・契約の形態"
        field={fields.employment}
        options={PLACEMENT_EMPLOYMENT_OPTIONS}
        placeholder="選択してください"
      />
      <CheckboxField label="任期付（任期付職員として任用）" field={fields.fixedTerm} />
      {kind === 'municipal_support' ? (
        <CheckboxField
          label="主たる業務が市町村支援（そうでない人の経費は財政措置の対象外です）"
          field={fields.mainDutyMunicipalSupport}
        />
      ) : null}
      <CheckboxField
        label="総務省から自治体DXアクセラレータに任命されている（人材プールの登録者は、総務省の任命の記録に従います）"
        field={fields.appointedAccelerator}
      />
      <CheckboxField label="DX推進リーダーに指定している" field={fields.designatedDxLeader} />
      {kind === 'cio_adviser' ? (
        <CheckboxField
          label="計画の策定だけを委託している（全庁的・横断的な助言を含まない）"
          field={fields.planDraftingOnly}
        />
      ) : null}

      <h2>期間</h2>
      <div className="pay-range">
        <Field label="開始日" description="配置を開始するときに必要です" field={fields.startOn} type="date" />
        <Field label="終了日（予定・任意）" field={fields.endOn} type="date" />
      </div>

      {kind === 'municipal_support' ? (
        <fieldset className="choice-group" aria-describedby={warning ? 'days-warning' : undefined}>
          <legend>支援する市区町村と週の日数</legend>
          <p className="field-description">
            団体ごとに週の日数（0.5日単位）と、決まっていれば曜日を入れます（例: A町 週2日・火木、B村 週1日・金）。
          </p>
          <ErrorList id={fields.municipalities.errorId} errors={fields.municipalities.errors} />
          <div className="municipality-rows">
            {rows.map((row, index) => {
              const { code, daysPerWeek, weekdays } = row.getFieldset()
              return (
                <div key={row.key} className="municipality-row">
                  <SelectField
                    label={`市区町村 ${index + 1}`}
                    field={code}
                    options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
                    placeholder="選択してください"
                  />
                  <Field label="週の日数" field={daysPerWeek} {...DAYS_INPUT} />
                  <Field label="曜日（任意）" field={weekdays} />
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
                defaultValue: { code: '', daysPerWeek: '1', weekdays: '' },
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
      ) : (
        // A CIO補佐官等 works for its own body: only the days and weekdays are asked.
        <fieldset className="choice-group">
          <legend>勤務の日数</legend>
          <ErrorList id={fields.municipalities.errorId} errors={fields.municipalities.errors} />
          {cioRow ? (
            <div className="municipality-row">
              <input type="hidden" name={cioRow.code.name} value={municipalities[0]?.code ?? ''} />
              <Field label="週の日数" field={cioRow.daysPerWeek} {...DAYS_INPUT} />
              <Field label="曜日（任意）" field={cioRow.weekdays} />
            </div>
          ) : null}
        </fieldset>
      )}
      <TextareaField label="メモ（任意・団体内のみ）" field={fields.note} rows={3} />
      <div>
        <SubmitButton pendingText="保存中…">{submitLabel}</SubmitButton>
      </div>
    </Form>
  )
}
