import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckboxField, Field, FormErrors, SubmitButton, TextareaField, useSchemaForm } from '~/components/forms'
import { getPartnerCompanyForEdit, savePartnerCompany } from '~/models/partner-company.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { PartnerCompanySchema } from '~/utils/partner-company-validation'
import { redirectWithToast } from '~/utils/toast.server'
import { readFormData, requireUuidOrNewParam } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'update:partner:any')
  return { company: await getPartnerCompanyForEdit(context, requireUuidOrNewParam(params, 'id')) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:partner:any')
  const submission = parseWithZod(await readFormData(request), { schema: PartnerCompanySchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const outcome = await savePartnerCompany(context, user, requireUuidOrNewParam(params, 'id'), submission.value)
  if (outcome.status === 'ok')
    return redirectWithToast(context, '/partners', { type: 'success', message: `「${outcome.name}」を保存しました。` })
  if (outcome.status === 'conflict') {
    return data(
      {
        result: submission.reply({
          formErrors: [
            'ほかの人が先に更新しました。画面を読み込み直してから、もう一度編集してください（入力内容は残っています）。',
          ],
        }),
      },
      { status: 409 },
    )
  }
  return data({ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) }, { status: 400 })
}

export default function EditPartnerRoute() {
  const { company } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(PartnerCompanySchema, {
    id: 'partner-company',
    lastResult: actionData?.result,
    defaultValue: company
      ? {
          name: company.name,
          nameKana: company.name_kana,
          corporateNumber: company.corporate_number ?? '',
          contactName: company.contact_name,
          contactEmail: company.contact_email,
          contactPhone: company.contact_phone,
          website: company.website,
          note: company.note,
          active: company.active ? 'on' : '',
        }
      : { active: 'on' },
  })
  return (
    <div className="page">
      <Breadcrumbs
        trail={[{ label: 'パートナー企業', to: '/partners' }, { label: company ? company.name : '新規登録' }]}
      />
      <h1>{company ? `「${company.name}」の編集` : 'パートナー企業の登録'}</h1>
      <Form method="post" className="form-stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={actionData?.result?.error?.['']} />
        <input type="hidden" name="lockVersion" value={company?.lock_version ?? ''} />
        <Field label="企業名" field={fields.name} />
        <Field label="企業名のふりがな" field={fields.nameKana} />
        <Field label="法人番号（13桁・任意）" field={fields.corporateNumber} inputMode="numeric" />
        <Field label="担当者名" field={fields.contactName} />
        <Field label="担当者メールアドレス" field={fields.contactEmail} type="email" />
        <Field label="電話番号" field={fields.contactPhone} type="tel" />
        <Field label="ウェブサイト" field={fields.website} type="url" />
        <TextareaField label="備考（推薦できる人材の分野など）" field={fields.note} rows={4} />
        <CheckboxField label="有効（推薦を受け付ける）" field={fields.active} />
        <div>
          <SubmitButton>保存する</SubmitButton>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('パートナー企業') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
