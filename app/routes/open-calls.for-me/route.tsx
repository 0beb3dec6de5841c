import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '~/components/breadcrumbs'
import { EmptyState } from '~/components/empty-state'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getMyFittingNeeds } from '~/models/match.server'
import matchStylesHref from '~/styles/match.css'
import { requireUserWithRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matchStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  return getMyFittingNeeds(context, user)
}

const MARKS = { met: '✓', below: '△', missing: '✗' } as const

export default function FittingNeedsPage() {
  const page = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <Breadcrumbs trail={[{ label: '公募中のニーズ', to: '/open-calls' }, { label: 'あなたに合う公募' }]} />
      <h1>あなたに合う公募</h1>
      {!page.hasProfile ? (
        <EmptyState message="プロフィールを登録すると、希望する働き方とスキルに合う公募をここに表示します。">
          <Link to="/profile/basics" className="button">
            プロフィールを登録する
          </Link>
        </EmptyState>
      ) : (
        <>
          {page.placedFullTime ? (
            <p className="notice" role="note">
              常勤のニーズに内定しているため、いまは各都道府県の候補一覧に表示されません。ほかの公募に応募することはできます。
            </p>
          ) : null}
          <p className="lead">
            公募中の {page.considered} 件のうち、希望する任用形態・日数・勤務地・着任時期に合うものが {page.fitting}{' '}
            件あります。 必須スキルをすべて満たすものから、適合度の高い順に表示します。スキルや働き方の希望は
            <Link to="/profile">プロフィール</Link>で変えられます。
          </p>
          {page.needs.length === 0 ? (
            <EmptyState message="いまの希望（任用形態・日数・勤務地・着任時期）に合う公募はありません。">
              <Link to="/open-calls">公募をすべて見る</Link>
            </EmptyState>
          ) : (
            <ol className="match-list">
              {page.needs.map((need) => (
                <li key={need.id} className="match-card" aria-labelledby={`need-${need.id}`}>
                  <div className="match-card__head">
                    <h2 className="match-card__name" id={`need-${need.id}`}>
                      <Link to={`/open-calls/${need.id}`}>{need.title}</Link>
                    </h2>
                    <p className="match-score">
                      適合度 {need.explanation.score}
                      <span className="visually-hidden">点（100点満点）</span>
                    </p>
                  </div>
                  <p>
                    {need.prefectureName}
                    {need.startOn ? `・開始 ${need.startOn}` : ''}
                    {need.applicationDeadline ? `・締切 ${need.applicationDeadline}` : ''}・{need.explanation.summary}
                  </p>
                  <ul className="match-reasons">
                    {need.explanation.skills.map((skill) => (
                      <li key={skill.skillId}>
                        <span className={`match-reasons__mark match-reasons__mark--${skill.state}`} aria-hidden="true">
                          {MARKS[skill.state]}
                        </span>
                        {skill.essential ? '必須' : '任意'}：{skill.name}（レベル{skill.required}以上）—{' '}
                        {skill.held === null
                          ? 'プロフィールにありません'
                          : `あなたはレベル${skill.held}${skill.state === 'below' ? '（不足）' : ''}`}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('あなたに合う公募') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
