// 措置を追加: a new measure as JSON, from a template (a copy of A2 under a free id). It becomes version 1; an id
// that exists is refused at the id field (a new version of an existing measure is made on that measure's page).
import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { listFundingRulesForAdmin, saveFundingRuleVersion } from '~/models/funding.server'
import fundingStylesHref from '~/styles/funding.css'
import { requireUserWithPermission } from '~/utils/auth.server'
import { NewRuleFormSchema, newRuleTemplate, ruleFromJson } from '~/utils/funding-rule-forms'
import { pageTitle } from '~/utils/page-title'
import { readFormData } from '~/utils/params'
import { redirectWithToast } from '~/utils/toast.server'
import { RuleJsonForm } from '../admin.funding-rules.$measure/rule-json-form'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: fundingStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:funding-rule:any')
  const rules = await listFundingRulesForAdmin(context, user)
  const taken = new Set(rules.map((rule) => rule.id))
  let n = 1
  while (taken.has(`X${n}`)) n++
  // The seeds always hold A2; should there ever be none, another measure is as good a template.
  const base = rules.find((rule) => rule.id === 'A2') ?? rules[0]
  return { id: `X${n}`, baseId: base?.id ?? null, ruleJson: newRuleTemplate(base), existing: [...taken] }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:funding-rule:any')
  const submission = parseWithZod(await readFormData(request), { schema: NewRuleFormSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { id, ruleJson, changeNote } = submission.value
  const built = ruleFromJson(ruleJson, { id, version: 1, page: 'new' })
  if (built.status === 'invalid')
    return data({ result: submission.reply({ fieldErrors: { ruleJson: built.messages } }) }, { status: 400 })
  const saved = await saveFundingRuleVersion(context, user, { rule: built.rule, changeNote, baseVersion: null })
  if (saved.status === 'conflict')
    return data(
      {
        result: submission.reply({
          fieldErrors: {
            id: [`措置「${id}」はすでにあります。別のIDにするか、その措置のページで新しい版を登録してください`],
          },
        }),
      },
      { status: 400 },
    )
  if (saved.status === 'invalid')
    return data({ result: submission.reply({ fieldErrors: { ruleJson: saved.messages } }) }, { status: 400 })
  throw await redirectWithToast(context, `/admin/funding-rules/${id}`, {
    type: 'success',
    message: `措置 ${id}（${built.rule.name}）を追加しました。`,
  })
}

export default function NewFundingRuleRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <Breadcrumbs trail={[{ label: '財政措置のルール', to: '/admin/funding-rules' }, { label: '措置を追加' }]} />
      <h1>措置を追加</h1>
      <p>
        新しい措置をJSONで登録します。{page.baseId ? `下のひな形は${page.baseId}の写しです。` : ''}
        名称・区分・対象・経費の扱い・措置率・対象年度・出典・概要を、新しい措置の内容に書き換えてください。登録すると版1になり、試算に使われます。
      </p>
      <p>登録済みの措置: {page.existing.join('、')}（これらのIDは使えません）</p>
      <RuleJsonForm
        mode="new"
        defaults={{ id: page.id, ruleJson: page.ruleJson }}
        lastResult={actionData?.result}
        submitLabel="確認して登録する"
      />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('措置を追加', '財政措置のルール') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
