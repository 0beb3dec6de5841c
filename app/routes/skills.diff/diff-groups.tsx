// The changes between two versions, grouped by kind (人材像, スキル, 分野, 資格), each with before → after per field.
import { Link } from '@remix-run/react'

type Group = {
  kind: string
  kindLabel: string
  items: Array<{
    id: string
    name: string
    change: string
    changeLabel: string
    href: string
    fields: Array<{ label: string; before: string; after: string }>
  }>
}

export function DiffGroups({ groups }: { groups: Group[] }) {
  return (
    <>
      {groups.map((group) => (
        <section key={group.kind} aria-labelledby={`diff-${group.kind}`} className="skills-diff">
          <h2 id={`diff-${group.kind}`}>
            {group.kindLabel}（{group.items.length}件）
          </h2>
          <ul className="skills-diff__list">
            {group.items.map((item) => (
              <li key={item.id} className="skills-diff__item">
                <p className="skills-diff__head">
                  <span className={`badge skills-change skills-change--${item.change}`}>{item.changeLabel}</span>{' '}
                  <Link to={item.href}>{item.name}</Link> <span className="skills-diff__id">（ID: {item.id}）</span>
                </p>
                {item.fields.length > 0 ? (
                  <table className="data-table skills-diff__fields">
                    <caption className="visually-hidden">{item.name}の変更内容</caption>
                    <thead>
                      <tr>
                        <th scope="col">項目</th>
                        <th scope="col">変更前</th>
                        <th scope="col">変更後</th>
                      </tr>
                    </thead>
                    <tbody>
                      {item.fields.map((field) => (
                        <tr key={field.label}>
                          <th scope="row">{field.label}</th>
                          <td className="skills-diff__before">{field.before}</td>
                          <td className="skills-diff__after">{field.after}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}
