// The printable job description: A4, the prefecture's name, no site chrome (handle.bare), a print stylesheet.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getPrintableNeed } from '~/models/need.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { JobDescription, jobDescriptionLinks } from '../needs.$id/job-description'
import { requireUuidParam } from '~/utils/params'

export const handle = { bare: true }

export const links = jobDescriptionLinks

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:need:own-prefecture')
  return getPrintableNeed(context, user, requireUuidParam(params, 'id'))
}

export default function PrintNeedRoute() {
  const { need, printedOn } = useLoaderData<typeof loader>()
  return (
    <article className="print-sheet">
      <p className="no-print">
        <Link to={`/needs/${need.id}`}>← ニーズに戻る</Link>{' '}
        <button type="button" className="button" onClick={() => window.print()}>
          印刷する
        </button>
      </p>
      <header className="print-sheet__header">
        <span>ジョブディスクリプション（{need.statusLabel}）</span>
        <strong>{need.prefectureName}</strong>
      </header>
      <h1>{need.title}</h1>
      <JobDescription need={need} showWarning={false} />
      <footer className="print-sheet__footer">
        <p>
          {need.prefectureName}／自治体DXアクセラレータ500 プラットフォームより出力（{printedOn}）
        </p>
      </footer>
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.need.title ?? 'ジョブディスクリプション'}（${data?.need.prefectureName ?? ''}）` },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
