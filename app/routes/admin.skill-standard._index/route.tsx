import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, SubmitButton, TextareaField, useSchemaForm } from '~/components/forms'
import {
  createDraft,
  discardDraft,
  getDraftWorkspace,
  KIND_LABELS,
  publishDraft,
  versionLabel,
} from '~/models/skill-standard.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { PublishSchema } from '~/utils/skill-standard-forms'
import { redirectWithToast } from '~/utils/toast.server'
import { DraftItems } from './draft-items'
import { readFormData } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'update:skill-standard:any')
  const { draft, published, content, changes } = await getDraftWorkspace(context)
  return {
    published: published
      ? {
          label: versionLabel(published.version_no),
          title: published.title,
          publishedAt: published.published_at?.toISOString() ?? null,
        }
      : null,
    draft: draft
      ? {
          label: versionLabel(draft.version_no),
          title: draft.title,
          lockVersion: draft.lock_version,
          createdAt: draft.created_at.toISOString(),
        }
      : null,
    items: content
      ? (['areas', 'skills', 'roles', 'qualifications'] as const).map((kind) => ({
          kind,
          label: KIND_LABELS[kind],
          items: content[kind].map((item) => ({ id: item.id, name: item.name, retired: item.retired })),
        }))
      : [],
    changes: changes.map((c) => ({ ...c, kindLabel: KIND_LABELS[c.kind] })),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:skill-standard:any')
  const formData = await readFormData(request)
  const intent = formData.get('intent')
  if (intent === 'create-draft') {
    const result = await createDraft(context, user)
    return redirectWithToast(context, '/admin/skill-standard', {
      type: result.status === 'ok' ? 'success' : 'info',
      message:
        result.status === 'ok'
          ? `${versionLabel(result.versionNo)}の下書きを作成しました。`
          : `${versionLabel(result.versionNo)}の下書きがすでにあります。`,
    })
  }
  if (intent === 'discard-draft') {
    await discardDraft(context, user)
    return redirectWithToast(context, '/admin/skill-standard', { type: 'success', message: '下書きを破棄しました。' })
  }
  const submission = parseWithZod(formData, { schema: PublishSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const outcome = await publishDraft(context, user, submission.value)
  if (outcome.status === 'ok') {
    return redirectWithToast(context, '/skills', {
      type: 'success',
      message: `スキル標準の${versionLabel(outcome.versionNo)}を公開しました。`,
    })
  }
  const message =
    outcome.status === 'conflict'
      ? '確認している間に、ほかの人が下書きを更新しました。変更内容を確認し直してから公開してください。'
      : outcome.status === 'no-draft'
        ? '公開する下書きがありません。'
        : outcome.message
  return data(
    { result: submission.reply({ formErrors: [message] }) },
    { status: outcome.status === 'conflict' ? 409 : 400 },
  )
}

export default function SkillStandardWorkspaceRoute() {
  const { published, draft, items, changes } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(PublishSchema, {
    id: 'publish',
    lastResult: actionData?.result,
    defaultValue: { title: draft?.title ?? '' },
  })
  return (
    <div className="page">
      <h1>スキル標準の編集</h1>
      <p>
        現在公開中: {published ? `${published.label}「${published.title}」` : 'なし'}（
        <Link to="/skills">公開中のカタログを見る</Link>）
      </p>
      {!draft ? (
        <Form method="post" className="form-stack">
          <p>編集するには、現在の版をもとに下書きを作成します。下書きは公開するまで職員以外には表示されません。</p>
          <div>
            <SubmitButton name="intent" value="create-draft">
              下書きを作成する
            </SubmitButton>
          </div>
        </Form>
      ) : (
        <>
          <h2>{draft.label}（下書き）</h2>
          <p>
            <Link to="/admin/skill-standard/import">ファイルから取り込む（JSON・CSV）</Link>
            {' ／ '}
            <a href="/admin/skill-standard/export.json">下書きをJSONで保存</a>
            {' ／ '}
            <a href="/admin/skill-standard/export.csv">下書きをCSVで保存</a>
          </p>
          <DraftItems groups={items} />
          <h2 id="changes-heading">公開中の版からの変更（{changes.length}件）</h2>
          {changes.length === 0 ? (
            <p>まだ変更はありません。</p>
          ) : (
            <table className="data-table" aria-labelledby="changes-heading">
              <thead>
                <tr>
                  <th scope="col">種類</th>
                  <th scope="col">項目</th>
                  <th scope="col">変更</th>
                  <th scope="col">内容</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((change) => (
                  <tr key={`${change.kind}-${change.id}`}>
                    <td>{change.kindLabel}</td>
                    <td>{change.name}</td>
                    <td>
                      {
                        { added: '追加', removed: '削除', retired: '廃止', restored: '復活', changed: '変更' }[
                          change.change
                        ]
                      }
                    </td>
                    <td>{change.fields.map((f) => `${f.label}: ${f.before} → ${f.after}`).join(' ／ ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>公開する</h2>
          <Form method="post" className="form-stack" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={actionData?.result?.error?.['']} />
            <input type="hidden" name="intent" value="publish" />
            <input type="hidden" name="lockVersion" value={draft.lockVersion} />
            <Field label="版の名称" field={fields.title} />
            <TextareaField label="変更内容の説明" field={fields.changeNote} rows={5} />
            <p>公開すると、この版が現行版になり、これまでの版は過去の版として閲覧のみ可能になります。</p>
            <div>
              <SubmitButton pendingText="公開中…">{draft.label}を公開する</SubmitButton>
            </div>
          </Form>
          <Form method="post" style={{ marginTop: '2rem' }}>
            <button type="submit" name="intent" value="discard-draft" className="button button--secondary">
              下書きを破棄する
            </button>
          </Form>
        </>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('スキル標準の編集') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
