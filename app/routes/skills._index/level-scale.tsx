// The level scale, explained once on the catalogue page (the sources define no levels).
import { LevelBadge } from '~/components/skill-catalogue'

export function LevelScale({
  levels,
  note,
}: {
  levels: Array<{ level: number; label: string; description: string }>
  note: string
}) {
  return (
    <section aria-labelledby="levels-heading" className="skills-levels">
      <h2 id="levels-heading">レベルの見方</h2>
      <p>各スキルは4段階のレベルで表します。人材像ごとに、必要な最低レベルを示しています。</p>
      <table className="data-table skills-levels__table">
        <caption className="visually-hidden">スキルのレベル（4段階）</caption>
        <thead>
          <tr>
            <th scope="col">レベル</th>
            <th scope="col">目安</th>
          </tr>
        </thead>
        <tbody>
          {levels.map((level) => (
            <tr key={level.level}>
              <th scope="row">
                <LevelBadge level={level.level} label={level.label} />
              </th>
              <td>{level.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="notice skills-levels__note">{note}</p>
    </section>
  )
}
