// React's web-streams renderer (`react-dom/server.browser`), loaded with an encoder that does not allocate a
// buffer of its own for every string.
//
// The renderer turns each piece of markup into bytes with one TextEncoder it creates when its module loads.
// In Node, `TextEncoder.encode` allocates a fresh ArrayBuffer per call: a page is made of thousands of short
// strings (tags, attributes, texts), and those calls were a fifth of the app's CPU on a large page, with much
// of its garbage collection besides (the audit log's CPU profile; docs/BENCHMARKS.md). `Buffer.from(text, 'utf8')`
// encodes the same bytes into slices of Node's shared buffer pool, about eight times faster for such strings.
// A pooled slice is only given for a string short enough to be copied: the renderer copies a chunk of up to
// 512 bytes into its own view, but hands a longer one to the byte stream whole, and a byte stream takes over
// (detaches) the chunk's whole ArrayBuffer, which for a pooled slice is the pool every other Buffer in the
// process is cut from. A longer string gets an array of its own, as before.
//
// The encoder can only be chosen while the module loads, so the global is swapped for that one synchronous
// require and put back at once: nothing else runs in between, and nothing else sees the pooled encoder.
import { createRequire } from 'node:module'
import type * as WebStreamsServer from 'react-dom/server.browser'

/** The renderer's view size: chunks up to this many bytes are copied, longer ones are enqueued as they are. */
const RENDERER_VIEW_BYTES = 512
/** A UTF-16 code unit is at most 3 bytes of UTF-8 (a 4-byte character is two units). */
const MAX_UTF8_BYTES_PER_UNIT = 3

/**
 * A TextEncoder whose `encode` returns a slice of Node's buffer pool (a Buffer is a Uint8Array) for strings
 * that cannot encode to more than the renderer copies, and a fresh array for longer ones.
 */
export class PooledTextEncoder extends TextEncoder {
  override encode(input = ''): Uint8Array<ArrayBuffer> {
    if (input.length * MAX_UTF8_BYTES_PER_UNIT > RENDERER_VIEW_BYTES) return super.encode(input)
    return Buffer.from(input, 'utf8') as Uint8Array<ArrayBuffer>
  }
}

type WebStreamsRenderer = typeof WebStreamsServer

function loadRenderer(): WebStreamsRenderer {
  const require = createRequire(import.meta.url)
  const nativeTextEncoder = globalThis.TextEncoder
  globalThis.TextEncoder = PooledTextEncoder
  try {
    return require('react-dom/server.browser') as WebStreamsRenderer
  } finally {
    globalThis.TextEncoder = nativeTextEncoder
  }
}

export const { renderToReadableStream } = loadRenderer()
