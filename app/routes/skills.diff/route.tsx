import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { catalogueTitle, SkillsBreadcrumbs } from '~/components/skill-catalogue'
import { getVersionDiff, parseVersionDiffQuery } from '~/models/skill-catalogue.server'
import skillsStylesHref from '~/styles/skills.css'
import { CompareForm } from '~/components/skill-version-compare-form'
import { DiffGroups } from './diff-groups'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: skillsStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = await getVersionDiff(context, parseVersionDiffQuery(new URL(request.url).searchParams))
  return data(page, { status: page.status === 'invalid' ? 400 : 200 })
}

export default function VersionDiffRoute() {
  const page = useLoaderData<typeof loader>()
  const { history } = page
  const [searchParams] = useSearchParams()
  // After a 400 the form keeps what was asked for (when it names a version), so the user sees what to fix.
  const asked = (name: 'from' | 'to') =>
    history.versions.find((v) => String(v.no) === searchParams.get(name))?.no ?? null
  return (
    <div className="page skills-page">
      <SkillsBreadcrumbs
        versionParam={null}
        trail={[{ label: '改訂の履歴', to: '/skills/versions' }, { label: '版の比較' }]}
      />
      <h1>{page.status === 'ok' ? `${page.from.label}と${page.to.label}の比較` : '版の比較'}</h1>
      {page.status === 'invalid' ? (
        <p className="notice notice--error" role="alert">
          比較する二つの版を選び直してください。
        </p>
      ) : (
        <>
          <p className="lead">
            {page.from.label}（{page.from.publishedOn ?? '未公開'}）から{page.to.label}（
            {page.to.publishedOn ?? '未公開'}）への変更です。
            {page.to.changeNote ? `改訂の内容: ${page.to.changeNote}` : ''}
          </p>
          <p role="status" className="result-summary">
            {page.total === 0
              ? '二つの版に違いはありません。'
              : `変更 ${page.total} 件（${page.counts
                  .filter((c) => c.count > 0)
                  .map((c) => `${c.label} ${c.count}`)
                  .join('、')}）`}
          </p>
          <DiffGroups groups={page.groups} />
        </>
      )}
      <CompareForm
        versions={history.versions}
        defaultFrom={page.status === 'ok' ? page.from.no : (asked('from') ?? history.defaultFrom)}
        defaultTo={page.status === 'ok' ? page.to.no : (asked('to') ?? history.defaultTo)}
        fieldErrors={page.status === 'invalid' ? page.fieldErrors : {}}
      />
      <p>
        <Link to="/skills/versions">改訂の履歴へ戻る</Link>
      </p>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: catalogueTitle(data?.status === 'ok' ? `${data.from.label}と${data.to.label}の比較` : '版の比較') },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
