import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { createIssue, getIssueFormOptions } from '~/models/issue.server'
import { requireUser, type SessionUser } from '~/utils/auth.server'
import { IssueSchema } from '~/utils/need-validation'
import { userHasPermission } from '~/utils/permissions'
import { redirectWithToast } from '~/utils/toast.server'
import { IssueForm } from './issue-form'
import { readFormData } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

/** Municipal staff post for their own body; prefecture staff enter one on a municipality's behalf. */
function requireIssueAuthor(user: SessionUser) {
  if (
    !userHasPermission(user, 'create:issue:own-municipality') &&
    !(
      userHasPermission(user, 'update:issue:own-prefecture') &&
      user.role !== 'ministry_staff' &&
      user.role !== 'ministry_admin'
    )
  ) {
    throw new Response('この操作を行う権限がありません。', { status: 403 })
  }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  requireIssueAuthor(user)
  return getIssueFormOptions(context, user)
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  requireIssueAuthor(user)
  const submission = parseWithZod(await readFormData(request), { schema: IssueSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const result = await createIssue(context, user, submission.value)
  if (result.status === 'invalid')
    return data({ result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 400 })
  if (result.status === 'conflict')
    return data(
      { result: submission.reply({ formErrors: ['保存できませんでした。もう一度お試しください'] }) },
      { status: 409 },
    )
  return redirectWithToast(context, `/issues/${result.id}`, {
    type: 'success',
    message: '課題を登録しました。都道府県の担当者に届きます。',
  })
}

export default function NewIssueRoute() {
  const options = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <BackLink to="/issues" label="課題の一覧に戻る" />
      <h1>{options.scope === 'prefecture' ? '課題を代わりに登録する（ヒアリング）' : '課題を登録する'}</h1>
      <p>
        デジタル化で困っていること、実現したいことを書いてください。都道府県が内容を確認し、外部人材による支援（ニーズ）につなげます。
      </p>
      <IssueForm
        scope={options.scope}
        municipality={options.municipality}
        municipalities={options.municipalities}
        areas={options.areas}
        defaultValue={options.defaults}
        lockVersion={null}
        lastResult={actionData?.result}
        submitLabel="登録する"
      />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('課題を登録する') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
