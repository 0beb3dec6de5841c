import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { EmptyState } from '~/components/empty-state'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, SubmitButton, TextareaField, useSchemaForm } from '~/components/forms'
import { getNoticeAdminPage, publishNotice } from '~/models/accelerator-notice.server'
import acceleratorStylesHref from '~/styles/accelerator.css'
import { NOTICE_LIMITS, NoticeSchema } from '~/utils/accelerator-validation'
import { requireUserWithPermission } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'
import { readFormData } from '~/utils/params'
import { redirectWithToast } from '~/utils/toast.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: acceleratorStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'publish:accelerator-notice:any')
  return getNoticeAdminPage(context)
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'publish:accelerator-notice:any')
  const submission = parseWithZod(await readFormData(request), { schema: NoticeSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { mailed } = await publishNotice(context, user, submission.value)
  return redirectWithToast(context, '/admin/accelerator-notices', {
    type: 'success',
    message: `お知らせを掲載し、任命中のアクセラレータ${mailed}人にメールを送りました。`,
  })
}

export default function AcceleratorNoticesRoute() {
  const { recipients, notices } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(NoticeSchema, { id: 'accelerator-notice', lastResult: actionData?.result })
  return (
    <div className="page">
      <h1>アクセラレータへのお知らせ</h1>
      <p>
        任命中の自治体DXアクセラレータに向けたお知らせです。掲載すると、各アクセラレータのページに表示され、同じ内容をメールでも送ります（いま任命中でメールを受け取れる人:{' '}
        {recipients}人）。掲載したお知らせは取り消せません。
      </p>
      <h2>お知らせを掲載する</h2>
      <Form method="post" className="form-stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={actionData?.result?.error?.['']} />
        <Field
          label="件名"
          description={`${NOTICE_LIMITS.title}文字以内。メールの件名にもなります。`}
          field={fields.title}
          maxLength={NOTICE_LIMITS.title}
        />
        <TextareaField
          label="本文"
          description={`${NOTICE_LIMITS.body}文字以内。改行はそのまま表示されます。`}
          field={fields.body}
          className="profile-textarea"
          rows={10}
        />
        <div>
          <SubmitButton pendingText="掲載中…">掲載してメールを送る</SubmitButton>
        </div>
      </Form>
      <h2>掲載したお知らせ</h2>
      {notices.length === 0 ? (
        <EmptyState message="まだお知らせはありません。上のフォームから掲載できます。" />
      ) : (
        <ul className="notice-list">
          {notices.map((n) => (
            <li key={n.id}>
              <h3>{n.title}</h3>
              <p className="notice-list__date">
                {n.publishedAt}　{n.authorName}
              </p>
              <details>
                <summary>本文を表示</summary>
                <p className="notice-body">{n.body}</p>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('アクセラレータへのお知らせ') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
