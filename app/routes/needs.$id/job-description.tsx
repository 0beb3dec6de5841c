// The job description as a definition list: the need page, the printable A4 sheet and the public open call
// show the same text (the open call without the prefecture's internal notes).
import type { LinksFunction } from '@remix-run/node'
import { EssentialBadge } from '~/components/skill-catalogue'
import needsStylesHref from '~/styles/needs.css'
import skillsStylesHref from '~/styles/skills.css'

/** The stylesheets of a page that shows a job description (the skill badges come from the catalogue's). */
export const jobDescriptionLinks: LinksFunction = () => [
  { rel: 'stylesheet', href: skillsStylesHref },
  { rel: 'stylesheet', href: needsStylesHref },
]

export interface JobDescriptionView {
  background: string
  tasks: string[]
  taskDetails: string
  roleName: string
  roleDuties: string
  skills: Array<{ name: string; minLevel: number; levelLabel: string; essential: boolean }>
  employmentFormLabel: string
  employerLabel: string
  employerNote: string
  municipalities: Array<{ code: string; name: string; daysPerWeek: number }>
  daysTotal: number
  daysWarning: string | null
  workPlace: string
  remoteDaysPerWeek: number | null
  startOn: string | null
  endOn: string | null
  pay: string
  selectionProcess: string
  supervisor: string
  managementNote?: string
  contact: string
  applicationDeadline: string | null
}

const blank = '（未記入）'

export function JobDescription({ need, showWarning = true }: { need: JobDescriptionView; showWarning?: boolean }) {
  return (
    <dl className="job-description">
      <div>
        <dt>背景と課題</dt>
        <dd className="pre-line">{need.background || blank}</dd>
      </div>
      <div>
        <dt>支援する業務</dt>
        <dd>
          {need.tasks.length > 0 ? (
            <ul>
              {need.tasks.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          ) : null}
          {need.taskDetails ? <p className="pre-line">{need.taskDetails}</p> : null}
          {need.tasks.length === 0 && !need.taskDetails ? blank : null}
        </dd>
      </div>
      <div>
        <dt>人材像</dt>
        <dd>
          {need.roleName || blank}
          {need.roleDuties ? <div className="field-description">{need.roleDuties}</div> : null}
        </dd>
      </div>
      <div>
        <dt>求めるスキル</dt>
        <dd>
          {need.skills.length === 0 ? (
            blank
          ) : (
            <ul className="requirement-list">
              {need.skills.map((s) => (
                <li key={s.name}>
                  {s.name}：レベル{s.minLevel}（{s.levelLabel}）以上 <EssentialBadge essential={s.essential} />
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div>
        <dt>任用・契約の形態</dt>
        <dd>
          {need.employmentFormLabel || blank}／{need.employerLabel}
          {need.employerNote ? `（${need.employerNote}）` : ''}
        </dd>
      </div>
      <div>
        <dt>支援する市区町村と週の日数</dt>
        <dd>
          {need.municipalities.length === 0 ? (
            blank
          ) : (
            <>
              <ul>
                {need.municipalities.map((m) => (
                  <li key={m.code}>
                    {m.name} 週{m.daysPerWeek}日
                  </li>
                ))}
              </ul>
              <p>合計 週{need.daysTotal}日</p>
            </>
          )}
          {showWarning && need.daysWarning ? (
            <p className="notice notice--warning" role="status">
              {need.daysWarning}
            </p>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>勤務場所・リモート</dt>
        <dd>
          {need.workPlace || blank}
          {need.remoteDaysPerWeek !== null ? `／リモート勤務 週${need.remoteDaysPerWeek}日まで` : ''}
        </dd>
      </div>
      <div>
        <dt>期間</dt>
        <dd>
          {need.startOn ?? '開始日未定'} 〜 {need.endOn ?? '（終了日の定めなし）'}
        </dd>
      </div>
      <div>
        <dt>報酬・予算</dt>
        <dd>{need.pay || blank}</dd>
      </div>
      <div>
        <dt>選考の方法</dt>
        <dd className="pre-line">
          {need.selectionProcess || blank}
          {need.applicationDeadline ? `\n応募締切: ${need.applicationDeadline}` : ''}
        </dd>
      </div>
      <div>
        <dt>管理体制</dt>
        <dd className="pre-line">
          {need.supervisor || blank}
          {need.managementNote ? `\n${need.managementNote}` : ''}
        </dd>
      </div>
      <div>
        <dt>問い合わせ先</dt>
        <dd className="pre-line">{need.contact || blank}</dd>
      </div>
    </dl>
  )
}
