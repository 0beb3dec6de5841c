// Feedback after a mutation: a signed, one-shot flash cookie read by the root loader (GUIDE rule 7).
import { createCookie, redirect } from '@remix-run/node'
import type { AppLoadContext } from '@remix-run/node'

export interface Toast {
  type: 'success' | 'info' | 'error'
  message: string
}

function toastCookie(context: AppLoadContext) {
  return createCookie('dxp_toast', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: context.services.secureCookies,
    secrets: context.services.sessionSecrets,
  })
}

export async function toastHeader(context: AppLoadContext, toast: Toast): Promise<string> {
  return toastCookie(context).serialize(toast)
}

export async function redirectWithToast(
  context: AppLoadContext,
  url: string,
  toast: Toast,
  init: { headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await toastHeader(context, toast))
  return redirect(url, { headers })
}

/** Reads and clears the toast. */
export async function getToast(
  request: Request,
  context: AppLoadContext,
): Promise<{ toast: Toast | null; headers: Headers }> {
  const cookie = toastCookie(context)
  const value = (await cookie.parse(request.headers.get('Cookie'))) as Toast | null
  const headers = new Headers()
  if (value) headers.append('Set-Cookie', await cookie.serialize('', { maxAge: 0 }))
  return { toast: value && typeof value.message === 'string' ? value : null, headers }
}
