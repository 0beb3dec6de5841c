// One candidate in a need's match list: the score, the one-line reason, then each requirement and
// condition (MatchReasons), and 「候補に加える」 (or where the person stands on the need's shortlist).
import { Form, Link } from '@remix-run/react'
import { MatchReasons } from '~/components/match-reasons'
import type { MatchCandidate } from '~/models/match.server'

interface Props {
  candidate: MatchCandidate
  rank: number
  needId: string
  /** The page's narrowing, so that adding someone comes back to the same list. */
  search: string
  canShortlist: boolean
}

export function CandidateCard({ candidate, rank, needId, search, canShortlist }: Props) {
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
        <MatchReasons explanation={explanation} />
      </details>
      {candidate.shortlist ? (
        <p>
          <Link to={`/needs/${needId}/shortlist/${candidate.shortlist.entryId}`}>
            このニーズの候補に追加済み（{candidate.shortlist.statusLabel}）
          </Link>
        </p>
      ) : canShortlist ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="add-to-shortlist" />
          <input type="hidden" name="profileId" value={candidate.id} />
          <input type="hidden" name="search" value={search} />
          <button type="submit" className="button button--secondary">
            候補に加える<span className="visually-hidden">（{candidate.name}）</span>
          </button>
        </Form>
      ) : null}
    </li>
  )
}
