// The document renderer never splits a multi-byte character: whatever mix of Japanese and ASCII text, at
// whatever offset a character meets a buffer boundary, the bytes decode to exactly the text rendered.
// (React 18's Node stream renderer fails the first test: it pads such a boundary with NUL bytes.)
import fc from 'fast-check'
import { Suspense } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderDocument, wholeDocument } from './entry.server'
import { PooledTextEncoder } from './utils/react-renderer.server'

/** Renders short texts as list items: many small chunks, as real pages are made of. */
async function renderList(texts: string[]): Promise<string> {
  const stream = await renderDocument(
    <ul>
      {texts.map((text, i) => (
        <li key={i}>{text}</li>
      ))}
    </ul>,
    {},
  )
  await stream.allReady
  return new TextDecoder('utf-8', { fatal: true }).decode(await new Response(stream).arrayBuffer())
}

const expected = (texts: string[]) => `<ul>${texts.map((text) => `<li>${text}</li>`).join('')}</ul>`
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/
const shortText = fc
  .array(fc.constantFrom('監査', '・', '自己点検', 'あ', 'ア', 'a', '1', '𠮷', 'ｶﾞ', ' ', '標準化'), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.join(''))

describe('renderDocument', () => {
  it('writes no NUL or other control character into Japanese text at any buffer boundary', async () => {
    for (let padding = 0; padding < 12; padding++) {
      const texts = Array.from({ length: 300 }, (_, i) => `${'a'.repeat(padding)}監査・自己点検${i}`)
      const html = await renderList(texts)
      expect(CONTROL_CHARACTERS.test(html)).toBe(false)
      expect(html).toBe(expected(texts))
    }
  })

  it('round-trips random Japanese text exactly (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(shortText, { minLength: 1, maxLength: 400 }), async (texts) => {
        expect(await renderList(texts)).toBe(expected(texts))
      }),
      { numRuns: 60, seed: 20261130 },
    )
  })
})

/** A component that suspends until `resolve` gives it its data, as Remix's data stream does (React 18: it throws the promise). */
function lateRouteData() {
  let resolve!: (text: string) => void
  const data = new Promise<string>((r) => (resolve = r))
  let loaded: string | null = null
  data.then((text) => (loaded = text))
  function RouteData() {
    if (loaded === null) throw data
    return <script>{`window.__routeData = ${JSON.stringify(loaded)}`}</script>
  }
  return { RouteData, resolve }
}

describe('renderDocument and the data the browser hydrates with', () => {
  it('sends what a suspended component renders once its data arrives, not only the fallback', async () => {
    // Remix's single fetch sends each route's loader data to the browser this way: <Scripts> renders a
    // Suspense boundary per chunk of the data stream, and the browser cannot hydrate (no click handler, no
    // live count on any page) until every chunk has been sent. A renderer that stops at the fallbacks, such
    // as renderToString, sends a page that looks right and never comes alive.
    const { RouteData, resolve } = lateRouteData()
    const stream = await renderDocument(
      <main>
        <p>選択したスキル</p>
        <Suspense fallback={null}>
          <RouteData />
        </Suspense>
      </main>,
      {},
    )
    setTimeout(() => resolve('ローダーのデータ'), 10)
    await stream.allReady
    const html = await new Response(stream).text()
    expect(html).toContain('ローダーのデータ')
  })

  it('hands over the whole document as one buffer, the late data included, every byte in order', async () => {
    const { RouteData, resolve } = lateRouteData()
    // Long enough to span many of the renderer's pieces.
    const rows = Array.from({ length: 400 }, (_, i) => `監査ログの記録 ${i}: 𠮷野家と標準化`)
    const stream = await renderDocument(
      <main>
        <ul>
          {rows.map((row, i) => (
            <li key={i}>{row}</li>
          ))}
        </ul>
        <Suspense fallback={null}>
          <RouteData />
        </Suspense>
      </main>,
      {},
    )
    setTimeout(() => resolve('ローダーのデータ'), 10)
    const whole = await wholeDocument(stream)
    const html = new TextDecoder('utf-8', { fatal: true }).decode(whole)
    expect(html.match(/<li>(.*?)<\/li>/g)?.map((li) => li.slice(4, -5))).toEqual(rows)
    expect(html).toContain('ローダーのデータ')
    expect(whole.byteLength).toBeGreaterThan(8 * 2048)
  })
})

describe('renderDocument deadline', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('clears its abort timer once the page is rendered, so a finished page is neither kept nor aborted', async () => {
    vi.useFakeTimers()
    const onError = vi.fn()
    const stream = await renderDocument(<p>監査ログ</p>, { timeoutMs: 6_000, onError })
    await stream.allReady
    await new Response(stream).text()
    await Promise.resolve()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(60_000)
    expect(onError).not.toHaveBeenCalled()
  })

  it('still aborts a render that is not finished by the deadline', async () => {
    vi.useFakeTimers()
    const onError = vi.fn()
    const never = new Promise<never>(() => {})
    // Suspends for good (React 18: a component throws the promise it waits for).
    function Pending(): never {
      throw never
    }
    const stream = await renderDocument(
      <Suspense fallback={<span>読み込み中</span>}>
        <Pending />
      </Suspense>,
      { timeoutMs: 6_000, onError },
    )
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(6_000)
    await expect(stream.allReady).resolves.toBeUndefined()
    expect(onError).toHaveBeenCalled()
  })
})

describe('the renderer encoding', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it("never calls the platform's TextEncoder for the short strings a page is made of (it allocates a buffer per string)", async () => {
    const nativeEncode = vi.spyOn(TextEncoder.prototype, 'encode')
    const rows = Array.from({ length: 200 }, (_, i) => `監査ログ ${i}: 標準化と共通化`)
    const html = new TextDecoder('utf-8', { fatal: true }).decode(
      await wholeDocument(
        await renderDocument(
          <ul className="audit">
            {rows.map((row, i) => (
              <li key={i} data-label="内容">
                {row}
              </li>
            ))}
          </ul>,
          {},
        ),
      ),
    )
    expect(html).toBe(`<ul class="audit">${rows.map((row) => `<li data-label="内容">${row}</li>`).join('')}</ul>`)
    expect(nativeEncode).not.toHaveBeenCalled()
  })

  it("renders long texts exactly and leaves Node's buffer pool usable (the byte stream detaches what it is given whole)", async () => {
    // Lengths around the renderer's 512-byte view and Node's 4 KB pooled-allocation limit, ASCII and Japanese.
    const texts = [100, 170, 171, 300, 700, 1500, 3000, 5000].flatMap((n) => ['a'.repeat(n), '監'.repeat(n)])
    for (let round = 0; round < 2; round++) {
      expect(await renderList(texts)).toBe(expected(texts))
      const after = Buffer.from('プールは使える', 'utf8')
      expect(after.toString('utf8')).toBe('プールは使える')
      expect(after.buffer.byteLength).toBeGreaterThan(0)
    }
  })

  it('leaves the global TextEncoder as it was for everything else', () => {
    expect(TextEncoder).not.toBe(PooledTextEncoder)
    expect(new TextEncoder().encode('監査')).not.toBeInstanceOf(Buffer)
    expect(Array.from(new PooledTextEncoder().encode('監査a'))).toEqual(Array.from(Buffer.from('監査a')))
  })
})
