// The nomination form (アクセラレータへの推薦), for a new nomination and for changing or resubmitting one: the role,
// why, the experiences that evidence 「一定の経験」, the placement planned, and the person's consent. The skills,
// qualifications and training the pool knows are sent with it as they are (shown here so staff see what goes).
import { type DefaultValue, getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { LockVersionInput, OptionChoices } from '~/components/choice-group'
import { CheckboxField, FormErrors, SelectField, SubmitButton, TextareaField, useSchemaForm } from '~/components/forms'
import { NominationSchema } from '~/utils/appointment-validation'

export interface NominationFormProps {
  roleOptions: ReadonlyArray<{ value: string; label: string }>
  experiences: ReadonlyArray<{
    id: string
    organization: string
    title: string
    period: string
    description: string
    skills: string[]
  }>
  skills: ReadonlyArray<{ name: string; levelLabel: string; level: number }>
  qualifications: ReadonlyArray<{ name: string; acquiredYear: number | null }>
  trainings: ReadonlyArray<{ title: string; provider: string; completedOn: string | null }>
  placementOptions: ReadonlyArray<{ value: string; label: string }>
  employmentOptions: ReadonlyArray<{ value: string; label: string }>
  defaultValue?: DefaultValue<z.input<typeof NominationSchema>>
  lockVersion: number | null
  lastResult: SubmissionResult<string[]> | undefined
  submitLabel: string
}

export function NominationForm(props: NominationFormProps) {
  const [form, fields] = useSchemaForm(NominationSchema, {
    id: 'nomination-form',
    defaultValue: props.defaultValue,
    lastResult: props.lastResult,
    // Messages clear as the person types or ticks, so none vanishes on blur and moves the button under the pointer.
    shouldRevalidate: 'onInput',
  })
  return (
    <Form method="post" className="form-stack form-wide" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={props.lastResult?.error?.['']} />
      <LockVersionInput loaded={props.lockVersion} afterConflict={undefined} />

      <SelectField
        label="推薦する人材像"
        field={fields.roleId}
        options={props.roleOptions}
        placeholder="選択してください"
        description="スキル標準の人材像です。本人が希望する人材像を先に並べています。"
      />
      <TextareaField
        label="推薦の理由"
        field={fields.statement}
        rows={6}
        description="デジタル分野での実務経験・スキルと、管内の市町村をどう支援するかを書いてください（2,000文字以内）。"
      />

      <h2>「一定の経験・資格」の根拠</h2>
      {props.experiences.length > 0 ? (
        <OptionChoices
          legend="根拠になる職歴"
          description="本人のプロフィールの職歴から選びます。選んだ職歴の内容が推薦とともに総務省に送られます。"
          field={fields.experienceIds}
          type="checkbox"
          required
          options={props.experiences.map((e) => ({
            value: e.id,
            label: `${e.organization}${e.title ? `　${e.title}` : ''}（${e.period}）`,
            description: [e.description, e.skills.length > 0 ? `スキル: ${e.skills.join('、')}` : '']
              .filter(Boolean)
              .join(' ／ '),
          }))}
        />
      ) : (
        <p>
          本人のプロフィールに職歴がない（または共有されていない）ため、職歴は送られません。推薦の理由に経験を書いてください。
        </p>
      )}
      <dl className="definition-list">
        <div>
          <dt>スキルとレベル</dt>
          <dd>
            {props.skills.length > 0 ? props.skills.map((s) => `${s.name}（${s.levelLabel}）`).join('、') : 'なし'}
          </dd>
        </div>
        <div>
          <dt>資格</dt>
          <dd>
            {props.qualifications.length > 0
              ? props.qualifications
                  .map((q) => `${q.name}${q.acquiredYear ? `（${q.acquiredYear}年）` : ''}`)
                  .join('、')
              : 'なし'}
          </dd>
        </div>
        <div>
          <dt>研修の記録</dt>
          <dd>
            {props.trainings.length > 0
              ? props.trainings
                  .map(
                    (t) =>
                      `${t.title}${t.provider ? `（${t.provider}）` : ''}${t.completedOn ? ` ${t.completedOn}修了` : ''}`,
                  )
                  .join('、')
              : 'なし（人材プールの「研修の記録」に追加できます）'}
          </dd>
        </div>
      </dl>

      <h2>配置の予定</h2>
      {props.placementOptions.length > 0 ? (
        <SelectField
          label="記録済みの配置"
          field={fields.placementId}
          options={props.placementOptions}
          placeholder="記録済みの配置から選ばない"
        />
      ) : (
        <p>この人の配置はまだ記録されていません。予定する形態と業務を選んでください。</p>
      )}
      <SelectField
        label="予定する任用・契約の形態（記録済みの配置を選ばないとき）"
        field={fields.plannedEmployment}
        options={props.employmentOptions}
        placeholder="選択してください"
      />
      <OptionChoices
        legend="主たる業務が市町村支援か（記録済みの配置を選ばないとき）"
        field={fields.plannedMainDuty}
        type="radio"
        options={[
          { value: 'yes', label: 'はい（管内の市町村を支援する）' },
          { value: 'no', label: 'いいえ' },
        ]}
      />
      <TextareaField label="配置の予定の補足" field={fields.plannedNote} rows={3} />

      <CheckboxField
        label="本人から、アクセラレータへの推薦と、上の内容を総務省に送ることの同意を得ています"
        field={fields.consent}
      />
      <SubmitButton>{props.submitLabel}</SubmitButton>
    </Form>
  )
}
