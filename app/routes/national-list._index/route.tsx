import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CsvDownloadLink } from '~/components/csv-download-link'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors } from '~/components/forms'
import { addFromNationalList, getSharedNationalList } from '~/models/pool-national-list.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { redirectWithToast } from '~/utils/toast.server'
import { formText, isUuid, readFormData } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

// 国の外部人材リスト as every prefecture sees it (the ministry runs it at /pools?pool=national).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:national-list:consented')
  return getSharedNationalList(context, user)
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:pool:own-prefecture')
  const formData = await readFormData(request)
  const memberId = formText(formData, 'memberId')
  if (!isUuid(memberId)) return data({ memberId, error: '追加する人を一覧から選んでください。' }, { status: 400 })
  const outcome = await addFromNationalList(context, user, memberId)
  if (outcome.status === 'refused') return data({ memberId, error: outcome.message }, { status: 409 })
  return redirectWithToast(context, `/pools/${outcome.memberId}`, {
    type: 'success',
    message: `${outcome.name} さんを自県の人材プールに追加しました（状態: 応募）。`,
  })
}

export default function NationalListRoute() {
  const { members, canAddToOwnPool, runsNationalList } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <h1>国の外部人材リスト</h1>
      <p>
        総務省・デジタル庁が全国で選考した外部人材のうち、「登録」の状態で、本人が国のリストへの掲載に同意している人だけを表示しています（閲覧のみ）。
        本人が同意を取り下げると、すぐに表示されなくなります。
      </p>
      {runsNationalList ? (
        <p>
          <Link to="/pools?pool=national">国の外部人材リストを管理する（すべての状態）</Link>
        </p>
      ) : null}
      <CsvDownloadLink href="/national-list/export.csv" />
      {actionData?.error ? <FormErrors errors={[actionData.error]} /> : null}
      {members.length === 0 ? (
        <p>表示できる人材はいません。</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">国の外部人材リスト</caption>
          <thead>
            <tr>
              <th scope="col">氏名</th>
              <th scope="col">人材像</th>
              <th scope="col">経験年数</th>
              <th scope="col">研修</th>
              <th scope="col">自県の人材プール</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.name}
                  <div className="kana">{m.kana}</div>
                </td>
                <td>{m.roles.length > 0 ? m.roles.join('、') : '—'}</td>
                <td>
                  民間IT {m.yearsPrivateIt}年・公共 {m.yearsPublicSector}年
                </td>
                <td>
                  {m.trainings.length === 0
                    ? '—'
                    : m.trainings
                        .map((t) => `${t.title}${t.completedOn ? `（${t.completedOn} 修了）` : '（未修了）'}`)
                        .join('、')}
                </td>
                <td>
                  {m.ownMemberId ? (
                    <Link to={`/pools/${m.ownMemberId}`}>追加済み（{m.ownStatusLabel}）</Link>
                  ) : canAddToOwnPool ? (
                    <Form method="post">
                      <input type="hidden" name="memberId" value={m.id} />
                      <button
                        type="submit"
                        className="button button--secondary"
                        aria-label={`${m.name} さんを自県の人材プールに追加`}
                      >
                        自県の人材プールに追加
                      </button>
                    </Form>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('国の外部人材リスト') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
