import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { KIND_LABELS, requireLocalGovernmentPage } from '~/models/local-government.server'
import { pageTitle } from '~/utils/page-title'

export async function loader({ params, context }: LoaderFunctionArgs) {
  const page = await requireLocalGovernmentPage(context, params.code ?? '')
  return { ...page, kindLabel: KIND_LABELS[page.body.kind] }
}

export default function LocalGovernmentRoute() {
  const { body, prefecture, municipalities, kindLabel } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { label: '自治体をさがす', to: '/local-governments' },
          ...(prefecture ? [{ label: prefecture.name, to: `/local-governments/${prefecture.code}` }] : []),
          { label: body.name },
        ]}
      />
      <h1>
        {body.name} <span className="badge">{kindLabel}</span>
      </h1>
      {!body.active ? (
        <p className="notice notice--warning">
          この団体は北方領土の村で、団体コードは存在しますが、ニーズの登録や人材の配置先には選べません。
        </p>
      ) : null}
      <dl className="definition-list">
        <dt>読み</dt>
        <dd>{body.name_kana}</dd>
        <dt>全国地方公共団体コード</dt>
        <dd>{body.code}</dd>
        <dt>区分</dt>
        <dd>{kindLabel}</dd>
        {prefecture ? (
          <>
            <dt>都道府県</dt>
            <dd>
              <Link to={`/local-governments/${prefecture.code}`}>{prefecture.name}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {body.kind === 'prefecture' ? (
        <section aria-labelledby="municipalities-heading">
          <h2 id="municipalities-heading">管内の市区町村（{municipalities.length}団体）</h2>
          <ul className="municipality-list">
            {municipalities.map((m) => (
              <li key={m.code}>
                <Link to={`/local-governments/${m.code}`}>{m.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.body.name ?? '自治体') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
