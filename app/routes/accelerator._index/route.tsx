import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { EmptyState } from '~/components/empty-state'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { getMyAcceleratorPage, requireAcceleratorNow, saveMyDirectoryEntry } from '~/models/accelerator.server'
import acceleratorStylesHref from '~/styles/accelerator.css'
import profileStylesHref from '~/styles/profile.css'
import { DirectoryEntrySchema } from '~/utils/accelerator-validation'
import { requireUser } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'
import { readFormData } from '~/utils/params'
import { redirectWithToast } from '~/utils/toast.server'
import { DirectoryForm } from './directory-form'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: profileStylesHref },
  { rel: 'stylesheet', href: acceleratorStylesHref },
]

// Only an accelerator now: anyone else gets the same 404 (the page tells nothing about anybody else).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  return getMyAcceleratorPage(context, user)
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  await requireAcceleratorNow(context, user)
  const submission = parseWithZod(await readFormData(request), { schema: DirectoryEntrySchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  await saveMyDirectoryEntry(context, user, submission.value)
  return redirectWithToast(context, '/accelerator', { type: 'success', message: '名簿の掲載内容を保存しました。' })
}

export default function AcceleratorRoute() {
  const { current, past, trainings, notices, directory } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <h1>自治体DXアクセラレータのページ</h1>
      <p className="lead">
        総務省から任命された自治体DXアクセラレータとしての任命の内容、研修の記録、総務省からのお知らせを確認できます。
      </p>

      <section aria-labelledby="appointment-heading">
        <h2 id="appointment-heading">任命の内容</h2>
        {current.map((a) => (
          <dl key={a.id} className="definition-list appointment-record">
            <div>
              <dt>任命番号</dt>
              <dd>{a.number}</dd>
            </div>
            <div>
              <dt>状態</dt>
              <dd>
                <StatusBadge tone={STATUS_TONES.appointment[a.status]} label={a.statusLabel} />
              </dd>
            </div>
            <div>
              <dt>任命日</dt>
              <dd>{a.appointedOn}</dd>
            </div>
            <div>
              <dt>任期の終わり</dt>
              <dd>{a.termEndOn ?? '定めなし'}</dd>
            </div>
            <div>
              <dt>都道府県</dt>
              <dd>{a.prefectureName}</dd>
            </div>
            <div>
              <dt>人材像</dt>
              <dd>{a.roleName}</dd>
            </div>
          </dl>
        ))}
        {past.length > 0 ? (
          <>
            <h3>これまでの任命</h3>
            <ul className="notice-list">
              {past.map((a) => (
                <li key={a.id}>
                  <strong>{a.number}</strong>（{a.prefectureName}・{a.roleName}）
                  <p className="notice-list__date">
                    {a.appointedOn}〜{a.endedOn}　{a.statusLabel}
                    {a.endReasonLabel ? `（${a.endReasonLabel}）` : ''}
                  </p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="training-heading">
        <h2 id="training-heading">研修の記録</h2>
        {trainings.length === 0 ? (
          <EmptyState message="研修の記録はまだありません。行政実務研修（自治大学校等）を修了すると、人材プールの担当者が記録します。" />
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">研修の記録</caption>
            <thead>
              <tr>
                <th scope="col">研修</th>
                <th scope="col">実施機関</th>
                <th scope="col">修了日</th>
                <th scope="col">記録した人材プール</th>
              </tr>
            </thead>
            <tbody>
              {trainings.map((t) => (
                <tr key={t.id}>
                  <td>{t.title}</td>
                  <td>{t.provider || '—'}</td>
                  <td>{t.completedOn ?? '未修了'}</td>
                  <td>{t.poolName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="notices-heading">
        <h2 id="notices-heading">総務省からのお知らせ</h2>
        {notices.length === 0 ? (
          <EmptyState message="お知らせはまだありません。総務省がお知らせを掲載すると、ここに表示され、メールでも届きます。" />
        ) : (
          <ul className="notice-list">
            {notices.map((n) => (
              <li key={n.id}>
                <h3>{n.title}</h3>
                <p className="notice-list__date">{n.publishedOn}</p>
                <p className="notice-body">{n.body}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="directory-heading">
        <h2 id="directory-heading">アクセラレータ名簿への掲載</h2>
        <p>
          ネットワーキングのための名簿です。掲載するかどうか、だれに見せるか、何を載せるかはあなたが決めます。
          いまの設定: <strong>{directory.visibilityLabel}</strong>
          {directory.updatedOn ? `（${directory.updatedOn} 更新）` : '（まだ保存していません）'}
        </p>
        {directory.publicConsent ? null : (
          <p className="notice" role="note">
            「公開ページにも表示」を選んでも、「
            <Link to="/profile/consent">公開範囲と同意</Link>
            」で公開名簿への掲載に同意するまでは、公開ページには表示されません（ほかのアクセラレータには表示されます）。
          </p>
        )}
        <p>
          <Link to="/accelerator/network">ほかのアクセラレータの名簿を見る</Link>
        </p>
        <DirectoryForm
          defaults={directory.defaults}
          prefectureNames={directory.prefectureNames}
          skills={directory.skills}
          lastResult={actionData?.result}
        />
      </section>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('自治体DXアクセラレータのページ') }]

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: ({ data: message }) => (
          <>
            <h1>自治体DXアクセラレータのページ</h1>
            <p>{typeof message === 'string' && message ? message : 'ページが見つかりません。'}</p>
            <p>
              <Link to="/programme">自治体DXアクセラレータ500 について</Link>
            </p>
          </>
        ),
      }}
    />
  )
}
