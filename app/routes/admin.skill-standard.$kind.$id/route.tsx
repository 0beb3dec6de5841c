import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CONFLICT_MESSAGE, getDraftItemForEdit, KIND_LABELS, saveDraftItem } from '~/models/skill-standard.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { EDIT_KINDS, type EditKind, FORM_SCHEMAS, parseRequirements } from '~/utils/skill-standard-forms'
import { redirectWithToast } from '~/utils/toast.server'
import { ItemForm } from './item-form'
import { readFormData, requireCatalogueIdParam } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

function parseKind(kind: string | undefined): EditKind {
  if (!EDIT_KINDS.includes(kind as EditKind)) throw new Response('編集できる種類ではありません。', { status: 404 })
  return kind as EditKind
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'update:skill-standard:any')
  const kind = parseKind(params.kind)
  const workspace = await getDraftItemForEdit(
    context,
    kind,
    params.id === 'new' ? 'new' : requireCatalogueIdParam(params, 'id'),
  )
  return { kind, kindLabel: KIND_LABELS[kind], isNew: params.id === 'new', ...workspace }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:skill-standard:any')
  const kind = parseKind(params.kind)
  if (params.id !== 'new') requireCatalogueIdParam(params, 'id')
  const formData = await readFormData(request)
  const submission = parseWithZod(formData, { schema: FORM_SCHEMAS[kind] })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { lockVersion, ...fields } = submission.value as { lockVersion: number | null } & Record<string, unknown>
  if (params.id !== 'new' && fields.id !== params.id) throw new Response('IDは変更できません。', { status: 400 })

  let item: Record<string, unknown> = fields
  if (kind === 'skills') {
    const { level1, level2, level3, level4, ...rest } = fields as Record<string, string>
    item = { ...rest, levels: [level1, level2, level3, level4] }
  }
  if (kind === 'roles') {
    const workspace = await getDraftItemForEdit(context, 'roles', 'new')
    const skillIds = workspace.status === 'ok' ? workspace.skills.map((s) => s.id) : []
    const { requirements, errors } = parseRequirements(formData, skillIds)
    if (errors.length > 0) return data({ result: submission.reply({ formErrors: errors }) }, { status: 400 })
    item = { ...fields, requirements }
  }
  const outcome = await saveDraftItem(context, user, kind, item as never, lockVersion)
  if (outcome.status === 'ok') {
    return redirectWithToast(context, '/admin/skill-standard', {
      type: 'success',
      message: `${KIND_LABELS[kind]}「${String(fields.name)}」を保存しました。`,
    })
  }
  if (outcome.status === 'not-found') throw new Response('下書きにこの項目はありません。', { status: 404 })
  if (outcome.status === 'field-error') {
    return data({ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) }, { status: 400 })
  }
  const message =
    outcome.status === 'conflict'
      ? CONFLICT_MESSAGE
      : '下書きがありません。スキル標準の編集ページで下書きを作成してください。'
  return data(
    { result: submission.reply({ formErrors: [message] }) },
    { status: outcome.status === 'conflict' ? 409 : 400 },
  )
}

export default function EditCatalogueItemRoute() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (loaderData.status === 'no-draft') {
    return (
      <div className="page">
        <h1>{loaderData.kindLabel}の編集</h1>
        <p className="notice notice--warning">編集するには下書きが必要です。</p>
        <p>
          <Link to="/admin/skill-standard">スキル標準の編集へ</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { label: 'スキル標準の編集', to: '/admin/skill-standard' },
          { label: loaderData.isNew ? `${loaderData.kindLabel}の追加` : (loaderData.item?.name ?? '') },
        ]}
      />
      <h1>
        {loaderData.isNew
          ? `${loaderData.kindLabel}を追加`
          : `${loaderData.kindLabel}「${loaderData.item?.name}」を編集`}
        （{loaderData.versionLabel} 下書き）
      </h1>
      <ItemForm
        kind={loaderData.kind}
        item={loaderData.item as Record<string, unknown> | null}
        lockVersion={loaderData.lockVersion}
        areas={loaderData.areas}
        skills={loaderData.skills}
        lastResult={actionData?.result}
      />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('スキル標準の編集') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
