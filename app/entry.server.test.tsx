// The document renderer never splits a multi-byte character: whatever mix of Japanese and ASCII text, at
// whatever offset a character would meet a buffer boundary, the bytes sent decode to exactly the text rendered.
// (React 18's Node stream renderer fails the first test: it pads such a boundary with NUL bytes.)
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { renderDocument } from './entry.server'

/** Renders short texts as list items and decodes the bytes a response would carry. */
async function renderList(texts: string[]): Promise<string> {
  const html = renderDocument(
    <ul>
      {texts.map((text, i) => (
        <li key={i}>{text}</li>
      ))}
    </ul>,
  )
  return new TextDecoder('utf-8', { fatal: true }).decode(await new Response(html).arrayBuffer())
}

const expected = (texts: string[]) => `<!DOCTYPE html><ul>${texts.map((text) => `<li>${text}</li>`).join('')}</ul>`
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

describe('renderDocument errors', () => {
  it('throws what a component throws, so Remix renders the error boundary instead of half a page', () => {
    function Broken(): never {
      throw new Error('壊れた部品')
    }
    expect(() =>
      renderDocument(
        <main>
          <p>前半</p>
          <Broken />
        </main>,
      ),
    ).toThrow('壊れた部品')
  })
})
