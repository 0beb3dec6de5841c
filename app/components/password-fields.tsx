// A new password and its confirmation, as every form that sets one asks for them (sign-up, accepting an
// invitation, resetting and changing a password): the browser may offer a generated password for both.
import { PASSWORD_MIN_LENGTH } from '~/utils/account-validation'
import { Field, type FormField } from './forms'

export function NewPasswordFields({
  password,
  confirmPassword,
  label = 'パスワード',
  description = `${PASSWORD_MIN_LENGTH}文字以上`,
}: {
  password: FormField
  confirmPassword: FormField
  /** 「パスワード」 for a new account, 「新しいパスワード」 when one is replaced. */
  label?: string
  description?: string
}) {
  return (
    <>
      <Field label={label} description={description} field={password} type="password" autoComplete="new-password" />
      <Field label={`${label}（確認）`} field={confirmPassword} type="password" autoComplete="new-password" />
    </>
  )
}
