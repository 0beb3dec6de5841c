// One candidate in a need's match list: the score, the one-line reason, then each requirement and
// condition with a mark that is not only a colour (✓ met, △ below the level, ✗ missing).
import { Link } from '@remix-run/react'
import type { MatchCandidate } from '~/models/match.server'
import { SKILL_LEVEL_LABELS } from '~/utils/labels'

const MARKS = { met: '✓', below: '△', missing: '✗' } as const
const STATE_TEXT = { met: '満たす', below: 'レベル不足', missing: 'なし' } as const

function levelText(level: number | null) {
  return level === null
    ? 'なし'
    : `レベル${level}（${SKILL_LEVEL_LABELS[level as keyof typeof SKILL_LEVEL_LABELS] ?? ''}）`
}

export function CandidateCard({ candidate, rank }: { candidate: MatchCandidate; rank: number }) {
  const { explanation } = candidate
  const headingId = `candidate-${candidate.id}`
  return (
    <li className="match-card" aria-labelledby={headingId}>
      <div className="match-card__head">
        <h3 className="match-card__name" id={headingId}>
          {rank}. {candidate.name}
          <span className="kana">（{candidate.nameKana}）</span>
        </h3>
        <p className="match-score">
          適合度 {explanation.score}
          <span className="visually-hidden">点（100点満点）</span>
        </p>
      </div>
      <p>
        {explanation.summary}
        {candidate.residenceName ? `・居住地 ${candidate.residenceName}` : ''}
        {candidate.poolMember ? (
          <>
            {'・'}
            <Link to={`/pools/${candidate.poolMember.id}`}>人材プール：{candidate.poolMember.statusLabel}</Link>
          </>
        ) : (
          '・人材プール未登録'
        )}
      </p>
      <details>
        <summary>理由を表示</summary>
        <ul className="match-reasons">
          {explanation.skills.map((skill) => (
            <li key={skill.skillId}>
              <span className={`match-reasons__mark match-reasons__mark--${skill.state}`} aria-hidden="true">
                {MARKS[skill.state]}
              </span>
              {skill.essential ? '必須' : '任意'}：{skill.name} — 必要 レベル{skill.required}以上、本人{' '}
              {levelText(skill.held)}（{STATE_TEXT[skill.state]}）{skill.evidenced ? '・職務経歴あり' : ''}
            </li>
          ))}
          {explanation.conditions.map((condition) => (
            <li key={condition.label}>
              <span
                className={`match-reasons__mark match-reasons__mark--${condition.ok ? 'met' : 'missing'}`}
                aria-hidden="true"
              >
                {condition.ok ? '✓' : '✗'}
              </span>
              {condition.label}：{condition.detail}
              <span className="visually-hidden">（{condition.ok ? '満たす' : '満たさない'}）</span>
            </li>
          ))}
        </ul>
      </details>
    </li>
  )
}
