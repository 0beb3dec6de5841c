import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors } from '~/components/forms'
import { yen } from '~/components/funding-table'
import { decideFundingItem, getNationalFunding } from '~/models/funding.server'
import fundingStylesHref from '~/styles/funding.css'
import { requireUserWithPermission } from '~/utils/auth.server'
import { FundingDecisionSchema, parseFundingQuery } from '~/utils/funding-query'
import { pageTitle } from '~/utils/page-title'
import { readFormData } from '~/utils/params'
import { redirectWithToast } from '~/utils/toast.server'
import { DecisionForm } from './decision-form'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: fundingStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:placement:any')
  return getNationalFunding(context, user, { fy: parseFundingQuery(new URL(request.url).searchParams).fy })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'decide:funding:any')
  const form = Object.fromEntries(await readFormData(request))
  const parsed = FundingDecisionSchema.safeParse(form)
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message)
    const { amount, note, ...others } = fieldErrors
    // Field messages belong to the one form sent (the page has one per row); anything else goes on top.
    return data(
      {
        errors: Object.values(others).flat(),
        fieldErrors: { ...(amount ? { amount } : {}), ...(note ? { note } : {}) },
        key: `${String(form.placementId)}-${String(form.measure)}`,
      },
      { status: 400 },
    )
  }
  await decideFundingItem(context, user, parsed.data)
  return redirectWithToast(context, `/funding/national?fy=${parsed.data.fy}`, {
    type: 'success',
    message: parsed.data.intent === 'withdraw' ? '判断を取り消しました。' : '判断を記録しました。',
  })
}

export default function NationalFundingRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <h1>財政措置（交付税）の全国集計</h1>
      <p>
        各団体が記録した配置と経費から計算した措置額（「対象」の行だけ）と、要確認の件数です。要確認は資料に定めがない点で、ここで判断を記録すると、その行が対象または対象外として数えられます。
      </p>
      <Form method="get" className="search-form funding-actions" aria-label="年度の選択">
        <div className="search-form__row">
          <label htmlFor="national-fy">年度</label>
          <select id="national-fy" name="fy" defaultValue={String(page.fy)}>
            {page.yearChoices.map((y) => (
              <option key={y.value} value={y.value}>
                {y.label}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary">
            表示する
          </button>
        </div>
      </Form>
      <p className="funding-actions">
        <Link to={`/funding?fy=${page.fy}`}>団体別の明細へ</Link>
      </p>
      <div className="table-scroll">
        <table className="data-table funding-totals">
          <caption>都道府県別（管内の市区町村を含む）</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                都道府県
              </th>
              {page.years.map((y) => (
                <th scope="colgroup" colSpan={3} key={y.value}>
                  {y.label}
                </th>
              ))}
            </tr>
            <tr>
              {page.years.map((y) => (
                <FragmentHeads key={y.value} />
              ))}
            </tr>
          </thead>
          <tbody>
            {page.byPrefecture.map((p) => (
              <tr key={p.prefectureCode}>
                <th scope="row">{p.name}</th>
                {p.years.map((y) => (
                  <YearCells key={y.fy} year={y} />
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">全国</th>
              {page.nationalTotals.map((y) => (
                <YearCells key={y.fy} year={y} />
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <section aria-labelledby="to-decide-heading">
        <h2 id="to-decide-heading">
          {page.fyLabel}の要確認（{page.toDecide.filter((r) => !r.decided).length}件）
        </h2>
        <FormErrors errors={actionData?.errors} />
        {page.toDecide.length === 0 ? (
          <p>この年度に判断を待つ行はありません。</p>
        ) : (
          <ul className="funding-decisions">
            {page.toDecide.map((row) => (
              <li key={`${row.placementId}-${row.measure}`}>
                <h3>
                  {row.employerName}・<Link to={`/placements/${row.placementId}`}>{row.personName}</Link>・{row.measure}
                  （{row.schemeLabel}）
                </h3>
                <p>{row.reason}</p>
                <p>
                  出典: {row.source ?? '—'}・対象経費 {yen(row.eligibleCost)}
                  {row.proposedAmount !== null ? `・認める場合 ${yen(row.proposedAmount)}` : ''}
                </p>
                {page.canDecide ? (
                  <DecisionForm
                    row={row}
                    fy={page.fy}
                    fieldErrors={
                      actionData?.key === `${row.placementId}-${row.measure}` ? actionData.fieldErrors : undefined
                    }
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

function FragmentHeads() {
  return (
    <>
      <th scope="col">普通交付税</th>
      <th scope="col">特別交付税</th>
      <th scope="col">要確認</th>
    </>
  )
}

function YearCells({ year }: { year: { futsu: number; tokubetsu: number; pending: number } }) {
  return (
    <>
      <td>{yen(year.futsu)}</td>
      <td>{yen(year.tokubetsu)}</td>
      <td>{year.pending > 0 ? `${year.pending}件` : '—'}</td>
    </>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('財政措置の全国集計') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
