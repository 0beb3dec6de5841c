import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, SelectField, SubmitButton, useSchemaForm } from '~/components/forms'
import { LocalGovernmentPicker } from '~/components/local-government-picker'
import { getInviteFormOptions, inviteUser } from '~/models/users.server'
import { InviteSchema } from '~/utils/account-validation'
import { requireUserWithPermission } from '~/utils/auth.server'
import { redirectWithToast } from '~/utils/toast.server'
import { readFormData } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, context, 'invite:user:own-prefecture')
  return getInviteFormOptions(context, admin)
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, context, 'invite:user:own-prefecture')
  const submission = parseWithZod(await readFormData(request), { schema: InviteSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const outcome = await inviteUser(context, admin, submission.value)
  if (outcome.status === 'field-error') {
    return data({ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) }, { status: 400 })
  }
  return redirectWithToast(context, '/admin/users', {
    type: 'success',
    message: `${submission.value.email} に招待メールを送信しました（7日間有効）。`,
  })
}

const PREFECTURE_ROLES = new Set(['prefecture_admin', 'prefecture_staff'])

export default function InviteUserRoute() {
  const { roles, prefectures, ownPrefectureCode, scopeLabel } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(InviteSchema, {
    id: 'invite-user',
    lastResult: actionData?.result,
    defaultValue: { role: roles[0]?.value },
  })
  // Which scope fields to show follows the chosen role (conform does not re-render on a select's change).
  const [role, setRole] = useState(fields.role.initialValue ?? roles[0]?.value)
  return (
    <div className="page">
      <h1>ユーザーを招待する</h1>
      <p>
        招待メールのリンク（7日間有効、1回限り）から、本人がパスワードを設定してアカウントを作成します。招待できる範囲:{' '}
        {scopeLabel}
      </p>
      <Form method="post" className="form-stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={actionData?.result?.error?.['']} />
        <Field label="メールアドレス" field={fields.email} type="email" autoComplete="off" />
        <SelectField
          label="役割"
          field={fields.role}
          options={roles}
          onChange={(event) => setRole(event.target.value)}
        />
        {role && PREFECTURE_ROLES.has(role) && prefectures.length > 0 ? (
          <SelectField
            label="都道府県"
            field={fields.prefectureCode}
            options={prefectures}
            placeholder="選択してください"
          />
        ) : null}
        {role === 'municipal_staff' ? (
          <LocalGovernmentPicker
            label="市区町村"
            name="municipalityCode"
            prefectureCode={ownPrefectureCode ?? undefined}
            kinds={['designated_city', 'city', 'special_ward', 'town', 'village']}
            placeholder="名前か読みで検索して、候補から選んでください"
            description={ownPrefectureCode ? '管内の市区町村から選べます。' : undefined}
            errorMessage={fields.municipalityCode.errors?.[0]}
          />
        ) : null}
        <div>
          <SubmitButton pendingText="送信中…">招待メールを送る</SubmitButton>
        </div>
      </Form>
      <p>
        <Link to="/admin/users">ユーザー管理へ戻る</Link>
      </p>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('ユーザーの招待') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
