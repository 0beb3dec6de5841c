import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ImportErrorTable } from '~/components/import-errors'
import { Field, SubmitButton } from '~/components/forms'
import {
  importPool,
  POOL_IMPORT_COLUMNS,
  POOL_IMPORT_MAX_ROWS,
  type PoolImportError,
} from '~/models/pool-import.server'
import { requirePoolManager } from '~/models/pool-scope.server'
import { requireUser } from '~/utils/auth.server'
import { redirectWithToast } from '~/utils/toast.server'
import { readUpload } from '~/utils/upload.server'
import { pageTitle } from '~/utils/page-title'

const MAX_BYTES = 2 * 1024 * 1024

type ImportReport = { errors: PoolImportError[]; notices: string[]; filename: string | null }

export async function loader({ request, context }: LoaderFunctionArgs) {
  // A prefecture's staff import into its pool; ministry staff into the national list.
  requirePoolManager(await requireUser(request, context))
  return { columns: [...POOL_IMPORT_COLUMNS], maxRows: POOL_IMPORT_MAX_ROWS }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const poolCode = requirePoolManager(user)
  const upload = await readUpload(request, 'file', MAX_BYTES)
  if (upload.status === 'error')
    return data<ImportReport>({ errors: [{ message: upload.message }], notices: [], filename: null }, { status: 400 })
  const result = await importPool(context, user, upload.bytes)
  if (result.status === 'invalid')
    return data<ImportReport>(
      { errors: result.errors, notices: result.notices, filename: upload.filename },
      { status: 400 },
    )
  return redirectWithToast(context, poolCode === '00' ? '/pools?pool=national' : '/pools', {
    type: 'success',
    message: `${result.count}人を人材プールに取り込みました。${result.notices.join(' ')}`,
  })
}

export default function PoolImportRoute() {
  const { columns, maxRows } = useLoaderData<typeof loader>()
  // The action either redirects or returns the report.
  const actionData = useActionData<typeof action>() as ImportReport | undefined
  return (
    <div className="page">
      <Breadcrumbs trail={[{ label: '人材プール', to: '/pools' }, { label: 'CSVの取り込み' }]} />
      <h1>これまでの人材プールをCSVで取り込む</h1>
      <p>
        1行目を見出しにして、列「{columns.join('」「')}
        」を並べてください（「氏名」「経路」は必須、列の順は自由）。経路は「企業推薦」「国のリスト」「紹介」「公募」のいずれかです。
        一度に{maxRows}行まで取り込めます。Excel の「CSV
        UTF-8」でも「CSV（コンマ区切り）」（Shift_JIS）でも読み込めます。
      </p>
      <p className="notice">
        <strong>全行を確認してから取り込みます。</strong>
        1行でも誤りや重複の可能性があれば、何も登録せずに誤りの一覧を表示します。ファイルを直して、もう一度取り込んでください。
      </p>
      {actionData?.errors.length ? (
        <section aria-labelledby="import-errors-heading">
          <div className="notice notice--error" role="alert">
            <h2 id="import-errors-heading">取り込めませんでした（{actionData.errors.length}件）</h2>
            <p>{actionData.filename ? `「${actionData.filename}」に` : ''}誤りがあるため、何も登録していません。</p>
          </div>
          {actionData.notices.map((notice) => (
            <p key={notice} className="notice notice--warning">
              {notice}
            </p>
          ))}
          <ImportErrorTable errors={actionData.errors} rowSuffix="行目" />
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="form-stack">
        <Field label="CSVファイル" id="file" name="file" type="file" accept=".csv,text/csv" required />
        <div>
          <SubmitButton pendingText="確認中…">確認して取り込む</SubmitButton>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('人材プールのCSV取り込み') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
