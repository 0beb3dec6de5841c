// A mailed link that changes something (verify an address, confirm a new one): the GET only shows a
// button, the POST does the work, so mail scanners that open links cannot use the token up.
import { Form, Link } from '@remix-run/react'
import { SubmitButton } from './forms'

export function TokenConfirmPage({
  title,
  description,
  buttonLabel,
  token,
  error,
}: {
  title: string
  description: string
  buttonLabel: string
  token: string
  error: string | null
}) {
  return (
    <div className="page">
      <h1>{title}</h1>
      {error ? (
        <>
          <p className="notice notice--error" role="alert">
            {error}
          </p>
          <p>
            <Link to="/login">ログイン画面へ</Link>
          </p>
        </>
      ) : (
        <Form method="post" className="form-stack">
          <p>{description}</p>
          <input type="hidden" name="token" value={token} />
          <div>
            <SubmitButton pendingText="処理中…">{buttonLabel}</SubmitButton>
          </div>
        </Form>
      )}
    </div>
  )
}
