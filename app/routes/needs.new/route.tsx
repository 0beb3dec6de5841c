import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { BackLink } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ChoiceGroup } from '~/components/choice-group'
import { Field, FormErrors, SubmitButton } from '~/components/forms'
import { createNeed, getNewNeedPage } from '~/models/need.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { redirectWithToast } from '~/utils/toast.server'
import { readFormData } from '~/utils/params'
import { plainString, uuidField } from '~/utils/field-schemas'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:need:own-prefecture')
  const issueIds = new URL(request.url).searchParams.getAll('issue')
  return getNewNeedPage(context, user, issueIds)
}

const CreateSchema = z.object({
  templateId: plainString()
    .max(100, { message: 'ひな形を一覧から選択してください' })
    .optional()
    .transform((v) => v || null),
  title: plainString()
    .trim()
    .max(120, { message: '件名は120文字以内にしてください' })
    .optional()
    .transform((v) => v || null),
  issueIds: z
    .array(uuidField('まとめる課題を一覧から選んでください'))
    .max(100, { message: '一度にまとめられる課題は100件までです' }),
})

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:need:own-prefecture')
  const form = await readFormData(request)
  const parsed = CreateSchema.safeParse({
    templateId: form.get('templateId') ?? undefined,
    title: form.get('title') ?? undefined,
    issueIds: form.getAll('issueIds').map(String),
  })
  if (!parsed.success) {
    // Each message at its own field (templateId, title, issueIds).
    const fieldErrors: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message)
    return data({ fieldErrors }, { status: 400 })
  }
  const result = await createNeed(context, user, parsed.data)
  if (result.status === 'invalid') return data({ fieldErrors: result.fieldErrors }, { status: 400 })
  return redirectWithToast(context, `/needs/${result.id}/edit`, {
    type: 'success',
    message: '下書きを作成しました。ジョブディスクリプションを書いてください。',
  })
}

export default function NewNeedRoute() {
  const { templates, issues } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.fieldErrors
  return (
    <div className="page">
      <BackLink to="/needs" label="ニーズの一覧に戻る" />
      <h1>ニーズを作る</h1>
      <p>
        総務省の支援の流れ（①管内市町村の課題の洗い出し → ②業務と人材像の明確化 →
        ③採用工程・任用形態・管理体制の整理）に沿って、 まず下書きを作り、次の画面でジョブディスクリプションを書きます。
      </p>
      <Form method="post" className="form-stack form-wide">
        <FormErrors errors={errors?.issueIds} />
        {issues.length > 0 ? (
          <section aria-labelledby="grouped-issues">
            <h2 id="grouped-issues">まとめる課題</h2>
            <ul>
              {issues.map((i) => (
                <li key={i.id}>
                  <input type="hidden" name="issueIds" value={i.id} />
                  {i.municipalityName}：{i.title}
                </li>
              ))}
            </ul>
            <p className="field-description">
              課題の市区町村が「支援する市区町村」に入り、現状が「背景と課題」に入ります。
            </p>
          </section>
        ) : null}
        <ChoiceGroup
          legend="ひな形（市町村支援業務の想定事例から）"
          description={<>業務内容・人材像・必要なスキルが入った状態で始まります（出典: {templates[0]?.source}）。</>}
          errorId="template-error"
          errors={errors?.templateId}
          choices={[
            {
              props: { type: 'radio', name: 'templateId', value: '', defaultChecked: true },
              label: 'ひな形を使わない',
            },
            ...templates.map((t) => ({
              props: { type: 'radio', name: 'templateId', value: t.id },
              label: t.title,
              hint: `人材像: ${t.roleName}／${t.taskDetails}`,
            })),
          ]}
        />
        <Field
          label="件名（任意）"
          description="空欄のときは、ひな形の名前（またはまとめる課題の件名）になります。"
          name="title"
          maxLength={120}
          errors={errors?.title}
        />
        <div>
          <SubmitButton pendingText="作成中…">下書きを作成する</SubmitButton>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('ニーズを作る') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
