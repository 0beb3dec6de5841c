import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors } from '~/components/forms'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { answerOffer, getOfferPage } from '~/models/shortlist.server'
import needsStylesHref from '~/styles/needs.css'
import skillsStylesHref from '~/styles/skills.css'
import { requireUserWithRole } from '~/utils/auth.server'
import { optionalText } from '~/utils/field-schemas'
import { readFormData, requireUuidParam } from '~/utils/params'
import { redirectWithToast } from '~/utils/toast.server'
import { JobDescription } from '../needs.$id/job-description'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: skillsStylesHref },
  { rel: 'stylesheet', href: needsStylesHref },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  return getOfferPage(context, user, requireUuidParam(params, 'entryId'))
}

const AnswerSchema = z.object({
  intent: z.enum(['accept', 'decline'], { message: '「話を聞く（応募する）」か「辞退する」を選んでください。' }),
  message: optionalText('メッセージ', 1000),
})

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const entryId = requireUuidParam(params, 'entryId')
  const submission = parseWithZod(await readFormData(request), { schema: AnswerSchema })
  if (submission.status !== 'success')
    return data({ errors: Object.values(submission.error ?? {}).flat() }, { status: 400 })
  const { intent, message } = submission.value
  const result = await answerOffer(context, user, entryId, { answer: intent, message })
  if (result.status === 'refused') return data({ errors: [result.message] }, { status: 409 })
  return redirectWithToast(context, `/offers/${entryId}`, { type: 'success', message: result.message })
}

export default function OfferRoute() {
  const { offer, need } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <p>
        <Link to="/">← ホームに戻る</Link>
      </p>
      <h1>{offer.needTitle}</h1>
      <p>
        <StatusBadge tone={STATUS_TONES.offer[offer.state]} label={offer.stateLabel} />{' '}
        <strong>{offer.prefectureName}</strong>からのお声がけ
      </p>
      <FormErrors errors={actionData?.errors} />
      <section aria-labelledby="offer-answer-heading" className="status-panel">
        <h2 id="offer-answer-heading">あなたの回答</h2>
        <p>{offer.nextStep}</p>
        {offer.interview ? (
          <p>
            <strong>面談: {offer.interview.at}</strong>
            {offer.interview.place ? `（${offer.interview.place}）` : null}
          </p>
        ) : null}
        {offer.canAccept || offer.canDecline ? (
          <Form method="post" className="form-stack">
            {offer.canAccept ? (
              <>
                <p>
                  「話を聞く（応募する）」を選ぶと{offer.prefectureName}
                  の人材プールへの応募となり、あなたのプロフィールを
                  {offer.prefectureName}の担当者が見られるようになります。
                </p>
                <div className="field">
                  <label htmlFor="offer-message">担当者へのメッセージ（任意・1000文字まで）</label>
                  <textarea id="offer-message" name="message" rows={3} maxLength={1000} />
                </div>
              </>
            ) : null}
            <div className="button-row">
              {offer.canAccept ? (
                <button type="submit" name="intent" value="accept" className="button">
                  話を聞く（応募する）
                </button>
              ) : null}
              {offer.canDecline ? (
                <button type="submit" name="intent" value="decline" className="button button--secondary">
                  {offer.state === 'offered' ? '内定を辞退する' : '辞退する'}
                </button>
              ) : null}
            </div>
          </Form>
        ) : null}
      </section>
      <h2>仕事の内容</h2>
      <JobDescription need={need} showWarning={false} />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.offer.needTitle ?? 'お声がけ'} | お声がけ | 自治体DXアクセラレータ500 プラットフォーム` },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
