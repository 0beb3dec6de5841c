// One accelerator's entry in a directory (the network page and the public programme page): exactly what the
// person chose to share — the loader has already left out the prefecture and skills they did not tick.
export interface DirectoryCardEntry {
  displayName: string
  headline: string
  introduction: string
  contact: string
  prefectures: string[] | null
  skills: Array<{ name: string; level: number; levelLabel: string }> | null
}

export function DirectoryCard({ entry, headingLevel = 3 }: { entry: DirectoryCardEntry; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <article className="directory-card">
      <Heading>{entry.displayName}</Heading>
      {entry.headline ? <p className="directory-card__headline">{entry.headline}</p> : null}
      {entry.prefectures && entry.prefectures.length > 0 ? (
        <p className="directory-card__meta">都道府県: {entry.prefectures.join('、')}</p>
      ) : null}
      {entry.introduction ? <p className="directory-card__introduction">{entry.introduction}</p> : null}
      {entry.skills && entry.skills.length > 0 ? (
        <>
          <p className="directory-card__meta">スキル（自己評価のレベル）</p>
          <ul className="skill-tags">
            {entry.skills.map((skill) => (
              <li key={skill.name}>
                {skill.name} {skill.level} {skill.levelLabel}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {entry.contact ? <p className="directory-card__meta">連絡先: {entry.contact}</p> : null}
    </article>
  )
}
