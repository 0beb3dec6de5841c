import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, SelectField, TextareaField } from '~/components/forms'
import { blankBasics, getMyProfile, saveBasics } from '~/models/profile.server'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithRole } from '~/utils/auth.server'
import { safeRedirect } from '~/utils/redirect'
import { BasicsSchema, BIRTH_YEAR_RANGE, INTRODUCTION_MAX_LENGTH } from '~/utils/profile-validation'
import { BackToProfile, ProfileSectionForm, useSectionForm } from '../profile._index/profile-ui'
import { replyInvalid, replyToSave } from '../profile._index/section.server'
import { readFormData } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: profileStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const { profile, prefectures } = await getMyProfile(context, user)
  return {
    isNew: profile === null,
    lockVersion: profile?.lockVersion ?? null,
    // A new profile starts with the account's address as the contact address.
    defaults: profile?.basics ?? blankBasics(user),
    prefectures,
    // Where to go after saving (e.g. back to a pool invitation); same-site paths only.
    redirectTo: safeRedirect(new URL(request.url).searchParams.get('redirectTo'), ''),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const formData = await readFormData(request)
  const submission = parseWithZod(formData, { schema: BasicsSchema })
  if (submission.status !== 'success') return replyInvalid(submission)
  const result = await saveBasics(context, user, submission.value)
  return replyToSave(context, submission, result, {
    redirectTo: safeRedirect(formData.get('redirectTo'), '/profile'),
    message: '基本情報を保存しました。',
  })
}

export default function ProfileBasicsRoute() {
  const { isNew, lockVersion, defaults, prefectures, redirectTo } = useLoaderData<typeof loader>()
  const [form, fields] = useSectionForm(BasicsSchema, { id: 'profile-basics', defaultValue: defaults })
  return (
    <div className="page">
      <BackToProfile />
      <h1>基本情報</h1>
      {isNew ? (
        <p>
          保存すると、あなたのプロフィールが作成されます。公開範囲を設定するまで、都道府県の担当者には表示されません。
        </p>
      ) : null}
      <ProfileSectionForm form={form} lockVersion={lockVersion} className="form-stack">
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <Field label="姓" field={fields.familyName} autoComplete="family-name" />
        <Field label="名" field={fields.givenName} autoComplete="given-name" />
        <Field
          label="せい（ふりがな）"
          description="ひらがなで入力してください（例: やまだ）"
          field={fields.familyNameKana}
        />
        <Field
          label="めい（ふりがな）"
          description="ひらがなで入力してください（例: たろう）"
          field={fields.givenNameKana}
        />
        <Field
          label="連絡先メールアドレス"
          description="都道府県の担当者からの連絡に使います。ログイン用のメールアドレスと同じでも構いません。"
          field={fields.contactEmail}
          type="email"
          autoComplete="email"
        />
        <Field
          label="電話番号（任意）"
          description="半角数字とハイフン（例: 090-1234-5678）"
          field={fields.phone}
          type="tel"
          autoComplete="tel"
        />
        <SelectField
          label="居住都道府県"
          field={fields.residencePrefectureCode}
          options={prefectures.map((p) => ({ value: p.code, label: p.name }))}
          placeholder="選択してください"
        />
        <Field
          label="生年（西暦・任意）"
          description={`同じ人が重複して登録されていないかの確認（同姓同名の区別）にだけ使います。${BIRTH_YEAR_RANGE.min}〜${BIRTH_YEAR_RANGE.max}年。`}
          field={fields.birthYear}
          type="number"
        />
        <TextareaField
          label="自己紹介（任意）"
          description={`得意なこと、自治体で取り組みたいことなど（${INTRODUCTION_MAX_LENGTH}文字以内）`}
          field={fields.introduction}
          className="profile-textarea"
          rows={6}
        />
        <Field
          label="民間企業でのIT関連の経験年数"
          description="年数を半角数字で（ない場合は0）"
          field={fields.yearsPrivateIt}
          type="number"
        />
        <Field
          label="公共部門での経験年数"
          description="国・自治体などでの勤務や、公共部門向けの業務の年数（ない場合は0）"
          field={fields.yearsPublicSector}
          type="number"
        />
        <Field
          label="業務で使える言語（任意）"
          description="読点（、）で区切って入力してください（例: 日本語、英語）"
          field={fields.languages}
        />
      </ProfileSectionForm>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('基本情報', 'プロフィール') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
