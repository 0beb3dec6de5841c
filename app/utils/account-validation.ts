// Form schemas shared by the browser (conform's constraints) and the server (the real check).
// Messages are Japanese and shown next to the field.
import { z } from 'zod'
import { plainString, PREFECTURE_CODE } from './field-schemas'

export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 128

export const EmailSchema = plainString({ message: 'メールアドレスを入力してください' })
  .trim()
  .min(1, { message: 'メールアドレスを入力してください' })
  .max(254, { message: 'メールアドレスが長すぎます' })
  .pipe(z.email({ message: 'メールアドレスの形式が正しくありません（例: taro@example.jp）' }))

export const PasswordSchema = plainString({ message: 'パスワードを入力してください' })
  .min(PASSWORD_MIN_LENGTH, { message: `パスワードは${PASSWORD_MIN_LENGTH}文字以上にしてください` })
  .max(PASSWORD_MAX_LENGTH, { message: `パスワードは${PASSWORD_MAX_LENGTH}文字以内にしてください` })

export const DisplayNameSchema = plainString({ message: '氏名を入力してください' })
  .trim()
  .min(1, { message: '氏名を入力してください' })
  .max(100, { message: '氏名は100文字以内で入力してください' })

/** Adds the "passwords match" check, keeping the object type (conform reads the fields from it). */
function confirmed<S extends z.ZodObject<{ password: z.ZodString; confirmPassword: z.ZodString }>>(schema: S): S {
  return schema.refine((value) => value.password === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'パスワードが一致しません',
  })
}

export const SignupSchema = confirmed(
  z.object({
    displayName: DisplayNameSchema,
    email: EmailSchema,
    password: PasswordSchema,
    confirmPassword: plainString({ message: '確認のため、もう一度パスワードを入力してください' }),
    agree: z.literal('on', { message: '利用規約と個人情報の取扱いへの同意が必要です' }),
    /** Where to return after verifying and logging in (e.g. a pool invitation); checked by safeRedirect. */
    redirectTo: plainString().optional(),
  }),
)

export const LoginSchema = z.object({
  email: EmailSchema,
  password: plainString({ message: 'パスワードを入力してください' }).min(1, {
    message: 'パスワードを入力してください',
  }),
  redirectTo: plainString().optional(),
})

export const ForgotPasswordSchema = z.object({ email: EmailSchema })

export const ResetPasswordSchema = confirmed(
  z.object({
    token: plainString().min(1),
    password: PasswordSchema,
    confirmPassword: plainString({ message: '確認のため、もう一度パスワードを入力してください' }),
  }),
)

export const ChangePasswordSchema = confirmed(
  z.object({
    intent: z.literal('change-password'),
    currentPassword: plainString({ message: '現在のパスワードを入力してください' }).min(1, {
      message: '現在のパスワードを入力してください',
    }),
    password: PasswordSchema,
    confirmPassword: plainString({ message: '確認のため、もう一度パスワードを入力してください' }),
  }),
)

export const ChangeEmailSchema = z.object({
  intent: z.literal('change-email'),
  email: EmailSchema,
  currentPassword: plainString({ message: '現在のパスワードを入力してください' }).min(1, {
    message: '現在のパスワードを入力してください',
  }),
})

export const AcceptInvitationSchema = confirmed(
  z.object({
    token: plainString().min(1),
    displayName: DisplayNameSchema,
    password: PasswordSchema,
    confirmPassword: plainString({ message: '確認のため、もう一度パスワードを入力してください' }),
  }),
)

export const InviteSchema = z
  .object({
    email: EmailSchema,
    role: z.enum(['ministry_admin', 'ministry_staff', 'prefecture_admin', 'prefecture_staff', 'municipal_staff'], {
      message: '役割を選択してください',
    }),
    prefectureCode: plainString().regex(PREFECTURE_CODE, { message: '都道府県を選択してください' }).optional(),
    municipalityCode: plainString()
      .regex(/^[0-9]{6}$/, { message: '市区町村を候補から選択してください' })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.role === 'prefecture_admin' || value.role === 'prefecture_staff') && !value.prefectureCode) {
      ctx.addIssue({ code: 'custom', path: ['prefectureCode'], message: '都道府県を選択してください' })
    }
    if (value.role === 'municipal_staff' && !value.municipalityCode) {
      ctx.addIssue({ code: 'custom', path: ['municipalityCode'], message: '市区町村を候補から選択してください' })
    }
  })
