import type { LinksFunction, MetaFunction } from '@remix-run/node'
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration } from '@remix-run/react'
import tokensHref from '@digital-go-jp/design-tokens/dist/tokens.css'
import type { ReactNode } from 'react'
import { GeneralErrorBoundary } from './components/error-boundary'
import appStylesHref from './styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: tokensHref },
  { rel: 'stylesheet', href: appStylesHref },
]

export const meta: MetaFunction = () => [{ title: '自治体DXアクセラレータ500 プラットフォーム' }]

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          本文へスキップ
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Link to="/" className="site-title">
              自治体DXアクセラレータ500
            </Link>
            <nav className="site-nav" aria-label="メインメニュー">
              <ul>
                <li>
                  <Link to="/local-governments">自治体をさがす</Link>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          <div className="site-footer__inner">
            <p>総務省・デジタル庁「自治体DXアクセラレータ500 プロジェクト」の人材プール・マッチング基盤</p>
          </div>
        </footer>
        <ScrollRestoration />
        <Scripts />
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
