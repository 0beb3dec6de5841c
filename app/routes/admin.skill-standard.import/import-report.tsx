// The full report of a rejected import: every problem with its row (CSV) or path (JSON), so the file can be
// fixed in one pass. Nothing was written; the heading says so first.
import { type ImportError, ImportErrorTable } from '~/components/import-errors'

export function ImportReport({
  errors,
  total,
  filename,
}: {
  errors: ImportError[]
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
      <ImportErrorTable errors={errors} />
    </section>
  )
}
