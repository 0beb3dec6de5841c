// What the prefecture sent with its nomination: why, the experiences, skills and levels, qualifications and
// training (as they were when sent), and the placement planned.
import { Link, type useLoaderData } from '@remix-run/react'
import { formatYearMonth } from '~/utils/dates'
import type { loader } from './route'

type Appointment = ReturnType<typeof useLoaderData<typeof loader>>['appointment']

export function EvidenceSection({ appointment: a }: { appointment: Appointment }) {
  const e = a.evidence
  return (
    <section aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">推薦の内容と根拠</h2>
      <h3>推薦の理由</h3>
      <p className="pre-line">{a.statement}</p>
      <h3>職歴（「一定の経験」の根拠）</h3>
      {e.experiences.length > 0 ? (
        <ul>
          {e.experiences.map((x) => (
            <li key={x.id}>
              <strong>
                {x.organization}
                {x.title ? `　${x.title}` : ''}
              </strong>
              （{formatYearMonth(x.startedOn)}〜{x.endedOn ? formatYearMonth(x.endedOn) : '現在'}）
              {x.description ? <p className="pre-line">{x.description}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>職歴は送られていません。</p>
      )}
      <dl className="definition-list">
        <div>
          <dt>スキルとレベル</dt>
          <dd>{e.skills.length > 0 ? e.skills.map((s) => `${s.name}（レベル${s.level}）`).join('、') : 'なし'}</dd>
        </div>
        <div>
          <dt>資格</dt>
          <dd>
            {e.qualifications.length > 0
              ? e.qualifications.map((q) => `${q.name}${q.acquiredYear ? `（${q.acquiredYear}年）` : ''}`).join('、')
              : 'なし'}
          </dd>
        </div>
        <div>
          <dt>研修</dt>
          <dd>
            {e.trainings.length > 0
              ? e.trainings
                  .map(
                    (t) =>
                      `${t.title}${t.provider ? `（${t.provider}）` : ''}${t.completedOn ? ` ${t.completedOn}修了` : ''}`,
                  )
                  .join('、')
              : 'なし'}
          </dd>
        </div>
        <div>
          <dt>配置の予定</dt>
          <dd>
            {a.plannedPlacement ? (
              <>
                {a.plannedPlacement.text} <Link to={`/placements/${a.plannedPlacement.id}`}>配置を見る</Link>
              </>
            ) : (
              `${a.plannedEmployment ?? '形態未定'}・主たる業務が市町村支援: ${a.plannedMainDuty ?? '未定'}`
            )}
            {a.plannedNote ? <p className="pre-line">{a.plannedNote}</p> : null}
          </dd>
        </div>
      </dl>
    </section>
  )
}
