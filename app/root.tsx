import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteLoaderData,
} from '@remix-run/react'
import tokensHref from '@digital-go-jp/design-tokens/dist/tokens.css'
import type { ReactNode } from 'react'
import { GeneralErrorBoundary } from './components/error-boundary'
import { SiteNav } from './components/site-nav'
import appStylesHref from './styles/app.css'
import { getUser } from './utils/auth.server'
import { PLACEMENT_READ_PERMISSIONS, ROLE_LABELS, userHasPermission } from './utils/permissions'
import { useNonce } from './utils/nonce'
import { getToast } from './utils/toast.server'
import './utils/zod-locale'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'stylesheet', href: tokensHref },
  { rel: 'stylesheet', href: appStylesHref },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [user, { toast, headers }] = await Promise.all([getUser(request, context), getToast(request, context)])
  return data(
    {
      user: user
        ? {
            displayName: user.display_name,
            roleLabel: ROLE_LABELS[user.role],
            canManageUsers: userHasPermission(user, 'read:user:own-prefecture'),
            canReadPools: userHasPermission(user, 'read:pool:own-prefecture'),
            canReadPartners: userHasPermission(user, 'read:partner:any'),
            canReadIssues:
              userHasPermission(user, 'read:issue:own-municipality') ||
              userHasPermission(user, 'read:issue:own-prefecture'),
            canReadNeeds: userHasPermission(user, 'read:need:own-prefecture'),
            canReadPlacements: PLACEMENT_READ_PERMISSIONS.some((permission) => userHasPermission(user, permission)),
            // Prefectures browse the consented national list; the ministry runs it as pool '00'.
            nationalListLink: userHasPermission(user, 'update:national-list:any')
              ? { to: '/pools?pool=national', label: '国の外部人材リスト（管理）' }
              : userHasPermission(user, 'read:national-list:consented')
                ? { to: '/national-list', label: '国の外部人材リスト' }
                : null,
            canEditSkillStandard: userHasPermission(user, 'update:skill-standard:any'),
            isProfessional: user.role === 'professional',
            canReadAudit: userHasPermission(user, 'read:audit:own-prefecture'),
            // The 送信メール page exists only while mail is not sent for real (no SMTP configured).
            canReadMail: userHasPermission(user, 'read:mail:own-prefecture') && !context.services.env.SMTP_URL,
            canManageSearch: userHasPermission(user, 'manage:search:any'),
            canEditFundingRules: userHasPermission(user, 'update:funding-rule:any'),
            canReadAppointments: userHasPermission(user, 'read:appointment:own-prefecture'),
            canReadDashboard: userHasPermission(user, 'read:dashboard:own-prefecture'),
            canReportDxStructure:
              userHasPermission(user, 'report:dx-structure:own-prefecture') ||
              userHasPermission(user, 'confirm:dx-structure:any'),
            canPublishNotices: userHasPermission(user, 'publish:accelerator-notice:any'),
          }
        : null,
      toast,
    },
    { headers },
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle() }]

export function Layout({ children }: { children: ReactNode }) {
  // The layout also renders error pages, where the root loader may not have run.
  const rootData = useRouteLoaderData<typeof loader>('root')
  const user = rootData?.user
  // Printable pages (e.g. the A4 job description) opt out of the site chrome with `handle.bare`.
  const bare = useMatches().some((match) => (match.handle as { bare?: boolean } | undefined)?.bare)
  const nonce = useNonce()
  if (bare) {
    return (
      <Document nonce={nonce} bodyClassName="bare">
        <main id="main">{children}</main>
      </Document>
    )
  }
  return (
    <Document nonce={nonce}>
      <a className="skip-link" href="#main">
        本文へスキップ
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="site-title">
            自治体DXアクセラレータ500
          </Link>
          <SiteNav user={user} />
          <div className="user-menu">
            {user ? (
              <>
                <Link to="/account">
                  {user.displayName}（{user.roleLabel}）
                </Link>
                <Form method="post" action="/logout" className="inline-form">
                  <button type="submit" className="link-button">
                    ログアウト
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/login">ログイン</Link>
                <Link to="/signup">新規登録</Link>
              </>
            )}
          </div>
        </div>
      </header>
      {rootData?.toast ? (
        <div className="toast" role="status">
          <p
            className={`notice ${rootData.toast.type === 'error' ? 'notice--error' : rootData.toast.type === 'success' ? 'notice--success' : ''}`}
          >
            {rootData.toast.message}
          </p>
        </div>
      ) : null}
      <main id="main">{children}</main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>総務省・デジタル庁「自治体DXアクセラレータ500 プロジェクト」の人材プール・マッチング基盤</p>
        </div>
      </footer>
    </Document>
  )
}

/** The HTML document around every page, with or without the site's header and footer. */
function Document({ nonce, bodyClassName, children }: { nonce: string; bodyClassName?: string; children: ReactNode }) {
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className={bodyClassName}>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
