// Outgoing mail: Japanese templates queued in mail_outbox inside the caller's transaction; the mail worker
// (jobs/mail-worker.ts) sends them by SMTP when configured, or prints them to the console in development.
import type { DbExecutor } from '../../db/client'
import { enqueueMail, enqueueMailToEach, type NewMail } from '../../db/queries/mail-outbox'
import { poolStaffQuery } from '../../db/queries/users'

const SIGNATURE = `\n\n--\n自治体DXアクセラレータ500 プラットフォーム\n（このメールは送信専用です。心当たりがない場合は破棄してください。）`

type Template =
  | { template: 'email_verification'; name: string; url: string }
  | { template: 'password_reset'; url: string }
  | { template: 'invitation'; inviter: string; roleLabel: string; scopeLabel: string; url: string }
  | { template: 'email_change'; name: string; url: string }
  | { template: 'email_changed_notice'; name: string; newEmail: string }
  | { template: 'signup_existing'; url: string }
  | {
      template: 'pool_invitation'
      name: string
      poolLabel: string
      orgLabel: string
      inviter: string
      url: string
      expiresOn: string
    }
  | { template: 'pool_new_application'; poolLabel: string; via: string; url: string }
  | { template: 'appointment_review'; personName: string; decision: string; comment: string; url: string }
  | { template: 'appointment_notice'; name: string; number: string; appointedOn: string; url: string }
  // A need's shortlist (shortlist.server.ts): to the person from 打診 on, and to staff when the person answers.
  | {
      template: 'shortlist_contacted'
      name: string
      prefectureName: string
      needTitle: string
      municipalities: string
      /** The person expressed interest in this need already: the answer is in. */
      alreadyApplied: boolean
      url: string
    }
  | {
      template: 'shortlist_status'
      name: string
      prefectureName: string
      needTitle: string
      to: 'interview' | 'offered' | 'passed' | 'declined'
      url: string
    }
  | {
      template: 'shortlist_interview'
      name: string
      prefectureName: string
      needTitle: string
      at: string
      place: string
      changed: boolean
      url: string
    }
  | { template: 'shortlist_answer'; staffName: string; needTitle: string; answer: 'accepted' | 'declined'; url: string }
  // The weekly mail a professional asked for (公開範囲と同意): new open calls that fit them, best first.
  | {
      template: 'fitting_needs_digest'
      name: string
      needs: Array<{ title: string; prefectureName: string; summary: string; url: string }>
      more: number
      listUrl: string
      settingsUrl: string
    }
  // The ministry's notice to every accelerator now (accelerator-notice.server.ts), in full, with the page it is on.
  | { template: 'accelerator_notice'; name: string; title: string; body: string; url: string }

function render(mail: Template): { subject: string; body: string } {
  switch (mail.template) {
    case 'email_verification':
      return {
        subject: '【自治体DXアクセラレータ500】メールアドレスの確認',
        body: `${mail.name} 様\n\nご登録ありがとうございます。次のリンクを開いて、メールアドレスの確認を完了してください（24時間有効）。\n\n${mail.url}`,
      }
    case 'password_reset':
      return {
        subject: '【自治体DXアクセラレータ500】パスワードの再設定',
        body: `パスワード再設定の手続きを受け付けました。次のリンクから新しいパスワードを設定してください（1時間有効、1回限り）。\n\n${mail.url}\n\nお心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。`,
      }
    case 'invitation':
      return {
        subject: '【自治体DXアクセラレータ500】アカウントへの招待',
        body: `${mail.inviter} さんから、${mail.scopeLabel}の「${mail.roleLabel}」としてプラットフォームに招待されました。\n次のリンクからアカウントを作成してください（7日間有効、1回限り）。\n\n${mail.url}`,
      }
    case 'email_change':
      return {
        subject: '【自治体DXアクセラレータ500】新しいメールアドレスの確認',
        body: `${mail.name} 様\n\nメールアドレス変更の手続きを受け付けました。次のリンクを開くと変更が完了します（24時間有効）。\n\n${mail.url}`,
      }
    case 'signup_existing':
      return {
        subject: '【自治体DXアクセラレータ500】アカウントはすでに登録されています',
        body: `このメールアドレスで新規登録の手続きがありましたが、アカウントはすでに登録されています。\nパスワードをお忘れの場合は、次のページから再設定してください。\n\n${mail.url}\n\nお心当たりがない場合は、このメールを破棄してください。`,
      }
    case 'pool_new_application':
      // No applicant's name or details in the mail: staff read them on the site, as far as consent allows.
      return {
        subject: `【自治体DXアクセラレータ500】${mail.poolLabel}に新しい${mail.via}があります`,
        body: `${mail.poolLabel}に新しい${mail.via}がありました。\n次のリンクから内容を確認し、選考を進めてください。\n\n${mail.url}`,
      }
    case 'pool_invitation':
      return {
        subject: `【自治体DXアクセラレータ500】${mail.poolLabel}への登録のお願い（${mail.orgLabel}）`,
        body: `${mail.name} 様\n\n${mail.orgLabel}の${mail.inviter}です。あなたを${mail.poolLabel}にお迎えしたく、プラットフォームへのご登録をお願いします。\n次のリンクを開き、アカウントとプロフィールを作成して、依頼を承諾してください（${mail.expiresOn}まで有効、1回限り）。\n承諾すると、あなたのプロフィールが${mail.orgLabel}の担当者に表示されます。承諾しない場合は、同じページで辞退できます。\n\n${mail.url}`,
      }
    case 'shortlist_contacted':
      return {
        subject: `【自治体DXアクセラレータ500】${mail.prefectureName}からのお声がけ（${mail.needTitle}）`,
        body: `${mail.name} 様\n\n${mail.prefectureName}の担当者から、市町村を支援する仕事「${mail.needTitle}」（支援する市区町村: ${mail.municipalities || '未定'}）について、お話を伺いたいとのお声がけがありました。\n${
          mail.alreadyApplied
            ? 'この仕事にはすでに関心を表明いただいているため、応募として受け付けています。面談の日程は担当者から連絡します。'
            : `ログインして、次のページで仕事の内容を確認し、「話を聞く（応募する）」か「辞退する」を選んでください。\n「話を聞く」を選ぶと${mail.prefectureName}の人材プールへの応募となり、あなたのプロフィールが${mail.prefectureName}の担当者に共有されます。`
        }\n\n${mail.url}`,
      }
    case 'shortlist_status': {
      const text = {
        interview: {
          subject: '面談に進みます',
          body: '面談に進むことになりました。日時と場所は担当者から連絡します（決まるとホームにも表示されます）。',
        },
        offered: {
          subject: '内定のお知らせ',
          body: 'あなたを内定としました。着任の手続きについて、担当者から連絡します。\n辞退する場合は、次のページで「辞退する」を選んでください。',
        },
        passed: {
          subject: '選考結果のお知らせ',
          body: '検討の結果、今回は見送りとさせていただきました。ご協力ありがとうございました。',
        },
        declined: { subject: '辞退を承りました', body: '辞退のご連絡を承りました。ご検討ありがとうございました。' },
      }[mail.to]
      return {
        subject: `【自治体DXアクセラレータ500】${text.subject}（${mail.needTitle}）`,
        body: `${mail.name} 様\n\n${mail.prefectureName}の「${mail.needTitle}」について、${text.body}\n\n${mail.url}`,
      }
    }
    case 'shortlist_interview':
      return {
        subject: `【自治体DXアクセラレータ500】${mail.changed ? '面談の日程が変わりました' : '面談の日程のお知らせ'}（${mail.needTitle}）`,
        body: `${mail.name} 様\n\n${mail.prefectureName}の「${mail.needTitle}」の面談の日程を${mail.changed ? '変更しました' : 'お知らせします'}。\n\n日時: ${mail.at}\n場所: ${mail.place || '担当者から連絡します'}\n\n${mail.url}`,
      }
    case 'shortlist_answer':
      return {
        subject: `【自治体DXアクセラレータ500】お声がけへの回答：${mail.answer === 'accepted' ? '話を聞く' : '辞退'}（${mail.needTitle}）`,
        body: `${mail.staffName} さん\n\nニーズ「${mail.needTitle}」でお声がけした方が${
          mail.answer === 'accepted'
            ? '「話を聞く（応募する）」と回答しました。人材プールへの応募として届いています。面談の日程を決めてください。'
            : '辞退しました。'
        }\n\n${mail.url}`,
      }
    case 'fitting_needs_digest':
      return {
        subject: `【自治体DXアクセラレータ500】あなたに合う新しい公募（${mail.needs.length + mail.more}件）`,
        body: `${mail.name} 様\n\nこの1週間に公開された公募のうち、希望する働き方とスキルに合うものをお知らせします。\n\n${mail.needs
          .map((need) => `■ ${need.title}（${need.prefectureName}）\n  ${need.summary}\n  ${need.url}`)
          .join('\n\n')}${mail.more > 0 ? `\n\nほかに ${mail.more} 件あります。` : ''}\n\nあなたに合う公募の一覧: ${
          mail.listUrl
        }\n\nこのお知らせが不要になったら、「公開範囲と同意」で止められます: ${mail.settingsUrl}`,
      }
    case 'appointment_review':
      return {
        subject: `【自治体DXアクセラレータ500】アクセラレータの推薦の審査結果：${mail.decision}（${mail.personName}）`,
        body: `ご担当者様\n\n自治体DXアクセラレータに推薦した「${mail.personName}」さんについて、総務省の審査結果は「${mail.decision}」です。${
          mail.comment ? `\n\n総務省のコメント:\n${mail.comment}` : ''
        }\n\n${mail.url}`,
      }
    case 'appointment_notice':
      return {
        subject: '【自治体DXアクセラレータ500】自治体DXアクセラレータへの任命のお知らせ',
        body: `${mail.name} 様\n\nあなたを${mail.appointedOn}付けで「自治体DXアクセラレータ」に任命しました（${mail.number}）。\n任命通知、研修の記録、ほかのアクセラレータとのネットワーク、総務省からのお知らせは次のページにあります。\n\n${mail.url}`,
      }
    case 'accelerator_notice':
      return {
        subject: `【自治体DXアクセラレータ500】総務省からのお知らせ：${mail.title}`,
        body: `${mail.name} 様\n\n自治体DXアクセラレータの皆さまへ、総務省からお知らせを掲載しました。\n\n■ ${mail.title}\n\n${mail.body}\n\nお知らせの一覧は、アクセラレータのページで確認できます。\n${mail.url}`,
      }
    case 'email_changed_notice':
      return {
        subject: '【自治体DXアクセラレータ500】メールアドレスが変更されました',
        body: `${mail.name} 様\n\nアカウントのメールアドレスが ${mail.newEmail} に変更されました。お心当たりがない場合は、管理者に連絡してください。`,
      }
  }
}

/** Shown instead of a link's one-time token to anyone but the addressee (the 送信メール page). */
export const TOKEN_PLACEHOLDER = '（トークンは宛先本人にのみ送られます）'

// A token in any link's query (?token=… or &token=…), whatever the template.
const TOKEN_IN_LINK = /([?&]token=)[^\s&#]+/g

/**
 * The body as staff may see it: the token of the mail's link (and of any other link with a token) is
 * replaced, so nobody but the mailbox's owner ever holds a usable verification, reset or invitation link.
 */
export function redactTokens(body: string, secrets: readonly string[] = []): string {
  let shown = body
  for (const secret of secrets) if (secret) shown = shown.split(secret).join(TOKEN_PLACEHOLDER)
  return shown.replace(TOKEN_IN_LINK, `$1${TOKEN_PLACEHOLDER}`)
}

function secretsOf(mail: Template): string[] {
  if (!('url' in mail)) return []
  try {
    return new URL(mail.url).searchParams.getAll('token')
  } catch {
    return []
  }
}

export async function queueMail(
  db: DbExecutor,
  to: string,
  mail: Template,
  { prefectureCode = null }: { prefectureCode?: string | null } = {},
): Promise<void> {
  await enqueueMail(db, { to, ...outboxMail(mail, prefectureCode) })
}

/** A template as the outbox stores it: the signature added, and the copy staff see with its tokens blanked. */
function outboxMail(mail: Template, prefectureCode: string | null): Omit<NewMail, 'to'> {
  const { subject, body } = render(mail)
  const bodyText = body + SIGNATURE
  return {
    subject,
    bodyText,
    shownBodyText: redactTokens(bodyText, secretsOf(mail)),
    template: mail.template,
    prefectureCode,
  }
}

/**
 * Queues one mail to each of the staff who look after a pool (its prefecture's, or the ministry's for the national
 * list '00'), in the caller's transaction and in one statement.
 */
export async function queueMailToPoolStaff(db: DbExecutor, poolCode: string, mail: Template): Promise<void> {
  await enqueueMailToEach(db, poolStaffQuery(db, poolCode), outboxMail(mail, poolCode === '00' ? null : poolCode))
}

/** Tells the staff who look after a pool that someone applied or expressed interest. */
export async function notifyPoolStaff(
  db: DbExecutor,
  { poolCode, poolLabel, via, url }: { poolCode: string; poolLabel: string; via: '応募' | '関心表明'; url: string },
): Promise<void> {
  await queueMailToPoolStaff(db, poolCode, { template: 'pool_new_application', poolLabel, via, url })
}
