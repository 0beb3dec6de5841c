// A professional's profile as prefecture and ministry staff see it (app/models/staff-profile.server.ts): what
// the person registered and shares with the viewer, laid out for screening. Presentational only: everything
// arrives as loader data, already limited by consent, without contact details. Headings start at h2 (the page
// has the h1). Uses app.css and skills.css (level and retired badges): add `staffProfileLinks` to the route's
// `links`.
import type { StaffProfile } from '~/models/staff-profile.server'
import skillsStylesHref from '~/styles/skills.css'
import { formatDate, formatYearMonth } from '~/utils/dates'
import { LevelBadge, RetiredBadge } from './skill-catalogue'

/** The stylesheets the view needs beyond app.css, for the route's `links`. */
export const staffProfileLinks = [{ rel: 'stylesheet', href: skillsStylesHref }]

const NOT_GIVEN = '未登録'

const period = (startMonth: string, endMonth: string | null) =>
  `${formatYearMonth(startMonth)}〜${endMonth ? formatYearMonth(endMonth) : '現在'}`

/** Text the person typed, a paragraph per line. */
function Paragraphs({ text }: { text: string }) {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '')
  if (lines.length === 0) return <p>{NOT_GIVEN}</p>
  return (
    <>
      {lines.map((line, index) => (
        <p key={index}>{line}</p>
      ))}
    </>
  )
}

export function StaffProfileView({ profile }: { profile: StaffProfile }) {
  const experienceAnchor = (id: string) => `staff-profile-experience-${id}`
  const { availability } = profile
  return (
    <section aria-labelledby="staff-profile-heading">
      <h2 id="staff-profile-heading">プロフィール</h2>
      <p className="field-description">
        本人が登録し、公開に同意している内容です。スキルのレベルは本人による自己評価です（根拠として本人が紐づけた職歴を添えています）。
      </p>
      <dl className="definition-list">
        <div>
          <dt>氏名</dt>
          <dd>{profile.name}</dd>
        </div>
        <div>
          <dt>ふりがな</dt>
          <dd>{profile.kana}</dd>
        </div>
        <div>
          <dt>居住都道府県</dt>
          <dd>{profile.residencePrefecture ?? NOT_GIVEN}</dd>
        </div>
        <div>
          <dt>民間企業でのIT関連の経験</dt>
          <dd>{profile.yearsPrivateIt}年</dd>
        </div>
        <div>
          <dt>公共部門での経験</dt>
          <dd>{profile.yearsPublicSector}年</dd>
        </div>
        <div>
          <dt>言語</dt>
          <dd>{profile.languages.length > 0 ? profile.languages.join('、') : NOT_GIVEN}</dd>
        </div>
      </dl>

      <h3>自己紹介</h3>
      <Paragraphs text={profile.introduction} />

      <h3>スキル（自己評価）</h3>
      {profile.skills.length === 0 ? (
        <p>登録されたスキルはありません。</p>
      ) : (
        <ul className="skills-results__list">
          {profile.skills.map((skill) => (
            <li key={skill.id} className="skills-role">
              <h4 className="skills-role__name">
                {skill.name} {skill.retired ? <RetiredBadge /> : null}
              </h4>
              {skill.areaName ? <p className="skills-requirements__area">分野: {skill.areaName}</p> : null}
              <p>
                <LevelBadge level={skill.level} label={skill.levelLabel} />
                {skill.levelDescription ? (
                  <span className="skills-requirements__descriptor"> {skill.levelDescription}</span>
                ) : null}
              </p>
              {skill.evidence.length === 0 ? (
                <p className="skills-role__count">根拠となる職歴は登録されていません。</p>
              ) : (
                <>
                  <p className="skills-role__count">根拠となる職歴:</p>
                  <ul>
                    {skill.evidence.map((e) => (
                      <li key={e.experienceId}>
                        <a href={`#${experienceAnchor(e.experienceId)}`}>
                          {e.organization}
                          {e.title ? `（${e.title}）` : ''}
                        </a>{' '}
                        {period(e.startMonth, e.endMonth)}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>職歴</h3>
      {profile.experiences.length === 0 ? (
        <p>登録された職歴はありません。</p>
      ) : (
        <ul className="skills-roles">
          {profile.experiences.map((e) => (
            <li key={e.id} id={experienceAnchor(e.id)} className="skills-role">
              <h4 className="skills-role__name">
                {e.organization}
                {e.title ? `（${e.title}）` : ''}
              </h4>
              <p className="skills-role__count">{period(e.startMonth, e.endMonth)}</p>
              {e.description ? <Paragraphs text={e.description} /> : null}
              {e.skills.length > 0 ? (
                <p>
                  関連スキル:{' '}
                  {e.skills.map((s, index) => (
                    <span key={s.id}>
                      {index > 0 ? '、' : ''}
                      {s.name}
                      {s.retired ? '（廃止）' : ''}
                    </span>
                  ))}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <h3>働き方の希望</h3>
      <dl className="definition-list">
        <div>
          <dt>勤務形態</dt>
          <dd>
            {availability.employmentForms.length > 0
              ? availability.employmentForms.map((f) => f.label).join('、')
              : NOT_GIVEN}
          </dd>
        </div>
        <div>
          <dt>週の勤務可能日数</dt>
          <dd>{availability.daysPerWeek === null ? NOT_GIVEN : `週${availability.daysPerWeek}日`}</dd>
        </div>
        <div>
          <dt>勤務開始可能日</dt>
          <dd>{availability.availableFrom ? formatDate(availability.availableFrom) : NOT_GIVEN}</dd>
        </div>
        <div>
          <dt>勤務地域</dt>
          <dd>
            {availability.workArea === 'all'
              ? '全国'
              : availability.workPrefectures.length > 0
                ? availability.workPrefectures.join('、')
                : NOT_GIVEN}
          </dd>
        </div>
        <div>
          <dt>リモート勤務</dt>
          <dd>{availability.remoteOk ? '可' : '不可'}</dd>
        </div>
        <div>
          <dt>月あたりの現地勤務日数</dt>
          <dd>{availability.onsiteDaysPerMonth === null ? NOT_GIVEN : `月${availability.onsiteDaysPerMonth}日`}</dd>
        </div>
      </dl>

      <h3>資格</h3>
      {profile.qualifications.length === 0 ? (
        <p>登録された資格はありません。</p>
      ) : (
        <ul>
          {profile.qualifications.map((q) => (
            <li key={q.id}>
              {q.name} {q.retired ? <RetiredBadge /> : null}
              {q.acquiredYear === null ? '' : `（${q.acquiredYear}年取得）`}
            </li>
          ))}
        </ul>
      )}

      {profile.trainings.length > 0 ? (
        <>
          <h3>研修の記録</h3>
          <ul>
            {profile.trainings.map((t, index) => (
              <li key={index}>
                {t.title}
                {t.provider ? `（${t.provider}）` : ''}
                {t.completedOn ? ` ${formatDate(t.completedOn)} 修了` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
