import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getMyProfile } from '~/models/profile.server'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: profileStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  // Reading creates nothing: the profile exists once the basics are first saved.
  const { profile, completion, skills, qualifications, experiences } = await getMyProfile(context, user)
  return {
    fullName: profile?.fullName ?? null,
    completion,
    counts: {
      skills: skills.length,
      retiredSkills: skills.filter((s) => s.retired).length,
      qualifications: qualifications.length,
      experiences: experiences.length,
    },
    visibility: profile?.consent.visibility ?? null,
  }
}

const VISIBILITY_SUMMARY = {
  none: 'どの都道府県にも公開していません',
  selected: '選んだ都道府県にだけ公開しています',
  all: 'すべての都道府県に公開しています',
} as const

export default function ProfileOverviewRoute() {
  const { fullName, completion, counts, visibility } = useLoaderData<typeof loader>()
  const done = completion.filter((c) => c.done).length
  return (
    <div className="page">
      <h1>プロフィール</h1>
      {fullName ? (
        <p>
          {fullName} さんのプロフィールです。公開範囲: <strong>{VISIBILITY_SUMMARY[visibility ?? 'none']}</strong>
        </p>
      ) : (
        <p className="notice" role="status">
          まだプロフィールがありません。<Link to="/profile/basics">基本情報</Link>を保存すると作成されます。
        </p>
      )}
      <p>
        <progress max={completion.length} value={done} aria-label="プロフィールの入力状況" /> {completion.length}項目中{' '}
        {done}項目 入力済み
      </p>
      {counts.retiredSkills > 0 ? (
        <p className="notice notice--warning">
          スキル標準の改定で廃止されたスキルが {counts.retiredSkills} 件あります。スキルのページで見直してください。
        </p>
      ) : null}
      <ol className="profile-sections">
        {completion.map((section) => (
          <li key={section.section} className="profile-section">
            <h2>
              <Link to={section.href}>{section.label}</Link>
            </h2>
            <p className={`profile-section__status profile-section__status--${section.done ? 'done' : 'todo'}`}>
              {section.done ? '入力済み' : '未入力'}
              {section.section === 'skills' && counts.skills > 0 ? `（${counts.skills}件）` : null}
              {section.section === 'qualifications' && counts.qualifications > 0
                ? `（${counts.qualifications}件）`
                : null}
              {section.section === 'experiences' && counts.experiences > 0 ? `（${counts.experiences}件）` : null}
            </p>
            <p>{section.hint}</p>
          </li>
        ))}
      </ol>
      <h2>わたしのデータ</h2>
      <p>プラットフォームが保存している、あなたに関するすべてのデータをダウンロードできます。</p>
      <ul>
        <li>
          <a href="/profile/export.json" download>
            JSON形式でダウンロード
          </a>
        </li>
        <li>
          <a href="/profile/export.csv" download>
            CSV形式でダウンロード（Excelで開けます）
          </a>
        </li>
      </ul>
      <p>
        <Link to="/account/delete">アカウントを削除する（退会）</Link>
      </p>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('プロフィール') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
