import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, Field, FormErrors, SelectField, SubmitButton } from '~/components/forms'
import { blankBasics, getMyProfile, saveBasics } from '~/models/profile.server'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithRole } from '~/utils/auth.server'
import { safeRedirect } from '~/utils/redirect'
import { BasicsSchema, BIRTH_YEAR_RANGE, INTRODUCTION_MAX_LENGTH } from '~/utils/profile-validation'
import { BackToProfile, LockVersionInput } from '../profile._index/profile-ui'
import { replyInvalid, replyToSave } from '../profile._index/section.server'
import { readFormData } from '~/utils/params'

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
  const actionData = useActionData<typeof action>()
  const lastResult = actionData && 'result' in actionData ? actionData.result : undefined
  const [form, fields] = useForm({
    id: 'profile-basics',
    constraint: getZodConstraint(BasicsSchema),
    defaultValue: defaults,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BasicsSchema }),
    shouldRevalidate: 'onBlur',
  })
  return (
    <div className="page">
      <BackToProfile />
      <h1>基本情報</h1>
      {isNew ? (
        <p>
          保存すると、あなたのプロフィールが作成されます。公開範囲を設定するまで、都道府県の担当者には表示されません。
        </p>
      ) : null}
      <Form method="post" className="form-stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <LockVersionInput
          loaded={lockVersion}
          afterConflict={actionData && 'lockVersion' in actionData ? actionData.lockVersion : null}
        />
        <Field
          label="姓"
          inputProps={{ ...getInputProps(fields.familyName, { type: 'text' }), autoComplete: 'family-name' }}
          errors={fields.familyName.errors}
        />
        <Field
          label="名"
          inputProps={{ ...getInputProps(fields.givenName, { type: 'text' }), autoComplete: 'given-name' }}
          errors={fields.givenName.errors}
        />
        <Field
          label="せい（ふりがな）"
          description="ひらがなで入力してください（例: やまだ）"
          inputProps={getInputProps(fields.familyNameKana, { type: 'text' })}
          errors={fields.familyNameKana.errors}
        />
        <Field
          label="めい（ふりがな）"
          description="ひらがなで入力してください（例: たろう）"
          inputProps={getInputProps(fields.givenNameKana, { type: 'text' })}
          errors={fields.givenNameKana.errors}
        />
        <Field
          label="連絡先メールアドレス"
          description="都道府県の担当者からの連絡に使います。ログイン用のメールアドレスと同じでも構いません。"
          inputProps={{ ...getInputProps(fields.contactEmail, { type: 'email' }), autoComplete: 'email' }}
          errors={fields.contactEmail.errors}
        />
        <Field
          label="電話番号（任意）"
          description="半角数字とハイフン（例: 090-1234-5678）"
          inputProps={{ ...getInputProps(fields.phone, { type: 'tel' }), autoComplete: 'tel' }}
          errors={fields.phone.errors}
        />
        <SelectField
          label="居住都道府県"
          selectProps={getSelectProps(fields.residencePrefectureCode)}
          options={prefectures.map((p) => ({ value: p.code, label: p.name }))}
          placeholder="選択してください"
          errors={fields.residencePrefectureCode.errors}
        />
        <Field
          label="生年（西暦・任意）"
          description={`同じ人が重複して登録されていないかの確認（同姓同名の区別）にだけ使います。${BIRTH_YEAR_RANGE.min}〜${BIRTH_YEAR_RANGE.max}年。`}
          inputProps={getInputProps(fields.birthYear, { type: 'number' })}
          errors={fields.birthYear.errors}
        />
        <div className="field">
          <label htmlFor={fields.introduction.id}>自己紹介（任意）</label>
          <p id={`${fields.introduction.id}-description`} className="field-description">
            得意なこと、自治体で取り組みたいことなど（{INTRODUCTION_MAX_LENGTH}文字以内）
          </p>
          <textarea
            {...getTextareaProps(fields.introduction)}
            className="profile-textarea"
            rows={6}
            aria-describedby={[
              `${fields.introduction.id}-description`,
              fields.introduction.errors ? fields.introduction.errorId : '',
            ]
              .filter(Boolean)
              .join(' ')}
          />
          <ErrorList id={fields.introduction.errorId} errors={fields.introduction.errors} />
        </div>
        <Field
          label="民間企業でのIT関連の経験年数"
          description="年数を半角数字で（ない場合は0）"
          inputProps={getInputProps(fields.yearsPrivateIt, { type: 'number' })}
          errors={fields.yearsPrivateIt.errors}
        />
        <Field
          label="公共部門での経験年数"
          description="国・自治体などでの勤務や、公共部門向けの業務の年数（ない場合は0）"
          inputProps={getInputProps(fields.yearsPublicSector, { type: 'number' })}
          errors={fields.yearsPublicSector.errors}
        />
        <Field
          label="業務で使える言語（任意）"
          description="読点（、）で区切って入力してください（例: 日本語、英語）"
          inputProps={getInputProps(fields.languages, { type: 'text' })}
          errors={fields.languages.errors}
        />
        <div>
          <SubmitButton pendingText="保存中…">保存する</SubmitButton>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [
  { title: '基本情報 | プロフィール | 自治体DXアクセラレータ500 プラットフォーム' },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
