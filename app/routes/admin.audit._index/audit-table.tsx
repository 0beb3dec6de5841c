// The 監査ログ table. Everything in it arrives masked and labelled from the loader. Four columns fit a
// 1280 px screen; on a phone each row becomes a card whose cells carry their column name.
import type { AuditChange, AuditRowView } from '~/models/audit-view.server'
import { AUDIT_REORDERED_LABEL } from '~/utils/labels'

function ChangeList({ changes }: { changes: AuditChange[] }) {
  return (
    <ul className="audit-changes" aria-label="変更した項目">
      {changes.map((change) => (
        <li key={change.key}>
          <span className="audit-changes__label">{change.label}</span>
          <span aria-hidden="true">：</span>
          {change.added || change.removed ? (
            <>
              {change.added?.length ? (
                <span className="audit-changes__added">追加 {change.added.join('、')}</span>
              ) : null}
              {change.removed?.length ? (
                <span className="audit-changes__removed">削除 {change.removed.join('、')}</span>
              ) : null}
              {!change.added?.length && !change.removed?.length ? <span>{AUDIT_REORDERED_LABEL}</span> : null}
            </>
          ) : change.before !== null ? (
            <>
              <span className="visually-hidden">変更前 </span>
              <span className="audit-changes__before">{change.before}</span>
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden">、変更後 </span>
            </>
          ) : null}
          {change.added || change.removed ? null : (
            <span className="audit-changes__after">{change.after ?? '（削除）'}</span>
          )}
        </li>
      ))}
    </ul>
  )
}

export function AuditTable({ rows }: { rows: AuditRowView[] }) {
  return (
    <table className="data-table audit-table">
      <caption className="visually-hidden">監査ログ（新しい順）</caption>
      <thead>
        <tr>
          <th scope="col" className="audit-table__time-col">
            日時
          </th>
          <th scope="col" className="audit-table__actor-col">
            操作者
          </th>
          <th scope="col" className="audit-table__target-col">
            操作と対象
          </th>
          <th scope="col">内容と変更</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const [day, time] = row.occurredAt.split(' ')
          return (
            <tr key={row.id}>
              <td data-label="日時" className="audit-table__time">
                <time dateTime={row.occurredAtIso}>
                  {day} <span className="audit-table__clock">{time}</span>
                </time>
              </td>
              <td data-label="操作者">
                <span className="audit-table__actor">{row.actorName}</span>
                {row.actorEmail ? <span className="audit-table__sub">{row.actorEmail}</span> : null}
                <span className="audit-table__sub">{row.actorRole === '—' ? '役割なし' : row.actorRole}</span>
              </td>
              <td data-label="操作と対象">
                <span className="audit-table__entity">{row.entity}</span>
                <span className="badge audit-table__action">{row.action}</span>
                <span className="audit-table__sub">
                  {row.prefecture}
                  {row.municipality ? `・${row.municipality}` : null}
                </span>
                <span className="audit-table__id">
                  <span className="visually-hidden">対象ID </span>
                  {row.entityId}
                </span>
              </td>
              <td data-label="内容と変更">
                <p className="audit-table__summary">{row.summary}</p>
                {row.changes.length > 0 ? <ChangeList changes={row.changes} /> : null}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
