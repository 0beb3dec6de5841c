// A professional's own data as a whole (本人開示と退会): everything the platform keeps about them as JSON and
// CSV, and deleting the account. Like profile.server.ts, every function takes the session user and touches
// only that user's data.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import { deleteAuthTokensOfUser } from '../../db/queries/auth-tokens'
import { deleteLoginAttemptsOf } from '../../db/queries/login-attempts'
import { deleteMailsTo } from '../../db/queries/mail-outbox'
import { listInterestsOfProfile } from '../../db/queries/needs'
import { listMemberships } from '../../db/queries/pools'
import { findIntroductionReading } from '../../db/queries/profile-index'
import { deleteProfileOfUser, findProfileByUserId } from '../../db/queries/profiles'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import { findUserById, updateUser } from '../../db/queries/users'
import { type SessionUser, verifyPassword } from '../utils/auth.server'
import { toCsv } from '../utils/csv'
import { EMPLOYMENT_FORM_LABELS, PAY_UNIT_LABELS, PROFILE_VISIBILITY_LABELS } from '../utils/labels'
import { recordAudit } from './audit.server'
import { getMyProfile } from './profile.server'

/** All the data the platform keeps about me (本人開示): JSON for machines, CSV (one fact per row) for Excel. */
export async function exportMyData(context: AppLoadContext, user: SessionUser) {
  const { db } = context.services.database
  const account = await findUserById(db, user.id)
  if (!account) throw new Response('アカウントが見つかりません。', { status: 404 })
  const mine = await getMyProfile(context, user)
  const sessions = await context.services.auth.getUserSessions(user.id)
  const row = await findProfileByUserId(db, user.id)
  // What I sent: applications to pools and interest in open calls (the prefectures' screening notes are theirs).
  const [memberships, interests, introductionReading] = row
    ? await Promise.all([
        listMemberships(db, row.id),
        listInterestsOfProfile(db, row.id),
        // Derived from the introduction for search (how its words are read), and kept: so it is theirs too.
        findIntroductionReading(db, row.id),
      ])
    : [[], [], null]
  const json = {
    exportedAt: new Date().toISOString(),
    account: {
      email: account.email,
      displayName: account.display_name,
      role: account.role,
      emailVerifiedAt: account.email_verified_at?.toISOString() ?? null,
      createdAt: new Date(account.created_at).toISOString(),
    },
    profile: row
      ? {
          familyName: row.family_name,
          givenName: row.given_name,
          familyNameKana: row.family_name_kana,
          givenNameKana: row.given_name_kana,
          contactEmail: row.contact_email,
          phone: row.phone,
          residencePrefectureCode: row.residence_prefecture_code,
          birthYear: row.birth_year,
          introduction: row.introduction,
          introductionReading,
          yearsPrivateIt: row.years_private_it,
          yearsPublicSector: row.years_public_sector,
          languages: row.languages,
          employmentForms: row.employment_forms,
          daysPerWeek: row.days_per_week,
          availableFrom: row.available_from,
          workArea: row.work_area,
          workPrefectureCodes: row.work_prefecture_codes,
          remoteOk: row.remote_ok,
          onsiteDaysPerMonth: row.onsite_days_per_month,
          payMinYen: row.pay_min_yen,
          payMaxYen: row.pay_max_yen,
          payUnit: row.pay_unit,
          visibility: row.visibility,
          visiblePrefectureCodes: row.visible_prefecture_codes,
          nationalListConsent: row.national_list_consent,
          publicDirectoryConsent: row.public_directory_consent,
          consentUpdatedAt: row.consent_updated_at?.toISOString() ?? null,
          createdAt: row.created_at.toISOString(),
          updatedAt: row.updated_at.toISOString(),
        }
      : null,
    skills: mine.skills.map((s) => ({
      skillId: s.id,
      name: s.name,
      level: s.level,
      levelLabel: s.levelLabel,
      retired: s.retired,
    })),
    qualifications: mine.qualifications.map((q) => ({
      qualificationId: q.id,
      name: q.name,
      acquiredYear: q.acquiredYear,
      retired: q.retired,
    })),
    experiences: mine.experiences.map((e) => ({
      organization: e.organization,
      title: e.title,
      startMonth: e.startMonth,
      endMonth: e.endMonth,
      description: e.description,
      skills: e.skills.map((s) => ({ skillId: s.id, name: s.name })),
    })),
    applications: memberships.map((m) => ({
      prefectureCode: m.prefecture_code,
      prefectureName: m.prefecture_name ?? '国の外部人材リスト',
      status: m.status,
      message: m.application_message,
      createdAt: new Date(m.created_at).toISOString(),
    })),
    openCallInterests: interests.map((i) => ({
      needTitle: i.title,
      prefectureCode: i.prefecture_code,
      message: i.message,
      createdAt: i.created_at.toISOString(),
    })),
    // Session ids are credentials: never exported.
    sessions: sessions.map((s) => ({
      createdAt: s.created_at.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ip: s.ip,
      userAgent: s.user_agent,
    })),
  }

  const prefectureName = new Map(mine.prefectures.map((p) => [p.code, p.name]))
  const pref = (code: string | null) => (code ? (prefectureName.get(code) ?? code) : '')
  const facts: Array<[string, string, string | number | null]> = [
    ['アカウント', 'メールアドレス', json.account.email],
    ['アカウント', '表示名', json.account.displayName],
    ['アカウント', '登録日時', json.account.createdAt],
  ]
  const p = json.profile
  if (p) {
    facts.push(
      ['基本情報', '氏名', `${p.familyName} ${p.givenName}`],
      ['基本情報', 'ふりがな', `${p.familyNameKana} ${p.givenNameKana}`],
      ['基本情報', '連絡先メールアドレス', p.contactEmail],
      ['基本情報', '電話番号', p.phone],
      ['基本情報', '居住都道府県', pref(p.residencePrefectureCode)],
      ['基本情報', '生年', p.birthYear],
      ['基本情報', '自己紹介', p.introduction],
      ['基本情報', '自己紹介の読み（検索用）', p.introductionReading],
      ['基本情報', '民間企業でのIT関連の経験年数', p.yearsPrivateIt],
      ['基本情報', '公共部門での経験年数', p.yearsPublicSector],
      ['基本情報', '言語', p.languages.join('、')],
      ['働き方の希望', '勤務形態', p.employmentForms.map((f) => EMPLOYMENT_FORM_LABELS[f]).join('、')],
      ['働き方の希望', '週の勤務可能日数', p.daysPerWeek],
      ['働き方の希望', '勤務開始可能日', p.availableFrom],
      ['働き方の希望', '勤務地域', p.workArea === 'all' ? '全国' : p.workPrefectureCodes.map(pref).join('、')],
      ['働き方の希望', 'リモート勤務', p.remoteOk ? '可' : '不可'],
      ['働き方の希望', '月あたりの現地勤務日数', p.onsiteDaysPerMonth],
      ['働き方の希望', '希望報酬（下限・円）', p.payMinYen],
      ['働き方の希望', '希望報酬（上限・円）', p.payMaxYen],
      ['働き方の希望', '報酬の単位', p.payUnit ? PAY_UNIT_LABELS[p.payUnit] : null],
      ['公開範囲と同意', '公開範囲', PROFILE_VISIBILITY_LABELS[p.visibility]],
      ['公開範囲と同意', '公開する都道府県', p.visiblePrefectureCodes.map(pref).join('、')],
      ['公開範囲と同意', '国の外部人材リストへの掲載', p.nationalListConsent ? '同意する' : '同意しない'],
      ['公開範囲と同意', '任命時の公開名簿への掲載', p.publicDirectoryConsent ? '同意する' : '同意しない'],
      ['公開範囲と同意', '同意の更新日時', p.consentUpdatedAt],
    )
  }
  for (const s of json.skills)
    facts.push(['スキル', s.name + (s.retired ? '（廃止）' : ''), `レベル${s.level} ${s.levelLabel}`])
  for (const q of json.qualifications)
    facts.push([
      '資格',
      q.name + (q.retired ? '（廃止）' : ''),
      q.acquiredYear === null ? '保有' : `${q.acquiredYear}年取得`,
    ])
  json.experiences.forEach((e, index) => {
    const label = `職歴${index + 1}`
    facts.push(
      [label, '所属先', e.organization],
      [label, '役職・担当', e.title],
      [label, '期間', `${e.startMonth}〜${e.endMonth ?? '現在'}`],
      [label, '業務内容', e.description],
      [label, '関連スキル', e.skills.map((s) => s.name).join('、')],
    )
  })
  json.applications.forEach((a, index) =>
    facts.push([`応募${index + 1}`, `${a.prefectureName}（${a.createdAt}）`, a.message]),
  )
  json.openCallInterests.forEach((i, index) =>
    facts.push([
      `公募への関心表明${index + 1}`,
      `${pref(i.prefectureCode)}「${i.needTitle}」（${i.createdAt}）`,
      i.message,
    ]),
  )
  json.sessions.forEach((s, index) =>
    facts.push([
      `ログイン中の端末${index + 1}`,
      'ログイン日時・IPアドレス・ブラウザー',
      `${s.createdAt} ${s.ip ?? ''} ${s.userAgent ?? ''}`.trim(),
    ]),
  )
  const csv = toCsv([['区分', '項目', '値'], ...facts])
  return { json, csv }
}

export type DeleteAccountResult = { status: 'ok' } | { status: 'wrong-password' }

/**
 * 退会: deletes the profile (its skills, qualifications and experiences go with it), anonymises the account
 * (the row stays so audit rows keep pointing somewhere) and ends every session. The audit row records only
 * that the account with this id was deleted — no name, no address.
 */
export async function deleteMyAccount(
  context: AppLoadContext,
  user: SessionUser,
  password: string,
): Promise<DeleteAccountResult> {
  const { db } = context.services.database
  const existing = await findUserById(db, user.id)
  if (!existing?.password_hash || !(await verifyPassword(existing.password_hash, password)))
    return { status: 'wrong-password' }
  await db.transaction().execute(async (trx) => {
    const profile = await findProfileByUserId(trx, user.id)
    await deleteProfileOfUser(trx, user.id)
    // Tokens carry the address and are credentials: none may outlive the account.
    await deleteAuthTokensOfUser(trx, user.id)
    // The address also sits in mail history and login throttling rows: neither is needed once the person is gone.
    await deleteMailsTo(trx, user.email)
    await deleteLoginAttemptsOf(trx, user.email)
    const anonymised = await updateUser(trx, user.id, {
      email: `deleted-${crypto.randomUUID()}@invalid`,
      display_name: '退会済みユーザー',
      password_hash: null,
      deactivated_at: new Date(),
    })
    // The actor is the anonymised account, so the label carries no personal data either.
    await recordAudit(
      trx,
      {
        user: {
          id: anonymised.id,
          email: anonymised.email,
          display_name: anonymised.display_name,
          role: anonymised.role,
        },
        requestInfo: context.requestInfo,
      },
      {
        action: 'delete_account',
        entity: 'user',
        entityId: user.id,
        summary: '本人がアカウントを削除しました（プロフィールを削除し、アカウントを匿名化）',
        prefectureCode: null,
        after: { profile_deleted: Boolean(profile), anonymised: true },
      },
    )
    // The search document goes too (the worker finds no row and removes it).
    if (profile) await enqueueSearchSync(trx, 'profile', [profile.id])
  })
  await context.services.auth.invalidateUserSessions(user.id)
  return { status: 'ok' }
}
