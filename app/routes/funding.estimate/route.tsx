import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { Breadcrumbs } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors } from '~/components/forms'
import { FundingTable, yen } from '~/components/funding-table'
import { ESTIMATE_CSV_COLUMNS } from '~/funding/estimate-input'
import { estimateFundingFile, type EstimateResult } from '~/models/funding.server'
import fundingStylesHref from '~/styles/funding.css'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'
import { PLACEMENT_READ_PERMISSIONS } from '~/utils/permissions'
import { readUpload } from '~/utils/upload.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: fundingStylesHref }]

const MAX_BYTES = 5 * 1024 * 1024

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWithAnyPermission(request, context, PLACEMENT_READ_PERMISSIONS)
  return { columns: [...ESTIMATE_CSV_COLUMNS] }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_READ_PERMISSIONS)
  const upload = await readUpload(request, 'file', MAX_BYTES)
  if (upload.status === 'error')
    return data<EstimateResult>({ status: 'invalid', errors: [upload.message] }, { status: 400 })
  const result = await estimateFundingFile(context, user, upload)
  return data(result, { status: result.status === 'ok' ? 200 : 400 })
}

export default function FundingEstimateRoute() {
  const result = useActionData<typeof action>() as EstimateResult | undefined
  return (
    <div className="page">
      <Breadcrumbs trail={[{ label: '財政措置', to: '/funding' }, { label: 'ファイルで試算' }]} />
      <h1>配置の一覧から措置額を試算する</h1>
      <p>
        これから採用する人の見込みや、表計算で管理している配置を、記録せずに試算できます。1行を1つの経費として、列「
        {ESTIMATE_CSV_COLUMNS.join('」「')}
        」を並べたCSV（同じ id の行は1つの配置）か、コマンド <code>npm run funding:estimate</code> と同じ JSON
        を選んでください。判定には現在のルールを使います。
      </p>
      <Form method="post" encType="multipart/form-data" className="form-stack funding-actions">
        <div className="field">
          <label htmlFor="estimate-file">ファイル（CSV または JSON、5MBまで）</label>
          <input id="estimate-file" type="file" name="file" accept=".csv,.json,text/csv,application/json" required />
        </div>
        <button type="submit" className="button">
          試算する
        </button>
      </Form>
      {result?.status === 'invalid' ? <FormErrors errors={result.errors} /> : null}
      {result?.status === 'ok' ? (
        <section aria-labelledby="estimate-heading">
          <h2 id="estimate-heading">試算の結果</h2>
          {result.notice ? <p className="notice">{result.notice}</p> : null}
          <div className="table-scroll">
            <table className="data-table funding-totals">
              <caption>団体・年度ごとの合計（「対象」の行だけ）</caption>
              <thead>
                <tr>
                  <th scope="col">団体</th>
                  <th scope="col">年度</th>
                  <th scope="col">普通交付税</th>
                  <th scope="col">特別交付税</th>
                  <th scope="col">要確認</th>
                </tr>
              </thead>
              <tbody>
                {result.totals.map((t) => (
                  <tr key={`${t.employer}-${t.fy}`}>
                    <th scope="row">{t.employerName}</th>
                    <td>{t.fyLabel}</td>
                    <td>{yen(t.futsu)}</td>
                    <td>{yen(t.tokubetsu)}</td>
                    <td>{t.pending > 0 ? `${t.pending}件` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <FundingTable rows={result.rows} caption="配置（id）・措置ごとの判定" showPerson linkPerson={false} />
        </section>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('ファイルで試算', '財政措置') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
