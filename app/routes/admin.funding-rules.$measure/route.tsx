// One measure of the funding rules: the version in force in full, its history, and the two ways ministry staff
// make a new version — the simple form (years, rate, caps) or the JSON editor. Both save on top of the version the
// page was loaded with: if someone saved another version meanwhile, the answer is 409 and the form keeps what was
// typed, so nothing is lost and nobody overwrites a change unseen.
import { parseWithZod } from '@conform-to/zod/v4'
import type { SubmissionResult } from '@conform-to/react'
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { type ShouldRevalidateFunction, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { fiscalYearLabel, fiscalYearOf } from '~/funding/fiscal-year'
import type { FundingRule } from '~/funding/rules'
import { getFundingRuleHistory, saveFundingRuleVersion } from '~/models/funding.server'
import fundingStylesHref from '~/styles/funding.css'
import { requireUserWithPermission, type SessionUser } from '~/utils/auth.server'
import {
  fiscalYearOptions,
  MEASURE_ID,
  ruleFromJson,
  ruleFromSimpleForm,
  RuleJsonFormSchema,
  ruleJsonText,
  SimpleRuleFormSchema,
  simpleFormDefaults,
} from '~/utils/funding-rule-forms'
import { pageTitle } from '~/utils/page-title'
import { readFormData } from '~/utils/params'
import { redirectWithToast } from '~/utils/toast.server'
import { isOutsidePeriod, ruleChanges } from '../admin.funding-rules._index/rule-texts'
import { RuleDetails } from './rule-details'
import { RuleHistory } from './rule-history'
import { RuleJsonForm } from './rule-json-form'
import { SimpleRuleForm } from './simple-form'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: fundingStylesHref }]

/** A URL that names no measure (lower case, a NUL byte, too long) is a 404 like a missing one. */
function measureParam(params: LoaderFunctionArgs['params']): string {
  const value = params.measure
  if (typeof value !== 'string' || !MEASURE_ID.test(value))
    throw new Response('指定された措置は見つかりません。', { status: 404 })
  return value
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:funding-rule:any')
  const history = await getFundingRuleHistory(context, user, measureParam(params))
  const rule = history[0]!.rule
  const currentFy = fiscalYearOf(new Date())
  return {
    rule,
    outsideNow: isOutsidePeriod(rule, currentFy) ? fiscalYearLabel(currentFy) : null,
    ruleJson: ruleJsonText(rule),
    simpleDefaults: simpleFormDefaults(rule),
    fiscalYears: fiscalYearOptions(rule),
    history: history.map((entry, index) => ({
      version: entry.version,
      createdAt: entry.createdAt,
      createdBy: entry.createdBy,
      changeNote: entry.changeNote,
      changes: ruleChanges(history[index + 1]?.rule ?? null, entry.rule),
    })),
  }
}

type Intent = 'simple' | 'json'
const reply = (
  intent: Intent,
  result: SubmissionResult<string[]>,
  status: number,
  currentVersion: number | null = null,
) => data({ intent, result, currentVersion }, { status })

const conflictMessage = (version: number) =>
  `この画面を開いた後に、ほかの職員がこの措置の版${version}を登録しました。入力した内容は残してあります。上の「現在の版」と「版の履歴」で変更を確認してから、もう一度登録してください（版${version + 1}として登録されます）。`

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:funding-rule:any')
  const measure = measureParam(params)
  const formData = await readFormData(request)
  const newest = async () => (await getFundingRuleHistory(context, user, measure))[0]!

  if (formData.get('intent') === 'json') {
    const submission = parseWithZod(formData, { schema: RuleJsonFormSchema })
    if (submission.status !== 'success') return reply('json', submission.reply(), 400)
    const { ruleJson, changeNote, baseVersion } = submission.value
    const built = ruleFromJson(ruleJson, { id: measure, version: baseVersion + 1, page: 'measure' })
    if (built.status === 'invalid')
      return reply('json', submission.reply({ fieldErrors: { ruleJson: built.messages } }), 400)
    const saved = await save(context, user, built.rule, changeNote, baseVersion)
    if (saved.status === 'invalid')
      return reply('json', submission.reply({ fieldErrors: { ruleJson: saved.messages } }), 400)
    const current = await newest()
    return reply('json', submission.reply({ formErrors: [conflictMessage(current.version)] }), 409, current.version)
  }

  const submission = parseWithZod(formData, { schema: SimpleRuleFormSchema })
  if (submission.status !== 'success') return reply('simple', submission.reply(), 400)
  const { changeNote, baseVersion } = submission.value
  let current = await newest()
  if (current.version === baseVersion) {
    const built = ruleFromSimpleForm(current.rule, submission.value)
    if (built.status === 'invalid')
      return reply('simple', submission.reply({ fieldErrors: built.fieldErrors, formErrors: built.formErrors }), 400)
    const saved = await save(context, user, built.rule, changeNote, baseVersion)
    if (saved.status === 'invalid') return reply('simple', submission.reply({ formErrors: saved.messages }), 400)
    current = await newest()
  }
  return reply('simple', submission.reply({ formErrors: [conflictMessage(current.version)] }), 409, current.version)
}

/** Saves the version and leaves the page with a toast; what is left to answer is a conflict or invalid rule. */
async function save(
  context: ActionFunctionArgs['context'],
  user: SessionUser,
  rule: FundingRule,
  changeNote: string,
  baseVersion: number,
) {
  const saved = await saveFundingRuleVersion(context, user, { rule, changeNote, baseVersion })
  if (saved.status === 'ok')
    // Thrown, not returned: a plain Response in the return type would make useActionData untyped.
    throw await redirectWithToast(context, `/admin/funding-rules/${rule.id}`, {
      type: 'success',
      message: `${rule.id} の版${saved.version}を登録しました。`,
    })
  return saved
}

// After a conflict, show the version now in force and its history next to what was typed.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate

export default function FundingRuleRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { rule } = page
  const baseVersion = actionData?.currentVersion ?? rule.version
  const lastResult = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined)
  return (
    <div className="page">
      <Breadcrumbs trail={[{ label: '財政措置のルール', to: '/admin/funding-rules' }, { label: rule.id }]} />
      <h1>
        {rule.id} {rule.name}
      </h1>
      {page.outsideNow ? (
        <p className="notice notice--warning">
          今年度（{page.outsideNow}
          ）はこの措置の対象年度の外です。試算では「要確認」（期間外）になります。延長されたときは、下のフォームで終了年度を延ばした新しい版を登録してください。
        </p>
      ) : null}

      <h2>現在の版（版{rule.version}）</h2>
      <RuleDetails rule={rule} />

      <h2 id="history-heading">版の履歴</h2>
      <RuleHistory rows={page.history} />

      <h2>新しい版を登録する</h2>
      <p>登録すると、この措置の版{rule.version + 1}になり、試算に使われます（それまでの版は履歴に残ります）。</p>
      <h3>よくある変更（対象年度・措置率・上限）</h3>
      <SimpleRuleForm
        key={`simple-${rule.version}`}
        baseVersion={baseVersion}
        defaults={page.simpleDefaults}
        fiscalYears={page.fiscalYears}
        lastResult={lastResult('simple')}
      />
      <details open={actionData?.intent === 'json'}>
        <summary>
          <h3 style={{ display: 'inline' }}>詳細編集（JSON）: 要件・経費の扱い・要確認とする場合など</h3>
        </summary>
        <RuleJsonForm
          key={`json-${rule.version}`}
          mode="measure"
          baseVersion={baseVersion}
          defaults={{ ruleJson: page.ruleJson }}
          lastResult={lastResult('json')}
          submitLabel="確認して新しい版として登録する"
        />
      </details>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `${data.rule.id} ${data.rule.name}` : '措置', '財政措置のルール') },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
