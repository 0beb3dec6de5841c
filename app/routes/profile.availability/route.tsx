import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { OptionChoices, PrefectureChoices } from '~/components/choice-group'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckboxField, Field } from '~/components/forms'
import { DAYS_PER_WEEK_INPUT, PayRangeFields } from '~/components/pay-range-fields'
import { saveAvailability } from '~/models/profile.server'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithRole } from '~/utils/auth.server'
import { EMPLOYMENT_FORM_OPTIONS } from '~/utils/labels'
import { readFormData } from '~/utils/params'
import { AvailabilitySchema } from '~/utils/profile-validation'
import { BackToProfile, ProfileSectionForm, useSectionForm } from '../profile._index/profile-ui'
import { replyInvalid, replyToSave, requireMyProfile } from '../profile._index/section.server'
import { pageTitle } from '~/utils/page-title'

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

const WORK_AREA_OPTIONS = [
  { value: 'all', label: '全国どこでも' },
  { value: 'selected', label: '選んだ都道府県' },
]

export default function ProfileAvailabilityRoute() {
  const { lockVersion, defaults, prefectures } = useLoaderData<typeof loader>()
  const [form, fields] = useSectionForm(AvailabilitySchema, { id: 'profile-availability', defaultValue: defaults })
  return (
    <div className="page">
      <BackToProfile />
      <h1>働き方の希望</h1>
      <p>都道府県の担当者が、募集の条件と照らし合わせるために使います。</p>
      <ProfileSectionForm form={form} lockVersion={lockVersion}>
        <OptionChoices
          legend="希望する勤務形態（複数選択可）"
          required
          field={fields.employmentForms}
          type="checkbox"
          options={EMPLOYMENT_FORM_OPTIONS}
        />
        <Field
          label="週の勤務可能日数"
          description="0.5〜5日、0.5日単位（例: 2.5）"
          field={fields.daysPerWeek}
          {...DAYS_PER_WEEK_INPUT}
          min={0.5}
        />
        <Field label="勤務開始可能日（任意）" field={fields.availableFrom} type="date" />
        <OptionChoices
          legend="勤務できる地域"
          required
          field={fields.workArea}
          type="radio"
          options={WORK_AREA_OPTIONS}
        />
        <PrefectureChoices
          legend="勤務できる都道府県"
          description="「選んだ都道府県」の場合に、1つ以上選んでください。"
          field={fields.workPrefectureCodes}
          prefectures={prefectures}
        />
        <CheckboxField label="リモート勤務ができる" field={fields.remoteOk} />
        <Field
          label="月あたりの現地勤務日数（任意）"
          description="現地（庁舎など）で勤務できる日数の目安（0〜31日）"
          field={fields.onsiteDaysPerMonth}
          type="number"
        />
        <PayRangeFields
          legend="希望報酬（任意・円）"
          unit={fields.payUnit}
          min={fields.payMinYen}
          max={fields.payMaxYen}
        />
      </ProfileSectionForm>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('働き方の希望', 'プロフィール') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
