// The one shared error boundary (GUIDE rule 7): expected HTTP outcomes get a Japanese explanation by status.
import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import type { ReactNode } from 'react'

type StatusHandler = (error: { status: number; data: unknown }) => ReactNode

const defaultMessages: Record<number, { title: string; body: string }> = {
  400: { title: '入力内容を確認してください', body: 'リクエストの内容に誤りがあります。' },
  403: { title: 'この操作は許可されていません', body: 'このページを表示する権限がありません。' },
  404: { title: 'ページが見つかりません', body: 'お探しのページは存在しないか、移動した可能性があります。' },
  503: { title: '一時的にご利用いただけません', body: '時間をおいて、もう一度お試しください。' },
}

export function GeneralErrorBoundary({ statusHandlers = {} }: { statusHandlers?: Record<number, StatusHandler> }) {
  const error = useRouteError()
  if (typeof document !== 'undefined' && !isRouteErrorResponse(error)) console.error(error)

  let content: ReactNode
  if (isRouteErrorResponse(error)) {
    const handler = statusHandlers[error.status]
    const fallback = defaultMessages[error.status] ?? { title: 'エラーが発生しました', body: '' }
    const detail = typeof error.data === 'string' && error.data ? error.data : fallback.body
    content = handler ? (
      handler(error)
    ) : (
      <>
        <h1>{fallback.title}</h1>
        <p>{detail}</p>
      </>
    )
  } else {
    content = (
      <>
        <h1>エラーが発生しました</h1>
        <p>申し訳ありません。予期しないエラーが発生しました。時間をおいて、もう一度お試しください。</p>
      </>
    )
  }
  return (
    <div className="page" role="alert">
      {content}
      <p>
        <Link to="/">トップページへ戻る</Link>
      </p>
    </div>
  )
}
