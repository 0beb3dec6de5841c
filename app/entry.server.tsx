// Renders documents with React's web-streams renderer and sends each one whole (wholeDocument below).
//
// Not `renderToString`: Remix's single fetch sends each route's loader data inside Suspense boundaries that
// resolve as the data stream is written; a string render stops at their fallbacks, and the page never hydrates.
//
// Why not `renderToPipeableStream` (Remix's default on Node): in React 18.3 it copies encoded text into
// 2 KB buffers and, when a multi-byte character (all Japanese text) does not fit at the end of a buffer,
// sends the whole buffer with its unwritten tail, i.e. NUL bytes inside the page (react#24985, fixed
// upstream only in React 19 by react#26228). The web-streams build encodes each chunk whole before copying
// bytes, so it cannot split a character; `app/entry.server.test.tsx` keeps it that way. It is loaded with a
// pooled encoder (app/utils/react-renderer.server.ts): its own allocates a buffer for every string it writes.
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import type { ReactElement } from 'react'
import { NonceProvider } from './utils/nonce'
import { renderToReadableStream } from './utils/react-renderer.server'
import { addServerTiming } from './utils/server-timing.server'
import type { QueryStats } from '../db/query-stats'

const ABORT_DELAY_MS = 5_000

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? ''
  let status = responseStatusCode
  const body = await renderDocument(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
    </NonceProvider>,
    {
      nonce,
      timeoutMs: ABORT_DELAY_MS + 1_000,
      onError(error) {
        status = 500
        // Errors after the shell are logged here once; errors in loaders are logged by Remix's handleError.
        if (!request.signal.aborted) console.error(`[render] ${loadContext.requestInfo?.id ?? ''}`, error)
      },
    },
  )
  const html = await wholeDocument(body)
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  // Loaders have all finished by now; the statements the render itself may still start are not counted.
  addServerTiming(responseHeaders, loadContext.queryStats)
  return new Response(html, { headers: responseHeaders, status })
}

/**
 * The finished document as one buffer. No page defers data (loaders return everything the page shows), so the
 * render is done moments after it starts and nothing is gained by sending it piece by piece; sent as React's
 * 2 KB pieces, each piece went through compression as a call of its own, a fifth of the CPU of a large page (the
 * audit log). Whole, it is one write and one compression call, and a render error sets the status in time.
 */
export async function wholeDocument(stream: ReadableStream<Uint8Array> & { allReady: Promise<void> }) {
  await stream.allReady
  const chunks: Uint8Array[] = []
  let length = 0
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    length += value.byteLength
  }
  return Buffer.concat(chunks, length)
}

/**
 * The one place documents are rendered (exported for the renderer test). A render still streaming after
 * `timeoutMs` is aborted; the timer is cleared as soon as everything is rendered, because React never removes
 * its abort listener: a timer left running would keep each page's render state (loader data, markup) alive
 * for the whole delay, then abort a finished stream and log an error for every request.
 */
export async function renderDocument(
  element: ReactElement,
  { timeoutMs, ...options }: { nonce?: string; timeoutMs?: number; onError?: (error: unknown) => void },
) {
  if (timeoutMs === undefined) return renderToReadableStream(element, options)
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), timeoutMs)
  const done = () => clearTimeout(timer)
  try {
    const body = await renderToReadableStream(element, { ...options, signal: abort.signal })
    body.allReady.then(done, done)
    return body
  } catch (error) {
    done()
    throw error
  }
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
