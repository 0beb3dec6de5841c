// The problems of a rejected file import (pool CSV, skill standard JSON/CSV), one row each: where (row and
// column) and what, so the file can be fixed in one pass.

export interface ImportError {
  row?: number
  field?: string
  message: string
}

export function ImportErrorTable({
  errors,
  rowSuffix = '',
}: {
  errors: ImportError[]
  /** 「行目」 */ rowSuffix?: string
}) {
  return (
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
            <td className="io-report__row">{error.row ? `${error.row}${rowSuffix}` : '—'}</td>
            <td className="io-report__field">{error.field ?? '—'}</td>
            <td>{error.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
