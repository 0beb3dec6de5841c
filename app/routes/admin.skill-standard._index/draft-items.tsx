import { Link } from '@remix-run/react'

export function DraftItems({
  groups,
}: {
  groups: Array<{ kind: string; label: string; items: Array<{ id: string; name: string; retired: boolean }> }>
}) {
  return (
    <>
      {groups.map((group) => (
        <section key={group.kind} aria-labelledby={`draft-${group.kind}`}>
          <h3 id={`draft-${group.kind}`}>
            {group.label}（{group.items.length}件）
          </h3>
          <p>
            <Link to={`/admin/skill-standard/${group.kind}/new`}>{group.label}を追加する</Link>
          </p>
          <ul className="draft-item-list">
            {group.items.map((item) => (
              <li key={item.id}>
                <Link to={`/admin/skill-standard/${group.kind}/${item.id}`}>{item.name}</Link>{' '}
                <span className="kana">{item.id}</span>
                {item.retired ? <span className="badge">廃止</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}
