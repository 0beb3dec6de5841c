import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pagination, ResultRange } from '~/components/pagination'
import {
  listSentMailForAdmin,
  mailPageAvailable,
  mailPageShowsLiveLinks,
  type BodyPart,
} from '~/models/mail-view.server'
import adminMailStylesHref from '~/styles/admin-mail.css'
import { requireUserWithPermission } from '~/utils/auth.server'
import { userHasPermission } from '~/utils/permissions'
import { pageTitle } from '~/utils/page-title'
import { parsePage } from '~/utils/pagination'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: adminMailStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, context, 'read:mail:own-prefecture')
  if (!mailPageAvailable(context)) {
    // With SMTP configured, mail really goes out and its links are credentials: the page does not exist.
    throw new Response('このページは、SMTP が設定されていない開発環境でのみ利用できます。', { status: 404 })
  }
  const { mails, paged } = await listSentMailForAdmin(context, admin, parsePage(new URL(request.url).searchParams))
  return data({
    mails,
    paged,
    national: userHasPermission(admin, 'read:mail:any'),
    liveLinks: mailPageShowsLiveLinks(context),
  })
}

export default function AdminMailRoute() {
  const { mails, paged, national, liveLinks } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <h1>送信メール</h1>
      <div className="notice notice--warning">
        <p>開発環境用のページです。SMTP が設定されていないため、メールは送信されず、ここと端末に表示されます。</p>
        {liveLinks ? (
          <p>デモ環境（組み込みデータベースとデモ用アカウント）のため、リンクは送信したとおりに表示しています。</p>
        ) : (
          <p>
            確認・パスワード再設定・招待のリンクに含まれるトークンは宛先本人にのみ送られるため、ここには表示しません。
          </p>
        )}
      </div>
      <p>{national ? 'すべての都道府県のメール' : '所属する都道府県のメール'}を、新しい順に表示しています。</p>
      <ResultRange paged={paged} />
      {mails.length === 0 ? (
        <p>メールはまだありません。</p>
      ) : (
        <table className="data-table mail-table">
          <thead>
            <tr>
              <th scope="col">日時</th>
              <th scope="col">宛先</th>
              <th scope="col">件名</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((mail) => (
              <tr key={mail.id}>
                <td className="mail-table__when">{mail.createdAt}</td>
                <td className="mail-table__to">{mail.to}</td>
                <td>
                  {mail.subject}
                  <details className="mail-body">
                    <summary>本文を表示</summary>
                    <pre>
                      <MailBody parts={mail.bodyParts} />
                    </pre>
                  </details>
                </td>
                <td>
                  <span className={`badge mail-status mail-status--${mail.status}`}>{mail.statusLabel}</span>
                  {mail.sentAt ? <p className="mail-meta">{mail.sentAt}</p> : null}
                  {mail.retryNote ? <p className="mail-meta">{mail.retryNote}</p> : null}
                  {mail.lastError ? <p className="mail-error">{mail.lastError}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination paged={paged} />
    </div>
  )
}

/** Text stays text; only the http(s) links the server found become <a> elements (no HTML is rendered). */
function MailBody({ parts }: { parts: BodyPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.kind === 'link' ? (
          <a key={index} href={part.href}>
            {part.href}
          </a>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('送信メール') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
