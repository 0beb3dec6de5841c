import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckboxField } from '~/components/forms'
import { saveConsent } from '~/models/profile.server'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithRole } from '~/utils/auth.server'
import { ConsentSchema, VISIBILITY_OPTIONS } from '~/utils/profile-validation'
import { BackToProfile, ProfileSectionForm, useSectionForm } from '../profile._index/profile-ui'
import { replyInvalid, replyToSave, requireMyProfile } from '../profile._index/section.server'
import { readFormData } from '~/utils/params'
import { formatDateTime } from '~/utils/dates'
import { OptionChoices, PrefectureChoices } from '~/components/choice-group'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: profileStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const { profile, prefectures } = await requireMyProfile(context, user)
  return {
    lockVersion: profile.lockVersion,
    defaults: profile.consent,
    consentUpdatedAt: profile.consentUpdatedAt,
    prefectures,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const submission = parseWithZod(await readFormData(request), { schema: ConsentSchema })
  if (submission.status !== 'success') return replyInvalid(submission)
  const result = await saveConsent(context, user, submission.value)
  return replyToSave(context, submission, result, {
    redirectTo: '/profile',
    message: '公開範囲と同意を保存しました。検索結果にもすぐに反映されます。',
  })
}

export default function ProfileConsentRoute() {
  const { lockVersion, defaults, consentUpdatedAt, prefectures } = useLoaderData<typeof loader>()
  const [form, fields] = useSectionForm(ConsentSchema, { id: 'profile-consent', defaultValue: defaults })
  return (
    <div className="page">
      <BackToProfile />
      <h1>公開範囲と同意</h1>
      <h2>だれが、何を見られるか</h2>
      <ul>
        <li>
          <strong>都道府県の担当者</strong>
          は、あなたが公開を許可した都道府県のものだけ、プロフィール（氏名・連絡先・スキル・職歴・働き方の希望）を閲覧・検索できます。「まだ公開しない」の間は、どの都道府県にも表示されません。
        </li>
        <li>
          <strong>市区町村の職員</strong>は、あなたのプロフィールを直接見ることはできません。
        </li>
        <li>
          <strong>総務省・デジタル庁</strong>
          は、「国の外部人材リストへの掲載」に同意した場合に、リストに掲載し、公開を許可した都道府県へ紹介します。
        </li>
        <li>
          <strong>一般の方</strong>
          は、自治体DXアクセラレータに任命され、公開名簿への掲載に同意した場合に限り、アクセラレータのページで「公開ページにも表示」を選んだ名簿の内容（表示名と、選んだ項目：肩書き・紹介文・都道府県・スキル・連絡先）だけを閲覧できます。プロフィールのほかの項目は公開されません。この同意を外すと、公開ページからすぐに消えます。
        </li>
      </ul>
      <p>
        変更はすぐに検索結果にも反映されます。公開をやめると、その時点から都道府県の検索結果に表示されなくなります。
      </p>
      {consentUpdatedAt ? <p>最終更新: {formatDateTime(consentUpdatedAt)}</p> : <p>まだ一度も設定していません。</p>}
      <ProfileSectionForm form={form} lockVersion={lockVersion}>
        <OptionChoices
          legend="都道府県への公開範囲"
          required
          field={fields.visibility}
          type="radio"
          options={VISIBILITY_OPTIONS}
        />
        <PrefectureChoices
          legend="公開する都道府県"
          description="「選んだ都道府県にだけ公開する」場合に、1つ以上選んでください。"
          field={fields.visiblePrefectureCodes}
          prefectures={prefectures}
        />
        <CheckboxField label="国（総務省）の外部人材リストへの掲載に同意します" field={fields.nationalListConsent} />
        <CheckboxField
          label="自治体DXアクセラレータに任命された場合、公開名簿（氏名・担当自治体）への掲載に同意します"
          field={fields.publicDirectoryConsent}
        />
        <CheckboxField
          label="希望する働き方とスキルに合う公募が新しく出たら、週に1回メールで知らせてください"
          field={fields.fittingNeedsDigest}
        />
      </ProfileSectionForm>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('公開範囲と同意', 'プロフィール') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
