// The full report of a rejected import: every problem with its row (CSV) or path (JSON), so the file can be
// fixed in one pass. Nothing was written; the heading says so first.
export type ImportReportError = {
  row?: number
  field?: string
  message: string
}

export function ImportReport({
  errors,
  total,
  filename,
}: {
  errors: ImportReportError[]
  total: number
  filename: string | null
}) {
  if (total === 0) return null
  return (
    <section className="io-report" aria-labelledby="io-report-heading">
      <div className="notice notice--error" role="alert">
        <h2 id="io-report-heading">取り込めませんでした（{total}件の誤り）</h2>
        <p>
          {filename ? `「${filename}」に` : 'ファイルに'}
          誤りがあるため、何も変更していません（下書きはそのままです）。下の一覧をもとにファイルを直して、もう一度取り込んでください。
        </p>
      </div>
      {errors.length < total ? (
        <p className="result-summary">
          全{total}件のうち、最初の{errors.length}件を表示しています。
        </p>
      ) : null}
      <table className="data-table io-report__table">
        <caption className="visually-hidden">誤りの一覧</caption>
        <thead>
          <tr>
            <th scope="col">行</th>
            <th scope="col">項目</th>
            <th scope="col">内容</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((error, index) => (
            <tr key={index}>
              <td className="io-report__row">{error.row ?? '—'}</td>
              <td className="io-report__field">{error.field ?? '—'}</td>
              <td>{error.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
