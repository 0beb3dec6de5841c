// One requirement of a prefecture's 推進体制: where it stands (the latest report and the ministry's answer), the
// form to report it (満たしている／満たしていない, the 時点, a note), and every earlier report.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form, type useLoaderData } from '@remix-run/react'
import { OptionChoices } from '~/components/choice-group'
import { Field, FormErrors, SubmitButton, TextareaField, useSchemaForm } from '~/components/forms'
import { StatusBadge } from '~/components/status-badge'
import { TableScroll } from '~/components/table-scroll'
import { DxStructureReportSchema } from '~/utils/dx-structure-validation'
import type { loader } from './route'

type Page = ReturnType<typeof useLoaderData<typeof loader>>
type Item = Page['requirements'][number]
export type ActionData = { form: string; result: SubmissionResult<string[]> | null } | undefined

export const REPORT_TONES = { reported: 'action', confirmed: 'done', returned: 'stopped' } as const

/** The errors of the form as a whole (and of its hidden fields) from the action's answer to this form. */
export function formLevelErrors(actionData: ActionData, formId: string): string[] | undefined {
  if (actionData?.form !== formId || !actionData.result?.error) return undefined
  const { error } = actionData.result
  return [...(error[''] ?? []), ...(error.intent ?? []), ...(error.requirement ?? []), ...(error.reportId ?? [])]
}

const MET_OPTIONS = [
  { value: 'yes', label: '満たしている' },
  { value: 'no', label: '満たしていない' },
]

export function RequirementSection({ item, today, actionData }: { item: Item; today: string; actionData: ActionData }) {
  const formId = `report-${item.requirement}`
  const [form, fields] = useSchemaForm(DxStructureReportSchema, {
    id: formId,
    defaultValue: { intent: 'report', requirement: item.requirement, asOf: today },
    lastResult: actionData?.form === formId ? actionData.result : undefined,
  })
  const latest = item.latest
  const headingId = `requirement-${item.requirement}-heading`
  return (
    <section aria-labelledby={headingId} className="dx-report">
      <h2 id={headingId}>{item.label}</h2>
      {latest ? (
        <p>
          最新の報告: <strong>{latest.metLabel}</strong>（{latest.asOfLabel}時点、{latest.reportedAt}報告）{' '}
          <StatusBadge tone={REPORT_TONES[latest.status]} label={latest.statusLabel} />
        </p>
      ) : (
        <p>まだ報告していません。</p>
      )}
      {latest?.status === 'returned' ? (
        <div className="notice notice--warning">
          <p>差戻しの理由: {latest.reviewNote || '（コメントなし）'}</p>
        </div>
      ) : null}
      <Form method="post" className="form-stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={formLevelErrors(actionData, formId)} />
        <input type="hidden" name="intent" value="report" />
        <input type="hidden" name="requirement" value={item.requirement} />
        <OptionChoices legend="この要件を" field={fields.met} type="radio" options={MET_OPTIONS} required />
        <Field label="時点" field={fields.asOf} type="date" max={today} required />
        <TextareaField
          label="補足（任意）"
          description="会議体の名称、ヒアリングの実施状況、確保した人材の人数など"
          field={fields.note}
          rows={3}
        />
        <div>
          <SubmitButton pendingText="報告中…">{`${item.label.slice(0, 1)}を報告する`}</SubmitButton>
        </div>
      </Form>
      {item.history.length > 0 ? (
        <TableScroll label="これまでの報告の表">
          <table className="data-table">
            <caption>これまでの報告</caption>
            <thead>
              <tr>
                <th scope="col">報告日時</th>
                <th scope="col">要件</th>
                <th scope="col">時点</th>
                <th scope="col">補足</th>
                <th scope="col">状態</th>
                <th scope="col">総務省のコメント</th>
              </tr>
            </thead>
            <tbody>
              {item.history.map((h) => (
                <tr key={h.id}>
                  <td>
                    {h.reportedAt}
                    <span className="dx-source">{h.reportedBy}</span>
                  </td>
                  <td>{h.metLabel}</td>
                  <td>{h.asOfLabel}</td>
                  <td>{h.note || '—'}</td>
                  <td>
                    <StatusBadge tone={REPORT_TONES[h.status]} label={h.statusLabel} />
                    {h.reviewedAt ? <span className="dx-source">{h.reviewedAt}</span> : null}
                  </td>
                  <td>{h.reviewNote || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  )
}
