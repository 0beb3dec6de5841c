// Why a candidate fits a need (app/utils/match-score.ts explainMatch), each requirement and condition with a
// mark that is not only a colour (✓ met, △ below the level, ✗ missing). The match list's cards and a
// shortlist entry's page show the same explanation. Uses match.css.
import type { MatchExplanation } from '~/utils/match-score'
import { SKILL_LEVEL_LABELS } from '~/utils/labels'

const MARKS = { met: '✓', below: '△', missing: '✗' } as const
const STATE_TEXT = { met: '満たす', below: 'レベル不足', missing: 'なし' } as const

function levelText(level: number | null) {
  return level === null
    ? 'なし'
    : `レベル${level}（${SKILL_LEVEL_LABELS[level as keyof typeof SKILL_LEVEL_LABELS] ?? ''}）`
}

export function MatchReasons({ explanation }: { explanation: MatchExplanation }) {
  return (
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
  )
}
