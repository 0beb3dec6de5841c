// The printable 任命通知: what the ministry hands the person (the ministry, the nominating prefecture and the
// person themselves may open it).
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getAppointmentNotice } from '~/models/appointment.server'
import { requireUser } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'
import { requireUuidParam } from '~/utils/params'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  return getAppointmentNotice(context, user, requireUuidParam(params, 'id'))
}

export default function AppointmentNoticeRoute() {
  const n = useLoaderData<typeof loader>()
  return (
    <div className="page appointment-notice">
      <p className="no-print">
        <Link to="/">ホームに戻る</Link>　このページを印刷すると任命通知になります。
      </p>
      {n.status !== 'appointed' ? (
        <p className="notice" role="status">
          この任命は{n.endedOn}に終了しています（{n.statusLabel}）。
        </p>
      ) : null}
      <p className="appointment-notice__number">{n.number}</p>
      <h1>任命通知書</h1>
      <p className="appointment-notice__to">{n.personName} 様</p>
      <p>
        あなたを「自治体DXアクセラレータ」に任命します。
        {n.prefectureName}の人材プールに登録されたデジタル人材として、市町村のDXの推進を支援してください。
      </p>
      <dl className="definition-list">
        <div>
          <dt>人材像</dt>
          <dd>{n.roleName}</dd>
        </div>
        <div>
          <dt>推薦した都道府県</dt>
          <dd>{n.prefectureName}</dd>
        </div>
        <div>
          <dt>任命日</dt>
          <dd>{n.appointedOn}</dd>
        </div>
        <div>
          <dt>任期</dt>
          <dd>{n.termEndOn ? `${n.termEndOn}まで` : '定めなし'}</dd>
        </div>
      </dl>
      <p className="appointment-notice__from">
        {n.appointedOn}
        <br />
        総務省（デジタル庁と連携）
      </p>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `任命通知書 ${data.number}` : '任命通知書', 'アクセラレータの任命') },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
