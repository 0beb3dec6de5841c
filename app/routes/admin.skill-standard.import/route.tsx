// スキル標準の取り込み: ministry staff replace the whole draft with a JSON or CSV file (edited offline from the
// draft export below). The file is checked completely first; any bad row means nothing is written and the
// page lists every problem. Formats: docs/skill-standard-format.md.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import type { ImportError } from '~/components/import-errors'
import { Field, FormErrors, SubmitButton } from '~/components/forms'
import { getImportTarget, importIntoDraft } from '~/models/skill-standard-io.server'
import ioStylesHref from '~/styles/skill-standard-io.css'
import { requireUserWithPermission } from '~/utils/auth.server'
import { MAX_IMPORT_BYTES } from '~/utils/skill-standard-codec.server'
import { redirectWithToast } from '~/utils/toast.server'
import { ImportReport } from './import-report'
import { readUpload } from '~/utils/upload.server'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: ioStylesHref }]

/** A report longer than this is cut (the count is still shown): a wholly wrong file is fixed at its source. */
const MAX_REPORTED = 1000
const NO_DRAFT = '下書きがありません。スキル標準の編集ページで下書きを作成してから取り込んでください。'

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'update:skill-standard:any')
  return { draft: await getImportTarget(context), maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024 }
}

type ActionResult = {
  formError: string | null
  errors: ImportError[]
  total: number
  notices: string[]
  filename: string | null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:skill-standard:any')
  const reply = (result: Partial<ActionResult>, status: number) =>
    data<ActionResult>({ formError: null, errors: [], total: 0, notices: [], filename: null, ...result }, { status })
  const upload = await readUpload(request, 'file', MAX_IMPORT_BYTES)
  if (upload.status === 'error') return reply({ formError: upload.message }, 400)
  const outcome = await importIntoDraft(context, user, upload.bytes, upload.filename)
  if (outcome.status === 'no-draft') return reply({ formError: NO_DRAFT }, 409)
  if (outcome.status === 'invalid') {
    return reply(
      {
        errors: outcome.errors.slice(0, MAX_REPORTED),
        total: outcome.errors.length,
        notices: outcome.notices,
        filename: upload.filename,
      },
      400,
    )
  }
  const { areas, skills, roles, qualifications } = outcome.counts
  const converted = outcome.notices.length > 0 ? 'Shift_JISのファイルをUTF-8に変換して読み込みました。' : ''
  // Thrown, not returned: a plain Response in the return type would make useActionData untyped.
  throw await redirectWithToast(context, '/admin/skill-standard', {
    type: 'success',
    message: `「${upload.filename}」を下書きに取り込みました（分野${areas}件、スキル${skills}件、人材像${roles}件、資格${qualifications}件）。${converted}`,
  })
}

export default function SkillStandardImportRoute() {
  const { draft, maxMegabytes } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <Breadcrumbs
        trail={[{ label: 'スキル標準の編集', to: '/admin/skill-standard' }, { label: 'ファイルから取り込む' }]}
      />
      <h1>スキル標準をファイルから取り込む</h1>
      {draft ? (
        <>
          <p>
            取り込み先: <strong>{draft.label}（下書き）</strong> — 現在 分野{draft.counts.areas}件、スキル
            {draft.counts.skills}件、人材像
            {draft.counts.roles}件、資格{draft.counts.qualifications}件
          </p>
          <h2>1. 下書きをダウンロードして編集する</h2>
          <ul className="io-downloads">
            <li>
              <a href="/admin/skill-standard/export.csv" download>
                下書きをCSVでダウンロード
              </a>
            </li>
            <li>
              <a href="/admin/skill-standard/export.json" download>
                下書きをJSONでダウンロード
              </a>
            </li>
          </ul>
          <p>
            CSVはExcelで開けます（UTF-8・BOM付き）。1行目の見出しと「種別」の列は残してください。検索語は「｜」（全角の縦線）で区切ります。
          </p>
          <h2>2. 編集したファイルを取り込む</h2>
          <ul className="io-rules">
            <li>
              取り込むと、下書きの内容が<strong>ファイルの内容にすべて置き換わります</strong>
              （ファイルにない項目は下書きから消えます）。
            </li>
            <li>1行でも誤りがあれば何も変更せず、すべての誤りを行ごとに表示します。</li>
            <li>
              CSVはUTF-8で保存してください。Excelの「CSV（コンマ区切り）」で保存したShift_JISのファイルは、UTF-8に変換して読み込みます。
            </li>
            <li>
              ファイルの大きさは{maxMegabytes}
              MBまでです。公開はこのページでは行いません（編集ページで確認してから公開します）。
            </li>
          </ul>
          {actionData?.notices.map((notice) => (
            <p key={notice} className="notice notice--warning">
              {notice}
            </p>
          ))}
          <Form method="post" encType="multipart/form-data" className="form-stack io-upload">
            <FormErrors errors={[actionData?.formError]} />
            <Field
              label="取り込むファイル（JSON または CSV）"
              type="file"
              name="file"
              accept=".csv,.json,text/csv,application/json"
              required
            />
            <div>
              <SubmitButton pendingText="確認しています…">確認して取り込む</SubmitButton>
            </div>
          </Form>
          {actionData ? (
            <ImportReport errors={actionData.errors} total={actionData.total} filename={actionData.filename} />
          ) : null}
        </>
      ) : (
        <>
          <p className="notice notice--warning">{NO_DRAFT}</p>
          <p>
            <Link to="/admin/skill-standard">スキル標準の編集へ</Link>
          </p>
        </>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('スキル標準の取り込み') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
