import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckboxField, Field } from '~/components/forms'
import { saveQualifications } from '~/models/profile.server'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithRole } from '~/utils/auth.server'
import { tokyoYear } from '~/utils/dates'
import { QUALIFICATION_YEAR_MIN, qualificationsSchema } from '~/utils/profile-validation'
import { BackToProfile, ProfileSectionForm, useSectionForm } from '../profile._index/profile-ui'
import { replyInvalid, replyToSave, requireMyProfile } from '../profile._index/section.server'
import { readFormData } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: profileStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const { profile, qualifications, catalogue } = await requireMyProfile(context, user)
  const held = new Map(qualifications.map((q) => [q.id, q]))
  const items = [
    ...catalogue.qualifications.map((q) => ({
      id: q.id,
      name: q.name,
      group: q.category,
      issuer: q.issuer,
      retired: false,
    })),
    ...qualifications
      .filter((q) => q.retired)
      .map((q) => ({ id: q.id, name: q.name, group: '廃止された資格', issuer: '', retired: true })),
  ]
  return {
    lockVersion: profile.lockVersion,
    currentYear: tokyoYear(),
    items,
    defaults: {
      qualifications: items.map((q) => ({
        qualificationId: q.id,
        held: held.has(q.id),
        acquiredYear: held.get(q.id)?.acquiredYear?.toString() ?? '',
      })),
    },
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const submission = parseWithZod(await readFormData(request), { schema: qualificationsSchema() })
  if (submission.status !== 'success') return replyInvalid(submission)
  const result = await saveQualifications(context, user, submission.value)
  return replyToSave(context, submission, result, { redirectTo: '/profile', message: '資格を保存しました。' })
}

export default function ProfileQualificationsRoute() {
  const { lockVersion, currentYear, items, defaults } = useLoaderData<typeof loader>()
  const [form, fields] = useSectionForm(qualificationsSchema(currentYear), {
    id: 'profile-qualifications',
    defaultValue: defaults,
    shouldRevalidate: 'onSubmit',
  })
  const list = fields.qualifications.getFieldList()
  const groups = [...new Set(items.map((q) => q.group))]
  return (
    <div className="page">
      <BackToProfile />
      <h1>資格</h1>
      <p>
        保有している資格にチェックを入れ、分かれば取得年（西暦）を入力してください（{QUALIFICATION_YEAR_MIN}〜
        {currentYear}年）。
      </p>
      <ProfileSectionForm form={form} lockVersion={lockVersion}>
        {groups.map((group) => (
          <fieldset key={group} className="skill-area">
            <legend>{group}</legend>
            {items.map((q, i) => {
              if (q.group !== group) return null
              const item = list[i]
              if (!item) return null
              const { qualificationId, held, acquiredYear } = item.getFieldset()
              return (
                <div key={q.id} className="skill-row">
                  <input type="hidden" name={qualificationId.name} value={q.id} />
                  <CheckboxField
                    label={
                      <>
                        {q.name}
                        {q.issuer ? `（${q.issuer}）` : null}
                        {q.retired ? <span className="retired-badge">廃止</span> : null}
                        を保有している
                      </>
                    }
                    field={held}
                  />
                  <Field label={`${q.name}の取得年（任意）`} field={acquiredYear} type="number" />
                </div>
              )
            })}
          </fieldset>
        ))}
      </ProfileSectionForm>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('資格', 'プロフィール') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
