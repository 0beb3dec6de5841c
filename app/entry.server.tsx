// Renders documents to a string in one pass (renderDocument below says why).
//
// Not `renderToPipeableStream` (Remix's default on Node): in React 18.3 it copies encoded text into 2 KB
// buffers and, when a multi-byte character (all Japanese text) does not fit at the end of a buffer, sends the
// whole buffer with its unwritten tail, i.e. NUL bytes inside the page (react#24985, fixed upstream only in
// React 19 by react#26228). `app/entry.server.test.tsx` keeps Japanese text whole.
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToString } from 'react-dom/server'
import type { ReactElement } from 'react'
import { NonceProvider } from './utils/nonce'
import { addServerTiming } from './utils/server-timing.server'
import type { QueryStats } from '../db/query-stats'

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? ''
  const html = renderDocument(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  )
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  // Loaders have all finished by now, and the render is synchronous: every statement is counted.
  addServerTiming(responseHeaders, loadContext.queryStats)
  return new Response(html, { headers: responseHeaders, status: responseStatusCode })
}

/**
 * The one place documents are rendered (exported for the renderer test): the whole page in one synchronous
 * pass. No page defers data (loaders return everything the page shows), so streaming would gain nothing,
 * and a string costs far less than a stream per request: no chunk encoding, no stream plumbing, one write.
 * A JavaScript string cannot split a character, so Japanese text stays whole whatever its length.
 */
export function renderDocument(element: ReactElement): string {
  return `<!DOCTYPE html>${renderToString(element)}`
}

export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  addServerTiming(response.headers, context.queryStats)
  return response
}

export function handleError(error: unknown, { request }: { request: Request }) {
  // Aborted requests (the client went away) are not errors of ours.
  if (request.signal.aborted) return
  console.error(`[error] ${request.method} ${new URL(request.url).pathname}`, error)
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Set by server.ts per request; the same value is in the Content-Security-Policy header. */
    cspNonce?: string
    /** Set by server.ts when SERVER_TIMING is on: the request's statements, sent back in Server-Timing. */
    queryStats?: QueryStats
  }
}
