import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pagination, ResultRange } from '~/components/pagination'
import { RowAction } from '~/components/forms'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { describeScope, listUsersForAdmin, setUserActive } from '~/models/users.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { redirectWithToast } from '~/utils/toast.server'
import { formText, isUuid, readFormData } from '~/utils/params'
import { formatShortDate } from '~/utils/dates'
import { pageTitle } from '~/utils/page-title'
import { parsePage } from '~/utils/pagination'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, context, 'read:user:own-prefecture')
  const page = parsePage(new URL(request.url).searchParams)
  const { users, paged, invitations } = await listUsersForAdmin(context, admin, page)
  return { users, paged, invitations, scopeLabel: await describeScope(context, admin) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, context, 'deactivate:user:own-prefecture')
  const formData = await readFormData(request)
  const intent = formData.get('intent')
  if (intent !== 'deactivate' && intent !== 'reactivate') throw new Response('不明な操作です。', { status: 400 })
  const userId = formText(formData, 'userId')
  if (!isUuid(userId)) throw new Response('対象のユーザーが見つかりません。', { status: 404 })
  const outcome = await setUserActive(context, admin, userId, intent === 'reactivate')
  if (outcome.status === 'not-found') throw new Response('対象のユーザーが見つかりません。', { status: 404 })
  // Back to the page the row was on.
  const page = parsePage(new URL(request.url).searchParams)
  const back = page > 1 ? `/admin/users?page=${page}` : '/admin/users'
  if (outcome.status === 'self') {
    return redirectWithToast(context, back, {
      type: 'error',
      message: '自分自身のアカウントは停止できません。',
    })
  }
  return redirectWithToast(context, back, {
    type: 'success',
    message:
      intent === 'deactivate'
        ? 'アカウントを停止しました。ログイン中のセッションも終了しました。'
        : 'アカウントを再開しました。',
  })
}

export default function AdminUsersRoute() {
  const { users, paged, invitations, scopeLabel } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <h1>ユーザー管理</h1>
      <p>
        {scopeLabel === '総務省・デジタル庁'
          ? '全国の職員アカウント（総務省・デジタル庁、都道府県、市区町村）を管理します。'
          : `${scopeLabel}と管内の市区町村の職員アカウントを管理します。`}
        職員のアカウントは招待でのみ作成できます。
      </p>
      <p>
        <Link to="/admin/users/invite" className="button">
          ユーザーを招待する
        </Link>
      </p>
      <h2 id="users-heading">ユーザー一覧（{paged.total.toLocaleString('ja-JP')}名）</h2>
      <ResultRange paged={paged} />
      <table className="data-table" aria-labelledby="users-heading">
        <thead>
          <tr>
            <th scope="col">氏名</th>
            <th scope="col">メールアドレス</th>
            <th scope="col">役割</th>
            <th scope="col">所属</th>
            <th scope="col">状態</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.displayName}</td>
              <td>{user.email}</td>
              <td>{user.roleLabel}</td>
              <td>{user.municipalityName ?? user.prefectureName ?? '総務省・デジタル庁'}</td>
              <td>
                {user.active ? (
                  <StatusBadge tone={STATUS_TONES.user.active} label="有効" />
                ) : (
                  <StatusBadge tone={STATUS_TONES.user.deactivated} label="停止中" />
                )}
              </td>
              <td>
                {user.manageable ? (
                  <RowAction
                    intent={user.active ? 'deactivate' : 'reactivate'}
                    values={{ userId: user.id }}
                    label={user.active ? '停止する' : '再開する'}
                    ariaLabel={`${user.displayName} を${user.active ? '停止' : '再開'}する`}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination paged={paged} />
      <h2 id="invitations-heading">未受諾の招待（{invitations.length}件）</h2>
      {invitations.length === 0 ? (
        <p>未受諾の招待はありません。</p>
      ) : (
        <table className="data-table" aria-labelledby="invitations-heading">
          <thead>
            <tr>
              <th scope="col">メールアドレス</th>
              <th scope="col">役割</th>
              <th scope="col">有効期限</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>{invitation.roleLabel}</td>
                <td>{formatShortDate(invitation.expiresAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('ユーザー管理') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
