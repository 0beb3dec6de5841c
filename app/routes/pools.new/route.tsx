import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Breadcrumbs } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckboxField, Field, SelectField, SubmitButton, TextareaField } from '~/components/forms'
import { requirePoolManager } from '~/models/pool-scope.server'
import { addPoolMemberDirectly, getDirectAddOptions } from '~/models/pool.server'
import { requireUser } from '~/utils/auth.server'
import { redirectWithToast } from '~/utils/toast.server'
import { DIRECT_POOL_SOURCES } from '~/utils/labels'
import { isUuid, readFormData } from '~/utils/params'
import { plainString } from '~/utils/field-schemas'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request, context }: LoaderFunctionArgs) {
  // A prefecture's staff add to its pool; ministry staff to the national list.
  const poolCode = requirePoolManager(await requireUser(request, context))
  return { ...(await getDirectAddOptions(context)), nationalList: poolCode === '00' }
}

const AddSchema = z.object({
  name: plainString({ message: '氏名を入力してください' })
    .trim()
    .min(1, { message: '氏名を入力してください' })
    .max(100, { message: '氏名は100文字以内にしてください' }),
  nameKana: plainString()
    .trim()
    .max(100)
    .default('')
    .refine((value) => value === '' || /^[\p{Script=Hiragana}ー\s　]+$/u.test(value), {
      message: 'ふりがなはひらがなで入力してください',
    }),
  email: plainString()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || z.email().safeParse(value).success, {
      message: 'メールアドレスの形式が正しくありません',
    }),
  birthYear: plainString()
    .optional()
    .transform((value) => (value ? Number(value) : null))
    .refine((value) => value === null || (Number.isInteger(value) && value >= 1930 && value <= 2015), {
      message: '生年は1930〜2015の西暦で入力してください',
    }),
  source: z.enum(DIRECT_POOL_SOURCES, {
    message: '経路を選択してください',
  }),
  partnerCompanyId: plainString()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || isUuid(value), { message: '推薦した企業を一覧から選択してください' }),
  note: plainString().trim().max(2000, { message: '2000文字以内にしてください' }).default(''),
  confirmed: plainString()
    .optional()
    .transform((value) => value === 'yes'),
  sendInvitation: plainString()
    .optional()
    .transform((value) => value === 'on'),
})

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  requirePoolManager(user)
  // A file sent in place of a text field is no value (the page echoes the values back).
  const values = Object.fromEntries(
    [...(await readFormData(request))].map(([key, value]) => [key, typeof value === 'string' ? value : '']),
  )
  const parsed = AddSchema.safeParse(values)
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message)
    return data({ values, fieldErrors, duplicates: null }, { status: 400 })
  }
  const outcome = await addPoolMemberDirectly(context, user, parsed.data)
  if (outcome.status === 'ok') {
    const message = parsed.data.sendInvitation
      ? `${parsed.data.name} さんを登録し、${parsed.data.email} に登録依頼のメールを送信しました。`
      : `${parsed.data.name} さんを人材プールに登録しました。`
    return redirectWithToast(context, `/pools/${outcome.memberId}`, { type: 'success', message })
  }
  if (outcome.status === 'field-error')
    return data({ values, fieldErrors: { [outcome.field]: [outcome.message] }, duplicates: null }, { status: 400 })
  return data({ values, fieldErrors: {} as Record<string, string[]>, duplicates: outcome.matches }, { status: 409 })
}

export default function AddPoolMemberRoute() {
  const { sources, companies, nationalList } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const values = actionData?.values ?? {}
  const errors = actionData?.fieldErrors ?? {}
  const field = (name: string) => ({ id: name, name, defaultValue: values[name] ?? '', errors: errors[name] })
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          nationalList
            ? { label: '国の外部人材リスト', to: '/pools?pool=national' }
            : { label: '人材プール', to: '/pools' },
          { label: '人材の直接登録' },
        ]}
      />
      <h1>{nationalList ? '国の外部人材リストに直接登録する' : '人材を直接登録する'}</h1>
      <p>
        企業からの推薦、国のリスト、紹介などで知った人を人材プールに登録します。本人がプラットフォームに登録していなくても登録できます。
      </p>
      {actionData?.duplicates ? (
        <div className="notice notice--warning" role="alert">
          <p>同じ人がすでに登録されている可能性があります（メールアドレス、または氏名と生年が一致）。</p>
          <ul>
            {actionData.duplicates.map((d: { id: string; name: string; statusLabel: string }) => (
              <li key={d.id}>
                <Link to={`/pools/${d.id}`}>{d.name}</Link>（{d.statusLabel}）
              </li>
            ))}
          </ul>
          <p>別の人であれば、下の「それでも登録する」を押してください。</p>
        </div>
      ) : null}
      <Form method="post" className="form-stack" noValidate>
        {actionData?.duplicates ? <input type="hidden" name="confirmed" value="yes" /> : null}
        <Field label="氏名" autoComplete="off" required {...field('name')} />
        <Field label="ふりがな" autoComplete="off" {...field('nameKana')} />
        <Field label="メールアドレス" type="email" autoComplete="off" {...field('email')} />
        <CheckboxField
          label="登録と同時に、本人にプラットフォームへの登録を依頼するメールを送る（14日間有効のリンク。本人が承諾するとプロフィールと紐づきます）"
          id="sendInvitation"
          name="sendInvitation"
          defaultChecked={values.sendInvitation === 'on'}
        />
        <Field label="生年（西暦・任意。同一人物の確認にだけ使います）" type="number" {...field('birthYear')} />
        <SelectField label="経路" options={sources} {...field('source')} />
        <SelectField
          label="推薦した企業（企業推薦の場合）"
          options={companies}
          placeholder="—"
          {...field('partnerCompanyId')}
        />
        <TextareaField label="メモ" rows={3} {...field('note')} />
        <div>
          <SubmitButton>{actionData?.duplicates ? 'それでも登録する' : '登録する'}</SubmitButton>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('人材の直接登録') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
