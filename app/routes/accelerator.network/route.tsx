import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/breadcrumbs'
import { DirectoryCard } from '~/components/directory-card'
import { EmptyState } from '~/components/empty-state'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FilterSelect } from '~/components/forms'
import { getNetworkPage } from '~/models/accelerator.server'
import acceleratorStylesHref from '~/styles/accelerator.css'
import { parseNetworkQuery } from '~/utils/accelerator-validation'
import { requireUser } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: acceleratorStylesHref }]

// Readers: accelerators now and the ministry (read:appointment:any); the model refuses anyone else with 403.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const { query, invalid } = parseNetworkQuery(new URL(request.url).searchParams)
  return { ...(await getNetworkPage(context, user, query)), invalid }
}

export default function AcceleratorNetworkRoute() {
  const { query, invalid, prefectures, entries, ownVisibilityLabel } = useLoaderData<typeof loader>()
  const filtered = Boolean(query.q || query.pref)
  return (
    <div className="page">
      {ownVisibilityLabel ? <BackLink to="/accelerator" label="アクセラレータのページに戻る" /> : null}
      <h1>アクセラレータ名簿</h1>
      <p>
        任命中の自治体DXアクセラレータのうち、名簿への掲載を選んだ人の一覧です。各人が載せると決めた項目だけを表示しています。
      </p>
      {ownVisibilityLabel ? (
        <p>
          あなたの掲載: <strong>{ownVisibilityLabel}</strong>（<Link to="/accelerator">掲載内容を変える</Link>）
        </p>
      ) : null}
      <Form method="get" className="search-form" role="search" aria-label="名簿の検索">
        <div className="search-form__row">
          <Field
            label="キーワード"
            id="q"
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder="例: 標準化、データ活用"
          />
          <FilterSelect
            name="pref"
            label="都道府県"
            defaultValue={query.pref}
            options={prefectures.map((p) => ({ value: p.code, label: p.name }))}
          />
          <button type="submit" className="button">
            検索
          </button>
        </div>
      </Form>
      {invalid ? (
        <p className="notice notice--error" role="alert">
          {invalid}
        </p>
      ) : null}
      <p className="result-summary" role="status">
        {entries.length}人
      </p>
      {entries.length === 0 ? (
        filtered ? (
          <EmptyState message="条件に合う人はいません。都道府県は、表示を選んだ人だけが絞り込みの対象です。">
            <Link to="/accelerator/network">すべて表示する</Link>
          </EmptyState>
        ) : (
          <EmptyState message="名簿に掲載している人はまだいません。" />
        )
      ) : (
        <ul className="directory-list">
          {entries.map((entry, index) => (
            <li key={`${entry.displayName}-${index}`}>
              <DirectoryCard entry={entry} headingLevel={2} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('アクセラレータ名簿') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
