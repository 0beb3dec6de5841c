// The 監査ログ table. Everything in it arrives masked and labelled from the loader.
import type { AuditRowView } from '~/models/audit-view.server'

export function AuditTable({ rows }: { rows: AuditRowView[] }) {
  return (
    <div className="audit-table-wrapper">
      <table className="data-table audit-table">
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">操作者</th>
            <th scope="col">役割</th>
            <th scope="col">操作</th>
            <th scope="col">対象</th>
            <th scope="col">都道府県</th>
            <th scope="col">内容</th>
            <th scope="col">変更内容</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="audit-table__time">
                <time dateTime={row.occurredAtIso}>{row.occurredAt}</time>
              </td>
              <td>{row.actor}</td>
              <td>{row.actorRole}</td>
              <td>
                <span className="badge">{row.action}</span>
              </td>
              <td>
                {row.entity}
                <div className="audit-table__id">{row.entityId}</div>
              </td>
              <td>
                {row.prefecture}
                {row.municipality ? <div>{row.municipality}</div> : null}
              </td>
              <td>{row.summary}</td>
              <td>
                {row.changes.length > 0 ? (
                  <ul className="audit-changes">
                    {row.changes.map((change) => (
                      <li key={change.key}>
                        <span className="audit-changes__label">{change.label}</span>{' '}
                        {change.before !== null ? (
                          <>
                            <span className="visually-hidden">変更前 </span>
                            <span className="audit-changes__before">{change.before}</span>
                            <span aria-hidden="true"> → </span>
                            <span className="visually-hidden">、変更後 </span>
                          </>
                        ) : null}
                        <span className="audit-changes__after">{change.after ?? '（削除）'}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
