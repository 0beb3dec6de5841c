import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { EmptyState } from '~/components/empty-state'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { RowAction, SelectField, SubmitButton, TextareaField } from '~/components/forms'
import { getMyInterests } from '~/models/open-call.server'
import { applyToPool, getMyApplications, withdrawApplication } from '~/models/pool-application.server'
import { requireUserWithRole } from '~/utils/auth.server'
import { redirectWithToast } from '~/utils/toast.server'
import { formText, isUuid, readFormData } from '~/utils/params'
import { plainString, PREFECTURE_CODE } from '~/utils/field-schemas'
import { formatShortDate } from '~/utils/dates'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const [applications, interests] = await Promise.all([getMyApplications(context, user), getMyInterests(context, user)])
  return { ...applications, interests }
}

const ApplySchema = z.object({
  prefectureCode: plainString({ message: '応募する都道府県を選択してください' }).regex(PREFECTURE_CODE, {
    message: '応募する都道府県を選択してください',
  }),
  message: plainString().trim().max(1000, { message: 'メッセージは1000文字以内にしてください' }).default(''),
})

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const formData = await readFormData(request)
  if (formData.get('intent') === 'withdraw') {
    const memberId = formText(formData, 'memberId')
    const ok = isUuid(memberId) && (await withdrawApplication(context, user, memberId))
    if (!ok) throw new Response('応募が見つかりません。', { status: 404 })
    return redirectWithToast(context, '/applications', { type: 'success', message: '応募を辞退しました。' })
  }
  const parsed = ApplySchema.safeParse({
    prefectureCode: formData.get('prefectureCode') ?? undefined,
    message: formData.get('message') ?? undefined,
  })
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message)
    return data({ fieldErrors }, { status: 400 })
  }
  const outcome = await applyToPool(context, user, parsed.data)
  if (outcome.status === 'no-profile')
    return data(
      { fieldErrors: { prefectureCode: ['応募する前に、プロフィールの基本情報を登録してください'] } },
      { status: 400 },
    )
  if (outcome.status === 'field-error')
    return data({ fieldErrors: { [outcome.field]: [outcome.message] } }, { status: 400 })
  return redirectWithToast(context, '/applications', {
    type: 'success',
    message: `${outcome.prefectureName}の人材プールに応募しました。`,
  })
}

export default function ApplicationsRoute() {
  const { hasProfile, applications, prefectures, interests } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.fieldErrors ?? {}
  return (
    <div className="page">
      <h1>人材プールへの応募</h1>
      {!hasProfile ? (
        <p className="notice notice--warning">
          応募するには、まず <Link to="/profile">プロフィール</Link> を登録してください。
        </p>
      ) : null}
      <p>
        応募すると、応募先の都道府県の担当者があなたのプロフィールを閲覧できるようになります（辞退すると閲覧できなくなります）。
      </p>
      <p>
        都道府県が募集している具体的な仕事は <Link to="/open-calls">公募中のニーズ</Link>{' '}
        から探せます。関心を表明すると、その都道府県への応募になります。
      </p>
      <Form method="post" className="form-stack">
        <SelectField
          label="応募先の都道府県"
          id="prefectureCode"
          name="prefectureCode"
          defaultValue=""
          options={prefectures}
          placeholder="選択してください"
          errors={errors.prefectureCode}
        />
        <TextareaField label="メッセージ（任意）" id="message" name="message" rows={4} errors={errors.message} />
        <div>
          <SubmitButton pendingText="応募中…">応募する</SubmitButton>
        </div>
      </Form>
      <h2 id="applications-heading">応募の状況</h2>
      {applications.length === 0 ? (
        hasProfile ? (
          <EmptyState message="まだ応募はありません。上のフォームで都道府県を選んで応募するか、公募中のニーズに関心を表明すると、ここに状況が表示されます。">
            <Link to="/open-calls">公募中のニーズを見る</Link>
          </EmptyState>
        ) : (
          <EmptyState message="まだ応募はありません。応募するには、まずプロフィールの基本情報を登録してください。">
            <Link to="/profile/basics" className="button">
              プロフィールを登録する
            </Link>
          </EmptyState>
        )
      ) : (
        <table className="data-table" aria-labelledby="applications-heading">
          <thead>
            <tr>
              <th scope="col">都道府県</th>
              <th scope="col">状態</th>
              <th scope="col">応募日</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((a) => (
              <tr key={a.id}>
                <td>{a.prefectureName}</td>
                <td>
                  <StatusBadge tone={STATUS_TONES.pool[a.status]} label={a.statusLabel} />
                </td>
                <td>{formatShortDate(a.appliedAt)}</td>
                <td>
                  {a.canWithdraw ? (
                    <RowAction
                      intent="withdraw"
                      values={{ memberId: a.id }}
                      label="辞退する"
                      ariaLabel={`${a.prefectureName}への応募を辞退する`}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="interests-heading">関心を表明した公募</h2>
      {interests.length === 0 ? (
        <EmptyState message="関心を表明した公募はまだありません。公募中のニーズから、関心のある仕事を探せます。">
          <Link to="/open-calls">公募中のニーズを見る</Link>
        </EmptyState>
      ) : (
        <ul aria-labelledby="interests-heading">
          {interests.map((i) => (
            <li key={i.needId}>
              {i.open ? <Link to={`/open-calls/${i.needId}`}>{i.title}</Link> : i.title}（{i.prefectureName}）{' '}
              <StatusBadge tone={STATUS_TONES.interest[i.state]} label={i.stateLabel} /> {formatShortDate(i.createdAt)}{' '}
              表明
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('人材プールへの応募') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
