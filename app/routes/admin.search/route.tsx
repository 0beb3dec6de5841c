import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SubmitButton } from '~/components/forms'
import { getSearchAdminPage, startSearchRebuild } from '~/models/search-admin.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { formatShortDateTime } from '~/utils/dates'
import { pageTitle } from '~/utils/page-title'
import { redirectWithToast } from '~/utils/toast.server'

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'manage:search:any')
  return getSearchAdminPage(context)
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'manage:search:any')
  const result = await startSearchRebuild(context, user)
  return redirectWithToast(context, '/admin/search', {
    type: result.status === 'started' ? 'success' : 'info',
    message:
      result.status === 'started'
        ? '検索インデックスの再構築を始めました。完了までの間も検索は使えます。'
        : '再構築はすでに実行中です。',
  })
}

export default function SearchAdminPage() {
  const { indexes, searchReachable, backlog, rebuild } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <h1>検索インデックス</h1>
      <p className="lead">
        検索（Meilisearch）の索引は、データベース（PostgreSQL）の内容から作られます。正本はデータベースで、変更は通常1秒以内に検索へ反映されます。
        索引がずれたとき（復旧作業の後など）は、すべて作り直せます。作り直す間も、いまの索引で検索できます。
      </p>
      {!searchReachable ? (
        <div className="notice notice--warning" role="status">
          検索サーバーに接続できません。各画面はデータベースでの照合に切り替わっています。
        </div>
      ) : null}
      <table className="data-table">
        <caption>索引ごとの件数</caption>
        <thead>
          <tr>
            <th scope="col">索引</th>
            <th scope="col">件数</th>
          </tr>
        </thead>
        <tbody>
          {indexes.map((index) => (
            <tr key={index.entity}>
              <th scope="row">{index.label}</th>
              <td>{index.documents === null ? '取得できません' : `${index.documents.toLocaleString('ja-JP')} 件`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        反映待ち {backlog.pending} 件・失敗 {backlog.failed} 件
      </p>
      <h2>再構築</h2>
      {rebuild ? (
        <div className={`notice${rebuild.error ? ' notice--error' : ''}`} role="status">
          {rebuild.running
            ? `実行中（${rebuild.progressLabel}）。${rebuild.startedBy} さんが ${formatShortDateTime(rebuild.startedAt)} に開始しました。ページを再読み込みすると進み具合を確認できます。`
            : rebuild.error
              ? `失敗しました（${formatShortDateTime(rebuild.finishedAt ?? rebuild.startedAt)}）: ${rebuild.error}`
              : `完了しました（${formatShortDateTime(rebuild.finishedAt ?? rebuild.startedAt)}）。`}
        </div>
      ) : null}
      <Form method="post">{rebuild?.running ? null : <SubmitButton>すべての索引を再構築する</SubmitButton>}</Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('検索インデックス') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
