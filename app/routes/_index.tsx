import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { EmptyState } from '~/components/empty-state'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { getHome, type Home } from '~/models/home.server'
import homeStylesHref from '~/styles/home.css'
import { getUser } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: homeStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context)
  return { displayName: user?.display_name ?? null, home: await getHome(context, user) }
}

export default function HomeRoute() {
  const { displayName, home } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      {home.kind === 'public' ? <PublicHome figures={home.figures} /> : <h1>{displayName} さんのホーム</h1>}
      {home.kind === 'professional' ? <ProfessionalHome home={home} /> : null}
      {home.kind === 'municipality' ? <MunicipalityHome home={home} /> : null}
      {home.kind === 'prefecture' ? <PrefectureHome home={home} /> : null}
      {home.kind === 'ministry' ? <MinistryHome home={home} /> : null}
      {home.kind === 'incomplete' ? (
        <p className="notice notice--warning">
          このアカウントには所属する団体が設定されていません。管理者に連絡してください。
        </p>
      ) : null}
    </div>
  )
}

interface Card {
  to: string
  count: number
  label: string
  hint: string
  /** The viewer is the one to act (shown with an accent). */
  action?: boolean
}

/** A heading and its cards (the list is named by the heading unless a label is given). */
function AttentionSection({ heading, label = heading, cards }: { heading: string; label?: string; cards: Card[] }) {
  return (
    <>
      <h2>{heading}</h2>
      <AttentionCards label={label} cards={cards} />
    </>
  )
}

function AttentionCards({ cards, label }: { cards: Card[]; label: string }) {
  return (
    <ul className="attention-grid" aria-label={label}>
      {cards.map((card) => (
        <li key={card.label}>
          <Link
            to={card.to}
            className={`attention-card${card.action && card.count > 0 ? ' attention-card--action' : ''}`}
          >
            <span className="attention-card__label">{card.label}</span>
            <span className="attention-card__count">
              {card.count}
              <span className="visually-hidden">件</span>
            </span>
            <span className="attention-card__hint">{card.hint}</span>
          </Link>
        </li>
      ))}
    </ul>
  )
}

function PublicHome({ figures }: { figures: Extract<Home, { kind: 'public' }>['figures'] }) {
  return (
    <>
      <h1>自治体DXアクセラレータ500 プラットフォーム</h1>
      <p className="lead">
        総務省とデジタル庁は、デジタル分野の実務経験・スキルを持つ人材500名を「自治体DXアクセラレータ」として任命し、
        各都道府県が構築する人材プールを通じて、管内の市町村のDXを支援します。このサイトは、その人材プール・市町村のニーズ・スキル標準をまとめて扱う基盤です。
      </p>
      <p>
        <Link to="/programme">プログラムの概要と、500名に向けた任命の状況（都道府県別の地図）</Link>
      </p>
      <AttentionSection
        heading="いまできること"
        label="公開している情報"
        cards={[
          {
            to: '/open-calls',
            count: figures.openCalls,
            label: '公募中のニーズ',
            hint: '市町村を支援するデジタル人材の募集を、地域・役割・テーマで探せます。',
          },
          {
            to: '/skills',
            count: 4,
            label: 'スキル標準の人材像',
            hint: 'プロデューサー・プロジェクトマネージャー・サービスデザイナー・エンジニアに求めるスキルとレベル。',
          },
          {
            to: '/local-governments',
            count: 47,
            label: '都道府県',
            hint: '47都道府県と1,741市区町村を、名前や読みで探せます。',
          },
        ]}
      />
      <h2>デジタル人材の方へ</h2>
      <p>
        <Link to="/signup">新規登録</Link>
        してプロフィール（スキル・働き方の希望・公開範囲）を登録すると、都道府県の人材プールに応募でき、
        公開範囲を選んだ都道府県の担当者があなたを見つけられるようになります。公開範囲はいつでも変えられます。
      </p>
      <h2>都道府県・市区町村・国の職員の方へ</h2>
      <p>
        職員のアカウントは、所属団体の管理者からの招待で作成します。招待メールのリンクから登録し、
        <Link to="/login">ログイン</Link>してください。
      </p>
    </>
  )
}

function OfferList({ offers }: { offers: Extract<Home, { kind: 'professional' }>['offers'] }) {
  return (
    <section aria-labelledby="offers-heading">
      <h2 id="offers-heading">都道府県からのお声がけ</h2>
      <ul className="home-list">
        {offers.map((offer) => (
          <li key={offer.entryId}>
            <strong>
              <Link to={`/offers/${offer.entryId}`}>{offer.needTitle}</Link>
            </strong>
            （{offer.prefectureName}） <StatusBadge tone={STATUS_TONES.offer[offer.state]} label={offer.stateLabel} />
            {offer.interview ? (
              <p>
                <strong>面談: {offer.interview.at}</strong>
                {offer.interview.place ? `（${offer.interview.place}）` : null}
              </p>
            ) : null}
            <p>{offer.nextStep}</p>
            {offer.canAccept || offer.canDecline ? (
              <Form method="post" action={`/offers/${offer.entryId}`} className="button-row">
                {offer.canAccept ? (
                  <button type="submit" name="intent" value="accept" className="button">
                    話を聞く（応募する）<span className="visually-hidden">：{offer.needTitle}</span>
                  </button>
                ) : null}
                {offer.canDecline ? (
                  <button type="submit" name="intent" value="decline" className="button button--secondary">
                    辞退する<span className="visually-hidden">：{offer.needTitle}</span>
                  </button>
                ) : null}
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

function ProfessionalHome({ home }: { home: Extract<Home, { kind: 'professional' }> }) {
  const { completion, applications, offers, fittingNeeds, fittingCount, accelerator } = home
  return (
    <>
      {accelerator ? (
        <section aria-labelledby="accelerator-heading" className="notice notice--success">
          <h2 id="accelerator-heading">自治体DXアクセラレータ</h2>
          <p>
            あなたは自治体DXアクセラレータに任命されています。任命通知、研修、総務省からのお知らせ、ほかのアクセラレータとのネットワークは{' '}
            <Link to="/accelerator">アクセラレータのページ</Link>にあります。
          </p>
        </section>
      ) : null}
      {offers.length > 0 ? <OfferList offers={offers} /> : null}
      {fittingNeeds.length > 0 ? (
        <section aria-labelledby="fitting-heading">
          <h2 id="fitting-heading">あなたに合う公募</h2>
          <ul className="home-list">
            {fittingNeeds.map((need) => (
              <li key={need.id}>
                <Link to={`/open-calls/${need.id}`}>{need.title}</Link>（{need.prefectureName}）— 適合度{' '}
                {need.explanation.score}
                <p>{need.explanation.summary}</p>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/open-calls/for-me">合う公募をすべて見る（{fittingCount}件）</Link>
          </p>
        </section>
      ) : null}
      <h2>プロフィール</h2>
      <p>
        <progress max={completion.total} value={completion.done} aria-label="プロフィールの入力状況" />{' '}
        {completion.total}項目中 {completion.done}項目 入力済み
      </p>
      {completion.next ? (
        <p className="notice">
          次は「<Link to={completion.next.href}>{completion.next.label}</Link>」を入力しましょう。{completion.next.hint}
        </p>
      ) : (
        <p className="notice notice--success">プロフィールはすべて入力済みです。</p>
      )}
      <h2>応募の状況</h2>
      {applications.length === 0 ? (
        <EmptyState message="まだどの人材プールにも応募していません。">
          <p>
            <Link to="/applications">人材プールに応募する</Link>か、<Link to="/open-calls">公募中のニーズ</Link>
            を探してみましょう。
          </p>
        </EmptyState>
      ) : (
        <ul className="home-list">
          {applications.map((a) => (
            <li key={a.id}>
              <strong>{a.poolName}</strong> <StatusBadge tone={STATUS_TONES.pool[a.status]} label={a.statusLabel} />
              {a.interview ? (
                <p>
                  <strong>面接: {a.interview.at}</strong>
                  {a.interview.place ? `（${a.interview.place}）` : null}
                </p>
              ) : null}
              <p>{a.nextStep}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function MunicipalityHome({ home }: { home: Extract<Home, { kind: 'municipality' }> }) {
  return (
    <>
      <p>
        <Link to="/issues/new" className="button">
          課題を登録する
        </Link>
      </p>
      <section aria-labelledby="supporters-heading">
        <h2 id="supporters-heading">この自治体を支援している人</h2>
        {home.supporters.length === 0 ? (
          <EmptyState message="いま配置中の支援者はいません。都道府県が市町村支援の人材を配置すると、ここに表示されます。" />
        ) : (
          <ul className="home-list">
            {home.supporters.map((s) => (
              <li key={s.placementId}>
                <strong>
                  <Link to={`/placements/${s.placementId}`}>{s.personName}</Link>
                </strong>
                （{s.employerName}・{s.jobTitle || s.kindLabel}・{s.employmentLabel}）
                <p>
                  週{s.daysPerWeek}日{s.weekdays ? `（${s.weekdays}）` : ''}・{s.period}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2>わたしたちの課題</h2>
      {home.issues.length === 0 ? (
        <EmptyState message="まだ課題を登録していません。困っていること・実現したいことを登録すると、都道府県の担当者が支援を検討します。" />
      ) : (
        <ul className="home-list">
          {home.issues.map((issue) => (
            <li key={issue.id}>
              <Link to={`/issues/${issue.id}`}>{issue.title}</Link>{' '}
              <StatusBadge tone={STATUS_TONES.issue[issue.status]} label={issue.statusLabel} />
              <span className="attention-card__hint">更新: {issue.updated}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>わたしたちを支援するニーズ</h2>
      {home.needs.length === 0 ? (
        <EmptyState message="都道府県が公開した、この団体を支援するニーズはまだありません。" />
      ) : (
        <ul className="home-list">
          {home.needs.map((need) => (
            <li key={need.id}>
              {need.title} <StatusBadge tone={STATUS_TONES.need[need.status]} label={need.statusLabel} />
              <span className="attention-card__hint">
                週{need.daysPerWeek}日{need.period ? `・${need.period}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function PrefectureHome({ home }: { home: Extract<Home, { kind: 'prefecture' }> }) {
  const c = home.counts
  return (
    <>
      <AttentionSection
        heading="対応が必要なこと"
        cards={[
          {
            to: '/pools?status=applied',
            count: c.new_applications,
            label: '新しい応募',
            hint: '人材プールへの応募。書類確認に進めてください。',
            action: true,
          },
          {
            to: '/issues?status=submitted',
            count: c.new_issues,
            label: '新しい課題',
            hint: '市町村から届いた課題。内容を確認してください。',
            action: true,
          },
          {
            to: '/needs',
            count: c.recent_interests,
            label: '関心表明（14日以内）',
            hint: '公募中のニーズに関心を示した人。',
            action: true,
          },
          {
            to: '/needs?status=draft',
            count: c.draft_needs,
            label: '下書きのニーズ',
            hint: '公開前のジョブディスクリプション。',
          },
          {
            to: '/appointments?status=returned',
            count: c.returned_nominations,
            label: '差し戻された推薦',
            hint: 'アクセラレータへの推薦に、総務省から追加の情報を求められています。',
            action: true,
          },
        ]}
      />
      <AttentionSection
        heading="人材プールとニーズ"
        cards={[
          {
            to: '/pools?status=interview',
            count: c.in_screening,
            label: '選考中',
            hint: '書類確認・面接・研修の段階にいる人。',
          },
          {
            to: '/pools?status=interview',
            count: c.upcoming_interviews,
            label: '今後の面接',
            hint: '日程が決まっている面接。',
          },
          {
            to: '/pools?status=registered',
            count: c.registered,
            label: '登録済み',
            hint: '人材プールに登録された人。',
          },
          {
            to: '/needs?status=published',
            count: c.open_needs,
            label: '公開中・選考中のニーズ',
            hint: '市町村を支援する人材を募集中。',
          },
          {
            to: '/dashboard',
            count: c.appointed_accelerators,
            label: '任命中のアクセラレータ',
            hint: '目安は各都道府県10名。進捗と推進体制はダッシュボードで。',
          },
        ]}
      />
    </>
  )
}

function MinistryHome({ home }: { home: Extract<Home, { kind: 'ministry' }> }) {
  const c = home.counts
  return (
    <>
      <AttentionSection
        heading="対応が必要なこと"
        cards={[
          {
            to: '/admin/skill-standard',
            count: c.catalogue_drafts,
            label: 'スキル標準の下書き',
            hint: '公開前の改訂版。差分を確認して公開してください。',
            action: true,
          },
          {
            to: '/appointments?status=nominated',
            count: c.nominations_to_review,
            label: '審査を待つ推薦',
            hint: '都道府県から届いたアクセラレータへの推薦。根拠を確かめて任命・差戻し・見送りを。',
            action: true,
          },
          {
            to: '/dx-structure',
            count: c.structure_reports_waiting,
            label: '確認を待つ推進体制の報告',
            hint: '都道府県が報告した推進体制 ①〜④。確認するか差し戻してください。',
            action: true,
          },
          {
            to: '/pools?pool=national',
            count: c.national_list_in_screening,
            label: '国のリストの選考中',
            hint: '国の外部人材リストへの応募・選考。',
            action: true,
          },
          ...(home.isAdmin
            ? [
                {
                  to: '/admin/users',
                  count: c.pending_invitations,
                  label: '未承諾の招待',
                  hint: '招待メールを送ったが、まだ登録していない職員。',
                },
              ]
            : []),
        ]}
      />
      <AttentionSection
        heading="全国の状況"
        cards={[
          {
            to: '/dashboard',
            count: c.appointed_accelerators,
            label: '任命中のアクセラレータ',
            hint: '全国の目標は500名。都道府県別の地図と推移はダッシュボードで。',
          },
          {
            to: '/needs',
            count: c.open_needs,
            label: '公開中・選考中のニーズ',
            hint: '全国の都道府県が募集しているニーズ。',
          },
          {
            to: '/issues',
            count: c.new_issues,
            label: '未確認の課題',
            hint: '市町村から届き、都道府県がまだ確認していない課題。',
          },
        ]}
      />
    </>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('ホーム') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
