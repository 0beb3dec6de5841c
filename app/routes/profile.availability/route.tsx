import { getCollectionProps, getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckboxField, Field, FormErrors, SelectField, SubmitButton } from '~/components/forms'
import { saveAvailability } from '~/models/profile.server'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithRole } from '~/utils/auth.server'
import { AvailabilitySchema, EMPLOYMENT_FORM_OPTIONS, PAY_UNIT_OPTIONS } from '~/utils/profile-validation'
import { BackToProfile, ChoiceGroup, LockVersionInput, PrefectureChoices } from '../profile._index/profile-ui'
import { replyInvalid, replyToSave, requireMyProfile } from '../profile._index/section.server'
import { readFormData } from '~/utils/params'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: profileStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const { profile, prefectures } = await requireMyProfile(context, user)
  return { lockVersion: profile.lockVersion, defaults: profile.availability, prefectures }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const submission = parseWithZod(await readFormData(request), { schema: AvailabilitySchema })
  if (submission.status !== 'success') return replyInvalid(submission)
  const result = await saveAvailability(context, user, submission.value)
  return replyToSave(context, submission, result, { redirectTo: '/profile', message: '働き方の希望を保存しました。' })
}

export default function ProfileAvailabilityRoute() {
  const { lockVersion, defaults, prefectures } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const lastResult = actionData && 'result' in actionData ? actionData.result : undefined
  const [form, fields] = useForm({
    id: 'profile-availability',
    constraint: getZodConstraint(AvailabilitySchema),
    defaultValue: defaults,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AvailabilitySchema }),
    shouldRevalidate: 'onBlur',
  })
  return (
    <div className="page">
      <BackToProfile />
      <h1>働き方の希望</h1>
      <p>都道府県の担当者が、募集の条件と照らし合わせるために使います。</p>
      <Form method="post" className="form-stack form-wide" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
        <LockVersionInput
          loaded={lockVersion}
          afterConflict={actionData && 'lockVersion' in actionData ? actionData.lockVersion : null}
        />
        <ChoiceGroup
          legend="希望する勤務形態（複数選択可）"
          required
          errorId={fields.employmentForms.errorId}
          errors={fields.employmentForms.errors}
          choices={getCollectionProps(fields.employmentForms, {
            type: 'checkbox',
            options: EMPLOYMENT_FORM_OPTIONS.map((o) => o.value),
          }).map((props) => ({
            props,
            label: EMPLOYMENT_FORM_OPTIONS.find((o) => o.value === props.value)?.label ?? props.value,
          }))}
        />
        <Field
          label="週の勤務可能日数"
          description="0.5〜5日、0.5日単位（例: 2.5）"
          inputProps={{
            ...getInputProps(fields.daysPerWeek, { type: 'number' }),
            step: 0.5,
            min: 0.5,
            max: 5,
            inputMode: 'decimal',
          }}
          errors={fields.daysPerWeek.errors}
        />
        <Field
          label="勤務開始可能日（任意）"
          inputProps={getInputProps(fields.availableFrom, { type: 'date' })}
          errors={fields.availableFrom.errors}
        />
        <ChoiceGroup
          legend="勤務できる地域"
          required
          errorId={fields.workArea.errorId}
          errors={fields.workArea.errors}
          choices={getCollectionProps(fields.workArea, { type: 'radio', options: ['all', 'selected'] }).map(
            (props) => ({
              props,
              label: props.value === 'all' ? '全国どこでも' : '選んだ都道府県',
            }),
          )}
        />
        <PrefectureChoices
          legend="勤務できる都道府県"
          description="「選んだ都道府県」の場合に、1つ以上選んでください。"
          field={fields.workPrefectureCodes}
          prefectures={prefectures}
        />
        <CheckboxField
          label="リモート勤務ができる"
          inputProps={getInputProps(fields.remoteOk, { type: 'checkbox' })}
          errors={fields.remoteOk.errors}
        />
        <Field
          label="月あたりの現地勤務日数（任意）"
          description="現地（庁舎など）で勤務できる日数の目安（0〜31日）"
          inputProps={getInputProps(fields.onsiteDaysPerMonth, { type: 'number' })}
          errors={fields.onsiteDaysPerMonth.errors}
        />
        <fieldset className="choice-group">
          <legend>希望報酬（任意・円）</legend>
          <div className="pay-range">
            <SelectField
              label="単位"
              selectProps={getSelectProps(fields.payUnit)}
              options={PAY_UNIT_OPTIONS.map((o) => ({ value: o.value, label: o.label }))}
              placeholder="選択してください"
              errors={fields.payUnit.errors}
            />
            <Field
              label="下限（円）"
              inputProps={{ ...getInputProps(fields.payMinYen, { type: 'number' }), step: 1 }}
              errors={fields.payMinYen.errors}
            />
            <Field
              label="上限（円）"
              inputProps={{ ...getInputProps(fields.payMaxYen, { type: 'number' }), step: 1 }}
              errors={fields.payMaxYen.errors}
            />
          </div>
        </fieldset>
        <div>
          <SubmitButton pendingText="保存中…">保存する</SubmitButton>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [
  { title: '働き方の希望 | プロフィール | 自治体DXアクセラレータ500 プラットフォーム' },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
