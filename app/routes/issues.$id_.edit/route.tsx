import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getIssueFormOptions, getIssuePage, updateIssue } from '~/models/issue.server'
import { requireUser } from '~/utils/auth.server'
import { IssueSchema } from '~/utils/need-validation'
import { redirectWithToast } from '~/utils/toast.server'
import { IssueForm } from '../issues.new/issue-form'
import { readFormData, requireUuidParam } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

const CONFLICT =
  'ほかの人がこの課題を先に更新しました。最新の内容を確認してから、もう一度保存してください（入力した内容は残っています）。'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const page = await getIssuePage(context, user, requireUuidParam(params, 'id'))
  if (!page.canEdit) throw new Response('この課題は編集できません。', { status: 403 })
  const options = await getIssueFormOptions(context, user)
  const i = page.issue
  return {
    ...options,
    id: i.id,
    title: i.title,
    lockVersion: i.lock_version,
    defaults: {
      municipalityCode: i.municipality_code,
      title: i.title,
      currentSituation: i.current_situation,
      desiredOutcome: i.desired_outcome,
      urgency: i.urgency,
      topicSkillIds: i.topic_skill_ids,
      itStaffing: i.it_staffing,
      sizeNote: i.size_note,
      contactName: i.contact_name,
      contactDepartment: i.contact_department,
      contactEmail: i.contact_email,
      contactPhone: i.contact_phone,
      // Only for the viewers the query selected it for (never a municipality).
      ...(i.prefecture_note === undefined ? {} : { prefectureNote: i.prefecture_note }),
    },
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const id = requireUuidParam(params, 'id')
  const submission = parseWithZod(await readFormData(request), { schema: IssueSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), lockVersion: null }, { status: 400 })
  const result = await updateIssue(context, user, id, submission.value)
  if (result.status === 'invalid')
    return data({ result: submission.reply({ fieldErrors: result.fieldErrors }), lockVersion: null }, { status: 400 })
  if (result.status === 'conflict') {
    const current = await getIssuePage(context, user, id)
    return data(
      { result: submission.reply({ formErrors: [CONFLICT] }), lockVersion: current.issue.lock_version },
      { status: 409 },
    )
  }
  return redirectWithToast(context, `/issues/${id}`, { type: 'success', message: '課題を更新しました。' })
}

export default function EditIssueRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <BackLink to={`/issues/${page.id}`} label="課題に戻る" />
      <h1>課題を編集する</h1>
      <IssueForm
        scope={page.scope}
        municipality={page.municipality}
        municipalities={page.municipalities}
        areas={page.areas}
        defaultValue={page.defaults}
        lockVersion={page.lockVersion}
        afterConflict={actionData?.lockVersion}
        lastResult={actionData?.result}
        submitLabel="保存する"
      />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`${data?.title ?? '課題'}を編集`) }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
