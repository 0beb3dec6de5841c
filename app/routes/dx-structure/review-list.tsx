// The reports waiting for the ministry, each with its own small form: a comment, and 確認する or 差し戻す (a
// return needs the reason in the comment).
import { getFormProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { EmptyState } from '~/components/empty-state'
import { FormErrors, SubmitButton, TextareaField, useSchemaForm } from '~/components/forms'
import type { DxStructureReportView } from '~/models/dx-structure.server'
import { DxStructureReviewSchema } from '~/utils/dx-structure-validation'
import { type ActionData, formLevelErrors } from './report-form'

type Report = DxStructureReportView

export function PendingReports({ reports, actionData }: { reports: readonly Report[]; actionData: ActionData }) {
  return (
    <section aria-labelledby="pending-heading">
      <h2 id="pending-heading">確認待ちの報告（{reports.length}件）</h2>
      {reports.length === 0 ? (
        <EmptyState message="確認待ちの報告はありません。都道府県が報告すると、ここに表示されます。" />
      ) : (
        reports.map((report) => <ReviewForm key={report.id} report={report} actionData={actionData} />)
      )}
    </section>
  )
}

function ReviewForm({ report, actionData }: { report: Report; actionData: ActionData }) {
  const formId = `review-${report.id}`
  const [form, fields] = useSchemaForm(DxStructureReviewSchema, {
    id: formId,
    defaultValue: { reportId: report.id },
    lastResult: actionData?.form === formId ? actionData.result : undefined,
  })
  const headingId = `${formId}-heading`
  return (
    <article aria-labelledby={headingId} className="dx-report">
      <h3 id={headingId}>
        {report.prefectureName}・{report.requirementLabel}
      </h3>
      <dl className="definition-list">
        <div>
          <dt>報告</dt>
          <dd>
            <strong>{report.metLabel}</strong>（{report.asOfLabel}時点）
          </dd>
        </div>
        <div>
          <dt>補足</dt>
          <dd>{report.note || '—'}</dd>
        </div>
        <div>
          <dt>報告日時</dt>
          <dd>
            {report.reportedAt}（{report.reportedBy}）
          </dd>
        </div>
      </dl>
      <Form method="post" className="form-stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={formLevelErrors(actionData, formId)} />
        <input type="hidden" name="reportId" value={report.id} />
        <TextareaField
          label="コメント（差し戻すときは必須）"
          description="差し戻す理由や、確認にあたっての補足。都道府県の画面に表示されます。"
          field={fields.note}
          rows={2}
        />
        <div className="button-row">
          <SubmitButton name="intent" value="confirm" pendingText="確認中…">
            確認する
          </SubmitButton>
          <SubmitButton name="intent" value="return" className="button button--secondary" pendingText="差し戻し中…">
            差し戻す
          </SubmitButton>
        </div>
      </Form>
    </article>
  )
}
